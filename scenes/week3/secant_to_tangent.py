"""Week 3 -- the derivative as the limit of secant slopes."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Create, Dot, FadeIn, FadeOut, Line, Transform, ValueTracker, VGroup, Write

from calcviz import derivatives, exact, latex
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, EDGE, MUTED, SECANT, TANGENT, formula
from scenes.kit.plotting import graph, line_ends, move_line, line_through, make_axes, point_at, window_for
from scenes.kit.readouts import readout


class SecantToTangent(LectureScene):
    """Secants through (a, f(a)) and (a+h, f(a+h)) turn into the tangent as h -> 0."""

    def construct(self) -> None:
        p = self.params
        f, a = p.function, p.point
        self.beat("Title", "How steep is a curve at a single point? A slope needs two points, so we start with two.")
        self.show_title()

        self.beat("The curve", f"Here is our function and the point a = {a:g} where we want its slope.")
        x_window, y_window = window_for(f, *p.interval)
        axes = make_axes(x_window, y_window, width=7.4, height=5.6).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        self.play(Create(axes), run_time=self.t(1.5))
        self.play(Create(graph(axes, f, color=p.function_color)), Write(f_label), run_time=self.t(2))
        point = Dot(point_at(axes, a, f(a)), color=ACCENT, radius=0.07).set_z_index(2)
        self.play(FadeIn(point, scale=2), run_time=self.t(0.8))
        self.pause(1.5)

        self.beat("A secant", "Take a second point a distance h away. The line through both is a secant, and its slope is rise over run.")
        h = ValueTracker(p.h_values[0])

        def partner():
            return point_at(axes, a + h.get_value(), f(a + h.get_value()))

        def corner():
            return point_at(axes, a + h.get_value(), f(a))

        second = Dot(partner(), color=SECANT, radius=0.06).set_z_index(2)
        second.add_updater(lambda m: m.move_to(partner()))
        secant = Line(*line_ends(axes, a, f(a), derivatives.secant_slope(f, a, h.get_value())), color=SECANT, stroke_width=3)
        secant.add_updater(lambda m: move_line(m, *line_ends(axes, a, f(a), derivatives.secant_slope(f, a, h.get_value()))))
        run = Line(point.get_center(), corner(), color=MUTED, stroke_width=2)
        run.add_updater(lambda m: move_line(m, point.get_center(), corner()))
        rise = Line(corner(), partner(), color=MUTED, stroke_width=2)
        rise.add_updater(lambda m: move_line(m, corner(), partner()))

        quotient = formula(r"\text{slope} = \frac{f(a+h) - f(a)}{h}")
        h_value = readout(h.get_value(), decimals=3)
        h_value.add_updater(lambda m: m.set_value(h.get_value()))
        slope_value = readout(derivatives.secant_slope(f, a, h.get_value()), color=SECANT)
        slope_value.add_updater(lambda m: m.set_value(derivatives.secant_slope(f, a, h.get_value())))
        h_row = VGroup(formula("h ="), h_value).arrange(RIGHT, buff=0.2)
        slope_row = VGroup(formula(r"\text{secant slope} ="), slope_value).arrange(RIGHT, buff=0.2)
        panel.place(quotient, buff=0.6)
        panel.place(h_row)
        panel.place(slope_row)
        self.play(FadeIn(second), Create(secant), Create(run), Create(rise), run_time=self.t(1.5))
        self.play(Write(quotient), run_time=self.t(1.2))
        self.play(FadeIn(h_row), FadeIn(slope_row), run_time=self.t(1))
        self.pause(2.5)

        self.beat("Shrinking h", "Now let h shrink. The second point slides toward the first, and the slope settles down.")
        for value in p.h_values[1:]:
            self.play(h.animate.set_value(value), run_time=self.t(1.8))
            self.pause(0.8)
        self.pause(1)

        self.beat("From the left", "The same happens from the other side, with h negative: the slope approaches the same number.")
        self.play(h.animate.set_value(-p.h_values[0]), run_time=self.t(2.2))
        for value in p.h_values[1:]:
            self.play(h.animate.set_value(-value), run_time=self.t(1.5))
            self.pause(0.6)
        self.pause(1)

        self.beat("The limit", "That number is the derivative: the limit of the difference quotient as h goes to zero.")
        quotient_h = derivatives.difference_quotient(f, a)
        a_tex = latex(exact(a))
        limit = formula(rf"f'({a_tex}) = \lim_{{h \to 0}} \frac{{f({a_tex}+h) - f({a_tex})}}{{h}}")
        steps = formula(rf"= \lim_{{h \to 0}} \left({quotient_h.latex}\right) = {latex(f.derivative().exact(a))}", color=TANGENT)
        slope_value.clear_updaters()
        h_value.clear_updaters()
        self.play(FadeOut(quotient), FadeOut(h_row), slope_row.animate.next_to(f_label, DOWN, buff=0.6).align_to(f_label, LEFT),
                  run_time=self.t(1))
        panel.place(limit, below=slope_row, buff=0.6)
        panel.place(steps, buff=0.3)
        self.play(Write(limit), run_time=self.t(2))
        self.pause(1.5)
        self.play(Write(steps), run_time=self.t(2))
        self.pause(3)

        self.beat("The tangent", "As h vanishes the secant becomes the tangent line: it touches the curve at a with exactly that slope.")
        tangent = derivatives.tangent_line(f, a)
        for mob in (second, secant, run, rise):
            mob.clear_updaters()
        self.play(
            FadeOut(second), FadeOut(run), FadeOut(rise),
            Transform(secant, line_through(axes, a, tangent.y0, tangent.slope, color=TANGENT, width=4)),
            run_time=self.t(1.5),
        )
        equation = formula(rf"y = {derivatives.linear_approximation(f, a).latex}", color=TANGENT)
        panel.place(equation, buff=0.6)
        self.play(Write(equation), run_time=self.t(1.5))
        self.pause(5)
