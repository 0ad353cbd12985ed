"""Week 3 -- a differentiation drill: each function derived rule by rule, each answer checked against secant slopes."""

from __future__ import annotations

import re

import numpy as np
from manim import (DOWN, LaggedStart, LEFT, ORIGIN, RIGHT, UP, ApplyFunction, Create, Dot, FadeIn, FadeOut, FadeToColor, Indicate, Line, RoundedRectangle,
                   SurroundingRectangle, VGroup, ValueTracker, Write, config)

from calcviz import Function, derivatives, rules
from calcviz.view import nice_step, value_window
from scenes.kit.choreography import value_to
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, DERIVATIVE, EDGE, FOREGROUND, LABEL_SIZE, MUTED, SECANT, SMALL_SIZE, WORKING_SIZE, formula, words
from scenes.kit.palette import colour_name
from scenes.kit.numbers import number_tex, written_decimals
from scenes.kit.plotting import graph, make_axes, to_scene
from scenes.kit.readouts import live_readout

AXES_WIDTH = 6.0
AXES_HEIGHT = 4.9
BOARD_RIGHT = 0.45  # the derivation's column ends here; the check plot is to its right
LABEL_TOP = 2.8  # f(x) = ... under the header
BOARD_TOP = 2.2
CARD_TOP = -1.45  # the rule card, under the board, ends EDGE above the frame's bottom
BOARD_BOTTOM = CARD_TOP + 0.25  # rows stay this far above the card
ORDINALS = ("first", "second", "third", "fourth", "fifth")
SIMPLIFY = "simplify"


def split_at(text: str, part: str) -> list[str]:
    """``text`` cut around the first ``part``: [before, part, after] (['', text, ''] kept as three pieces)."""
    i = text.find(part)
    if i < 0:
        return [text, "", ""]
    return [text[:i], part, text[i + len(part):]]


LEAF_RULES = ("power rule", "constant rule")  # rules that finish a derivative: merged into the step before them
STEP_TIME = 3.0  # seconds each step of a brisk function stays at least, to be read


class MergedStep:
    """Steps shown as one: the first step's rewrite carried through the leaf rules that finish it, e.g. the sum
    rule on d/dx(x^2 + 1), then the power and constant rules, shown as d/dx(x^2 + 1) = 2x + 0."""

    outer_rule = None

    def __init__(self, steps, result: str) -> None:
        self.names = tuple(dict.fromkeys(step.rule for step in steps))
        self.rule = self.names[0]
        self.before_latex, self.after_latex = steps[0].before_latex, steps[-1].after_latex
        self.target_latex, self.result_latex = steps[0].target_latex, result
        self.rewrite_latex = f"{self.target_latex} = {result}"


def bare(tex: str) -> str:
    """``tex`` without one pair of \\left( \\right) round all of it."""
    if tex.startswith(r"\left(") and tex.endswith(r"\right)"):
        inner = tex[len(r"\left("):-len(r"\right)")]
        if inner.count(r"\left(") == inner.count(r"\right)"):
            return inner
    return tex


def merge_leaves(steps) -> list:
    """``steps`` with each step that leaves pending derivatives only leaf rules finish (power, constant) merged
    with those leaf steps, when they rewrite nothing outside its result: fewer, slower steps on the board."""
    merged, i = [], 0
    while i < len(steps):
        step, done = steps[i], None
        if step.rule != SIMPLIFY and step.outer_rule is None and step.rule not in LEAF_RULES:
            before, target = step.before_latex, step.target_latex
            at = before.find(target)
            head, tail = before[:at], before[at + len(target):]
            for j in range(i + 1, len(steps)):
                if steps[j].rule not in LEAF_RULES:
                    break
                after = steps[j].after_latex
                if at < 0 or not (after.startswith(head) and after.endswith(tail)):
                    break
                result = after[len(head):len(after) - len(tail)]
                if r"\frac{d}{dx}" not in result:
                    done = (j, bare(result))
                    break
        if done:
            merged.append(MergedStep(steps[i:done[0] + 1], done[1]))
            i = done[0] + 1
        else:
            merged.append(step)
            i += 1
    return merged


