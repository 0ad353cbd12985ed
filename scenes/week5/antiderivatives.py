"""Week 5 -- antiderivatives: a family F + C of shifted curves, a slope field, and no guarantee of a formula.

One idea: the antiderivatives of f are a family. Substitution is left to a clip of its own: here it had no
picture and crowded the family out."""

from __future__ import annotations

import numpy as np
import sympy
from manim import DOWN, LEFT, RIGHT, UP, UR, Create, Dot, FadeIn, FadeOut, Indicate, Line, MoveToTarget, ReplacementTransform, ValueTracker, VGroup, VMobject, Write, config

from calcviz import Function, exact, integrals, latex, rules
from calcviz.antiderivatives import SPECIAL_FUNCTIONS
from calcviz.power_rule_work import POWER_RULE_LATEX
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, EDGE, FOREGROUND, MUTED, POWER_SIZE, TANGENT, TICK_SIZE, formula, words
from scenes.kit.palette import FAMILY
from scenes.kit.plotting import SignedArea, fixed_map, graph, make_axes, move_line, segments, window_for
from scenes.kit.readouts import live_row
from calcviz.view import nice_step, value_window

AXES_WIDTH = 7.4
TOP_HEIGHT = 2.3
BOTTOM_HEIGHT = 3.3
FAMILY_COLOR = FAMILY  # the members of F + C before one is picked out
TICK_LENGTH = 0.5  # scene length of a tangent piece and of a slope-field mark
FIELD_COLUMNS, FIELD_ROWS = 13, 7
STEP_NAME_SIZE = 30  # the rule named above each line of working: read at 480p
STEP_NAME_COLOR = FOREGROUND
SLIDE_DECIMALS = 2  # x slides to a round end: 2.00, never a 1.997 still read as the end


