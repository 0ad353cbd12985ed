"""Week 3 -- the derivative as a function: the tangent's slope, traced as x slides."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, Indicate, Line, ValueTracker, VGroup, Write
import numpy as np

from calcviz import derivatives, rules
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, DERIVATIVE, EDGE, MUTED, TANGENT, formula, words
from scenes.kit.plotting import graph, line_ends, move_line, make_axes, point_at, window_for
from scenes.kit.readouts import readout

AXES_WIDTH = 7.6
AXES_HEIGHT = 2.7


class DerivativeAsFunction(LectureScene):
    """Slide the tangent along f and plot its slope: the graph of f' appears."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        df = f.derivative()
        self.beat("Title", "The derivative at one point is a number. Do it at every point, and you get a new function.")
        self.show_title()

        self.beat("Two graphs", "Above, the function f. Below, an empty plot with the same x-axis, waiting for the slopes.")
        x_window, y_window = window_for(f, lo, hi)
        _, dy_window = window_for(df, lo, hi)
        top = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT, y_label="f").to_edge(LEFT, buff=EDGE).set_y(1.1)
        bottom = make_axes(x_window, dy_window, AXES_WIDTH, AXES_HEIGHT, y_label="f'").to_edge(LEFT, buff=EDGE).set_y(-2.35)
        panel = Panel.beside(top)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        self.play(Create(top), Create(bottom), run_time=self.t(1.5))
        self.play(Create(graph(top, f, color=p.function_color)), Write(f_label), run_time=self.t(2))
        self.pause(1.5)

        self.beat("One slope", "At one point, draw the tangent and read off its slope. Plot that slope below, at the same x.")
        x = ValueTracker(lo + 0.1 * (hi - lo))

        def tangent_ends():
            line = derivatives.tangent_line(f, x.get_value())
            return line_ends(top, x.get_value(), line.y0, line.slope)

        touch = Dot(point_at(top, x.get_value(), f(x.get_value())), color=ACCENT, radius=0.06).set_z_index(2)
        touch.add_updater(lambda m: m.move_to(point_at(top, x.get_value(), f(x.get_value()))))
        tangent = Line(*tangent_ends(), color=TANGENT, stroke_width=3)
        tangent.add_updater(lambda m: move_line(m, *tangent_ends()))
        marker = Dot(point_at(bottom, x.get_value(), df(x.get_value())), color=DERIVATIVE, radius=0.06).set_z_index(2)
        marker.add_updater(lambda m: m.move_to(point_at(bottom, x.get_value(), df(x.get_value()))))
        drop = Line(touch.get_center(), marker.get_center(), color=MUTED, stroke_width=1.5, stroke_opacity=0.6)
        drop.add_updater(lambda m: move_line(m, touch.get_center(), marker.get_center()))
        slope = readout(df(x.get_value()), decimals=2, color=TANGENT)
        slope.add_updater(lambda m: m.set_value(df(x.get_value())))
        slope_row = VGroup(formula(r"\text{slope} ="), slope).arrange(RIGHT, buff=0.2)
        self.tie(x, touch, tangent, marker, drop, slope)
        panel.place(slope_row)
        self.play(FadeIn(touch), Create(tangent), run_time=self.t(1.2))
        self.play(FadeIn(slope_row), run_time=self.t(0.8))
        self.play(Create(drop), FadeIn(marker, scale=2), run_time=self.t(1.2))
        self.pause(2)

        self.beat("Sliding", "Now slide the point along the curve. Where f climbs the slope is positive, where it falls, negative.")
        trace = self.slope_trace(bottom, df, x)
        self.tie(x, trace)
        self.add(trace)
        self.play(x.animate.set_value(hi - 0.02 * (hi - lo)), run_time=self.t(9), rate_func=lambda t: t)
        self.pause(1.5)

        self.beat("The formula", "The traced curve is the derivative f'. The rules of differentiation give its formula directly.")
        df_label = formula(rf"f'(x) = {df.latex}", color=DERIVATIVE)
        panel.place(df_label, buff=0.6)
        rule_text = VGroup(*[words(name, size=30, color=MUTED) for name in ("using the",) + rules.rules_used(f)])
        panel.place(rule_text.arrange(DOWN, aligned_edge=LEFT, buff=0.12), buff=0.3)
        self.play(Write(df_label), run_time=self.t(1.8))
        self.play(FadeIn(rule_text, shift=0.2 * UP), run_time=self.t(1))
        self.pause(2)
        exact = graph(bottom, df, color=DERIVATIVE, width=7).set_stroke(opacity=0.45)
        self.play(Create(exact), run_time=self.t(2))
        self.play(Indicate(df_label, color=DERIVATIVE), run_time=self.t(1.2))
        self.pause(2)

        self.beat("Flat tangents", "Where the tangent is flat, f' crosses zero: these are the points where f turns around.")
        for point in derivatives.critical_points(f, lo, hi):
            self.play(x.animate.set_value(point.x), run_time=self.t(2.5))
            zero = Dot(point_at(bottom, point.x, 0.0), color=ACCENT, radius=0.08)
            self.play(FadeIn(zero, scale=2.5), run_time=self.t(0.6))
            self.pause(1.5)
        self.pause(3)

    def slope_trace(self, axes, df, x: ValueTracker) -> VGroup:
        """The graph of f' revealed up to the slider's x (each piece grows with x)."""
        pieces = graph(axes, df, color=DERIVATIVE, width=4)
        full = pieces.copy()
        spans = [piece.x_span for piece in pieces]

        def reveal(group):
            for piece, source, (start, end) in zip(group, full, spans):
                alpha = float(np.clip((x.get_value() - start) / (end - start), 0, 1))
                piece.pointwise_become_partial(source, 0, alpha)

        reveal(pieces)
        pieces.add_updater(reveal)
        return pieces