def rule_list(names) -> str:
    """"sum, power and constant rules" from their names."""
    short = [name.removesuffix(" rule") for name in names]
    return (", ".join(short[:-1]) + " and " + short[-1]) + " rules"


SUMMARY_COLUMN = 5  # more rules than this: the closing list in two columns
SHORT_REWRITE = 40  # a rewrite this short (in LaTeX characters) is read out; a longer one is only named


def step_said(step, k: int, brisk: bool = False) -> str:
    """What the voice says while a step is written: its rule (and a chain rule step's outer rule), and the
    rewrite itself when it is short enough to hear (``brisk``: fewer words, for the drill's later functions)."""
    if step.rule == SIMPLIFY:
        return "Then tidy up." if brisk else "Finally, tidy up."
    lead = "First" if k == 0 else "Then"
    if isinstance(step, MergedStep):
        return f"The {rule_list(step.names)}: ${step.result_latex}$."  # one caption line: no break in the list
    if step.outer_rule:
        return f"{lead} the {step.rule}, with the {step.outer_rule} outside."
    if brisk and len(step.rewrite_latex) <= SHORT_REWRITE:  # the result the new row shows where the box was
        return f"{lead} the {step.rule} gives ${step.rewrite_latex.split('=')[-1].strip()}$."
    if len(step.rewrite_latex) <= SHORT_REWRITE:
        said = re.sub(r"(\d) \\frac\{d\}\{dx\}", r"\1 \\cdot \\frac{d}{dx}", step.rewrite_latex)  # 2·d/dx x, not 2d/dx x
        said = re.sub(r"\\frac\{d\}\{dx\}\\left\(([^()]*)\\right\)", r"\\frac{d}{dx} \1", said)  # d/dx x², not "of of"
        return f"{lead} the {step.rule}: ${said}$."
    return f"{lead}, on the boxed part, the {step.rule}."  # said while the box is up: it goes as the new row comes


def shown_latex(f: Function) -> str:
    """f's LaTeX with the natural logarithm written ln, as the board writes it."""
    return f.latex.replace(r"\log", r"\ln")


