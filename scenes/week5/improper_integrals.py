"""Week 5 -- improper integrals: an infinite tail with finite area, one with infinite area, and a singular endpoint."""

from __future__ import annotations

import math
import re

import numpy as np
import sympy
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Create, FadeIn, FadeOut, Indicate, Line, MoveToTarget, ValueTracker, VGroup, Write

from calcviz import Function, exact, integrals, latex
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import EDGE, MUTED, NEGATIVE_AREA, POSITIVE_AREA, ROW_SIZE, TANGENT, formula, words
from scenes.kit.numbers import number_tex, written_decimals
from scenes.kit.plotting import SignedArea, fixed_map, graph, make_axes, move_line
from scenes.kit.readouts import live_row

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.4
AREA_SAMPLES = 500
SINGULAR_HEIGHT = 8.0  # y-window top near the singular end; the graph runs off it
DECIMALS = 4
BOUND_DECIMALS = 1  # the moving bound b as its readout shows it; the area beside it is the area up to that b


class ImproperIntegrals(LectureScene):
    """Area up to a bound b that grows; area from a cut-off that shrinks to a singular point."""

    def construct(self) -> None:
        p = self.params
        a = p.start
        a_tex = number_tex(a, "step")
        tail, diverging = p.tail_function, p.divergent_function

        self.beat("An infinite tail")
        header = self.show_title()
        top = nice_top(max(tail(a), diverging(a)))
        axes = make_axes((0, p.window_end, 1), (0, top, top / 5), AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        limit_value = integrals.improper_integral(tail, a)
        tail_label = panel.place(formula(rf"f(x) = {tail.latex}", color=p.function_color))
        tail_curve = graph(axes, tail, lo=a, color=p.function_color)
        self.play(Create(axes), Create(tail_curve), Write(tail_label), run_time=self.t(1.0))
        self.say("Can a figure that stretches forever have a finite area?", Indicate(tail_curve, color=p.function_color, scale_factor=1.0))
        F, up_to_b = bounded(tail, a)
        work = panel.place(formula(rf"\int_{{{a_tex}}}^{{b}} {tail.latex}\,dx = \left[{F}\right]_{{{a_tex}}}^{{b}} = {up_to_b}", size=32), buff=0.3)
        tail_area = integrals.accumulation(tail, a)
        b = ValueTracker(min(a + 1, (a + p.window_end) / 2))  # a first bound inside the picture
        shown_b = lambda: shown_bound(b.get_value(), p.window_end)  # noqa: E731  (the area readout is the area of the b shown)
        shade, bound, beyond = self.swept(axes, tail, a, b, POSITIVE_AREA)
        b_row = live_row("b =", shown_b, BOUND_DECIMALS, MUTED)
        whole_past(b_row[1], b, p.window_end)
        area_row = live_row(rf"\int_{{{a_tex}}}^{{b}} f\,dx =", lambda: tail_area(shown_b()), DECIMALS, POSITIVE_AREA)
        self.tie(b, shade, bound, beyond, b_row, area_row)
        panel.place(VGroup(b_row, area_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.35)
        self.say(f"Take the area under ${tail.latex}$ from ${a_tex}$ up to a bound $b$.",
                 [FadeIn(shade), FadeIn(bound), FadeIn(b_row), FadeIn(area_row)], lambda: self.add(beyond))
        self.say(f"The antiderivative ${F}$ gives ${up_to_b}$.", Write(work), Indicate(work))
        self.say("Now let $b$ run off to the right, and watch the total.", value_to(b, p.window_end, 5))

        self.beat("Past the edge")
        far_tex = number_tex(p.far_bounds[-1], "count" if float(p.far_bounds[-1]).is_integer() else "step")
        self.say(f"Beyond the picture, $b$ grows to ${far_tex}$, and the area barely moves.",
                 *[value_to(b, far, 1.4) for far in p.far_bounds])
        result = panel.place(formula(rf"\int_{{{a_tex}}}^{{\infty}} {tail.latex}\,dx = \lim_{{b \to \infty}} \left({up_to_b}\right) = {latex(exact(limit_value))}",
                                     size=32, color=POSITIVE_AREA), buff=0.35)
        self.say(f"As $b \\to \\infty$ the area tends to ${latex(exact(limit_value))}$: the infinite tail has finite area.",
                 Write(result))

        self.beat("A tail that diverges")
        for mob in (shade, bound, beyond):
            mob.clear_updaters()
        result.generate_target()
        result.target.next_to(tail_label, DOWN, buff=0.3, aligned_edge=LEFT)
        diverging_label = formula(rf"g(x) = {diverging.latex}", color=NEGATIVE_AREA)
        self.say(f"Now ${diverging.latex}$: it also sinks toward zero, but more slowly.",
                 [FadeOut(VGroup(shade, bound, beyond, b_row, area_row, work)), MoveToTarget(result)],
                 lambda: panel.place(diverging_label, below=result.target, buff=0.4),
                 [Create(graph(axes, diverging, lo=a, color=NEGATIVE_AREA)), Write(diverging_label)])
        G, growing = bounded(diverging, a)
        work = panel.place(formula(rf"\int_{{{a_tex}}}^{{b}} {diverging.latex}\,dx = \left[{G}\right]_{{{a_tex}}}^{{b}} = {growing}", size=32), buff=0.3)
        diverging_area = integrals.accumulation(diverging, a)
        c = ValueTracker(a)
        shown_c = lambda: shown_bound(c.get_value(), p.window_end)  # noqa: E731
        shade, bound, beyond = self.swept(axes, diverging, a, c, NEGATIVE_AREA)
        c_row = live_row("b =", shown_c, BOUND_DECIMALS, MUTED)
        whole_past(c_row[1], c, p.window_end)
        growing_row = live_row(rf"\int_{{{a_tex}}}^{{b}} g\,dx =", lambda: diverging_area(shown_c()), DECIMALS, NEGATIVE_AREA)
        self.tie(c, shade, bound, beyond, c_row, growing_row)
        panel.place(VGroup(c_row, growing_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.3)
        self.say(f"Its antiderivative is ${G}$: the area up to $b$ is ${growing}$, which grows past any bound.",
                 Write(work), lambda: self.add(shade, beyond), [FadeIn(bound), FadeIn(c_row), FadeIn(growing_row)],
                 value_to(c, p.window_end, 3), *[value_to(c, far, 1.0) for far in p.far_bounds])
        verdict = "= \\infty" if integrals.improper_integral(diverging, a) == math.inf else r"\text{diverges}"
        diverges = formula(rf"\int_{{{a_tex}}}^{{\infty}} {diverging.latex}\,dx {verdict}", size=32, color=NEGATIVE_AREA)
        self.say(f"So the area under ${diverging.latex}$ out to infinity is infinite.",
                 [FadeOut(VGroup(c_row, growing_row))], lambda: diverges.move_to(VGroup(c_row, growing_row), aligned_edge=UP + LEFT),
                 Write(diverges))

        h = p.singular_function
        lo, hi = p.singular_interval
        lo_tex, hi_tex = number_tex(lo, "step"), number_tex(hi, "step")
        cut_tex = r"\varepsilon" if lo == 0 else rf"{lo_tex} + \varepsilon"
        singular_value = integrals.improper_integral(h, lo, hi)
        self.beat("A singular endpoint")
        for mob in (shade, bound, beyond):
            mob.clear_updaters()
        self.clear_all_but(header, run_time=self.t(0.8))
        axes = make_axes((lo, hi, (hi - lo) / 4), (0, SINGULAR_HEIGHT, 2), AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        h_label = panel.place(formula(rf"h(x) = {h.latex}", color=p.function_color))
        h_curve = graph(axes, h, color=p.function_color)
        self.play(Create(axes), Create(h_curve), Write(h_label), run_time=self.t(1.0))  # the stage, before the voice
        self.say(f"A figure can also be infinitely tall: ${h.latex}$ blows up at $x = {lo_tex}$.",
                 Indicate(h_curve, color=p.function_color, scale_factor=1.0), Indicate(h_label, color=p.function_color))
        H, from_cut = cut_off(h, lo, hi)
        cut_work = panel.place(formula(rf"\int_{{{cut_tex}}}^{{{hi_tex}}} {h.latex}\,dx = \left[{H}\right]_{{{cut_tex}}}^{{{hi_tex}}} = {from_cut}", size=32), buff=0.3)
        epsilon = ValueTracker(p.epsilons[0])
        from_right = integrals.accumulation(h, hi)  # A(x) = integral from hi to x, so the area from x to hi is -A(x)
        shade, cut = self.from_cut(axes, h, lo, hi, epsilon)
        eps_decimals = written_decimals(p.epsilons)
        eps_row = live_row(r"\varepsilon =", epsilon.get_value, eps_decimals, MUTED)
        cut_row = live_row(rf"\int_{{{cut_tex}}}^{{{hi_tex}}} h\,dx =", lambda: -from_right(lo + round(epsilon.get_value(), eps_decimals)),
                           DECIMALS, POSITIVE_AREA)  # the area from the epsilon shown
        self.tie(epsilon, shade, cut, eps_row, cut_row)
        panel.place(VGroup(eps_row, cut_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.35)
        self.say(rf"Integrate from a cut-off $\varepsilon$: the antiderivative ${H}$ gives ${from_cut}$.",
                 Write(cut_work), lambda: self.add(shade), [FadeIn(cut), FadeIn(eps_row), FadeIn(cut_row)])
        self.say(rf"Now let $\varepsilon$ shrink to ${lo_tex}$.", *[value_to(epsilon, value, 1.5) for value in p.epsilons[1:]])

        self.beat("Finite after all")
        singular_result = panel.place(formula(rf"\int_{{{lo_tex}}}^{{{hi_tex}}} {h.latex}\,dx = \lim_{{\varepsilon \to 0^+}} \left({from_cut}\right) = {latex(exact(singular_value))}",
                                              size=32, color=POSITIVE_AREA), buff=0.35)
        self.say(f"The area converges to ${latex(exact(singular_value))}$, although the figure is infinitely tall.", Write(singular_result))
        summary = VGroup(  # the result, held at the end: at row size (the column is empty but for h)
            words("converges:", size=ROW_SIZE, color=POSITIVE_AREA),
            formula(rf"\int_{{{a_tex}}}^{{\infty}} {tail.latex}\,dx = {latex(exact(limit_value))}", size=ROW_SIZE),
            formula(rf"\int_{{{lo_tex}}}^{{{hi_tex}}} {h.latex}\,dx = {latex(exact(singular_value))}", size=ROW_SIZE),
            words("diverges:", size=ROW_SIZE, color=NEGATIVE_AREA),
            formula(rf"\int_{{{a_tex}}}^{{\infty}} {diverging.latex}\,dx = \infty", size=ROW_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        panel.place(summary, below=h_label, buff=0.45)
        self.say("Improper integrals are limits, and a limit either exists or it does not.",
                 lambda: [mob.clear_updaters() for mob in (shade, cut)],
                 FadeOut(VGroup(cut_work, eps_row, cut_row, singular_result)), FadeIn(summary, shift=0.2 * DOWN))

    def swept(self, axes, f: Function, start: float, b: ValueTracker, color: str):
        """Area under f from ``start`` to b (clipped to the plot) and the vertical line at b."""
        end = axes.x_range[1]
        xs = np.linspace(start, end, AREA_SAMPLES)
        ys = np.minimum(f(xs), axes.y_range[1])
        on_axes = fixed_map(axes)

        def follow(area):
            right = min(b.get_value(), end)
            count = int(np.searchsorted(xs, right))
            area.set_samples(np.r_[xs[:count], right], np.r_[ys[:count], min(f(right), axes.y_range[1])])

        area = SignedArea(axes, xs[:1], ys[:1], opacity=0.45).set_color(color)
        follow(area)
        area.add_updater(follow)

        def ends():
            right = min(b.get_value(), end)
            return on_axes([right, 0.0])[0], on_axes([right, min(f(right), axes.y_range[1])])[0]

        line = Line(*ends(), color=TANGENT, stroke_width=3)
        line.add_updater(lambda m: move_line(m, *ends()))
        line.add_updater(lambda m: m.set_stroke(opacity=0.0 if b.get_value() > end else 1.0))
        # past the picture's edge the bound is an arrow pointing on, labelled b (a line stuck at the edge read as b = 10)
        beyond = VGroup(Arrow(on_axes([end - 0.9, 0.0])[0] + 0.8 * UP, on_axes([end, 0.0])[0] + 0.8 * UP + 0.15 * RIGHT,
                              color=TANGENT, buff=0, stroke_width=4, max_tip_length_to_length_ratio=0.3))
        beyond.add(formula("b", size=30, color=TANGENT).next_to(beyond[0], UP, buff=0.08))
        beyond.set_opacity(0.0)
        beyond.add_updater(lambda m: m.set_opacity(1.0 if b.get_value() > end else 0.0))
        return area, line, beyond

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


def shown_bound(b: float, window_end: float) -> float:
    """The bound as its readout shows it: one decimal inside the picture, a whole number past it."""
    return round(b, BOUND_DECIMALS) if b <= window_end else float(round(b))


def whole_past(readout, tracker, window_end: float) -> None:
    """The readout drops its decimals once the bound is past the picture (b = 10000, not 10000.0)."""
    readout.add_updater(lambda m: setattr(m, "decimals", BOUND_DECIMALS if tracker.get_value() <= window_end else 0), index=0)


def _ln(expr) -> str:
    """LaTeX with ln for log and |x| dropped (the course's bounds are positive)."""
    expr = expr.replace(sympy.Abs, lambda inner: inner)
    return re.sub(r"\\ln\{\\left\((\w+) \\right\)\}", r"\\ln \1", sympy.latex(expr, ln_notation=True))


def bounded(f: Function, start: float) -> tuple[str, str]:
    """The antiderivative of f, and the area from ``start`` to b, both in LaTeX (from calcviz)."""
    F = integrals.antiderivative(f)
    b = sympy.Symbol("b", positive=True)
    area = integrals.accumulation(f, start)
    return _ln(F.expr), _ln(sympy.expand(area.expr.subs(area.symbol, b)))


def cut_off(f: Function, lo: float, hi: float) -> tuple[str, str]:
    """The antiderivative of f, and the area from lo + epsilon to hi, in LaTeX (from calcviz)."""
    F = integrals.antiderivative(f)
    epsilon = sympy.Symbol("varepsilon", positive=True)
    x = F.symbol
    area = F.expr.subs(x, sympy.nsimplify(hi)) - F.expr.subs(x, sympy.nsimplify(lo) + epsilon)
    return _ln(F.expr), _ln(sympy.expand(area))


def nice_top(peak: float) -> float:
    """A y-window top a little above ``peak``, in quarters of a power of ten (1 -> 1.25)."""
    unit = 10 ** math.floor(math.log10(peak))
    return math.ceil(1.1 * peak / (unit / 4)) * unit / 4
