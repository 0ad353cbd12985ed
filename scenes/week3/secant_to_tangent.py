"""Week 3 -- the derivative as the limit of secant slopes.

The model of a sentence-led scene: every ``say`` is one sentence with its own picture.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Indicate, Line, Transform, ValueTracker, VGroup, Write

from calcviz import derivatives, exact, latex
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, FORMULA_SIZE, LABEL_SIZE, MUTED, SECANT, TANGENT, formula
from scenes.kit.numbers import decimals, number_tex, written_decimals
from scenes.kit.plotting import graph, line_ends, line_through, make_axes, move_line, point_at, window_for
from scenes.kit.readouts import readout


class SecantToTangent(LectureScene):
    """Secants through (a, f(a)) and (a+h, f(a+h)) turn into the tangent as h -> 0."""

    def construct(self) -> None:
        p = self.params
        f, a = p.function, p.point
        a_tex = latex(exact(a))
        slope = derivatives.secant_slope
        h = ValueTracker(p.h_values[0])

        self.beat("The curve")
        self.show_title()
        x_window, y_window = window_for(f, *p.interval)
        axes = make_axes(x_window, y_window, width=7.2, height=5.6).to_corner(LEFT + DOWN, buff=EDGE)
        x_name = axes.submobjects[-1][0]  # the x-axis label goes under the axis: the marks of a and a + h stand above it
        x_name.next_to(axes.x_axis.get_end(), DOWN, buff=0.2)
        panel = Panel.beside(axes, gap=0.9)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        point = Dot(point_at(axes, a, f(a)), color=ACCENT, radius=0.07).set_z_index(2)
        a_mark = self.x_mark(axes, lambda: a, "a", ACCENT)
        self.say(f"How steep is this curve at the single point $a = {a_tex}$?",
                 Create(axes), [Create(graph(axes, f, color=p.function_color)), Write(f_label)],
                 [FadeIn(point, scale=2), FadeIn(a_mark)])

        def partner():
            return point_at(axes, a + h.get_value(), f(a + h.get_value()))

        def corner():
            return point_at(axes, a + h.get_value(), f(a))

        second = Dot(partner(), color=SECANT, radius=0.06).set_z_index(2)
        second.add_updater(lambda m: m.move_to(partner()))
        ah_mark = self.x_mark(axes, lambda: a + h.get_value(), "a + h", SECANT)
        self.say("A slope needs two points, so take a second one, a distance $h$ further along.",
                 [FadeIn(second, scale=2), FadeIn(ah_mark)])

        self.beat("A secant")
        secant = Line(*line_ends(axes, a, f(a), slope(f, a, h.get_value())), color=SECANT, stroke_width=3)
        secant.add_updater(lambda m: move_line(m, *line_ends(axes, a, f(a), slope(f, a, h.get_value()))))
        self.say("The line through both points is a secant.", Create(secant))

        run = Line(point.get_center(), corner(), color=MUTED, stroke_width=2)
        run.add_updater(lambda m: move_line(m, point.get_center(), corner()))
        rise = Line(corner(), partner(), color=MUTED, stroke_width=2)
        rise.add_updater(lambda m: move_line(m, corner(), partner()))
        run_label = formula(r"\text{run } h", size=LABEL_SIZE, color=MUTED).next_to(run, UP, buff=0.1)
        rise_label = formula(r"\text{rise}", size=LABEL_SIZE, color=MUTED).next_to(rise, RIGHT, buff=0.1)
        quotient = panel.place(formula(r"\text{slope} = \frac{f(a+h) - f(a)}{h}"), buff=0.6)
        self.say("Its slope is rise over run: the rise $f(a+h) - f(a)$, over the run $h$.",
                 [Create(run), Write(run_label)], [Create(rise), Write(rise_label)], Write(quotient))

        places = decimals(slope(f, a, p.h_values[-1]))
        h_value = readout(h.get_value(), decimals=written_decimals(p.h_values))
        h_value.add_updater(lambda m: m.set_value(h.get_value()))
        slope_value = readout(slope(f, a, h.get_value()), decimals=places, color=SECANT)
        slope_value.add_updater(lambda m: m.set_value(slope(f, a, h.get_value())))
        h_row = panel.place(VGroup(formula("h ="), h_value).arrange(RIGHT, buff=0.2))
        slope_row = panel.place(VGroup(formula(r"\text{secant slope} ="), slope_value).arrange(RIGHT, buff=0.2))
        self.tie(h, h_value, slope_value)
        first = slope(f, a, p.h_values[0])
        self.say(f"With $h = {number_tex(p.h_values[0], 'step')}$ the secant's slope is "
                 f"${number_tex(first, digits=places + 1 if abs(first) < 10 else None)}$.",
                 [FadeIn(h_row), FadeIn(slope_row)], Indicate(slope_value, color=SECANT))

        self.beat("Shrinking h")
        half = len(p.h_values) // 2 + 1
        self.say("Now let $h$ shrink: the second point slides toward the first.",
                 [FadeOut(run_label), FadeOut(rise_label), FadeOut(ah_mark)],
                 *[value_to(h, v, 1.6) for v in p.h_values[1:half]])
        limit_value = f.derivative()(a)
        self.say(f"The secant's slope settles down, toward ${number_tex(limit_value)}$.",
                 *[value_to(h, v, 1.6) for v in p.h_values[half:]], Indicate(slope_value, color=SECANT))

        self.beat("From the left")
        self.say("From the other side, with $h$ negative, the slope approaches the same number.",
                 value_to(h, -p.h_values[0], 2),
                 *[value_to(h, -v, 1.3) for v in p.h_values[1:]])

        self.beat("The limit")
        work = derivatives.difference_quotient_work(f, a)
        limit = formula(rf"f'({a_tex}) = \lim_{{h \to 0}} \frac{{f({a_tex}+h) - f({a_tex})}}{{h}}")
        self.say("That number is the derivative: the limit of the difference quotient as $h$ goes to zero.",
                 [FadeOut(quotient), FadeOut(h_row), FadeOut(slope_row)],
                 lambda: panel.place(limit, below=f_label, buff=0.6), Write(limit))
        working = FORMULA_SIZE - 6  # five lines of working fit beside the graph
        lines = [formula(rf"= \lim_{{h \to 0}} {work.substituted}", size=working)]
        said = "Write the function out at $a + h$ and at $a$."
        if work.expanded is not None:
            lines.append(formula(rf"= \lim_{{h \to 0}} {work.expanded}", size=working))
            said = "Write the function out at $a + h$ and at $a$, and multiply out: the constant terms cancel."
        for line in lines:
            panel.place(line, buff=0.25)
        self.say(said, *[Write(line) for line in lines])
        divided = panel.place(formula(rf"= \lim_{{h \to 0}} \left({work.divided}\right)", size=working), buff=0.25)
        result = formula(rf"= {work.value}", size=working, color=TANGENT).next_to(divided, RIGHT, buff=0.2)
        if work.expanded is not None:
            self.say("Every term has a factor $h$, so divide it out.", Write(divided))
        else:
            self.say("Simplify the quotient.", Write(divided))
        self.say(f"Now $h$ can go to zero, and $f'({a_tex}) = {work.value}$.", Write(result), Indicate(result, color=TANGENT))

        self.beat("The tangent")
        tangent = derivatives.tangent_line(f, a)
        self.say("As $h$ vanishes the secant becomes the tangent line.",
                 lambda: [m.clear_updaters() for m in (second, secant, run, rise)],
                 [FadeOut(second), FadeOut(run), FadeOut(rise),
                  Transform(secant, line_through(axes, a, tangent.y0, tangent.slope, color=TANGENT, width=4))])
        value = formula(rf"f'({a_tex}) = {work.value}", color=TANGENT)
        panel.place(value, below=f_label, buff=0.6)
        equation = panel.place(formula(rf"y = {derivatives.linear_approximation(f, a).latex}", color=TANGENT), buff=0.4)
        self.say(f"It touches the curve at $a$ with exactly that slope, ${work.value}$.",
                 [FadeOut(VGroup(limit, *lines, divided)), Transform(result, value)],
                 Write(equation), Indicate(point, color=ACCENT))

    def x_mark(self, axes, x, text: str, color: str) -> VGroup:
        """A tick on the x-axis at ``x()`` with its name under it, following ``x`` as it moves."""
        tick = Line(UP * 0.12, DOWN * 0.12, color=color, stroke_width=3)
        label = formula(text, size=LABEL_SIZE, color=color)

        def follow(mark):
            at = axes.c2p(x(), 0)
            mark[0].move_to(at)
            mark[1].next_to(mark[0], UP if axes.y_range[0] < 0 else DOWN, buff=0.08).set_x(at[0])

        mark = VGroup(tick, label)
        follow(mark)
        mark.add_updater(follow)
        return mark
