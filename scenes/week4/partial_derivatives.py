"""Week 4 -- partial derivatives: slice the surface with y fixed, then with x fixed; each slice's slope
is f_x or f_y.  Then a surface with both partials at a point and no tangent plane there."""

from __future__ import annotations

import numpy as np
from manim import RIGHT, FadeIn, FadeOut, ValueTracker, VGroup, Write, smooth

from calcviz import latex, limits, multivariate
from calcviz.multivariate import TangentPlane
from calcviz.view import value_window
from scenes.kit.layout import Panel
from scenes.kit.look import (
    ACCENT,
    DERIVATIVE,
    FOREGROUND,
    MUTED,
    SECANT,
    TANGENT,
    formula,
)
from scenes.kit.readouts import live_readout
from scenes.kit.surface_scene import SurfaceScene
from scenes.kit.three_d import (
    Curve3D,
    Sheet,
    Stage,
    StageDot,
    plane_sheet,
    stage_for,
    surface_sheet,
)

STAGE_CENTER = (-2.9, -0.55)
STAGE_SIZE = (5.2, 5.2, 3.2)
PANEL_LEFT = 1.6
TEAR_RESOLUTION = 33  # odd: no vertex of the sheet lands on the hole (a symmetric range's centre)
SLIDE = 0.35  # how far the point slides along a slice, as a part of the range


