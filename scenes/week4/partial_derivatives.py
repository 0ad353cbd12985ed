"""Week 4 -- partial derivatives: slice the surface with y fixed, then with x fixed; each slice's slope
is f_x or f_y.  Then a surface with both partials at a point and no tangent plane there."""

from __future__ import annotations

import numpy as np
from manim import RIGHT, FadeIn, FadeOut, Indicate, ValueTracker, VGroup, Write, smooth

from calcviz import latex, limits, multivariate
from calcviz.multivariate import TangentPlane
from calcviz.view import value_window
from scenes.kit.choreography import value_to
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
        F = p.function
        self.beat("The surface")
        self.header = self.show_title()
        stage = self.stage = stage_for(p, center=STAGE_CENTER, lengths=STAGE_SIZE)
        panel = self.panel = Panel(left=PANEL_LEFT, top=self.header.get_bottom()[1] - 0.5)
        f_label = panel.place(formula(rf"f(x, y) = {F.latex}", color=p.function_color))
        raised = {}
        self.say("How steep is a surface? That depends on which way you walk. Take a new surface, $z = f(x, y)$.",
                 lambda: raised.update(zip(("layer", "axes"), self.raise_surface(
                     [surface_sheet(stage, F, resolution=p.surface_resolution)], Write(f_label)))),
                 Indicate(f_label, color=p.function_color, scale_factor=1.0))
        layer, axes = raised["layer"], raised["axes"]
        self.say("Start with the simplest directions: along $x$, and along $y$.", lambda: self.turn_camera(p.orbit / 3, 3),
                 Indicate(f_label, scale_factor=1.0))

        a, b = p.point
        self.beat("Hold y fixed")
        part_x = self.show_slice(axis=0, color=SECANT, below=f_label, said=(
            f"Freeze $y$ at ${latex(b)}$: that plane cuts the surface along a curve, a function of $x$ alone.",
            "Its slope at the point is the partial derivative $f_x$, here {slope}."))

        self.beat("Slide along x")
        self.slide(axis=0, color=SECANT, parts=part_x, said=(
            "Slide the point along the curve and the slope changes: $f_x = {formula}$ is itself a function of $x$ and $y$."))

        self.beat("Hold x fixed")
        part_y = self.show_slice(axis=1, color=DERIVATIVE, below=f_label, said=(
            f"Now freeze $x$ at ${latex(a)}$ instead: a second curve, a function of $y$ alone.",
            "Its slope at the same point is $f_y$, here {slope}."),
            first=[[*(FadeOut(m) for m in part_x)], lambda: self.turn_camera(-1.2 * p.orbit, 2.5)])  # the plane x = a face on

        self.beat("Slide along y")
        self.slide(axis=1, color=DERIVATIVE, parts=part_y, said=(
            "Slide again, now in $y$: the tangent line tilts, and $f_y = {formula}$ follows it."))

        self.beat("A surface with a tear")
        self.wake(*self.scenery)
        self.say("Two slopes, one for each variable. Is that enough for a tangent plane? Not always.",
                 [*(FadeOut(m) for m in [axes, f_label, *part_y]), *(s.opacity.animate.set_value(0) for s in layer.sheets)],
                 lambda: self.remove(layer))
        self.scenery = []
        self.counterexample()

    # ------------------------------------------------------------------ the smooth surface
    def lift(self) -> float:
        return 0.012 * float(np.ptp(self.stage.ranges[2]))

    def show_slice(self, axis: int, color: str, below, said: tuple[str, str], first=()) -> list:
        """The cutting plane's frame, the slice and its formula (first sentence, after ``first`` steps); the point,
        its tangent and the slope there (second sentence)."""
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
        self.say(said[0], *first, lambda: self.add(frame, curve, tangent), frame.progress.animate.set_value(1),
                 [curve.progress.animate.set_value(1), Write(cut)])
        self.say(said[1].replace("{slope}", f"${latex(slope)}$"),
                 [FadeIn(dot, scale=2), tangent.progress.animate.set_value(1)], Write(value),
                 lambda: self.settle(frame, curve))  # the point and its tangent slide next
        return [frame, curve, dot, tangent, cut, value]

    def slide(self, axis: int, color: str, parts: list, said: str) -> None:
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
        general = formula(rf"f_{free}(x, y) = {partial.latex}", color=TANGENT)
        rate = VGroup(formula(rf"f_{free} =", color=TANGENT),
                      live_readout(lambda: float(partial(*at(self.slider.get_value()))), decimals=3, color=TANGENT)
                      ).arrange(RIGHT, buff=0.2)
        self.panel.place(general, below=parts[-1], buff=0.45)
        self.panel.place(position, below=general, buff=0.35)
        self.panel.place(rate, below=position, buff=0.25)
        lo, hi = self.stage.ranges[axis]
        step = SLIDE * (hi - lo)
        start = p.point[axis]
        self.say(said.replace("{formula}", partial.latex), [Write(general), FadeIn(position), FadeIn(rate)],
                 *[self.slider.animate(run_time=2.0, rate_func=smooth).set_value(target) if i == 0 else
                   value_to(self.slider, target, 2.0)
                   for i, target in enumerate((min(start + step, hi - 0.1 * step), max(start - step, lo + 0.1 * step), start))])
        parts.extend([general, position, rate])

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
        self.say(f"Take $g(x, y) = {G.latex}$. Its formula has no value at ${where_said(hole)}$, so give it the value "
                 f"${latex(value)}$ there.", [Write(g_label), Write(g_hole)], lambda: self.turn_camera(p.orbit / 3, 3))

        gx, gy = multivariate.partials_by_definition(G, hole, value)
        self.beat("Partials at the hole")
        lines = [Curve3D(stage, self.axis_line(G, axis), color=color, width=5, progress=0, lift=self.lift())
                 for axis, color in ((0, SECANT), (1, DERIVATIVE))]
        dot = StageDot(stage, lambda: np.array([*hole, value + self.lift()]), color=ACCENT)
        quotient = panel.place(formula(rf"g_x({where}) = \lim_{{h \to 0}} \frac{{g({latex(hole[0])} + h, {latex(hole[1])}) - "
                                       rf"g({where})}}{{h}} = {latex(gx)}", color=SECANT), below=g_hole, buff=0.5)
        other = panel.place(formula(rf"g_y({where}) = {latex(gy)}", color=DERIVATIVE), buff=0.3)
        self.say(f"Slice through that point along $x$: the slice passes smoothly through it, so $g_x = {latex(gx)}$ there.",
                 lambda: self.add(*lines), [FadeIn(dot, scale=2), lines[0].progress.animate.set_value(1)], Write(quotient))
        self.say(f"Along $y$ too, $g_y = {latex(gy)}$: both partial derivatives exist.",
                 [lines[1].progress.animate.set_value(1), Write(other)], lambda: self.settle(*lines, dot))

        try:
            limits.multivariate_limit(G, hole)
            raise AssertionError("the params check guarantees the limit does not exist")
        except limits.NoLimitError as error:
            paths, along = error.paths, error.limits
        self.beat("No tangent plane")
        plane = TangentPlane(hole[0], hole[1], value, float(gx), float(gy))
        sheet = plane_sheet(stage, plane, half_width=0.3 * np.ptp(stage.ranges[0]), colors=(TANGENT, TANGENT),
                            resolution=8)
        sheet.opacity.set_value(0)
        layer.add_sheet(sheet)
        self.wake(layer)
        plane_label = panel.place(formula(rf"\text{{plane?}}\ \ z = {latex(value)}", color=TANGENT), below=other, buff=0.5)
        self.say(f"Those two slopes allow just one plane, $z = {latex(value)}$.",
                 [sheet.opacity.animate.set_value(0.45), Write(plane_label)])
        diagonal = [Curve3D(stage, self.path_points(G, paths[1], side), color=ACCENT, width=5, progress=0, lift=self.lift())
                    for side in (1, -1)]
        jump = Curve3D(stage, [[*hole, value], [*hole, along[1]]], color=MUTED, width=2.5, progress=0)
        rows = [formula(rf"\text{{along }} {path.latex}:\ \ g \to {latex(limit)}", color=color)
                for path, limit, color in zip(paths, along, (SECANT, ACCENT))]
        panel.place(rows[0], below=plane_label, buff=0.45)
        panel.place(rows[1], buff=0.25)
        self.say(f"But walk in along the line ${paths[1].latex}$: the height stays at ${latex(along[1])}$ all the way, "
                 f"then drops to ${latex(value)}$ at the point.",
                 lambda: self.add(*diagonal, jump), [*(d.progress.animate.set_value(1) for d in diagonal), FadeIn(rows[0]),
                                                     Write(rows[1])], jump.progress.animate.set_value(1))
        self.scenery.extend([*diagonal, jump])
        self.say("The surface is torn there, and no plane can touch it.", lambda: self.turn_camera(p.orbit / 3, 3),
                 Indicate(rows[1], color=ACCENT, scale_factor=1.0))

        self.beat("Differentiable")
        moral = formula(r"\text{partials exist} \;\not\Rightarrow\; \text{differentiable}", color=FOREGROUND)
        shift = np.array([0.0, quotient.get_top()[1] - rows[0].get_top()[1], 0.0])
        self.say("Differentiable means one plane fits the surface in every direction at once.",
                 [FadeOut(quotient), FadeOut(other), FadeOut(plane_label)], [*(row.animate.shift(shift) for row in rows)])
        panel.place(moral, below=rows[1], buff=0.6)
        self.say("Partial derivatives look along only two lines, so they can exist where no tangent plane does.",
                 Write(moral), lambda: self.turn_camera(-p.orbit / 3, 4))

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


def where_said(point) -> str:
    """The hole in the narration's math: the origin by name, else its coordinates."""
    return r"\text{the origin}" if tuple(point) == (0, 0) else rf"({latex(point[0])}, {latex(point[1])})"
