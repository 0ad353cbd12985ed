"""Week 5 -- the fundamental theorem: the area swept under f is a function whose derivative is f."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, Create, Dot, FadeIn, FadeOut, Line, ValueTracker, VGroup, VMobject, Write

from calcviz import integrals, latex
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, MUTED, TANGENT, formula, tex_number
from scenes.kit.plotting import SignedArea, fixed_map, graph, line_through, make_axes, move_line, polyline_points, window_for
from scenes.kit.readouts import live_row

AXES_WIDTH = 7.6
AXES_HEIGHT = 2.7
AREA_COLOR = ACCENT  # A and everything about it
STRIP_COLOR = TANGENT  # the strip of width dx and the increase ΔA
AREA_SAMPLES = 600  # samples of f (and A) across the interval, computed once
STRIP_SAMPLES = 24
DECIMALS = 3


class AreaAccumulation(LectureScene):
    """Sweep x, fill the area A(x) and trace it; a strip of width dx shows A' = f."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        area_function = integrals.accumulation(f, lo)
        self.beat("Title", "Sweep a vertical line across the graph of f and keep a running total of the area behind it. That total is a new function.")
        self.show_title()

        self.beat("Two graphs", f"Above, the function f. Below, an empty plot waiting for A(x): the signed area under f from {lo:g} up to x.")
        x_window, y_window = window_for(f, lo, hi)
        _, area_window = window_for(area_function, lo, hi)
        top = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT, y_label="f").to_edge(LEFT, buff=EDGE).set_y(1.1)
        bottom = make_axes(x_window, area_window, AXES_WIDTH, AXES_HEIGHT, y_label="A").to_edge(LEFT, buff=EDGE).set_y(-2.35)
        top.x_axis.numbers.set_z_index(1)  # readable over the area below the axis
        panel = Panel.beside(top)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        definition = panel.place(formula(rf"A(x) = \int_{{{tex_number(lo)}}}^{{x}} f(t)\,dt", color=AREA_COLOR), buff=0.35)
        self.play(Create(top), Create(bottom), run_time=self.t(1.5))
        self.play(Create(graph(top, f, color=p.function_color)), Write(f_label), run_time=self.t(2))
        self.play(Write(definition), run_time=self.t(1.2))
        self.pause(2)

        self.beat("Sweeping", "Let x sweep to the right. Area piles up behind it: where f is positive A climbs, where f is negative the area counts negative and A falls.")
        x = ValueTracker(lo)
        swept = self.swept_area(top, f, x)
        cursor, marker, drop, trace = self.cursor(top, bottom, f, area_function, x)
        x_row = live_row("x =", x.get_value, DECIMALS, MUTED)
        area_row = live_row("A(x) =", lambda: area_function(x.get_value()), DECIMALS, AREA_COLOR)
        panel.place(x_row, buff=0.6)
        panel.place(area_row, buff=0.25)
        self.add(swept, trace)
        self.play(FadeIn(cursor), FadeIn(marker), Create(drop), FadeIn(x_row), FadeIn(area_row), run_time=self.t(1))
        self.play(x.animate.set_value(hi), run_time=self.t(8), rate_func=lambda t: t)
        self.pause(1.5)

        self.beat("The antiderivative", f"sympy finds A in closed form: an antiderivative of f that is 0 at x = {lo:g}. Its graph lies exactly on the trace.")
        closed_form = formula(rf"A(x) = {area_function.latex}", color=AREA_COLOR)
        total = integrals.exact_integral(f, lo, hi)
        total_tex = latex(total) if total is not None else tex_number(integrals.definite_integral(f, lo, hi))
        total_label = formula(rf"A({tex_number(hi)}) = \int_{{{tex_number(lo)}}}^{{{tex_number(hi)}}} f(t)\,dt = {total_tex}", color=AREA_COLOR)
        self.play(FadeOut(x_row), FadeOut(area_row), run_time=self.t(0.6))
        panel.place(closed_form, below=definition, buff=0.35)
        panel.place(total_label, buff=0.35)
        exact_graph = graph(bottom, area_function, color=AREA_COLOR, width=8).set_stroke(opacity=0.4)
        self.play(Write(closed_form), run_time=self.t(1.8))
        self.play(Create(exact_graph), run_time=self.t(1.5))
        self.play(Write(total_label), run_time=self.t(1.5))
        self.pause(3)

        a = p.point
        self.beat("A thin strip", f"Back to x = {a:g}, and move on by a small dx. The new area is a thin strip, almost a rectangle of height f(x): ΔA ≈ f(x) dx.")
        dx = ValueTracker(p.dx_values[0])
        self.play(FadeOut(definition), FadeOut(total_label), closed_form.animate.next_to(f_label, DOWN, buff=0.35).align_to(f_label, LEFT),
                  x.animate.set_value(a), run_time=self.t(2))
        for mob in (swept, trace, cursor, marker, drop):
            mob.clear_updaters()  # x rests from now on: nothing to redraw every frame
        strip, rectangle, rise = self.strip(top, bottom, f, area_function, a, dx)

        def increase() -> float:
            return area_function(a + dx.get_value()) - area_function(a)

        height = f(a)
        small = small_decimals(p.dx_values)
        rows = VGroup(
            formula(r"\Delta A \approx f(x)\,dx", color=STRIP_COLOR),
            live_row("dx =", dx.get_value, small, MUTED),
            live_row(r"\Delta A =", increase, small, STRIP_COLOR),
            live_row(r"f(x)\,dx =", lambda: height * dx.get_value(), small, p.function_color),
            live_row(r"\Delta A / dx =", lambda: increase() / dx.get_value(), DECIMALS, STRIP_COLOR),
            formula(rf"f({tex_number(a)}) = {tex_number(height)}", color=p.function_color),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        panel.place(rows, below=closed_form, buff=0.5)
        self.play(FadeIn(strip), Create(rectangle), Create(rise), FadeIn(rows[:4]), run_time=self.t(1.5))
        self.pause(3)

        self.beat("dx to zero", "Shrink dx. The strip gets thinner, and the ratio ΔA / dx closes in on f(x): the rate at which the area grows is the height of the graph.")
        self.play(FadeIn(rows[4:]), run_time=self.t(1))
        self.pause(1)
        for value in p.dx_values[1:]:
            self.play(dx.animate.set_value(value), run_time=self.t(1.4))
            self.pause(1.2)
        self.pause(1)

        self.beat("The fundamental theorem", "That is the fundamental theorem of calculus: the slope of A at every x is f(x), so A' = f. Areas come from antiderivatives.")
        theorem = formula(r"A'(x) = f(x)", size=44, color=ACCENT)
        check = formula(rf"\frac{{d}}{{dx}}\left({area_function.latex}\right) = {area_function.derivative().latex} = f(x)", size=32)
        self.play(FadeOut(rows), FadeOut(strip), FadeOut(rectangle), FadeOut(rise), run_time=self.t(0.8))
        panel.place(theorem, below=closed_form, buff=0.6)
        panel.place(check, buff=0.4)
        tangent = line_through(bottom, a, area_function(a), height, color=TANGENT)
        self.play(Write(theorem), Create(tangent), run_time=self.t(1.5))
        self.play(Write(check), run_time=self.t(1.8))
        self.pause(5)

    def swept_area(self, axes, f, x: ValueTracker) -> SignedArea:
        """The signed area from the left end to x, one polygon per sign rebuilt from samples taken once."""
        xs = np.linspace(x.get_value(), self.params.interval[1], AREA_SAMPLES)
        ys = f(xs)

        def follow(area):
            end = x.get_value()
            count = int(np.searchsorted(xs, end))
            area.set_samples(np.r_[xs[:count], end], np.r_[ys[:count], f(end)])

        area = SignedArea(axes, xs[:1], ys[:1])
        area.add_updater(follow)
        return area

    def cursor(self, top, bottom, f, area_function, x: ValueTracker):
        """The sweeping line on f, the point (x, A(x)) below, the line joining them and A's trace so far."""
        xs = np.linspace(x.get_value(), self.params.interval[1], AREA_SAMPLES)
        on_top, on_bottom = fixed_map(top), fixed_map(bottom)
        trace_points = on_bottom(np.column_stack([xs, area_function(xs)]))

        def foot():
            return on_top([x.get_value(), 0.0])[0]

        def tip():
            return on_top([x.get_value(), f(x.get_value())])[0]

        def below():
            return on_bottom([x.get_value(), area_function(x.get_value())])[0]

        cursor = Line(foot(), tip(), color=AREA_COLOR, stroke_width=3)
        cursor.add_updater(lambda m: move_line(m, foot(), tip()))
        marker = Dot(below(), color=AREA_COLOR, radius=0.07).set_z_index(3)
        marker.add_updater(lambda m: m.move_to(below()))
        drop = Line(tip(), below(), color=MUTED, stroke_width=1.5, stroke_opacity=0.6)
        drop.add_updater(lambda m: move_line(m, tip(), below()))
        trace = VMobject(stroke_color=AREA_COLOR, stroke_width=4)

        def reveal(m):
            count = int(np.searchsorted(xs, x.get_value()))
            m.points = polyline_points(np.vstack([trace_points[:count], below()]))

        reveal(trace)
        trace.add_updater(reveal)
        return cursor, marker, drop, trace

    def strip(self, top, bottom, f, area_function, a: float, dx: ValueTracker):
        """The strip under f on [a, a + dx], the rectangle of height f(a) it nearly is, and the rise ΔA of A."""
        on_top, on_bottom = fixed_map(top), fixed_map(bottom)
        strip = SignedArea(top, *self.strip_samples(f, a, dx.get_value()), opacity=0.85)
        strip.add_updater(lambda m: m.set_samples(*self.strip_samples(f, a, dx.get_value())))

        def outline():
            right = a + dx.get_value()
            return polyline_points(on_top(np.array([[a, 0.0], [a, f(a)], [right, f(a)], [right, 0.0]])))

        def steps():
            right = a + dx.get_value()
            start, end = area_function(a), area_function(right)
            return polyline_points(on_bottom(np.array([[a, start], [right, start], [right, end]])))

        rectangle = VMobject(stroke_color=MUTED, stroke_width=2)
        rise = VMobject(stroke_color=STRIP_COLOR, stroke_width=4)
        for mob, shape in ((rectangle, outline), (rise, steps)):
            mob.points = shape()
            mob.add_updater(lambda m, shape=shape: setattr(m, "points", shape()))
        strip.set_color(STRIP_COLOR)
        return strip, rectangle, rise

    @staticmethod
    def strip_samples(f, a: float, width: float) -> tuple[np.ndarray, np.ndarray]:
        xs = np.linspace(a, a + width, STRIP_SAMPLES)
        return xs, f(xs)


def small_decimals(widths) -> int:
    """Decimals that show the smallest width (and areas of its size) with three significant digits."""
    return max(DECIMALS, 2 - math.floor(math.log10(min(widths))))
