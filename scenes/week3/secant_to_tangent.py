"""Week 3 -- the derivative as the limit of secant slopes."""

from __future__ import annotations

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UR,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    ReplacementTransform,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
)

from calcviz import derivatives, latex
from scenes.style import (
    ACCENT,
    EDGE,
    FUNCTION,
    MUTED,
    SECANT,
    TANGENT,
    LectureScene,
    formula,
    graph,
    line_through,
    make_axes,
    readout,
    to_scene,
    window_for,
    words,
)


class SecantToTangent(LectureScene):
    """Secants through (a, f(a)) and (a+h, f(a+h)) turn into the tangent as h -> 0."""

    def construct(self) -> None:
        p = self.params
        f, a = p.function, p.point
        self.beat("Title", "How steep is a curve at a single point? Slopes need two points, so we start with two.")
        self.show_title()

        self.beat("The curve", f"Here is our function, f(x) = {f.expr}, and the point where we want its slope: a = {a:g}.")
        x_window, y_window = window_for(f, *p.interval)
        axes = make_axes(x_window, y_window, width=7.4, height=5.6).to_corner(LEFT + DOWN, buff=EDGE)
        curve = graph(axes, f)
        f_label = formula(rf"f(x) = {f.latex}", color=FUNCTION)
        self.play(Create(axes), run_time=self.t(1.5))
        self.play(Create(curve), run_time=self.t(2))
        panel_top = axes.get_top()[1]
        f_label.to_edge(RIGHT, buff=EDGE).set_y(panel_top - 0.3)
        self.play(Write(f_label), run_time=self.t(1))
        point = Dot(to_scene(axes, [[a, f(a)]])[0], color=ACCENT, radius=0.07)
        self.play(FadeIn(point, scale=2), run_time=self.t(0.8))
        self.pause(1.5)

        self.beat("A secant", "Take a second point a distance h away. The line through both points is a secant; its slope is rise over run.")
        h = ValueTracker(p.h_values[0])

        def partner():
            x = a + h.get_value()
            return Dot(to_scene(axes, [[x, f(x)]])[0], color=SECANT, radius=0.06)

        def secant():
            x = a + h.get_value()
            return line_through(axes, a, f(a), derivatives.secant_slope(f, a, h.get_value()), color=SECANT).set_z_index(-1)

        def rise_and_run():
            x = a + h.get_value()
            corner = to_scene(axes, [[x, f(a)]])[0]
            run = DashedLine(point.get_center(), corner, color=MUTED, stroke_width=2)
            rise = DashedLine(corner, to_scene(axes, [[x, f(x)]])[0], color=MUTED, stroke_width=2)
            return VGroup(run, rise)

        second, line, legs = always_redraw(partner), always_redraw(secant), always_redraw(rise_and_run)
        quotient = formula(r"\text{slope} = \frac{f(a+h) - f(a)}{h}")
        h_row = VGroup(formula("h ="), readout(h.get_value(), decimals=3))
        slope_row = VGroup(formula(r"\text{slope} ="), readout(derivatives.secant_slope(f, a, h.get_value()), color=SECANT))
        for row in (h_row, slope_row):
            row.arrange(RIGHT, buff=0.2)
        h_row[1].add_updater(lambda m: m.set_value(h.get_value()))
        slope_row[1].add_updater(lambda m: m.set_value(derivatives.secant_slope(f, a, h.get_value())))
        panel = VGroup(quotient, h_row, slope_row).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        panel.next_to(f_label, DOWN, buff=0.6).align_to(f_label, LEFT)
        self.play(FadeIn(second), Create(line), Create(legs), run_time=self.t(1.5))
        self.play(Write(quotient), run_time=self.t(1.2))
        self.play(FadeIn(h_row), FadeIn(slope_row), run_time=self.t(1))
        self.pause(2)

        self.beat("Shrinking h", "Now let h shrink. The second point slides toward the first, and the secant's slope settles down.")
        for value in p.h_values[1:]:
            self.play(h.animate.set_value(value), run_time=self.t(1.8))
            self.pause(0.6)
        self.pause(1)

        self.beat("From the left", "The same happens from the other side, with h negative: the slope approaches the same number.")
        self.play(h.animate.set_value(-p.h_values[0]), run_time=self.t(2.2))
        for value in p.h_values[1:]:
            self.play(h.animate.set_value(-value), run_time=self.t(1.5))
            self.pause(0.4)
        self.pause(1)

        self.beat("The limit", "That number is the derivative: the limit of the difference quotient as h goes to zero.")
        quotient_h = derivatives.difference_quotient(f, a)
        value = f.derivative().exact(a)
        limit = formula(
            rf"f'({_tex_number(a)}) = \lim_{{h \to 0}} \frac{{f({_tex_number(a)}+h) - f({_tex_number(a)})}}{{h}}",
        )
        steps = formula(rf"= \lim_{{h \to 0}} \left({quotient_h.latex}\right) = {latex(value)}", color=TANGENT)
        derivation = VGroup(limit, steps).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        derivation.next_to(panel, DOWN, buff=0.6).align_to(panel, LEFT)
        self.play(Write(limit), run_time=self.t(2))
        self.pause(1)
        self.play(Write(steps), run_time=self.t(2))
        self.pause(2)

        self.beat("The tangent", "As h vanishes the secant becomes the tangent line: the line that touches the curve at a with exactly that slope.")
        tangent = derivatives.tangent_line(f, a)
        tangent_line = line_through(axes, a, tangent.y0, tangent.slope, color=TANGENT, width=4)
        line.clear_updaters()
        second.clear_updaters()
        legs.clear_updaters()
        self.play(FadeOut(second), FadeOut(legs), ReplacementTransform(line, tangent_line), run_time=self.t(1.5))
        equation = formula(rf"y = {derivatives.linear_approximation(f, a).latex}", color=TANGENT)
        equation.next_to(derivation, DOWN, buff=0.6).align_to(derivation, LEFT)
        self.play(Write(equation), run_time=self.t(1.5))
        self.pause(4)


def _tex_number(x: float) -> str:
    return f"{x:g}"
