"""Week 3 -- the derivative as the limit of secant slopes.

The model of a sentence-led scene: every ``say`` is one sentence with its own picture.
"""

from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, UL, UR, Create, Dot, FadeIn, FadeOut, Indicate, Line, SingleStringMathTex, Transform,
                   ValueTracker, VGroup, Write)

from calcviz import derivatives, exact, latex
from calcviz.expansion_work import powers_multiplied_out
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, FOREGROUND, LABEL_SIZE, SECANT, TANGENT, formula
from scenes.kit.numbers import decimals, number_tex, written_decimals
from scenes.kit.plotting import graph, line_ends, line_through, make_axes, move_line, point_at, window_for
from scenes.kit.readouts import readout


LINE_SCALE = 1.0  # the working's lines under its first, full size
THUMB_SCALE = 0.42  # the graph kept small beside the working


class SecantToTangent(LectureScene):
    """Secants through (a, f(a)) and (a+h, f(a+h)) turn into the tangent as h -> 0."""

    def construct(self) -> None:
        p = self.params
        f, a = p.function, p.point
        a_tex = latex(exact(a))
        h = ValueTracker(p.h_values[0])
        h_steps = [*p.h_values, p.h_values[-1] / 10]  # one step past the list: the slope's digits settle visibly
        h_places = written_decimals(h_steps)

        def shown_h() -> float:
            """h as its readout shows it, so that the slope beside it is the slope of that h."""
            return round(h.get_value(), h_places)

        def slope() -> float:
            return derivatives.secant_slope(f, a, shown_h())

        self.beat("The curve")
        self.show_title()
        (lo, hi, step), y_window = window_for(f, *p.interval)
        axes = make_axes((lo, hi + step, step), y_window, width=7.2, height=5.6).to_corner(LEFT + DOWN, buff=EDGE)
        crossed = [n for n in axes.x_axis.numbers if a < n.number <= a + p.h_values[0]]  # the run passes under these
        axes.x_axis.numbers.remove(*crossed)
        axes.x_axis.remove(*crossed)
        panel = Panel.beside(axes, gap=0.6)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        curve = graph(axes, f, color=p.function_color)
        self.play(Create(axes), Create(curve), run_time=self.t(1.2))  # the stage, silently, before the voice
        self.say(f"Here is a curve, the graph of $f(x) = {f.latex}$.",
                 Write(f_label, run_time=2.0), Indicate(curve, color=FOREGROUND, scale_factor=1.0, run_time=1.5),
                 Indicate(f_label, color=FOREGROUND, scale_factor=1.0, run_time=1.5))  # the curve, then its formula, as named

        point = Dot(point_at(axes, a, f(a)), color=ACCENT, radius=0.07).set_z_index(2)
        a_mark = self.x_mark(axes, lambda: a, rf"a = {a_tex}", ACCENT, UL)
        self.say(f"How steep is it at the single point $a = {a_tex}$?", [FadeIn(point, scale=2), FadeIn(a_mark)],
                 Indicate(point, color=ACCENT))

        def partner():
            return point_at(axes, a + h.get_value(), f(a + h.get_value()))

        def corner():
            return point_at(axes, a + h.get_value(), f(a))

        second = Dot(partner(), color=SECANT, radius=0.06).set_z_index(2)
        second.add_updater(lambda m: m.move_to(partner()))
        ah_mark = self.x_mark(axes, lambda: a + h.get_value(), "a + h", SECANT, UP + RIGHT, buff=0.22)  # clear of the rise
        self.say("A slope needs two points, so take a second one, a distance $h$ further along.",
                 [FadeIn(second, scale=2), FadeIn(ah_mark)])

        self.beat("A secant")
        secant = Line(*line_ends(axes, a, f(a), derivatives.secant_slope(f, a, h.get_value())), color=SECANT, stroke_width=3)
        secant.add_updater(lambda m: move_line(m, *line_ends(axes, a, f(a), derivatives.secant_slope(f, a, h.get_value()))))
        self.say("The line through both points is a secant.", Create(secant))

        run = Line(point.get_center(), corner(), color=FOREGROUND, stroke_width=2)
        run.add_updater(lambda m: move_line(m, point.get_center(), corner()))
        rise = Line(corner(), partner(), color=FOREGROUND, stroke_width=2)
        rise.add_updater(lambda m: move_line(m, corner(), partner()))
        run_label = formula(r"\text{run } h", size=LABEL_SIZE).next_to(run, DOWN, buff=0.12)
        rise_label = formula(r"\text{rise}", size=LABEL_SIZE).next_to(rise, RIGHT, buff=0.12)  # its formula: the panel's
        if rise_label.get_right()[0] > panel.left - 0.1:  # a steep f: the right side is the panel's
            rise_label.next_to(rise, LEFT, buff=0.12, aligned_edge=UP)
        quotient = panel.place(formula(r"\text{slope} = \frac{f(a+h) - f(a)}{h}"), buff=0.6)
        self.say("Its slope is rise over run: the rise $f(a+h) - f(a)$, over the run $h$.",
                 [Create(run), Write(run_label)], [Create(rise), Write(rise_label)], Write(quotient))

        h_value = readout(h.get_value(), decimals=h_places)
        h_value.add_updater(lambda m: m.set_value(shown_h()))
        places = decimals(derivatives.secant_slope(f, a, h_steps[-1]))
        slope_value = readout(slope(), decimals=places, color=SECANT)
        slope_value.add_updater(lambda m: m.set_value(slope()))
        h_row = panel.place(VGroup(formula("h ="), h_value).arrange(RIGHT, buff=0.2))
        slope_row = panel.place(VGroup(formula(r"\text{secant slope} ="), slope_value).arrange(RIGHT, buff=0.2))
        self.tie(h, h_value, slope_value)
        self.say(f"With $h = {number_tex(p.h_values[0], 'step')}$ the secant's slope is "
                 f"${number_tex(slope(), digits=None)}$.",
                 [FadeIn(h_row), FadeIn(slope_row)], Indicate(slope_value, color=SECANT))

        self.beat("Shrinking h")
        half = len(h_steps) // 2 + 1
        self.say("Now let $h$ shrink: the second point slides toward the first.",
                 [FadeOut(run_label), FadeOut(rise_label), FadeOut(ah_mark)],
                 *[value_to(h, v, 1.6) for v in h_steps[1:half]])
        self.say("The secant's slope settles down, closer and closer to one number.",
                 *[value_to(h, v, 1.3) for v in h_steps[half:]], Indicate(slope_value, color=SECANT))

        self.beat("From the left")
        moving = (second, secant, run, rise)

        def jump_to(value):  # never through h = 0, where there is no secant
            h.set_value(value)
            for mob in moving:
                mob.update(0)
            h_value.set_value(shown_h())  # readouts at rest are set, not updated
            slope_value.set_value(slope())

        limit_row = formula(r"\text{secant slope} \to", r"\ ?", color=SECANT)  # its value: the algebra's, later
        panel.place(limit_row, below=slope_row, buff=0.3)
        self.say("From the other side, with $h$ negative, the slope approaches the same number.",
                 [FadeOut(m) for m in moving], lambda: jump_to(-p.h_values[0]), [FadeIn(m) for m in moving],
                 Indicate(VGroup(h_value, slope_value), color=SECANT, scale_factor=1.0),  # the first negative h read
                 *[value_to(h, -v, 0.9) for v in h_steps[1:]], FadeIn(limit_row, shift=0.2 * DOWN))

        self.beat("The limit")
        work = derivatives.difference_quotient_work(f, a)
        picture = VGroup(axes, curve, point, a_mark, *moving)
        f_home = f_label.copy()
        f_top = f_label.copy().to_corner(UR, buff=EDGE).shift(0.5 * DOWN)  # the working takes the left and middle
        working = formula(rf"f'({a_tex}) = \lim_{{h \to 0}} \frac{{f({a_tex}+h) - f({a_tex})}}{{h}}")
        working.to_corner(UL, buff=EDGE).shift(0.45 * DOWN)
        stack = [working]

        def below(line):
            """The next line of the working, under the last, indented past the first line's f'(a)."""
            line.scale(LINE_SCALE)  # six lines of working fit above the frame's bottom
            stack.append(line.next_to(stack[-1], DOWN, buff=0.12).align_to(working, LEFT).shift(0.9 * RIGHT))
            return line

        named = formula(rf"f'({a_tex})", color=TANGENT)
        named.next_to(limit_row[0], RIGHT, buff=0.2)
        self.say(f"That number is the derivative, $f'({a_tex})$.", Transform(limit_row[1], named),
                 Indicate(limit_row, color=TANGENT, scale_factor=1.0))
        thumb = self.thumbnail(axes, curve, point, secant)
        self.say("It is the limit of the difference quotient as $h$ goes to zero.",
                 lambda: [m.clear_updaters() for m in (h_value, slope_value)] + [m.suspend_updating() for m in moving],
                 [FadeOut(picture), FadeOut(h_row), FadeOut(slope_row), FadeOut(limit_row), FadeOut(quotient),
                  f_label.animate.move_to(f_top), FadeIn(thumb)],
                 Write(working))
        lines = [below(formula(rf"= \lim_{{h \to 0}} {work.substituted}"))]
        f_at_a = formula(rf"f({a_tex}) = {work.f_at_a}", size=LABEL_SIZE + 4, color=p.function_color)
        f_at_a.next_to(f_label, DOWN, buff=0.35).align_to(f_label, RIGHT)
        self.say(f"Write $f$ out at $a + h$ and at $a$, where $f({a_tex}) = {latex(f.exact(a))}$.",
                 Write(f_at_a), Write(lines[0]))
        powers = powers_multiplied_out(f, a)
        if powers is not None:  # each power of (a + h) multiplied out on its own line, before the terms are collected
            lines.append(below(formula(rf"= \lim_{{h \to 0}} {powers}")))
            self.say("Multiply out each power of $a + h$.", Write(lines[-1]))
        if work.expanded is not None:
            lines += [below(formula(rf"= \lim_{{h \to 0}} {work.multiplied}")),
                      below(formula(rf"= \lim_{{h \to 0}} {work.expanded}"))]
            self.say("Collect the powers of $h$, and the constant terms cancel.", Write(lines[-2]), Write(lines[-1]))
            divide = "Inside the limit $h$ is not zero, so divide it out of every term."
        else:
            divide = "Inside the limit $h$ is not zero, so the quotient simplifies."
        divided = below(formula(rf"= \lim_{{h \to 0}} \left({work.divided}\right)"))
        self.say(divide, Write(divided))
        result = formula(rf"= {work.value} = {number_tex(f.derivative()(a))}", color=TANGENT).next_to(divided, RIGHT, buff=0.25)
        self.say(f"Now $h$ can go to zero, and $f'({a_tex}) = {work.value}$.", Write(result), Indicate(result, color=TANGENT))

        self.beat("The tangent")
        value = formula(rf"f'({a_tex}) = {work.value}", color=TANGENT)
        panel.place(value, below=f_home, buff=0.6)
        self.say("Back on the graph, let $h$ shrink toward zero once more.",
                 [FadeOut(VGroup(working, *lines, divided, f_at_a, thumb)), f_label.animate.move_to(f_home), Transform(result, value)],
                 lambda: [m.resume_updating() for m in moving], lambda: jump_to(p.h_values[0]), FadeIn(picture),
                 *[value_to(h, v, 0.6) for v in h_steps[1:]])
        tangent = derivatives.tangent_line(f, a)
        self.say("The secant becomes the tangent line, touching the curve at $a$ with exactly that slope.",
                 lambda: [m.clear_updaters() for m in moving],
                 [FadeOut(second), FadeOut(run), FadeOut(rise),
                  Transform(secant, line_through(axes, a, tangent.y0, tangent.slope, color=TANGENT, width=4))],
                 Indicate(point, color=ACCENT))
        f_a = latex(f.exact(a))
        general = panel.place(formula(r"y = f(a) + f'(a)\left(x - a\right)", color=TANGENT), buff=0.4)
        equation = panel.place(formula(rf"y = {f_a} + {work.value}\left(x - {a_tex}\right)", color=TANGENT), buff=0.3)
        simplified = panel.place(formula(rf"y = {derivatives.linear_approximation(f, a).latex}", color=TANGENT), buff=0.3)
        self.say(f"Its equation: $y = f(a) + f'(a)(x - a)$, which is $y = {derivatives.linear_approximation(f, a).latex}$.",
                 Write(general), Write(equation), Write(simplified), 1.0)

    @staticmethod
    def thumbnail(axes, curve, point, secant) -> VGroup:
        """A small still of the graph, its last secant and the point, in the corner the working leaves free
        (no numbers: at this size they would not read)."""
        small_axes = axes.copy()
        for axis in (small_axes.x_axis, small_axes.y_axis):
            if getattr(axis, "numbers", None) is not None:
                axis.remove(axis.numbers)
        for parent in small_axes.get_family():  # the axis names too: unreadable at this size
            texts = [m for m in parent.submobjects if isinstance(m, SingleStringMathTex)]
            if texts:
                parent.remove(*texts)
        thumb = VGroup(small_axes, curve.copy(), secant.copy(), point.copy())
        for part in thumb.get_family():
            part.clear_updaters()
        thumb.scale(THUMB_SCALE).to_corner(DOWN + RIGHT, buff=EDGE)
        return thumb

    def x_mark(self, axes, x, text: str, color: str, side, buff: float = 0.05) -> VGroup:
        """A tick on the x-axis at ``x()`` with its name beside it (``side``: UL, UP + RIGHT), following ``x``."""
        tick = Line(UP * 0.12, DOWN * 0.12, color=color, stroke_width=3)
        label = formula(text, size=LABEL_SIZE, color=color)

        def follow(mark):
            mark[0].move_to(axes.c2p(x(), 0))
            mark[1].next_to(mark[0], side, buff=buff)

        mark = VGroup(tick, label)
        follow(mark)
        mark.add_updater(follow)
        return mark
