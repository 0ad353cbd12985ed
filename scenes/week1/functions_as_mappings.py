"""Week 1 -- a function as arrows from a domain to a codomain: image, one-to-one, inverse."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Create, DashedLine, Dot, Ellipse, FadeIn, FadeOut, Line, Transform, VGroup, VMobject, Write

from calcviz import Function, functions
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.week1.pacing import hold
from scenes.kit.look import ACCENT, AXIS, DERIVATIVE, EDGE, MUTED, SECANT, formula, tex_number, words
from scenes.kit.plotting import make_axes, to_scene
from calcviz.view import nice_step

DOMAIN_X, CODOMAIN_X = -4.6, -0.6  # the two sets' vertical axes
SET_BOTTOM, SET_TOP = -2.9, 2.1
GRAPH_SAMPLES = 200


class FunctionsAsMappings(LectureScene):
    """Samples of the domain sent by arrows to the codomain; the image; one-to-one or not; the inverse both ways."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi), (small_lo, small_hi) = p.function, p.interval, p.one_to_one_interval
        low, high = functions.image(f, lo, hi)
        self.beat("Title", "A function turns each input into one output.")
        self.show_title()

        self.beat("Two sets", f"Picture the inputs as one set, the domain, from {tex_number(lo)} to {tex_number(hi)}, and the outputs as "
                  "another, the codomain. The function draws an arrow from each x to its value.")
        margin = 0.12 * (high - low) or 1.0
        domain = SetPicture(DOMAIN_X, lo, hi, "x", f"[{tex_number(lo)}, {tex_number(hi)}]")
        codomain = SetPicture(CODOMAIN_X, low - margin, high + margin, "y", r"\mathbb{R}")
        panel = Panel(left=1.6, top=2.6)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        signature = panel.place(formula(rf"f : [{tex_number(lo)}, {tex_number(hi)}] \to \mathbb{{R}}", size=34))
        self.play(Create(domain.frame), Create(codomain.frame), run_time=self.t(1.2))
        self.play(Write(f_label), Write(signature), run_time=self.t(1.2))
        arrows, targets, values = {}, {}, {}
        for x in p.samples:
            y = float(f.exact(x))
            start = domain.dot(x, LEFT)
            new = y not in values
            if new:
                values[y] = codomain.dot(y, RIGHT)
            end = targets[x] = values[y]
            arrow = Arrow(start[0].get_center(), end[0].get_center(), buff=0.12, stroke_width=3, color=p.function_color,
                          max_tip_length_to_length_ratio=0.06)
            arrows[x] = VGroup(start, arrow)
            self.play(FadeIn(start), Create(arrow), *([FadeIn(end)] if new else []), run_time=self.t(0.7))
        hold(self, 2)

        self.beat("The image", f"The values f actually takes form its image. Here it is the interval from {tex_number(low)} "
                  f"to {tex_number(high)}: every number in it is hit, nothing outside is.")
        band = Line(codomain.at(low), codomain.at(high), color=ACCENT, stroke_width=10).set_opacity(0.6)
        image_tex = panel.place(formula(rf"f\big([{tex_number(lo)}, {tex_number(hi)}]\big) = [{tex_number(low)}, {tex_number(high)}]",
                                        size=34, color=ACCENT), buff=0.55)
        self.play(Create(band), Write(image_tex), run_time=self.t(1.5))
        hold(self, 4)

        a, b = p.collision
        value = float(f.exact(a))
        self.beat("One-to-one?", f"Is f one-to-one here? No: {spoken(a)} and {spoken(b)} both land on {spoken(value)}. "
                  "Two inputs share one output, so from the output alone we cannot tell where we came from.")
        clash = formula(rf"f({tex_number(a)}) = f({tex_number(b)}) = {tex_number(value)}", size=34, color=SECANT)
        verdict = words("not one-to-one", size=30, color=SECANT)
        panel.place(clash, buff=0.55)
        panel.place(verdict, buff=0.2)
        self.play(*[arrows[x][1].animate.set_color(SECANT) for x in (a, b)], Write(clash), run_time=self.t(1.2))
        self.play(FadeIn(verdict), run_time=self.t(0.6))
        hold(self, 3)

        assert functions.is_injective(f, small_lo, small_hi) and not functions.is_injective(f, lo, hi)  # checked with the parameters
        kept = [x for x in p.samples if small_lo <= x <= small_hi]
        self.beat("A smaller domain", f"Keep only the inputs from {tex_number(small_lo)} to {tex_number(small_hi)}. "
                  "Now different inputs always give different outputs: on this domain f is one-to-one.")
        smaller = formula(rf"\text{{on }} [{tex_number(small_lo)}, {tex_number(small_hi)}]:", size=34, color=DERIVATIVE)
        fine = words("one-to-one", size=30, color=DERIVATIVE)
        dropped = [arrows[x] for x in p.samples if x not in kept]
        self.play(*[group.animate.set_opacity(0.15) for group in dropped], *[arrows[x][1].animate.set_color(p.function_color) for x in kept],
                  FadeOut(clash), FadeOut(verdict), run_time=self.t(1.2))
        panel.place(smaller, below=image_tex, buff=0.55)
        panel.place(fine, buff=0.2)
        self.play(Write(smaller), FadeIn(fine), run_time=self.t(1))
        hold(self, 3)

        g = functions.inverse(f, small_lo, small_hi)
        self.beat("Reversed arrows", "A one-to-one function can be undone. Reverse every arrow and you get the inverse function, "
                  "which takes each output back to its input.")
        inverse_tex = rf"f^{{-1}}(y) = {Function(g, 'y').latex}" if isinstance(g, Function) else r"f^{-1}(y)"
        inverse_label = panel.place(formula(inverse_tex, size=36, color=DERIVATIVE), buff=0.55)
        reversed_arrows = VGroup(*[Arrow(targets[x][0].get_center(), arrows[x][0][0].get_center(), buff=0.12, stroke_width=3,
                                         color=DERIVATIVE, max_tip_length_to_length_ratio=0.06) for x in kept])
        self.play(*[FadeOut(arrows[x][1]) for x in kept], run_time=self.t(0.8))
        self.play(Create(reversed_arrows, lag_ratio=0.2), Write(inverse_label), run_time=self.t(2))
        hold(self, 3.5)

        self.beat("Reflected graph", "On a graph, reversing arrows swaps x and y. So the graph of the inverse is the graph of f "
                  "reflected in the line y equals x.")
        everything = VGroup(domain.frame, codomain.frame, band, reversed_arrows, *arrows.values(), *values.values(), smaller, fine,
                            image_tex, signature)
        self.play(FadeOut(everything), run_time=self.t(1))
        self.reflected_graph(f, g, (small_lo, small_hi), panel, f_label, inverse_label)

    def reflected_graph(self, f: Function, g, interval, panel: Panel, f_label, inverse_label) -> None:
        lo, hi = interval
        low, high = functions.image(f, lo, hi)
        start, stop = min(lo, low), max(hi, high)
        pad = 0.08 * (stop - start)
        window = (start - pad, stop + pad, nice_step(stop - start))
        axes = make_axes(window, window, 5.8, 5.8).to_corner(LEFT + DOWN, buff=EDGE)
        xs = np.linspace(lo, hi, GRAPH_SAMPLES)
        ys = f(xs)
        curve = smooth(to_scene(axes, np.column_stack([xs, ys])), self.params.function_color)
        mirror = DashedLine(axes.c2p(window[0], window[0]), axes.c2p(window[1], window[1]), color=MUTED, stroke_width=2)
        mirror_label = formula("y = x", size=28, color=MUTED).next_to(axes.c2p(window[1], window[1]), RIGHT, buff=0.12)
        reflected = smooth(to_scene(axes, np.column_stack([ys, xs])), DERIVATIVE)
        inverse_curve = smooth(to_scene(axes, np.column_stack([f(xs), g(f(xs))])), DERIVATIVE)
        self.play(f_label.animate.move_to([panel.left + f_label.width / 2, 1.6, 0]),
                  inverse_label.animate.move_to([panel.left + inverse_label.width / 2, 0.6, 0]), run_time=self.t(1))
        self.play(Create(axes), run_time=self.t(1.2))
        self.play(Create(curve), Create(mirror), FadeIn(mirror_label), run_time=self.t(1.5))
        ghost = curve.copy()
        self.play(Transform(ghost, reflected), run_time=self.t(2.5))
        self.add(inverse_curve)
        self.remove(ghost)
        point_x = hi if abs(hi) > abs(lo) else lo
        pair = VGroup(Dot(axes.c2p(point_x, f(point_x)), radius=0.07, color=self.params.function_color),
                      Dot(axes.c2p(f(point_x), point_x), radius=0.07, color=DERIVATIVE))
        swap = formula(rf"({tex_number(point_x)}, {tex_number(float(f.exact(point_x)))}) \leftrightarrow "
                       rf"({tex_number(float(f.exact(point_x)))}, {tex_number(point_x)})", size=34, color=ACCENT)
        swap.move_to([panel.left + swap.width / 2, -0.5, 0])
        self.play(FadeIn(pair), Write(swap), run_time=self.t(1.2))
        hold(self, 5)


