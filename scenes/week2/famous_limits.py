"""Week 2 -- the famous limit sin(x)/x -> 1, by the unit-circle squeeze.

sin x < x < tan x is shown, not asserted: the small triangle lies in the sector, which lies in the big triangle,
and their areas (calcviz.unit_circle) are half the three lengths.

Told sentence by sentence: the three lengths sin x < x < tan x on a labelled unit circle, the
squeeze worked out and watched in readouts that keep the order visible, while the whole wedge (vertex,
arc, sin x and tan x named) stays in sight and thins as the angle shrinks; the squeeze theorem named.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arc,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    ReplacementTransform,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
)

from calcviz import Function, limits, unit_circle
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, FOREGROUND, FUNCTION, LABEL_SIZE, MUTED, ROW_SIZE, SECANT, TANGENT, formula, words
from scenes.kit.numbers import decimals, number_tex
from scenes.kit.plotting import polyline_points
from scenes.kit.readouts import readout

RADIUS = 4.3
ORIGIN = np.array([-6.4, -3.4, 0.0])  # the circle's centre: the vertex stays here while the circle grows
CIRCLE_TOP = 2.9  # the circle is drawn below this height of the frame
WEDGE_HEIGHT = 3.0  # as the angle shrinks the circle grows so that tan x keeps about this height (scene units) ...
RADIUS_MAX = 7.9  # ... up to this radius: the vertex stays in frame, A = (1, 0) stays left of the formulas
PANEL_LEFT, PANEL_BOTTOM = -1.1, -0.2  # the grown circle is drawn only where it leaves the readouts free
SIN_COLOR, ARC_COLOR, TAN_COLOR = SECANT, ACCENT, TANGENT
SINE, COSINE, TANGENT_F = Function("sin(x)"), Function("cos(x)"), Function("tan(x)")


class FamousLimits(LectureScene):
    """One limit every later week leans on, sin(x)/x -> 1, worked out on the unit circle by the squeeze."""

    def construct(self) -> None:
        self.beat("Unit circle")
        self.show_title()
        self.squeeze()  # (1 + 1/x)^x -> e is no longer here: a second idea, and e was asserted, not argued

    # ------------------------------------------------------------------ sin(x)/x
    def squeeze(self) -> None:
        p = self.params
        angle = ValueTracker(p.angles[0])
        self.angle = angle
        x0 = p.angles[0]
        self.zoom_base = math.tan(x0)
        quarter = np.linspace(0, math.pi / 2, 360)
        circle = VMobject(stroke_color=MUTED, stroke_width=2)
        frame = VGroup(VMobject(stroke_color=MUTED, stroke_width=2), VMobject(stroke_color=MUTED, stroke_width=2))
        sine, arc, tangent = (VMobject(stroke_color=c, stroke_width=6) for c in (SIN_COLOR, ARC_COLOR, TAN_COLOR))
        ray = VMobject(stroke_color=MUTED, stroke_width=2)
        small = VMobject(stroke_width=0, fill_color=SIN_COLOR, fill_opacity=0.22).set_z_index(-1)
        sector = VMobject(stroke_color=ARC_COLOR, stroke_width=2.5, fill_color=ARC_COLOR, fill_opacity=0.28).set_z_index(-2)  # outlined
        big = VMobject(stroke_width=0, fill_color=TAN_COLOR, fill_opacity=0.2).set_z_index(-3)

        def update(_):
            x = angle.get_value()
            ts = np.linspace(0, x, 60)
            arc_points = self.scene_points(np.cos(quarter), np.sin(quarter))
            free = (arc_points[:, 1] <= PANEL_BOTTOM) | ((arc_points[:, 0] <= PANEL_LEFT) & (arc_points[:, 1] <= CIRCLE_TOP))
            drawn = int(np.argmin(free)) if not free.all() else len(free)  # from A up, as far as the frame is free
            circle.set_points_as_corners(arc_points[:max(drawn, 2)])
            # zoomed in, the circle is only a piece of arc cut off by the readouts: it fades out as the zoom grows
            circle.set_stroke(opacity=float(np.clip((1.5 * RADIUS - self.zoom()) / (0.5 * RADIUS), 0.0, 1.0)))
            frame[0].set_points_as_corners(self.scene_points([0, 1.0 + 0.15 * RADIUS / self.zoom()], [0, 0]))
            frame[1].set_points_as_corners(self.scene_points([0, 0], [0, min(1.12, (CIRCLE_TOP - ORIGIN[1]) / self.zoom())]))
            sine.points = polyline_points(self.scene_points([math.cos(x)] * 2, [0, SINE(x)]))
            arc.points = polyline_points(self.scene_points(np.cos(ts), np.sin(ts)))
            tangent.points = polyline_points(self.scene_points([1, 1], [0, TANGENT_F(x)]))
            ray.points = polyline_points(self.scene_points([0, 1], [0, TANGENT_F(x)]))
            areas = unit_circle.nested_areas(x)
            small.set_points_as_corners([*self.scene_points(*np.array(areas.small_triangle).T), self.scene_point(0, 0)])
            sector.set_points_as_corners([self.scene_point(0, 0), *self.scene_points(np.cos(ts), np.sin(ts)), self.scene_point(0, 0)])
            big.set_points_as_corners([*self.scene_points(*np.array(areas.big_triangle).T), self.scene_point(0, 0)])

        pieces = VGroup(circle, frame, ray, sine, arc, tangent)
        regions = SimpleNamespace(small=small, sector=sector, big=big)
        update(pieces)
        pieces.add_updater(update)
        self.tie(angle, pieces)

        one = formula("1", size=LABEL_SIZE, color=MUTED).move_to(self.scene_point(0.5 * math.cos(x0), 0.5 * math.sin(x0)))
        one.shift(0.28 * np.array([-math.sin(x0), math.cos(x0), 0]))
        mark = Arc(radius=0.6, start_angle=0, angle=x0, arc_center=self.scene_point(0, 0), color=FOREGROUND, stroke_width=2)
        mark_label = formula("x", size=LABEL_SIZE).move_to(self.scene_point(0, 0) + 0.85 * np.array([math.cos(x0 / 2), math.sin(x0 / 2), 0]))
        self.play(Create(frame), Create(circle), run_time=1.0)  # the stage draws silently: the voice speaks over it
        self.say("On the unit circle take an angle $x$, in radians, between $0$ and $\\frac{\\pi}{2}$.",
                 [Create(ray), Write(one)], [Create(mark), Write(mark_label)])

        sin_label = formula(r"\sin x", size=LABEL_SIZE + 2, color=SIN_COLOR).next_to(sine, LEFT, buff=0.12)
        sin_label.add_background_rectangle(color=BACKGROUND, opacity=0.85, buff=0.05)
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
        chain[1].next_to(chain[0], DOWN, aligned_edge=LEFT, buff=0.15)
        right.place(chain)
        work_steps = unit_circle.nested_areas(x0).steps[:4]
        work = VGroup(*[formula(step, size=32, color=color) for step, color in zip(work_steps, (SIN_COLOR, ARC_COLOR, TAN_COLOR, FOREGROUND))])
        work.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to(rows, aligned_edge=UP + LEFT)  # where the readouts come next
        if work.get_right()[0] > 7.0:
            work.scale_to_fit_width(7.0 - work.get_left()[0], about_edge=UP + LEFT)
        self.say("Compare areas: the small triangle, of area $\\frac{\\sin x}{2}$, lies inside the sector, of area $\\frac{x}{2}$.",
                 [FadeIn(regions.small), Write(work[0])], [FadeIn(regions.sector), Write(work[1])])
        self.say("And the sector lies inside the big triangle, of area $\\frac{\\tan x}{2}$.",
                 [FadeIn(regions.big), Write(work[2])])
        pieces.add(small, sector, big)  # the shading follows the angle from now on
        self.say("Double them, and the three lengths are in order: $\\sin x < x < \\tan x$.",
                 Write(work[3]), [FadeOut(work[:3]), ReplacementTransform(work[3], chain)], FadeIn(rows))

        self.beat("The squeeze")
        divided = right.place(formula(r"1 < \frac{x}{\sin x} < \frac{1}{\cos x}", size=ROW_SIZE), buff=0.35)
        self.say("Divide by $\\sin x$, which is positive: $1 < \\frac{x}{\\sin x} < \\frac{1}{\\cos x}$.", Write(divided))
        flipped = right.place(formula(r"\cos x < \frac{\sin x}{x} < 1", size=ROW_SIZE, color=FUNCTION), buff=0.35)
        squeeze_rows = VGroup(self.live_row(r"\cos x =", lambda x: COSINE(x), angle, places, FOREGROUND),
                              self.live_row(r"(\sin x)/x =", lambda x: SINE(x) / x, angle, places, FUNCTION)
                              ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        left.place(squeeze_rows, buff=0.5)
        self.say("Flip all three, reversing the order: $\\cos x < \\frac{\\sin x}{x} < 1$.",
                 Write(flipped), FadeIn(squeeze_rows))

        self.beat("Shrink the angle")
        half = max(2, len(p.angles) // 2 + 1)
        def follow_sine(m):  # the two outer lengths keep their names; a thin wedge leaves sin x no room: under its foot
            if sine.height > 1.5 * m.height:
                m.next_to(sine, LEFT, buff=0.12)
            else:
                m.next_to(sine, DOWN, buff=0.12)

        sin_label.add_updater(follow_sine)
        tan_label.add_updater(lambda m: m.next_to(tangent, RIGHT, buff=0.12))
        self.tie(angle, sin_label, tan_label)
        self.say("Now shrink the angle, zooming in on the corner: the wedge grows thin, but the readouts show the order never changes.",
                 [FadeOut(arc_label), FadeOut(one), FadeOut(mark), FadeOut(mark_label)],
                 *[value_to(angle, v, 1.8) for v in p.angles[1:half]], Indicate(rows, color=FOREGROUND, scale_factor=1.05))
        name = words("the squeeze theorem", size=30, color=FUNCTION)
        right.place(name, buff=0.2)
        self.say("And $\\cos x$ climbs to $1$, so $\\frac{\\sin x}{x}$, caught in between, must go to $1$ too: "
                 "that is the squeeze theorem.",
                 *[value_to(angle, v, 1.8) for v in p.angles[half:]], [Indicate(squeeze_rows[1], color=FUNCTION), FadeIn(name)])
        limit = limits.limit("sin(x)/x", 0)
        self.beat("Both sides")
        mirror = right.place(formula(r"\frac{\sin(-x)}{-x} = \frac{-\sin x}{-x} = \frac{\sin x}{x}", size=ROW_SIZE - 2), buff=0.35)
        result = right.place(formula(rf"\lim_{{x \to 0}} \frac{{\sin x}}{{x}} = {number_tex(limit, 'count')}", color=FUNCTION), buff=0.45)
        self.say("For negative $x$ the ratio is the same, since $\\sin(-x) = -\\sin x$.", Write(mirror))
        box = SurroundingRectangle(result, color=FUNCTION, buff=0.15)
        self.say("So from both sides, the limit is $1$.", Write(result), Create(box), 0.8)  # the boxed result then held, with the end hold, over 2 s

    def live_row(self, label: str, value, tracker: ValueTracker, places: int, color: str) -> VGroup:
        """``label`` and a readout of ``value(tracker)``, ``places`` decimals, updated only while the tracker moves."""
        shown = readout(value(tracker.get_value()), decimals=places, size=ROW_SIZE, color=color)
        shown.add_updater(lambda m: m.set_value(value(tracker.get_value())))
        self.tie(tracker, shown)
        return VGroup(formula(label, size=ROW_SIZE, color=color), shown).arrange(RIGHT, buff=0.2)

    # ------------------------------------------------------------------ pieces
    def zoom(self) -> float:
        """Scene units per unit of the circle: RADIUS at the start; as the angle shrinks the circle grows about its centre
        (the vertex stays put) so that the wedge keeps tan x about WEDGE_HEIGHT tall, up to RADIUS_MAX: vertex, arc and
        the three segments stay in the frame, along its bottom, under the readouts."""
        return min(RADIUS_MAX, max(RADIUS, WEDGE_HEIGHT / math.tan(self.angle.get_value())))

    def scene_points(self, xs, ys) -> np.ndarray:
        """Unit-circle coordinates to scene points."""
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        return ORIGIN + self.zoom() * np.column_stack([xs, ys, np.zeros_like(xs)])

    def scene_point(self, x: float, y: float) -> np.ndarray:
        return self.scene_points([x], [y])[0]
