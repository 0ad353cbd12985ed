"""Week 4 -- the tangent plane: two slices, two tangent lines, one plane, and local linearity."""

from __future__ import annotations

import numpy as np
from manim import RIGHT, FadeIn, FadeOut, VGroup, Write

from calcviz import latex, multivariate
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, DERIVATIVE, FOREGROUND, MUTED, SECANT, TANGENT, formula, words
from scenes.kit.readouts import readout
from scenes.kit.surface_scene import SurfaceScene
from scenes.kit.three_d import (
    Curve3D,
    StageDot,
    plane_sheet,
    stage_for,
    surface_sheet,
)

STAGE_CENTER = (-2.9, -0.55)
STAGE_SIZE = (5.2, 5.2, 3.2)
PANEL_LEFT = 1.75


class TangentPlane(SurfaceScene):
    """Slices x = a and y = b of z = f(x, y), their tangent lines, the plane they span; zoom until it all looks flat."""

    def construct(self) -> None:
        p = self.params
        F, (a, b) = p.function, p.point
        plane = multivariate.tangent_plane(F, p.point)
        self.beat("Title", "A function of two variables has a tangent plane where a function of one has a tangent line.")
        header = self.show_title()

        self.beat("The surface", "Above each point (x, y) of the floor sits the height z = f(x, y): together the heights form a surface.")
        stage = stage_for(p, center=STAGE_CENTER, lengths=STAGE_SIZE)
        self.stage = stage
        surface = surface_sheet(stage, F, resolution=p.surface_resolution)
        panel = Panel(left=PANEL_LEFT, top=header.get_bottom()[1] - 0.5)
        f_label = panel.place(formula(rf"f(x, y) = {F.latex}", color=p.function_color))
        layer, axes = self.raise_surface([surface], Write(f_label))
        self.turn_camera(p.orbit / 2, 4)
        self.pause(1)

        self.beat("A point", f"Pick the point (a, b) = ({a:g}, {b:g}). The surface above it is at height f(a, b).")
        z0 = multivariate.exact_value(F, p.point)
        top = np.array([a, b, plane.z0])
        dot = StageDot(stage, lambda: top, color=ACCENT)
        drop = Curve3D(stage, [[a, b, stage.ranges[2, 0]], top], color=MUTED, width=2, progress=0)
        value = panel.place(formula(rf"f({latex(a)}, {latex(b)}) = {latex(z0)}"), buff=0.5)
        self.add(drop)
        self.play(drop.progress.animate.set_value(1), FadeIn(dot, scale=2), Write(value), run_time=self.t(1.5))
        self.settle(drop, dot)
        self.pause(2)

        self.beat("Slice along x", "Hold y at b and walk in x: the surface becomes a curve, and its slope at the point is the partial derivative f_x.")
        fx_label, fx_value = self.show_slice(F, plane, panel, axis=0, color=SECANT, buff=0.5)

        self.beat("Slice along y", "Hold x at a and walk in y instead: another curve, another tangent line, whose slope is f_y.")
        fy_label, fy_value = self.show_slice(F, plane, panel, axis=1, color=DERIVATIVE, buff=0.35)

        self.beat("The plane", "Two lines through one point span a plane: the tangent plane, built from the height and the two slopes.")
        # The plane's grid matches the surface's, so where the two nearly coincide (zoomed in) their
        # patches pair up in the depth sort instead of interleaving in speckles.
        sheet = plane_sheet(stage, plane, half_width=self.plane_half_width(), colors=(TANGENT, TANGENT),
                            resolution=p.surface_resolution)
        sheet.opacity.set_value(0)
        layer.add_sheet(sheet)
        self.wake(layer)
        equation = formula(plane.latex, color=TANGENT)
        self.play(FadeOut(fx_label), FadeOut(fy_label), FadeOut(fx_value), FadeOut(fy_value), run_time=self.t(0.8))
        panel.place(equation, below=value, buff=0.6)
        self.play(sheet.opacity.animate.set_value(0.72), Write(equation), run_time=self.t(2))
        self.turn_camera(p.orbit / 2, 4)
        self.pause(2)

        self.beat("Zoom in", "Now zoom in on the point. The surface straightens out: the gap between it and the plane shrinks like the square of the distance.")
        self.zoom_in(F, plane, sheet, axes, drop, panel, equation)

        self.beat("Local linearity", "Up close a smooth surface is its tangent plane: near (a, b), f is approximately linear.")
        summary = formula(plane.latex.replace("z =", r"f(x, y) \approx", 1), color=FOREGROUND)
        panel.place(summary, buff=0.6)
        self.play(Write(summary), run_time=self.t(2))
        self.pause(5)

    # ------------------------------------------------------------------ pieces
    def show_slice(self, F, plane, panel, axis: int, color: str, buff: float):
        """Draw the slice along ``axis`` and its tangent, with the partial derivative's formula and value."""
        name = F.variables[axis]
        curve, tangent = self.slice_with_tangent(F, plane, axis, color)
        slope = multivariate.exact_gradient(F, (plane.x0, plane.y0))[axis]
        at = rf"({latex(self.params.point[0])}, {latex(self.params.point[1])})"
        label = panel.place(formula(rf"f_{name} = {F.partial(name).latex}", color=color), buff=buff)
        value = panel.place(formula(rf"f_{name}{at} = {latex(slope)}", color=color), buff=0.2)
        self.play(curve.progress.animate.set_value(1), Write(label), run_time=self.t(2))
        self.play(tangent.progress.animate.set_value(1), Write(value), run_time=self.t(1.5))
        self.settle(curve, tangent)
        self.pause(2.5)
        return label, value

    def plane_half_width(self) -> float:
        (x0, x1), (y0, y1) = self.stage.ranges[:2]
        return 0.22 * min(x1 - x0, y1 - y0)

    def slice_with_tangent(self, F, plane, axis: int, color: str) -> tuple[Curve3D, Curve3D]:
        """The surface's curve through the point along ``axis`` (0: x varies) and its tangent line there."""
        stage = self.stage
        lo, hi = stage.ranges[axis]
        t = np.linspace(lo, hi, 160)
        a, b = plane.x0, plane.y0
        xs, ys = (t, np.full_like(t, b)) if axis == 0 else (np.full_like(t, a), t)
        curve = Curve3D(stage, np.column_stack([xs, ys, np.broadcast_to(F(xs, ys), t.shape)]), color=color,
                        width=4, progress=0, lift=0.01 * np.ptp(stage.ranges[2]))
        slope = plane.slope_x if axis == 0 else plane.slope_y
        half = self.plane_half_width() * 1.3
        step = np.array([half, 0, half * slope]) if axis == 0 else np.array([0, half, half * slope])
        top = np.array([a, b, plane.z0])
        tangent = Curve3D(stage, [top - step, top + step], color=color, width=5, progress=0,
                          lift=0.01 * np.ptp(stage.ranges[2]))
        self.add(curve, tangent)
        return curve, tangent

    def zoom_in(self, F, plane, sheet, axes, drop, panel, equation) -> None:
        stage = self.stage
        point = (plane.x0, plane.y0, plane.z0)
        (x0, x1), (y0, y1) = stage.ranges[:2]
        base_radius = min(x1 - x0, y1 - y0) / 2
        zooms = np.geomspace(1, self.params.zoom_factors[-1], 48)
        gaps = [multivariate.linearization_gap(F, self.params.point, base_radius / z) for z in zooms]
        gap = readout(gaps[0], decimals=5, color=TANGENT)
        gap.add_updater(lambda m: m.set_value(float(np.exp(np.interp(np.log(stage.zoom.get_value()), np.log(zooms), np.log(gaps))))))
        zoom = readout(max(zooms), decimals=1, color=MUTED)  # laid out at its widest
        gap_row = VGroup(words("largest gap in view:", color=MUTED), gap).arrange(RIGHT, buff=0.2)
        zoom_row = VGroup(words("zoom:", color=MUTED), zoom, formula(r"\times", color=MUTED)).arrange(RIGHT, buff=0.15)
        zoom.set_value(1.0)
        zoom.add_updater(lambda m: m.set_value(stage.zoom.get_value()))
        panel.place(zoom_row, below=equation, buff=0.6)
        panel.place(gap_row, buff=0.3)
        self.wake(*self.scenery)  # the camera zooms from here on
        self.play(FadeOut(axes), FadeOut(drop), FadeIn(zoom_row), FadeIn(gap_row), sheet.opacity.animate.set_value(0.5),
                  run_time=self.t(1))
        self.play(*(t.animate.set_value(v) for t, v in zip(stage.focus, point)), run_time=self.t(1.5))
        for factor in self.params.zoom_factors:
            self.play(stage.zoom.animate.set_value(factor), run_time=self.t(3))
            self.pause(1.5)
        self.rest(*self.scenery)
        for mob in (gap, zoom):
            mob.clear_updaters()
