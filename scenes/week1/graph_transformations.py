"""Week 1 -- a complicated graph built from an elementary one, one shift or stretch at a time.

Told sentence by sentence: the target first, then each step as its formula and then its motion
(a change of x moves points sideways, a change of the output moves them up or down), then why the
changes inside the parentheses are drawn in reverse order, and the built graph laid on the target.
"""

from __future__ import annotations

import numpy as np
import sympy
from manim import DOWN, LEFT, RIGHT, UP, Create, DashedLine, DashedVMobject, Dot, FadeIn, FadeOut, Indicate, ValueTracker, VGroup, VMobject, Write

from calcviz import derivatives, latex, mappings
from calcviz.view import nice_step, value_window
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, EDGE, FOREGROUND, LABEL_SIZE, MUTED, SECANT, TANGENT, formula, words
from scenes.kit.palette import colour_name
from scenes.kit.plotting import axes_box, graph, make_axes, point_at, polyline_points, to_scene

AXES_WIDTH, AXES_HEIGHT = 7.4, 5.6
MOTION_SECONDS = 2.5  # one step's motion, before the sentence stretches it
SAMPLES = 600  # points of the moving graph


class GraphTransformations(LectureScene):
    """From the graph of base to that of target = a base(b(x - c)) + d, following calcviz's transform_steps."""

    def construct(self) -> None:
        p = self.params
        base, target, (lo, hi) = p.base, p.target, p.interval
        steps = mappings.transform_steps(base, target)
        stages = [mappings.apply_steps(base, steps[:k]) for k in range(len(steps) + 1)]

        self.beat("The goal")
        self.show_title()
        xs = np.linspace(lo, hi, SAMPLES)
        with np.errstate(all="ignore"):
            heights = np.concatenate([stage(xs) for stage in stages])
        axes = make_axes((lo, hi, nice_step(hi - lo)), value_window(heights[np.isfinite(heights)]), AXES_WIDTH, AXES_HEIGHT)
        axes.to_corner(LEFT + DOWN, buff=EDGE)
        for numbers in (axes.x_axis.numbers, axes.y_axis.numbers):  # the moving curves pass under the tick numbers, not over them
            for number in numbers:
                number.add_background_rectangle(color=BACKGROUND, opacity=0.9, buff=0.03)
            numbers.set_z_index(2)
        panel = Panel.beside(axes)
        goal = panel.place(VGroup(words("goal:", size=30, color=ACCENT), formula(rf"y = {target_tex(base, steps)}", color=ACCENT))
                           .arrange(RIGHT, buff=0.25))
        goal_curve = VGroup(*[DashedVMobject(piece, num_dashes=60) for piece in graph(axes, target, color=ACCENT, width=4)])
        self.play(Create(axes), run_time=0.8)  # the stage draws silently: the voice speaks over the goal's graph
        self.say(f"Our goal is the graph of $y = {target_tex(base, steps)}$.", [Write(goal), Create(goal_curve)])

        base_label = panel.place(formula(rf"f(x) = {written(base, 'x')}", color=MUTED), buff=0.4)
        form = panel.place(formula("y = f(x)", color=p.function_color), buff=0.3)
        expanded = panel.place(formula(rf"= {written(base, 'x')}", size=34, color=p.function_color), buff=0.15)
        current = graph(axes, base, color=p.function_color)
        start, kind = marked_point(base, steps, axes)
        dot = Dot(point_at(axes, float(start[0]), float(start[1])), color=FOREGROUND, radius=0.08).set_z_index(3)
        tag = point_tag(start, dot)
        ground = axes.c2p(0, 0)[1]  # a dashed drop from the point to the x-axis: where it stands between the ticks
        drop = DashedLine(np.array([dot.get_x(), ground, 0]), dot.get_center(), color=FOREGROUND, stroke_width=2, dash_length=0.08)
        drop.set_stroke(opacity=0.6)
        drop.add_updater(lambda m: m.become(DashedLine(np.array([dot.get_x(), ground, 0]), dot.get_center(), color=FOREGROUND,
                                                       stroke_width=2, dash_length=0.08).set_stroke(opacity=0.6)))
        self.say(f"We build it from one we know, $y = {written(base, 'x')}$, one change of the formula at a time.",
                 [FadeOut(goal_curve), Create(current), Write(base_label), Write(form), Write(expanded)],
                 [FadeIn(dot, scale=2), FadeIn(tag), FadeIn(drop)])

        rows, ghost, point = VGroup(), None, start
        for k, step in enumerate(steps):
            self.beat(step_chapter(step))
            new_form = formula(f"y = {f_form(steps[:k + 1])}", color=p.function_color).move_to(form, aligned_edge=LEFT)
            new_expanded = formula(rf"= {stages[k + 1].latex}", size=34, color=p.function_color).move_to(expanded, aligned_edge=LEFT)
            for mob in (new_form, new_expanded):
                if mob.width > panel.right - panel.left:
                    mob.scale_to_fit_width(panel.right - panel.left).align_to(form, LEFT)
            row = words(rf"{k + 1}.\ {row_text(step)}", size=34, color=TANGENT)
            panel.place(row, below=expanded if k == 0 else rows[-1], buff=0.4 if k == 0 else 0.15)
            rows.add(row)
            first = [FadeOut(ghost)] if ghost is not None else []
            self.say(formula_sentence(k, step, base, steps[:k + 1], last=k == len(steps) - 1),
                     first + [Write(row)], [FadeOut(form), FadeOut(expanded), FadeIn(new_form), FadeIn(new_expanded)])
            form, expanded = new_form, new_expanded

            ghost = current.copy().set_stroke(opacity=0.3)
            self.add(ghost)
            moved = mappings.move_point([step], point)
            s = ValueTracker(0.0)
            moving = moving_graph(axes, stages[k], step, s, xs, p.function_color)
            follow(dot, axes, step, s, point)
            self.tie(s, moving, dot, drop)
            new_graph = graph(axes, stages[k + 1], color=p.function_color)

            def swap(old=current, new=moving):
                self.remove(old)
                self.add(new)

            def settle(old=moving, new=new_graph):
                self.remove(old)
                self.add(new)
                dot.clear_updaters()

            new_tag = point_tag(moved, point_at(axes, *(float(c) for c in moved)))  # the point's coordinates, named as the voice names them
            self.say(motion_sentence(step, kind, point, moved), swap, [FadeOut(tag, run_time=0.4), value_to(s, 1.0, MOTION_SECONDS)], settle,
                     FadeIn(new_tag, run_time=0.5))
            current, point, tag = new_graph, moved, new_tag

        self.beat("The order")
        inner = [step for step in steps if step.kind in ("scale_x", "shift_x")]
        rule = VGroup(words(r"changes to $x$: drawn in reverse of it", size=32), words(r"changes to the output: in order", size=32)
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        if len(inner) == 2:
            b, c = (latex(step.value) for step in inner)
            swapped = [steps[1], steps[0]] + list(steps[2:])
            wrong = mappings.apply_steps(base, swapped)
            wrong_curve = VGroup(*[DashedVMobject(piece, num_dashes=90) for piece in graph(axes, wrong, color=SECANT, width=3)])
            wrong_tex = f_form(steps, base, given_inner=sympy.latex(inner[0].value * sympy.Symbol("x") - inner[1].value))
            wrong_label = formula(rf"y = {wrong_tex}", size=LABEL_SIZE + 4, color=SECANT)
            subtract = shift_words(inner[1].value)
            shifted_x = sympy.latex(sympy.Symbol("x") - inner[1].value)
            order = words(rf"formula's order: $x \mapsto {shifted_x} \mapsto {b}({shifted_x})$", size=32, color=FOREGROUND)
            panel.place(order, below=rows[-1], buff=0.35)  # stays: the rule below says 'in reverse of it'
            panel.place(wrong_label, below=order, buff=0.3)
            self.say(f"Look at the order: for a given $x$ the formula first {subtract}, then multiplies by ${b}$, "
                     "but the graph was squeezed first, then shifted.",
                     [FadeOut(ghost), Write(order)], Indicate(rows[1], color=TANGENT), Indicate(rows[0], color=TANGENT))
            self.say(f"Shifting first would draw $y = {wrong_tex}$.", [Create(wrong_curve), Write(wrong_label)])
            self.say(f"That is this dashed {colour_name(SECANT)} curve: not our graph.", Indicate(wrong_curve, color=SECANT, scale_factor=1.0))
            panel.place(rule, below=order, buff=0.3)
            self.say("So changes to $x$, inside the parentheses, are drawn in reverse of the order the formula applies them.",
                     [FadeOut(wrong_curve), FadeOut(wrong_label)], Write(rule[0]), Indicate(order, color=FOREGROUND, scale_factor=1.05))  # the label goes with its curve
            self.say("Changes to the output are drawn in the formula's order.", Write(rule[1]))
            gone = []
        else:  # no line of the formula's order on screen: the rule says it in full
            rule = VGroup(words(r"changes to $x$: reverse of the formula's order", size=30), words(r"changes to the output: in order", size=30)
                          ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
            panel.place(rule, below=rows[-1], buff=0.35)
            self.say("The order matters: changes to $x$, inside the parentheses, are drawn in reverse of the order the formula "
                     "applies them; changes to the output, in that order.", Write(rule), FadeOut(ghost))
            gone = []

        self.beat("The result")
        overlay = VGroup(*[DashedVMobject(piece, num_dashes=60) for piece in graph(axes, target, color=ACCENT, width=7)])
        self.say("And the graph we built lies exactly on the goal.",
                 gone + [Create(overlay)], Indicate(goal, color=ACCENT))


def target_tex(base, steps) -> str:
    """The target's right-hand side as a f(b(x - c)) + d with f written out: the form the steps read off."""
    return f_form(steps, base)


def marked_point(base, steps, axes):
    """A point of the base's graph to follow through the steps: a peak or trough that stays in view, else x = 1."""
    x0, x1, y0, y1 = axes_box(axes)
    candidates = []
    for point in derivatives.critical_points(base, x0, x1):
        if point.exact is None or point.kind not in ("maximum", "minimum"):
            continue
        start = (point.exact, base.exact(point.exact))
        ends = [mappings.move_point(steps[:k], start) for k in range(len(steps) + 1)]
        if all(x0 + 0.5 <= float(x) <= x1 - 0.5 and y0 < float(y) < y1 for x, y in ends):
            candidates.append((abs(float(point.exact) - 1.5), start, "peak" if point.kind == "maximum" else "trough"))
    if candidates:
        _, start, kind = min(candidates, key=lambda c: c[0])
        return start, kind
    one = sympy.Integer(1)
    return (one, base.exact(one)), "point"


def moving_graph(axes, before, step, s: ValueTracker, xs: np.ndarray, color: str) -> VMobject:
    """The graph part-way through ``step``: y = my * before((x - cx)/mx) + dy over the whole window."""
    _, _, y0, y1 = axes_box(axes)
    curve = VMobject(stroke_color=color, stroke_width=4)

    def redraw(m):
        mx, cx, my, dy = mappings.step_map(step, s.get_value())
        with np.errstate(all="ignore"):
            ys = my * before((xs - cx) / mx) + dy if mx != 0 else np.full_like(xs, np.nan)
        keep = np.isfinite(ys) & (ys >= y0) & (ys <= y1)
        m.points = polyline_points(to_scene(axes, np.stack([xs, np.where(keep, ys, 0)], axis=1)), keep)

    redraw(curve)
    curve.add_updater(redraw)
    return curve


def point_tag(point, at) -> VGroup:
    """The marked point's exact coordinates, above and right of it (at: the dot or its scene point)."""
    x, y = (latex(c) for c in point)
    return formula(rf"\left({x},\ {y}\right)", size=30, color=FOREGROUND).next_to(at, UP + RIGHT, buff=0.08)


def follow(dot: Dot, axes, step, s: ValueTracker, point) -> None:
    x, y = (float(v) for v in point)

    def move(m):
        mx, cx, my, dy = mappings.step_map(step, s.get_value())
        m.move_to(point_at(axes, mx * x + cx, my * y + dy))

    dot.add_updater(move)


def step_chapter(step) -> str:
    return {"scale_x": "Scale x", "shift_x": "Shift x", "scale_y": "Scale the output", "shift_y": "Shift the output"}[step.kind]


def row_text(step) -> str:
    """The step in words, on screen: a substitution for x, an operation on the output."""
    kind, value = step
    v = float(value)
    if kind == "scale_x":
        return rf"replace $x$ by ${'-' if v == -1 else latex(value)}x$"
    if kind == "shift_x":
        return rf"replace $x$ by ${shift_tex(value)}$"
    if kind == "scale_y":
        return rf"multiply the output by ${latex(value)}$"
    return rf"add ${latex(value)}$ to the output" if v > 0 else rf"subtract ${latex(-value)}$ from the output"


def shift_tex(c) -> str:
    return rf"x - {latex(c)}" if c > 0 else rf"x + {latex(-c)}"


def shift_words(c) -> str:
    return f"subtracts ${latex(c)}$" if c > 0 else f"adds ${latex(-c)}$"


def formula_sentence(k: int, step, base, steps, last: bool) -> str:
    """The first sentence of a step: what changes in the formula, and the formula now."""
    kind, value = step
    opening = "First" if k == 0 else ("Finally" if last else "Next")
    now = f"$y = {f_form(steps, base)}$"
    if kind == "scale_x":
        by = "-x" if value == -1 else f"{latex(value)}x"
        return f"{opening}, replace $x$ by ${by}$: {now}."
    if kind == "shift_x":
        return f"{opening}, replace $x$ by ${shift_tex(value)}$: {now}."
    if kind == "scale_y":
        return f"{opening}, multiply the output by ${latex(value)}$: {now}."
    change = f"add ${latex(value)}$ to the output" if value > 0 else f"subtract ${latex(-value)}$ from the output"
    return f"{opening}, {change}: {now}."


def motion_sentence(step, kind: str, before, after) -> str:
    """The second sentence of a step: how every point moves, told on the marked point."""
    step_kind, value = step
    v = float(value)
    what = f"the {kind}" if kind != "point" else "the marked point"
    x0, y0 = (latex(c) for c in before)
    x1, y1 = (latex(c) for c in after)
    if step_kind == "scale_x":
        if v == -1:
            return (f"Every point swaps sides: {what} moves from $x = {x0}$ to $x = {x1}$, "
                    "and the graph is reflected in the $y$-axis.")
        motion = "squeezes toward" if abs(v) > 1 else "stretches away from"
        flip = ", and is reflected in it" if v < 0 else ""
        by = "halved" if v == 2 else f"divided by ${latex(value)}$"
        return (f"Every point moves sideways, its $x$ {by}: {what} at $x = {x0}$ moves to $x = {x1}$, "
                f"and the graph {motion} the $y$-axis{flip}.")
    if step_kind == "shift_x":
        way = "right" if v > 0 else "left"
        return f"Every point moves ${latex(abs(value))}$ to the {way}: {what} at $x = {x0}$ moves to $x = {x1}$."
    if step_kind == "scale_y":
        if v == -1:
            return (f"Every height changes sign: {what} goes from $y = {y0}$ to $y = {y1}$, "
                    "and the graph is reflected in the $x$-axis.")
        motion = "stretches vertically" if abs(v) > 1 else "flattens"
        by = "doubled" if v == 2 else f"multiplied by ${latex(value)}$"
        return f"Every point moves vertically, its height {by}: {what} goes from ${y0}$ to ${y1}$, and the graph {motion}."
    way = "up" if v > 0 else "down"
    return f"Every point moves ${latex(abs(value))}$ {way}: {what} goes from height ${y0}$ to ${y1}$."


def f_form(steps, base=None, given_inner: str | None = None) -> str:
    """``a f(b(x - c)) + d`` in LaTeX for the steps so far, leaving out what is still neutral (f written out with
    ``base``; ``inner`` in place of b(x - c))."""
    values = {kind: value for kind, value in steps}
    b, c = values.get("scale_x", 1), values.get("shift_x", 0)
    a, d = values.get("scale_y", 1), values.get("shift_y", 0)
    inner = "x" if c == 0 else (rf"x - {latex(c)}" if c > 0 else rf"x + {latex(-c)}")
    if b != 1:
        factor = "-" if b == -1 else latex(b)
        inner = rf"{factor}x" if c == 0 else rf"{factor}({inner})"
    inner = given_inner if given_inner is not None else inner
    outer = written(base, inner) if base is not None else rf"f({inner})"
    if a != 1:
        outer = ("-" if a == -1 else latex(a)) + outer
    if d != 0:
        outer += rf" + {latex(d)}" if d > 0 else rf" - {latex(-d)}"
    return outer


def written(base, inner: str) -> str:
    """The base with ``inner`` in place of x, in LaTeX: \\sin(2(x - 1)), (x - 1)^{2}."""
    x = sympy.Symbol("_inner_placeholder_")
    tex = sympy.latex(base.expr.xreplace({base.symbol: x}))
    name = sympy.latex(x)
    functions_of = (r"\sin", r"\cos", r"\tan", r"\log", r"\exp", r"\operatorname")
    if inner == "x":
        if tex.startswith(functions_of) and rf"{{\left({name} \right)}}" in tex:
            return tex.replace(rf"{{\left({name} \right)}}", " x")
        return tex.replace(name, "x")
    if tex.startswith(functions_of) and rf"{{\left({name} \right)}}" in tex:
        return tex.replace(rf"{{\left({name} \right)}}", rf"({inner})")
    if f" {name}" in tex and tex.startswith(functions_of):
        return tex.replace(f" {name}", rf"({inner})")
    if tex.count(name) == 1 and f"{{{name}}}" in tex:  # e^{x}, \sqrt{x}: the braces group it already
        return tex.replace(f"{{{name}}}", f"{{{inner}}}")
    return tex.replace(name, rf"\left({inner}\right)")
