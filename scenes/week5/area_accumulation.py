"""Week 5 -- the fundamental theorem: the area swept under f is a function whose derivative is f."""

from __future__ import annotations

import numpy as np
import sympy
from manim import (DOWN, config, LEFT, RIGHT, UP, Brace, Create, Dot, FadeIn, FadeOut, Indicate, Line, MoveToTarget, ReplacementTransform, TransformFromCopy,
                   ValueTracker, VGroup, VMobject, Write)

from calcviz import integrals, latex
from calcviz.power_rule_work import POWER_RULE_LATEX, reverse_power_work
from manim.animation.animation import prepare_animation

from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, FOREGROUND, LABEL_SIZE, MUTED, SMALL_SIZE, TANGENT, formula, words
from scenes.kit.numbers import decimals, number_tex, written_decimals
from scenes.kit.plotting import SignedArea, fixed_map, graph, line_ends, make_axes, move_line, polyline_points, window_for
from scenes.kit.readouts import live_row

AXES_WIDTH = 7.6
AXES_HEIGHT = 2.7
AREA_COLOR = ACCENT  # A and everything about it
STRIP_COLOR = TANGENT  # the strip of width dx and the increase ΔA
AREA_SAMPLES = 600  # samples of f (and A) across the interval, computed once
STRIP_SAMPLES = 24
DECIMALS = 3
LIMIT_WIDTHS = (1e-3, 1e-4)  # the width on its way to zero: the ratio then reads as the height, to DECIMALS
INSET_WIDTH = 2.6  # the strip stretched sideways to this width (scene units), so that a thin one is seen
INSET_HEIGHT = 1.2  # the rectangle's height f(point) in the inset


