"""Week 2 -- the epsilon-delta definition of a limit: every ε-band is answered by a δ-band.

Told sentence by sentence: a, L and L ± ε labelled on the picture; each smaller ε met by a smaller δ;
then a jump, zoomed in on as δ shrinks, where no L works because a band of height 2ε cannot hold
both sides of the jump.
"""

from __future__ import annotations

import dataclasses

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Create,
    DashedLine,
    DoubleArrow,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    ReplacementTransform,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from calcviz import limits
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, CONCAVE, CONVEX, EDGE, FOREGROUND, LABEL_SIZE, MUTED, ROW_SIZE, SMALL_SIZE, TANGENT, formula, words
from scenes.kit.numbers import decimals, number_tex, plain_tex as plain, exact_or_number as shown
from scenes.kit.plotting import axes_box, fixed_map, graph, make_axes, point_at, polyline_points, window_for

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
        self.beat("The function")
        header = self.show_title()
        self.converging_limit()
        self.jump(keep=header)

    # ------------------------------------------------------------------ a limit that exists
    def converging_limit(self) -> None:
        p = self.params
        f, a = p.function, p.point
        limit = limits.limit(f, a)
        answers = [limits.epsilon_delta(f, a, epsilon, limit=limit) for epsilon in p.epsilons]
        places = decimals(min(answer.delta for answer in answers))
        widest = answers[0].delta  # where the curve meets the band's edge
        answers = [dataclasses.replace(answer, delta=rounded_down(answer.delta, places)) for answer in answers]
        a_tex, limit_tex = shown(a), shown(limit)
        axes = self.axes_for(f, p.interval, limit, p.epsilons[0], hide_y_number=limit if a == 0 else None)
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        a_mark = self.x_mark(axes, a, "a")
        self.play(Create(axes), run_time=0.8)  # the stage draws silently: the voice speaks over the curve
        self.say(f"Here is $f(x) = {plain(f.latex)}$ near $a = {a_tex}$.",
                 [Create(graph(axes, f, color=p.function_color)), Write(f_label)], FadeIn(a_mark))

        x0, x1, _, _ = axes_box(axes)
        level_line = DashedLine(point_at(axes, x0, limit), point_at(axes, x1, limit), color=MUTED, stroke_width=2, dash_length=0.1)
        l_label = formula("L", size=LABEL_SIZE + 2, color=FOREGROUND).next_to(level_line.get_start(), UP + RIGHT, buff=0.08)
        limit_label = panel.place(formula(rf"L = {limit_tex}"), buff=0.35)
        defined = "" if not f.is_defined_at(a) else f", whatever its value there"
        self.say(f"Near ${a_tex}${defined}, $f(x)$ crowds around $L = {limit_tex}$.",
                 FadeIn(self.limit_point(axes, f, a, limit)), [Create(level_line), Write(l_label), Write(limit_label)])

        self.beat("The challenge")
        first = answers[0]
        epsilon, delta, level = ValueTracker(first.epsilon), ValueTracker(first.delta), ValueTracker(limit)
        epsilon_band = self.epsilon_band(axes, level, epsilon)
        edges = self.edge_labels(axes, level, epsilon)
        epsilon_row = self.static_row(r"\varepsilon =", number_tex(first.epsilon, "step"), EPSILON_COLOR)
        panel.place(epsilon_row, buff=0.5)
        self.tie(epsilon, epsilon_band, edges)
        self.say(f"The challenge: a tolerance $\\varepsilon$, here ${number_tex(first.epsilon, 'step')}$. "
                 "$f(x)$ must stay between $L - \\varepsilon$ and $L + \\varepsilon$.",
                 [FadeIn(epsilon_band), FadeIn(epsilon_row)], FadeIn(edges), Indicate(edges, color=EPSILON_COLOR))

        self.beat("An answer")
        delta_band = self.delta_band(axes, a, delta)
        window = self.window_graph(axes, f, a, level, epsilon, delta)
        delta_row = self.static_row(r"\delta =", as_read(first.delta, places), DELTA_COLOR)
        panel.place(delta_row, buff=0.25)
        self.tie(delta, delta_band)
        self.tie(epsilon, window)
        self.tie(delta, window)
        exits = self.band_exits(axes, f, a, widest)
        self.say(f"Read $\\delta$ off where the curve crosses the band's edge: about ${as_read(first.delta, 2)}$; "
                 "any smaller $\\delta$ works too.",
                 [FadeIn(exits[0], scale=2), Create(exits[1])], [FadeIn(delta_band), FadeIn(delta_row)])
        rule = formula(r"0 < |x - a| < \delta", r"\;\Rightarrow\;", r"|f(x) - L| < \varepsilon", size=ROW_SIZE)  # as it is said
        panel.place(rule, buff=0.45)
        self.say("Every $x$ closer than $\\delta$ to $a$, but not $a$ itself, lands in the band.",
                 FadeIn(window), [FadeOut(exits), Write(rule[0]), Indicate(delta_band, color=DELTA_COLOR, scale_factor=1)])
        self.say("In symbols, the window forces $|f(x) - L| < \\varepsilon$.", Write(rule[1:]),
                 Indicate(epsilon_band, color=EPSILON_COLOR, scale_factor=1))

        self.beat("Smaller ε")

        def change(row, label, value_tex, color, tracker, value):
            """The band moves to ``value`` while its row is rewritten once, with the new number (no digits in between)."""
            new = self.static_row(label, value_tex, color).move_to(row, aligned_edge=LEFT)
            return [value_to(tracker, value, 1.4), Transform(row, new, run_time=1.4)]

        for k, answer in enumerate(answers[1:], start=1):
            eps_tex, delta_tex = number_tex(answer.epsilon, "step"), as_read(answer.delta, places)
            if k == 1:
                self.say(f"Shrink $\\varepsilon$ to ${eps_tex}$: with the old $\\delta$, the curve leaves the band.",
                         change(epsilon_row, r"\varepsilon =", eps_tex, EPSILON_COLOR, epsilon, answer.epsilon), 0.4)
                self.say(f"A smaller $\\delta$, about ${as_read(answer.delta, 2)}$, repairs it.",
                         change(delta_row, r"\delta =", delta_tex, DELTA_COLOR, delta, answer.delta))
            else:
                self.say(f"Once more: $\\varepsilon = {eps_tex}$ pushes the curve out; $\\delta$ of about ${as_read(answer.delta, 2)}$ brings it back.",
                         change(epsilon_row, r"\varepsilon =", eps_tex, EPSILON_COLOR, epsilon, answer.epsilon), 0.6,
                         change(delta_row, r"\delta =", delta_tex, DELTA_COLOR, delta, answer.delta), 0.4)

        self.beat("The definition")
        definition = formula(r"\forall \varepsilon > 0\;\; \exists \delta > 0:", size=ROW_SIZE)
        panel.place(definition, below=delta_row, buff=0.45)
        named = formula(rf"L = \lim_{{x \to {a_tex}}} f(x) = {limit_tex}").move_to(limit_label, aligned_edge=LEFT)
        self.say(f"Three cases only illustrate it: as $x$ nears ${a_tex}$, $f(x)$ nears ${limit_tex}$, "
                 "so close enough the curve stays inside any band.", Indicate(epsilon_band, color=EPSILON_COLOR, scale_factor=1))
        self.say(f"However small $\\varepsilon$ is, some $\\delta$ answers it: that is what $f(x) \\to {limit_tex}$ "
                 f"as $x \\to {a_tex}$ means.",
                 [rule.animate.next_to(definition, DOWN, buff=0.2).align_to(definition, LEFT), Write(definition)],
                 [Transform(limit_label, named), Indicate(VGroup(definition, rule), color=TANGENT)])

    def band_exits(self, axes, f, a: float, delta: float) -> VGroup:
        """Where the widest δ comes from: the curve at a ± δ, on the band's edge, dropped to the x-axis."""
        dots, drops = VGroup(), VGroup()
        for x in (a - delta, a + delta):
            if not f.is_defined_at(x):
                continue
            y = float(f(x))
            dots.add(Dot(point_at(axes, x, y), radius=0.09, color=FOREGROUND).set_z_index(4))
            drops.add(DashedLine(point_at(axes, x, y), point_at(axes, x, 0), color=FOREGROUND, stroke_width=2, dash_length=0.08))
        span = DoubleArrow(point_at(axes, a, 0) + 0.62 * DOWN, point_at(axes, a + delta, 0) + 0.62 * DOWN, buff=0, color=DELTA_COLOR,
                           stroke_width=3, tip_length=0.16)
        name = formula(r"\delta", size=LABEL_SIZE + 2, color=DELTA_COLOR).next_to(span, DOWN, buff=0.08)
        return VGroup(dots, VGroup(drops, span, name))

    # ------------------------------------------------------------------ a jump: no limit
    def jump(self, keep) -> None:
        p = self.params
        f, a, epsilon_value = p.jump_function, p.jump_point, p.jump_epsilon
        left, right = limits.jump_at(f, a)
        a_tex, left_tex, right_tex = shown(a), shown(left), shown(right)
        lo, hi = p.jump_interval
        reach = abs(right - left) / 2 + epsilon_value
        centre = (left + right) / 2
        self.beat("A jump")
        level, epsilon, delta = ValueTracker(right), ValueTracker(epsilon_value), ValueTracker(p.jump_deltas[0])
        half = min(a - lo, hi - a)
        axes = self.jump_axes(f, a, half, centre, reach)
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        sides = VGroup(formula(rf"\lim_{{x \to {a_tex}^-}} f(x) = {left_tex}"),
                       formula(rf"\lim_{{x \to {a_tex}^+}} f(x) = {right_tex}")).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        panel.place(sides, buff=0.35)
        picture = self.jump_picture(axes, f, a, level, epsilon, delta)
        self.clear_all_but(keep, run_time=self.t(0.8))
        self.play(Create(axes), run_time=0.8)  # the new stage draws silently: the voice speaks over the graph
        self.say(f"Now $f(x) = {slashed(plain(f.latex))}$ jumps at ${a_tex}$: it tends to ${left_tex}$ from the left, ${right_tex}$ from the right.",
                 [Create(picture["graph"]), Write(f_label), FadeIn(picture["a"])], [FadeIn(picture["ends"]), Write(sides)])

        self.beat("Try a limit")
        step = lambda x: number_tex(x, "step")  # noqa: E731  the digits the voice says, as in the first part
        rows = VGroup(self.static_row("L =", step(right), FOREGROUND),
                      self.static_row(r"\varepsilon =", step(epsilon_value), EPSILON_COLOR),
                      self.static_row(r"\delta =", step(p.jump_deltas[0]), DELTA_COLOR)
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        panel.place(rows, buff=0.5)

        def rewrite(k, label, value, color, run_time):
            """Row ``k`` rewritten once with its new value, while its tracker moves."""
            return Transform(rows[k], self.static_row(label, step(value), color).move_to(rows[k], aligned_edge=LEFT), run_time=run_time)

        self.say(f"Try $L = {right_tex}$, $\\varepsilon = {number_tex(epsilon_value, 'step')}$, "
                 f"$\\delta = {number_tex(p.jump_deltas[0], 'step')}$: left of ${a_tex}$, $f$ is ${left_tex}$, outside the band.",
                 [FadeIn(picture["epsilon"]), FadeIn(rows[:2])], [FadeIn(picture["delta"]), FadeIn(rows[2])],
                 [FadeIn(picture["window"]), FadeIn(picture["witnesses"])], Indicate(picture["witnesses"][0], scale_factor=1.8))

        self.beat("Any δ")
        steps = []
        for value in p.jump_deltas[1:]:
            zoomed_axes = self.jump_axes(f, a, min(half, 2 * value), centre, reach)
            zoomed = self.jump_picture(zoomed_axes, f, a, level, epsilon, delta)
            old = VGroup(axes, *picture.values())
            steps += [[value_to(delta, value, 1.3), rewrite(2, r"\delta =", value, DELTA_COLOR, 1.3)], lambda old=old: self.regroup(old),
                      ReplacementTransform(old, VGroup(zoomed_axes, *zoomed.values()), run_time=1.4)]
            axes, picture = zoomed_axes, zoomed
        windows = " then ".join(f"${number_tex(value, 'step')}$" for value in p.jump_deltas[1:])
        zoom_note = words(r"zooming in with $\delta$", size=SMALL_SIZE, color=FOREGROUND).next_to(axes, UP, buff=0.05).align_to(axes, RIGHT)
        self.say(f"Zooming in, shrink $\\delta$ to {windows}: left of ${a_tex}$, $f$ stays at ${left_tex}$.",
                 FadeIn(zoom_note), *steps, Indicate(picture["witnesses"][0], scale_factor=1.8))

        self.beat("Any L")
        x0, _, _, _ = axes_box(axes)
        at = x0 + 0.25 * (a - x0)
        jump_arrow = DoubleArrow(point_at(axes, at, left), point_at(axes, at, right), buff=0, color=FOREGROUND, stroke_width=3,
                                 tip_length=0.18)
        jump_label = formula(rf"\text{{jump}}\ {shown(abs(right - left))}", size=LABEL_SIZE)
        jump_label.next_to(point_at(axes, at, centre + 0.5 * (max(left, right) - centre)), RIGHT, buff=0.12)
        gap = formula(rf"2\varepsilon = {shown(2 * epsilon_value)} < {shown(abs(right - left))}", size=ROW_SIZE, color=EPSILON_COLOR)
        panel.place(gap, buff=0.4)
        self.say(f"Nor does another $L$: a band $2\\varepsilon = {shown(2 * epsilon_value)}$ tall cannot hold both sides "
                 f"of a jump of ${shown(abs(right - left))}$.",
                 [Create(jump_arrow), Write(jump_label), Write(gap)],
                 [value_to(level, centre, 1.8), rewrite(0, "L =", centre, FOREGROUND, 1.8)],
                 [value_to(level, left, 1.8), rewrite(0, "L =", left, FOREGROUND, 1.8)])

        self.beat("No limit")
        conclusion = formula(rf"\lim_{{x \to {a_tex}}} f(x) \text{{ does not exist}}")
        panel.place(conclusion, buff=0.45)
        self.say(f"So no $L$ and no $\\delta$ work for this $\\varepsilon$: $f$ has no limit at ${a_tex}$.",
                 Write(conclusion), Indicate(conclusion, color=TANGENT))

    # ------------------------------------------------------------------ pieces
    def axes_for(self, f, interval, centre: float, reach: float, hide_y_number: float | None = None):
        """Axes over the interval, tall enough to show f and the band centre ± reach."""
        x_window, y_window = window_for(lambda xs: np.concatenate([f(xs), [centre - reach, centre + reach]]), *interval)
        axes = backed(make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE))
        if hide_y_number is not None:  # the hole sits on the y-axis: its tick number would hide under it
            for number in list(axes.y_axis.numbers):
                if abs(number.get_value() - hide_y_number) < 1e-9:
                    axes.y_axis.numbers.remove(number)
        return axes

    def jump_axes(self, f, a: float, half: float, centre: float, reach: float):
        """Axes over [a - half, a + half]: each smaller δ is seen through a narrower window. On the y-axis (a = 0) the
        one-sided limits' tick numbers are left out: their open circles would sit on them."""
        x_window, y_window = window_for(lambda xs: np.concatenate([f(xs), [centre - reach, centre + reach]]), a - half, a + half)
        axes = backed(make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE))
        if abs(a) < 1e-12:
            for number in list(axes.y_axis.numbers):
                if any(abs(number.get_value() - v) < 1e-9 for v in limits.jump_at(f, a)):
                    axes.y_axis.numbers.remove(number)
        return axes

    def jump_picture(self, axes, f, a: float, level, epsilon, delta) -> dict:
        """The jump's graph, its one-sided ends, the mark of a, both bands, the window graph and its witnesses on ``axes``."""
        left, right = limits.jump_at(f, a)
        parts = {
            "graph": graph(axes, f, color=self.params.function_color),
            "a": self.x_mark(axes, a, "a"),
            "ends": VGroup(self.limit_point(axes, f, a, left), self.limit_point(axes, f, a, right)),
            "epsilon": self.epsilon_band(axes, level, epsilon),
            "delta": self.delta_band(axes, a, delta),
            "window": self.window_graph(axes, f, a, level, epsilon, delta),
            "witnesses": self.witnesses(axes, f, a, level, epsilon, delta),
        }
        for tracker in (level, epsilon, delta):
            self.tie(tracker, parts["epsilon"], parts["delta"], parts["window"], parts["witnesses"])
        return parts

    def regroup(self, group: VGroup) -> None:
        """Freeze ``group``'s parts and put them on screen as the one group a transform will replace."""
        for part in group.get_family():
            part.clear_updaters()
        self.remove(*group.submobjects)
        self.add(group)

    def x_mark(self, axes, a: float, name: str) -> VGroup:
        tick = Line(UP * 0.12, DOWN * 0.12, color=DELTA_COLOR, stroke_width=3).move_to(axes.c2p(a, 0))
        below = axes.y_range[0] < 0 < axes.y_range[1]
        label = formula(name, size=LABEL_SIZE + 2, color=DELTA_COLOR)
        label.next_to(tick, DOWN, buff=0.1).shift(RIGHT * 0.18 if below and abs(a) < 1e-12 else 0)
        return VGroup(tick, label)

    def static_row(self, label: str, value_tex: str, color: str) -> VGroup:
        """``label`` and a number written once: it changes only by being rewritten, never counting through values."""
        return formula(rf"{label} {value_tex}", size=ROW_SIZE, color=color)

    def limit_point(self, axes, f, a: float, value: float) -> VGroup:
        """A hollow circle at (a, value); f's own value at a, if any, as a filled dot."""
        marks = VGroup(Circle(radius=0.08, stroke_color=self.params.function_color, stroke_width=3,
                              fill_color=BACKGROUND, fill_opacity=1).move_to(point_at(axes, a, value)))
        if f.is_defined_at(a):
            marks.add(Dot(point_at(axes, a, f(a)), color=self.params.function_color, radius=0.07))
        return marks.set_z_index(3)

    def edge_labels(self, axes, level: ValueTracker, epsilon: ValueTracker) -> VGroup:
        """L + ε above the band and L − ε below it, at the right end of the axes."""
        _, x1, _, _ = axes_box(axes)
        to_scene = fixed_map(axes)
        top = formula(r"L + \varepsilon", size=LABEL_SIZE, color=EPSILON_COLOR)
        bottom = formula(r"L - \varepsilon", size=LABEL_SIZE, color=EPSILON_COLOR)

        def follow(group):
            high = to_scene([x1, level.get_value() + epsilon.get_value()])[0]
            low = to_scene([x1, level.get_value() - epsilon.get_value()])[0]
            group[0].next_to(high, UP + LEFT, buff=0.06)
            group[1].next_to(low, DOWN + LEFT, buff=0.06)

        labels = VGroup(top, bottom)
        follow(labels)
        labels.add_updater(follow)
        return labels

    def epsilon_band(self, axes, level: ValueTracker, epsilon: ValueTracker) -> VMobject:
        x0, x1, _, _ = axes_box(axes)
        to_scene = fixed_map(axes)

        def corners():
            low, high = level.get_value() - epsilon.get_value(), level.get_value() + epsilon.get_value()
            return to_scene(box(x0, x1, low, high))

        return self.band(corners, EPSILON_COLOR)

    def delta_band(self, axes, a: float, delta: ValueTracker) -> VGroup:
        """The δ-window: a fill over the plot's height, edged on its two sides only (an edge along the plot's top or
        bottom would run through the y-axis's end numbers)."""
        x0, x1, y0, y1 = axes_box(axes)
        to_scene = fixed_map(axes)

        def span():
            return max(a - delta.get_value(), x0), min(a + delta.get_value(), x1)

        fill = self.band(lambda: to_scene(box(*span(), y0, y1)), DELTA_COLOR).set_stroke(width=0)

        def sides():
            left, right = span()
            return polyline_points(to_scene(np.array([[left, y0], [left, y1], [np.nan, np.nan], [right, y1], [right, y0]])))

        edges = VMobject(stroke_color=DELTA_COLOR, stroke_width=1.5, stroke_opacity=0.8)
        edges.points = sides()
        edges.add_updater(lambda m: setattr(m, "points", sides()))
        return VGroup(fill, edges)

    @staticmethod
    def band(corners, color: str) -> VMobject:
        band = VMobject(fill_color=color, fill_opacity=0.16, stroke_color=color, stroke_width=1.5, stroke_opacity=0.8)
        band.points = polyline_points(corners())
        band.add_updater(lambda m: setattr(m, "points", polyline_points(corners())))
        return band

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
        dots = VGroup(*[Dot(radius=0.09).set_z_index(4) for _ in range(2)])
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




