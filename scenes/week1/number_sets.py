"""Week 1 -- the number sets N, Z, Q, R: nested, on the number line, dense with gaps, and intervals."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, Create, Dot, FadeIn, FadeOut, Line, NumberLine, RoundedRectangle, VGroup, Write

from calcviz import Function, latex, sets
from scenes.kit.lecture import LectureScene
from scenes.week1.pacing import hold
from scenes.kit.look import ACCENT, AXIS, DERIVATIVE, FUNCTION, MUTED, TANGENT, formula, tex_number, words

SET_COLORS = {"N": FUNCTION, "Z": DERIVATIVE, "Q": TANGENT, "R": ACCENT}
SET_TEX = {"N": r"\mathbb{N}", "Z": r"\mathbb{Z}", "Q": r"\mathbb{Q}", "R": r"\mathbb{R}"}
SET_NAMES = {"N": "natural numbers", "Z": "integers", "Q": "rationals", "R": "real numbers"}

# Nested boxes (width, height), innermost first; each ring leaves a strip of RING_SIDE on the left and right.
BOXES = {"N": (2.7, 1.5), "Z": (4.9, 2.9), "Q": (7.1, 4.3), "R": (9.3, 5.7)}
RING_SIDE = 1.1
DIAGRAM_CENTRE = np.array([-1.95, -0.45, 0.0])
LINE_Y = -0.6
ROWS_TOP, ROW_STEP = 2.55, 0.7  # the membership column
DENOMINATORS = 8  # rationals p/q with q up to this are ticked to show density


class NumberSets(LectureScene):
    """N in Z in Q in R with examples placed by calcviz.sets.number_set; the line; density and gaps; intervals."""

    def construct(self) -> None:
        p = self.params
        kinds = {text: sets.number_set(text) for text in p.examples}
        self.beat("Title", "First, the numbers that functions act on.")
        self.show_title()

        self.beat("Nested sets", "The natural numbers one, two, three sit inside the integers, which add zero and the negatives. "
                  "Those sit inside the rationals, the fractions, and all of them sit inside the real numbers.")
        boxes = self.nested_boxes()
        for key in reversed(list(BOXES)):
            self.play(Create(boxes[key]), run_time=self.t(1.5))
        hold(self, 1.5)

        self.beat("Sorting numbers", "Each number goes into the smallest set that holds it. The square root of eight over the square root "
                  "of two looks irrational, but it equals two, a natural number.")
        labels = self.place_examples(kinds)
        for text in p.examples:
            self.play(FadeIn(labels[text], scale=1.4), run_time=self.t(0.8))
            self.pause(0.5)
        hold(self, 2)

        self.beat("The number line", "The real numbers fill a line. Every example has its own place on it, "
                  "whichever set it comes from.")
        self.play(FadeOut(VGroup(*boxes.values())), FadeOut(VGroup(*labels.values())), run_time=self.t(1))
        line, marks = self.number_line(kinds)
        self.play(Create(line), run_time=self.t(1.5))
        for mark in marks:
            self.play(FadeIn(mark, shift=0.2 * DOWN), run_time=self.t(0.6))
        hold(self, 2.5)

        gap_picture = self.dense_but_gaps(p.irrational, p.approximations, VGroup(line, *marks))

        self.beat("Intervals", "A piece of the line between two numbers is an interval. A square bracket keeps the end point, "
                  "a round bracket leaves it out.")
        self.play(FadeOut(gap_picture), run_time=self.t(1))
        self.intervals(*p.interval)

    # -- nested sets --------------------------------------------------------------------
    def nested_boxes(self) -> dict[str, VGroup]:
        boxes = {}
        for key, (width, height) in BOXES.items():
            box = RoundedRectangle(width=width, height=height, corner_radius=0.2, color=SET_COLORS[key], stroke_width=3)
            box.move_to(DIAGRAM_CENTRE)
            name = formula(SET_TEX[key], size=40, color=SET_COLORS[key])
            name.next_to(box.get_corner(UP + LEFT), DOWN + RIGHT, buff=0.12)
            boxes[key] = VGroup(box, name)
        return boxes

    def place_examples(self, kinds: dict[str, str]) -> dict[str, VGroup]:
        """Each example in the strip of its own ring: N inside its box, the others left and right of the next box in."""
        labels, used = {}, {key: 0 for key in BOXES}
        order = list(BOXES)
        for text, key in kinds.items():
            slot = used[key]
            used[key] += 1
            shown = sets.written_latex(text)
            label = formula(shown, size=34, color=SET_COLORS[key])
            if key == "N":
                spot = DIAGRAM_CENTRE + np.array([(slot - 1) * 0.85, -0.2, 0])
            else:
                inner_width = BOXES[order[order.index(key) - 1]][0]
                side = 1 if slot % 2 == 0 else -1
                x = side * (inner_width / 2 + RING_SIDE / 2)
                y = 0.45 - 0.95 * (slot // 2)
                spot = DIAGRAM_CENTRE + np.array([x, y, 0])
            label.move_to(spot)
            if label.width > RING_SIDE - 0.15:
                label.scale_to_fit_width(RING_SIDE - 0.15)
            labels[text] = VGroup(label, membership(key, shown, latex(Function(text).expr), len(labels)))
        return labels

    def number_line(self, kinds: dict[str, str]) -> tuple[NumberLine, list[VGroup]]:
        values = {text: float(Function(text).expr.evalf()) for text in kinds}
        lo = math.floor(min(min(values.values()), 0)) - 1
        hi = math.ceil(max(max(values.values()), 0)) + 1
        line = NumberLine(x_range=[lo, hi, 1], length=12.6, color=AXIS, include_numbers=True, font_size=26,
                          decimal_number_config={"num_decimal_places": 0, "color": MUTED})
        line.move_to([0, LINE_Y, 0])
        marks, taken = [], []  # taken: (level, left, right) of labels already placed
        for text in sorted(kinds, key=values.get):
            key = kinds[text]
            dot = Dot(line.n2p(values[text]), radius=0.08, color=SET_COLORS[key])
            label = formula(sets.written_latex(text), size=30, color=SET_COLORS[key])
            x = dot.get_center()[0]
            half = label.width / 2 + 0.12
            level = next(k for k in range(10) if all(not (lvl == k and l < x + half and x - half < r) for lvl, l, r in taken))
            taken.append((level, x - half, x + half))
            label.move_to([x, LINE_Y + 0.75 + 0.8 * level, 0])
            stem = Line(dot.get_center(), label.get_bottom() + 0.08 * DOWN, color=SET_COLORS[key], stroke_width=1.5)
            marks.append(VGroup(stem, dot, label))
        return line, marks

    # -- density and gaps ---------------------------------------------------------------------
    def dense_but_gaps(self, irrational: str, count: int, previous: VGroup) -> VGroup:
        """Rationals ticked densely, the best fractions closing in on an irrational that none reaches; returns what is shown."""
        target = float(Function(irrational).expr.evalf())
        lo = math.floor(target)
        shown = sets.written_latex(irrational)
        self.beat("Dense rationals", f"Zoom in between {lo} and {lo + 1}. Fractions are everywhere: between any two of them "
                  "sits another, their average. Here are all those with denominator up to eight.")
        line = NumberLine(x_range=[lo, lo + 1, 0.25], length=12.0, color=AXIS, include_numbers=True, font_size=26,
                          decimal_number_config={"num_decimal_places": 2, "color": MUTED})
        line.move_to([0, 1.2, 0])
        self.play(FadeOut(previous), run_time=self.t(1))
        fractions = sorted({(p, q) for q in range(1, DENOMINATORS + 1) for p in range(lo * q, (lo + 1) * q + 1)}, key=lambda f: f[0] / f[1])
        ticks = VGroup(*[Line(line.n2p(p / q) + 0.18 * UP, line.n2p(p / q) + 0.18 * DOWN, color=TANGENT, stroke_width=2)
                         for p, q in fractions])
        self.play(Create(line), run_time=self.t(1.2))
        self.play(Create(ticks, lag_ratio=0.05), run_time=self.t(2.5))
        hold(self, 3)

        self.beat("A gap", f"Yet some points are missed. The best fractions for {spoken(irrational)} come closer and closer, "
                  "but none is exact: if it were p over q, then p squared would equal two q squared, and that cannot happen.")
        point = Dot(line.n2p(target), radius=0.09, color=ACCENT)
        name = formula(shown, size=34, color=ACCENT).next_to(point, UP, buff=0.35)
        self.play(ticks.animate.set_opacity(0.3), FadeIn(point, scale=2), Write(name), run_time=self.t(1.2))
        header = VGroup(formula(r"p/q", size=30, color=TANGENT),
                        formula(rf"\left|\tfrac{{p}}{{q}} - {shown}\right|", size=30, color=MUTED)).arrange(RIGHT, buff=1.4)
        header.move_to([0, 0.05, 0])
        rows = []
        for k, fraction in enumerate(sets.rational_approximations(irrational, count)):
            gap = abs(float(fraction) - target)
            shown_fraction = f"{fraction.p}/{fraction.q}" if fraction.q != 1 else f"{fraction.p}"
            row = VGroup(formula(shown_fraction, size=30, color=TANGENT), formula(tex_number(gap, 3), size=30, color=MUTED))
            row[0].move_to([header[0].get_x(), -0.6 - 0.55 * k, 0])
            row[1].move_to([header[1].get_x(), row[0].get_y(), 0])
            marker = Circle(radius=0.13, color=TANGENT, stroke_width=3).move_to(line.n2p(float(fraction)))
            rows.append(VGroup(row, marker))
        self.play(FadeIn(header), run_time=self.t(0.6))
        for row in rows:
            self.play(FadeIn(row[0]), Create(row[1]), run_time=self.t(0.8))
            self.pause(0.6)
        verdict = formula(rf"{shown} \in {SET_TEX['R']} \setminus {SET_TEX['Q']}", size=38, color=ACCENT)
        verdict.next_to(header, RIGHT, buff=1.2)
        assert sets.number_set(irrational) == "R"  # checked with the parameters; the claim on screen is calcviz's
        self.play(Write(verdict), run_time=self.t(1.2))
        hold(self, 4)
        return VGroup(line, ticks, point, name, header, verdict, *rows)

    # -- intervals --------------------------------------------------------------------------
    def intervals(self, a: float, b: float) -> None:
        span = max(1.0, (b - a) / 2)
        lo, hi = math.floor(a - span), math.ceil(b + span)
        line = NumberLine(x_range=[lo, hi, 1], length=5.6, color=AXIS, include_numbers=True, font_size=24,
                          decimal_number_config={"num_decimal_places": 0, "color": MUTED})
        line.move_to([0.2, -2.3, 0])
        at, bt = tex_number(a), tex_number(b)
        kinds = [  # bracket notation, set-builder condition, closed left end, closed right end
            (rf"[{at}, {bt}]", rf"{at} \le x \le {bt}", True, True),
            (rf"({at}, {bt})", rf"{at} < x < {bt}", False, False),
            (rf"[{at}, {bt})", rf"{at} \le x < {bt}", True, False),
        ]
        self.play(Create(line), run_time=self.t(1))
        for row, (bracket, condition, closed_left, closed_right) in enumerate(kinds):
            y = 1.4 - 1.05 * row
            start, end = line.n2p(a)[0], line.n2p(b)[0]
            bar = Line([start, y, 0], [end, y, 0], color=FUNCTION, stroke_width=6)
            ends = VGroup(*[Dot([x, y, 0], radius=0.1, color=FUNCTION, fill_opacity=1.0 if closed else 0.0, stroke_width=3)
                            .set_fill(FUNCTION if closed else "#111318", opacity=1.0)
                            for x, closed in ((start, closed_left), (end, closed_right))])
            guides = VGroup(*[Line([x, y, 0], [x, line.get_y() + 0.15, 0], color=MUTED, stroke_width=1) for x in (start, end)])
            guides.set_opacity(0.35)
            name = formula(bracket, size=36, color=FUNCTION).move_to([-5.2, y, 0])
            rule = formula(rf"\{{x : {condition}\}}", size=32).move_to([4.6, y, 0])
            self.play(Write(name), Create(bar), FadeIn(ends), Create(guides), run_time=self.t(1.2))
            self.play(Write(rule), run_time=self.t(0.8))
            self.pause(2.2)
        note = words("filled dot: the end belongs to the interval", size=28, color=MUTED).move_to([0.2, -3.35, 0])
        self.play(FadeIn(note), run_time=self.t(0.8))
        hold(self, 4)


def membership(key: str, shown: str, value_tex: str, index: int):
    """'shown (= value) in S', in the column right of the diagram, row ``index``."""
    equal = "" if value_tex == shown else rf" = {value_tex}"
    row = formula(rf"{shown}{equal} \in {SET_TEX[key]}", size=30, color=SET_COLORS[key])
    if row.height > ROW_STEP - 0.08:
        row.scale_to_fit_height(ROW_STEP - 0.08)
    left = DIAGRAM_CENTRE[0] + BOXES["R"][0] / 2 + 0.4
    return row.move_to([left + row.width / 2, ROWS_TOP - ROW_STEP * index, 0])


def spoken(text: str) -> str:
    """Narration for a typed number: 'sqrt(2)' reads 'the square root of 2'."""
    if text.startswith("sqrt(") and text.endswith(")") and text.count("(") == 1:
        return f"the square root of {text[5:-1]}"
    return text