class AreaAccumulation(LectureScene):
    """Sweep x, fill the area A(x) and trace it; a strip of width dx shows A' = f; the reverse power rule finds A."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        lo_tex = number_tex(lo, "step")
        area_function = integrals.accumulation(f, lo)
        work = reverse_power_work(f, lo)

        self.beat("Two graphs")
        self.show_title()
        x_window, y_window = window_for(f, lo, hi)
        _, area_window = window_for(area_function, lo, hi)
        top = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT, y_label="f").to_edge(LEFT, buff=EDGE).set_y(1.2)
        bottom = make_axes(x_window, area_window, AXES_WIDTH, AXES_HEIGHT, y_label="A").to_edge(LEFT, buff=EDGE).set_y(-2.2)  # its lowest tick clear of the edge
        # one x-origin for both plots, so that x in the top plot sits straight above x in the bottom one
        bottom.shift((top.c2p(lo, 0)[0] - bottom.c2p(lo, 0)[0]) * RIGHT)
        top.x_axis.numbers.set_z_index(1)  # readable over the area below the axis
        panel = Panel.beside(VGroup(top, bottom))
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        f_graph = graph(top, f, color=p.function_color)
        self.play(Create(top), Create(f_graph), Write(f_label), run_time=self.t(1.0))  # the stage, before the voice
        self.say(f"Here is a function, ${f.latex}$.", Indicate(f_graph, color=p.function_color, scale_factor=1.0), Indicate(f_label))
        definition = panel.place(formula(rf"A(x) = \int_{{{lo_tex}}}^{{x}} f(t)\,dt", color=AREA_COLOR), buff=0.35)
        self.say(f"Below it, $A(x)$: the signed area under $f$ from ${lo_tex}$ up to $x$.",
                 Create(bottom), Write(definition))

        self.beat("Sweeping")
        x = ValueTracker(lo)
        swept = self.swept_area(top, f, x)
        cursor, marker, drop, trace = self.cursor(top, bottom, f, area_function, x)
        x_row = live_row("x =", x.get_value, 2, MUTED)  # x to hundredths: no needless digits (0.000)
        area_row = live_row("A(x) =", lambda: area_function(x.get_value()), 2, AREA_COLOR)  # as fine as x
        panel.place(x_row, buff=0.6)
        panel.place(area_row, buff=0.25)
        self.add(swept, trace)
        self.say(f"A vertical line sweeps from $x = {lo_tex}$, keeping a running total of the area behind it.",
                 [FadeIn(cursor), FadeIn(marker), Create(drop), FadeIn(x_row), FadeIn(area_row)])
        seen = set()
        for start, stop, sign in sign_runs(f, lo, hi):
            run_time = 8 * (stop - start) / (hi - lo)
            again = " again" if sign in seen else ""
            seen.add(sign)
            if sign > 0:
                said = f"Where $f$ is positive{again}, area piles up and $A$ climbs."
            else:
                said = f"Where $f$ is negative{again}, the area counts negative, and $A$ falls."
            self.say(said, value_to(x, stop, max(run_time, 1.5)))

        a = p.point
        a_tex = number_tex(a, "step")
        self.beat("A thin strip")
        dx = ValueTracker(p.dx_values[0])
        dx_tex = number_tex(p.dx_values[0], "step")
        strip, rectangle, rise = self.strip(top, bottom, f, area_function, a, dx)

        def increase() -> float:
            return area_function(a + dx.get_value()) - area_function(a)

        height = f(a)
        small = decimals(height * p.dx_values[0])  # the first strip's areas, as the voice says them
        delta_row = live_row(r"\Delta A =", increase, small, STRIP_COLOR)
        rect_row = live_row(rf"f({a_tex})\,\Delta x =", lambda: height * dx.get_value(), small, p.function_color)
        width_row = live_row(r"\Delta x =", dx.get_value, as_written(p.dx_values[0], p.dx_values), MUTED)
        # each width as written and said (0.6, then 0.05), not every one at the most decimals (0.60)
        width_row[1].add_updater(lambda m: setattr(m, "decimals", as_written(dx.get_value(), (*p.dx_values, *LIMIT_WIDTHS))), index=0)
        rows = VGroup(width_row, delta_row, rect_row)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        panel.place(rows, below=definition, buff=0.5)
        self.say(f"Go back to $x = {a_tex}$, and step on by $\\Delta x = {dx_tex}$.",
                 lambda: trace.clear_updaters(),  # A's trace stays whole
                 [FadeOut(x_row), FadeOut(area_row), value_to(x, a, 2)],
                 lambda: [m.clear_updaters() for m in (swept, cursor, marker, drop)],
                 [FadeIn(strip), FadeIn(rows[0])])  # the width on the picture as the voice names it
        self.say(r"The area grows by a strip, $\Delta A$, and $A$ below rises by the same amount.",
                 Indicate(strip, color=STRIP_COLOR, scale_factor=1.0), [Create(rise), FadeIn(rows[1])])
        first_gap = number_tex(increase()), number_tex(height * p.dx_values[0])
        self.say(f"Its rectangle of height $f({a_tex})$ has area ${first_gap[1]}$, far from $\\Delta A = {first_gap[0]}$.",
                 [Create(rectangle), FadeIn(rows[2])], Indicate(rows[2], color=p.function_color), Indicate(rows[1], color=STRIP_COLOR))
        ratio_row = live_row(r"\frac{\Delta A}{\Delta x} =", lambda: increase() / dx.get_value(), DECIMALS, STRIP_COLOR)
        height_row = formula(rf"f({a_tex}) = {number_tex(height)}", color=p.function_color)
        more = VGroup(ratio_row, height_row).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        more.move_to(rows[1], aligned_edge=UP + LEFT)  # in the place of the strip's two areas, said and done with
        inset = self.stretched_strip(top, f, a, dx, a_tex)
        # the inset at the column's foot, under the ratio and the height that later take the strip's rows' place
        foot = np.array([panel.left, -config.frame_height / 2 + EDGE, 0.0])
        room = more.get_bottom()[1] - 0.25 - foot[1]
        if inset.height > room:
            inset.scale_to_fit_height(room)
        inset.move_to(foot, aligned_edge=DOWN + LEFT)
        self.tie(dx, inset[0])
        # the width steps from one chosen value to the next, every readout with it: no readout shows a width between
        self.say("Stretch it sideways: the thinner the strip, the more it looks like its rectangle.",
                 FadeIn(inset), *[[step_to(dx, v, 1.4), Indicate(rows[0], color=MUTED)] for v in p.dx_values[1:-1]])

        self.beat("Width to zero")
        last_tex = number_tex(p.dx_values[-1], "step")
        self.say(rf"Divide by the width: at $\Delta x = {last_tex}$, the ratio is close to the height, ${number_tex(height)}$.",
                 FadeOut(rows[1:], run_time=0.5), FadeIn(ratio_row), [step_to(dx, p.dx_values[-1], 1.4), Indicate(rows[0], color=MUTED)],
                 FadeIn(height_row))

        self.beat("The fundamental theorem")
        limit = formula(r"A'(x) = \lim_{\Delta x \to 0} \frac{\Delta A}{\Delta x} = f(x)", size=40, color=ACCENT)
        theorem = formula(r"A'(x) = f(x)", size=44, color=ACCENT)
        limit.next_to(more, DOWN, buff=0.4).align_to(more, LEFT)
        self.say("As the width goes to zero, the ratio becomes the height: that is the fundamental theorem of calculus, $A'(x) = f(x)$.",
                 # the width really goes to zero: the ratio's readout settles on the height's digits, the strip on its rectangle
                 *[[step_to(dx, w, 1.2), Indicate(height_row, color=p.function_color)] for w in LIMIT_WIDTHS],
                 FadeOut(inset), Write(limit))
        # A' = f shown at every x, not at one: a tangent to A slides along, with the height of f above it
        slide = ValueTracker(a)
        on_top, on_bottom = fixed_map(top), fixed_map(bottom)
        tangent = Line(*line_ends(bottom, a, area_function(a), height), color=FOREGROUND, stroke_width=3)
        tangent.add_updater(lambda m: move_line(m, *line_ends(bottom, slide.get_value(), area_function(slide.get_value()), f(slide.get_value()))))
        touch = Dot(on_bottom([a, area_function(a)])[0], color=FOREGROUND, radius=0.07).set_z_index(3)
        touch.add_updater(lambda m: m.move_to(on_bottom([slide.get_value(), area_function(slide.get_value())])[0]))
        stick = Line(on_top([a, 0.0])[0], on_top([a, height])[0], color=p.function_color, stroke_width=6)
        stick.add_updater(lambda m: move_line(m, on_top([slide.get_value(), 0.0])[0], on_top([slide.get_value(), f(slide.get_value())])[0]))
        self.tie(slide, tangent, touch, stick)
        self.say("At every $x$, the slope of $A$ is the height of $f$: $A$ is an antiderivative of $f$.",
                 [FadeOut(more), FadeOut(rows[0]), FadeOut(strip), FadeOut(rectangle), FadeOut(rise), FadeOut(VGroup(swept, cursor, marker, drop)),
                  ReplacementTransform(limit, theorem.next_to(definition, DOWN, buff=0.45).align_to(definition, LEFT)), Create(tangent), FadeIn(touch), Create(stick)],
                 value_to(slide, hi - 0.4, 4.5))

        self.beat("Finding A")
        expanded = formula(rf"f(x) = {work.expanded}", size=36, color=p.function_color)
        self.say(f"To find it, multiply $f$ out: ${work.expanded}$.",
                 [FadeOut(definition), FadeOut(VGroup(tangent, touch, stick)), theorem.animate.next_to(f_label, DOWN, buff=0.25).align_to(f_label, LEFT)],
                 lambda: panel.place(expanded, below=theorem, buff=0.22), TransformFromCopy(f_label, expanded))
        rule = formula(POWER_RULE_LATEX + r",\quad n \neq -1", size=30)
        panel.place(rule, below=expanded, buff=0.22)
        self.say(r"The reverse power rule, for $n \neq -1$: add one to the power, and divide by the new power.", Write(rule))
        termwise = formula(rf"\int f\,dx = {work.termwise} + C", size=32)
        simplified = formula(rf"= {work.antiderivative} + C", size=32)
        panel.place(termwise, below=rule, buff=0.22)
        panel.place(simplified, below=termwise, buff=0.15)
        self.say("Apply it term by term, then simplify.", Write(termwise), Write(simplified))
        constant = -sympy.integrate(sympy.expand(f.expr), f.symbol).subs(f.symbol, sympy.nsimplify(lo))  # A(lo) = F(lo) + C = 0
        start_line = formula(rf"A({lo_tex}) = {work.at_start} + C = 0 \;\Rightarrow\; C = {latex(constant)}", size=32)
        worked = VGroup(termwise, simplified)
        worked.generate_target()
        worked.target.next_to(theorem, DOWN, buff=0.22).align_to(theorem, LEFT)  # up in the place of f multiplied out and the rule, done with
        start_line.next_to(worked.target, DOWN, buff=0.22).align_to(theorem, LEFT)
        closed_form = formula(rf"A(x) = {work.area}", size=36, color=AREA_COLOR)
        closed_form.next_to(start_line, DOWN, buff=0.22).align_to(theorem, LEFT)
        exact_graph = graph(bottom, area_function, color=AREA_COLOR, width=8).set_stroke(opacity=0.4)
        self.say(f"At $x = {lo_tex}$ there is no area yet, so $C = {latex(constant)}$, and this curve lies exactly on the trace.",
                 [FadeOut(expanded), FadeOut(rule), MoveToTarget(worked)], Write(start_line), [Write(closed_form), Create(exact_graph)])

        self.beat("The whole area")
        total = integrals.exact_integral(f, lo, hi)
        total_tex = latex(total) if total is not None else number_tex(integrals.definite_integral(f, lo, hi))
        hi_tex = number_tex(hi, "step")
        total_label = formula(rf"\int_{{{lo_tex}}}^{{{hi_tex}}} f(t)\,dt = A({hi_tex}) = {total_tex}", color=AREA_COLOR)
        total_label.next_to(theorem, DOWN, buff=0.35 + closed_form.height + 0.45).align_to(f_label, LEFT)
        end_dot = Dot(bottom.c2p(hi, area_function(hi)), color=AREA_COLOR, radius=0.08).set_z_index(3)
        xs = np.linspace(lo, hi, AREA_SAMPLES)
        whole = SignedArea(top, xs, f(xs))  # the area A(hi) measures, on the picture
        self.say(f"So the whole signed area from ${lo_tex}$ to ${hi_tex}$ is $A({hi_tex}) = {total_tex}$.",
                 [FadeOut(termwise), FadeOut(simplified), FadeOut(start_line),
                  closed_form.animate.next_to(theorem, DOWN, buff=0.35).align_to(f_label, LEFT)],
                 [Write(total_label), FadeIn(whole), FadeIn(end_dot, scale=2)], Indicate(total_label, color=AREA_COLOR))

    def swept_area(self, axes, f, x: ValueTracker) -> SignedArea:
        """The signed area from the left end to x, one polygon per sign rebuilt from samples taken once."""
        xs = np.linspace(x.get_value(), self.params.interval[1], AREA_SAMPLES)
        ys = f(xs)

        def follow(area):
            end = x.get_value()
            count = int(np.searchsorted(xs, end))
            area.set_samples(np.r_[xs[:count], end], np.r_[ys[:count], f(end)])

        area = SignedArea(axes, xs[:1], ys[:1])
        area.add_updater(follow)
        return area

    def cursor(self, top, bottom, f, area_function, x: ValueTracker):
        """The sweeping line on f, the point (x, A(x)) below, the line joining them and A's trace so far."""
        xs = np.linspace(x.get_value(), self.params.interval[1], AREA_SAMPLES)
        on_top, on_bottom = fixed_map(top), fixed_map(bottom)
        trace_points = on_bottom(np.column_stack([xs, area_function(xs)]))

        def foot():
            return on_top([x.get_value(), 0.0])[0]

        def tip():
            return on_top([x.get_value(), f(x.get_value())])[0]

        def below():
            return on_bottom([x.get_value(), area_function(x.get_value())])[0]

        cursor = Line(foot(), tip(), color=AREA_COLOR, stroke_width=3)
        cursor.add_updater(lambda m: move_line(m, foot(), tip()))
        marker = Dot(below(), color=AREA_COLOR, radius=0.07).set_z_index(3)
        marker.add_updater(lambda m: m.move_to(below()))
        drop = Line(tip(), below(), color=MUTED, stroke_width=1.5, stroke_opacity=0.6)
        drop.add_updater(lambda m: move_line(m, tip(), below()))
        trace = VMobject(stroke_color=AREA_COLOR, stroke_width=4)

        def reveal(m):
            count = int(np.searchsorted(xs, x.get_value()))
            m.points = polyline_points(np.vstack([trace_points[:count], below()]))

        reveal(trace)
        trace.add_updater(reveal)
        return cursor, marker, drop, trace

    def strip(self, top, bottom, f, area_function, a: float, dx: ValueTracker):
        """The strip under f on [a, a + dx], the rectangle of height f(a) it nearly is, and the rise ΔA of A."""
        on_top, on_bottom = fixed_map(top), fixed_map(bottom)
        strip = SignedArea(top, *self.strip_samples(f, a, dx.get_value()), opacity=0.85)
        strip.add_updater(lambda m: m.set_samples(*self.strip_samples(f, a, dx.get_value())))

        def outline():
            right = a + dx.get_value()
            return polyline_points(on_top(np.array([[a, 0.0], [a, f(a)], [right, f(a)], [right, 0.0]])))

        def steps():
            right = a + dx.get_value()
            start, end = area_function(a), area_function(right)
            return polyline_points(on_bottom(np.array([[a, start], [right, start], [right, end]])))

        rectangle = VMobject(stroke_color=MUTED, stroke_width=2)
        rise = VMobject(stroke_color=STRIP_COLOR, stroke_width=4)
        for mob, shape in ((rectangle, outline), (rise, steps)):
            mob.points = shape()
            mob.add_updater(lambda m, shape=shape: setattr(m, "points", shape()))
        strip.set_color(STRIP_COLOR)
        return strip, rectangle, rise

    def stretched_strip(self, top, f, a: float, dx: ValueTracker, a_tex: str):
        """The strip stretched sideways to a fixed width, in its rectangle of height f(a), so that a thin strip is seen
        to fill it (the gap between them is ΔA - f(a)Δx over f(a)Δx)."""
        corner = np.zeros(3)  # the rectangle's lower left, before the inset is placed
        height = f(a)

        def to_inset(xs, ys):
            corner = outline.get_corner(DOWN + LEFT)  # where the inset is now
            return np.column_stack([corner[0] + (xs - a) / dx.get_value() * outline.width,
                                    corner[1] + np.clip(ys / height, 0.0, 1.2) * outline.height, np.zeros(len(xs))])

        def strip_points():
            xs, ys = self.strip_samples(f, a, dx.get_value())
            return polyline_points(to_inset(np.r_[a, xs, xs[-1], a], np.r_[0.0, ys, 0.0, 0.0]))

        outline = VMobject(stroke_color=MUTED, stroke_width=2)
        outline.points = polyline_points(corner + np.array([[0, 0, 0], [0, INSET_HEIGHT, 0], [INSET_WIDTH, INSET_HEIGHT, 0], [INSET_WIDTH, 0, 0]]))
        strip = VMobject(fill_color=STRIP_COLOR, fill_opacity=0.85, stroke_width=0)
        strip.points = strip_points()
        strip.add_updater(lambda m: setattr(m, "points", strip_points()))
        base = Line(corner, corner + INSET_WIDTH * RIGHT, color=MUTED, stroke_width=2)
        brace = Brace(base, DOWN, buff=0.05, color=MUTED).stretch_to_fit_height(0.12)
        width_label = formula(r"\Delta x", size=LABEL_SIZE, color=MUTED).next_to(brace, DOWN, buff=0.06)
        height_label = formula(rf"f({a_tex})", size=LABEL_SIZE, color=self.params.function_color).next_to(outline, LEFT, buff=0.08).align_to(outline, UP)
        heading = words("the strip, stretched sideways", size=SMALL_SIZE, color=MUTED).next_to(outline, UP, buff=0.15).align_to(height_label, LEFT)
        return VGroup(strip, outline, base, brace, width_label, height_label, heading)

    @staticmethod
    def strip_samples(f, a: float, width: float) -> tuple[np.ndarray, np.ndarray]:
        xs = np.linspace(a, a + width, STRIP_SAMPLES)
        return xs, f(xs)