def backed(axes):
    """The y-axis tick numbers on a dark backing, above the bands: a band's edge never runs through a digit."""
    for number in axes.y_axis.numbers:
        number.add_background_rectangle(color=BACKGROUND, opacity=0.9, buff=0.04)
    axes.y_axis.numbers.set_z_index(2)
    return axes


def slashed(tex: str) -> str:
    """A formula that is one fraction, written with a slash for the voice: ``\\frac{|x|}{x}`` -> ``|x| / x`` (said
    "the absolute value of x divided by x", not "the fraction with numerator ... and denominator ...").
    Anything else, or a side of more than one term, is left as it is."""
    if not tex.startswith(r"\frac{"):
        return tex
    sides, depth, start = [], 0, len(r"\frac")
    for i in range(start, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[i], 0)
        if depth == 0:
            sides.append(tex[start + 1:i])
            start = i + 1
            if len(sides) == 2:
                break
    if len(sides) != 2 or start != len(tex) or any(c in side for side in sides for c in "+-"):
        return tex
    return f"{sides[0]} / {sides[1]}"


def rounded_down(x: float, places: int) -> float:
    """``x`` cut to ``places`` decimals, never up: a delta rounded up could let the curve out of the band."""
    scale = 10**places
    return math.floor(x * scale) / scale if math.isfinite(x) else x


def as_read(x: float, places: int) -> str:
    """``x`` with the digits its readout shows (``places`` decimals), so that the voice and the screen agree."""
    return number_tex(x, digits=max(1, places + math.floor(math.log10(abs(x))) + 1))


def box(x0: float, x1: float, y0: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]])


def window_samples(a: float, delta: float, axes_range) -> np.ndarray:
    """x values of (a − δ, a) and (a, a + δ) within the axes, never a itself."""
    x0, x1 = axes_range[0], axes_range[1]
    left = np.linspace(max(a - delta, x0), a, WINDOW_SAMPLES)[:-1]
    right = np.linspace(a, min(a + delta, x1), WINDOW_SAMPLES)[1:]
    return np.concatenate([left, [np.nan], right])  # nan splits the two sides
