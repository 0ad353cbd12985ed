"""Week 4 -- the tangent plane: two slices, two tangent lines, one plane, and local linearity."""

from __future__ import annotations

import numpy as np
from manim import LEFT, RIGHT, UP, FadeIn, FadeOut, Indicate, ReplacementTransform, UpdateFromAlphaFunc, VGroup, Write

from calcviz import latex, multivariate
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, BACKGROUND, DERIVATIVE, FOREGROUND, SECANT, SMALL_SIZE, TANGENT, formula, words
from scenes.kit.numbers import number_tex
from scenes.kit.palette import colour_name
from scenes.kit.readouts import readout
from scenes.kit.surface_scene import SurfaceScene
from scenes.week4.params import PLANE_HALF_WIDTH
from scenes.kit.three_d import (
    Curve3D,
    MeshLayer,
    StageDot,
    plane_sheet,
    stage_for,
    surface_sheet,
)

STAGE_CENTER = (-2.9, -0.55)
STAGE_SIZE = (5.2, 5.2, 3.2)
PANEL_LEFT = 1.75
CAP = 0.12  # the gap bar's end caps: their half-length, as a part of the drawn plane's half-width


class TangentPlane(SurfaceScene):
    """Slices x = a and y = b of z = f(x, y), their tangent lines, the plane they span; zoom until it all looks flat."""

    def construct(self) -> None:
        p = self.params
        F, (a, b) = p.function, p.point
        plane = multivariate.tangent_plane(F, p.point)
        point_tex = rf"({latex(a)}, {latex(b)})"
        self.beat("The surface")
        header = self.show_title()
        stage = stage_for(p, center=STAGE_CENTER, lengths=STAGE_SIZE)
        self.stage = stage
        surface = surface_sheet(stage, F, resolution=p.surface_resolution)
        panel = Panel(left=PANEL_LEFT, top=header.get_bottom()[1] - 0.3)
        f_label = panel.place(formula(rf"f(x, y) = {F.latex}", color=p.function_color))
        raised = {}
        self.say("Above each point $(x, y)$ of the floor sits a height $z = f(x, y)$: together the heights form a surface.",
                 lambda: raised.update(zip(("layer", "axes"), self.raise_surface([surface], Write(f_label)))),
                 Indicate(f_label, color=p.function_color, scale_factor=1.0))
        layer, axes = raised["layer"], raised["axes"]
        self.say("At one point we will build its tangent plane out of two tangent lines.",
                 lambda: self.turn_camera(p.orbit / 2, 4), Indicate(f_label, scale_factor=1.0))

        self.beat("A point")
        z0 = multivariate.exact_value(F, p.point)
        top = np.array([a, b, plane.z0])
        self.lifted = []  # the slices and tangents: lifted off the surface by lift(), as the point is
        dot = StageDot(stage, lambda: top + np.array([0, 0, self.lift()]), color=ACCENT, radius=0.11)
        drop = Curve3D(stage, [[a, b, stage.ranges[2, 0]], top], color=ACCENT, width=3, progress=0)
        chosen = formula(rf"(a, b) = {point_tex},", rf"\ \ f{point_tex} = {latex(z0)}")
        panel.place(chosen, buff=0.3)
        value = chosen[1]
        self.say(f"Pick the point $(a, b) = {point_tex}$: the surface above it is at height $f{point_tex} = {latex(z0)}$.",
                 lambda: self.add(drop), Write(chosen[0]), [drop.progress.animate.set_value(1), FadeIn(dot, scale=2)],
                 Write(value), lambda: self.settle(drop, dot), Indicate(value, scale_factor=1.0))

        self.beat("Slice along x")
        fx_label, fx_worked, fx_value = self.show_slice(F, plane, panel, axis=0, color=SECANT, buff=0.3,
                                             said=("Hold $y$ at $b = {held}$ and walk in $x$: the surface becomes a curve in $x$ alone.",
                                                   "Its slope at the point is the partial derivative $f_x$: differentiate in $x$, here {slope}."))

        self.beat("Slice along y")
        raised_x = fx_value.copy().align_to(fx_label, UP)  # f_x's value takes its slice's place: room for the y slice
        panel.last = raised_x
        fy_label, fy_worked, fy_value = self.show_slice(F, plane, panel, axis=1, color=DERIVATIVE, buff=0.25,
                                             first=[FadeOut(fx_label), FadeOut(fx_worked), fx_value.animate.move_to(raised_x)],
                                             said=("Hold $x$ at $a = {held}$ and walk in $y$ instead: another curve.",
                                                   "Its tangent line's slope is the partial derivative $f_y$: differentiate in $y$, here {slope}."))

        self.beat("The plane")
        # The plane gets a layer of its own, painted over the surface's: depth-sorted together, the two
        # sheets' patches interleave in speckles where they nearly touch.  The params check that the plane
        # lies above the surface around the point, so from above the camera sees it in front.
        sheet = plane_sheet(stage, plane, half_width=self.plane_half_width(), colors=(TANGENT, TANGENT),
                            resolution=p.surface_resolution)
        sheet.opacity.set_value(0)
        plane_layer = MeshLayer(stage, [sheet])
        self.mobjects.insert(self.mobjects.index(layer) + 1, plane_layer)  # under the slices and their tangents
        self.bring_to_front(dot)
        self.scenery.append(plane_layer)
        self.wake(layer, plane_layer)
        self.wake(*self.lifted, dot)  # drawn over the plane while it fades in, not frozen under it
        # The equation is built from what is on screen: the height, and each slope in its slice's colour.
        slopes = multivariate.exact_gradient(F, (a, b))
        signed = [("- " if s < 0 else "+ ") + latex(abs(s)) for s in slopes]
        equation = formula("z =", latex(z0), signed[0], rf"\left(x - {latex(a)}\right)", signed[1],
                           rf"\left(y - {latex(b)}\right)", color=TANGENT)
        equation[1].set_color(FOREGROUND)
        equation[2].set_color(SECANT)
        equation[4].set_color(DERIVATIVE)
        # each slope's line, short now that its working is done: room for the general formula under them
        moved_x, moved_y = (formula(rf"f_{name}{point_tex}", rf"= {latex(s)}", color=c)
                            for name, s, c in zip(F.variables, slopes, (SECANT, DERIVATIVE)))
        panel.place(moved_x, below=value, buff=0.4)
        panel.place(moved_y, below=moved_x, buff=0.2)
        # the general formula, built from the two tangent lines: the x line's rise in red, the y line's in green
        general = formula("z =", "f(a, b)", r"+ f_x(a, b)\,(x - a)", color=TANGENT)
        general_y = formula(r"+ f_y(a, b)\,(y - b)", color=DERIVATIVE)
        general[1].set_color(FOREGROUND)
        general[2].set_color(SECANT)
        panel.place(general, below=moved_y, buff=0.4)
        panel.place(general_y, below=general, buff=0.15)
        general_y.align_to(general[2], LEFT)
        panel.place(equation, below=general_y, buff=0.3)
        self.say("For differentiable $f$ the two tangent lines span the tangent plane.",  # one caption cue
                 [FadeOut(fy_label, run_time=0.5), FadeOut(fy_worked, run_time=0.5)],  # gone before the values move up
                 [*(ReplacementTransform(old[i], new[i]) for old, new in ((fx_value, moved_x), (fy_value, moved_y)) for i in (0, 1)),
                  sheet.opacity.animate.set_value(0.72)])
        fx_value, fy_value = moved_x, moved_y
        red, green = colour_name(SECANT), colour_name(DERIVATIVE)
        self.say(f"On the {red} line, $y = b$, and the height is $z = f(a, b) + f_x(a, b)(x - a)$.",
                 Write(general[0:2]), Write(general[2]), Indicate(fx_value, color=SECANT, scale_factor=1.0))
        self.say(f"Stepping in $y$ adds the {green} line's rise: $f_y(a, b)(y - b)$.",
                 Write(general_y), Indicate(fy_value, color=DERIVATIVE, scale_factor=1.0))
        formulas = VGroup(general, general_y, equation)
        top_rows = formulas.copy()
        panel.place(top_rows, below=f_label, buff=0.4)
        self.say(f"That is the tangent plane's equation; at ${point_tex}$, put in the height and the two slopes.",
                 [Write(equation[0]), FadeOut(chosen[0]), ReplacementTransform(value, equation[1])],
                 [FadeOut(fx_value[0]), ReplacementTransform(fx_value[1], equation[2:4])],
                 [FadeOut(fy_value[0]), ReplacementTransform(fy_value[1], equation[4:6])],
                 formulas.animate.move_to(top_rows), lambda: self.turn_camera(p.orbit / 2, 3))
        panel.last = equation

        self.beat("Zoom in")
        rows = self.zoom_in(F, plane, sheet, axes, drop, panel, equation)

        self.beat("Local linearity")
        summary = formula(r"f(x, y) \approx z", rf"\quad \text{{near }} {point_tex}", color=FOREGROUND)
        panel.place(summary, below=equation, buff=0.6)
        self.say(f"Up close, a differentiable function looks like its tangent plane: near ${point_tex}$, $f$ is approximately linear.",
                 [FadeOut(rows), Write(summary)], Indicate(summary, scale_factor=1.0))

    # ------------------------------------------------------------------ pieces
    def show_slice(self, F, plane, panel, axis: int, color: str, buff: float, said: tuple[str, str], first=()):
        """Draw the slice along ``axis`` with its formula, the other variable frozen (first sentence); then its tangent
        and the partial derivative: the slice differentiated, at the point (second)."""
        name, held = F.variables[axis], F.variables[1 - axis]
        point = self.params.point
        curve, tangent = self.slice_with_tangent(F, plane, axis, color)
        slope = multivariate.exact_gradient(F, (plane.x0, plane.y0))[axis]
        at = rf"({latex(point[0])}, {latex(point[1])})"
        section = multivariate.slice_of(F, held, point[1 - axis])
        args = ", ".join(name if i == axis else latex(point[i]) for i in range(2))
        label = panel.place(formula(rf"{held} = {latex(point[1 - axis])}:\ \ f({args}) = {section.latex}", color=color), buff=buff)
        # the slice differentiated in its one variable, then that derivative at the point
        worked = panel.place(formula(rf"\frac{{d}}{{d{name}}}\left({section.latex}\right) = {section.derivative().latex}",
                                     size=SMALL_SIZE, color=color), buff=0.12)
        value = panel.place(formula(rf"f_{name}{at} = \left({section.derivative().latex}\right)\Big|_{{{name} = {latex(point[axis])}}}",
                                    rf"= {latex(slope)}", color=color), buff=0.15)
        said = (said[0].replace("{held}", f"{latex(point[1 - axis])}"), said[1])
        self.say(said[0], *([list(first)] if first else []), [curve.progress.animate.set_value(1), Write(label)])
        self.say(said[1].replace("{slope}", f"${latex(slope)}$"), [tangent.progress.animate.set_value(1), Write(worked)],
                 Write(value), lambda: self.settle(curve.casing, curve, tangent))
        return label, worked, value

    def lift(self) -> float:
        """How far curves on the surface float above it: a fixed height on screen, so smaller as the camera zooms
        (a fixed lift in graph units would part the tangent lines from the point at 16 times)."""
        return 0.01 * float(np.ptp(self.stage.ranges[2])) / self.stage.zoom.get_value()

    def plane_half_width(self) -> float:
        (x0, x1), (y0, y1) = self.stage.ranges[:2]
        return PLANE_HALF_WIDTH * min(x1 - x0, y1 - y0)

    def slice_with_tangent(self, F, plane, axis: int, color: str) -> tuple[Curve3D, Curve3D]:
        """The surface's curve through the point along ``axis`` (0: x varies) and its tangent line there."""
        stage = self.stage
        lo, hi = stage.ranges[axis]
        t = np.linspace(lo, hi, 160)
        a, b = plane.x0, plane.y0
        xs, ys = (t, np.full_like(t, b)) if axis == 0 else (np.full_like(t, a), t)
        path = np.column_stack([xs, ys, np.broadcast_to(F(xs, ys), t.shape)])
        curve = Curve3D(stage, path, color=color, width=3.5, progress=0, lift=self.lift())
        # a dark edge either side: the slice reads on the pale surface; drawn with the curve (one progress)
        curve.casing = Curve3D(stage, path, color=BACKGROUND, width=7, progress=0, lift=self.lift())
        curve.casing.progress = curve.progress
        slope = plane.slope_x if axis == 0 else plane.slope_y
        half = self.plane_half_width() * 1.3
        step = np.array([half, 0, half * slope]) if axis == 0 else np.array([0, half, half * slope])
        top = np.array([a, b, plane.z0])
        tangent = Curve3D(stage, [top - step, top + step], color=color, width=6.5, progress=0, lift=self.lift())
        self.lifted.extend([curve.casing, curve, tangent])
        self.add(curve.casing, curve, tangent)
        return curve, tangent

    def zoom_in(self, F, plane, sheet, axes, drop, panel, equation) -> None:
        stage = self.stage
        point = (plane.x0, plane.y0, plane.z0)
        zooms = np.geomspace(1, self.params.zoom_factors[-1], 48)
        # The drawn plane keeps its size on screen: its patch's half-width in graph units is divided by the zoom,
        # and the gap is measured under that patch, the same patch the viewer sees at every zoom.
        half = self.plane_half_width()
        gaps = [multivariate.linearization_gap(F, self.params.point, half / z) for z in zooms]
        gap = readout(gaps[0], decimals=5, color=FOREGROUND)
        # the gap itself, drawn where it is largest: a bar from the plane to the surface at a corner of the patch
        corners = [(sx, sy) for sx in (-1, 1) for sy in (-1, 1)]
        sx, sy = max(corners, key=lambda c: abs(float(F(plane.x0 + c[0] * half, plane.y0 + c[1] * half))
                                                - plane(plane.x0 + c[0] * half, plane.y0 + c[1] * half)))

        def stick_path(z: float) -> np.ndarray:
            """The bar from the plane down to the surface at the corner, with a short cross-bar at each end (a fixed
            size on screen): at high zoom, when the bar has shrunk to nothing, the two caps still mark where it is."""
            cx, cy = plane.x0 + sx * half / z, plane.y0 + sy * half / z
            top, bottom = plane(cx, cy), float(F(cx, cy))
            cap = CAP * half / z
            return np.array([[cx - cap, cy, top], [cx + cap, cy, top], [cx, cy, top], [cx, cy, bottom],
                             [cx - cap, cy, bottom], [cx + cap, cy, bottom]])

        # in the gap readout's colour, on a dark casing that keeps it apart from the light surface and plane; drawn
        # whole: under the see-through plane the bar is the thing watched, not a part hidden by it
        casing = Curve3D(stage, stick_path(1.0), color=BACKGROUND, width=11)
        bar = Curve3D(stage, stick_path(1.0), color=FOREGROUND, width=5)
        for part, width in ((casing, 11), (bar, 5)):
            part.unseen.set_stroke(color=part.seen.get_stroke_color(), width=width, opacity=1)
        stick = VGroup(casing, bar)

        def follow(m):
            z = stage.zoom.get_value()
            sheet.domain = np.array([[plane.x0 - half / z, plane.x0 + half / z], [plane.y0 - half / z, plane.y0 + half / z]])
            for part in stick:
                part.set_path(stick_path(z))
            m.set_value(float(np.exp(np.interp(np.log(z), np.log(zooms), np.log(gaps)))))

        gap.add_updater(follow)
        zoom = readout(max(zooms), decimals=1, color=FOREGROUND)  # laid out at its widest
        # full size and bright, in its bar's colour: the gap is what the zoom is watched for
        gap_row = VGroup(words("largest gap:", color=FOREGROUND), gap).arrange(RIGHT, buff=0.3)
        zoom_row = VGroup(words("zoom:", color=FOREGROUND), zoom, formula(r"\times", color=FOREGROUND)).arrange(RIGHT, buff=0.15)
        zoom.set_value(1.0)
        zoom.add_updater(lambda m: m.set_value(stage.zoom.get_value()))
        zoom_row[2].add_updater(lambda m: m.next_to(zoom, RIGHT, buff=0.12))  # the sign follows its number: no gap at 4.0
        panel.place(zoom_row, below=equation, buff=0.6)
        panel.place(gap_row, buff=0.3)
        self.wake(*self.scenery)  # the camera zooms from here on
        for curve in self.lifted:
            curve.add_updater(lambda m: setattr(m, "lift", self.lift()))
        self.say(f"Watch the {colour_name(FOREGROUND)} bar at the square's corner: the largest gap between surface and plane.",
                 lambda: self.add(stick),
                 [FadeOut(axes), FadeOut(drop), FadeIn(zoom_row), FadeIn(gap_row), FadeIn(stick), sheet.opacity.animate.set_value(0.5)],
                 Indicate(gap_row[1], color=FOREGROUND))
        # A zoom about the point: the point stays where it is on screen and all around it grows (the focus moves
        # toward the point as the zoom grows; moved to the point at once, it cut the surface down, a shrink)
        centre = stage.focus_point()

        def zoom_to(target: float):
            start = stage.zoom.get_value()

            def step(_, alpha: float) -> None:
                z = start * (target / start) ** alpha  # steady: the same factor each second
                stage.zoom.set_value(z)
                for tracker, p, c in zip(stage.focus, point, centre):
                    tracker.set_value(p - (p - c) / z)

            return UpdateFromAlphaFunc(stage.zoom, step, run_time=3)
        factors = self.params.zoom_factors
        # a play's last frame is drawn just before its end: one more frame shows the readouts' final values
        settled = lambda: self.wait(1 / self.camera.frame_rate, frozen_frame=False)  # noqa: E731
        for i, factor in enumerate(factors):  # each zoom is said as it happens, and its gap once it is there
            closer = factor / (factors[i - 1] if i else 1.0)
            if i == 0:
                self.say(f"Zoom in ${number_tex(factor, 'step')}$ times: the square keeps its size on screen, so it "
                         f"covers a patch ${number_tex(factor, 'step')}$ times narrower.", zoom_to(factor), settled)
                self.say(f"The gap is ${number_tex(closer ** 2, 'step')}$ times smaller: it shrinks like the square of "
                         "the distance.", Indicate(gap_row[1], color=FOREGROUND))
            else:
                self.say(f"Now ${number_tex(factor, 'step')}$ times: ${number_tex(closer, 'step')}$ times closer again.",
                         zoom_to(factor), settled)
                self.say(f"Again ${number_tex(closer ** 2, 'step')}$ times smaller: the surface has straightened out "
                         "under the plane.", Indicate(gap_row[1], color=FOREGROUND))
        self.rest(*self.scenery)
        for mob in (gap, zoom):
            mob.clear_updaters()
        return VGroup(zoom_row, gap_row, stick)
