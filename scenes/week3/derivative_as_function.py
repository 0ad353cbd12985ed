"""Week 3 -- the derivative as a function: the tangent's slope, traced as x slides."""

from __future__ import annotations

from manim import UR, DOWN, LEFT, RIGHT, Create, DashedVMobject, Dot, FadeIn, FadeOut, Indicate, Line, ValueTracker, VGroup, Write
import re

import numpy as np

from calcviz import derivatives, latex, rules
from calcviz.view import value_window
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, DERIVATIVE, EDGE, FOREGROUND, MUTED, TANGENT, TEXT_SIZE, WORKING_SIZE, formula, words
from scenes.kit.numbers import decimals
from scenes.kit.plotting import graph, line_ends, move_line, make_axes, point_at
from scenes.kit.readouts import readout

AXES_WIDTH = 7.6
AXES_HEIGHT = 2.7


class DerivativeAsFunction(LectureScene):
    """Slide the tangent along f and plot its slope: the graph of f' appears; the rules give its formula."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        df = f.derivative()
        xs = np.linspace(lo, hi, 400)
        x_window = (lo, hi, 1.0 if hi - lo >= 4 else 0.5)

        self.beat("Two graphs")
        self.show_title()
        top = make_axes(x_window, value_window(f(xs), margin=0.03), AXES_WIDTH, AXES_HEIGHT, y_label="f")
        top.to_edge(LEFT, buff=EDGE).set_y(1.5)
        bottom = make_axes(x_window, value_window(df(xs), margin=0.03), AXES_WIDTH, AXES_HEIGHT, y_label=r"\text{slope}")
        bottom.to_edge(LEFT, buff=EDGE).set_y(-2.05)
        panel = Panel.beside(top)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        curve = graph(top, f, color=p.function_color)
        self.play(Create(top), Create(curve), run_time=self.t(1.2))  # the stage, silently, before the voice
        self.say(f"Here is a function, $f(x) = {f.latex}$.",
                 Write(f_label), Indicate(curve, color=p.function_color, scale_factor=1.0))

        self.beat("One slope")
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
        def drop_ends():  # both ends from the slider's x itself: the connector stays vertical while it moves
            at = x.get_value()
            return point_at(top, at, f(at)), point_at(bottom, at, df(at))

        drop = Line(*drop_ends(), color=MUTED, stroke_width=1.5, stroke_opacity=0.6)
        drop.add_updater(lambda m: move_line(m, *drop_ends()))
        slope = readout(df(x.get_value()), decimals=decimals(df(x.get_value())), color=TANGENT)
        slope.add_updater(lambda m: m.set_value(df(x.get_value())))
        slope_row = panel.place(VGroup(formula(r"\text{slope} ="), slope).arrange(RIGHT, buff=0.2))
        self.tie(x, touch, tangent, marker, drop, slope)
        self.say("At one point its derivative is a number: the slope of the tangent line there.",
                 [FadeIn(touch), Create(tangent)], FadeIn(slope_row))
        self.say("Below, an empty plot with the same $x$-axis waits for slopes.", Create(bottom),
                 Indicate(bottom, color=FOREGROUND, scale_factor=1.0))  # drawn as it is named
        self.say("Plot that slope there, at the same $x$.", Create(drop), FadeIn(marker, scale=2),
                 Indicate(marker, color=DERIVATIVE))

        self.beat("Sliding")
        critical = derivatives.critical_points(f, lo, hi)
        traced = []  # the trace, made once the point is back at the left end: it covers the whole interval

        def begin_trace():
            traced.append(self.slope_trace(bottom, df, x))
            self.tie(x, traced[0])
            self.add(traced[0])

        stops = [c.x for c in critical] + [hi]  # to the end: the trace covers the whole interval
        start, seen = lo, set()
        for i, stop in enumerate(stops):  # one sentence per stretch, said while the point crosses it
            climbs = df((start + stop) / 2) > 0
            trend, sign = ("climbs", "positive") if climbs else ("falls", "negative")
            again = " again" if trend in seen else ""
            if i == 0:
                text = f"Now slide the point along the curve: while $f$ {trend}, the slope is {sign}."
            elif i == len(stops) - 1:
                text = f"Where $f$ {trend}{again}, the slope is {sign}{again}: the dot below traces every slope."
            else:
                text = f"Where $f$ {trend}{again}, the slope is {sign}{again}, and the dot below goes {'above' if climbs else 'below'} zero."
            seen.add(trend)
            steps = [value_to(x, lo, 1.0), begin_trace] if i == 0 else []  # back to the left end, then traced
            self.say(text, *steps, value_to(x, stop, 9 * (stop - start) / (hi - lo)))
            start = stop

        trace = traced[0]

        self.beat("Flat tangents")
        marks = []
        for c in critical:
            on_f = Dot(point_at(top, c.x, c.y), color=ACCENT, radius=0.08).set_z_index(3)
            on_df = Dot(point_at(bottom, c.x, 0.0), color=ACCENT, radius=0.08).set_z_index(3)
            marks.append((c, on_f, on_df))
        if marks:
            where = " and ".join(f"$x = {latex(c.exact) if c.exact is not None else round(c.x, 3)}$" for c, _, _ in marks)
            steps = []
            for c, on_f, on_df in marks:
                steps += [value_to(x, c.x, 1.5), [FadeIn(on_f, scale=2.5), FadeIn(on_df, scale=2.5)]]
            self.say(f"Where the tangent is flat, at {where}, $f$ turns around and the traced slope crosses zero.",
                     *steps)

        self.beat("The formula")
        steps = rules.derivative_steps(f)
        working = self.working(steps)
        panel.place(working, below=f_label, buff=0.5)
        named_at = lo + 0.12 * (hi - lo)
        trace_name = formula("f'", color=DERIVATIVE).next_to(point_at(bottom, named_at, df(named_at)), UR, buff=0.12)
        self.say("The traced curve is a function in its own right: the derivative $f'$.",
                 [FadeOut(slope_row), FadeOut(tangent), FadeOut(touch), FadeOut(drop), FadeOut(marker)],
                 [Indicate(trace, color=DERIVATIVE, scale_factor=1.05), FadeIn(trace_name), Write(working[0])])
        for k, row in enumerate(working[1:-1]):  # each rule named as its line is written
            named = [f"the {name}" for name in row.rules]
            listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
            if row.unit_step:  # the power rule's plain x is said, not only written: d/dx x = 1
                listed += r", with $\frac{d}{dx} x = 1$"
            self.say(f"Its formula comes one rule at a time: first {listed}." if k == 0 else f"Then {listed}.",
                     [Write(row[0]), FadeIn(row[1])])
        self.say(f"So $f'(x) = {df.latex}$.", Write(working[-1][0]), Indicate(working[-1][0], color=DERIVATIVE))
        overlay = VGroup(*[DashedVMobject(piece, num_dashes=60, dashed_ratio=0.55).set_stroke(FOREGROUND, width=3)
                           for piece in graph(bottom, df, color=FOREGROUND, width=3)]).set_z_index(3)
        labelled_at = lo + 0.9 * (hi - lo)
        overlay_name = formula(rf"y = {df.latex}", color=FOREGROUND).next_to(
            point_at(bottom, labelled_at, df(labelled_at)), LEFT, buff=0.5)
        self.say(f"Draw $y = {df.latex}$ over the lower plot: it lies exactly on the curve we traced.",
                 [Create(overlay, run_time=2.5), FadeIn(overlay_name)], Indicate(overlay_name, color=FOREGROUND))

    def working(self, steps) -> VGroup:
        """``f'(x) =`` then one row per group of steps with the rules it uses, then the tidy result.

        The rows are the board after the first rule, after every rule, and simplified (steps as written by
        calcviz.rules.derivative_steps); each row carries the names of the rules that produced it.
        """
        ruled = [s for s in steps if s.rules]
        tidy = steps[-1] if steps and not steps[-1].rules else None
        head = formula(rf"f'(x) = {steps[0].before_latex}", size=WORKING_SIZE, color=DERIVATIVE)
        rows = VGroup(head)
        groups = [ruled[:1], ruled[1:]] if len(ruled) > 1 else [ruled]
        for group in groups:
            if not group:
                continue
            names = list(dict.fromkeys(name for s in group for name in s.rules))
            line = formula(rf"= {times_between_numbers(group[-1].after_latex)}", size=WORKING_SIZE)
            # one rule name a line: the column stays as narrow as the formulas, so it is shrunk less
            shown = []
            for i, name in enumerate(names):
                shown.append(name + ("," if i < len(names) - 1 else ""))
                if name == "sum rule" and "-" in group[-1].after_latex:
                    shown.append("(for a difference too)")
            unit_step = any(s.rule == "power rule" and s.result == 1 for s in group)
            note = VGroup(*(words(text, size=TEXT_SIZE, color=FOREGROUND) for text in shown))
            if unit_step:  # the power rule's plain x, written as it is said: d/dx x = 1
                note.add(formula(r"(d/dx)\, x = 1", size=TEXT_SIZE, color=FOREGROUND))
            note.arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            row = VGroup(line, note)
            row.rules = names
            row.unit_step = unit_step
            rows.add(row)
        if tidy is not None:
            rows.add(VGroup(formula(rf"= {tidy.after_latex}", size=WORKING_SIZE, color=DERIVATIVE)))
        return self.stack(rows)

    @staticmethod
    def stack(rows: VGroup) -> VGroup:
        """Rows one under the other, each ``=`` line indented under the head; a row's rule names under its line."""
        previous = rows[0]
        for row in rows[1:]:
            line = row[0]
            line.next_to(previous, DOWN, buff=0.28).align_to(rows[0], LEFT).shift(0.5 * RIGHT)
            if len(row) > 1:
                row[1].next_to(line, DOWN, buff=0.1).align_to(line, LEFT)
            previous = row
        return rows

    def slope_trace(self, axes, df, x: ValueTracker) -> VGroup:
        """The graph of f' revealed up to the furthest x the slider has reached (it grows, never shrinks)."""
        pieces = graph(axes, df, color=DERIVATIVE, width=4)
        full = pieces.copy()
        spans = [piece.x_span for piece in pieces]

        begun = x.get_value()  # the trace starts where the dot starts: it shows only slopes the dot visited
        reached = [begun]  # the furthest x so far: sliding back moves the dot, never erases the trace

        def reveal(group):
            reached[0] = max(reached[0], x.get_value())
            for piece, source, (start, end) in zip(group, full, spans):
                first = float(np.clip((begun - start) / (end - start), 0, 1))
                alpha = float(np.clip((reached[0] - start) / (end - start), first, 1))
                piece.pointwise_become_partial(source, first, alpha)

        reveal(pieces)
        pieces.add_updater(reveal)
        return pieces


def times_between_numbers(tex: str) -> str:
    r"""A multiplication dot where a number follows a fraction or another number: ``\frac{1}{3} 3 x^{2}`` reads
    "one third times three x squared", not "one third three" (juxtaposed numbers read as one).

    >>> times_between_numbers(r"\frac{1}{3} 3 x^{2} - 1")
    '\\frac{1}{3} \\cdot 3 x^{2} - 1'
    """
    return re.sub(r"(\\frac\{[^{}]*\}\{[^{}]*\}|\d)\s+(?=\d)", r"\1 \\cdot ", tex)
