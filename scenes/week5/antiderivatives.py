"""Week 5 -- antiderivatives: a family F + C of shifted curves, a slope field, and no guarantee of a formula."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, Create, Dot, FadeIn, FadeOut, Line, ValueTracker, VGroup, VMobject, Write

from calcviz import Function, exact, integrals, latex
from calcviz.antiderivatives import SPECIAL_FUNCTIONS
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, MUTED, TANGENT, formula, tex_number, words
from scenes.kit.plotting import fixed_map, graph, make_axes, move_line, segments, window_for
from scenes.kit.readouts import live_row
from calcviz.view import value_window

AXES_WIDTH = 7.4
TOP_HEIGHT = 2.3
BOTTOM_HEIGHT = 3.3
FAMILY_COLOR = "#9aa5b1"  # the members of F + C before one is picked out
TICK_LENGTH = 0.5  # scene length of a tangent piece and of a slope-field mark
FIELD_COLUMNS, FIELD_ROWS = 13, 7
DECIMALS = 3


class Antiderivatives(LectureScene):
    """F with F' = f, its shifts F + C with equal slopes, a slope field, an initial condition, and erf."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        F = integrals.antiderivative(f)
        self.beat("Title", "Differentiation turns F into f. Now run it backwards: given f, which functions have f as their derivative?")
        self.show_title()

        self.beat("Undo the derivative", "Here is f. sympy undoes the derivative and finds an F whose slope is f at every x. Differentiate F to check.")
        x_window, y_window = window_for(f, lo, hi)
        family = [Function(F.expr + exact(c)) for c in p.constants]
        xs = np.linspace(lo, hi, 400)
        bottom_window = value_window(np.concatenate([member(xs) for member in family]))
        top = make_axes(x_window, y_window, AXES_WIDTH, TOP_HEIGHT, y_label="f").to_edge(LEFT, buff=EDGE).set_y(1.65)
        bottom = make_axes(x_window, bottom_window, AXES_WIDTH, BOTTOM_HEIGHT, y_label="F").to_edge(LEFT, buff=EDGE).set_y(-2.0)
        panel = Panel.beside(top)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        F_label = panel.place(formula(rf"F(x) = {F.latex}", color=ACCENT), buff=0.35)
        check = panel.place(formula(rf"F'(x) = {F.derivative().latex} = f(x)", size=32), buff=0.3)
        self.play(Create(top), Create(bottom), run_time=self.t(1.5))
        self.play(Create(graph(top, f, color=p.function_color)), Write(f_label), run_time=self.t(1.5))
        self.play(Write(F_label), run_time=self.t(1.2))
        self.play(Write(check), run_time=self.t(1.2))
        self.pause(2.5)

        self.beat("A whole family", "But F is not the only one. Add any constant C: the curve shifts up or down, and its slope at every x stays the same.")
        curves = VGroup(*[graph(bottom, member, color=FAMILY_COLOR, width=3) for member in family])
        general = panel.place(formula(r"F(x) + C", color=FAMILY_COLOR), below=check, buff=0.45)
        self.play(Write(general), Create(curves, lag_ratio=0.2), run_time=self.t(2.5))
        x = ValueTracker(lo + 0.1 * (hi - lo))
        marks = self.tangent_marks(top, bottom, f, family, x)
        x_row = live_row("x =", x.get_value, DECIMALS, MUTED)
        slope_row = live_row("\\text{every slope} = f(x) =", lambda: f(x.get_value()), DECIMALS, TANGENT)
        panel.place(VGroup(x_row, slope_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.4)
        self.play(FadeIn(marks), FadeIn(x_row), FadeIn(slope_row), run_time=self.t(1))
        self.play(x.animate.set_value(hi - 0.1 * (hi - lo)), run_time=self.t(7), rate_func=lambda t: t)
        self.pause(1.5)

        self.beat("The slope field", "Draw a short stroke of slope f(x) at every point of the plane. Every member of the family follows the strokes: they all solve F prime equals f.")
        for mob in marks:
            mob.clear_updaters()
        field = self.slope_field(bottom, f)
        self.play(FadeOut(marks), FadeOut(x_row), FadeOut(slope_row), curves.animate.set_stroke(opacity=0.45), run_time=self.t(0.8))
        self.play(Create(field, lag_ratio=0.01), run_time=self.t(2.5))
        self.pause(3.5)

        x0, y0 = p.initial_point
        constant = exact(y0) - F.exact(x0)
        chosen = Function(F.expr + constant)
        self.beat("An initial condition", f"One more fact pins down C: the curve must pass through the point ({x0:g}, {y0:g}). Exactly one member of the family does.")
        start = Dot(bottom.c2p(x0, y0), color=TANGENT, radius=0.08).set_z_index(3)
        condition = panel.place(formula(rf"F({tex_number(x0)}) + C = {tex_number(y0)}", color=TANGENT), below=general, buff=0.45)
        solved = panel.place(formula(rf"C = {latex(constant)}", color=TANGENT), buff=0.3)
        answer = panel.place(formula(rf"y = {chosen.latex}", color=ACCENT), buff=0.3)
        self.play(FadeIn(start, scale=1.5), Write(condition), run_time=self.t(1.5))
        self.play(Write(solved), run_time=self.t(1.2))
        self.play(Create(graph(bottom, chosen, color=ACCENT, width=5)), field.animate.set_stroke(opacity=0.35), Write(answer), run_time=self.t(2))
        self.pause(3.5)

        g = p.no_elementary
        error = self.no_formula(g)
        name = error.special
        self.beat("No formula guaranteed", f"The backwards direction has no guarantee. The function {spoken(g)} has no antiderivative built from elementary functions.")
        self.clear_all_but(self.header, run_time=self.t(1))
        primitive = Function(error.sympy_result)
        g_xs = np.linspace(lo, hi, 400)
        g_window = value_window(np.concatenate([g(g_xs), primitive(g_xs)]))
        axes = make_axes((lo, hi, x_window[2]), g_window, AXES_WIDTH, TOP_HEIGHT + BOTTOM_HEIGHT + 0.6).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        g_label = panel.place(formula(rf"g(x) = {latex(g.expr)}", color=p.function_color))
        verdict = panel.place(words("no elementary antiderivative", size=30, color=MUTED), buff=0.35)
        self.play(Create(axes), Create(graph(axes, g, color=p.function_color)), Write(g_label), run_time=self.t(2))
        self.play(FadeIn(verdict), run_time=self.t(1))
        self.pause(3)

        meaning = SPECIAL_FUNCTIONS.get(name, "a special function")
        self.beat("What sympy says", f"sympy still answers, with a new named function: {name}, {meaning}. It is defined as exactly this area, and its graph is the antiderivative.")
        sympy_says = panel.place(formula(rf"\int g(x)\,dx = {latex(error.sympy_result)} + C", color=ACCENT), below=verdict, buff=0.45)
        named = panel.place(words(f"{name}: {meaning}", size=30, color=ACCENT), buff=0.3)
        self.play(Write(sympy_says), run_time=self.t(1.8))
        self.play(FadeIn(named), Create(graph(axes, primitive, color=ACCENT)), run_time=self.t(2))
        self.pause(5)

    def show_title(self):
        self.header = super().show_title()
        return self.header

    @staticmethod
    def no_formula(g: Function) -> integrals.NoElementaryAntiderivative:
        try:
            integrals.antiderivative(g)
        except integrals.NoElementaryAntiderivative as error:
            return error
        raise AssertionError("the parameters check that g has no elementary antiderivative")

    def tangent_marks(self, top, bottom, f, family, x: ValueTracker) -> VGroup:
        """A dot on f at x and, on every member of the family, a short tangent piece of slope f(x)."""
        on_top, on_bottom = fixed_map(top), fixed_map(bottom)
        unit = on_bottom([1.0, 0.0])[0] - on_bottom([0.0, 0.0])[0]
        rise = on_bottom([0.0, 1.0])[0] - on_bottom([0.0, 0.0])[0]

        def ends(member):
            at = x.get_value()
            centre = on_bottom([at, member(at)])[0]
            direction = unit + f(at) * rise
            half = 0.5 * TICK_LENGTH * direction / np.linalg.norm(direction)
            return centre - half, centre + half

        pieces = VGroup()
        for member in family:
            piece = Line(*ends(member), color=TANGENT, stroke_width=4)
            piece.add_updater(lambda m, member=member: move_line(m, *ends(member)))
            pieces.add(piece)
        dot = Dot(on_top([x.get_value(), f(x.get_value())])[0], color=TANGENT, radius=0.07).set_z_index(3)
        dot.add_updater(lambda m: m.move_to(on_top([x.get_value(), f(x.get_value())])[0]))
        return VGroup(pieces, dot)

    @staticmethod
    def slope_field(axes, f) -> VMobject:
        """Short strokes of slope f(x) on a grid of the axes' box (f depends on x only: columns repeat)."""
        on_axes = fixed_map(axes)
        (x0, x1, _), (y0, y1, _) = axes.x_range, axes.y_range
        unit = on_axes([1.0, 0.0])[0] - on_axes([0.0, 0.0])[0]
        rise = on_axes([0.0, 1.0])[0] - on_axes([0.0, 0.0])[0]
        pad_x, pad_y = (x1 - x0) / (2 * FIELD_COLUMNS), (y1 - y0) / (2 * FIELD_ROWS)
        starts, ends = [], []
        for gx in np.linspace(x0 + pad_x, x1 - pad_x, FIELD_COLUMNS):
            direction = unit + f(gx) * rise
            half = 0.4 * TICK_LENGTH * direction / np.linalg.norm(direction)
            for gy in np.linspace(y0 + pad_y, y1 - pad_y, FIELD_ROWS):
                centre = on_axes([gx, gy])[0]
                starts.append(centre - half)
                ends.append(centre + half)
        return segments(starts, ends, color=TANGENT, width=2.5, opacity=0.8)


def spoken(f: Function) -> str:
    """A function's text for narration: e to the minus x squared rather than LaTeX."""
    text = str(f.expr)
    return {"exp(-x**2)": "e to the minus x squared", "sin(x)/x": "sine x over x"}.get(text, text.replace("**", " to the power "))
