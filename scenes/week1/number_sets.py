"""Week 1 -- the number sets N, Z, Q, R: nested, on the number line, and why the rationals are not enough.

One idea: the sets, and the gap in the rationals that the reals fill (sqrt 2 is not a fraction, proved)."""

from __future__ import annotations

import math

import numpy as np
import sympy
from manim import (DOWN, LEFT, RIGHT, UP, Circle, Create, Dot, FadeIn, FadeOut, Flash, Indicate, LaggedStart, Line, NumberLine,
                   RoundedRectangle, Square, Transform, Triangle, ValueTracker, VGroup, Write)

from calcviz import Function, latex, root_misses, sets
from scenes.kit.choreography import value_to
from scenes.kit.lecture import LectureScene
from scenes.kit.look import (ACCENT, AXIS, BACKGROUND, DERIVATIVE, FOREGROUND, FORMULA_SIZE, FUNCTION, MUTED, ROW_SIZE, SMALL_SIZE, TANGENT,
                             TICK_SIZE, WORKING_SIZE, formula, words)
from scenes.kit.numbers import distinct, number_tex

SET_COLORS = {"N": FUNCTION, "Z": DERIVATIVE, "Q": TANGENT, "R": ACCENT}
SET_TEX = {"N": r"\mathbb{N}", "Z": r"\mathbb{Z}", "Q": r"\mathbb{Q}", "R": r"\mathbb{R}"}
SET_NAMES = {"N": "natural numbers", "Z": "integers", "Q": "rationals", "R": "real numbers"}

# Nested boxes (width, height), innermost first; each ring leaves a strip of RING_SIDE on the left and right.
BOXES = {"N": (2.7, 1.5), "Z": (4.9, 2.9), "Q": (7.1, 4.3), "R": (9.3, 5.7)}
RING_SIDE = 1.1
DIAGRAM_CENTRE = np.array([-1.95, -0.45, 0.0])
LINE_Y = -0.6
ROWS_TOP, ROW_GAP = 2.95, 0.2  # the membership column: its top, and the space between rows


