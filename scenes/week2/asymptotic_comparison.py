"""Week 2 -- asymptotic comparison: little-o and big-O read off the ratio f/g, and a ladder of growth."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    ValueTracker,
    VGroup,
    Write,
)

from calcviz import asymptotics
from calcviz.functions import Function
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import (
    ACCENT,
    CONCAVE,
    CONVEX,
    DERIVATIVE,
    EDGE,
    FUNCTION,
    MUTED,
    SECANT,
    TANGENT,
    formula,
    tex_number,
)
from scenes.kit.plotting import graph, make_axes, point_at, window_for
from scenes.kit.readouts import live_row

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
G_COLOR = TANGENT
RATIO_COLOR = ACCENT
LADDER_COLORS = (FUNCTION, DERIVATIVE, TANGENT, SECANT, ACCENT, MUTED)


class AsymptoticComparison(LectureScene):
    """o: the ratio f/g tends to 0; O: it stays bounded; then a ladder of growth at infinity."""

    def construct(self) -> None:
        self.beat("Title", "Which of two functions is smaller, near a point or far out? Compare them by their ratio.")
        header = self.show_title()
        self.little_o()
        self.big_o(keep=header)
        self.ladder(keep=header)

    def clear_but(self, keep) -> None:
        self.clear_all_but(keep, run_time=self.t(1))

    # ------------------------------------------------------------------ little o
    def little_o(self) -> None:
        p = self.params
        f, g, at = p.little_f, p.little_g, p.little_at
        self.beat("Two functions", f"Two functions near {at:g}. Both go to the same value there. Which one gets there faster?")
        axes = self.axes_for(lambda xs: np.concatenate([f(xs) * np.ones_like(xs), g(xs) * np.ones_like(xs)]), p.little_interval)
        panel = Panel.beside(axes)
        labels = VGroup(formula(rf"f(x) = {f.latex}", color=p.function_color), formula(rf"g(x) = {g.latex}", color=G_COLOR))
        labels.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        panel.place(labels)
        self.play(Create(axes), run_time=self.t(1.2))
        graphs = VGroup(graph(axes, f, color=p.function_color), graph(axes, g, color=G_COLOR))
        self.play(Create(graphs), FadeIn(labels), run_time=self.t(2))
        self.pause(2)

        quotient = asymptotics.ratio(f, g)
        little = asymptotics.is_little_o(f, g, at)
        self.beat("The ratio", f"Divide f by g and follow the ratio as x closes in on {at:g}. It shrinks to 0.")
        hi = p.little_interval[1]
        x = ValueTracker(hi)
        ratio_graph = graph(axes, quotient, color=RATIO_COLOR, width=5)
        ratio_label = formula(rf"\frac{{f(x)}}{{g(x)}} = {quotient.latex}", color=RATIO_COLOR)
        panel.place(ratio_label, buff=0.5)
        dot = Dot(radius=0.08, color=RATIO_COLOR).set_z_index(4)
        dot.add_updater(lambda m: m.move_to(point_at(axes, x.get_value(), float(quotient(x.get_value())))))
        row = live_row(r"f/g =", lambda: float(quotient(x.get_value())), 3, RATIO_COLOR)
        panel.place(row, buff=0.35)
        self.play(graphs.animate.set_stroke(opacity=0.3), Create(ratio_graph), Write(ratio_label), run_time=self.t(1.5))
        self.play(FadeIn(dot), FadeIn(row), run_time=self.t(0.6))
        self.play(x.animate.set_value(at + (hi - at) / 100), run_time=self.t(3))
        self.pause(1)

        self.beat("Little o", f"A ratio that tends to 0 means f is little o of g as x goes to {at:g}. Near {at:g}, f is negligible next to g.")
        verdict = formula(rf"{f.latex} = o({g.latex})" if little else rf"{f.latex} \ne o({g.latex})", color=CONVEX if little else CONCAVE)
        when = formula(rf"\text{{as }} x \to {tex_number(at)}", size=30, color=MUTED)
        panel.place(VGroup(verdict, when).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.5)
        self.play(Write(verdict), FadeIn(when), run_time=self.t(1.5))
        self.pause(2.5)

    # ------------------------------------------------------------------ big O
    def big_o(self, keep) -> None:
        p = self.params
        f, g = p.big_f, p.big_g
        quotient = asymptotics.ratio(f, g)
        self.beat("Big O", "Far out, the ratio may never settle. Here it keeps swinging, but it stays inside a band.")
        self.clear_but(keep)
        lo, hi = p.big_interval
        _, ys = asymptotics.ratio_samples(f, g, math.inf, lo, hi)
        bound = float(np.nanmax(np.abs(ys)))
        axes = self.axes_for(lambda s: np.concatenate([quotient(s) * np.ones_like(s), [-1.2 * bound, 1.2 * bound]]), p.big_interval)
        panel = Panel.beside(axes)
        labels = panel.place(VGroup(formula(rf"f(x) = {f.latex}", color=p.function_color), formula(rf"g(x) = {g.latex}", color=G_COLOR))
                             .arrange(DOWN, aligned_edge=LEFT, buff=0.25))
        ratio_label = panel.place(formula(rf"\frac{{f(x)}}{{g(x)}} = {quotient.latex}", color=RATIO_COLOR), buff=0.5)
        self.play(Create(axes), FadeIn(labels), run_time=self.t(1.2))
        self.play(Create(graph(axes, quotient, color=RATIO_COLOR, width=4)), Write(ratio_label), run_time=self.t(2.5))
        band = VGroup(*[DashedLine(point_at(axes, lo, level), point_at(axes, hi, level), color=MUTED, stroke_width=2) for level in (-bound, bound)])
        self.play(Create(band), run_time=self.t(1))
        self.pause(2)

        big, little = asymptotics.is_big_o(f, g, math.inf), asymptotics.is_little_o(f, g, math.inf)
        self.beat("Bounded", "A bounded ratio means f is big O of g. It is not little o, since the ratio does not go to 0.")
        verdicts = VGroup(formula(rf"{f.latex} = O({g.latex})" if big else rf"{f.latex} \ne O({g.latex})", color=CONVEX if big else CONCAVE),
                          formula(rf"{f.latex} = o({g.latex})" if little else rf"{f.latex} \ne o({g.latex})", color=CONVEX if little else CONCAVE),
                          formula(r"\text{as } x \to \infty", size=30, color=MUTED)).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        panel.place(verdicts, buff=0.5)
        self.play(Write(verdicts), run_time=self.t(2))
        self.pause(3)

    # ------------------------------------------------------------------ ladder
    def ladder(self, keep) -> None:
        p = self.params
        rungs = [Function(text) for text in p.ladder]
        names = ", ".join(spoken(r) for r in rungs)
        self.beat("A ladder", f"Now a ladder of growth at infinity: {names}.")
        self.clear_but(keep)
        lo, hi = p.ladder_interval
        x_window, _ = window_for(lambda s: s, lo, hi)
        _, y_window = window_for(lambda s: np.clip(np.concatenate([r(s) * np.ones_like(s) for r in rungs]), -p.ladder_height, p.ladder_height), lo, hi)
        axes = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        colors = LADDER_COLORS[: len(rungs)]
        self.play(Create(axes), run_time=self.t(1.2))
        for rung, color in zip(rungs, colors):
            self.play(Create(graph(axes, rung, color=color)), run_time=self.t(0.9))
        self.pause(1.5)

        self.beat("Each is o of the next", "Each one is little o of the next one: divide them and the ratio goes to 0. calcviz checks every step.")
        chain = VGroup()
        for lower, upper, color in zip(rungs, rungs[1:], colors):
            relation = "=" if asymptotics.is_little_o(lower, upper, math.inf) else r"\ne"
            chain.add(formula(rf"{lower.latex} {relation} o\big({upper.latex}\big)", color=color))
        chain.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        panel.place(chain)
        for line in chain:
            self.play(Write(line), run_time=self.t(1))
        self.pause(2)

        self.beat("Summary", "So, little o: the ratio goes to 0. Big O: the ratio stays bounded.")
        summary = VGroup(formula(r"f = o(g):\ \frac{f}{g} \to 0", size=34), formula(r"f = O(g):\ \left|\frac{f}{g}\right| \text{ bounded}", size=34))
        panel.place(summary.arrange(DOWN, aligned_edge=LEFT, buff=0.25), buff=0.6)
        self.play(Write(summary), run_time=self.t(1.5))
        self.pause(3)

    # ------------------------------------------------------------------ pieces
    def axes_for(self, values, interval):
        x_window, y_window = window_for(values, *interval)
        return make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)


SPOKEN = {"log(x)": "log x", "sqrt(x)": "root x", "x": "x", "x**2": "x squared", "x**3": "x cubed", "exp(x)": "e to the x"}


def spoken(f: Function) -> str:
    """How the narration says a rung of the ladder."""
    return SPOKEN.get(str(f.expr), str(f.expr).replace("**", " to the "))
