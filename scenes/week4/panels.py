"""Interactive panels of week 4's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations

import numpy as np

from calcviz import Field, multivariate
from scenes.publish.panels import (ACCENT, DERIVATIVE, MUTED, SECANT, TANGENT, Board, Curve, Line, Panel, Path3D, Point, Point3D,
                                   Readout, Scene3D, Slider, Surface, camera, frames_over, grid)

SURFACE_RESOLUTION = 41  # the sheet's grid (drawing only)
PLANE_HALF_WIDTH = 0.2  # the plane patch's half width, as a part of the x range


def surface_box(function, x_range, y_range):
    """The sheet z = F(x, y) sampled for drawing, and the 3D box around it."""
    X, Y, Z = multivariate.surface_grid(function, x_range, y_range, SURFACE_RESOLUTION)
    finite = Z[np.isfinite(Z)]
    pad = 0.1 * (finite.max() - finite.min() or 1.0)
    box = (*x_range, *y_range, float(finite.min() - pad), float(finite.max() + pad))
    return Surface(X[0], Y[:, 0], Z), box


def tangent_plane(p) -> Panel:
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    x0 = Slider("x0", "x_0", grid(x_lo, x_hi, 21, include=[p.point[0]]), start=p.point[0])
    y0 = Slider("y0", "y_0", grid(y_lo, y_hi, 21, include=[p.point[1]]), start=p.point[1])
    slope_x, slope_y = F.partial("x"), F.partial("y")
    sheet, box = surface_box(F, p.x_range, p.y_range)
    half = PLANE_HALF_WIDTH * (x_hi - x_lo)

    def frame(x, y):
        z, fx, fy = F(x, y), slope_x(x, y), slope_y(x, y)
        xs, ys = np.array([x - half, x + half]), np.array([y - half, y + half])
        X, Y = np.meshgrid(xs, ys)
        return {"x0": x, "y0": y, "z0": z, "fx": fx, "fy": fy, "plane_x": xs, "plane_y": ys,
                "plane_z": z + fx * (X - x) + fy * (Y - y)}

    scene = Scene3D([sheet, Surface("plane_x", "plane_y", "plane_z", color=TANGENT, opacity=0.85),
                     Point3D("x0", "y0", "z0", color=ACCENT)], box, camera(p.phi, p.theta))
    return Panel(controls=[x0, y0], views=[scene], frames=frames_over([x0, y0], frame),
                 formula=rf"z = {F.latex}, \qquad z \approx f(x_0, y_0) + f_x\,(x - x_0) + f_y\,(y - y_0)",
                 readouts=[Readout("x0", "x_0"), Readout("y0", "y_0"), Readout("z0", "f(x_0, y_0)"),
                           Readout("fx", r"f_x(x_0, y_0)"), Readout("fy", r"f_y(x_0, y_0)")],
                 note="Move the point: the plane touching the surface tilts with the two slopes.")


def chain_rule_network(p) -> Panel:
    """Move the first input: the loss as a function of x1, its chain-rule slope and the finite difference."""
    net, target, x2 = p.network(), [p.target], p.inputs[1]
    x1 = Slider("x1", "x_1", grid(-3, 3, 61, include=[p.inputs[0]]), start=p.inputs[0])
    xs = np.linspace(-3, 3, 241)
    losses = np.array([net.loss([x, x2], target) for x in xs])
    pad = 0.1 * (losses.max() - losses.min() or 1.0)
    box = (-3.0, 3.0, float(losses.min() - pad), float(losses.max() + pad))

    def frame(x):
        grads = net.backward([x, x2], target)
        return {"x1": x, "y": grads.forward.values["y"], "loss": grads.loss, "grad": grads.nodes["x1"],
                "difference": net.central_difference([x, x2], target, "x1")}

    return Panel(
        controls=[x1], frames=frames_over([x1], frame),
        formula=rf"L(x_1) = (y - t)^2, \quad x_2 = {x2:g}, \quad t = {p.target:g}",
        views=[Board(box, [Curve([np.column_stack([xs, losses])]), Line("x1", "loss", "grad"),
                           Point("x1", "loss", label="x1")])],
        readouts=[Readout("x1", "x_1"), Readout("y", "y"), Readout("loss", "L"),
                  Readout("grad", r"\partial L / \partial x_1 \text{ (chain rule)}"),
                  Readout("difference", r"\frac{L(x_1 + h) - L(x_1 - h)}{2h}")],
        note="Move the first input: the slope the chain rule gives is the slope of the loss curve, and the finite difference agrees.")


__all__ = ["chain_rule_network", "surface_box", "tangent_plane"]
SLICE_SAMPLES = 25  # points along each slice (drawing only)
SLIDER_STEPS = 17  # positions per slider: 17 x 17 frames


def partial_derivatives(p) -> Panel:
    """The two slices through (a, b), each with its tangent line: their slopes are f_x and f_y."""
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    a = Slider("a", "a", grid(x_lo, x_hi, SLIDER_STEPS, include=[p.point[0]]), start=p.point[0])
    b = Slider("b", "b", grid(y_lo, y_hi, SLIDER_STEPS, include=[p.point[1]]), start=p.point[1])
    slope_x, slope_y = F.partial("x"), F.partial("y")
    sheet, box = surface_box(F, p.x_range, p.y_range)
    half = PLANE_HALF_WIDTH * (x_hi - x_lo)

    def frame(x, y):
        z, fx, fy = float(F(x, y)), float(slope_x(x, y)), float(slope_y(x, y))
        xs, ys = np.linspace(x_lo, x_hi, SLICE_SAMPLES), np.linspace(y_lo, y_hi, SLICE_SAMPLES)
        along_x = np.column_stack([xs, np.full_like(xs, y), np.broadcast_to(F(xs, y), xs.shape)])
        along_y = np.column_stack([np.full_like(ys, x), ys, np.broadcast_to(F(x, ys), ys.shape)])
        tangent_x = [[x - half, y, z - half * fx], [x + half, y, z + half * fx]]
        tangent_y = [[x, y - half, z - half * fy], [x, y + half, z + half * fy]]
        return {"a": x, "b": y, "z0": z, "fx": fx, "fy": fy, "slice_x": along_x, "slice_y": along_y,
                "tangent_x": tangent_x, "tangent_y": tangent_y}

    scene = Scene3D([sheet, Path3D("slice_x", color=SECANT), Path3D("slice_y", color=DERIVATIVE),
                     Path3D("tangent_x", color=TANGENT), Path3D("tangent_y", color=TANGENT),
                     Point3D("a", "b", "z0", color=ACCENT)], box, camera(p.phi, p.theta))
    return Panel(controls=[a, b], views=[scene], frames=frames_over([a, b], frame),
                 formula=rf"z = {F.latex}, \qquad f_x = {slope_x.latex}, \qquad f_y = {slope_y.latex}",
                 readouts=[Readout("a", "a"), Readout("b", "b"), Readout("z0", "f(a, b)"),
                           Readout("fx", r"f_x(a, b)"), Readout("fy", r"f_y(a, b)")],
                 note="Move the point: the red slice holds y = b, the green one holds x = a; "
                      "each tangent's slope is a partial derivative.")


def hessian_convexity(p) -> Panel:
    """The point's Hessian, its determinant, trace and kind, on the surface and on a map of where det H = 0."""
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    x0 = Slider("x0", "x_0", grid(x_lo, x_hi, 21, include=[p.point[0]]), start=p.point[0])
    y0 = Slider("y0", "y_0", grid(y_lo, y_hi, 21, include=[p.point[1]]), start=p.point[1])
    sheet, box = surface_box(F, p.x_range, p.y_range)
    region = multivariate.hessian_classification(F, p.x_range, p.y_range, resolution=5)
    boundary = multivariate.contour_lines(Field(region.hessian.det()), p.x_range, p.y_range, [0.0], resolution=121)[0]

    def frame(x, y):
        h = multivariate.hessian_at(F, (x, y))
        return {"x0": x, "y0": y, "z0": float(F(x, y)), "fxx": h.matrix[0, 0], "fxy": h.matrix[0, 1],
                "fyy": h.matrix[1, 1], "det": h.determinant, "trace": h.trace, "kind": h.kind}

    surface = Scene3D([sheet, Point3D("x0", "y0", "z0", color=ACCENT)], box, camera(p.phi, p.theta))
    floor = Board((x_lo, x_hi, y_lo, y_hi), [Curve(boundary, color=MUTED, width=2), Point("x0", "y0", label="point")],
                  aspect=(x_hi - x_lo) / (y_hi - y_lo))
    return Panel(controls=[x0, y0], views=[surface, floor], frames=frames_over([x0, y0], frame),
                 formula=rf"f = {F.latex}, \qquad \det H = {region.determinant_latex}, \qquad "
                         rf"\operatorname{{tr}} H = {region.trace_latex}",
                 readouts=[Readout("fxx", "f_{xx}"), Readout("fxy", "f_{xy}"), Readout("fyy", "f_{yy}"),
                           Readout("det", r"\det H"), Readout("trace", r"\operatorname{tr} H"), Readout("kind", "H")],
                 note="Move the point across the curves where det H = 0: inside the corners H is positive definite "
                      "(f bends up every way), between them f is a saddle.")


__all__ = ["hessian_convexity", "partial_derivatives", "surface_box", "tangent_plane"]