class NumberSets(LectureScene):
    """N in Z in Q in R with examples placed by calcviz.sets.number_set; the line; density and gaps; intervals."""

    def construct(self) -> None:
        p = self.params
        kinds = {text: sets.number_set(text) for text in p.examples}
        self.beat("Nested sets")
        self.show_title()
        boxes = self.nested_boxes()
        not_zero = formula(rf"0 \notin {SET_TEX['N']}", size=WORKING_SIZE, color=SET_COLORS["N"])  # said with N: the column's first row
        labels = self.place_examples(kinds, not_zero)
        first = next(iter(BOXES))
        self.play(Create(boxes[first][0]), run_time=0.8)  # the first box draws silently: the voice speaks over it
        for key in BOXES:
            examples = [text for text in p.examples if kinds[text] == key]
            shown = [labels[text] for text in examples]
            opening = [Write(boxes[key][1])] if key == first else [Create(boxes[key][0]), Write(boxes[key][1])]
            self.say(INTRO[key], opening, FadeIn(boxes[key][2]), *([Write(not_zero)] if key == "N" else []))
            if examples:
                self.say(examples_sentence(examples), *[[FadeIn(label[0], scale=1.4), FadeIn(label[1])] for label in shown])

        self.beat("The number line")
        line, marks = self.number_line(kinds)
        self.say("The real numbers fill a line, where each of these has its place.",
                 [FadeOut(VGroup(*boxes.values(), not_zero)), FadeOut(VGroup(*labels.values()))], Create(line),
                 LaggedStart(*[FadeIn(mark, shift=0.2 * DOWN) for mark in marks.values()], lag_ratio=0.3, run_time=2.5))

        self.gap(p.irrational, p.approximations, VGroup(line, *marks.values()), marks.get(p.irrational, line))

    # -- nested sets --------------------------------------------------------------------
    def nested_boxes(self) -> dict[str, VGroup]:
        boxes = {}
        for key, (width, height) in BOXES.items():
            box = RoundedRectangle(width=width, height=height, corner_radius=0.2, color=SET_COLORS[key], stroke_width=3)
            box.move_to(DIAGRAM_CENTRE)
            name = formula(SET_TEX[key], size=FORMULA_SIZE + 2, color=SET_COLORS[key])
            name.next_to(box.get_corner(UP + LEFT), DOWN + RIGHT, buff=0.12)
            members = words(MEMBERS[key], size=SMALL_SIZE, color=SET_COLORS[key]).next_to(name, RIGHT, buff=0.3)
            boxes[key] = VGroup(box, name, members)
        return boxes

    def place_examples(self, kinds: dict[str, str], first_row) -> dict[str, VGroup]:
        """Each example in the strip of its own ring: N inside its box, the others left and right of the next box in;
        its membership in the column right of the diagram, under ``first_row``."""
        labels, used = {}, {key: 0 for key in BOXES}
        order = list(BOXES)
        for text, key in kinds.items():
            slot = used[key]
            used[key] += 1
            shown = sets.written_latex(text)
            label = formula(shown, size=ROW_SIZE, color=SET_COLORS[key])
            if key == "N":
                spot = DIAGRAM_CENTRE + np.array([(slot - 1) * 0.85, -0.2, 0])
            else:
                inner_width = BOXES[order[order.index(key) - 1]][0]
                side = 1 if slot % 2 == 0 else -1
                x = side * (inner_width / 2 + RING_SIDE / 2)
                y = 0.2 - 0.95 * (slot // 2)
                spot = DIAGRAM_CENTRE + np.array([x, y, 0])
            label.move_to(spot)
            if label.width > RING_SIDE - 0.15:
                label.scale_to_fit_width(RING_SIDE - 0.15)
            labels[text] = VGroup(label, membership(key, text))
        column = VGroup(first_row, *[label[1] for label in labels.values()]).arrange(DOWN, aligned_edge=LEFT, buff=ROW_GAP)
        column.move_to([DIAGRAM_CENTRE[0] + BOXES["R"][0] / 2 + 0.4, ROWS_TOP, 0], aligned_edge=UP + LEFT)
        return labels

    def number_line(self, kinds: dict[str, str]) -> tuple[NumberLine, dict[str, VGroup]]:
        values = {text: float(Function(text).expr.evalf()) for text in kinds}
        lo = math.floor(min(min(values.values()), 0)) - 1
        hi = math.ceil(max(max(values.values()), 0)) + 1
        line = NumberLine(x_range=[lo, hi, 1], length=12.6, color=AXIS, include_numbers=True, font_size=TICK_SIZE,
                          decimal_number_config={"num_decimal_places": 0, "color": MUTED})
        line.move_to([0, LINE_Y, 0])
        marks, taken = {}, []  # taken: (level, left, right) of labels already placed
        for text in sorted(kinds, key=values.get):
            key = kinds[text]
            dot = Dot(line.n2p(values[text]), radius=0.08, color=SET_COLORS[key])
            label = formula(sets.written_latex(text), size=SMALL_SIZE, color=SET_COLORS[key])
            x = dot.get_center()[0]
            half = label.width / 2 + 0.12
            level = next(k for k in range(10) if all(not (lvl == k and l < x + half and x - half < r) for lvl, l, r in taken))
            taken.append((level, x - half, x + half))
            label.move_to([x, LINE_Y + 0.75 + 0.8 * level, 0])
            stem = Line(dot.get_center(), label.get_bottom() + 0.08 * DOWN, color=SET_COLORS[key], stroke_width=1.5)
            marks[text] = VGroup(stem, dot, label)
        return line, marks

    # -- the gap ------------------------------------------------------------------------------
    def gap(self, irrational: str, count: int, previous: VGroup, its_mark) -> VGroup:
        """Zoom in on the irrational between two whole numbers, then show that it is no fraction: for a square root
        of 2 the proof, line by line; for another, the best fractions closing in without reaching it."""
        target = float(Function(irrational).expr.evalf())
        lo = math.floor(target)
        shown = sets.written_latex(irrational)
        self.beat("A gap")
        line = NumberLine(x_range=[lo, lo + 1, 0.25], length=12.0, color=AXIS, include_numbers=True, font_size=SMALL_SIZE,
                          decimal_number_config={"num_decimal_places": 2, "color": MUTED})
        line.move_to([0, 2.0, 0])
        point = Dot(line.n2p(target), radius=0.1, color=SET_COLORS["R"]).set_z_index(3)
        name = formula(shown, size=FORMULA_SIZE + 2, color=SET_COLORS["R"]).next_to(point, UP, buff=0.3)
        self.say("Is every point of the line a fraction?", Indicate(its_mark, color=SET_COLORS["R"]))
        old_line = previous[0]
        start = old_line.n2p(lo)
        factor = (line.n2p(lo + 1) - line.n2p(lo))[0] / (old_line.n2p(lo + 1) - start)[0]
        zoom = previous.animate(run_time=1.6).scale(factor, about_point=start).shift(line.n2p(lo) - start).set_opacity(0)
        self.say(f"Zoom in between ${lo}$ and ${lo + 1}$, on ${shown}$.",
                 [zoom, FadeIn(line, run_time=1.6)], lambda: self.remove(previous), [FadeIn(point, scale=2), Write(name)])
        shown_steps, marks = VGroup(), VGroup()
        self.beat("Not a fraction")
        verdict = formula(rf"{shown} \in {SET_TEX['R']},\ {shown} \notin {SET_TEX['Q']}", size=FORMULA_SIZE + 4, color=SET_COLORS["R"])
        assert sets.number_set(irrational) == "R"  # checked with the parameters; the claim on screen is calcviz's
        if sympy.simplify(Function(irrational).expr - sympy.sqrt(2)) == 0:
            lines = [(r"\sqrt{2} = \tfrac{p}{q}", r"\ \text{in lowest terms}"),
                     (r"2 = p^2 / q^2,", r"\ \text{so } p^2 = 2q^2:", r"\ p^2 \text{ even}"),
                     (r"p \text{ odd} \Rightarrow p^2 \text{ odd;}", r"\ \text{so } p \text{ even}"),
                     (r"p = 2k:", r"\ 4k^2 = 2q^2,", r"\ q^2 = 2k^2"),
                     (r"q \text{ even too:}", r"\ \text{not lowest terms}")]
            shown_steps = VGroup(*[formula(*parts, size=FORMULA_SIZE + 2) for parts in lines]).arrange(DOWN, aligned_edge=LEFT, buff=0.28)
            shown_steps.move_to([0.6, -0.75, 0])
            self.say("Suppose $\\sqrt{2} = \\frac{p}{q}$, integers in lowest terms.", Write(shown_steps[0][0]), Write(shown_steps[0][1]))
            self.say("Squaring both sides, $2 = \\frac{p^2}{q^2}$, so $p^2 = 2q^2$: $p^2$ is even.",
                     Write(shown_steps[1][0]), Write(shown_steps[1][1]), Write(shown_steps[1][2]), Indicate(shown_steps[1][2], color=FOREGROUND))
            self.say("An odd $p$ would have an odd square, so $p$ is even.", Write(shown_steps[2][0]), Write(shown_steps[2][1]))
            self.say("Write $p = 2k$: then $4k^2 = 2q^2$, so $q^2 = 2k^2$ and $q$ is even too: not lowest terms.",
                     Write(shown_steps[3][0]), Write(shown_steps[3][1]), Write(shown_steps[3][2]), Write(shown_steps[4]),
                     [Indicate(shown_steps[4][1], color=SET_COLORS["R"]), Indicate(shown_steps[0][1], color=SET_COLORS["R"])])
            square = self.unit_square(shown)
            square.move_to([shown_steps.get_left()[0] - 0.55 - square[0].width / 2, shown_steps.get_center()[1], 0])
            verdict.next_to(shown_steps, DOWN, buff=0.4)
            self.say(f"So ${shown}$, the diagonal of a unit square, is real but not rational: it is irrational.",
                     [Create(square[0]), FadeIn(square[2])], [Create(square[1]), FadeIn(square[3])], Write(verdict))
            fine, marks = self.closing_in(irrational, count, line, point, name, VGroup(shown_steps, square), verdict)
            line = fine
        else:
            rows = VGroup()
            for k, fraction in enumerate(sets.rational_approximations(irrational, count)):
                gap = abs(float(fraction) - target)
                text = f"{fraction.p}/{fraction.q}" if fraction.q != 1 else f"{fraction.p}"
                rows.add(formula(rf"\left|{text} - {shown}\right| = {number_tex(gap, 'error')}", size=WORKING_SIZE, color=SET_COLORS["Q"]))
            shown_steps = rows.arrange(DOWN, aligned_edge=LEFT, buff=0.25).move_to([0, -0.75, 0])
            self.say("Fractions close in on it, each one closer than the last, but none is exact.",
                     LaggedStart(*[FadeIn(row) for row in rows], lag_ratio=0.6, run_time=3.5))
            verdict.next_to(shown_steps, DOWN, buff=0.4)
            self.say(f"So ${shown}$ is real but not rational.", Write(verdict))
            self.play(FadeOut(shown_steps), verdict.animate.move_to([0, -0.4, 0]), run_time=0.8)
        hole = Circle(radius=point.radius, stroke_color=SET_COLORS["R"], stroke_width=3, fill_color=BACKGROUND, fill_opacity=1)
        hole.move_to(point).set_z_index(4)
        self.say(f"The fractions alone leave a gap in the line at ${shown}$.",
                 [FadeOut(marks), FadeIn(hole, scale=2.5)], Indicate(hole, color=SET_COLORS["R"], scale_factor=2))
        self.say("The real numbers fill it, and every gap like it.", FadeOut(hole), Flash(point, color=SET_COLORS["R"]),
                 Indicate(verdict, color=SET_COLORS["R"]))
        return VGroup(line, point, name, verdict)

    def unit_square(self, shown: str) -> VGroup:
        """A unit square, its diagonal (the root of 2, by Pythagoras), the side's 1 and the diagonal's name."""
        side = 2.3
        box = Square(side_length=side, color=MUTED, stroke_width=3)
        diagonal = Line(box.get_corner(DOWN + LEFT), box.get_corner(UP + RIGHT), color=SET_COLORS["R"], stroke_width=4)
        ones = VGroup(formula("1", size=ROW_SIZE, color=MUTED).next_to(box, DOWN, buff=0.15),
                      formula("1", size=ROW_SIZE, color=MUTED).next_to(box, LEFT, buff=0.15))
        name = formula(shown, size=ROW_SIZE, color=SET_COLORS["R"]).move_to(box.get_center() + np.array([-0.45, 0.45, 0]))
        return VGroup(box, diagonal, ones, name)

    def closing_in(self, irrational: str, count: int, line: NumberLine, point, name, proof: VGroup, verdict) -> VGroup:
        """The best fractions for the root of 2 walk in on it from both sides, each marked below or above it; the line
        then zooms in to the last two, either side of it; each misses p^2 = 2 q^2 by one. Returns the zoomed line and
        the marks on it."""
        misses = root_misses.root_misses(2, count)
        target = float(Function(irrational).expr.evalf())
        shown = sets.written_latex(irrational)
        # the fractions then the root itself, with the digits that keep each apart from the next (41/29 from the root)
        values = distinct([m.value for m in misses] + [target])
        root_value = values.pop()
        rows = VGroup()
        for miss, value in zip(misses, values):
            exact = float(value) == miss.value
            near = rf" = {value.rstrip('0').rstrip('.')}" if exact else rf" \approx {value}"
            side = "<" if miss.below else ">"
            rows.add(formula(rf"{miss.p}/{miss.q}{near} {side} {shown}", rf"\quad {miss.p}^2 = {miss.p_squared},",
                             rf"\ \ 2 \cdot {miss.q}^2 = {miss.n_q_squared}", size=WORKING_SIZE, color=SET_COLORS["Q"]))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        column = max(row[0].get_right()[0] for row in rows) + 0.5  # the squares in a column of their own
        for row in rows:
            row[1:].shift(RIGHT * (column - row[1].get_left()[0]))
        rows.move_to([0, -0.7, 0])
        at = ValueTracker(misses[0].value)  # where the marker stands on the line
        marker = Triangle(color=SET_COLORS["Q"], fill_opacity=1, stroke_width=0).scale(0.11)  # under the line, pointing up at p/q
        marker.add_updater(lambda m: m.move_to(line.n2p(at.get_value()) + 0.16 * DOWN))
        self.tie(at, marker)
        said = ", ".join(f"${m.p}$" if m.q == 1 else f"$\\frac{{{m.p}}}{{{m.q}}}$" for m in misses[:-1])
        last, before = misses[-1], misses[-2]
        self.say(f"Fractions close in on it, from both sides: {said} and $\\frac{{{last.p}}}{{{last.q}}}$.",
                 [FadeOut(proof), verdict.animate.move_to([0, -3.2, 0])], [FadeIn(marker, scale=2), FadeIn(rows[0][0])],
                 *[[value_to(at, m.value), FadeIn(row[0])] for m, row in zip(misses[1:], rows[1:])])
        # zoom on the last two fractions: a finer line in the same place, its ticks either side of the root
        lo, hi = sorted((last.value, before.value))
        step = 10 ** math.floor(math.log10(hi - lo))
        fine_lo, fine_hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
        places = max(0, -math.floor(math.log10(step)))
        fine = NumberLine(x_range=[fine_lo, fine_hi, step], length=line.get_length(), color=AXIS, include_numbers=True,
                          font_size=SMALL_SIZE, decimal_number_config={"num_decimal_places": places, "color": MUTED})
        fine.shift(line.n2p(line.x_range[0]) - fine.n2p(fine_lo))
        marks = VGroup()
        for miss, value in ((last, values[-1]), (before, values[-2])):
            tip = Triangle(color=SET_COLORS["Q"], fill_opacity=1, stroke_width=0).scale(0.11).move_to(fine.n2p(miss.value) + 0.16 * DOWN)
            tag = formula(rf"{miss.p}/{miss.q} \approx {value}", size=SMALL_SIZE, color=SET_COLORS["Q"])
            tag.next_to(tip, DOWN, buff=0.45)
            marks.add(VGroup(tip, tag))
        root_name = formula(rf"{shown} \approx {root_value}", size=FORMULA_SIZE, color=SET_COLORS["R"])
        root_name.next_to(fine.n2p(target), UP, buff=0.35)
        self.say(f"Closer up, $\\frac{{{last.p}}}{{{last.q}}}$ sits just {'below' if last.below else 'above'} ${shown}$.",
                 [FadeOut(line), FadeOut(marker), FadeIn(fine), point.animate.move_to(fine.n2p(target)), Transform(name, root_name)],
                 [FadeIn(mark, shift=0.2 * UP) for mark in marks])
        self.say(f"Yet $p^2$ and $2q^2$ always miss by one: none is exactly ${shown}$.",
                 LaggedStart(*[FadeIn(row[1:]) for row in rows], lag_ratio=0.5, run_time=2.5),
                 Indicate(VGroup(*[row[1:] for row in rows]), color=FOREGROUND, scale_factor=1.05))
        self.closing = VGroup(rows, marks)
        return VGroup(fine, marks)

MEMBERS = {"N": r"$1, 2, 3, \dots$", "Z": r"adds $0, -1, -2, \dots$", "Q": r"$p/q$, with $p, q$ integers, $q \neq 0$",
           "R": r"adds the irrationals $\mathbb{R} \setminus \mathbb{Q}$: not fractions"}
INTRO = {
    "N": "The natural numbers $1, 2, 3$ and so on count things; in this course $0$ is not one of them.",
    "Z": "The integers add $0$ and the negatives.",
    "Q": "The rationals add the fractions $\\frac{p}{q}$, with $p$ and $q$ integers and $q$ not zero.",
    "R": "The real numbers add the numbers that are not fractions: the irrationals.",
}


def examples_sentence(examples: list[str]) -> str:
    """What is said while a ring's examples appear (each with its value where it is written otherwise, and the step
    between them where there is one: two roots under one root)."""
    said = []
    for text in examples:
        written, value, step = sets.written_latex(text), value_tex(text), sets.roots_combined(text)
        if value == written:
            said.append(f"${written}$")
        elif step is not None:
            said.append(f"${written}$, which is ${step}$, that is ${value}$,")
        else:
            said.append(f"${written}$, which equals ${value}$,")
    listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    return f"Here: {listed.rstrip(',')}."


def value_tex(text: str) -> str:
    """The exact value of a typed number in LaTeX (a decimal as its fraction: 0.75 is 3/4)."""
    expr = Function(text).expr
    return latex(sympy.nsimplify(expr) if expr.is_Float else expr)


def membership(key: str, text: str):
    """'shown (= step = value) in S', a row of the column right of the diagram (placed with the others)."""
    shown, value, step = sets.written_latex(text), value_tex(text), sets.roots_combined(text)
    equal = "" if value == shown else (rf" = {value}" if step is None else rf" = {step} = {value}")
    return formula(rf"{shown}{equal} \in {SET_TEX[key]}", size=WORKING_SIZE, color=SET_COLORS[key])
