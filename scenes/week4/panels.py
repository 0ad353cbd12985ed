"""Interactive panels of week 4's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations

import numpy as np

from calcviz import Field, multivariate
from scenes.kit.numbers import number, number_tex
from scenes.kit.palette import FOREGROUND, colour_name
from scenes.publish.panels import (ACCENT, DERIVATIVE, FUNCTION, MUTED, SECANT, TANGENT, Board, Curve, Line, Panel, Path3D, Point,
                                   Point3D, Readout, Rect, Scene3D, Segment, Slider, Surface, Text, camera, frames_over, grid,
                                   lighter)

SURFACE_RESOLUTION = 41  # the sheet's grid (drawing only)
PLANE_HALF_WIDTH = 0.2  # the plane patch's half width, as a part of the x range
# The panels' camera looks down at least this steeply (degrees from straight above): a slider takes the point to
# the far side of the hill, which the clips' lower cameras (62 degrees) hide behind its top.
STEEP_VIEW = 45


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
        mark = _off_the_plane((x, y, z), (fx, fy), box, eye)
        return {"x0": x, "y0": y, "z0": z, "fx": fx, "fy": fy, "plane_x": xs, "plane_y": ys,
                "plane_z": z + fx * (X - x) + fy * (Y - y), "mark_x": mark[0], "mark_y": mark[1], "mark_z": mark[2],
                "stem": stem(x, y, z, box)}

    eye = camera(min(p.phi, STEEP_VIEW), p.theta)
    scene = Scene3D([sheet, Surface("plane_x", "plane_y", "plane_z", color=TANGENT, opacity=0.85, shaded=False),
                     Path3D("stem", color=ACCENT), Point3D("mark_x", "mark_y", "mark_z", color=ACCENT, lifted=False)], box, eye)
    return Panel(controls=[x0, y0], views=[scene], frames=frames_over([x0, y0], frame),
                 formula=rf"z = {F.latex}, \qquad z \approx f(x_0, y_0) + f_x\,(x - x_0) + f_y\,(y - y_0)",
                 readouts=[Readout("z0", "f(x_0, y_0)"),
                           Readout("fx", r"f_x(x_0, y_0)"), Readout("fy", r"f_y(x_0, y_0)")],
                 note=f"Move the point: the plane touching the surface tilts with the two slopes. The {colour_name(ACCENT)} line rises from the "
                      "point, so it shows where the point is when the hill hides it.")


def stem(x: float, y: float, z: float, box) -> list[list[float]]:
    """A thin line from the point straight up to the top of the box: on the far side of the hill the point is
    behind the surface, but the line rising above the hill still shows where it is."""
    return [[x, y, z], [x, y, box[5]]]


def _off_the_plane(point, slopes, box, eye, gap: float = 0.04) -> tuple[float, float, float]:
    """Where to draw the point of tangency: moved off the tangent plane along its normal, on the viewer's side, by
    ``gap`` of the (cube-shaped) box. Lifted straight up instead, it sank under a steep plane (x0 = -2.5) and hid."""
    spans = np.array([box[1] - box[0], box[3] - box[2], box[5] - box[4]])
    centre = np.array([box[0] + box[1], box[2] + box[3], box[4] + box[5]]) / 2
    fx, fy = slopes
    normal = np.array([-fx * spans[0] / spans[2], -fy * spans[1] / spans[2], 1.0])  # in the box's unit-cube coordinates
    normal /= np.linalg.norm(normal)
    to_camera = np.asarray(eye) - (np.asarray(point) - centre) / spans  # Plotly's eye is in units of the box, from its centre
    if normal @ to_camera < 0:
        normal = -normal
    return tuple(float(v) for v in np.asarray(point) + gap * normal * spans)


NODES = {"x1": (-5.6, 2.0), "x2": (-5.6, -0.6), "h1": (-1.4, 2.0), "h2": (-1.4, -0.6), "y": (2.0, 0.7), "L": (5.2, 0.7)}  # the clip's layout
NODE_NAMES = {"x1": "x₁", "x2": "x₂", "h1": "h₁", "h2": "h₂", "y": "y", "L": "L"}
X1_PATHS = (("x1", "h1"), ("h1", "y"), ("x1", "h2"), ("h2", "y"), ("y", "L"))  # the edges from x1 to the loss
# Each path in its own colour, its edges' numbers too (the ninth review: the number of x1 -> h2 sits near x1 -> h1,
# and only its colour tells which edge it belongs to); y -> L, on both paths, in the secant's colour (the text's is
# too near the derivative's green for a deuteranope: scenes/theme_check.py's figure of these paths).
PATH_COLOURS = {("x1", "h1"): TANGENT, ("h1", "y"): TANGENT, ("x1", "h2"): DERIVATIVE, ("h2", "y"): DERIVATIVE,
                ("y", "L"): SECANT}
ACTIVATION_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh"}


# Where each edge's number sits: a share of the way along it (apart where edges cross), moved off it by
# (right, up): x1 -> h2 falls steeply, so its number goes beside it, clear of the line (a leading minus sign
# on the line read as none).
EDGE_LABELS = {("x1", "h1"): (0.5, 0.0, 0.35), ("x1", "h2"): (0.35, 0.4, 0.6), ("h1", "y"): (0.5, 0.0, 0.55),
               ("h2", "y"): (0.5, 0.0, -0.55), ("y", "L"): (0.5, 0.0, 0.35)}


def edge_label_at(a: str, b: str) -> tuple[float, float]:
    """The centre of the number on the edge from node ``a`` to node ``b`` of the diagram."""
    share, right, up = EDGE_LABELS[(a, b)]
    (xa, ya), (xb, yb) = NODES[a], NODES[b]
    return xa + share * (xb - xa) + right, ya + share * (yb - ya) + up


def chain_rule_network(p) -> Panel:
    """Move the first input: every node's value, the local derivatives on x1's two paths to the loss, and their
    products summed by the chain rule, which the loss curve's slope and a finite difference confirm."""
    net, target, x2 = p.network(), [p.target], p.inputs[1]
    x1 = Slider("x1", "x_1", grid(-3, 3, 61, include=[p.inputs[0]]), start=p.inputs[0])
    xs = np.linspace(-3, 3, 241)
    losses = np.array([net.loss([x, x2], target) for x in xs])
    pad = 0.1 * (losses.max() - losses.min() or 1.0)
    box = (-3.0, 3.0, float(losses.min() - pad), float(losses.max() + pad))

    def frame(x):
        grads = net.backward([x, x2], target)
        values = {**grads.forward.values, "L": grads.loss}
        local = {**grads.local, ("y", "L"): grads.nodes["y"]}  # dL/dy = 2(y - t): the loss's own edge
        via = {h: local[("x1", h)] * local[(h, "y")] * local[("y", "L")] for h in ("h1", "h2")}
        return {"x1": x, "y": values["y"], "loss": grads.loss, "dL_dy": grads.nodes["y"], "via_h1": via["h1"], "via_h2": via["h2"],
                "grad": grads.nodes["x1"], "difference": net.central_difference([x, x2], target, "x1"),
                **{f"node_{n}": f"{NODE_NAMES[n]} = {number(v, 'step' if n in ('x1', 'x2') else 'value')}" for n, v in values.items()},
                **{f"edge_{a}_{b}": number(local[(a, b)]) for a, b in X1_PATHS}}

    act = ACTIVATION_TEX[p.activation]
    edges = [Segment(*NODES[e.source], *NODES[e.target], color=PATH_COLOURS.get((e.source, e.target), MUTED),
                     width=3 if (e.source, e.target) in X1_PATHS else 1.5, dash=False) for e in net.edges]
    edges.append(Segment(*NODES["y"], *NODES["L"], color=PATH_COLOURS["y", "L"], width=3, dash=False))
    labels = [Text(*edge_label_at(a, b), key=f"edge_{a}_{b}", color=PATH_COLOURS[a, b], size=13) for a, b in X1_PATHS]
    nodes = [Point(*xy, color=ACCENT if n == "x1" else FUNCTION, size=9) for n, xy in NODES.items()]
    names = [Text(xy[0], xy[1] - 0.7, key=f"node_{n}", size=13) for n, xy in NODES.items()]
    diagram = Board((-6.6, 6.2, -1.5, 2.9), [*edges, *nodes, *labels, *names], aspect=2.6, axes=False)
    return Panel(
        controls=[x1], frames=frames_over([x1], frame),
        formula=(rf"h_i = {act}(w_{{i1}} x_1 + w_{{i2}} x_2 + b_i), \quad y = {act}(v_1 h_1 + v_2 h_2 + c), \quad "
                 rf"L = (y - t)^2, \quad x_2 = {number_tex(x2, 'step')},\ t = {number_tex(p.target, 'step')}"),
        views=[diagram,
               Board(box, [Curve([np.column_stack([xs, losses])]), Line("x1", "loss", "grad"), Point("x1", "loss", label="x₁")],
                     names=("x₁", "L"), aspect=2.2)],
        readouts=[Readout("y", "y"), Readout("loss", "L"), Readout("dL_dy", r"\partial L/\partial y = 2(y - t)"),
                  Readout("via_h1", r"\text{path via } h_1"), Readout("via_h2", r"\text{path via } h_2"),
                  Readout("grad", r"\partial L / \partial x_1 \text{ (sum)}"),
                  Readout("difference", r"\tfrac{L(x_1 + \varepsilon) - L(x_1 - \varepsilon)}{2\varepsilon}")],
        note=f"The two paths from x₁ to the loss: through h₁ in {colour_name(TANGENT)}, through h₂ in {colour_name(DERIVATIVE)}, both ending on "
             f"y → L ({colour_name(SECANT)}); each edge is labelled, in its path's colour, with its local derivative (how much its end "
             "moves per unit its start moves). The chain rule multiplies along each path and adds the two paths; the "
             "sum is the slope of the loss curve below, and the finite difference (no chain rule) agrees.")