class DifferentiationDrill(LectureScene):
    """Three to five functions: the rules named one at a time on the board, each beside its general form,
    then f' against secant slopes."""

    def construct(self) -> None:
        p = self.params
        functions = p.parsed_functions()
        self.left = -config.frame_width / 2 + EDGE
        self.card, self.gone = None, []
        self.board_bottom = BOARD_BOTTOM  # rows stay above this (the combined card of a brisk function is taller)

        first = functions[0]
        first_steps = rules.derivative_steps(first)
        self.beat("The first function")
        header = self.show_title()
        plot = self.function_plot(first, 0)
        self.play(Create(plot[0]), run_time=self.t(1.0))  # the axes, silently, before the voice
        self.say(f"Time for a drill. The first function is $f(x) = {shown_latex(first)}$.",
                 [Create(plot[1]), Write(plot[2]), FadeIn(plot[3])])

        self.beat("Rule by rule")
        rows = self.board_rows(first_steps)
        self.say("Its derivative is taken one rule at a time, from the outside in.", Write(rows[0]))
        for k, step in enumerate(first_steps):
            self.say(step_said(step, k), *self.apply(rows, k, step, brisk=False))

        self.beat("Check with secants")
        h_values = p.h_values
        h = ValueTracker(h_values[0])
        check = self.secant_check(plot, first, h, live=True)
        result = self.result_box(rows)
        self.say(f"Is it right? Plot this formula in {colour_name(DERIVATIVE)}.",
                 [FadeOut(self.card), Create(result)], [Create(check[0]), FadeIn(check[2][0]), FadeIn(check[2][1])])
        self.say(f"Then the slopes of secants of $f$, over a width $h = {number_tex(h_values[0], 'step')}$.",
                 [FadeIn(check[1], lag_ratio=0.1), FadeIn(check[2][2])])
        self.card = None
        shrink = ", then ".join(f"${number_tex(v, 'step')}$" for v in h_values[1:])
        self.say(f"As $h$ shrinks to {shrink}, the secant slopes land on the curve.",
                 *[value_to(h, v, 2.0) for v in h_values[1:]], Indicate(check[0], color=DERIVATIVE, scale_factor=1.03))
        self.board = VGroup(self.on_board(rows), result)

        for index, f in enumerate(functions[1:], start=1):
            steps = merge_leaves(rules.derivative_steps(f))
            self.beat(f"Function {index + 1}")
            old = VGroup(self.board, plot, check)
            plot = self.function_plot(f, index)
            rows = self.board_rows(steps)
            self.say(f"The {ORDINALS[index]} function is $f(x) = {shown_latex(f)}$.",
                     FadeOut(old, run_time=0.6), [FadeIn(plot[0]), FadeIn(plot[2]), FadeIn(plot[3]), Create(plot[1]), Write(rows[0])])
            used_here = rules.rules_used(f)
            self.card = self.rules_card(used_here)
            self.board_bottom = self.card.get_top()[1] + 0.25
            for k, step in enumerate(steps):  # each rule said as it is written, the card lighting it
                opening = [FadeIn(self.card, shift=0.1 * UP, run_time=0.45)] if k == 0 else []
                self.say(step_said(step, k, brisk=True), *opening, *self.apply(rows, k, step, brisk=True))
            result = self.result_box(rows)
            self.board = VGroup(self.on_board(rows), result)
            check = self.secant_check(plot, f, ValueTracker(h_values[-1]), live=False)
            self.say(f"Its secant slopes, with $h = {number_tex(h_values[-1], 'step')}$, sit on the derivative again.",
                     [FadeOut(self.card), Create(result)], [Create(check[0]), FadeIn(check[2])], FadeIn(check[1], lag_ratio=0.1))
            self.card = None

        used = tuple(dict.fromkeys(name for f in functions for name in rules.rules_used(f)))
        self.beat("The rules")
        summary = self.rule_summary(used)
        self.say(f"That drill used these {len(used)} rules, one at a time.",
                 [FadeOut(VGroup(self.board, plot, check)), FadeIn(summary[0])],
                 LaggedStart(*[FadeIn(row, shift=0.1 * RIGHT) for row in summary[1]], lag_ratio=0.35, run_time=2.5),
                 LaggedStart(*[Indicate(row, color=ACCENT, scale_factor=1.0) for row in summary[1]], lag_ratio=0.4))

    # ------------------------------------------------------------------ the picture
    def function_plot(self, f: Function, index: int) -> VGroup:
        """Axes at the right, f's graph on them, its formula at the top of the board, and which function it is."""
        p = self.params
        lo, hi = p.interval
        xs = np.linspace(lo, hi, 400)
        y_window = value_window(np.concatenate([f(xs), f.derivative()(xs)]))
        axes = make_axes((lo, hi, nice_step(hi - lo)), y_window, AXES_WIDTH, AXES_HEIGHT)
        axes.to_edge(RIGHT, buff=EDGE).to_edge(DOWN, buff=EDGE + 0.2)
        curve = graph(axes, f, color=p.function_color)
        label = formula(rf"f(x) = {shown_latex(f)}", color=p.function_color)
        label.next_to([self.left, LABEL_TOP, 0], RIGHT, buff=0)
        self.fit_width(label, BOARD_RIGHT - self.left)
        count = words(f"function {index + 1} of {len(p.functions)}", size=30, color=MUTED)
        count.to_edge(RIGHT, buff=EDGE).set_y(LABEL_TOP + 0.6)
        return VGroup(axes, curve, label, count)

    # ------------------------------------------------------------------ the board
    def board_rows(self, steps) -> list:
        """One row per state of the board (the pending derivative the next rule rewrites in ACCENT), the last
        f' in DERIVATIVE colour; each row at full size under the one before (the board scrolls when full)."""
        rows = []
        for k, step in enumerate(steps):
            if step.rule == SIMPLIFY:  # the whole board is tidied: nothing in it is singled out
                rows.append(board_row("f'(x)" if k == 0 else "", step.before_latex, "", ""))
                continue
            before, target, after = split_at(step.before_latex, step.target_latex)
            rows.append(board_row("f'(x)" if k == 0 else "", before, target, after))
        rows.append(board_row("f'(x)", steps[-1].after_latex, "", "", color=DERIVATIVE))
        width = BOARD_RIGHT - self.left
        for row in rows:
            if row.width > width:
                row.scale(width / row.width)
        rows[0].next_to([self.left, BOARD_TOP, 0], DOWN + RIGHT, buff=0)
        for previous, row in zip(rows, rows[1:]):
            row.next_to(previous, DOWN, buff=0.3)
            row.shift((rows[0].equals.get_left()[0] - row.equals.get_left()[0]) * RIGHT)
            if row.get_right()[0] > BOARD_RIGHT:
                row.shift((BOARD_RIGHT - row.get_right()[0]) * RIGHT)
        for row in rows:
            row.home = row.get_center().copy()  # where it sits before the board scrolls
        self.offset = 0.0  # how far the board has scrolled up
        return rows

    def apply(self, rows: list, k: int, step, brisk: bool) -> list:
        """The steps of one rule: its card and a box round the derivative it rewrites, then the new row (the board
        scrolling up, its top rows leaving, when the new row would reach the card)."""
        target = rows[k].target
        box = SurroundingRectangle(target, color=ACCENT, buff=0.06) if target is not None else None
        if brisk:  # one card with every rule of this function: the rule used now lights up, the others dim
            lit = set(getattr(step, "names", (step.rule, step.outer_rule)))
            opening = [FadeToColor(row, ACCENT if row.rule in lit else MUTED) for row in self.card.rows]
        else:
            card = self.rule_card(step)
            opening = [FadeIn(card, shift=0.1 * UP)]
            if self.card is not None:
                opening.append(FadeOut(self.card))
            self.card = card
        if box is not None:
            opening.append(Create(box))
        new = rows[k + 1]
        overflow = max(0.0, self.board_bottom - (new.get_bottom()[1] + self.offset))
        self.offset += overflow
        new.move_to(new.home + self.offset * UP)
        scrolling = []
        for j, row in enumerate(rows[: k + 1]):  # absolute places: right whatever the order the steps play in
            if any(row is gone for gone in self.gone):
                continue
            if overflow > 0 and row.get_top()[1] - row.get_center()[1] + row.home[1] + self.offset > BOARD_TOP + 0.05:
                scrolling.append(FadeOut(row, shift=overflow * UP))
                self.gone.append(row)
            elif overflow > 0 or j == k:
                place = row.home + self.offset * UP
                scrolling.append(ApplyFunction(lambda m, place=place: m.move_to(place).set_color(MUTED), row))
        writing = [FadeIn(new, shift=0.15 * UP)]  # from below, after the rows above have moved: no overlap
        if box is not None:  # gone as the board scrolls (it would stay behind), else as the new row comes
            (scrolling if scrolling else writing).append(FadeOut(box))
        opening_time, writing_time = (0.45, 0.55) if brisk else (1.0, 1.2)
        for animation in opening:
            animation.run_time = opening_time
        for animation in scrolling:
            animation.run_time = 0.4 if brisk else 0.7
        for animation in writing:
            animation.run_time = writing_time
        tail = [scrolling, writing] if scrolling else [writing]
        if brisk:  # each step held long enough to read it (the speech may stretch it further)
            shown = max(a.run_time for a in opening) + sum(max(a.run_time for a in part) for part in tail)
            return [opening, *tail, max(0.0, STEP_TIME - shown)]
        return [opening, 0.4, *tail]

    def on_board(self, rows: list) -> VGroup:
        """The rows still on the board (not scrolled off)."""
        return VGroup(*[row for row in rows if not any(row is gone for gone in self.gone)])

    def rule_card(self, step) -> VGroup:
        """The rule's name, its general form (and the outer rule's, for a chain rule step), and this instance."""
        parts = [words(step.rule if step.rule != SIMPLIFY else "simplify", size=SMALL_SIZE, color=ACCENT)]
        if step.rule != SIMPLIFY:
            general = [rules.general_rule(step.rule)] + ([rules.general_rule(step.outer_rule)] if step.outer_rule else [])
            parts.append(formula(r"\qquad ".join(general), size=SMALL_SIZE, color=FOREGROUND))
            parts.append(formula(step.rewrite_latex, size=SMALL_SIZE, color=ACCENT))
        else:
            parts.append(words("collect the terms", size=SMALL_SIZE, color=MUTED))
        body = VGroup(*parts).arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        width = BOARD_RIGHT - self.left - 0.4
        if body.width > width:
            body.scale(width / body.width)
        height = -config.frame_height / 2 + EDGE
        room = CARD_TOP - height - 0.3
        if body.height > room:
            body.scale(room / body.height)
        frame = RoundedRectangle(width=body.width + 0.3, height=body.height + 0.3, corner_radius=0.12,
                                 stroke_color=MUTED, stroke_width=1.5, fill_color=BACKGROUND, fill_opacity=1)
        card = VGroup(frame, body)
        body.move_to(frame)
        card.next_to([self.left, CARD_TOP, 0], DOWN + RIGHT, buff=0)
        return card

    def rules_card(self, names) -> VGroup:
        """One card with every rule a function needs (name and general form), in two columns; ``.rows`` are
        the rules, each with ``.rule`` its name, all muted until :meth:`apply` lights one."""
        rows = []
        for name in names:
            row = VGroup(words(name, size=LABEL_SIZE, color=MUTED), formula(rules.general_rule(name), size=LABEL_SIZE, color=MUTED))
            row.arrange(RIGHT, buff=0.25)
            row.rule = name
            rows.append(row)
        body = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        for row in rows:  # the general forms in one column
            row[1].set_x(max(r[0].get_right()[0] for r in rows) + 0.3 + row[1].width / 2)
        width = BOARD_RIGHT - self.left - 0.4
        if body.width > width:
            body.scale(width / body.width)
        frame = RoundedRectangle(width=body.width + 0.3, height=body.height + 0.3, corner_radius=0.12,
                                 stroke_color=MUTED, stroke_width=1.5, fill_color=BACKGROUND, fill_opacity=1)
        body.move_to(frame)
        card = VGroup(frame, body)
        card.next_to([self.left, -config.frame_height / 2 + EDGE, 0], UP + RIGHT, buff=0)
        card.rows = rows
        return card

    @staticmethod
    def result_box(rows: list) -> SurroundingRectangle:
        """A box round the last row, f'(x) = the result."""
        return SurroundingRectangle(rows[-1], color=DERIVATIVE, buff=0.1)

    def rule_summary(self, used) -> VGroup:
        heading = words(f"the {len(used)} rules of this drill", size=36, color=MUTED)
        per_column = (len(used) + 1) // 2 if len(used) > SUMMARY_COLUMN else len(used)  # two columns: read at 480p
        columns = VGroup()
        for start in range(0, len(used), per_column):
            rows = VGroup()
            for name in used[start:start + per_column]:
                rows.add(VGroup(words(name, size=40, color=ACCENT), formula(rules.general_rule(name), size=40))
                         .arrange(RIGHT, buff=0.4))
            rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
            for row in rows:  # the general forms in one column
                row[1].next_to(row[0], RIGHT, buff=0.4).set_x(max(r[0].get_right()[0] for r in rows) + 0.4 + row[1].width / 2)
            columns.add(rows)
        columns.arrange(RIGHT, aligned_edge=UP, buff=1.0)
        summary = VGroup(heading, columns).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        room = config.frame_height - 2 * EDGE - 1.0
        if summary.height > room:
            summary.scale(room / summary.height)
        if summary.width > config.frame_width - 2 * EDGE:
            summary.scale_to_fit_width(config.frame_width - 2 * EDGE)
        summary.move_to([0, -0.3, 0])
        return summary

    @staticmethod
    def fit_width(mob, width: float) -> None:
        """Shrink ``mob`` (placed at the board's left edge) to the board's width, keeping its left edge."""
        if mob.width > width:
            mob.scale(width / mob.width, about_point=mob.get_left())

    # ------------------------------------------------------------------ the check
    def secant_check(self, plot: VGroup, f: Function, h: ValueTracker, live: bool) -> VGroup:
        """f' on the plot, dots at the secant slopes (f(x+h) - f(x))/h and a legend; the dots follow ``h`` if ``live``."""
        p = self.params
        axes = plot[0]
        lo, hi = p.interval
        xs = np.linspace(lo, hi - max(p.h_values), p.samples)
        (y0, y1, _) = axes.y_range
        df_curve = graph(axes, f.derivative(), color=DERIVATIVE)

        def place(dots):
            slopes = derivatives.secant_slopes(f, xs, h.get_value())
            inside = (y0 <= slopes) & (slopes <= y1)  # a slope off the plot hides its dot
            centers = to_scene(axes, np.column_stack([xs, np.where(inside, slopes, y0)]))
            for dot, center, shown in zip(dots, centers, inside):
                dot.move_to(center)
                if dot.get_fill_opacity() != float(shown):
                    dot.set_opacity(float(shown))

        dots = VGroup(*[Dot(radius=0.06, color=SECANT).set_z_index(2) for _ in xs])
        place(dots)
        legend = self.legend(h, live)
        if live:  # the dots and h's readout follow h, and rest with it
            dots.add_updater(place)
            self.tie(h, dots, legend)
        legend.next_to(axes, UP, buff=0.15).to_edge(RIGHT, buff=EDGE)
        return VGroup(df_curve, dots, legend)

    def legend(self, h: ValueTracker, live: bool) -> VGroup:
        swatch = Line(ORIGIN, 0.45 * RIGHT, color=DERIVATIVE, stroke_width=4)
        derivative_row = VGroup(swatch, formula(r"f'(x)", size=30, color=DERIVATIVE)).arrange(RIGHT, buff=0.15)
        secant_label = formula(r"\frac{f(x+h) - f(x)}{h},\ h =", size=30, color=SECANT)
        value = live_readout(h.get_value, decimals=written_decimals(self.params.h_values), size=30, color=SECANT)
        if not live:
            value.clear_updaters()
        secant_row = VGroup(Dot(radius=0.06, color=SECANT), secant_label, value).arrange(RIGHT, buff=0.15)
        function_row = VGroup(Line(ORIGIN, 0.45 * RIGHT, color=self.params.function_color, stroke_width=4),
                              formula(r"f(x)", size=30, color=self.params.function_color)).arrange(RIGHT, buff=0.15)
        return VGroup(function_row, derivative_row, secant_row).arrange(RIGHT, buff=0.4)


def board_row(head: str, before: str, target: str, after: str, color: str = FOREGROUND):
    """``head = before target after`` as one formula, with ``.equals`` (the "=") and ``.target`` (in ACCENT, or None)."""
    parts = [part for part in (head, "=", before, target, after) if part]
    row = formula(*parts, size=WORKING_SIZE, color=color)
    row.equals = row[parts.index("=")]
    row.target = None
    if target:
        row.target = row[parts.index(target, parts.index("=") + 1)]
        row.target.set_color(ACCENT)
    return row
