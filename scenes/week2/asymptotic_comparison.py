"""Week 2 -- asymptotic comparison: little-o and big-O read off the ratio f/g, and a ladder of growth.

Each comparison is shown as a ratio: the division written out (x^2 / x = x), its graph, and, on the ladder,
each neighbour ratio drawn as it is named and written "-> 0" before the o it proves.

Told sentence by sentence: the ratio gets axes of its own (x^2/x = x would otherwise lie on g(x) = x);
the ladder's curves are labelled where they are named, and the ratios of neighbours are followed far
out on a logarithmic scale, where even ln x / sqrt x is seen to fall after its peak.
"""

from __future__ import annotations

import math

import numpy as np
import sympy
from manim import FadeOut, DOWN, LEFT, RIGHT, UP, Circle, MoveAlongPath, Create, DashedLine, Dot, FadeIn, Indicate, ValueTracker, VGroup, Write

from calcviz import asymptotics, derivatives, latex, limits
from calcviz.functions import Function
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, EDGE, FOREGROUND, LABEL_SIZE, MUTED, ROW_SIZE, SECANT, TANGENT, TICK_SIZE, formula
from scenes.kit.palette import SERIES
from scenes.kit.numbers import decimals, number_tex, plain_tex as plain
from scenes.kit.plotting import graph, make_axes, point_at, window_for
from scenes.kit.readouts import readout

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
G_COLOR = TANGENT
RATIO_COLOR = ACCENT
# none of f's, g's or the ratio's colours; a deuteranope tells them apart (scenes/theme_check.py's ladder figure)
LADDER_COLORS = (SERIES[3], SERIES[0], FOREGROUND, SECANT, SERIES[1], SERIES[2])
RATIO_DECADES = 4  # the ratios of the ladder are followed from x = 1 to 10^4


