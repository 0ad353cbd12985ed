"""Week 3 -- a differentiation drill: each function derived rule by rule, each answer checked against secant slopes."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Line, VGroup, ValueTracker, Write, config

from calcviz import Function, derivatives, rules
from calcviz.view import nice_step, value_window
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, DERIVATIVE, EDGE, FOREGROUND, MUTED, SECANT, formula, words
from scenes.kit.plotting import graph, make_axes, to_scene
from scenes.kit.readouts import live_readout

AXES_WIDTH = 5.6
AXES_HEIGHT = 4.2
BOARD_RIGHT = 0.7  # the derivation's column ends here; the check plot is to its right
BOARD_TOP = 2.1
RULE_TOP = -2.55  # the rule being applied is named below the derivation
ROW_SIZE = 34
ORDINALS = ("first", "second", "third", "fourth", "fifth")
def spoken_rules(names) -> str:
    """'the product rule, then the chain rule' (plain words for the voice; tidying up is no rule)."""
    said = [f"the {name}" for name in dict.fromkeys(names) if name != "simplify"]
    return said[0] if len(said) == 1 else ", then ".join(said)


def split_at(text: str, part: str) -> list[str]:
    """``text`` cut around the first ``part``: [before, part, after] (['', text, ''] kept as three pieces)."""
    i = text.find(part)
    if i < 0:
        return [text, "", ""]
    return [text[:i], part, text[i + len(part):]]


class DifferentiationDrill(LectureScene):
    """Three to five functions: the rules named one at a time on the board, then f' against secant slopes."""

    def construct(self) -> None:
        p = self.params
        functions = p.parsed_functions()
        left = -config.frame_width / 2 + EDGE
        self.beat("Title", "Time for a drill. We take a few functions apart one rule at a time, "
                           "and then check every answer against a picture.")
        header = self.show_title()

        first = functions[0]
        first_steps = rules.derivative_steps(first)
        self.beat("The first function", "Here is the first function. Its derivative is the slope of this curve at every "
                                        "point, and the rules will give us its formula.")
        plot = self.show_function(first, 0, left)
        self.pause(2)

        self.beat("Rule by rule", f"We work from the outside in: {spoken_rules(s.rule for s in first_steps)}. "
                                  "Each step rewrites the highlighted derivative, and nothing else.")
        board = self.derive(first, first_steps, left, brisk=False)
        self.pause(1.5)

        h_values = p.h_values
        self.beat("Check with secants", "Is it right? Plot the formula, and with it the slopes of secants of f over a "
                                        "width h. As h shrinks, the secant slopes land on the curve.")
        h = self.check_with_secants(plot, first, h_values[0])
        for value in h_values[1:]:
            self.play(h.animate.set_value(value), run_time=self.t(2.2))
            self.pause(0.8)
        self.pause(1.5)

        for index, f in enumerate(functions[1:], start=1):
            steps = rules.derivative_steps(f)
            self.beat(f"Function {index + 1}", f"The {ORDINALS[index]} one needs {spoken_rules(s.rule for s in steps)}. "
                                               "Then the same check: the secant slopes sit on the derivative.")
            self.clear_all_but(header, run_time=self.t(0.8))
            plot = self.show_function(f, index, left, brisk=True)
            board = self.derive(f, steps, left, brisk=True)
            self.check_with_secants(plot, f, h_values[-1], brisk=True)
            self.pause(2)

        used = rules.rules_used(functions[0])
        for f in functions[1:]:
            used = tuple(dict.fromkeys(used + rules.rules_used(f)))
        self.beat("The rules", f"That drill used {len(used)} rules. Every formula built from these pieces comes apart "
                               "the same way, one rule at a time, and a few secants check the answer.")
        summary = VGroup(*[words(name, size=30, color=ACCENT) for name in used]).arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        heading = words("the rules of this drill", size=30, color=MUTED)
        VGroup(heading, summary).arrange(DOWN, aligned_edge=LEFT, buff=0.3).next_to([left, BOARD_TOP + 1.0, 0], DOWN + RIGHT, buff=0)
        self.play(FadeOut(board), FadeOut(plot[2]), FadeOut(plot[3]), run_time=self.t(0.8))
        self.play(FadeIn(heading), run_time=self.t(0.8))
        for name in summary:
            self.play(FadeIn(name, shift=0.1 * RIGHT), run_time=self.t(0.5))
            self.pause(0.4)
        self.pause(2.5)

    # ------------------------------------------------------------------ the picture
    def show_function(self, f: Function, index: int, left: float, brisk: bool = False) -> VGroup:
        """f's graph on fresh axes at the right, and its formula at the top of the board."""
        p = self.params
        lo, hi = p.interval
        xs = np.linspace(lo, hi, 400)
        y_window = value_window(np.concatenate([f(xs), f.derivative()(xs)]))
        axes = make_axes((lo, hi, nice_step(hi - lo)), y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(RIGHT + DOWN, buff=EDGE)
        curve = graph(axes, f, color=p.function_color)
        label = formula(rf"f(x) = {f.latex}", color=p.function_color)
        count = words(f"{index + 1} of {len(p.functions)}", size=26, color=MUTED)
        label.next_to([left, BOARD_TOP + 0.75, 0], RIGHT, buff=0)
        count.to_edge(RIGHT, buff=EDGE).align_to(label, DOWN)
        self.fit_width(label, BOARD_RIGHT - left)
        plot = VGroup(axes, curve, label, count)
        if brisk:
            self.play(FadeIn(axes), FadeIn(label), FadeIn(count), run_time=self.t(0.8))
            self.play(Create(curve), run_time=self.t(1))
        else:
            self.play(Create(axes), FadeIn(count), run_time=self.t(1.2))
            self.play(Create(curve), Write(label), run_time=self.t(1.8))
        return plot

    # ------------------------------------------------------------------ the board
    def derive(self, f: Function, steps, left: float, brisk: bool) -> VGroup:
        """Write the derivation row by row: each row's pending derivative highlighted, its rule named below."""
        rows = self.board_rows(f, steps, left)
        rule_names = [words(step.rule, size=32, color=ACCENT) for step in steps]
        rewrites = [formula(step.rewrite_latex, size=30, color=ACCENT) for step in steps]
        for name, rewrite in zip(rule_names, rewrites):
            name.next_to([left, RULE_TOP, 0], DOWN + RIGHT, buff=0)
            rewrite.next_to(name, DOWN, aligned_edge=LEFT, buff=0.18)
            self.fit_width(rewrite, BOARD_RIGHT - left)
        board = VGroup(rows[0])
        self.play(Write(rows[0]), run_time=self.t(1 if brisk else 1.6))
        for k, step in enumerate(steps):
            shown = VGroup(rule_names[k], rewrites[k])
            self.play(FadeIn(shown, shift=0.1 * UP), run_time=self.t(0.6 if brisk else 1))
            self.pause(0.6 if brisk else 1.8)
            self.play(rows[k].animate.set_color(MUTED), FadeIn(rows[k + 1], shift=0.15 * DOWN), run_time=self.t(0.7 if brisk else 1.2))
            self.play(FadeOut(shown), run_time=self.t(0.3 if brisk else 0.5))
            board.add(rows[k + 1])
        return board

    def board_rows(self, f: Function, steps, left: float) -> list:
        """One row per state of the board, the pending derivative that the next rule rewrites in ACCENT;
        the last row is f' in DERIVATIVE colour.  All built up front: no LaTeX while the clip plays."""
        rows = []
        for k, step in enumerate(steps):
            before, target, after = split_at(step.before_latex, rule_target_latex(step))
            rows.append(board_row("f'(x)" if k == 0 else "", before, target, after))
        rows.append(board_row("", steps[-1].after_latex, "", "", color=DERIVATIVE))
        column = VGroup(*rows)
        column.arrange(DOWN, buff=0.28)
        for row in rows[1:]:
            row.shift((rows[0].equals.get_left()[0] - row.equals.get_left()[0]) * RIGHT)
        column.next_to([left, BOARD_TOP, 0], DOWN + RIGHT, buff=0)
        room_width, room_height = BOARD_RIGHT - left, BOARD_TOP - RULE_TOP - 0.3
        scale = min(1.0, room_width / column.width, room_height / column.height)
        column.scale(scale, about_point=column.get_corner(UP + LEFT))
        return rows

    @staticmethod
    def fit_width(mob, width: float) -> None:
        """Shrink ``mob`` (placed at the board's left edge) to the board's width, keeping its left edge."""
        if mob.width > width:
            mob.scale(width / mob.width, about_point=mob.get_left())

    # ------------------------------------------------------------------ the check
    def check_with_secants(self, plot: VGroup, f: Function, h0: float, brisk: bool = False) -> ValueTracker:
        """f' drawn on the plot, with dots at the secant slopes (f(x+h) - f(x))/h; returns the tracker for h."""
        p = self.params
        axes = plot[0]
        lo, hi = p.interval
        xs = np.linspace(lo, hi - max(p.h_values), p.samples)
        (y0, y1, _) = axes.y_range
        h = ValueTracker(h0)
        df_curve = graph(axes, f.derivative(), color=DERIVATIVE)

        def place(dots):
            slopes = derivatives.secant_slopes(f, xs, h.get_value())
            inside = (y0 <= slopes) & (slopes <= y1)  # a slope off the plot hides its dot
            centers = to_scene(axes, np.column_stack([xs, np.where(inside, slopes, y0)]))
            for dot, center, shown in zip(dots, centers, inside):
                dot.move_to(center)
                if dot.get_fill_opacity() != float(shown):
                    dot.set_opacity(float(shown))

        dots = VGroup(*[Dot(radius=0.055, color=SECANT).set_z_index(2) for _ in xs])
        place(dots)
        legend = self.legend(h, brisk)
        if not brisk:  # only the first function's h moves: the dots and h's readout follow it, and rest with it
            dots.add_updater(place)
            self.tie(h, dots, legend)
        legend.next_to(axes, UP, buff=0.25).to_edge(RIGHT, buff=EDGE)
        plot.add(df_curve, dots, legend)
        self.play(Create(df_curve), FadeIn(legend[0]), run_time=self.t(1 if brisk else 1.5))
        self.play(FadeIn(dots, lag_ratio=0.1), FadeIn(legend[1]), run_time=self.t(0.8 if brisk else 1.5))
        return h

    @staticmethod
    def legend(h: ValueTracker, brisk: bool) -> VGroup:
        swatch = Line(ORIGIN, 0.45 * RIGHT, color=DERIVATIVE, stroke_width=4)
        derivative_row = VGroup(swatch, formula(r"f'(x)", size=28, color=DERIVATIVE)).arrange(RIGHT, buff=0.15)
        secant_label = formula(r"\frac{f(x+h) - f(x)}{h},\ h =", size=28, color=SECANT)
        value = live_readout(h.get_value, decimals=2, size=28, color=SECANT)
        if brisk:
            value.clear_updaters()
        secant_row = VGroup(Dot(radius=0.055, color=SECANT), secant_label, value).arrange(RIGHT, buff=0.15)
        return VGroup(derivative_row, secant_row).arrange(DOWN, aligned_edge=LEFT, buff=0.15)


def board_row(head: str, before: str, target: str, after: str, color: str = FOREGROUND):
    """``head = before target after`` as one formula, with ``.equals`` (the "=") and the target in ACCENT."""
    parts = [part for part in (head, "=", before, target, after) if part]
    row = formula(*parts, size=ROW_SIZE, color=color)
    row.equals = row[parts.index("=")]
    if target:
        row[parts.index(target, parts.index("=") + 1)].set_color(ACCENT)
    return row


def rule_target_latex(step) -> str:
    """LaTeX of the derivative this step rewrites, as it appears inside ``step.before``."""
    return step.target_latex
