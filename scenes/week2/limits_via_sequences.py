"""Week 2 -- a limit of a function through sequences: every x_n -> a must give f(x_n) -> L."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Circle,
    Create,
    Dot,
    FadeIn,
    LaggedStart,
    VGroup,
    Write,
)

from calcviz import Function, limits
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import (
    ACCENT,
    BACKGROUND,
    CONCAVE,
    CONVEX,
    EDGE,
    TANGENT,
    formula,
    tex_number,
)
from scenes.kit.plotting import dashed_segments, graph, make_axes, point_at, window_for

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
SEQUENCE_COLORS = (ACCENT, TANGENT)
DISAGREE_COLORS = (CONVEX, CONCAVE)
DOT_RADIUS = 0.06


class LimitsViaSequences(LectureScene):
    """Two sequences into a hole agree on L; two sequences into sin(1/x) at 0 do not."""

    def construct(self) -> None:
        self.beat("Title", "Limits of functions can be built from limits of sequences.")
        header = self.show_title()
        self.agreeing()
        self.disagreeing(keep=header)

    # ------------------------------------------------------------------ every sequence agrees
    def agreeing(self) -> None:
        p = self.params
        f, a = p.function, p.point
        limit = limits.limit(f, a)
        self.beat("The function", f"Here is f near {a:g}. It has a hole there, yet its values head for {limit:g}.")
        axes = self.axes_for(f, p.interval)
        panel = Panel.beside(axes)
        label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        self.play(Create(axes), run_time=self.t(1.5))
        self.play(Create(graph(axes, f, color=p.function_color)), FadeIn(label), run_time=self.t(2))
        self.play(FadeIn(self.hole(axes, a, limit)), run_time=self.t(0.8))
        self.pause(1.5)

        names = ("A sequence", "Another sequence")
        stories = (f"Pick numbers x n that tend to {a:g}. Follow each one up to the graph. The values f of x n crowd towards {limit:g}.",
                   f"Another sequence, from the other side. Its values go to {limit:g} as well.")
        for name, story, text, color in zip(names, stories, p.sequences, SEQUENCE_COLORS):
            self.beat(name, story)
            term = Function(text, variable="n")
            along = limits.limit_along_sequence(f, term)
            rows = VGroup(formula(rf"x_n = {term.latex}", color=color),
                          formula(rf"f(x_n) \to {tex_number(along)}", color=color)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
            panel.place(rows, buff=0.5)
            self.play(FadeIn(rows), run_time=self.t(0.8))
            self.follow(axes, f, term, color)
            self.pause(1.5)

        self.beat("The definition", f"That is the definition. The limit is {limit:g} when every sequence tending to {a:g}, "
                  f"never equal to it, gives values tending to {limit:g}.")
        rule = formula(r"x_n \to a,\ x_n \ne a \;\Rightarrow\; f(x_n) \to L", size=34)
        panel.place(rule, buff=0.6)
        self.play(Write(rule), run_time=self.t(1.5))
        self.pause(3)

    # ------------------------------------------------------------------ two sequences disagree
    def disagreeing(self, keep) -> None:
        p = self.params
        f, a = p.oscillating_function, p.oscillating_point
        self.beat("Oscillation", f"Now a function that oscillates faster and faster as x nears {a:g}.")
        self.clear_all_but(keep, run_time=self.t(1))
        axes = self.axes_for(f, p.oscillating_interval)
        panel = Panel.beside(axes)
        label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        self.play(Create(axes), run_time=self.t(1.2))
        self.play(Create(graph(axes, f, color=p.function_color, width=2.5)), FadeIn(label), run_time=self.t(2.5))
        self.pause(2)

        terms = [Function(text, variable="n") for text in p.oscillating_sequences]
        values = [limits.limit_along_sequence(f, term) for term in terms]
        self.beat("Two sequences", f"Two sequences that both tend to {a:g}. Along the first, f is always {values[0]:g}. "
                  f"Along the second, f is always {values[1]:g}.")
        for term, value, color in zip(terms, values, DISAGREE_COLORS):
            rows = VGroup(formula(rf"x_n = {term.latex}", color=color),
                          formula(rf"f(x_n) \to {tex_number(value)}", color=color)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
            panel.place(rows, buff=0.5)
            self.play(FadeIn(rows), run_time=self.t(0.8))
            self.follow(axes, f, term, color, read_off=False)  # the y-axis is buried in the oscillation
            self.pause(1)

        self.beat("No limit", f"Two sequences, two different limits. So f has no limit at {a:g}.")
        verdict = formula(rf"\lim_{{x \to {tex_number(a)}}} f(x) \text{{ does not exist}}", color=CONCAVE, size=34)
        panel.place(verdict, buff=0.6)
        self.play(Write(verdict), run_time=self.t(1.5))
        self.pause(3)

    # ------------------------------------------------------------------ pieces
    def axes_for(self, f, interval):
        x_window, y_window = window_for(f, *interval)
        return make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)

    def hole(self, axes, a: float, value: float) -> Circle:
        return Circle(radius=0.075, stroke_color=self.params.function_color, stroke_width=3,
                      fill_color=BACKGROUND, fill_opacity=1).move_to(point_at(axes, a, value)).set_z_index(3)

    def follow(self, axes, f, term: Function, color: str, read_off: bool = True) -> None:
        """The first terms as dots on the x-axis, lifted to the graph, then read off on the y-axis."""
        ns = np.arange(1, self.params.terms + 1, dtype=float)
        xs = np.asarray(term(ns), dtype=float) * np.ones_like(ns)
        ys = np.asarray(f(xs), dtype=float)
        x_axis_at = float(np.clip(0.0, axes.y_range[0], axes.y_range[1]))
        y_axis_at = float(np.clip(0.0, axes.x_range[0], axes.x_range[1]))
        on_axis = VGroup(*[Dot(point_at(axes, x, x_axis_at), radius=DOT_RADIUS, color=color) for x in xs])
        on_graph = VGroup(*[Dot(point_at(axes, x, y), radius=DOT_RADIUS, color=color).set_z_index(4) for x, y in zip(xs, ys)])
        risers = dashed_segments([d.get_center() for d in on_axis], [d.get_center() for d in on_graph])
        across = VGroup(*[Dot(point_at(axes, y_axis_at, y), radius=DOT_RADIUS, color=color) for y in ys])
        self.play(LaggedStart(*[FadeIn(d) for d in on_axis], lag_ratio=0.3), run_time=self.t(2))
        self.play(Create(risers), FadeIn(on_graph), run_time=self.t(2))
        if read_off:
            self.play(LaggedStart(*[FadeIn(d) for d in across], lag_ratio=0.3), run_time=self.t(1.5))