class SetPicture:
    """A set drawn as an oval around a vertical scale, so that a value's height says how big it is."""

    def __init__(self, x: float, lo: float, hi: float, name: str, title: str) -> None:
        self.x, self.lo, self.hi = x, lo, hi
        self.labels: list = []  # placed value labels, to keep close values apart
        oval = Ellipse(width=2.6, height=SET_TOP - SET_BOTTOM + 1.2, color=AXIS, stroke_width=3).move_to([x, (SET_TOP + SET_BOTTOM) / 2, 0])
        label = formula(title, size=32, color=MUTED).next_to(oval, UP, buff=0.1)
        self.frame = VGroup(oval, label)

    def at(self, value: float) -> np.ndarray:
        share = (value - self.lo) / (self.hi - self.lo)
        return np.array([self.x, SET_BOTTOM + share * (SET_TOP - SET_BOTTOM), 0.0])

    def dot(self, value: float, side) -> VGroup:
        dot = Dot(self.at(value), radius=0.06, color=ACCENT)
        label = formula(tex_number(value), size=26, color=MUTED)
        for column in range(6):  # the first column where no earlier label is in the way
            label.next_to(dot, side, buff=0.15 + 0.7 * column)
            if all(abs(label.get_y() - other.get_y()) > (label.height + other.height) / 2 + 0.04
                   or abs(label.get_x() - other.get_x()) > (label.width + other.width) / 2 + 0.04 for other in self.labels):
                break
        self.labels.append(label)
        return VGroup(dot, label)


def smooth(points: np.ndarray, color: str) -> VMobject:
    curve = VMobject(stroke_color=color, stroke_width=4)
    curve.set_points_smoothly(points)
    return curve


def spoken(x: float) -> str:
    return f"minus {tex_number(-x)}" if x < 0 else tex_number(x)
