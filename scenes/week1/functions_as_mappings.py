"""Week 1 -- a function as arrows from a domain to a codomain: image, one-to-one, inverse."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Create, DashedLine, Dot, DoubleArrow, Ellipse, FadeIn, FadeOut, Indicate, LaggedStart, Line,
                   ReplacementTransform, Transform, TransformFromCopy, VGroup, VMobject, Write)

from calcviz import Function, mappings
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, AXIS, DERIVATIVE, EDGE, FOREGROUND, LABEL_SIZE, MUTED, SECANT, formula, words
from scenes.kit.numbers import number_tex
from scenes.kit.plotting import make_axes, to_scene
from calcviz.view import nice_step

DOMAIN_X, CODOMAIN_X = -4.6, -0.6  # the two sets' vertical axes
SET_BOTTOM, SET_TOP = -2.9, 2.1
GRAPH_SAMPLES = 200
TIP = 0.16  # arrow tips small enough that two arriving 0.25 apart stay apart


class FunctionsAsMappings(LectureScene):
    """Samples of the domain sent by arrows to the codomain; the image; one-to-one or not; the inverse both ways."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi), (small_lo, small_hi) = p.function, p.interval, p.one_to_one_interval
        low, high = mappings.image(f, lo, hi)
        small_low, small_high = mappings.image(f, small_lo, small_hi)
        n = lambda x: number_tex(x, "step")  # noqa: E731  (chosen inputs and their values, as written)
        self.beat("Two sets")
        self.show_title()
        margin = 0.3 * (high - low) or 1.0  # room on the codomain's scale for numbers the image misses
        domain = SetPicture(DOMAIN_X, lo, hi, "x", f"[{n(lo)}, {n(hi)}]")
        codomain = SetPicture(CODOMAIN_X, low - margin, high + margin, "y", r"\mathbb{R}")
        panel = Panel(left=1.6, top=2.6)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        signature = panel.place(formula(rf"f : [{n(lo)}, {n(hi)}] \to \mathbb{{R}}", size=34))
        arrows, targets, values, shows = {}, {}, {}, []
        for x in p.samples:
            y = float(f.exact(x))
            start = domain.dot(x, LEFT)
            new = y not in values
            if new:
                values[y] = codomain.dot(y, RIGHT)
            end = targets[x] = values[y]
            arrow = Arrow(start[0].get_center(), end[0].get_center(), buff=0.12, stroke_width=3, color=p.function_color,
                          tip_length=TIP, max_tip_length_to_length_ratio=0.2)
            arrows[x] = VGroup(start, arrow)
            shows.append([FadeIn(start, run_time=0.6), Create(arrow, run_time=0.6), *([FadeIn(end, run_time=0.6)] if new else [])])
        codomain.spread()  # close values (0 and 0.25) get their labels pulled apart
        domain_line = domain.segment(lo, hi)  # the whole interval, not only the inputs drawn
        reals_ends = codomain.at(low - margin) + 0.35 * DOWN, codomain.at(high + margin) + 0.35 * UP
        reals = DoubleArrow(*reals_ends, buff=0, color=MUTED, stroke_width=8, tip_length=0.2
                            ).set_opacity(0.6).set_z_index(-1)  # the codomain's scale, going on both ways
        self.play(Create(domain.frame[0]), Create(codomain.frame[0]), run_time=1.0)  # silent: the two sets' outlines
        self.say(f"A function, here $f(x) = {f.latex}$, turns each input into exactly one output.",
                 Write(f_label), shows[0])
        self.say("Here are arrows from a few inputs $x$ to their values $f(x)$.", *shows[1:])
        self.say(f"The inputs form the domain, here $[{n(lo)}, {n(hi)}]$; the outputs land in the codomain, the real numbers.",
                 [Write(domain.frame[1]), Create(domain_line), Indicate(domain.frame[0], scale_factor=1.0)],
                 [Write(codomain.frame[1]), Create(reals), Indicate(codomain.frame[0], scale_factor=1.0)], Write(signature))

        self.beat("The image")
        band = Line(codomain.at(low), codomain.at(high), color=ACCENT, stroke_width=10).set_opacity(0.6)
        image_tex = panel.place(formula(rf"f\big([{n(lo)}, {n(hi)}]\big) = [{n(low)}, {n(high)}]", size=34, color=ACCENT), buff=0.55)
        self.say(f"The values it actually takes form its image, $[{n(low)}, {n(high)}]$.", Create(band), Write(image_tex))
        self.say("Every number in it is hit by some input; nothing outside is.",
                 Indicate(band, color=ACCENT, scale_factor=1.0), LaggedStart(*[Indicate(v[0], color=ACCENT, scale_factor=1.8)
                                                                              for v in values.values()], lag_ratio=0.3))

        a, b = p.collision
        value = float(f.exact(a))
        self.beat("One-to-one?")
        clash = formula(rf"f({n(a)}) = f({n(b)}) = {n(value)}", size=34, color=SECANT)
        verdict = words("not one-to-one", size=30, color=SECANT)
        panel.place(clash, buff=0.55)
        panel.place(verdict, buff=0.2)
        self.say(f"Is $f$ one-to-one? No: ${n(a)}$ and ${n(b)}$ both land on ${n(value)}$.",
                 [arrows[a][1].animate.set_color(SECANT), arrows[b][1].animate.set_color(SECANT)], Write(clash))
        self.say("From that output alone we cannot tell which input it came from.", FadeIn(verdict),
                 Indicate(values[value][0], color=SECANT, scale_factor=2))

        assert mappings.is_injective(f, small_lo, small_hi) and not mappings.is_injective(f, lo, hi)  # checked with the parameters
        kept = [x for x in p.samples if small_lo <= x <= small_hi]
        self.beat("A smaller domain")
        fine = words("one-to-one", size=30, color=FOREGROUND).move_to(verdict, aligned_edge=LEFT)
        dropped = [arrows[x] for x in p.samples if x not in kept]
        to_reals = formula(rf"f : [{n(small_lo)}, {n(small_hi)}] \to \mathbb{{R}}", size=34).move_to(signature, aligned_edge=LEFT)
        new_signature = formula(rf"f : [{n(small_lo)}, {n(small_hi)}] \to [{n(small_low)}, {n(small_high)}]", size=34
                                ).move_to(signature, aligned_edge=LEFT)
        new_image = formula(rf"f\big([{n(small_lo)}, {n(small_hi)}]\big) = [{n(small_low)}, {n(small_high)}]", size=34,
                            color=ACCENT).move_to(image_tex, aligned_edge=LEFT)
        domain_oval = domain.frame[0]
        tight_domain = Ellipse(width=domain_oval.width, height=abs(domain.at(small_hi)[1] - domain.at(small_lo)[1]) + 1.0,
                               color=AXIS, stroke_width=3).move_to((domain.at(small_lo) + domain.at(small_hi)) / 2)
        new_title = formula(f"[{n(small_lo)}, {n(small_hi)}]", size=32, color=MUTED).next_to(tight_domain, UP, buff=0.1)
        new_band = Line(codomain.at(small_low), codomain.at(small_high), color=ACCENT, stroke_width=10).set_opacity(0.6)
        self.say(f"Keep only the inputs from ${n(small_lo)}$ to ${n(small_hi)}$.",
                 [*[FadeOut(group) for group in dropped], *[arrows[x][1].animate.set_color(p.function_color) for x in kept],
                  FadeOut(clash), FadeOut(verdict)],
                 [Transform(domain_oval, tight_domain), Transform(domain_line, domain.segment(small_lo, small_hi)),
                  Transform(domain.frame[1], new_title), Transform(signature, to_reals), Transform(image_tex, new_image),
                  Transform(band, new_band)])
        self.say("Now different inputs give different outputs: on this domain, $f$ is one-to-one.",
                 LaggedStart(*[Indicate(arrows[x][1], color=p.function_color, scale_factor=1.0) for x in kept], lag_ratio=0.3),
                 FadeIn(fine))
        oval = codomain.frame[0]
        tight = Ellipse(width=oval.width, height=abs(codomain.at(small_high)[1] - codomain.at(small_low)[1]) + 1.0,
                        color=AXIS, stroke_width=3).move_to((codomain.at(small_low) + codomain.at(small_high)) / 2)
        image_title = formula(f"[{n(small_low)}, {n(small_high)}]", size=32, color=MUTED).next_to(tight, UP, buff=0.1)
        missed = VGroup(Line(reals_ends[0], codomain.at(small_low)), Line(codomain.at(small_high), reals_ends[1])
                        ).set_stroke(color=FOREGROUND, width=10, opacity=0.8)  # the numbers of R no input hits
        not_onto = words(r"but not onto $\mathbb{R}$", size=30, color=FOREGROUND).next_to(fine, RIGHT, buff=0.15).align_to(fine, DOWN)
        onto = words("and onto", size=30, color=FOREGROUND).next_to(fine, RIGHT, buff=0.15).align_to(fine, DOWN)
        image_scale = codomain.segment(small_low, small_high)  # the new codomain's scale: the image covers it
        self.beat("Onto")
        self.say(f"But the codomain is all real numbers, and those outside $[{n(small_low)}, {n(small_high)}]$ are never hit.",
                 [Create(missed), FadeIn(not_onto)], Indicate(missed, color=FOREGROUND, scale_factor=1.0))
        self.say(f"Take the image, $[{n(small_low)}, {n(small_high)}]$, as the codomain instead: now the image fills all of it.",
                 [FadeOut(missed), FadeOut(reals), FadeOut(not_onto), FadeIn(image_scale), Transform(oval, tight),
                  Transform(codomain.frame[1], image_title), Transform(signature, new_signature)],
                 Indicate(band, color=ACCENT, scale_factor=1.0))
        self.say("Every number of the codomain is hit: that is what onto means.",
                 FadeIn(onto), Indicate(onto, color=FOREGROUND))

        g = mappings.inverse(f, small_lo, small_hi)
        self.beat("Reversed arrows")
        inverse_tex = rf"f^{{-1}}(y) = {Function(g, 'y').latex}" if isinstance(g, Function) else r"f^{-1}(y)"
        inverse_label = panel.place(formula(inverse_tex, size=36, color=DERIVATIVE), below=fine, buff=0.55)
        inverse_signature = panel.place(formula(rf"f^{{-1}} : [{n(small_low)}, {n(small_high)}] \to [{n(small_lo)}, {n(small_hi)}]",
                                                size=34, color=DERIVATIVE), buff=0.25)
        reversed_arrows = VGroup(*[Arrow(targets[x][0].get_center(), arrows[x][0][0].get_center(), buff=0.12, stroke_width=3,
                                         color=DERIVATIVE, tip_length=TIP, max_tip_length_to_length_ratio=0.2) for x in kept])
        self.say("A function that is one-to-one and onto can be undone: reverse every arrow.",
                 [FadeOut(arrows[x][1]) for x in kept], Create(reversed_arrows, lag_ratio=0.2))
        self.say(f"That gives the inverse, $f^{{-1}}$, from $[{n(small_low)}, {n(small_high)}]$ back to $[{n(small_lo)}, {n(small_hi)}]$.",
                 Write(inverse_label), Write(inverse_signature))

        self.beat("Reflected graph")
        everything = VGroup(domain.frame, domain_line, codomain.frame, band, reversed_arrows, *[arrows[x] for x in kept], *values.values(), fine,
                            onto, image_scale, image_tex, signature, inverse_label, inverse_signature)
        self.reflected_graph(f, g, (small_lo, small_hi), panel, f_label, everything)

    def reflected_graph(self, f: Function, g, interval, panel: Panel, f_label, everything) -> None:
        lo, hi = interval
        n = lambda x: number_tex(x, "step")  # noqa: E731
        low, high = mappings.image(f, lo, hi)
        start, stop = min(lo, low), max(hi, high)
        pad = 0.08 * (stop - start)
        window = (start - pad, stop + pad, nice_step(stop - start))
        axes = make_axes(window, window, 6.4, 6.4).to_corner(LEFT + DOWN, buff=EDGE)
        xs = np.linspace(lo, hi, GRAPH_SAMPLES)
        ys = f(xs)
        curve = smooth(to_scene(axes, np.column_stack([xs, ys])), self.params.function_color)
        mirror = DashedLine(axes.c2p(window[0], window[0]), axes.c2p(window[1], window[1]), color=MUTED, stroke_width=2)
        mirror_label = formula("y = x", size=28, color=MUTED).next_to(axes.c2p(window[1], window[1]), RIGHT, buff=0.12)
        reflected = smooth(to_scene(axes, np.column_stack([ys, xs])), DERIVATIVE)
        graph_label = formula(rf"y = f(x) = {f.latex},\ x \in [{n(lo)}, {n(hi)}]", size=32, color=self.params.function_color)
        graph_label.move_to([panel.left + graph_label.width / 2, 1.6, 0])
        inverse_name = (rf"y = f^{{-1}}(x) = {g.latex}" if isinstance(g, Function) else r"y = f^{-1}(x)") + rf",\ x \in [{n(low)}, {n(high)}]"
        inverse_label = formula(inverse_name, size=32, color=DERIVATIVE)
        inverse_label.move_to([panel.left + inverse_label.width / 2, 0.7, 0])
        for label in (graph_label, inverse_label):
            if label.get_right()[0] > panel.right:
                label.scale_to_fit_width(panel.right - panel.left).align_to([panel.left, 0, 0], LEFT)
        self.play(FadeOut(everything), Transform(f_label, graph_label), run_time=0.8)  # silent: the new stage
        self.play(Create(axes), run_time=0.8)
        ghost = curve.copy()
        g_tex = g.latex if isinstance(g, Function) else r"f^{-1}(x)"
        point_x = hi if abs(hi) > abs(lo) else lo
        image = float(f.exact(point_x))
        pair = VGroup(Dot(axes.c2p(point_x, f(point_x)), radius=0.08, color=self.params.function_color),
                      Dot(axes.c2p(image, point_x), radius=0.08, color=DERIVATIVE)).set_z_index(3)
        swap = formula(rf"({n(point_x)}, {n(image)})", r"\leftrightarrow", rf"({n(image)}, {n(point_x)})", size=34)
        swap[0].set_color(self.params.function_color)
        swap[2].set_color(DERIVATIVE)
        names = VGroup(formula(rf"({n(point_x)}, {n(image)})", size=LABEL_SIZE, color=self.params.function_color)
                       .next_to(pair[0], LEFT, buff=0.15),
                       formula(rf"({n(image)}, {n(point_x)})", size=LABEL_SIZE, color=DERIVATIVE).next_to(pair[1], DOWN + RIGHT, buff=0.1))
        swap.move_to([panel.left + swap.width / 2, -0.4, 0])
        across = DashedLine(pair[0].get_center(), pair[1].get_center(), color=MUTED, stroke_width=2)  # crosses y = x at a right angle
        arrow_pair = VGroup(formula(rf"f: {n(point_x)} \mapsto {n(image)}", size=34, color=self.params.function_color),
                            formula(rf"f^{{-1}}: {n(image)} \mapsto {n(point_x)}", size=34, color=DERIVATIVE)
                            ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        arrow_pair.move_to([panel.left + arrow_pair.width / 2, swap.get_bottom()[1] - 0.5 - arrow_pair.height / 2, 0])
        self.say(f"On the graph of $f$, the arrow from ${n(point_x)}$ to ${n(image)}$ is $({n(point_x)}, {n(image)})$.",
                 Create(curve), Write(arrow_pair[0]),
                 [FadeIn(pair[0], scale=2), TransformFromCopy(arrow_pair[0], names[0]), Write(swap[0])])
        self.say(f"Its reverse, from ${n(image)}$ back to ${n(point_x)}$, is $({n(image)}, {n(point_x)})$: $x$ and $y$ swap.",
                 Write(arrow_pair[1]),
                 [FadeIn(pair[1], scale=2), TransformFromCopy(arrow_pair[1], names[1]), Write(swap[1:]), Create(across)])
        self.say(f"To draw the inverse on the same axes, rename its variable $x$: $y = {g_tex}$.", Write(inverse_label))
        self.say("Its graph is the graph of $f$ reflected in the line $y = x$: every point swaps, like this one.",
                 [Create(mirror), FadeIn(mirror_label)], Transform(ghost, reflected, run_time=2.5), Indicate(pair, color=ACCENT))


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

    def segment(self, lo: float, hi: float) -> Line:
        """The values from ``lo`` to ``hi`` on the set's scale, as a bar under its dots."""
        return Line(self.at(lo), self.at(hi), color=MUTED, stroke_width=8).set_opacity(0.6).set_z_index(-1)

    def dot(self, value: float, side) -> VGroup:
        dot = Dot(self.at(value), radius=0.06, color=FOREGROUND)
        label = formula(number_tex(value, "step"), size=26, color=MUTED)
        label.next_to(dot, side, buff=0.15)  # beside its dot, in one column; spread() pulls close ones apart vertically
        self.labels.append(label)
        return VGroup(dot, label)

    def spread(self, gap: float = 0.22) -> None:
        """Labels in one column that nearly touch are pushed apart vertically, about their middle."""
        ordered = sorted(self.labels, key=lambda m: m.get_y())
        for _ in range(len(ordered)):
            moved = False
            for below, above in zip(ordered, ordered[1:]):
                if abs(below.get_x() - above.get_x()) > (below.width + above.width) / 2:
                    continue
                short = below.get_top()[1] + gap - above.get_bottom()[1]
                if short > 1e-6:
                    below.shift(DOWN * short / 2)
                    above.shift(UP * short / 2)
                    moved = True
            if not moved:
                break


def smooth(points: np.ndarray, color: str) -> VMobject:
    curve = VMobject(stroke_color=color, stroke_width=4)
    curve.set_points_smoothly(points)
    return curve

