"""Week 2 -- the famous limits: sin(x)/x by the unit-circle squeeze, then (1 + 1/x)^x -> e.

sin x < x < tan x is shown, not asserted: the small triangle lies in the sector, which lies in the big triangle,
and their areas (calcviz.unit_circle) are half the three lengths.

Told sentence by sentence: the three lengths sin x < x < tan x on a labelled unit circle, the
squeeze worked out and watched in readouts that keep the order visible; e as compound interest.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import sympy
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arc,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    Polygon,
    ReplacementTransform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from calcviz import Function, limits, unit_circle
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, FOREGROUND, FUNCTION, LABEL_SIZE, MUTED, SECANT, TANGENT, formula
from scenes.kit.numbers import decimals, number_tex
from scenes.kit.plotting import dashed_segments, graph, make_axes, point_at, polyline_points, window_for
from scenes.kit.readouts import readout

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
RADIUS = 4.3
ORIGIN = np.array([-6.4, -3.4, 0.0])
SIN_COLOR, ARC_COLOR, TAN_COLOR = SECANT, ACCENT, TANGENT
SINE, COSINE, TANGENT_F = Function("sin(x)"), Function("cos(x)"), Function("tan(x)")
INTEREST = Function("(1 + 1/x)^x")
INSTALMENTS = ((1, "once a year"), (2, "twice"), (12, "monthly"), (365, "daily"))
ROW_SIZE = 34


class FamousLimits(LectureScene):
    """Two limits every later week leans on, each worked out on its own picture."""

    def construct(self) -> None:
        self.beat("Unit circle")
        header = self.show_title()
        self.squeeze()
        self.e_limit(keep=header)  # (e^x - 1)/x is no longer here: a third limit, and its "slope exactly 1" argued in a circle

    # ------------------------------------------------------------------ sin(x)/x
    def squeeze(self) -> None:
        p = self.params
        angle = ValueTracker(p.angles[0])
        x0 = p.angles[0]
        quarter = np.linspace(0, math.pi / 2, 90)
        circle = VMobject(stroke_color=MUTED, stroke_width=2).set_points_as_corners(self.scene_points(np.cos(quarter), np.sin(quarter)))
        frame = VGroup(Line(ORIGIN, self.scene_point(1.15, 0), color=MUTED, stroke_width=2),
                       Line(ORIGIN, self.scene_point(0, 1.12), color=MUTED, stroke_width=2))
        sine, arc, tangent = (VMobject(stroke_color=c, stroke_width=6) for c in (SIN_COLOR, ARC_COLOR, TAN_COLOR))
        ray = VMobject(stroke_color=MUTED, stroke_width=2)

        def update(_):
            x = angle.get_value()
            ts = np.linspace(0, x, 40)
            sine.points = polyline_points(self.scene_points([math.cos(x)] * 2, [0, SINE(x)]))
            arc.points = polyline_points(self.scene_points(np.cos(ts), np.sin(ts)))
            tangent.points = polyline_points(self.scene_points([1, 1], [0, TANGENT_F(x)]))
            ray.points = polyline_points(self.scene_points([0, 1], [0, TANGENT_F(x)]))

        pieces = VGroup(ray, sine, arc, tangent)
        update(pieces)
        pieces.add_updater(update)
        self.tie(angle, pieces)

        one = formula("1", size=LABEL_SIZE, color=MUTED).move_to(self.scene_point(0.5 * math.cos(x0), 0.5 * math.sin(x0)))
        one.shift(0.28 * np.array([-math.sin(x0), math.cos(x0), 0]))
        mark = Arc(radius=0.6, start_angle=0, angle=x0, arc_center=ORIGIN, color=FOREGROUND, stroke_width=2)
        mark_label = formula("x", size=LABEL_SIZE).move_to(ORIGIN + 0.85 * np.array([math.cos(x0 / 2), math.sin(x0 / 2), 0]))
        self.play(Create(frame), Create(circle), run_time=1.0)  # the stage draws silently: the voice speaks over it
        self.say("On the unit circle take an angle $x$, in radians, between $0$ and $\\frac{\\pi}{2}$.",
                 [Create(ray), Write(one)], [Create(mark), Write(mark_label)])

        sin_label = formula(r"\sin x", size=LABEL_SIZE + 2, color=SIN_COLOR).next_to(sine, LEFT, buff=0.12)
        arc_label = formula("x", size=LABEL_SIZE + 2, color=ARC_COLOR).next_to(self.scene_point(math.cos(x0 / 2), math.sin(x0 / 2)), RIGHT + UP, buff=0.1)
        tan_label = formula(r"\tan x", size=LABEL_SIZE + 2, color=TAN_COLOR).next_to(tangent, RIGHT, buff=0.12)
        self.say("Three lengths come with it: the height $\\sin x$, the arc, of length $x$, and the tangent segment $\\tan x$.",
                 [Create(sine), Write(sin_label)], [Create(arc), Write(arc_label)], [Create(tangent), Write(tan_label)])

        left = Panel(left=-0.9, top=2.9, right=2.5)
        right = Panel(left=2.9, top=2.9)
        places = decimals(p.angles[-1])  # enough digits that the smallest angle keeps the three apart
        live = [(r"\sin x =", lambda x: SINE(x), SIN_COLOR), ("x =", lambda x: x, ARC_COLOR), (r"\tan x =", lambda x: TANGENT_F(x), TAN_COLOR)]
        rows = VGroup(*[self.live_row(tex, value, angle, places, color) for tex, value, color in live]).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        left.place(rows)
        chain = formula(r"\sin x < x < \tan x", r"\text{for } 0 < x < \frac{\pi}{2}", size=ROW_SIZE)
        chain[1].scale(0.8).next_to(chain[0], DOWN, aligned_edge=LEFT, buff=0.15)
        right.place(chain)
        regions = self.nested_regions(x0)
        work = VGroup(*[formula(step, size=32, color=color) for step, color in zip(regions.work, (SIN_COLOR, ARC_COLOR, TAN_COLOR, FOREGROUND))])
        work.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to(rows, aligned_edge=UP + LEFT)  # where the readouts come next
        if work.get_right()[0] > 7.0:
            work.scale_to_fit_width(7.0 - work.get_left()[0], about_edge=UP + LEFT)
        self.say("Compare areas: the small triangle, of area $\\frac{\\sin x}{2}$, lies inside the sector, of area $\\frac{x}{2}$.",
                 [FadeIn(regions.small), Write(work[0])], [FadeIn(regions.sector), Write(work[1])])
        self.say("And the sector lies inside the big triangle, of area $\\frac{\\tan x}{2}$.",
                 [FadeIn(regions.big), Write(work[2])])
        self.say("Double them, and the three lengths are in order: $\\sin x < x < \\tan x$.",
                 Write(work[3]), [FadeOut(work[:3]), ReplacementTransform(work[3], chain)], FadeIn(rows))

        self.beat("The squeeze")
        divided = right.place(formula(r"1 < \frac{x}{\sin x} < \frac{1}{\cos x}", size=ROW_SIZE), buff=0.35)
        self.say("Divide by $\\sin x$, which is positive: $1 < \\frac{x}{\\sin x} < \\frac{1}{\\cos x}$.", Write(divided))
        flipped = right.place(formula(r"\cos x < \frac{\sin x}{x} < 1", size=ROW_SIZE, color=FUNCTION), buff=0.35)
        squeeze_rows = VGroup(self.live_row(r"\cos x =", lambda x: COSINE(x), angle, places, MUTED),
                              self.live_row(r"\sin x / x =", lambda x: SINE(x) / x, angle, places, FUNCTION)
                              ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        left.place(squeeze_rows, buff=0.5)
        self.say("Flip all three, reversing the order: $\\cos x < \\frac{\\sin x}{x} < 1$.",
                 Write(flipped), FadeIn(squeeze_rows))

        self.beat("Shrink the angle")
        half = max(2, len(p.angles) // 2 + 1)
        self.say("Now shrink the angle: the order never changes.",
                 [FadeOut(sin_label), FadeOut(arc_label), FadeOut(tan_label), FadeOut(one), FadeOut(mark), FadeOut(mark_label),
                  FadeOut(VGroup(regions.small, regions.sector, regions.big))],
                 *[value_to(angle, v, 1.6) for v in p.angles[1:half]])
        self.say("And $\\cos x$ climbs to $1$, so $\\frac{\\sin x}{x}$, caught in between, must go to $1$ too.",
                 *[value_to(angle, v, 1.6) for v in p.angles[half:]], Indicate(squeeze_rows[1], color=FUNCTION))
        limit = limits.limit("sin(x)/x", 0)
        mirror = right.place(formula(r"\frac{\sin(-x)}{-x} = \frac{-\sin x}{-x} = \frac{\sin x}{x}", size=ROW_SIZE - 2), buff=0.35)
        result = right.place(formula(rf"\lim_{{x \to 0}} \frac{{\sin x}}{{x}} = {number_tex(limit, 'count')}", color=FUNCTION), buff=0.5)
        self.say("For negative $x$ the ratio is the same, since $\\sin(-x) = -\\sin x$.", Write(mirror))
        self.say("So from both sides, the limit is $1$.", Write(result), Indicate(result, color=FUNCTION))

    def nested_regions(self, x: float):
        """The triangle, the sector and the big triangle at angle ``x``, filled in the colours of sin x, x and tan x,
        with the working of their areas (calcviz.unit_circle)."""
        areas = unit_circle.nested_areas(x)
        ts = np.linspace(0, x, 40)
        small = Polygon(*[self.scene_point(*c) for c in areas.small_triangle], stroke_width=0, fill_color=SIN_COLOR, fill_opacity=0.22)
        sector = VMobject(stroke_width=0, fill_color=ARC_COLOR, fill_opacity=0.28)
        sector.set_points_as_corners([ORIGIN, *self.scene_points(np.cos(ts), np.sin(ts)), ORIGIN])
        big = Polygon(*[self.scene_point(*c) for c in areas.big_triangle], stroke_width=0, fill_color=TAN_COLOR, fill_opacity=0.2)
        for z, region in enumerate((big, sector, small)):
            region.set_z_index(-3 + z)
        assert areas.ordered
        return SimpleNamespace(small=small, sector=sector, big=big, work=areas.steps[:4])

    def live_row(self, label: str, value, tracker: ValueTracker, places: int, color: str) -> VGroup:
        """``label`` and a readout of ``value(tracker)``, ``places`` decimals, updated only while the tracker moves."""
        shown = readout(value(tracker.get_value()), decimals=places, size=ROW_SIZE, color=color)
        shown.add_updater(lambda m: m.set_value(value(tracker.get_value())))
        self.tie(tracker, shown)
        return VGroup(formula(label, size=ROW_SIZE, color=color), shown).arrange(RIGHT, buff=0.2)

    # ------------------------------------------------------------------ e
    def e_limit(self, keep) -> None:
        p = self.params
        f = p.e_function
        value = limits.limit(f, math.inf)
        self.beat("The number e")
        axes = self.axes_for(lambda xs: np.concatenate([f(xs), [0, value * 1.1]]), p.e_interval, from_zero=True)
        panel = Panel.beside(axes)
        label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        lo, hi = p.e_interval
        curve = graph(axes, f, lo=lo, color=p.function_color)
        self.clear_all_but(keep, run_time=self.t(0.8))
        self.play(Create(axes), run_time=0.8)  # silent: the curve comes with the sentence that names it
        story = bool(sympy.simplify(f.expr - INTEREST.expr.xreplace({INTEREST.symbol: f.symbol})) == 0)
        if story:
            self.say("Next, $\\left(1 + \\frac{1}{x}\\right)^x$: $1$ euro after a year at $100$ percent interest, paid in $x$ instalments.",
                     [Create(curve), FadeIn(label)], Indicate(label, color=p.function_color))
            table, shows, said = VGroup(), [], []
            for n, how in INSTALMENTS:
                balance = f(float(n))
                row = formula(rf"\text{{{how}:}}\ \left(1 + \tfrac{{1}}{{{n}}}\right)^{{{n}}} = {number_tex(balance)}", size=30)
                table.add(row)
                show = [FadeIn(row)]
                if lo <= n <= hi:
                    show.append(FadeIn(Dot(point_at(axes, n, balance), color=TANGENT, radius=0.07).set_z_index(3), scale=2))
                shows.append(show)
                said.append(f"{how}, ${number_tex(balance)}$")
            table.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
            panel.place(table, buff=0.45)
            self.say(f"Paid {said[0]}; {said[1]}; {said[2]}; {said[3]}.", *shows)
        else:
            self.say(f"Next, $f(x) = {f.latex}$ as $x$ grows.", [Create(curve), FadeIn(label)])
        level = dashed_segments([point_at(axes, lo, value)], [point_at(axes, hi, value)], color=TANGENT, width=2)
        result = panel.place(formula(rf"\lim_{{x \to \infty}} f(x) = e \approx {number_tex(value)}", color=TANGENT), buff=0.45)
        e_name = formula("e", size=LABEL_SIZE + 4, color=TANGENT).next_to(point_at(axes, hi, value), UP + LEFT, buff=0.1)
        more = "More instalments pay more, and the amounts" if story else "It climbs, and its values"
        self.say(f"{more} close in on the number $e \\approx {number_tex(value)}$.", [Create(level), Write(e_name)], Write(result))

    # ------------------------------------------------------------------ pieces
    @staticmethod
    def scene_points(xs, ys) -> np.ndarray:
        """Unit-circle coordinates to scene points."""
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        return ORIGIN + RADIUS * np.column_stack([xs, ys, np.zeros_like(xs)])

    @classmethod
    def scene_point(cls, x: float, y: float) -> np.ndarray:
        return cls.scene_points([x], [y])[0]

    def axes_for(self, values, interval, from_zero: bool = False):
        """Axes over the interval; with ``from_zero`` the x-axis starts at 0 even if the interval starts just after it."""
        x_window, y_window = window_for(values, *interval)
        if from_zero and 0 < interval[0] < x_window[2]:
            x_window = (0.0, x_window[1], x_window[2])
        return make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)