class Antiderivatives(LectureScene):
    """F with F' = f, its shifts F + C with equal slopes, a slope field, an initial condition, and erf."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        F = integrals.antiderivative(f)
        steps = integrals.antiderivative_steps(f)

        self.beat("Undo the derivative")
        self.header = self.show_title()
        x_window, y_window = window_for(f, lo, hi)
        family = [Function(F.expr + exact(c)) for c in p.constants]
        xs = np.linspace(lo, hi, 400)
        bottom_window = value_window(np.concatenate([member(xs) for member in family]))
        top = make_axes(x_window, y_window, AXES_WIDTH, TOP_HEIGHT, y_label="f").to_edge(LEFT, buff=EDGE).set_y(1.65)
        bottom = make_axes(x_window, bottom_window, AXES_WIDTH, BOTTOM_HEIGHT, y_label="F").to_edge(LEFT, buff=EDGE).set_y(-2.0)
        bottom.shift((top.c2p(lo, 0)[0] - bottom.c2p(lo, 0)[0]) * RIGHT)  # x straight above x
        for axes in (top, bottom):
            for numbers in (axes.x_axis.numbers, axes.y_axis.numbers):
                numbers.set_z_index(2).set_stroke(BACKGROUND, width=5, background=True)  # readable over the strokes
        panel = Panel(left=top.get_right()[0] + 0.5, top=config.frame_height / 2 - EDGE - 0.1)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        f_curve = graph(top, f, color=p.function_color)
        goal = panel.place(formula(r"F'(x) = f(x)\ ?", size=30, color=MUTED), buff=0.2)
        self.play(Create(top), Create(f_curve), run_time=self.t(1.0))
        self.say(f"Run differentiation backwards: given $f(x) = {said(f.latex)}$, find an $F$ with $F' = f$.",
                 Write(f_label), Indicate(f_curve, color=p.function_color, scale_factor=1.0), Write(goal))

        self.beat("Working it out")
        lines = VGroup(goal)
        constants = 0  # each integral worked out carries its own constant: C_1, C_2, ... (never an equality without one)
        for step in steps:
            if step.rule == "simplify":
                continue
            rule = "reverse power rule" if step.rule == "power rule" else step.rule  # as the voice says it
            leaf = not step.result.has(sympy.Integral)
            constants += leaf
            written = (step.written_order_latex if step.rule == "sum rule" else step.rewrite_latex) + (rf" + C_{{{constants}}}" if leaf else "")
            # the reverse power rule is written before it is applied, not only named
            name = words(rule + (":" if step.rule == "power rule" else ""), size=STEP_NAME_SIZE, color=STEP_NAME_COLOR)
            if step.rule == "power rule":
                name = VGroup(name, formula(POWER_RULE_LATEX + r",\quad n \neq -1", size=STEP_NAME_SIZE)).arrange(DOWN, aligned_edge=LEFT, buff=0.1)  # the rule on a line of its own: full size
            line = VGroup(name, formula(written, size=30)).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            panel.place(line, buff=0.25)
            lines.add(line)
            self.say(step_sentence(step, constants if leaf else None), FadeIn(line[0]), Write(line[1]), Indicate(line[1], scale_factor=1.05))
        chosen_zero = "the constant"
        if constants > 1:  # the pieces added up: their constants sum to one constant C, said and shown
            sum_tex = " + ".join(f"C_{{{k}}}" for k in range(1, constants + 1))
            merged = VGroup(formula(rf"\int f\,dx = {F.latex} + {sum_tex}", size=30),
                            formula(rf"= {F.latex} + C, \quad C = {sum_tex}", size=30)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            merged[1].shift(RIGHT * (merged[0][0][4].get_left()[0] - merged[1][0][0].get_left()[0]))  # = under the first =
            panel.place(merged, buff=0.3)
            self.say(f"Add the results: ${sum_tex}$ is a sum of constants, so it is one constant, $C$.",
                     Write(merged[0]), Write(merged[1]))
            chosen_zero = "$C$"
            # the working is done with: the merged line moves up under f, F goes under it
            merged.generate_target()
            merged.target.next_to(f_label, DOWN, buff=0.3).align_to(f_label, LEFT)
            F_label = formula(rf"F(x) = {F.latex}", color=ACCENT).next_to(merged.target, DOWN, buff=0.35).align_to(f_label, LEFT)
            tidy, leftovers = [[FadeOut(lines), MoveToTarget(merged)]], merged
        else:
            F_label = panel.place(formula(rf"F(x) = {F.latex}", color=ACCENT), buff=0.35)
            tidy, leftovers = [], lines
        F_curve = graph(bottom, F, color=ACCENT, width=5)
        self.say(f"Take {chosen_zero} as $0$: $F(x) = {said(F.latex)}$, drawn below.", *tidy, Write(F_label), [Create(bottom), Create(F_curve)])
        worked = [step for step in rules.derivative_steps(Function(F.text)) if step.rule != "simplify"]
        derivative = F.derivative().latex
        check_lines = VGroup(formula(rf"F'(x) = {worked[0].after_latex}", size=POWER_SIZE),
                             *([formula(rf"= {worked[-1].after_latex}", size=POWER_SIZE)] if len(worked) > 1 else []),
                             formula(rf"= {derivative} = f(x)", size=POWER_SIZE)).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        for line in check_lines[1:]:
            line.shift(RIGHT * (check_lines[0][0][5].get_left()[0] - line[0][0].get_left()[0]))  # every = under the first
        check = formula(rf"F'(x) = {derivative} = f(x)", size=POWER_SIZE)
        self.say("Check: differentiate it term by term, and $f$ comes back.",
                 [FadeOut(leftovers), F_label.animate.next_to(f_label, DOWN, buff=0.3).align_to(f_label, LEFT)],
                 lambda: panel.place(check_lines, below=F_label, buff=0.3), *[Write(line) for line in check_lines])
        check.move_to(check_lines, aligned_edge=UP + LEFT)

        self.beat("A whole family")
        curves = VGroup(*[graph(bottom, member, color=FAMILY_COLOR, width=3) for member in family])
        general = panel.place(formula(r"F(x) + C", color=FAMILY_COLOR), below=check, buff=0.4)
        self.say("But $0$ was only a choice: any other constant $C$ shifts the curve up or down.",
                 [ReplacementTransform(check_lines, check), Write(general)], [Create(curves, lag_ratio=0.2), F_curve.animate.set_stroke(opacity=0.5)])
        x = ValueTracker(lo + 0.1 * (hi - lo))
        marks = self.tangent_marks(top, bottom, f, family, x)
        x_row = live_row("x =", x.get_value, SLIDE_DECIMALS, MUTED)
        slope_row = live_row("\\text{every slope} = f(x) =", lambda: f(round(x.get_value(), SLIDE_DECIMALS)), SLIDE_DECIMALS, TANGENT)  # the slope at the x shown
        panel.place(VGroup(x_row, slope_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2), buff=0.35)
        self.say("Every member has the same slope at each $x$: $f(x)$.",
                 [FadeIn(marks), FadeIn(x_row), FadeIn(slope_row)], value_to(x, hi - 0.1 * (hi - lo), 6))

        self.beat("The slope field")
        field = self.slope_field(bottom, f)
        self.say("Draw strokes of slope $f(x)$ everywhere: every member follows them.",
                 lambda: [mob.clear_updaters() for mob in marks],
                 [FadeOut(marks), FadeOut(x_row), FadeOut(slope_row), curves.animate.set_stroke(opacity=0.45)],
                 Create(field, lag_ratio=0.01))

        x0, y0 = p.initial_point
        constant = exact(y0) - F.exact(x0)
        chosen = Function(F.expr + constant)
        x0_tex, y0_tex = latex(exact(x0)), latex(exact(y0))
        self.beat("An initial condition")
        start = Dot(bottom.c2p(x0, y0), color=TANGENT, radius=0.08).set_z_index(3)
        condition = panel.place(formula(rf"F({x0_tex}) + C = {y0_tex}", color=TANGENT), below=general, buff=0.4)
        solved = panel.place(formula(rf"F({x0_tex}) = {latex(F.exact(x0))}, \quad C = {latex(constant)}", color=TANGENT), buff=0.25)
        shift_tex = rf"+ {latex(constant)}" if constant >= 0 else rf"- {latex(-constant)}"
        answer = panel.place(formula(rf"F(x) {shift_tex} = {chosen.latex}", color=ACCENT), buff=0.25)  # the member picked, named as one
        self.say(f"One point pins down $C$: say the curve passes through $({x0_tex}, {y0_tex})$.",
                 FadeIn(start, scale=1.5), Write(condition))
        self.say(f"Then $C = {latex(constant)}$, and exactly one member passes there.",
                 Write(solved), [Create(graph(bottom, chosen, color=ACCENT, width=5)), field.animate.set_stroke(opacity=0.35)],
                 Write(answer))

        g = p.no_elementary
        error = self.no_formula(g)
        name = error.special
        self.beat("No formula guaranteed")
        self.clear_all_but(self.header, run_time=self.t(0.8))
        primitive = Function(error.sympy_result)
        g_xs = np.linspace(lo, hi, 400)
        # g above and its family below, as f and F were: the family never crosses the area it is made of
        g_low, g_peak = min(0.0, float(g(g_xs).min())), float(g(g_xs).max())
        g_step = nice_step(g_peak - g_low, 3)
        g_window = (np.floor(g_low / g_step) * g_step, np.ceil(1.15 * g_peak / g_step) * g_step, g_step)  # headroom over the peak
        axes = make_axes((lo, hi, x_window[2]), g_window, AXES_WIDTH, TOP_HEIGHT, y_label="g").to_edge(LEFT, buff=EDGE).set_y(1.65)
        family_window = value_window(np.concatenate([primitive(g_xs) - 1, primitive(g_xs) + 1]))
        below = make_axes((lo, hi, x_window[2]), family_window, AXES_WIDTH, BOTTOM_HEIGHT, y_label="G").to_edge(LEFT, buff=EDGE).set_y(-2.0)
        below.shift((axes.c2p(lo, 0)[0] - below.c2p(lo, 0)[0]) * RIGHT)
        for plot in (axes, below):
            for numbers in (plot.x_axis.numbers, plot.y_axis.numbers):
                numbers.set_z_index(2).set_stroke(BACKGROUND, width=5, background=True)
        panel = Panel(left=axes.get_right()[0] + 0.5, top=config.frame_height / 2 - EDGE - 0.1)
        g_tex = latex(g.expr)
        g_label = panel.place(formula(rf"g(x) = {g_tex}", color=p.function_color))
        verdict = panel.place(words("no elementary antiderivative", size=30, color=MUTED), buff=0.3)
        self.play(Create(axes), Create(graph(axes, g, color=p.function_color)), Write(g_label), run_time=self.t(1.0))
        self.say("But there is no guarantee of a formula: this $g$ has no elementary antiderivative.",
                 [Indicate(g_label, color=p.function_color), FadeIn(verdict)])
        meaning = SPECIAL_FUNCTIONS.get(name, "a special function")
        definition = DEFINITIONS.get(name)
        end = 0.55 * hi
        shade = SignedArea(axes, np.linspace(0, end, 120), g(np.linspace(0, end, 120)), opacity=0.5)
        shade.set_color(ACCENT)
        # the area named as a function of x, in the column (beside the shade it was on the curve's tail and the column's words)
        area_label = panel.place(formula(rf"G(x) = \int_0^{{x}} {g_tex.replace('x', 't')}\,dt", size=30, color=ACCENT), buff=0.3)
        x_mark = formula("x", size=30, color=ACCENT).next_to(axes.c2p(end, 0), DOWN, buff=0.15)
        named = panel.place(words(f"{name}: {meaning}", size=30, color=ACCENT), buff=0.45)
        result = error.sympy_result
        members = VGroup(*[graph(below, Function(result + exact(c)), color=FAMILY_COLOR if c else ACCENT, width=4 if c else 5)
                           for c in (-1, 0, 1)])
        here = Dot(below.c2p(end, primitive(end)), color=ACCENT, radius=0.07).set_z_index(3)  # the member through 0 at x: the area itself
        # the area as a function of x, drawn below as it is named: the antiderivative through 0
        shown = [[FadeIn(shade), FadeIn(area_label), FadeIn(x_mark)], FadeIn(named), [Create(below), Create(members[1]), FadeIn(here, scale=1.5)]]
        if definition is not None:
            defined = panel.place(formula(definition, size=32, color=ACCENT), buff=0.25)
            shown[1] = [FadeIn(named), Write(defined)]
            scale = SCALES.get(name)
            if scale is not None:  # erf is the area times 2/sqrt(pi), not the area
                self.say(f"One antiderivative is this area, $G$; scaled by ${scale}$, it is {meaning}, {name}.", *shown)
            else:
                self.say(f"One antiderivative is this area, $G$: {meaning}, {name}.", *shown)
        else:
            self.say(f"Instead, its antiderivative gets a name, {name}, defined by this area from $0$ to $x$.", *shown)
        integral = panel.place(formula(rf"\int g(x)\,dx = {latex(result)} + C", color=ACCENT), buff=0.35)
        self.say("And its antiderivatives are, once more, a whole family: this curve plus any constant $C$.",
                 Write(integral), Create(VGroup(members[0], members[2]), lag_ratio=0.3), Indicate(integral, color=ACCENT))

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


SCALES = {"erf": r"\frac{2}{\sqrt{\pi}}"}  # the factor between a special function and its area

# The definitions of the special functions a non-elementary antiderivative is written with, as areas.
DEFINITIONS = {
    "erf": r"\operatorname{erf}(x) = \frac{2}{\sqrt{\pi}}\int_0^x e^{-t^2}\,dt",
    "Si": r"\operatorname{Si}(x) = \int_0^x \frac{\sin t}{t}\,dt",
}


def said(tex: str) -> str:
    """sympy's LaTeX as the voice and the captions take it: cos(x), not cos(x )."""
    return tex.replace(r" \right)", r"\right)").replace(r"\, dx", r"\,dx")


def step_sentence(step, constant: int | None = None) -> str:
    """One line of working, said: the rule, and what it does here (with its constant C_k when it ends an integral)."""
    target, result = said(step.target_latex), said(step.result_latex)
    if constant is not None:
        result += rf" + C_{{{constant}}}"
    if step.rule == "sum rule":
        return "Integrate term by term."
    if step.rule == "power rule":
        return f"By the reverse power rule, add one to the power and divide by it: ${target} = {result}$."
    if step.rule == "constant rule":
        return f"A constant: ${target} = {result}$."
    if step.rule == "constant multiple rule":
        return f"A constant factor comes out: ${target} = {result}$."
    return f"The {step.rule}: ${target} = {result}$."
