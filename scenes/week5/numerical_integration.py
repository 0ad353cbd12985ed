"""Week 5 -- numerical integration: trapezoids against Simpson's parabolas, and how fast their errors shrink."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, Create, Dot, FadeIn, FadeOut, Line, VGroup, VMobject, Write

from calcviz import integrals
from calcviz.view import nice_range
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, MUTED, TANGENT, formula, tex_number, words
from scenes.kit.plotting import graph, make_axes, polyline_points, to_scene, window_for

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.4
TRAPEZOID_COLOR = TANGENT
SIMPSON_COLOR = ACCENT
RULES = ("trapezoid", "simpson")
NAMES = {"trapezoid": "trapezoid", "simpson": "Simpson"}


class NumericalIntegration(LectureScene):
    """Trapezoid and Simpson sums at a coarse n, then their errors as n doubles, on log-log axes."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        result = integrals.integration_errors(f, lo, hi, p.n_values, RULES)
        n0 = p.n_values[0]
        colors = {"trapezoid": TRAPEZOID_COLOR, "simpson": SIMPSON_COLOR}
        self.beat("Title", "Most integrals have no formula, so computers add up simple shapes instead. Which shapes give the best answer for the work?")
        self.show_title()

        self.beat("Trapezoids", f"Cut [{lo:g}, {hi:g}] into {n0} pieces and join the values of f by straight lines. The trapezoids under them miss the bulges of the curve.")
        axes = make_axes(*window_for(f, lo, hi), AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        axes.x_axis.numbers.set_z_index(1)
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        exact_row = panel.place(formula(rf"I = \int_{{{tex_number(lo)}}}^{{{tex_number(hi)}}} f\,dx = {tex_number(result.exact, 8)}", size=32), buff=0.35)
        self.play(Create(axes), run_time=self.t(1.2))
        curve = graph(axes, f, color=p.function_color)
        self.play(Create(curve), Write(f_label), run_time=self.t(1.5))
        self.play(Write(exact_row), run_time=self.t(1.2))
        trapezoids = self.pieces(axes, integrals.riemann_sum(f, lo, hi, n0, "trapezoid"), TRAPEZOID_COLOR)
        rows = {rule: self.sum_row(rule, n0, result.values[rule][0], result.errors[rule][0], colors[rule]) for rule in RULES}
        panel.place(rows["trapezoid"], buff=0.45)
        self.play(FadeIn(trapezoids), FadeIn(rows["trapezoid"]), run_time=self.t(1.5))
        self.pause(3)

        self.beat("Parabolas", "Simpson's rule takes the pieces in pairs and fits a parabola through three points. Parabolas bend with the curve, and the error drops a lot.")
        parabolas = self.pieces(axes, integrals.riemann_sum(f, lo, hi, n0, "simpson"), SIMPSON_COLOR)
        panel.place(rows["simpson"], buff=0.3)
        self.play(trapezoids.animate.set_opacity(0.15), FadeIn(parabolas), FadeIn(rows["simpson"]), run_time=self.t(1.5))
        self.pause(4)

        self.beat("Doubling n", "Now double n again and again, and write down both errors each time. Watch how much each error shrinks per doubling.")
        self.play(FadeOut(rows["trapezoid"]), FadeOut(rows["simpson"]), run_time=self.t(0.8))
        table = self.error_table(result, colors)
        panel.place(table, below=exact_row, buff=0.5)
        for row in table:
            self.play(FadeIn(row, shift=0.15 * DOWN), run_time=self.t(0.6))
            self.pause(0.4)
        self.pause(2)

        self.beat("Log-log axes", "On log-log axes, an error that behaves like a power of n is a straight line. Its slope is minus the order of the rule.")
        plot = self.log_log_axes(result)
        self.play(FadeOut(VGroup(axes, curve, trapezoids, parabolas)), run_time=self.t(0.8))
        self.play(Create(plot), run_time=self.t(1.5))
        for rule in RULES:
            dots, fit = self.error_points(plot, result, rule, colors[rule])
            self.play(FadeIn(dots, lag_ratio=0.2), run_time=self.t(1.2))
            self.play(Create(fit), run_time=self.t(0.8))
        self.pause(3)

        doubling = {rule: 2 ** result.orders[rule] for rule in RULES}
        self.beat("The orders", f"The fitted slopes are about minus {round(result.orders['trapezoid'])} and minus {round(result.orders['simpson'])}. Doubling n divides the trapezoid error by about {round(doubling['trapezoid'])}, Simpson's by about {round(doubling['simpson'])}.")
        slopes = VGroup(*[
            VGroup(words(NAMES[rule], size=28, color=colors[rule]),
                   formula(rf"\text{{slope}} = {result.slopes[rule]:.2f}", size=30, color=colors[rule]),
                   formula(rf"\text{{error}} \div {doubling[rule]:.1f} \text{{ per doubling}}", size=28, color=colors[rule])).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            for rule in RULES
        ]).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        self.play(FadeOut(table), run_time=self.t(0.8))
        panel.place(slopes, below=exact_row, buff=0.5)
        for block in slopes:
            self.play(FadeIn(block, shift=0.15 * DOWN), run_time=self.t(1))
            self.pause(1.5)
        self.pause(4)

    @staticmethod
    def pieces(axes, approximation, color: str) -> VMobject:
        """All of a sum's shapes as one path of subpaths (one draw call)."""
        path = VMobject(fill_color=color, fill_opacity=0.35, stroke_color=color, stroke_width=2)
        points = [polyline_points(to_scene(axes, np.vstack([shape, shape[:1]]))) for shape in approximation.shapes]
        path.points = np.vstack(points)
        return path

    @staticmethod
    def sum_row(rule: str, n: int, value: float, error: float, color: str) -> VGroup:
        letter = "T" if rule == "trapezoid" else "S"
        return VGroup(words(f"{NAMES[rule]}, n = {n}:", size=28, color=color),
                      formula(rf"{letter}_{{{n}}} = {tex_number(value, 8)}", size=30, color=color),
                      formula(rf"|{letter}_{{{n}}} - I| = {tex_number(error, 3)}", size=30, color=color)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)

    @staticmethod
    def error_table(result, colors) -> VGroup:
        header = VGroup(formula("n", size=30), formula(r"|T_n - I|", size=30, color=colors["trapezoid"]),
                        formula(r"|S_n - I|", size=30, color=colors["simpson"])).set_color(MUTED)
        rows = [header]
        for i, n in enumerate(result.ns):
            rows.append(VGroup(formula(str(n), size=30),
                               formula(tex_number(result.errors["trapezoid"][i], 3), size=30, color=colors["trapezoid"]),
                               formula(tex_number(result.errors["simpson"][i], 3), size=30, color=colors["simpson"])))
        cells = VGroup(*[cell for row in rows for cell in row])
        cells.arrange_in_grid(rows=len(rows), cols=3, buff=(0.45, 0.16), col_alignments="rrr")
        return VGroup(*rows)

    def log_log_axes(self, result):
        """log10 n across, log10 error up, where the function's axes were."""
        ns = np.log10(result.ns.astype(float))
        errors = np.concatenate([result.errors[rule] for rule in RULES])
        logs = np.log10(errors[errors > 0])
        x_window = (math.floor(ns[0] * 2) / 2, math.ceil(ns[-1] * 2) / 2, 0.5)
        y_window = nice_range(float(logs.min()) - 0.5, float(logs.max()) + 0.5, 6)
        plot = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT - 0.6, x_label=r"\log_{10} n", y_label=r"\log_{10} \text{error}")
        plot.to_corner(LEFT + DOWN, buff=EDGE)
        # The errors straddle 1, so manim would draw the n-axis through log error = 0, across the
        # points: move it to the bottom (c2p only uses differences along each axis, so the map is unchanged).
        drop = plot.y_axis.n2p(0)[1] - plot.y_axis.n2p(y_window[0])[1]
        plot.x_axis.shift(drop * DOWN)
        x_label = plot.submobjects[-1][0]
        x_label.next_to(plot.x_axis, DOWN, buff=0.5)
        return plot.to_corner(LEFT + DOWN, buff=EDGE)

    @staticmethod
    def error_points(plot, result, rule: str, color: str):
        ns = np.log10(result.ns.astype(float))
        logs = np.log10(result.errors[rule])
        dots = VGroup(*[Dot(plot.c2p(x, y), color=color, radius=0.07) for x, y in zip(ns, logs)])
        intercept = float(np.mean(logs - result.slopes[rule] * ns))  # the least-squares line passes through the means
        ends = [plot.c2p(x, intercept + result.slopes[rule] * x) for x in (ns[0], ns[-1])]
        return dots, Line(*ends, color=color, stroke_width=3)