class PartialDerivatives(SurfaceScene):
    """Two slices through a point and their slopes f_x, f_y; then x y / (x^2 + y^2): partials, but no plane."""

    def construct(self) -> None:
        p = self.params
        self.beat("Title", "How steep is a surface? That depends on which way you walk. "
                           "Start with the two simplest directions: along x, and along y.")
        self.header = self.show_title()

        self.beat("The surface", "Here is a surface, z equals f of x and y. Hold one variable still, "
                                 "and only the other one is left to move.")
        stage = self.stage = stage_for(p, center=STAGE_CENTER, lengths=STAGE_SIZE)
        layer, axes = self.raise_surface([surface_sheet(stage, p.function, resolution=p.surface_resolution)])
        panel = self.panel = Panel(left=PANEL_LEFT, top=self.header.get_bottom()[1] - 0.5)
        f_label = panel.place(formula(rf"f(x, y) = {p.function.latex}", color=p.function_color))
        self.play(Write(f_label), run_time=self.t(1.5))
        self.turn_camera(p.orbit / 3, 3)

        a, b = p.point
        self.beat("Hold y fixed", f"Freeze y at {speak(b)}. That plane cuts the surface along a curve, a function of x alone. "
                                  "Its slope at the point is the partial derivative f x.")
        part_x = self.show_slice(axis=0, color=SECANT, below=f_label)

        self.beat("Slide along x", "Slide the point along the curve and the slope changes: "
                                   "f x is itself a function of x and y, the slope of the slice through each point.")
        self.slide(axis=0, color=SECANT, parts=part_x)

        self.beat("Hold x fixed", f"Now freeze x at {speak(a)} instead. A second curve, a function of y alone, "
                                  "and its slope at the same point is f y.")
        self.play(*(FadeOut(m) for m in part_x), run_time=self.t(0.8))
        self.turn_camera(-1.2 * p.orbit, 2.5)  # look at the plane x = a face on
        part_y = self.show_slice(axis=1, color=DERIVATIVE, below=f_label)

        self.beat("Slide along y", "Slide again, now in y: the tangent line tilts, and f y follows it. "
                                   "Two numbers, two slopes, each found with one variable held still.")
        self.slide(axis=1, color=DERIVATIVE, parts=part_y)

        self.beat("A surface with a tear", "Is that enough for a tangent plane? Not always. Take the function g on the right. "
                                           f"Its formula has no value at {speak_point(p.hole)}, so give it the value "
                                           f"{speak(p.hole_value)} there.")
        self.wake(*self.scenery)
        self.play(*(FadeOut(m) for m in [axes, f_label, *part_y]), *(s.opacity.animate.set_value(0) for s in layer.sheets),
                  run_time=self.t(1))
        self.remove(layer)
        self.scenery = []
        self.counterexample()

    # ------------------------------------------------------------------ the smooth surface
    def lift(self) -> float:
        return 0.012 * float(np.ptp(self.stage.ranges[2]))

    def show_slice(self, axis: int, color: str, below) -> list:
        """The cutting plane's frame, the slice, the point, its tangent; the slice's formula and its slope there."""
        p, stage = self.params, self.stage
        F, point = p.function, p.point
        held, free = F.variables[1 - axis], F.variables[axis]
        section = multivariate.slice_of(F, held, point[1 - axis])
        slope = multivariate.exact_gradient(F, point)[axis]
        frame = Curve3D(stage, self.cutting_frame(axis, point[1 - axis]), color=MUTED, width=2, progress=0)
        curve = Curve3D(stage, self.slice_points(axis, point[1 - axis]), color=color, width=4, progress=0, lift=self.lift())
        self.slider = ValueTracker(point[axis])
        dot = StageDot(stage, lambda: self.on_slice(axis, self.slider.get_value()), color=ACCENT)
        tangent = Curve3D(stage, self.tangent_ends(axis, self.slider.get_value()), color=TANGENT, width=5, progress=0,
                          lift=self.lift())
        tangent.add_updater(lambda m: m.set_path(self.tangent_ends(axis, self.slider.get_value())))
        at = rf"{latex(point[0])}, {latex(point[1])}"
        held_tex = rf"{held} = {latex(point[1 - axis])}:"
        cut = self.panel.place(formula(rf"{held_tex}\ \ f({', '.join(free if i == axis else latex(point[i]) for i in range(2))})"
                                       rf" = {section.latex}", color=color), below=below, buff=0.45)
        value = self.panel.place(formula(rf"f_{free}({at}) = {latex(slope)}", color=TANGENT), buff=0.3)
        self.add(frame, curve, tangent)
        self.play(frame.progress.animate.set_value(1), run_time=self.t(1.2))
        self.play(curve.progress.animate.set_value(1), Write(cut), run_time=self.t(2))
        self.play(FadeIn(dot, scale=2), tangent.progress.animate.set_value(1), Write(value), run_time=self.t(1.5))
        self.settle(frame, curve)  # the point and its tangent slide next
        self.pause(2.5)
        return [frame, curve, dot, tangent, cut, value]

    def slide(self, axis: int, color: str, parts: list) -> None:
        """Move the point along the slice with the tangent and live readouts of the coordinate and the slope."""
        p = self.params
        F = p.function
        free = F.variables[axis]
        partial = F.partial(free)
        point = list(p.point)

        def at(value):
            point[axis] = value
            return tuple(point)

        position = VGroup(formula(rf"{free} =", color=MUTED),
                          live_readout(lambda: self.slider.get_value(), decimals=2, color=MUTED)).arrange(RIGHT, buff=0.2)
        rate = VGroup(formula(rf"f_{free} =", color=TANGENT),
                      live_readout(lambda: float(partial(*at(self.slider.get_value()))), decimals=3, color=TANGENT)
                      ).arrange(RIGHT, buff=0.2)
        self.panel.place(position, below=parts[-1], buff=0.55)
        self.panel.place(rate, below=position, buff=0.25)
        self.play(FadeIn(position), FadeIn(rate), run_time=self.t(0.8))
        lo, hi = self.stage.ranges[axis]
        step = SLIDE * (hi - lo)
        start = p.point[axis]
        for target in (min(start + step, hi - 0.1 * step), max(start - step, lo + 0.1 * step), start):
            self.play(self.slider.animate.set_value(target), run_time=self.t(2.5), rate_func=smooth)
        self.pause(1.5)
        parts.extend([position, rate])

    def cutting_frame(self, axis: int, held: float) -> np.ndarray:
        """The rectangle where the plane (held variable = ``held``) meets the box."""
        (x0, x1), (y0, y1), (z0, z1) = self.stage.ranges
        lo, hi = (x0, x1) if axis == 0 else (y0, y1)
        corners = [(lo, z0), (hi, z0), (hi, z1), (lo, z1), (lo, z0)]
        return np.array([[u, held, z] if axis == 0 else [held, u, z] for u, z in corners])

    def slice_points(self, axis: int, held: float) -> np.ndarray:
        lo, hi = self.stage.ranges[axis]
        t = np.linspace(lo, hi, 160)
        xs, ys = (t, np.full_like(t, held)) if axis == 0 else (np.full_like(t, held), t)
        return np.column_stack([xs, ys, np.broadcast_to(self.params.function(xs, ys), t.shape)])

    def on_slice(self, axis: int, value: float) -> np.ndarray:
        point = list(self.params.point)
        point[axis] = value
        return np.array([*point, float(self.params.function(*point)) + self.lift()])

    def tangent_ends(self, axis: int, value: float) -> np.ndarray:
        """The tangent line of the slice at the slider, a fixed length along the slice's direction."""
        F = self.params.function
        top = self.on_slice(axis, value) - np.array([0, 0, self.lift()])
        slope = float(F.partial(F.variables[axis])(*top[:2]))
        lo, hi = self.stage.ranges[axis]
        half = 0.16 * (hi - lo)
        step = np.array([half, 0, half * slope]) if axis == 0 else np.array([0, half, half * slope])
        return np.array([top - step, top + step])

    # ------------------------------------------------------------------ the counterexample
    def counterexample(self) -> None:
        p = self.params
        G, hole, value = p.counterexample, p.hole, p.hole_value
        stage = self.stage = self.tear_stage()
        layer, _ = self.raise_surface([filled_sheet(stage, G, hole, value, TEAR_RESOLUTION)])
        panel = self.panel = Panel(left=PANEL_LEFT, top=self.header.get_bottom()[1] - 0.5)
        where = rf"{latex(hole[0])}, {latex(hole[1])}"
        g_label = panel.place(formula(rf"g(x, y) = {G.latex}", color=p.function_color))
        g_hole = panel.place(formula(rf"g({where}) = {latex(value)}", color=ACCENT), buff=0.25)
        self.play(Write(g_label), Write(g_hole), run_time=self.t(1.5))
        self.turn_camera(p.orbit / 3, 3)

        gx, gy = multivariate.partials_by_definition(G, hole, value)
        self.beat("Partials at the hole", "Slice through that point along x, then along y. Both slices pass smoothly through it, "
                                          f"so both partial derivatives exist there: g x is {speak(gx)}, and g y is {speak(gy)}.")
        lines = [Curve3D(stage, self.axis_line(G, axis), color=color, width=5, progress=0, lift=self.lift())
                 for axis, color in ((0, SECANT), (1, DERIVATIVE))]
        dot = StageDot(stage, lambda: np.array([*hole, value + self.lift()]), color=ACCENT)
        quotient = panel.place(formula(rf"g_x({where}) = \lim_{{h \to 0}} \frac{{g({latex(hole[0])} + h, {latex(hole[1])}) - "
                                       rf"g({where})}}{{h}} = {latex(gx)}", color=SECANT), below=g_hole, buff=0.5)
        other = panel.place(formula(rf"g_y({where}) = {latex(gy)}", color=DERIVATIVE), buff=0.3)
        self.add(*lines)
        self.play(FadeIn(dot, scale=2), lines[0].progress.animate.set_value(1), Write(quotient), run_time=self.t(2.5))
        self.play(lines[1].progress.animate.set_value(1), Write(other), run_time=self.t(2))
        self.settle(*lines, dot)
        self.pause(3)

        try:
            limits.multivariate_limit(G, hole)
            raise AssertionError("the params check guarantees the limit does not exist")
        except limits.NoLimitError as error:
            paths, along = error.paths, error.limits
        self.beat("No tangent plane", "Those two slopes allow just one plane. But walk in along the line "
                                      f"{speak_equation(paths[1].latex)}: "
                                      f"the height stays at {speak(along[1])} all the way, then drops to "
                                      f"{speak(value)} at the point. The surface is torn, and no plane can touch it.")
        plane = TangentPlane(hole[0], hole[1], value, float(gx), float(gy))
        sheet = plane_sheet(stage, plane, half_width=0.3 * np.ptp(stage.ranges[0]), colors=(TANGENT, TANGENT),
                            resolution=8)
        sheet.opacity.set_value(0)
        layer.add_sheet(sheet)
        self.wake(layer)
        plane_label = panel.place(formula(rf"\text{{plane?}}\ \ z = {latex(value)}", color=TANGENT), below=other, buff=0.5)
        self.play(sheet.opacity.animate.set_value(0.45), Write(plane_label),
                  run_time=self.t(1.5))
        diagonal = [Curve3D(stage, self.path_points(G, paths[1], side), color=ACCENT, width=5, progress=0, lift=self.lift())
                    for side in (1, -1)]
        jump = Curve3D(stage, [[*hole, value], [*hole, along[1]]], color=MUTED, width=2.5, progress=0)
        rows = [formula(rf"\text{{along }} {path.latex}:\ \ g \to {latex(limit)}", color=color)
                for path, limit, color in zip(paths, along, (SECANT, ACCENT))]
        self.add(*diagonal, jump)
        panel.place(rows[0], below=plane_label, buff=0.45)
        panel.place(rows[1], buff=0.25)
        self.play(*(d.progress.animate.set_value(1) for d in diagonal), FadeIn(rows[0]), Write(rows[1]), run_time=self.t(2.5))
        self.play(jump.progress.animate.set_value(1), run_time=self.t(1))
        self.scenery.extend([*diagonal, jump])
        self.turn_camera(p.orbit / 3, 3)
        self.pause(1.5)

        self.beat("Differentiable", "Differentiable means one plane fits the surface in every direction at once. "
                                    "Partial derivatives look along only two lines, so they can exist where no tangent plane does.")
        moral = formula(r"\text{partials exist} \;\not\Rightarrow\; \text{differentiable}", color=FOREGROUND)
        self.play(FadeOut(quotient), FadeOut(other), FadeOut(plane_label), run_time=self.t(0.8))
        shift = np.array([0.0, quotient.get_top()[1] - rows[0].get_top()[1], 0.0])
        self.play(*(row.animate.shift(shift) for row in rows), run_time=self.t(0.8))
        panel.place(moral, below=rows[1], buff=0.6)
        self.play(Write(moral), run_time=self.t(2))
        self.turn_camera(-p.orbit / 3, 4)
        self.pause(3)

    def tear_stage(self) -> Stage:
        p = self.params
        xs, ys = np.meshgrid(np.linspace(*p.x_range, 65), np.linspace(*p.y_range, 65))
        with np.errstate(all="ignore"):
            heights = np.broadcast_to(p.counterexample(xs, ys), xs.shape).ravel()
        z_window = value_window(np.append(heights, p.hole_value), margin=0.25)
        return Stage(p.x_range, p.y_range, z_window[:2], STAGE_SIZE, phi=np.radians(p.phi), theta=np.radians(p.theta),
                     center=STAGE_CENTER)

    def axis_line(self, G, axis: int) -> np.ndarray:
        """The slice of g through the hole along ``axis`` (its value filled in at the hole)."""
        hole, value = self.params.hole, self.params.hole_value
        lo, hi = self.stage.ranges[axis]
        t = np.linspace(lo, hi, 161)
        xs, ys = (t, np.full_like(t, hole[1])) if axis == 0 else (np.full_like(t, hole[0]), t)
        return np.column_stack([xs, ys, fill(G, hole, value)(xs, ys)])

    def path_points(self, G, path, side: int) -> np.ndarray:
        """One half of an approach path (t > 0 or t < 0), inside the box, stopping just short of the hole."""
        (x0, x1), (y0, y1) = self.stage.ranges[:2]
        ts = side * np.geomspace(1e-3, 1, 200) * max(x1 - x0, y1 - y0)
        xs, ys = path.at(ts)
        inside = (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
        xs, ys = xs[inside][::-1], ys[inside][::-1]
        return np.column_stack([xs, ys, np.broadcast_to(G(xs, ys), xs.shape)])


def fill(G, hole, value):
    """G with its hole filled: ``value`` wherever the formula is undefined (only at the hole, the params check)."""
    def height(x, y):
        with np.errstate(all="ignore"):
            z = np.broadcast_to(G(x, y), np.broadcast_shapes(np.shape(x), np.shape(y))).astype(float)
        return np.where(np.isfinite(z), z, value)
    return height


def filled_sheet(stage, G, hole, value, resolution: int) -> Sheet:
    """The sheet of g with its hole filled; its shading slopes capped where they blow up near the hole."""
    fx, fy = G.partial(G.variables[0]), G.partial(G.variables[1])
    cap = 20.0

    def slope(x, y):
        with np.errstate(all="ignore"):
            return tuple(np.clip(np.nan_to_num(np.broadcast_to(g(x, y), np.shape(x)).astype(float)), -cap, cap) for g in (fx, fy))
    return Sheet(stage, fill(G, hole, value), slope, stage.ranges[:2], resolution=resolution, hole=hole)


def speak(value) -> str:
    """A number as a narrator reads it: minus one, one half."""
    words = {-2: "minus two", -1: "minus one", 0: "zero", 1: "one", 2: "two", 0.5: "one half", -0.5: "minus one half"}
    number = float(value)
    return words.get(number, f"{number:g}".replace("-", "minus "))


def speak_point(point) -> str:
    return "the origin" if tuple(point) == (0, 0) else f"the point {speak(point[0])}, {speak(point[1])}"


def speak_equation(tex: str) -> str:
    """A path's equation from calcviz (``y = 2 x``, ``x = y^{2}``) as words."""
    return tex.replace("^{2}", " squared").replace("=", "equals").replace("-", "minus").replace("  ", " ")