SLICE_SAMPLES = 25  # points along each slice (drawing only)
TANGENT_HALF_LENGTH = 0.36  # a slice's tangent reaches this part of the x range each way: long enough to read as a line
TANGENT_SHADE = 0.45  # the tangents' colours: their slices' colours mixed this far toward white
SLIDER_STEPS = 17  # positions per slider: 17 x 17 frames


def _slices_seen_at(point, x_range, y_range) -> float:
    """The panel's own camera turn: on a diagonal, halfway between the x and y directions, so neither slice nor
    its tangent is seen end-on (the clip's theta, -110, looks almost along y and hid f_y's tangent, the review
    found); the diagonal on the point's side of the box's centre, so the slices are in front of the hill."""
    dx = point[0] - (x_range[0] + x_range[1]) / 2
    dy = point[1] - (y_range[0] + y_range[1]) / 2
    return (45.0 if dx >= 0 else 135.0) * (1 if dy >= 0 else -1)


def _tangent_in_box(point, direction, reach: float, box) -> list[list[float]]:
    """The tangent line through ``point`` along ``direction`` (a step in x or y and its rise in z), ``reach`` each way
    in x or y, cut where it would leave the 3D box (a steep tangent must not poke out of the plot)."""
    point, direction = np.asarray(point, float), np.asarray(direction, float)
    lows, highs = np.array(box[::2]), np.array(box[1::2])
    ends = []
    for sign in (-1.0, 1.0):
        step = sign * direction
        room = [(np.where(step[i] > 0, highs[i], lows[i]) - point[i]) / step[i] for i in range(3) if step[i] != 0]
        ends.append((point + min(reach, *room) * step).tolist())
    return ends


