"""Week 2 -- a limit of a function through sequences: every x_n -> a must give f(x_n) -> L.

Told sentence by sentence: two sequences into a hole agree on L (the definition asks it of every
sequence); two sequences into sin(1/x) at 0 do not, so there is no limit.
"""

from __future__ import annotations

import re

import numpy as np
import sympy
from manim import DOWN, LEFT, RIGHT, UP, Circle, Circumscribe, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, LaggedStart, VGroup, VMobject, Write

from calcviz import Function, geometry, latex, limits
from calcviz.cancellation import along_every_sequence, cancellation
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, EDGE, FOREGROUND, MUTED, ROW_SIZE, SMALL_SIZE, TANGENT, formula, words
from scenes.kit.numbers import plain_tex as plain, exact_or_number as shown
from scenes.kit.plotting import dashed_segments, graph, make_axes, point_at, to_scene, window_for

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
SEQUENCE_COLORS = (ACCENT, TANGENT)  # the first and the second sequence, in both parts
NAMES = ("x", "z")  # x_n and z_n: both are inputs (y is kept for outputs)
DOT_RADIUS = 0.06
OSCILLATION_SAMPLES = 16000  # drawn as corners: a line between samples never leaves [-1, 1]


class LimitsViaSequences(LectureScene):
    """Two sequences into a hole agree on L; two sequences into sin(1/x) at 0 do not."""

    def construct(self) -> None:
        self.beat("The function")
        header = self.show_title()
        self.agreeing()
        self.disagreeing(keep=header)

    # ------------------------------------------------------------------ every sequence agrees
    def agreeing(self) -> None:
        p = self.params
        f, a = p.function, p.point
        limit = limits.limit(f, a)
        a_tex, limit_tex = latex(a), shown(limit)
        axes = self.axes_for(f, p.interval)
        axes.x_axis.numbers.shift(DOWN * 0.12)  # clear of the dots that crowd on the axis near a
        panel = Panel.beside(axes)
        label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        self.play(Create(axes), run_time=0.8)  # the stage draws silently: the voice speaks over the curve
        hole = self.hole(axes, a, limit)  # drawn with the curve: the graph is never shown whole through (a, L)
        self.say(f"Here is $f(x) = {plain(f.latex)}$ near $x = {a_tex}$.",
                 [Create(graph(axes, f, color=p.function_color)), FadeIn(label), FadeIn(hole)], Indicate(label, color=p.function_color))
        work = cancellation(f)
        top = label
        if work is None:
            self.say(f"It is not defined at ${a_tex}$, so its graph has a hole; yet nearby its values are close to ${limit_tex}$.",
                     Indicate(hole, color=FOREGROUND, scale_factor=2), Circumscribe(hole, shape=Circle, color=FOREGROUND, buff=0.08))
        else:
            self.say(f"It is not defined at ${a_tex}$, so its graph has a hole.",
                     Indicate(hole, color=FOREGROUND, scale_factor=2), Circumscribe(hole, shape=Circle, color=FOREGROUND, buff=0.08))
            top = panel.place(formula(rf"= {work.factored}", rf"= {work.cancelled}", rf",\ x \ne {a_tex}", size=ROW_SIZE,
                                      color=p.function_color), buff=0.2)
            if top.get_right()[0] > panel.right - 0.3:  # kept on screen with a margin: a long fraction gets the panel's width
                top.scale_to_fit_width(panel.right - panel.left - 0.3).align_to(label, LEFT)
            self.say(f"For $x \\ne {a_tex}$, factor the top and cancel: $f(x) = {work.cancelled}$.",
                     Write(top[0]), [Write(top[1:])], Indicate(hole, color=FOREGROUND, scale_factor=2))

        self.beat("Two sequences")
        rows = VGroup()
        for k, (text, color, name) in enumerate(zip(p.sequences, SEQUENCE_COLORS, NAMES)):
            term = Function(text, variable="n")
            values = limits.sequence_values(f, term)
            along = limits.limit_along_sequence(f, term)
            row = panel.place(formula(rf"{name}_n = {inline(term.latex)}",
                                      rf":\ \ f({name}_n) = {inline(latex(values))} \to {shown(along)}",
                                      size=ROW_SIZE, color=color), buff=0.45 if k == 0 else 0.3)
            rows.add(row)
            on_axis, risers, on_graph, across = self.follow(axes, f, term, color)
            side = "right" if float(term(1.0)) > a else "left"
            dots = LaggedStart(*[FadeIn(d, scale=2) for d in on_axis], lag_ratio=0.3, run_time=2)
            if k == 0:
                counting = panel.place(formula(r"n = 1, 2, 3, \dots", size=ROW_SIZE, color=FOREGROUND), below=top, buff=0.25)
                rows.add(counting)
                row.next_to(counting, DOWN, buff=0.3).align_to(counting, LEFT)
                self.say(f"Take $x_n = {term.latex}$ for $n = 1, 2, 3$ and on: they tend to ${a_tex}$ from the {side}.",
                         [FadeIn(row[0]), FadeIn(counting)], dots)
                panel.last = row
            lift = [[Create(risers), FadeIn(on_graph)], LaggedStart(*[FadeIn(d, scale=2) for d in across], lag_ratio=0.3),
                    FadeIn(row[1])]
            if k == 0:  # the level they tend to, dashed across the graph and named
                x0, x1 = axes.x_range[:2]
                level = DashedLine(point_at(axes, x0, limit), point_at(axes, x1, limit), color=MUTED, stroke_width=2, dash_length=0.08)
                level_tag = formula(rf"L = {limit_tex}", size=SMALL_SIZE, color=FOREGROUND).next_to(level.get_end(), DOWN, buff=0.12)
                level_tag.align_to(level, RIGHT)
                self.say(f"Lift each one to the graph: $f(x_n) = {latex(values)}$, which tends to ${limit_tex}$.", *lift,
                         [Create(level), FadeIn(level_tag)])
            else:
                self.say(f"From the {side}, ${name}_n = {term.latex}$ gives $f({name}_n) = {latex(values)}$, tending to ${limit_tex}$ as well.",
                         [FadeIn(row[0]), dots], *lift)

        self.beat("The definition")
        definition = VGroup(
            words(r"$\displaystyle\lim_{x \to a} f(x) = L$ means:", size=ROW_SIZE),
            words(r"for \emph{every} sequence $x_n \to a$", size=ROW_SIZE),
            words(r"with $x_n \ne a$ in the domain of $f$,", size=ROW_SIZE),
            words(r"$f(x_n) \to L$.", size=ROW_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        panel.place(definition, below=top, buff=0.4)
        self.say("Two sequences only illustrate the limit; its definition asks the same of every sequence.",
                 [FadeOut(rows), Write(definition[0])], Write(definition[1]), Indicate(definition[1], color=FOREGROUND))
        self.say("Every $x_n$ in the domain tending to $a$, never equal to $a$, must give $f(x_n)$ tending to $L$.",
                 Write(definition[2]), Write(definition[3]), Indicate(definition[3], color=FOREGROUND))
        every = along_every_sequence(f, a)
        if every is None:
            return
        why = VGroup(
            words(rf"any $x_n \to {a_tex}$ with $x_n \ne {a_tex}$:", size=ROW_SIZE, color=FOREGROUND),
            formula(rf"f(x_n) = {every.term}", rf"\to {every.at_a} = {shown(every.limit)}", size=ROW_SIZE, color=p.function_color),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        panel.place(why, below=definition, buff=0.45)
        self.beat("Every sequence")
        self.say(f"Take any $x_n$ tending to ${a_tex}$ with $x_n \\ne {a_tex}$.", FadeIn(why[0]), Indicate(why[0], color=FOREGROUND))
        self.say(f"The factor cancels, so $f(x_n) = {every.term}$.", Write(why[1][0]), Indicate(top[1], color=p.function_color))
        self.say(f"That tends to ${every.at_a} = {limit_tex}$, for every such sequence: the limit is ${limit_tex}$.",
                 Write(why[1][1]), Circumscribe(why[1], color=FOREGROUND), Indicate(hole, color=FOREGROUND, scale_factor=2))

    # ------------------------------------------------------------------ two sequences disagree
    def disagreeing(self, keep) -> None:
        p = self.params
        f, a = p.oscillating_function, p.oscillating_point
        a_tex = latex(a)
        self.beat("Oscillation")
        axes = self.axes_for(f, p.oscillating_interval, y_numbers=False)
        panel = Panel.beside(axes)
        label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        curve = self.dense_graph(axes, f, p.function_color)
        bounds = self.bounds(axes, f)
        low, high = (shown(v) for v in bounds)
        self.clear_all_but(keep, run_time=self.t(0.8))
        self.play(Create(axes), run_time=0.8)  # silent: the curve comes with the sentence that names it
        self.say(f"Now $f(x) = {plain(f.latex)}$: near ${a_tex}$ it oscillates between ${low}$ and ${high}$.",
                 [Create(curve), FadeIn(label)], Create(self.guides))
        self.say("It swings faster and faster, so often that the waves merge into a band.",
                 Indicate(self.guides, scale_factor=1.0, color=FOREGROUND))

        terms = [Function(text, variable="n") for text in p.oscillating_sequences]
        limits_along = [limits.limit_along_sequence(f, term) for term in terms]
        self.beat("Two sequences disagree")
        for k, (term, along, color, name) in enumerate(zip(terms, limits_along, SEQUENCE_COLORS, NAMES)):
            values = limits.sequence_values(f, term)
            row = panel.place(formula(rf"{name}_n = {inline(term.latex)}", rf":\ \ f({name}_n) = {inline(latex(values))}",
                                      size=ROW_SIZE, color=color), buff=0.45 if k == 0 else 0.3)
            on_axis, risers, on_graph, _ = self.follow(axes, f, term, color)
            both = "which also tends" if k else "which tends"
            constant = not values.free_symbols
            said = (f"There the graph is always at height ${shown(along)}$: $f({name}_n) = {latex(values)}$ for every $n$."
                    if constant else f"There $f({name}_n) = {latex(values)}$, which tends to ${shown(along)}$.")
            self.say(f"Take ${name}_n = {said_term(term)}$, {both} to ${a_tex}$.",
                     FadeIn(row[0]), LaggedStart(*[FadeIn(d, scale=2) for d in on_axis], lag_ratio=0.3, run_time=2))
            self.say(said, [Create(risers), FadeIn(on_graph)], FadeIn(row[1]))

        self.beat("No limit")
        first, second = (shown(v) for v in limits_along)
        verdict = formula(rf"\lim_{{x \to {a_tex}}} f(x) \text{{ does not exist}}", size=ROW_SIZE)
        panel.place(verdict, buff=0.6)
        self.say(f"Two sequences into ${a_tex}$, two different limits, ${first}$ and ${second}$: "
                 f"so $f$ has no limit at ${a_tex}$.", Write(verdict), Indicate(verdict, color=TANGENT))

    # ------------------------------------------------------------------ pieces
    def axes_for(self, f, interval, y_numbers: bool = True):
        """Axes whose horizontal axis is y = 0 (the window always includes 0)."""
        x_window, (lo, hi, step) = window_for(f, *interval)
        axes = make_axes(x_window, (min(lo, 0), max(hi, 0), step), AXES_WIDTH, AXES_HEIGHT)
        if not y_numbers:
            axes.y_axis.remove(axes.y_axis.numbers)
        return axes.to_corner(LEFT + DOWN, buff=EDGE)

    def dense_graph(self, axes, f, color: str) -> VMobject:
        """The graph through many samples joined by straight pieces: it never overshoots the values."""
        x0, x1 = axes.x_range[:2]
        pieces = geometry.graph_segments(f, x0, x1, axes.y_range[:2], samples=OSCILLATION_SAMPLES)
        curve = VGroup()
        for piece in pieces:
            curve.add(VMobject(stroke_color=color, stroke_width=1.5, stroke_opacity=0.55).set_points_as_corners(to_scene(axes, piece)))  # dim: dots on it stay visible
        return curve

    def bounds(self, axes, f) -> tuple[float, float]:
        """The least and greatest value of the oscillation, drawn as dashed guides labelled at the left."""
        x0, x1 = axes.x_range[:2]
        xs = np.linspace(x0, x1, OSCILLATION_SAMPLES)
        with np.errstate(all="ignore"):
            ys = f(xs)
        ys = ys[np.isfinite(ys)]
        low, high = float(np.round(ys.min(), 6)), float(np.round(ys.max(), 6))
        guides = VGroup()
        for value in (low, high):
            line = DashedLine(point_at(axes, x0, value), point_at(axes, x1, value), color=MUTED, stroke_width=2, dash_length=0.08)
            tag = formula(shown(value), size=SMALL_SIZE, color=FOREGROUND)
            tag.next_to(line.get_end(), UP if value > 0 else DOWN, buff=0.1).align_to(line, RIGHT)
            guides.add(VGroup(line, tag))
        self.guides = guides
        return low, high

    def hole(self, axes, a: float, value: float) -> Circle:
        return Circle(radius=0.08, stroke_color=self.params.function_color, stroke_width=3,
                      fill_color=BACKGROUND, fill_opacity=1).move_to(point_at(axes, a, value)).set_z_index(3)

    def follow(self, axes, f, term: Function, color: str):
        """The first terms as dots on the x-axis, risers up to the graph, the dots there, and their heights on the y-axis."""
        ns = np.arange(1, self.params.terms + 1, dtype=float)
        xs = np.asarray(term(ns), dtype=float) * np.ones_like(ns)
        ys = np.asarray(f(xs), dtype=float)
        y_axis_at = float(np.clip(0.0, axes.x_range[0], axes.x_range[1]))
        on_axis = VGroup(*[Dot(point_at(axes, x, 0.0), radius=DOT_RADIUS, color=color).set_z_index(4) for x in xs])
        on_graph = VGroup(*[Dot(point_at(axes, x, y), radius=DOT_RADIUS, color=color).set_z_index(4) for x, y in zip(xs, ys)])
        risers = dashed_segments([d.get_center() for d in on_axis], [d.get_center() for d in on_graph], color=color, width=1.5)
        across = VGroup(*[Dot(point_at(axes, y_axis_at, y), radius=DOT_RADIUS, color=color).set_z_index(4) for y in ys])
        return on_axis, risers, on_graph, across





def said_term(term: Function) -> str:
    """A term for the voice and the captions: a fraction over a product keeps its parentheses, 1/(πn), never 1/πn."""
    numerator, denominator = sympy.fraction(term.expr)  # as the row writes it (no common denominator)
    if denominator.is_Mul:
        return rf"{sympy.latex(numerator)}/\left({sympy.latex(denominator)}\right)"
    return term.latex


_FRACTION = re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}")
_ATOM = re.compile(r"^\s*(?:[A-Za-z0-9.]+|\\[A-Za-z]+)\s*$")


def inline(tex: str) -> str:
    """A formula on one line for a row beside the graph: each fraction written with a slash, at full size
    (1/n, 1/(\\pi n), 1/(2\\pi n + \\pi/2)), parentheses wherever a side is more than one symbol."""
    def slash(match) -> str:
        top, bottom = match.group(1), match.group(2)
        top = top if _ATOM.match(top) else f"({top})"
        bottom = bottom if _ATOM.match(bottom) else f"({bottom})"
        return f"{top}/{bottom}"

    while _FRACTION.search(tex):
        tex = _FRACTION.sub(slash, tex)
    return tex
