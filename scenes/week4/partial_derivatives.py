"""Week 4 -- partial derivatives: the plane y = b cuts the surface along a curve in x alone; its slope at the
point is f_x.  Then the plane x = a, its curve in y and f_y.  Each partial is an ordinary derivative of a slice."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Create, Dot, FadeIn, FadeOut, Indicate, Line, Polygon, ValueTracker, VGroup, Write, smooth

from calcviz import latex, multivariate
from calcviz.termwise_partial import termwise_partial
from calcviz.view import value_window
from scenes.kit.choreography import plays, value_to
from scenes.kit.layout import Panel
from scenes.kit.look import (
    ACCENT,
    BACKGROUND,
    DERIVATIVE,
    LABEL_SIZE,
    MUTED,
    SECANT,
    WORKING_SIZE,
    formula,
)
from scenes.kit.plotting import graph, line_ends, make_axes, move_line, point_at
from scenes.kit.readouts import live_readout
from scenes.kit.surface_scene import SurfaceScene
from scenes.kit.three_d import (
    Curve3D,
    MeshLayer,
    StageDot,
    stage_axes,
    stage_for,
    surface_sheet,
)

STAGE_CENTER = (-2.9, -0.55)
STAGE_SIZE = (5.2, 5.2, 3.2)
PANEL_LEFT = 1.6
SLIDE = 0.35  # how far the point slides along a slice, as a part of the range
INSET_SIZE = (3.9, 1.5)  # the slice laid flat: an ordinary graph in the panel, its ticks apart at 480p
WALL_OPACITY = 0.16
VALUE = 11  # where show_slice's list keeps the slope's line
FINAL_VIEW = 150  # degrees: the last camera, where the x and y tangents are long on screen and nearly square
LABEL_OFF = 0.95  # the point's name: its centre this far from the point, between the tangents
REACH, FINAL_REACH = 0.16, 0.26  # the tangents' half-length while sliding; longer at the end, alone on the surface
SLICE_COLORS = (SECANT, DERIVATIVE)  # the slice in x, its tangent and f_x; the slice in y, its tangent and f_y
Y_ZOOM = 0.86  # the stage a little smaller from the slice in y on: the floor's rulers and their names stay in frame
Y_VIEW = 28  # degrees: the camera's azimuth for the slice in y, on the +x side so that y increases to the right, as
#              in the flat graph beside it (from the -x side the 3D curve was that graph's mirror image)


class PartialDerivatives(SurfaceScene):
    """Two slices through a point, each laid flat as an ordinary graph; their slopes are f_x and f_y."""

    def construct(self) -> None:
        p = self.params
        F = p.function
        self.reach = ValueTracker(REACH)  # each tangent's half-length, as a part of the range
        self.beat("The surface")
        self.header = self.show_title()
        stage = self.stage = stage_for(p, center=STAGE_CENTER, lengths=STAGE_SIZE)
        panel = self.panel = Panel(left=PANEL_LEFT, top=self.header.get_top()[1])  # beside the header, not under it
        f_label = self.f_label = panel.place(formula(rf"f(x, y) = {F.latex}", color=p.function_color))
        # the axes drawn silently (1.2 s), the surface raised as it is named: the voice starts 3 s in
        sheet = surface_sheet(stage, F, resolution=p.surface_resolution)
        sheet.lift.set_value(0)
        layer = MeshLayer(stage, [sheet])
        axes = stage_axes(stage)
        self.add(layer)
        self.play(FadeIn(axes), run_time=self.t(1.2))
        self.scenery.extend([layer, axes])
        # then turned, the walks below drawn at rest, their names fixed on screen; turned away from x = const, where
        # the y ruler stands upright under the z ruler and their numbers stack
        self.say("Here is a surface, $z = f(x, y)$. How steep it is depends on which way you walk.",
                 lambda: self.wake(layer), [sheet.lift.animate(run_time=2.5).set_value(1), Write(f_label, run_time=2.5)],
                 plays(lambda: self.turn_camera(-p.orbit / 3, 2)))
        walks, names = self.walks()
        self.say("Start with the two simplest directions: along $x$, and along $y$.",
                 lambda: self.add(*walks), [walks[0].progress.animate.set_value(1), FadeIn(names[0])],
                 [walks[1].progress.animate.set_value(1), FadeIn(names[1])])

        a, b = p.point
        self.beat("Hold y fixed")
        part_x = self.show_slice(axis=0, color=SLICE_COLORS[0], below=f_label, first=[[FadeOut(names), *(FadeOut(w) for w in walks)]])

        self.beat("Slide along x")
        self.slide(axis=0, parts=part_x)

        self.beat("Hold x fixed")
        keep = part_x[2:4]  # the point and its tangent: shown again at the end, without the curve they would hide in
        # turned (and the stage shrunk a little) so that y runs to the right; the floor's rulers drawn again on the
        # edges nearest the new camera, their names in frame
        turn = self.turn_to(Y_VIEW)
        theta, zoom = self.stage.theta.get_value(), self.stage.zoom.get_value()
        self.stage.theta.set_value(theta + np.radians(turn))
        self.stage.zoom.set_value(Y_ZOOM)
        y_rulers = stage_axes(self.stage)
        self.stage.theta.set_value(theta)
        self.stage.zoom.set_value(zoom)
        y_rulers.refresh()

        def turn_for_y():
            self.turn_camera(turn, 2.5, FadeOut(axes), FadeIn(y_rulers), self.stage.zoom.animate(rate_func=smooth).set_value(Y_ZOOM))
            self.scenery.append(y_rulers)

        part_y = self.show_slice(axis=1, color=SLICE_COLORS[1], below=f_label,
                                 first=[[*(FadeOut(m, run_time=0.5) for m in part_x)], turn_for_y])
        axes = y_rulers  # the rulers the last turn replaces

        self.beat("Slide along y")
        self.slide(axis=1, parts=part_y)

        self.beat("Two slopes")
        slopes = multivariate.exact_gradient(F, p.point)
        at = rf"{latex(a)}, {latex(b)}"
        results = [part_x[VALUE], part_y[VALUE]]  # each slope as the derivative of its slice
        target_x = results[0].copy().next_to(f_label, DOWN, buff=0.6, aligned_edge=LEFT)
        target_y = results[1].copy().next_to(target_x, DOWN, buff=0.45, aligned_edge=LEFT)
        results[0].move_to(target_x)
        gone = [m for m in part_y if m not in (part_y[2], part_y[3], results[1])]
        # the y slice's pictures and curve go, the x slice's point and tangent come back beside its tangent (said next)
        fade = [*(FadeOut(m) for m in gone), *(FadeIn(m) for m in keep)]
        for animation in fade:
            animation.run_time = 0.8
        # Turned to a view where both tangents are long and apart; the floor's rulers drawn again on the edges
        # nearest that camera (the first ones end up behind the surface), and the point named where no tangent runs.
        theta = self.stage.theta.get_value()
        self.stage.theta.set_value(np.radians(FINAL_VIEW))
        side = self.clear_side()
        rulers = stage_axes(self.stage)
        self.stage.theta.set_value(theta)
        rulers.refresh()
        dot = keep[0]
        name = formula(rf"({at})", size=LABEL_SIZE + 4, color=ACCENT)
        name.add_background_rectangle(color=BACKGROUND, opacity=0.85, buff=0.06)
        name.add_updater(lambda m: m.move_to(dot.get_center() + LABEL_OFF * side))
        heads = VGroup(*(self.tangent_head(axis) for axis in (0, 1)))  # which way x and which way y run, at last
        self.say("Turn the camera to see both tangents at once.", fade, lambda: self.settle(*keep),
                 plays(lambda: self.turn_camera(self.turn_to(FINAL_VIEW), 3, FadeOut(axes), FadeIn(rulers),
                                                FadeIn(name), FadeIn(heads), self.reach.animate.set_value(FINAL_REACH),
                                                FadeIn(results[0]), results[1].animate.move_to(target_y))))
        self.say(f"Two slopes at $({at})$: $f_x = {latex(slopes[0])}$ along $x$, "
                 f"and $f_y = {latex(slopes[1])}$ along $y$.",
                 *(Indicate(r, color=SLICE_COLORS[i], scale_factor=1.0) for i, r in enumerate(results)))
        self.say("Each one is an ordinary derivative: freeze the other variable, then differentiate in the one "
                 "that is left.", *(Indicate(r, color=SLICE_COLORS[i], scale_factor=1.0) for i, r in enumerate(results)))

    def tangent_head(self, axis: int) -> VGroup:
        """The name of the variable at the end of its tangent where it grows, following the camera."""
        name = formula(self.params.function.variables[axis], size=34, color=SLICE_COLORS[axis])
        name.add_background_rectangle(color=BACKGROUND, opacity=0.85, buff=0.06)

        def follow(m):
            low, high = self.stage.project(self.tangent_ends(axis, self.params.point[axis]))[0]
            away = (high - low) / max(np.linalg.norm(high - low), 1e-6)
            m.move_to(high + 0.3 * away)

        follow(name)
        name.add_updater(follow)
        return name

    def clear_side(self) -> np.ndarray:
        """On screen, the direction halfway across the widest angle between the two tangents at the point (each
        both ways): a label that far along it stays off both lines."""
        F, (a, b), stage = self.params.function, self.params.point, self.stage
        z = float(F(a, b))
        fx, fy = (float(F.partial(v)(a, b)) for v in F.variables)
        ends = stage.project(np.array([[a, b, z], [a + 0.5, b, z + 0.5 * fx], [a, b + 0.5, z + 0.5 * fy]]))[0][:, :2]
        angles = sorted(float(np.arctan2(*(u[::-1]))) % (2 * np.pi)
                        for d in (ends[1] - ends[0], ends[2] - ends[0]) for u in (d, -d))
        gaps = [((angles[(i + 1) % 4] - angles[i]) % (2 * np.pi), angles[i]) for i in range(4)]
        width, start = max(gaps)
        middle = start + width / 2
        return np.array([np.cos(middle), np.sin(middle), 0.0])

    def walks(self):
        """Through the point, a short walk on the surface along x (red) and along y (green), each named at the end
        that faces the camera."""
        F, (a, b), stage = self.params.function, self.params.point, self.stage
        reach = 0.3 * float(np.ptp(stage.ranges[0]))
        t = np.linspace(-reach / 2, reach / 2, 40)
        walks, names = [], VGroup()
        for axis, color, name in ((0, SECANT, "x"), (1, DERIVATIVE, "y")):
            xs, ys = (a + t, np.full_like(t, b)) if axis == 0 else (np.full_like(t, a), b + t)
            path = np.column_stack([xs, ys, np.broadcast_to(F(xs, ys), t.shape)])
            ends = path[[0, -1]] + np.array([0, 0, self.lift()])
            if stage.project(ends[1:])[1][0] < stage.project(ends[:1])[1][0]:  # the far end is hidden: draw from it
                path = path[::-1]
            walks.append(Curve3D(stage, path, color=color, width=6, progress=0, lift=self.lift()))
            end, start = stage.project(path[[-1, 0]] + np.array([0, 0, self.lift()]))[0]
            away = (end - start) / max(np.linalg.norm(end - start), 1e-6)
            label = formula(name, size=34, color=color).move_to(end + 0.3 * away)
            names.add(label.add_background_rectangle(color=BACKGROUND, opacity=0.85, buff=0.06))  # read over the surface
        return walks, names

    def turn_to(self, azimuth: float) -> float:
        """The turn, in degrees (either way, at most half a turn), that takes the camera to ``azimuth``."""
        now = np.degrees(self.stage.theta.get_value())
        return (azimuth - now + 180) % 360 - 180

    # ------------------------------------------------------------------ the slices
    def lift(self) -> float:
        return 0.012 * float(np.ptp(self.stage.ranges[2]))

    def show_slice(self, axis: int, color: str, below, first=()) -> list:
        """The cutting plane and the curve it cuts (first sentence); that curve laid flat as a graph in one variable
        (second); the point, its tangent and the slope there, in both pictures (third)."""
        p, stage = self.params, self.stage
        F, point = p.function, p.point
        held, free = F.variables[1 - axis], F.variables[axis]
        held_value, start = point[1 - axis], point[axis]
        section = multivariate.slice_of(F, held, held_value)
        slope = multivariate.exact_gradient(F, point)[axis]
        frame = Curve3D(stage, self.cutting_frame(axis, held_value), color=MUTED, width=2, progress=0)
        curve = Curve3D(stage, self.slice_points(axis, held_value), color=color, width=5, progress=0, lift=self.lift())
        # a dark edge either side of the slice: it reads on the pale surface
        underlay = Curve3D(stage, self.slice_points(axis, held_value), color=BACKGROUND, width=9, progress=0, lift=self.lift())
        wall = self.wall(axis, held_value, color)
        slider = self.slider = ValueTracker(start)
        dot = StageDot(stage, lambda: self.on_slice(axis, slider.get_value()), color=ACCENT)
        # the tangent, the slope's lines and readouts in the slice's own colour: red for x, green for y
        tangent = Curve3D(stage, self.tangent_ends(axis, slider.get_value()), color=color, width=5, progress=0,
                          lift=self.lift())
        tangent.add_updater(lambda m: m.set_path(self.tangent_ends(axis, slider.get_value())))

        args = ", ".join(free if i == axis else latex(point[i]) for i in range(2))
        cut = self.panel.place(formula(rf"{held} = {latex(held_value)}:\ \ f({args}) = {section.latex}", color=color),
                               below=below, buff=0.3)
        lo, hi = stage.ranges[axis]
        xs = np.linspace(lo, hi, 200)
        inset = make_axes((lo, hi, 1.0), value_window(np.asarray(section(xs), float), target_ticks=3), *INSET_SIZE,
                          x_label=free, y_label="z")
        below_axis = [tick for tick in inset.y_axis.numbers if tick.get_value() < 0]
        inset.y_axis.numbers.remove(*below_axis)  # a number below the x axis met the x numbers: left unnumbered
        self.panel.place(inset, buff=0.25)
        flat = graph(inset, section, color=color)
        flat_dot = Dot(point_at(inset, start, section(start)), color=ACCENT, radius=0.07).set_z_index(2)
        flat_dot.add_updater(lambda m: m.move_to(point_at(inset, slider.get_value(), section(slider.get_value()))))
        flat_tangent = self.flat_tangent(inset, section, slider, color)
        # the differentiation shown: the slice's formula term by term, then its derivative at the point
        derivative = section.derivative()
        worked = self.panel.place(formula(rf"\frac{{d}}{{d{free}}}\left({section.latex}\right) = {derivative.latex}",
                                          color=color), below=inset, buff=0.2)
        value = self.panel.place(formula(rf"f_{free}({latex(point[0])}, {latex(point[1])}) = "
                                         rf"\left({derivative.latex}\right)\Big|_{{{free} = {latex(start)}}} = {latex(slope)}",
                                         color=color), below=worked, buff=0.2)

        self.say(f"Freeze ${held}$ at ${latex(held_value)}$: the plane ${held} = {latex(held_value)}$ cuts the surface "
                 "along a curve.",
                 *first, lambda: self.add(wall, frame, underlay, curve, tangent), [FadeIn(wall), frame.progress.animate.set_value(1)],
                 [underlay.progress.animate.set_value(1), curve.progress.animate.set_value(1)])
        arrow = self.direction_arrow(axis, held_value, color, free)
        self.say(f"On that curve only ${free}$ changes: it is the graph of $f({args})$.",
                 [Write(cut), FadeIn(arrow)], [Create(inset), Create(flat)])
        self.say(f"At ${free} = {latex(start)}$ its slope is an ordinary derivative: the partial derivative "
                 f"$f_{free}$, here ${latex(slope)}$.",
                 [FadeIn(dot, scale=2), tangent.progress.animate.set_value(1), FadeIn(flat_dot, scale=2), Create(flat_tangent)],
                 Write(worked), Write(value), lambda: self.settle(frame, underlay, curve, wall))  # the point and its tangent slide next
        return [frame, curve, dot, tangent, wall, cut, inset, flat, flat_dot, flat_tangent, worked, value, arrow, underlay]

    def direction_arrow(self, axis: int, held: float, color: str, name: str) -> VGroup:
        """An arrow along the top of the cutting plane, the way the free variable grows, named at its head."""
        lo, hi = self.stage.ranges[axis]
        z_top = self.stage.ranges[2][1]
        graph_ends = np.array([[lo + t * (hi - lo), held, z_top] if axis == 0 else [held, lo + t * (hi - lo), z_top]
                               for t in (0.55, 0.95)])

        def ends():
            return self.stage.project(graph_ends)[0]

        start, end = ends()
        arrow = Arrow(start, end, buff=0, color=color, stroke_width=5, max_tip_length_to_length_ratio=0.3)
        label = formula(name, size=34, color=color)
        label.add_background_rectangle(color=BACKGROUND, opacity=0.85, buff=0.06)

        def follow(group):
            a, b = ends()
            group[0].put_start_and_end_on(a, b)
            away = (b - a) / max(np.linalg.norm(b - a), 1e-6)
            group[1].move_to(b + 0.3 * away)

        group = VGroup(arrow, label)
        follow(group)
        group.add_updater(follow)
        return group

    def flat_tangent(self, inset, section, slider, color: str):
        """The tangent of the flat slice at the slider, across the inset's box."""
        derivative = section.derivative()

        def ends():
            s = slider.get_value()
            return line_ends(inset, s, float(section(s)), float(derivative(s)))

        start, end = ends()
        line = Line(start, end, color=color, stroke_width=3)
        line.add_updater(lambda m: move_line(m, *ends()))
        return line

    def wall(self, axis: int, held: float, color: str) -> Polygon:
        """The cutting plane above its curve, a tinted pane re-projected every frame."""
        lo, hi = self.stage.ranges[axis]
        z_top = self.stage.ranges[2][1]
        curve = self.slice_points(axis, held)[::8]
        top = np.array([[hi, held, z_top], [lo, held, z_top]] if axis == 0 else [[held, hi, z_top], [held, lo, z_top]])
        corners = np.vstack([curve, top])

        def projected():
            return self.stage.project(corners)[0]

        pane = Polygon(*projected(), stroke_width=0, fill_color=color, fill_opacity=WALL_OPACITY)
        pane.add_updater(lambda m: m.set_points_as_corners([*projected(), projected()[0]]))
        return pane

    def slide(self, axis: int, parts: list) -> None:
        """Move the point along the slice with the tangent and live readouts of the coordinate and the slope;
        then write the partial derivative as a function of x and y."""
        p = self.params
        F = p.function
        free = F.variables[axis]
        color = SLICE_COLORS[axis]
        partial = F.partial(free)
        point = list(p.point)
        slider = self.slider

        def shown() -> float:
            """The coordinate as its readout shows it, so that the slope beside it is the slope there."""
            return round(slider.get_value(), 2)

        def at(value):
            point[axis] = value
            return tuple(point)

        row = VGroup(formula(rf"{free} =", color=MUTED),
                     live_readout(shown, decimals=2, color=MUTED),
                     formula(rf"\qquad f_{free} =", color=color),
                     live_readout(lambda: float(partial(*at(shown()))), decimals=3, color=color)
                     )
        for readout in row[1::2]:  # laid out at their widest, a minus sign included: no collision when one appears
            readout.set_value(-9.999)
        row.arrange(RIGHT, buff=0.2)
        for readout in row[1::2]:
            readout.update(0)
        worked, value = parts[VALUE - 1], parts[VALUE]
        lifted = value.copy().align_to(worked, UP)  # the derivative's value takes the worked line's place
        parts[VALUE - 1] = VGroup()  # gone: nothing left to fade out later
        self.panel.place(row, below=lifted, buff=0.25)
        lo, hi = self.stage.ranges[axis]
        step = SLIDE * (hi - lo)
        start = p.point[axis]
        said = ("Slide the point along the curve: the tangent tilts, and its slope changes." if axis == 0 else
                "Slide again, now along $y$: the tangent tilts, and its slope changes.")
        targets = (min(start + step, hi - 0.1 * step), max(start - step, lo + 0.1 * step), start)
        self.say(said, [FadeOut(worked), value.animate.move_to(lifted), FadeIn(row),  # the slide starts as the row comes
                        slider.animate(run_time=1.5, rate_func=smooth).set_value(targets[0])],
                 *(value_to(slider, target, 1.5) for target in targets[1:]))
        work = termwise_partial(F, free)
        derive = formula(rf"f_{free}(x, y) = \frac{{\partial}}{{\partial {free}}}\left({work.function_latex}\right)",
                         size=WORKING_SIZE, color=color)
        termwise = formula(rf"= {work.termwise_latex}", rf"= {work.result_latex}", size=WORKING_SIZE, color=color)
        self.panel.place(derive, below=lifted, buff=0.25)
        self.panel.place(termwise, below=derive, buff=0.15)
        termwise.shift(min(0.5, self.panel.right - termwise.get_right()[0]) * RIGHT)  # indented under the derivative
        held = work.held
        self.say(f"Now keep ${held}$ as a letter, a constant: differentiate each term in ${free}$.",
                 [FadeOut(row), Indicate(self.f_label, color=p.function_color, scale_factor=1.0)],
                 Write(derive), Write(termwise[0]))
        self.say(f"So $f_{free} = {partial.latex}$: itself a function of $x$ and $y$.", Write(termwise[1]),
                 Indicate(termwise[1], color=color, scale_factor=1.0))
        parts.extend([derive, termwise])

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
        half = self.reach.get_value() * (hi - lo)
        step = np.array([half, 0, half * slope]) if axis == 0 else np.array([0, half, half * slope])
        return np.array([top - step, top + step])