def partial_derivatives(p) -> Panel:
    """The two slices through (a, b), each with its tangent line: their slopes are f_x and f_y."""
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    a = Slider("a", "a", grid(x_lo, x_hi, SLIDER_STEPS, include=[p.point[0]]), start=p.point[0])
    b = Slider("b", "b", grid(y_lo, y_hi, SLIDER_STEPS, include=[p.point[1]]), start=p.point[1])
    slope_x, slope_y = F.partial("x"), F.partial("y")
    sheet, box = surface_box(F, p.x_range, p.y_range)
    reach = TANGENT_HALF_LENGTH * (x_hi - x_lo)

    def frame(x, y):
        z, fx, fy = float(F(x, y)), float(slope_x(x, y)), float(slope_y(x, y))
        xs, ys = np.linspace(x_lo, x_hi, SLICE_SAMPLES), np.linspace(y_lo, y_hi, SLICE_SAMPLES)
        along_x = np.column_stack([xs, np.full_like(xs, y), np.broadcast_to(F(xs, y), xs.shape)])
        along_y = np.column_stack([np.full_like(ys, x), ys, np.broadcast_to(F(x, ys), ys.shape)])
        tangent_x = _tangent_in_box((x, y, z), (1.0, 0.0, fx), reach, box)
        tangent_y = _tangent_in_box((x, y, z), (0.0, 1.0, fy), reach, box)
        return {"a": x, "b": y, "z0": z, "fx": fx, "fy": fy, "slice_x": along_x, "slice_y": along_y,
                "tangent_x": tangent_x, "tangent_y": tangent_y, "stem": stem(x, y, z, box)}

    # slices plain and thin in the clip's colours; their tangents twice as thick, longer and lighter, so the two
    # are told apart at a glance (beads on both, same colour and length, looked alike, the review found)
    scene = Scene3D([sheet, Path3D("slice_x", color=SECANT, markers=False, width=5),
                     Path3D("slice_y", color=DERIVATIVE, markers=False, width=5),
                     Path3D("tangent_x", color=lighter(SECANT, TANGENT_SHADE), markers=False, width=10),
                     Path3D("tangent_y", color=lighter(DERIVATIVE, TANGENT_SHADE), markers=False, width=10),
                     Path3D("stem", color=ACCENT), Point3D("a", "b", "z0", color=ACCENT)], box, camera(min(p.phi, STEEP_VIEW), _slices_seen_at(p.point, p.x_range, p.y_range)))
    return Panel(controls=[a, b], views=[scene], frames=frames_over([a, b], frame),
                 formula=rf"z = {F.latex}, \qquad f_x = {slope_x.latex}, \qquad f_y = {slope_y.latex}",
                 readouts=[Readout("z0", "f(a, b)"),
                           Readout("fx", r"f_x(a, b)"), Readout("fy", r"f_y(a, b)")],
                 note=f"Move the point: the {colour_name(SECANT)} slice holds y = b, the {colour_name(DERIVATIVE)} one holds x = a; "
                      "each thick pale line, a lighter shade of its slice's colour, is the slice's tangent at the point: "
                      f"its slope is a partial derivative. The {colour_name(ACCENT)} line rises "
                      "from the point, so it shows where the point is when the hill hides it.")


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
    floor = Board((x_lo, x_hi, y_lo, y_hi), [*kind_shading(F, p.x_range, p.y_range), Curve(boundary, color=FOREGROUND, width=2),
                                             Point("x0", "y0", label="point")],
                  aspect=(x_hi - x_lo) / (y_hi - y_lo))
    return Panel(controls=[x0, y0], views=[surface, floor], frames=frames_over([x0, y0], frame),
                 formula=rf"f = {F.latex}, \qquad \det H = {region.determinant_latex}, \qquad "
                         rf"\operatorname{{tr}} H = {region.trace_latex}",
                 readouts=[Readout("fxx", "f_{xx}"), Readout("fxy", "f_{xy}"), Readout("fyy", "f_{yy}"),
                           Readout("det", r"\det H"), Readout("trace", r"\operatorname{tr} H"), Readout("kind", "H")],
                 note=f"The map is coloured as in the clip by what H is at each point: {_shading_key(F, p.x_range, p.y_range)}; "
                      f"the {colour_name(FOREGROUND)} curve is det H = 0. "
                      "H describes the bending at any point, critical or not: f is convex on a region where H stays "
                      "positive definite, and only where the gradient is also zero does an indefinite H make a saddle.")


