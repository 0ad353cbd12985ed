"""Week 5 -- improper integrals: an infinite tail with finite area, one with infinite area, and a singular endpoint."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, Create, FadeIn, FadeOut, Line, MoveToTarget, ValueTracker, VGroup, Write

from calcviz import Function, integrals
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import EDGE, MUTED, NEGATIVE_AREA, POSITIVE_AREA, TANGENT, formula, tex_number, words
from scenes.kit.plotting import SignedArea, fixed_map, graph, make_axes, move_line
from scenes.kit.readouts import live_row

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.4
AREA_SAMPLES = 500
TAIL_HEIGHT = 2.0  # y-window top for the tails (f(start) sits inside)
SINGULAR_HEIGHT = 8.0  # y-window top near the singular end; the graph runs off it
DECIMALS = 4


class ImproperIntegrals(LectureScene):
    """Area up to a bound b that grows; area from a cut-off that shrinks to a singular point."""

    def construct(self) -> None:
        p = self.params
        a = p.start
        self.beat("Title", "Can a figure that stretches forever have a finite area? Sometimes. We find out with limits.")
        header = self.show_title()

        tail, diverging = p.tail_function, p.divergent_function
        self.beat("An infinite tail", f"Take the area under {spoken(tail)} from {a:g} up to a bound b. Now let b run off to the right and watch the total.")
        axes = make_axes((0, p.window_end, 1), (0, TAIL_HEIGHT, 0.5), AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        limit_value = integrals.improper_integral(tail, a)
        tail_label = panel.place(formula(rf"f(x) = {tail.latex}", color=p.function_color))
        definition = panel.place(formula(rf"\int_{{{tex_number(a)}}}^{{\infty}} f\,dx = \lim_{{b \to \infty}} \int_{{{tex_number(a)}}}^{{b}} f\,dx", size=32), buff=0.35)
        self.play(Create(axes), run_time=self.t(1.2))
        self.play(Create(graph(axes, tail, lo=a, color=p.function_color)), Write(tail_label), run_time=self.t(1.5))
        self.play(Write(definition), run_time=self.t(1.5))
        tail_area = integrals.accumulation(tail, a)
        b = ValueTracker(a)
        shade, bound = self.swept(axes, tail, b, POSITIVE_AREA)
        b_row = live_row("b =", b.get_value, 1, MUTED)
        area_row = live_row(rf"\int_{{{tex_number(a)}}}^{{b}} f\,dx =", lambda: tail_area(b.get_value()), DECIMALS, POSITIVE_AREA)
        self.tie(b, shade, bound, b_row, area_row)
        panel.place(VGroup(b_row, area_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.45)
        self.add(shade)
        self.play(FadeIn(bound), FadeIn(b_row), FadeIn(area_row), run_time=self.t(0.8))
        self.play(b.animate.set_value(p.window_end), run_time=self.t(6), rate_func=lambda t: t)
        self.pause(1.5)

        self.beat("Past the edge", f"Beyond the picture, b grows to {p.far_bounds[-1]:g} and the area barely moves. It closes in on {tex_number(limit_value)}: the infinite tail has finite area.")
        for far in p.far_bounds:
            self.play(b.animate.set_value(far), run_time=self.t(1.4))
            self.pause(0.8)
        result = panel.place(formula(rf"\int_{{{tex_number(a)}}}^{{\infty}} {tail.latex}\,dx = {tex_number(limit_value)}", size=32, color=POSITIVE_AREA), buff=0.45)
        self.play(Write(result), run_time=self.t(1.5))
        self.pause(2.5)

        self.beat("A tail that diverges", f"Now {spoken(diverging)}. It also sinks towards zero, but more slowly, and the area keeps growing like the logarithm of b, past any bound.")
        for mob in (shade, bound):
            mob.clear_updaters()
        result.generate_target()
        result.target.next_to(tail_label, DOWN, buff=0.35, aligned_edge=LEFT)
        self.play(FadeOut(VGroup(shade, bound, b_row, area_row, definition)), MoveToTarget(result), run_time=self.t(1))
        diverging_label = panel.place(formula(rf"g(x) = {diverging.latex}", color=NEGATIVE_AREA), below=result, buff=0.45)
        diverging_area = integrals.accumulation(diverging, a)
        c = ValueTracker(a)
        shade, bound = self.swept(axes, diverging, c, NEGATIVE_AREA)
        c_row = live_row("b =", c.get_value, 1, MUTED)
        growing_row = live_row(rf"\int_{{{tex_number(a)}}}^{{b}} g\,dx =", lambda: diverging_area(c.get_value()), DECIMALS, NEGATIVE_AREA)
        self.tie(c, shade, bound, c_row, growing_row)
        panel.place(VGroup(c_row, growing_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.35)
        self.play(Create(graph(axes, diverging, lo=a, color=NEGATIVE_AREA)), Write(diverging_label), run_time=self.t(1.5))
        self.add(shade)
        self.play(FadeIn(bound), FadeIn(c_row), FadeIn(growing_row), run_time=self.t(0.6))
        self.play(c.animate.set_value(p.window_end), run_time=self.t(4), rate_func=lambda t: t)
        for far in p.far_bounds:
            self.play(c.animate.set_value(far), run_time=self.t(1.2))
            self.pause(0.5)
        verdict = "= \\infty" if integrals.improper_integral(diverging, a) == math.inf else r"\text{diverges}"
        diverges = panel.place(formula(rf"\int_{{{tex_number(a)}}}^{{\infty}} {diverging.latex}\,dx {verdict}", size=32, color=NEGATIVE_AREA), buff=0.3)
        self.play(Write(diverges), run_time=self.t(1.5))
        self.pause(2.5)

        h = p.singular_function
        lo, hi = p.singular_interval
        singular_value = integrals.improper_integral(h, lo, hi)
        self.beat("A singular endpoint", f"An infinite figure can also be infinitely tall. {spoken(h).capitalize()} blows up at x = {lo:g}. Integrate from a cut-off epsilon and let epsilon shrink to {lo:g}.")
        for mob in (shade, bound):
            mob.clear_updaters()
        keep = {header}
        self.clear_all_but(*keep, run_time=self.t(1))
        axes = make_axes((lo, hi, (hi - lo) / 4), (0, SINGULAR_HEIGHT, 2), AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        h_label = panel.place(formula(rf"h(x) = {h.latex}", color=p.function_color))
        cut_definition = panel.place(formula(rf"\int_{{{tex_number(lo)}}}^{{{tex_number(hi)}}} h\,dx = \lim_{{\varepsilon \to 0^+}} \int_{{{tex_number(lo)}+\varepsilon}}^{{{tex_number(hi)}}} h\,dx", size=32), buff=0.35)
        self.play(Create(axes), Create(graph(axes, h, color=p.function_color)), Write(h_label), run_time=self.t(2))
        self.play(Write(cut_definition), run_time=self.t(1.5))
        epsilon = ValueTracker(p.epsilons[0])
        from_right = integrals.accumulation(h, hi)  # A(x) = integral from hi to x, so the area from x to hi is -A(x)
        shade, cut = self.from_cut(axes, h, lo, hi, epsilon)
        eps_row = live_row(r"\varepsilon =", epsilon.get_value, DECIMALS, MUTED)
        cut_row = live_row(rf"\int_{{{tex_number(lo)}+\varepsilon}}^{{{tex_number(hi)}}} h\,dx =", lambda: -from_right(lo + epsilon.get_value()), DECIMALS, POSITIVE_AREA)
        self.tie(epsilon, shade, cut, eps_row, cut_row)
        panel.place(VGroup(eps_row, cut_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.45)
        self.add(shade)
        self.play(FadeIn(cut), FadeIn(eps_row), FadeIn(cut_row), run_time=self.t(1))
        for value in p.epsilons[1:]:
            self.play(epsilon.animate.set_value(value), run_time=self.t(1.5))
            self.pause(0.8)
        self.pause(1)

        self.beat("Finite after all", f"The area converges to {tex_number(singular_value)}, although the figure is infinitely tall. Improper integrals are limits, and a limit either exists or it does not.")
        singular_result = panel.place(formula(rf"\int_{{{tex_number(lo)}}}^{{{tex_number(hi)}}} {h.latex}\,dx = {tex_number(singular_value)}", color=POSITIVE_AREA), buff=0.45)
        rows = VGroup(eps_row, cut_row)
        summary = VGroup(
            words("converges:", size=28, color=POSITIVE_AREA),
            formula(rf"\int_{{{tex_number(a)}}}^{{\infty}} {tail.latex}\,dx = {tex_number(limit_value)}", size=30),
            formula(rf"\int_{{{tex_number(lo)}}}^{{{tex_number(hi)}}} {h.latex}\,dx = {tex_number(singular_value)}", size=30),
            words("diverges:", size=28, color=NEGATIVE_AREA),
            formula(rf"\int_{{{tex_number(a)}}}^{{\infty}} {diverging.latex}\,dx = \infty", size=30),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        self.play(Write(singular_result), run_time=self.t(1.5))
        self.pause(2)
        for mob in (shade, cut):
            mob.clear_updaters()
        panel.place(summary, below=h_label, buff=0.45)
        self.play(FadeOut(VGroup(cut_definition, rows, singular_result)), run_time=self.t(0.8))
        self.play(FadeIn(summary, shift=0.2 * DOWN), run_time=self.t(1.5))
        self.pause(4)

    def swept(self, axes, f: Function, b: ValueTracker, color: str):
        """Area under f from the start to b (clipped to the plot) and the vertical line at b."""
        start, end = b.get_value(), axes.x_range[1]
        xs = np.linspace(start, end, AREA_SAMPLES)
        ys = np.minimum(f(xs), axes.y_range[1])
        on_axes = fixed_map(axes)

        def follow(area):
            right = min(b.get_value(), end)
            count = int(np.searchsorted(xs, right))
            area.set_samples(np.r_[xs[:count], right], np.r_[ys[:count], min(f(right), axes.y_range[1])])

        area = SignedArea(axes, xs[:1], ys[:1], opacity=0.45).set_color(color)
        area.add_updater(follow)

        def ends():
            right = min(b.get_value(), end)
            return on_axes([right, 0.0])[0], on_axes([right, min(f(right), axes.y_range[1])])[0]

        line = Line(*ends(), color=TANGENT, stroke_width=3)
        line.add_updater(lambda m: move_line(m, *ends()))
        return area, line

    def from_cut(self, axes, f: Function, lo: float, hi: float, epsilon: ValueTracker):
        """Area under f from lo + epsilon to hi (clipped at the top of the plot) and the cut-off line."""
        top = axes.y_range[1]
        xs = lo + (hi - lo) * np.geomspace(1e-6, 1.0, AREA_SAMPLES)
        ys = np.minimum(f(xs), top)
        on_axes = fixed_map(axes)

        def follow(area):
            left = lo + epsilon.get_value()
            first = int(np.searchsorted(xs, left))
            area.set_samples(np.r_[left, xs[first:]], np.r_[min(f(left), top), ys[first:]])

        area = SignedArea(axes, xs, ys, opacity=0.45).set_color(POSITIVE_AREA)
        follow(area)
        area.add_updater(follow)

        def ends():
            left = lo + epsilon.get_value()
            return on_axes([left, 0.0])[0], on_axes([left, min(f(left), top)])[0]

        line = Line(*ends(), color=TANGENT, stroke_width=3)
        line.add_updater(lambda m: move_line(m, *ends()))
        return area, line


def spoken(f: Function) -> str:
    """Narration for the usual examples (plain words, no symbols)."""
    words_for = {"x**(-2)": "one over x squared", "1/x": "one over x", "1/sqrt(x)": "one over the square root of x"}
    text = str(f.expr)
    return words_for.get(text, "f of x = " + text.replace("**", " to the power "))
