"""Week 2 -- the famous limits: sin(x)/x by the unit-circle squeeze, (1 + 1/x)^x -> e, (e^x - 1)/x -> 1."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Circle,
    Create,
    FadeIn,
    Line,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from calcviz import Function, latex, limits
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import (
    ACCENT,
    BACKGROUND,
    EDGE,
    FUNCTION,
    MUTED,
    SECANT,
    TANGENT,
    formula,
    tex_number,
)
from scenes.kit.plotting import dashed_segments, graph, make_axes, point_at, polyline_points, window_for
from scenes.kit.readouts import live_row

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
RADIUS = 3.0
ORIGIN = np.array([-5.6, -2.9, 0.0])
SIN_COLOR, ARC_COLOR, TAN_COLOR = SECANT, ACCENT, TANGENT
SINE, TANGENT_F = Function("sin(x)"), Function("tan(x)")


class FamousLimits(LectureScene):
    """Three limits every later week leans on, each computed by calcviz."""

    def construct(self) -> None:
        self.beat("Title", "Three limits come back again and again. Let us see where they come from.")
        header = self.show_title()
        self.squeeze()
        self.e_limit(keep=header)
        self.exp_limit(keep=header)

    # ------------------------------------------------------------------ sin(x)/x
    def squeeze(self) -> None:
        p = self.params
        angle = ValueTracker(p.angles[0])
        self.beat("Unit circle", "Take an angle x on the unit circle. Its sine, its arc and its tangent line are nested: sin x, then x, then tan x.")
        circle = VMobject(stroke_color=MUTED, stroke_width=2)
        circle.set_points_as_corners(self.scene_points(np.cos(np.linspace(0, math.pi / 2, 60)), np.sin(np.linspace(0, math.pi / 2, 60))))
        axes_lines = VGroup(Line(ORIGIN, ORIGIN + 1.15 * RADIUS * RIGHT, color=MUTED, stroke_width=2),
                            Line(ORIGIN, ORIGIN + RADIUS * np.array([0, 1.3, 0]), color=MUTED, stroke_width=2))
        sine, arc, tangent, radius = (VMobject(stroke_color=c, stroke_width=6) for c in (SIN_COLOR, ARC_COLOR, TAN_COLOR, MUTED))
        radius.set_stroke(width=2)

        def update(_):
            x = angle.get_value()
            ts = np.linspace(0, x, 40)
            sine.points = polyline_points(self.scene_points([math.cos(x)] * 2, [0, SINE(x)]))
            arc.points = polyline_points(self.scene_points(np.cos(ts), np.sin(ts)))
            tangent.points = polyline_points(self.scene_points([1, 1], [0, TANGENT_F(x)]))
            radius.points = polyline_points(self.scene_points([0, 1], [0, TANGENT_F(x)]))

        pieces = VGroup(radius, sine, arc, tangent)
        update(pieces)
        pieces.add_updater(update)
        panel = Panel(left=0.6, top=2.6)
        rows = VGroup(live_row(r"\sin x =", lambda: float(SINE(angle.get_value())), 3, SIN_COLOR),
                      live_row(r"x =", angle.get_value, 3, ARC_COLOR),
                      live_row(r"\tan x =", lambda: float(TANGENT_F(angle.get_value())), 3, TAN_COLOR)).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        panel.place(rows)
        self.play(Create(axes_lines), Create(circle), run_time=self.t(1.5))
        self.play(FadeIn(pieces), FadeIn(rows), run_time=self.t(1.5))
        self.pause(2)

        self.beat("Shrink the angle", "Shrink the angle. All three shrink together, and always in the same order.")
        for value in p.angles[1:]:
            self.play(angle.animate.set_value(value), run_time=self.t(1.6))
            self.pause(0.6)
        for mob in (*pieces.get_family(), *rows.get_family()):  # the angle rests from here on: draw them into the still
            mob.clear_updaters()

        limit = limits.limit("sin(x)/x", 0)
        self.beat("The squeeze", f"Divide by sin x and flip: cos x is at most sin x over x, which is at most 1. Both ends go to 1, so sin x over x tends to {limit:g}.")
        chain = formula(r"\sin x \le x \le \tan x", size=34)
        squeeze = formula(r"\cos x \le \frac{\sin x}{x} \le 1", size=34)
        result = formula(rf"\lim_{{x \to 0}} \frac{{\sin x}}{{x}} = {tex_number(limit)}", color=FUNCTION)
        panel.place(chain, buff=0.6)
        panel.place(squeeze, buff=0.35)
        panel.place(result, buff=0.45)
        self.play(Write(chain), run_time=self.t(1.2))
        self.play(Write(squeeze), run_time=self.t(1.2))
        self.play(Write(result), run_time=self.t(1.2))
        self.pause(2.5)

    # ------------------------------------------------------------------ e
    def e_limit(self, keep) -> None:
        p = self.params
        f = p.e_function
        value = limits.limit(f, math.inf)
        self.beat("The number e", f"Next, one plus one over x, to the power x. As x grows, it climbs towards e, about {value:.4f}.")
        self.clear_all_but(keep, run_time=self.t(1))
        axes = self.axes_for(lambda xs: np.concatenate([f(xs), [0, value * 1.1]]), p.e_interval, from_zero=True)
        panel = Panel.beside(axes)
        label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        lo, hi = p.e_interval
        level = dashed_segments([point_at(axes, lo, value)], [point_at(axes, hi, value)], color=TANGENT, width=2)
        self.play(Create(axes), run_time=self.t(1.2))
        self.play(Create(graph(axes, f, lo=lo, color=p.function_color)), FadeIn(label), run_time=self.t(2))
        result = panel.place(formula(rf"\lim_{{x \to \infty}} f(x) = e \approx {value:.5f}", color=TANGENT), buff=0.5)
        self.play(Create(level), Write(result), run_time=self.t(1.5))
        self.pause(3)

    # ------------------------------------------------------------------ (e^x - 1)/x
    def exp_limit(self, keep) -> None:
        p = self.params
        f = p.exp_function
        value = limits.limit(f, 0)
        self.beat("e to the x", f"Last, e to the x minus 1, over x. It is undefined at 0, but its limit there is {value:g}. It is the slope of e to the x at 0.")
        self.clear_all_but(keep, run_time=self.t(1))
        axes = self.axes_for(lambda xs: np.concatenate([f(xs) * np.ones_like(xs), [0]]), p.exp_interval)
        panel = Panel.beside(axes)
        label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        hole = Circle(radius=0.075, stroke_color=p.function_color, stroke_width=3, fill_color=BACKGROUND, fill_opacity=1)
        hole.move_to(point_at(axes, 0, value)).set_z_index(3)
        self.play(Create(axes), run_time=self.t(1.2))
        sides = VGroup(graph(axes, f, hi=-1e-9, color=p.function_color), graph(axes, f, lo=1e-9, color=p.function_color))
        self.play(Create(sides), FadeIn(label), FadeIn(hole), run_time=self.t(2))
        result = panel.place(formula(rf"\lim_{{x \to 0}} f(x) = {latex(value)}", color=TANGENT), buff=0.5)
        self.play(Write(result), run_time=self.t(1.2))
        self.pause(3)

        self.beat("Three limits", "Three limits to remember: sine x over x goes to 1, the compound interest limit gives e, and e to the x minus 1 over x goes to 1.")
        self.clear_all_but(keep, run_time=self.t(1))
        sine_limit, e_value = limits.limit("sin(x)/x", 0), limits.limit(p.e_function, math.inf)
        summary = VGroup(formula(rf"\lim_{{x \to 0}} \frac{{\sin x}}{{x}} = {tex_number(sine_limit)}"),
                         formula(rf"\lim_{{x \to \infty}} {p.e_function.latex} = e \approx {e_value:.5f}"),
                         formula(rf"\lim_{{x \to 0}} {f.latex} = {latex(value)}")).arrange(DOWN, buff=0.5)
        for line in summary:
            self.play(Write(line), run_time=self.t(1.2))
        self.pause(2)

    # ------------------------------------------------------------------ pieces
    @staticmethod
    def scene_points(xs, ys) -> np.ndarray:
        """Unit-circle coordinates to scene points."""
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        return ORIGIN + RADIUS * np.column_stack([xs, ys, np.zeros_like(xs)])

    def axes_for(self, values, interval, from_zero: bool = False):
        """Axes over the interval; with ``from_zero`` the x-axis starts at 0 even if the interval starts just after it."""
        x_window, y_window = window_for(values, *interval)
        if from_zero and 0 < interval[0] < x_window[2]:
            x_window = (0.0, x_window[1], x_window[2])
        return make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
