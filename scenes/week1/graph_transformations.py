"""Week 1 -- a complicated graph built from an elementary one, one shift or stretch at a time."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, Create, FadeIn, FadeOut, Transform, VGroup, Write

from calcviz import functions, latex
from calcviz.view import value_window
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.week1.pacing import hold
from scenes.kit.look import ACCENT, EDGE, MUTED, TANGENT, formula, words
from scenes.kit.plotting import graph, make_axes
from calcviz.view import nice_step

AXES_WIDTH, AXES_HEIGHT = 7.4, 5.6
STEP_SECONDS = 36.0  # the steps share about this much time, each from MIN_STEP to MAX_STEP
MIN_STEP, MAX_STEP = 8.5, 14.0


class GraphTransformations(LectureScene):
    """From the graph of base to that of target = a base(b(x - c)) + d, following calcviz's transform_steps."""

    def construct(self) -> None:
        p = self.params
        base, target, (lo, hi) = p.base, p.target, p.interval
        steps = functions.transform_steps(base, target)
        stages = [functions.apply_steps(base, steps[:k]) for k in range(len(steps) + 1)]
        self.beat("Title", "Most graphs are simple graphs in disguise.")
        self.show_title()

        self.beat("The base", "Start from a graph we know well. Every step that follows changes the formula in one simple way, "
                  "and the graph answers with one simple motion.")
        xs = np.linspace(lo, hi, 600)
        with np.errstate(all="ignore"):
            heights = np.concatenate([stage(xs) for stage in stages])
        axes = make_axes((lo, hi, nice_step(hi - lo)), value_window(heights[np.isfinite(heights)]), AXES_WIDTH, AXES_HEIGHT)
        axes.to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        base_label = panel.place(formula(rf"f(x) = {base.latex}", color=MUTED))
        current = graph(axes, base, color=p.function_color)
        form = panel.place(formula("y = f(x)", color=p.function_color), buff=0.5)
        expanded = panel.place(formula(rf"= {base.latex}", size=34, color=p.function_color), buff=0.2)
        self.play(Create(axes), run_time=self.t(1.5))
        self.play(Create(current), Write(base_label), Write(form), run_time=self.t(2))
        hold(self, 3.5)

        step_time = min(MAX_STEP, max(MIN_STEP, STEP_SECONDS / len(steps)))
        done_rows = VGroup()
        for k, step in enumerate(steps):
            name, narration, arrow = describe(step)
            self.beat(name, narration)
            ghost = current.copy().set_stroke(opacity=0.3)
            self.add(ghost)
            new_graph = graph(axes, stages[k + 1], color=p.function_color)
            new_form = formula(f"y = {f_form(steps[:k + 1])}", color=p.function_color).move_to(form, aligned_edge=LEFT)
            new_expanded = formula(rf"= {stages[k + 1].latex}", size=34, color=p.function_color).move_to(expanded, aligned_edge=LEFT)
            for mob in (new_form, new_expanded):
                if mob.width > panel.right - panel.left:
                    mob.scale_to_fit_width(panel.right - panel.left).align_to(form, LEFT)
            row = formula(rf"{k + 1}.\ {arrow}", size=32, color=TANGENT)
            done_rows.add(row)
            panel.place(row, below=expanded if k == 0 else done_rows[k - 1], buff=0.55 if k == 0 else 0.25)
            self.play(Write(row), run_time=self.t(1))
            # The formula changes first, then the graph answers: the text is redrawn for a short play, not the whole motion.
            self.play(FadeOut(form), FadeOut(expanded), FadeIn(new_form), FadeIn(new_expanded), run_time=self.t(0.7))
            self.play(Transform(current, new_graph), run_time=self.t(1.8))
            form, expanded = new_form, new_expanded
            hold(self, step_time - 4.5)
            self.play(FadeOut(ghost), run_time=self.t(1))

        self.beat("The result", "Put together, these steps turn the elementary graph into exactly the target. "
                  "Read any formula from the inside out and you know how to draw it.")
        result = formula(rf"{target.latex}", color=ACCENT)
        box = VGroup(words("target:", size=30, color=ACCENT), result).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        panel.place(box, below=done_rows[-1], buff=0.55)
        original = graph(axes, base, color=MUTED).set_stroke(opacity=0.5)
        self.play(Write(box), FadeIn(original), run_time=self.t(1.5))
        hold(self, 5)


def describe(step) -> tuple[str, str, str]:
    """Chapter name, narration and the LaTeX substitution for one step."""
    kind, value = step
    v = float(value)
    shown = latex(value)
    spoken_value = spoken(v)
    if kind == "scale_x":
        if v == -1:
            return ("Reflect x", "Replace x by minus x. The graph is reflected in the y axis: left and right swap.", r"x \to -x")
        motion = "squeezes toward" if abs(v) > 1 else "stretches away from"
        flip = ", and the minus sign reflects it in the y axis" if v < 0 else ""
        return ("Scale x", f"Replace x by {spoken_value} times x. The graph {motion} the y axis by a factor of {spoken(abs(v))}{flip}.",
                rf"x \to {shown}\,x")
    if kind == "shift_x":
        way = "right" if v > 0 else "left"
        replace = f"x minus {spoken_value}" if v > 0 else f"x plus {spoken(abs(v))}"
        return ("Shift x", f"Replace x by {replace}. Every point moves {spoken(abs(v))} to the {way}: "
                f"the value that used to be at zero now sits at {spoken(v)}.", rf"x \to x - {shown}" if v > 0 else rf"x \to x + {latex(-value)}")
    if kind == "scale_y":
        if v == -1:
            return ("Reflect y", "Multiply the whole function by minus one. The graph is reflected in the x axis: up and down swap.",
                    r"y \to -y")
        motion = "stretches vertically" if abs(v) > 1 else "flattens"
        flip = ", and the minus sign reflects it in the x axis" if v < 0 else ""
        return ("Scale y", f"Multiply the whole function by {spoken_value}. The graph {motion} by a factor of {spoken(abs(v))}{flip}.",
                rf"y \to {shown}\,y")
    way = "up" if v > 0 else "down"
    change = f"add {spoken_value}" if v > 0 else f"subtract {spoken(abs(v))}"
    return ("Shift y", f"Then {change}. The whole graph moves {spoken(abs(v))} {way}.",
            rf"y \to y + {shown}" if v > 0 else rf"y \to y - {latex(-value)}")


def f_form(steps) -> str:
    """``a f(b(x - c)) + d`` in LaTeX for the steps so far, leaving out what is still neutral."""
    values = {kind: value for kind, value in steps}
    b, c = values.get("scale_x", 1), values.get("shift_x", 0)
    a, d = values.get("scale_y", 1), values.get("shift_y", 0)
    inner = "x" if c == 0 else (rf"x - {latex(c)}" if c > 0 else rf"x + {latex(-c)}")
    if b != 1:
        factor = "-" if b == -1 else latex(b)
        inner = rf"{factor}x" if c == 0 else rf"{factor}({inner})"
    outer = rf"f({inner})"
    if a != 1:
        outer = ("-" if a == -1 else latex(a)) + outer
    if d != 0:
        outer += rf" + {latex(d)}" if d > 0 else rf" - {latex(-d)}"
    return outer


def spoken(x: float) -> str:
    text = f"{abs(x):.3g}"
    return f"minus {text}" if x < 0 else text
