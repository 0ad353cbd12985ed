"""Week 1 -- the limit of a sequence: terms piling up, the epsilon strip and N(epsilon), (1 + 1/n)^n climbing to e."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, UP, Create, Dot, FadeIn, FadeOut, Line, NumberLine, ValueTracker, VGroup, VMobject, Write

from calcviz import limits
from calcviz.view import nice_step, value_window
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.week1.pacing import hold
from scenes.kit.look import ACCENT, AXIS, DERIVATIVE, EDGE, MUTED, SECANT, TANGENT, formula, tex_number
from scenes.kit.plotting import dashed_segments, fixed_map, make_axes, polyline_points

AXES_WIDTH, AXES_HEIGHT = 7.4, 4.5
LINE_Y = 2.45  # the number line above the graph
DOT_RADIUS = 0.055
SHOWN_INDICES = (1, 10, 100, 1000)  # terms of the climbing sequence listed beside its graph


class SequenceLimits(LectureScene):
    """a_n on the number line and over n; the epsilon strip with N from n_for_epsilon; (1 + 1/n)^n -> e."""

    def construct(self) -> None:
        p = self.params
        term, count = p.term, p.terms
        limit = limits.sequence_limit(term)
        ns = np.arange(1, count + 1, dtype=float)
        values = term(ns)
        self.beat("Title", "An endless list of numbers: where does it go?")
        header = self.show_title()

        self.beat("Terms on a line", f"Here are the first {count} terms, a one, a two, a three and so on, as points on the number line. "
                  "They crowd together around one number.")
        y_window = value_window(np.append(values, limit))
        axes = make_axes((0, count + 1, nice_step(count)), y_window, AXES_WIDTH, AXES_HEIGHT, x_label="n", y_label="a_n")
        axes.to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel(left=axes.get_right()[0] + 0.6, top=LINE_Y + 0.2)
        term_label = panel.place(formula(rf"a_n = {term.latex}", color=p.function_color))
        line = NumberLine(x_range=list(y_window), length=AXES_WIDTH - 0.6, color=AXIS, include_numbers=True, font_size=22,
                          decimal_number_config={"num_decimal_places": decimals(y_window[2]), "color": MUTED})
        line.move_to([axes.get_center()[0], LINE_Y, 0])
        line_dots = VGroup(*[Dot(line.n2p(v), radius=DOT_RADIUS, color=p.function_color).set_opacity(0.8) for v in values])
        names = first_labels(line, values[:3])
        self.play(Create(line), Write(term_label), run_time=self.t(1.5))
        self.play(FadeIn(names), FadeIn(line_dots[:3]), run_time=self.t(1.2))
        self.play(FadeIn(line_dots[3:], lag_ratio=0.15), run_time=self.t(3))
        hold(self, 2)

        self.beat("Over n", "Spread the same terms out over n, and the crowding becomes a graph settling down onto a level: "
                  f"the limit, {spoken(limit)}.")
        to_scene = fixed_map(axes)
        graph_dots = VGroup(*[Dot(to_scene([n, v])[0], radius=DOT_RADIUS, color=p.function_color) for n, v in zip(ns, values)])
        level = dashed_segments(to_scene([0, limit]), to_scene([count + 1, limit]), color=TANGENT, width=2)
        limit_label = panel.place(formula(rf"\lim_{{n \to \infty}} a_n = {tex_number(limit)}", color=TANGENT), buff=0.4)
        self.play(Create(axes), run_time=self.t(1.2))
        self.play(FadeIn(graph_dots, lag_ratio=0.08), run_time=self.t(2.5))
        self.play(Create(level), Write(limit_label), run_time=self.t(1.2))
        hold(self, 2.5)

        first, rest = p.epsilons[0], p.epsilons[1:]
        n_first = limits.n_for_epsilon(term, first, limit=limit)
        self.beat("The epsilon strip", f"Draw a strip of half width epsilon around the limit. From some index N on, every term stays "
                  f"inside. For epsilon {spoken(first)}, N is {n_first}.")
        epsilon = ValueTracker(first)
        (x0, x1), strip = (0, count + 1), VMobject(fill_color=TANGENT, fill_opacity=0.18, stroke_width=0)

        def reshape(mob):
            e = epsilon.get_value()
            mob.points = polyline_points(to_scene(np.array([[x0, limit - e], [x1, limit - e], [x1, limit + e], [x0, limit + e], [x0, limit - e]])))

        reshape(strip)
        n_line = self.n_marker(axes, to_scene, n_first)
        rows = self.epsilon_rows(first, n_first, panel, limit_label)
        definition = formula(r"|a_n - L| < \varepsilon \ \text{ for all } n \ge N", size=32)
        self.play(FadeIn(strip), run_time=self.t(1))
        self.play(Create(n_line), FadeIn(rows), run_time=self.t(1.2))
        self.recolor(graph_dots, values, limit, first)
        panel.place(definition, below=rows, buff=0.4)
        self.play(Write(definition), run_time=self.t(1.5))
        hold(self, 3)

        self.beat("Shrinking epsilon", "Make the strip narrower and N moves further out, but there always is one. "
                  "That is what it means for the sequence to converge.")
        for e in rest:
            n_e = limits.n_for_epsilon(term, e, limit=limit)
            new_rows = self.epsilon_rows(e, n_e, panel, limit_label)
            new_line = self.n_marker(axes, to_scene, n_e)
            strip.add_updater(reshape)  # only while epsilon moves: a strip this big is costly to redraw every frame
            self.play(epsilon.animate.set_value(e), FadeOut(rows), FadeIn(new_rows), run_time=self.t(1.8))
            strip.clear_updaters()
            self.play(n_line.animate.become(new_line), run_time=self.t(1))
            self.recolor(graph_dots, values, limit, e)
            rows = new_rows
            self.pause(2.5)
        hold(self, 1)
        self.climbing(p.climbing_term, count, keep=header)

    def n_marker(self, axes, to_scene, n: int) -> VGroup:
        top, bottom = axes.y_range[1], axes.y_range[0]
        mark = Line(to_scene([n, bottom])[0], to_scene([n, top])[0], color=ACCENT, stroke_width=3)
        label = formula(f"N = {n}", size=28, color=ACCENT).next_to(mark, UP, buff=0.08)
        return VGroup(mark, label)

    def epsilon_rows(self, e: float, n: int, panel: Panel, anchor) -> VGroup:
        rows = VGroup(formula(rf"\varepsilon = {tex_number(e)}", size=34, color=TANGENT),
                      formula(rf"N(\varepsilon) = {n}", size=34, color=ACCENT)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        return panel.place(rows, below=anchor, buff=0.4)

    def recolor(self, dots: VGroup, values: np.ndarray, limit: float, e: float) -> None:
        inside = np.abs(values - limit) < e
        self.play(*[dot.animate.set_color(DERIVATIVE if ok else SECANT) for dot, ok in zip(dots, inside)], run_time=self.t(0.6))

    def climbing(self, term, count: int, keep) -> None:
        limit = limits.sequence_limit(term)
        is_e = math.isclose(limit, math.e, rel_tol=1e-12)
        opening = "A famous example: one plus one over n, to the power n." if is_e else "Another sequence."
        self.beat("Climbing to e" if is_e else "Climbing to the limit",
                  f"{opening} Its terms climb, ever more slowly, toward {spoken(limit)}{', the number e' if is_e else ''}.")
        ns = np.arange(1, count + 1, dtype=float)
        values = term(ns)
        self.clear_all_but(keep, run_time=self.t(1))
        y_window = value_window(np.append(values, limit))
        axes = make_axes((0, count + 1, nice_step(count)), y_window, AXES_WIDTH, AXES_HEIGHT + 1.4, x_label="n", y_label="a_n")
        axes.to_corner(LEFT + DOWN, buff=EDGE)
        to_scene = fixed_map(axes)
        panel = Panel(left=axes.get_right()[0] + 0.6, top=axes.get_top()[1])
        label = panel.place(formula(rf"a_n = {term.latex}", color=self.params.function_color))
        dots = VGroup(*[Dot(to_scene([n, v])[0], radius=DOT_RADIUS, color=self.params.function_color) for n, v in zip(ns, values)])
        level = dashed_segments(to_scene([0, limit]), to_scene([count + 1, limit]), color=TANGENT, width=2)
        self.play(Create(axes), Write(label), run_time=self.t(1.2))
        self.play(FadeIn(dots, lag_ratio=0.1), run_time=self.t(3))
        table = VGroup(*[formula(rf"a_{{{n}}} = {tex_number(float(term(float(n))), 6)}", size=32) for n in SHOWN_INDICES])
        table.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        panel.place(table, buff=0.45)
        self.play(FadeIn(table, lag_ratio=0.4), run_time=self.t(2))
        self.pause(1.5)
        result = panel.place(formula(rf"\lim_{{n \to \infty}} a_n = {'e ' if is_e else ''}\approx {tex_number(limit, 6)}", color=TANGENT), buff=0.45)
        self.play(Create(level), Write(result), run_time=self.t(1.5))
        hold(self, 5)


def first_labels(line: NumberLine, values: np.ndarray) -> VGroup:
    """a_1, a_2, ... above their dots, raised a level when they would touch a label already placed."""
    placed: list = []
    for k, v in enumerate(values, start=1):
        label = formula(rf"a_{{{k}}}", size=26, color=MUTED)
        point = line.n2p(v)
        for lift in range(4):
            label.move_to(point + (0.35 + 0.35 * lift) * UP)
            if all(abs(label.get_x() - o.get_x()) > (label.width + o.width) / 2 + 0.05 or abs(label.get_y() - o.get_y()) > 0.3 for o in placed):
                break
        placed.append(label)
    return VGroup(*placed)


def decimals(step: float) -> int:
    digits = 0
    while abs(step * 10**digits - round(step * 10**digits)) > 1e-9 and digits < 6:
        digits += 1
    return digits


def spoken(x: float) -> str:
    text = f"{abs(x):.4g}"
    return f"minus {text}" if x < 0 else text
