"""Week 2 -- the epsilon-delta definition of a limit: every ε-band is answered by a δ-band."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, Circle, Create, Dot, FadeIn, ValueTracker, VGroup, VMobject, Write

from calcviz import limits
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, CONCAVE, CONVEX, EDGE, TANGENT, formula, tex_number
from scenes.kit.plotting import axes_box, fixed_map, graph, make_axes, point_at, polyline_points, window_for
from scenes.kit.readouts import live_row

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
EPSILON_COLOR = TANGENT
DELTA_COLOR = ACCENT
INSIDE_COLOR = CONVEX  # graph inside the δ-window and inside the ε-band
OUTSIDE_COLOR = CONCAVE  # ... and outside it: the δ does not work
WINDOW_SAMPLES = 121  # samples of f on each side of a, per frame


class EpsilonDelta(LectureScene):
    """Shrink ε and watch δ follow; then a jump, where no δ works."""

    def construct(self) -> None:
        self.beat("Title", "What does it mean that f(x) approaches L as x approaches a? Turn it into a game: a challenge and an answer.")
        header = self.show_title()
        self.converging_limit()
        self.jump(keep=header)

    # ------------------------------------------------------------------ a limit that exists
    def converging_limit(self) -> None:
        p = self.params
        f, a = p.function, p.point
        limit = limits.limit(f, a)
        answers = [limits.epsilon_delta(f, a, epsilon, limit=limit) for epsilon in p.epsilons]
        a_tex, limit_tex = tex_number(a), tex_number(limit)
        if f.is_defined_at(a):
            story = f"Here is f near a = {a:g}. The limit ignores the value at a itself and asks only where f(x) goes as x closes in: L = {limit:g}."
        else:
            story = f"Here is f near a = {a:g}. It is not even defined at a (the hole), yet as x closes in, f(x) crowds around L = {limit:g}."
        self.beat("The function", story)
        axes = self.axes_for(f, p.interval, limit, p.epsilons[0])
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        limit_label = panel.place(formula(rf"\lim_{{x \to {a_tex}}} f(x) = {limit_tex}"), buff=0.35)
        self.play(Create(axes), run_time=self.t(1.5))
        self.play(Create(graph(axes, f, color=p.function_color)), Write(f_label), run_time=self.t(2))
        self.play(FadeIn(self.limit_point(axes, f, a, limit)), Write(limit_label), run_time=self.t(1.2))
        self.pause(2.5)

        self.beat("The challenge", "The challenge: a tolerance ε. The band from L − ε to L + ε is where f(x) has to stay.")
        first = answers[0]
        epsilon, delta, level = ValueTracker(first.epsilon), ValueTracker(first.delta), ValueTracker(limit)
        epsilon_band = self.epsilon_band(axes, level, epsilon)
        epsilon_row = live_row(r"\varepsilon =", epsilon.get_value, config_decimals(p.epsilons), EPSILON_COLOR)
        panel.place(epsilon_row, buff=0.6)
        self.play(FadeIn(epsilon_band), FadeIn(epsilon_row), run_time=self.t(1.5))
        self.pause(2.5)

        self.beat("The answer", "The answer: a distance δ. Every x within δ of a, except a itself, has f(x) inside the band. calcviz finds the largest such δ.")
        delta_band = self.delta_band(axes, a, delta)
        window = self.window_graph(axes, f, a, level, epsilon, delta)
        delta_row = live_row(r"\delta =", delta.get_value, readout_decimals([answer.delta for answer in answers]), DELTA_COLOR)
        rule = formula(rf"0 < |{shifted('x', a)}| < \delta \;\Rightarrow\; |{shifted('f(x)', limit)}| < \varepsilon", size=34)
        panel.place(delta_row, buff=0.3)
        panel.place(rule, buff=0.5)
        self.play(FadeIn(delta_band), FadeIn(window), FadeIn(delta_row), run_time=self.t(1.5))
        self.play(Write(rule), run_time=self.t(1.5))
        self.pause(3)

        self.beat("Smaller ε", "Now shrink ε. The old δ is too wide: near its edges the curve leaves the band (red). A smaller δ repairs it, every time.")
        for answer in answers[1:]:
            self.play(epsilon.animate.set_value(answer.epsilon), run_time=self.t(1.4))
            self.pause(0.8)
            self.play(delta.animate.set_value(answer.delta), run_time=self.t(1.4))
            self.pause(1)
        self.pause(1)

        self.beat("The definition", f"So ε can be as small as you like and a δ always answers: that is exactly what the limit of f at {a:g} being {limit:g} means.")
        definition = formula(r"\forall \varepsilon > 0\;\; \exists \delta > 0:", size=34)
        panel.place(definition, below=delta_row, buff=0.5)
        self.play(rule.animate.next_to(definition, DOWN, buff=0.25).align_to(definition, LEFT), Write(definition), run_time=self.t(1.5))
        self.pause(4)

    # ------------------------------------------------------------------ a jump: no limit
    def jump(self, keep) -> None:
        p = self.params
        f, a, epsilon_value = p.jump_function, p.jump_point, p.jump_epsilon
        left, right = limits.jump_at(f, a)
        a_tex = tex_number(a)
        self.beat("A jump", f"Now a function that jumps at a = {a:g}: from the left f(x) approaches {left:g}, from the right {right:g}.")
        self.clear_all_but(keep, run_time=self.t(1))
        axes = self.axes_for(f, p.jump_interval, (left + right) / 2, abs(right - left) / 2 + epsilon_value)
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        sides = VGroup(
            formula(rf"\lim_{{x \to {a_tex}^-}} f(x) = {tex_number(left)}"),
            formula(rf"\lim_{{x \to {a_tex}^+}} f(x) = {tex_number(right)}"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        panel.place(sides, buff=0.35)
        ends = VGroup(self.limit_point(axes, f, a, left), self.limit_point(axes, f, a, right))
        self.play(Create(axes), run_time=self.t(1.2))
        self.play(Create(graph(axes, f, color=p.function_color)), Write(f_label), run_time=self.t(1.5))
        self.play(FadeIn(ends), Write(sides), run_time=self.t(1.2))
        self.pause(2)

        self.beat("Try a limit", f"Try L = {right:g} with ε = {epsilon_value:g}. Inside the δ-window, the points left of a sit near {left:g}: outside the band.")
        level, epsilon, delta = ValueTracker(right), ValueTracker(epsilon_value), ValueTracker(p.jump_deltas[0])
        epsilon_band = self.epsilon_band(axes, level, epsilon)
        delta_band = self.delta_band(axes, a, delta)
        window = self.window_graph(axes, f, a, level, epsilon, delta)
        witnesses = self.witnesses(axes, f, a, level, epsilon, delta)
        decimals = max(2, config_decimals(p.jump_deltas))
        rows = VGroup(
            live_row("L =", level.get_value, 2, EPSILON_COLOR),
            formula(rf"\varepsilon = {tex_number(epsilon_value)}", color=EPSILON_COLOR),
            live_row(r"\delta =", delta.get_value, decimals, DELTA_COLOR),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        panel.place(rows, buff=0.6)
        self.play(FadeIn(epsilon_band), FadeIn(rows[:2]), run_time=self.t(1.2))
        self.play(FadeIn(delta_band), FadeIn(window), FadeIn(witnesses), FadeIn(rows[2]), run_time=self.t(1.2))
        self.pause(2.5)

        self.beat("Any δ", "A smaller δ does not help: however narrow the window, it holds points just left of a, and they stay outside.")
        for value in p.jump_deltas[1:]:
            self.play(delta.animate.set_value(value), run_time=self.t(1.5))
            self.pause(1)
        self.pause(1)

        self.beat("Any L", "Nor does another L. Slide L from one side to the other: some points of the window always leave the band.")
        self.play(level.animate.set_value((left + right) / 2), run_time=self.t(2))
        self.pause(1.5)
        self.play(level.animate.set_value(left), run_time=self.t(2))
        self.pause(1.5)

        try:
            limits.delta_for_epsilon(f, a, epsilon_value)
            verdict = "calcviz finds no limit here."
        except limits.NoDeltaError as error:
            verdict = f"calcviz agrees: {error}."
        self.beat("No limit", f"For ε = {epsilon_value:g} no δ works, whatever L we choose, so f has no limit at {a:g}. {verdict}")
        conclusion = formula(rf"\lim_{{x \to {a_tex}}} f(x) \text{{ does not exist}}", color=OUTSIDE_COLOR)
        panel.place(conclusion, buff=0.6)
        self.play(Write(conclusion), run_time=self.t(1.5))
        self.pause(4)

    # ------------------------------------------------------------------ pieces
    def axes_for(self, f, interval, centre: float, reach: float):
        """Axes over the interval, tall enough to show f and the band centre ± reach."""
        x_window, y_window = window_for(lambda xs: np.concatenate([f(xs), [centre - reach, centre + reach]]), *interval)
        return make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)

    def limit_point(self, axes, f, a: float, value: float) -> VGroup:
        """A hollow circle at (a, value); f's own value at a, if any, as a filled dot."""
        marks = VGroup(Circle(radius=0.075, stroke_color=self.params.function_color, stroke_width=3,
                              fill_color=BACKGROUND, fill_opacity=1).move_to(point_at(axes, a, value)))
        if f.is_defined_at(a):
            marks.add(Dot(point_at(axes, a, f(a)), color=self.params.function_color, radius=0.07))
        return marks.set_z_index(3)

    def epsilon_band(self, axes, level: ValueTracker, epsilon: ValueTracker) -> VMobject:
        x0, x1, _, _ = axes_box(axes)
        to_scene = fixed_map(axes)

        def corners():
            low, high = level.get_value() - epsilon.get_value(), level.get_value() + epsilon.get_value()
            return to_scene(box(x0, x1, low, high))

        return self.band(corners, EPSILON_COLOR)

    def delta_band(self, axes, a: float, delta: ValueTracker) -> VMobject:
        x0, x1, y0, y1 = axes_box(axes)
        to_scene = fixed_map(axes)
        return self.band(lambda: to_scene(box(max(a - delta.get_value(), x0), min(a + delta.get_value(), x1), y0, y1)), DELTA_COLOR)

    @staticmethod
    def band(corners, color: str) -> VMobject:
        band = VMobject(fill_color=color, fill_opacity=0.16, stroke_color=color, stroke_width=1.5, stroke_opacity=0.8)
        band.points = polyline_points(corners())
        band.add_updater(lambda m: setattr(m, "points", polyline_points(corners())))
        return band  # drawn over the static frame: a faint tint, and nothing static needs redrawing

    def window_graph(self, axes, f, a: float, level, epsilon, delta) -> VGroup:
        """The graph over the δ-window, drawn thick: green inside the ε-band, red outside it."""
        _, _, y0, y1 = axes_box(axes)
        to_scene = fixed_map(axes)
        inside = VMobject(stroke_color=INSIDE_COLOR, stroke_width=7)
        outside = VMobject(stroke_color=OUTSIDE_COLOR, stroke_width=7)

        def update(group):
            xs = window_samples(a, delta.get_value(), axes_box(axes))
            ys = f(xs)
            is_inside = np.abs(ys - level.get_value()) < epsilon.get_value()
            points = to_scene(np.column_stack([xs, np.clip(ys, y0, y1)]))
            inside.points = polyline_points(points, np.isfinite(ys) & is_inside)
            outside.points = polyline_points(points, np.isfinite(ys) & ~is_inside)

        group = VGroup(inside, outside).set_z_index(1)
        update(group)
        group.add_updater(update)
        return group

    def witnesses(self, axes, f, a: float, level, epsilon, delta) -> VGroup:
        """Two points of the window, halfway to its edges, red when they leave the band."""
        dots = VGroup(*[Dot(radius=0.08).set_z_index(4) for _ in range(2)])
        to_scene = fixed_map(axes)

        def update(group):
            for dot, side in zip(group, (-1, 1)):
                x = a + side * delta.get_value() / 2
                y = f(x)
                dot.move_to(to_scene([x, y])[0])
                dot.set_color(INSIDE_COLOR if abs(y - level.get_value()) < epsilon.get_value() else OUTSIDE_COLOR)

        update(dots)
        dots.add_updater(update)
        return dots


def shifted(name: str, value: float) -> str:
    """LaTeX of ``name - value`` without a "- 0" or a "- -1"."""
    if value == 0:
        return name
    return rf"{name} - {tex_number(value)}" if value > 0 else rf"{name} + {tex_number(-value)}"


def box(x0: float, x1: float, y0: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]])


def window_samples(a: float, delta: float, axes_range) -> np.ndarray:
    """x values of (a − δ, a) and (a, a + δ) within the axes, never a itself."""
    x0, x1 = axes_range[0], axes_range[1]
    left = np.linspace(max(a - delta, x0), a, WINDOW_SAMPLES)[:-1]
    right = np.linspace(a, min(a + delta, x1), WINDOW_SAMPLES)[1:]
    return np.concatenate([left, [np.nan], right])  # nan splits the two sides


def config_decimals(values) -> int:
    """The fewest decimals that show every value of a schedule exactly (at most six)."""
    return next((d for d in range(6) if all(round(v, d) == v for v in values)), 6)


def readout_decimals(values) -> int:
    """Decimals that show the smallest value with three significant digits."""
    smallest = min(abs(v) for v in values if v != 0)
    return max(2, 2 - math.floor(math.log10(smallest)))