class AsymptoticComparison(LectureScene):
    """o: the ratio f/g tends to 0; O: it stays bounded; then a ladder of growth at infinity."""

    def construct(self) -> None:
        self.beat("Two functions")
        header = self.show_title()
        self.little_o()
        self.big_o(keep=header)
        self.ladder(keep=header)

    # ------------------------------------------------------------------ little o
    def little_o(self) -> None:
        p = self.params
        f, g, at = p.little_f, p.little_g, p.little_at
        quotient = asymptotics.ratio(f, g)
        lo, hi = p.little_interval
        x_window, y_window = window_for(lambda xs: np.concatenate([f(xs) * np.ones_like(xs), g(xs) * np.ones_like(xs)]), lo, hi)
        top = make_axes(x_window, y_window, 6.6, 3.0).to_corner(LEFT + UP, buff=EDGE).shift(DOWN * 0.45)
        _, ratio_window = window_for(lambda xs: np.concatenate([quotient(xs) * np.ones_like(xs), [0]]), lo, hi)
        bottom = make_axes(x_window, ratio_window, 6.6, 2.5, y_label="f/g").next_to(top, DOWN, buff=0.45).align_to(top, LEFT)
        panel = Panel(left=top.get_right()[0] + 0.7, top=top.get_top()[1])
        labels = panel.place(VGroup(formula(rf"f(x) = {f.latex}", color=p.function_color),
                                    formula(rf"g(x) = {g.latex}", color=G_COLOR)).arrange(DOWN, aligned_edge=LEFT, buff=0.25))
        at_tex = number_tex(at, "step")
        f_curve, g_curve = graph(top, f, color=p.function_color), graph(top, g, color=G_COLOR)
        self.play(Create(top), run_time=0.6)  # the stage draws silently: the first sentence speaks over it
        self.play(Create(f_curve), Create(g_curve), run_time=0.9)
        meet = float(f(at)) if f.is_defined_at(at) else float(g(at))
        target = Dot(point_at(top, at, meet), radius=0.08, color=FOREGROUND).set_z_index(3)
        self.say(f"Near $x = {at_tex}$, compare $f(x) = {plain(f.latex)}$ with $g(x) = {plain(g.latex)}$: both go to ${number_tex(meet, 'step')}$.",
                 [FadeIn(labels[0]), Indicate(f_curve, scale_factor=1.0, color=FOREGROUND)],
                 [FadeIn(labels[1]), Indicate(g_curve, scale_factor=1.0, color=FOREGROUND)], FadeIn(target, scale=2))

        ratio_label = panel.place(formula(rf"\frac{{f(x)}}{{g(x)}} = \frac{{{f.latex}}}{{{g.latex}}} = {quotient.latex}", color=RATIO_COLOR), buff=0.5)
        hole = VGroup()  # f/g has no value where g = 0: an open circle there
        if not g.is_defined_at(at) or float(g(at)) == 0 or not f.is_defined_at(at):
            limit = float(limits.limit(quotient, at))
            hole.add(Circle(radius=0.08, color=RATIO_COLOR, stroke_width=3).set_fill(BACKGROUND, opacity=1)
                     .move_to(point_at(bottom, at, limit)).set_z_index(5))  # above the moving dots: it stays open
        self.say(f"Which gets there faster? Divide: ${plain(f.latex)}$ over ${plain(g.latex)}$ is ${plain(quotient.latex)}$, drawn on its own axes below.",
                 Write(ratio_label), [Create(bottom), Create(graph(bottom, quotient, color=RATIO_COLOR, width=4))], FadeIn(hole))

        self.beat("The ratio")
        sides = [ValueTracker(hi), ValueTracker(lo)]
        dots, values, places = VGroup(), [], []
        for x in sides:  # where: x itself, on a row above the ratio's values
            place = readout(x.get_value(), decimals=decimals(float(quotient(hi))), size=ROW_SIZE, color=FOREGROUND)
            place.add_updater(lambda m, x=x: m.set_value(x.get_value()))
            self.tie(x, place)
            places.append(place)
        for x in sides:
            dot = Dot(radius=0.08, color=RATIO_COLOR).set_z_index(4)
            dot.add_updater(lambda m, x=x: m.move_to(point_at(bottom, x.get_value(), float(quotient(x.get_value())))))
            value = readout(float(quotient(x.get_value())), decimals=decimals(float(quotient(hi))), size=ROW_SIZE, color=RATIO_COLOR)
            value.add_updater(lambda m, x=x: m.set_value(float(quotient(x.get_value()))))
            self.tie(x, dot, value)
            dots.add(dot)
            values.append(value)
        rows = VGroup(VGroup(formula(r"x =", size=ROW_SIZE), places[1], formula(r"\text{and}", size=ROW_SIZE), places[0]).arrange(RIGHT, buff=0.2),
                      VGroup(formula(r"f/g =", size=ROW_SIZE, color=RATIO_COLOR), values[1], formula(r"\text{and}", size=ROW_SIZE, color=RATIO_COLOR),
                             values[0]).arrange(RIGHT, buff=0.2))
        rows[0][0].align_to(rows[1][0], RIGHT)  # the two rows in columns: "x =" over "f/g =", each x over its ratio
        for upper, lower in zip(rows[0][1:], rows[1][1:]):
            upper.set_x(lower.get_center()[0])
        rows[0].next_to(rows[1], UP, buff=0.2, coor_mask=np.array([0, 1, 0]))
        row = panel.place(rows, buff=0.35)
        self.say(f"As $x$ closes in on ${at_tex}$, from either side, the ratio shrinks to $0$.",
                 [FadeIn(dots, scale=2), FadeIn(row)],
                 [value_to(sides[0], at + (hi - at) / 100, 3.5), value_to(sides[1], at - (at - lo) / 100, 3.5)])
        little = asymptotics.is_little_o(f, g, at)
        verdict = VGroup(formula(rf"{f.latex} = o({g.latex})" if little else rf"{f.latex} \ne o({g.latex})"),
                         formula(rf"\text{{as }} x \to {at_tex}", size=ROW_SIZE)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        panel.place(verdict, buff=0.45)
        self.say(f"That is what $f = o(g)$ means, little o: near ${at_tex}$, $f$ is negligible next to $g$.",
                 Write(verdict), Indicate(verdict[0], color=RATIO_COLOR))

    # ------------------------------------------------------------------ big O
    def big_o(self, keep) -> None:
        p = self.params
        f, g = p.big_f, p.big_g
        quotient = asymptotics.ratio(f, g)
        self.beat("Big O")
        lo, hi = p.big_interval
        _, ys = asymptotics.ratio_samples(f, g, math.inf, lo, hi)
        bound = float(np.nanmax(np.abs(ys)))
        x_window, y_window = window_for(lambda s: np.concatenate([f(s) * np.ones_like(s), g(s) * np.ones_like(s), -g(s) * np.ones_like(s)]),
                                        lo, hi)
        top = make_axes(x_window, y_window, 6.6, 3.0).to_corner(LEFT + UP, buff=EDGE).shift(DOWN * 0.45)
        _, ratio_window = window_for(lambda s: np.concatenate([quotient(s) * np.ones_like(s), [-1.2 * bound, 1.2 * bound]]), lo, hi)
        bottom = make_axes(x_window, ratio_window, 6.6, 2.5, y_label="f/g").next_to(top, DOWN, buff=0.45).align_to(top, LEFT)
        panel = Panel(left=top.get_right()[0] + 0.7, top=top.get_top()[1])
        labels = panel.place(VGroup(formula(rf"f(x) = {f.latex}", color=p.function_color), formula(rf"g(x) = {g.latex}", color=G_COLOR))
                             .arrange(DOWN, aligned_edge=LEFT, buff=0.25))
        ratio_label = panel.place(formula(rf"\frac{{f(x)}}{{g(x)}} = \frac{{{f.latex}}}{{{g.latex}}} = {quotient.latex}", color=RATIO_COLOR), buff=0.5)
        f_curve = graph(top, f, color=p.function_color)
        g_curve = graph(top, g, color=G_COLOR)
        minus_g = graph(top, Function(f"-({g.expr})", g.variable), color=G_COLOR, width=2).set_stroke(opacity=0.6)
        g_tags = VGroup(formula("g", size=LABEL_SIZE + 2, color=G_COLOR).next_to(g_curve[-1].get_end(), RIGHT, buff=0.1),
                        formula("-g", size=LABEL_SIZE + 2, color=G_COLOR).next_to(minus_g[-1].get_end(), RIGHT, buff=0.1))
        for axes in (top, bottom):  # the oscillating curves cross the x-axis: its numbers go below the plot, clear of them
            floor = axes.c2p(axes.x_range[0], axes.y_range[0])[1]
            for tick in axes.x_axis.numbers:
                tick.set_y(floor - 0.1 - tick.height / 2)
        self.clear_all_but(keep, run_time=self.t(0.8))
        self.play(Create(top), run_time=0.8)  # silent: the sentences below speak over their own pictures
        self.say(f"Now far out, compare $f(x) = {plain(f.latex)}$ with $g(x) = {plain(g.latex)}$.",
                 [FadeIn(labels[0]), Create(f_curve)], [FadeIn(labels[1]), Create(g_curve), Create(minus_g), FadeIn(g_tags)])
        self.say(f"Their ratio, ${plain(f.latex)}$ over ${plain(g.latex)}$, is ${plain(quotient.latex)}$, and it never settles.",
                 Write(ratio_label), [Create(bottom), Create(graph(bottom, quotient, color=RATIO_COLOR, width=4))])
        band = VGroup(*[DashedLine(point_at(bottom, lo, level), point_at(bottom, hi, level), color=FOREGROUND, stroke_width=2)
                        for level in (-bound, bound)])
        bound_tex = str(round(bound)) if abs(bound - round(bound)) < 1e-3 else number_tex(bound)
        self.say(f"But it stays between $-{bound_tex}$ and ${bound_tex}$: it is bounded, as $f$ stays between $-g$ and $g$.",
                 Create(band), [Indicate(minus_g, color=FOREGROUND, scale_factor=1.0), Indicate(g_curve, color=FOREGROUND, scale_factor=1.0), Indicate(g_tags, color=FOREGROUND)])

        big, little = asymptotics.is_big_o(f, g, math.inf), asymptotics.is_little_o(f, g, math.inf)
        verdicts = VGroup(formula(rf"{f.latex} = O({g.latex})" if big else rf"{f.latex} \ne O({g.latex})"),
                          formula(rf"{f.latex} = o({g.latex})" if little else rf"{f.latex} \ne o({g.latex})"),
                          formula(r"\text{as } x \to \infty", size=ROW_SIZE)).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        panel.place(verdicts, buff=0.5)
        self.say("A bounded ratio means $f = O(g)$, big O; but not $o(g)$, since the ratio does not go to $0$.",
                 Write(verdicts[0]), [Write(verdicts[1]), FadeIn(verdicts[2])])

    # ------------------------------------------------------------------ ladder
    def ladder(self, keep) -> None:
        p = self.params
        rungs = [Function(text) for text in p.ladder]
        colors = LADDER_COLORS[: len(rungs)]
        self.beat("A ladder")
        lo, hi = p.ladder_interval
        x_window = (min(0.0, lo), hi, max(1.0, window_for(lambda s: s, lo, hi)[0][2]))  # from the origin, whole-number ticks
        _, y_window = window_for(lambda s: np.clip(np.concatenate([r(s) * np.ones_like(s) for r in rungs]), -p.ladder_height, p.ladder_height), lo, hi)
        y_window = (max(0.0, y_window[0]), y_window[1], y_window[2])  # growth: from 0 up (the rungs start at 0 or above)
        axes = make_axes(x_window, y_window, 6.4, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        axes.add(formula("0", size=TICK_SIZE, color=MUTED).next_to(axes.c2p(x_window[0], y_window[0]), DOWN + LEFT, buff=0.1))
        x_name = axes[-2][0]  # right of the axis's end, below the curves' names
        x_name.next_to(axes.x_axis.get_end(), RIGHT, buff=0.2)
        curves, tags = VGroup(), VGroup()
        for rung, color in zip(rungs, colors):
            curve = graph(axes, rung, lo=lo, hi=hi, color=color)
            curves.add(curve)
            end = curve[-1].get_end()
            tag = formula(tex(rung), size=LABEL_SIZE + 2, color=color)
            top_edge = axes.c2p(0, axes.y_range[1])[1]
            tag.next_to(end, UP if abs(end[1] - top_edge) < 1e-3 else RIGHT, buff=0.1)
            tags.add(tag)
        spread(tags, gap=0.15)
        names = ", ".join(f"${plain(tex(r))}$" for r in rungs[:-1]) + f" and ${plain(tex(rungs[-1]))}$"
        self.clear_all_but(keep, run_time=self.t(0.8))
        self.play(Create(axes), run_time=0.8)  # silent: the ladder's curves come with their names
        self.say(f"A ladder of growth: {names}, where $\\ln$ is the natural logarithm.",
                 *[[Create(curve), FadeIn(tag)] for curve, tag in zip(curves, tags)])

        self.beat("Each is o of the next")
        ratios = [asymptotics.ratio(lower, upper) for lower, upper in zip(rungs, rungs[1:])]
        ratio_axes = make_axes((0, RATIO_DECADES, 1), (0, 1.2, 0.5), 6.8, 5.2, x_label="x", y_label=r"\text{ratio}", numbers=False)
        ratio_axes.to_corner(LEFT + DOWN, buff=EDGE).shift(UP * 0.2)
        ticks = VGroup(*[formula("1" if k == 0 else ("10" if k == 1 else rf"10^{k}"), size=TICK_SIZE + 4, color=MUTED)
                         .next_to(ratio_axes.c2p(k, 0), DOWN, buff=0.15) for k in range(RATIO_DECADES + 1)])
        ones = VGroup(*[formula(t, size=TICK_SIZE, color=MUTED).next_to(ratio_axes.c2p(0, v), LEFT, buff=0.12) for t, v in (("0.5", 0.5), ("1", 1))])
        ratio_curves = VGroup(*[graph(ratio_axes, _sampled(ratio), color=color, width=3) for ratio, color in zip(ratios, colors)])
        chain = VGroup()  # a row per pair: the ratio going to 0 (shown first), then what it means
        for lower, upper, color in zip(rungs, rungs[1:], colors):
            relation = "=" if asymptotics.is_little_o(lower, upper, math.inf) else r"\ne"
            chain.add(VGroup(formula(rf"\frac{{{tex(lower)}}}{{{tex(upper)}}} \to 0", size=32, color=color),
                             formula(rf"\Rightarrow\ {tex(lower)} {relation} o\big({tex(upper)}\big)", size=32, color=color)).arrange(RIGHT, buff=0.3))
        chain.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        column = max(row[0].get_right()[0] for row in chain) + 0.3
        for row in chain:  # the o statements line up in a column of their own
            row[1].shift(RIGHT * (column - row[1].get_left()[0]))
        far = formula(r"\text{as } x \to \infty", size=ROW_SIZE).next_to(chain, DOWN, buff=0.25).align_to(chain, LEFT)
        panel = Panel(left=ratio_axes.get_right()[0] + 0.7, top=2.9)
        panel.place(VGroup(chain, far))
        self.clear_all_but(keep, run_time=self.t(0.8))
        self.play(Create(ratio_axes), FadeIn(ones), run_time=0.8)  # silent: the sentence speaks about its ticks
        self.say("On this axis each step is ten times further; divide each function by the next, and follow the ratios far out.",
                 FadeIn(ticks, lag_ratio=0.3), Indicate(ticks, color=FOREGROUND),
                 *[[Create(curve), FadeIn(row[0])] for curve, row in zip(ratio_curves, chain)])
        self.say("Each ratio, a function over the next one up, falls to $0$.",
                 *[[Indicate(curve, scale_factor=1.0, color=FOREGROUND), Indicate(row[0], color=FOREGROUND)] for curve, row in zip(ratio_curves, chain)])
        self.say("That is, as $x \\to \\infty$, each function is little o of the next one up the ladder.",
                 [FadeIn(far)], *[Write(row[1]) for row in chain])
        late = [(ratio, point) for ratio in ratios for point in derivatives.critical_points(ratio, 1, 10.0 ** (RATIO_DECADES / 2))
                if point.kind == "maximum" and point.x > hi]  # (far out, e^x underflows: no maximum is looked for there)
        if late:
            ratio, point = late[0]
            peak_t, peak_y = math.log10(point.x), float(ratio(point.x))
            peak = Dot(ratio_axes.c2p(peak_t, peak_y), radius=0.07, color=FOREGROUND).set_z_index(3)
            drop = DashedLine(ratio_axes.c2p(peak_t, 0), ratio_axes.c2p(peak_t, peak_y), color=MUTED, stroke_width=2)
            exact = closed_form(ratio, point.x)
            at_tex = rf"x = {latex(exact)}" if exact is not None else rf"x \approx {number_tex(point.x)}"
            said = rf"x = {latex(exact)}$, about ${number_tex(point.x)}" if exact is not None else at_tex
            peak_label = formula(at_tex, size=LABEL_SIZE, color=FOREGROUND).next_to(peak, UP + RIGHT, buff=0.08)
            lower, upper = rungs[ratios.index(ratio)], rungs[ratios.index(ratio) + 1]
            tail = graph(ratio_axes, _sampled(ratio), lo=peak_t, hi=RATIO_DECADES, color=FOREGROUND)[0]
            walker = Dot(ratio_axes.c2p(peak_t, peak_y), radius=0.06, color=FOREGROUND).set_z_index(4)
            self.say(f"Even ${plain(tex(lower))}$ over ${plain(tex(upper))}$ goes to $0$: it rises until ${said}$, then falls for good.",
                     [Indicate(ratio_curves[ratios.index(ratio)], scale_factor=1.0, color=FOREGROUND)],
                     [FadeIn(peak, scale=2), Create(drop), FadeIn(peak_label)],
                     [FadeIn(walker), MoveAlongPath(walker, tail, run_time=2.5)], FadeOut(walker, run_time=0.4))

        self.beat("Summary")
        summary = VGroup(formula(r"\text{as } x \to a \text{ or } x \to \infty:", size=ROW_SIZE),
                         formula(r"f = o(g):\ \frac{f}{g} \to 0", size=40),
                         formula(r"f = O(g):\ \left|\frac{f}{g}\right| \text{ stays bounded}", size=40)).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        summary.move_to(VGroup(chain, far), aligned_edge=UP + LEFT)
        self.say("So, as $x$ tends to a point $a$, or to infinity: little o, the ratio goes to $0$; big O, the ratio stays bounded.",
                 FadeOut(VGroup(chain, far)), Write(summary[0]), Write(summary[1]), Write(summary[2]))

    # ------------------------------------------------------------------ pieces
    def axes_for(self, values, interval, y_label: str = "y"):
        x_window, y_window = window_for(values, *interval)
        return make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT, y_label=y_label).to_corner(LEFT + DOWN, buff=EDGE)



def tex(f: Function) -> str:
    """A rung as the course writes it: the natural log as ln."""
    return f.latex.replace(r"\log", r"\ln")


def closed_form(f: Function, x: float):
    """The exact zero of f' at x (e^2 for ln x / sqrt x), or None when sympy finds none."""
    try:
        roots = sympy.solve(sympy.diff(f.expr, f.symbol), f.symbol)
    except NotImplementedError:
        return None
    return next((r for r in roots if r.is_real and abs(float(r) - x) < 1e-6 * max(1.0, abs(x))), None)


def _sampled(ratio: Function):
    """The ratio against t = log10 x, as a function of t."""
    return Function(ratio.expr.xreplace({ratio.symbol: 10 ** ratio.symbol}), ratio.variable)


def spread(tags: VGroup, gap: float = 0.05) -> None:
    """Nudge labels apart vertically where they overlap (bottom to top)."""
    ordered = sorted(tags, key=lambda m: m.get_y())
    for below, above in zip(ordered, ordered[1:]):
        overlap_x = below.get_right()[0] > above.get_left()[0] and above.get_right()[0] > below.get_left()[0]
        if overlap_x and above.get_bottom()[1] < below.get_top()[1] + gap:
            above.shift(UP * (below.get_top()[1] + gap - above.get_bottom()[1]))
