"""Week 5 -- numerical integration: trapezoids against Simpson's parabolas, and how fast their errors shrink."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, UP, UR, Create, Dot, FadeIn, FadeOut, Indicate, LaggedStart, Line, MoveToTarget, Transform, VGroup, VMobject, Write

from calcviz import integrals
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, FOREGROUND, MUTED, POWER_SIZE, ROW_SIZE, TANGENT, TICK_SIZE, formula, words
from scenes.kit.numbers import number_tex
from scenes.kit.plotting import graph, make_axes, polyline_points, to_scene, window_for

AXES_WIDTH = 7.4
HEIGHT_DIGITS = 7  # the heights put into a rule: one digit more than its result, so that the sum rounds to it
ERROR_DIGITS = 3  # every error shown with 3 significant digits (3.03, 0.0528, 3.28 x 10^-4)
AXES_HEIGHT = 5.4
TRAPEZOID_COLOR = TANGENT
SIMPSON_COLOR = ACCENT
RULES = ("trapezoid", "simpson")
NAMES = {"trapezoid": "trapezoid", "simpson": "Simpson"}
PANEL_TOP = 3.0  # the panel's top, just under the title


class NumericalIntegration(LectureScene):
    """Trapezoid and Simpson sums at a coarse n, then their errors as n doubles, on log-log axes."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        result = integrals.integration_errors(f, lo, hi, p.n_values, RULES)
        n0 = p.n_values[0]
        colors = {"trapezoid": TRAPEZOID_COLOR, "simpson": SIMPSON_COLOR}
        lo_tex, hi_tex = number_tex(lo, "step"), number_tex(hi, "step")

        self.beat("Trapezoids")
        self.show_title()
        axes = make_axes(*window_for(f, lo, hi), AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        axes.x_axis.numbers.set_z_index(1)
        panel = Panel.beside(axes)
        panel.top = PANEL_TOP  # up to the title: room for each rule's formula with its numbers
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        F = integrals.antiderivative(f)
        exact_row = VGroup(formula(rf"F(x) = {F.latex}", size=30),
                           formula(rf"I = \int_{{{lo_tex}}}^{{{hi_tex}}} f\,dx = F({hi_tex}) - F({lo_tex}) \approx {number_tex(result.exact, digits=6)}", size=30))
        exact_row.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        panel.place(exact_row, buff=0.25)
        curve = graph(axes, f, color=p.function_color)
        self.play(Create(axes), Create(curve), Write(f_label), run_time=self.t(1.0))
        self.say("Computers integrate by adding up simple shapes.", Indicate(curve, color=p.function_color, scale_factor=1.0))
        self.say(rf"This one has a formula: with the antiderivative $F$, $I = F({hi_tex}) - F({lo_tex})$, so we can measure their errors exactly.",
                 Write(exact_row[0]), Write(exact_row[1]))
        trapezoids = self.pieces(axes, integrals.riemann_sum(f, lo, hi, n0, "trapezoid"), TRAPEZOID_COLOR)
        sums = {rule: integrals.riemann_sum(f, lo, hi, n0, rule) for rule in RULES}
        rows = {rule: self.sum_row(rule, sums[rule], result.errors[rule][0], colors[rule]) for rule in RULES}
        # the column keeps what the sentence needs: F has given I, so I moves up into its place
        exact = exact_row[1]
        exact.generate_target()
        exact.target.align_to(exact_row[0], UP)
        panel.place(rows["trapezoid"], below=exact.target, buff=0.35)
        self.say(rf"Cut $[{lo_tex}, {hi_tex}]$ into ${n0}$ pieces and join the values of $f$ by straight lines: the trapezoids miss the bulge of the curve.",
                 [FadeOut(exact_row[0]), MoveToTarget(exact)], [FadeIn(trapezoids), FadeIn(rows["trapezoid"][0])])
        h_tex = number_tex((hi - lo) / n0, "step")
        heights = VGroup(*[Dot(axes.c2p(x, y), radius=0.07, color=FOREGROUND).set_z_index(3)  # f_0 ... f_n, the heights the rules weigh
                           for x, y in zip(sums["trapezoid"].nodes, sums["trapezoid"].heights)])
        self.say(rf"Each trapezoid is $\frac{{h}}{{2}}$ times the sum of its two heights; in all, "
                 rf"${self.general('trapezoid', n0)}$, with $h = {h_tex}$.",
                 Indicate(trapezoids, color=TRAPEZOID_COLOR, scale_factor=1.0),
                 LaggedStart(*[FadeIn(dot, scale=2) for dot in heights], lag_ratio=0.4), Write(rows["trapezoid"][1]))
        t_err, s_err = (error_tex(result.errors[rule][0]) for rule in RULES)
        self.say(rf"Put in the heights of $f$: $T_{{{n0}}} = {number_tex(sums['trapezoid'].value, digits=6)}$, which misses $I$ by ${t_err}$.",
                 Write(rows["trapezoid"][2]), Write(rows["trapezoid"][3]), FadeIn(rows["trapezoid"][4]))

        self.beat("Parabolas")
        parabolas = self.pieces(axes, integrals.riemann_sum(f, lo, hi, n0, "simpson"), SIMPSON_COLOR)
        # the trapezoid's working is done with: only its error stays, under I
        errors = VGroup(rows["trapezoid"][4], rows["simpson"][4])
        errors[0].generate_target()
        errors[0].target.next_to(exact.target, DOWN, buff=0.3).align_to(exact.target, LEFT)
        errors[1].next_to(errors[0].target, DOWN, buff=0.15).align_to(exact.target, LEFT)
        panel.place(VGroup(*rows["simpson"][:4]), below=errors[0].target, buff=0.35)
        self.say("Simpson's rule takes the pieces in pairs, and fits a parabola through three points.",
                 [trapezoids.animate.set_fill(opacity=0).set_stroke(width=2.5), FadeOut(VGroup(*rows["trapezoid"][:4])), MoveToTarget(errors[0])],
                 [FadeIn(parabolas), FadeIn(rows["simpson"][0])])
        self.say(rf"The area under it is ${self.general('simpson', n0)}$: with the same heights, "
                 rf"${number_tex(sums['simpson'].value, digits=6)}$.",
                 Write(rows["simpson"][1]), [Write(rows["simpson"][2]), Write(rows["simpson"][3])])
        self.say(f"With one pair, the parabola still misses the peak: the error only falls from ${t_err}$ to ${s_err}$.",
                 [FadeOut(VGroup(*rows["simpson"][:4])), FadeIn(errors[1])],
                 Indicate(errors[0], color=TRAPEZOID_COLOR), Indicate(errors[1], color=SIMPSON_COLOR))

        self.beat("Doubling n")
        table = self.error_table(result, colors)
        panel.place(table, below=exact, buff=0.45)
        steps = [[FadeOut(errors), FadeOut(heights), FadeIn(table[0]), FadeIn(table[1])]]
        for i, n in enumerate(p.n_values[1:], start=1):
            new_t = self.pieces(axes, integrals.riemann_sum(f, lo, hi, n, "trapezoid"), TRAPEZOID_COLOR).set_fill(opacity=0).set_stroke(width=1.5)
            new_s = self.pieces(axes, integrals.riemann_sum(f, lo, hi, n, "simpson"), SIMPSON_COLOR)
            steps.append([Transform(trapezoids, new_t), Transform(parabolas, new_s), FadeIn(table[i + 1], shift=0.15 * DOWN)])
        half = 1 + len(steps) // 2
        self.say("Now double $n$ again and again, and redraw: the parabolas soon bend with the curve.", *steps[:half])
        factor = {rule: result.errors[rule][-2] / result.errors[rule][-1] for rule in RULES}
        self.say(f"Each doubling divides the trapezoid error by about ${round(factor['trapezoid'])}$, and Simpson's by about ${round(factor['simpson'])}$.",
                 *steps[half:])

        self.beat("Log-log axes")
        plot = self.log_log_axes(result)
        model = VGroup(formula(r"\text{error} \approx C\,n^{-p}", size=32),
                       formula(r"\log_{10} \text{error} \approx \log_{10} C - p \log_{10} n", size=30)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        model.move_to(plot.c2p(plot.x_range[1], plot.y_range[1]), aligned_edge=UR).shift(0.1 * DOWN)  # the plot's empty upper right
        marks = {rule: self.error_points(plot, result, rule, colors[rule]) for rule in RULES}
        self.say(r"Plot the table's errors against $n$ on log-log axes.",
                 [FadeOut(VGroup(axes, curve, trapezoids, parabolas)), Create(plot)],
                 [FadeIn(marks[rule][0], lag_ratio=0.2) for rule in RULES], Indicate(VGroup(*table[1:]), scale_factor=1.05))
        self.say(r"If an error behaves like $C n^{-p}$, its logarithm is $\log C - p \log n$.", Write(model))
        slope_t, slope_s = (round(-result.slopes[rule]) for rule in RULES)
        self.say(f"That is a straight line of slope $-p$: the trapezoid errors fall along about $-{slope_t}$, Simpson's along $-{slope_s}$.",
                 *[Create(marks[rule][1]) for rule in RULES])

        self.beat("The orders")
        slopes = VGroup(*[
            VGroup(words(rf"{NAMES[rule]}: slope ${number_tex(result.slopes[rule], digits=3)}$, $p \approx {round(result.orders[rule])}$", size=ROW_SIZE, color=colors[rule]),
                   formula(rf"\text{{error}} \div {number_tex(2 ** result.orders[rule], digits=3)} \text{{ per doubling}}", size=ROW_SIZE, color=colors[rule]))
            .arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            for rule in RULES
        ]).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        panel.place(slopes, below=f_label, buff=0.5)  # the table and I are done with
        self.say(f"So the trapezoid rule has order ${slope_t}$, and Simpson's rule order ${slope_s}$.",
                 [FadeOut(table), FadeOut(exact)], LaggedStart(*[FadeIn(block, shift=0.15 * DOWN) for block in slopes], lag_ratio=0.6))
        same = panel.place(VGroup(words("both rules use the same", size=ROW_SIZE), words(r"$n + 1$ values of $f$", size=ROW_SIZE))
                           .arrange(DOWN, aligned_edge=LEFT, buff=0.12), below=slopes, buff=0.45)
        self.say("Both rules use the same $n + 1$ values of $f$: for the same work, the parabolas win by far.",
                 FadeIn(same, shift=0.15 * DOWN), Indicate(slopes[1], color=SIMPSON_COLOR, scale_factor=1.05))

    @staticmethod
    def pieces(axes, approximation, color: str) -> VMobject:
        """All of a sum's shapes as one path of subpaths (one draw call)."""
        path = VMobject(fill_color=color, fill_opacity=0.35, stroke_color=color, stroke_width=2)
        points = [polyline_points(to_scene(axes, np.vstack([shape, shape[:1]]))) for shape in approximation.shapes]
        path.points = np.vstack(points)
        return path

    @staticmethod
    def general(rule: str, n: int) -> str:
        """The rule's formula in the heights f_0 ... f_n (weights 1, 2, ..., 2, 1 or 1, 4, 2, ..., 4, 1)."""
        letter, over = ("T", 2) if rule == "trapezoid" else ("S", 3)
        terms = " + ".join(("" if w == 1 else f"{w} ") + f"f_{{{k}}}" for k, w in enumerate(weights(rule, n)))
        return rf"{letter}_{{{n}}} = \frac{{h}}{{{over}}}\left({terms}\right)"

    @classmethod
    def sum_row(cls, rule: str, riemann, error: float, color: str) -> VGroup:
        """The rule's name, its formula, the formula with the heights of f put in, its value and its error
        (the heights and the value on lines of their own, so that neither is shrunk to fit the column)."""
        n, letter, over = riemann.n, ("T" if rule == "trapezoid" else "S"), (2 if rule == "trapezoid" else 3)
        h = (riemann.b - riemann.a) / n
        # the heights to the result's digits, so that the arithmetic on screen checks (0.75(0 + 2 · 4.470462 + 2.834471) = 8.83155)
        terms = " + ".join(("" if w == 1 else rf"{w} \cdot ") + number_tex(y, digits=HEIGHT_DIGITS) for w, y in zip(weights(rule, n), riemann.heights))
        return VGroup(words(f"{NAMES[rule]}, $n = {n}$, $h = {number_tex(h, 'step')}$:", size=28, color=color),
                      formula(cls.general(rule, n), size=30, color=color),
                      formula(rf"= {number_tex(h / over, 'step')}\,\left({terms}\right)", size=30, color=color),
                      formula(rf"= {number_tex(riemann.value, digits=6)}", size=30, color=color),
                      formula(rf"|{letter}_{{{n}}} - I| = {error_tex(error)}", size=30, color=color)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)

    @staticmethod
    def error_table(result, colors) -> VGroup:
        header = VGroup(formula("n", size=30), formula(r"|T_n - I|", size=30, color=colors["trapezoid"]),
                        formula(r"|S_n - I|", size=30, color=colors["simpson"])).set_color(MUTED)
        rows = [header]
        for i, n in enumerate(result.ns):
            rows.append(VGroup(formula(str(n), size=30),
                               formula(error_tex(result.errors["trapezoid"][i]), size=30, color=colors["trapezoid"]),
                               formula(error_tex(result.errors["simpson"][i]), size=30, color=colors["simpson"])))
        cells = VGroup(*[cell for row in rows for cell in row])
        cells.arrange_in_grid(rows=len(rows), cols=3, buff=(0.45, 0.16), col_alignments="rrr")
        return VGroup(*rows)

    def log_log_axes(self, result):
        """log10 n across, log10 error up, where the function's axes were."""
        ns = np.log10(result.ns.astype(float))
        errors = np.concatenate([result.errors[rule] for rule in RULES])
        logs = np.log10(errors[errors > 0])
        # log10 n across, ticked at each n (a tick every doubling), log10 error up, ticked at each power of ten:
        # labelled n and 10^k, the numbers themselves, not their logarithms
        octave = math.log10(2)
        x_window = (ns[0] - octave, ns[-1] + 0.5 * octave, octave)
        y_window = (math.floor(float(logs.min())), math.ceil(float(logs.max())), 1)
        plot = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT - 0.6, x_label="n", y_label=r"\text{error}", numbers=False)
        plot.to_corner(LEFT + DOWN, buff=EDGE)
        # The errors straddle 1, so manim would draw the n-axis through log error = 0, across the
        # points: move it to the bottom (c2p only uses differences along each axis, so the map is unchanged).
        drop = plot.y_axis.n2p(0)[1] - plot.y_axis.n2p(y_window[0])[1]
        plot.x_axis.shift(drop * DOWN)
        plot.submobjects[-1][0].shift(drop * DOWN)  # the axis name "n" with its axis
        bottom = plot.x_axis.get_center()[1]
        ticks = VGroup(*[formula(str(n), size=TICK_SIZE, color=MUTED).move_to([plot.x_axis.n2p(x)[0], bottom - 0.3, 0])
                         for n, x in zip(result.ns, ns)])
        ticks.add(*[formula(f"10^{{{k}}}", size=POWER_SIZE, color=MUTED).next_to(plot.y_axis.n2p(k), LEFT, buff=0.12)
                    for k in range(int(y_window[0]), int(y_window[1]) + 1)])
        plot.add(ticks)
        plot.to_corner(LEFT + DOWN, buff=EDGE)
        return plot

    @staticmethod
    def error_points(plot, result, rule: str, color: str):
        ns = np.log10(result.ns.astype(float))
        logs = np.log10(result.errors[rule])
        dots = VGroup(*[Dot(plot.c2p(x, y), color=color, radius=0.07) for x, y in zip(ns, logs)])
        intercept = float(np.mean(logs - result.slopes[rule] * ns))  # the least-squares line passes through the means
        ends = [plot.c2p(x, intercept + result.slopes[rule] * x) for x in (ns[0], ns[-1])]
        return dots, Line(*ends, color=color, stroke_width=3)


def weights(rule: str, n: int) -> list[int]:
    """The weights of f_0 ... f_n: trapezoid 1, 2, ..., 2, 1; Simpson 1, 4, 2, 4, ..., 4, 1."""
    if rule == "trapezoid":
        return [1] + [2] * (n - 1) + [1]
    return [1] + [4 if k % 2 else 2 for k in range(1, n)] + [1]


def error_tex(error: float) -> str:
    """An error as the table, the rows and the voice show it: 3 significant digits, scientific below 10^-3."""
    return number_tex(error, "error", digits=ERROR_DIGITS)