def _jump(t: float) -> float:
    """A rate that is at its end from the first frame on: the value steps, it does not slide."""
    return 1.0 if t > 0 else 0.0


def step_to(tracker, value: float, run_time: float = 1.0):
    """``tracker`` set to ``value`` at once and held there for ``run_time``: every readout tied to it changes together."""
    return prepare_animation(tracker.animate(run_time=run_time, rate_func=_jump).set_value(value))


def as_written(value: float, steps) -> int:
    """The decimals of the chosen step nearest ``value`` (on a log scale): a readout of it shows it as written."""
    nearest = min(steps, key=lambda step: abs(np.log(value / step)))
    return written_decimals([nearest])


def sign_runs(f, lo: float, hi: float, samples: int = 2001) -> list[tuple[float, float, int]]:
    """[lo, hi] cut where f changes sign: (start, stop, sign) for each run, sign +1 or -1."""
    xs = np.linspace(lo, hi, samples)
    signs = np.sign(f(xs))
    signs[signs == 0] = np.nan
    runs, start, current, previous = [], lo, None, lo
    for x, s in zip(xs, signs):
        if np.isnan(s):
            continue
        if current is None:
            current = s
        elif s != current:
            cut = _zero_between(f, previous, float(x))
            runs.append((start, cut, int(current)))
            start, current = cut, s
        previous = float(x)
    runs.append((start, hi, int(current if current is not None else 1)))
    return runs


def _zero_between(f, left: float, right: float) -> float:
    """Where f changes sign between ``left`` and ``right`` (bisection, to float precision)."""
    for _ in range(60):
        middle = (left + right) / 2
        if np.sign(f(middle)) == np.sign(f(left)):
            left = middle
        else:
            right = middle
    return (left + right) / 2