KIND_SHADES = {"positive definite": DERIVATIVE, "negative definite": TANGENT, "indefinite": SECANT}  # the clip's colours
KIND_KEY = {"positive definite": f"{colour_name(KIND_SHADES['positive definite'])} where it is positive definite (f bends up in every direction: convex there)",
            "negative definite": f"{colour_name(KIND_SHADES['negative definite'])} where negative definite (bends down every way)",
            "indefinite": f"{colour_name(KIND_SHADES['indefinite'])} where indefinite (up in some directions, down in others)"}


def _shading_key(F, x_range, y_range) -> str:
    """The colours the map shows, explained; a kind that occurs nowhere on it is said to be absent, not explained
    (x^4 + y^2 is never negative definite: the review found yellow explained and never seen)."""
    from calcviz.hessians import KINDS

    region = multivariate.hessian_classification(F, x_range, y_range, resolution=SHADING_RESOLUTION)
    present = {KINDS[code] for code in np.unique(region.kind)}
    shown = [words for kind, words in KIND_KEY.items() if kind in present]
    absent = [kind for kind in KIND_KEY if kind not in present]
    return ", ".join(shown) + (f"; no point of this map is {' or '.join(absent)}" if absent else "")
SHADING_RESOLUTION = 241  # rows of the map's colouring: its steps stay under the det H = 0 curve's width (41 left them jagged across it)


def kind_shading(F, x_range, y_range) -> list[Rect]:
    """The map coloured by the Hessian's kind, one rectangle per run of grid cells of one kind in a row."""
    from calcviz.hessians import KINDS

    region = multivariate.hessian_classification(F, x_range, y_range, resolution=SHADING_RESOLUTION)
    X, Y = region.X, region.Y
    dx, dy = (X[0, 1] - X[0, 0]) / 2, (Y[1, 0] - Y[0, 0]) / 2
    rects = []
    for row in range(X.shape[0]):
        codes = region.kind[row]
        edges = np.flatnonzero(np.diff(codes)) + 1
        for first, last in zip(np.r_[0, edges], np.r_[edges, len(codes)] - 1):
            color = KIND_SHADES.get(KINDS[codes[first]])
            if color:
                rects.append(Rect(max(X[row, first] - dx, x_range[0]), min(X[row, last] + dx, x_range[1]),
                                  max(Y[row, 0] - dy, y_range[0]), min(Y[row, 0] + dy, y_range[1]), color=color, opacity=0.3))
    return rects


__all__ = ["chain_rule_network", "hessian_convexity", "kind_shading", "partial_derivatives", "surface_box", "tangent_plane"]
