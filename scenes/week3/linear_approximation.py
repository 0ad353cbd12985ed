"""Week 3 -- linear approximation: up close, a smooth curve is its tangent line."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Create, Dot, FadeIn, FadeOut, ReplacementTransform, VGroup, Write

from calcviz import derivatives
from calcviz.view import nice_range
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, FOREGROUND, EDGE, MUTED, SECANT, TANGENT, formula, tex_number, words
from scenes.kit.plotting import graph, line_through, make_axes, point_at, window_for

AXES_WIDTH = 7.2
AXES_HEIGHT = 5.4


class LinearApproximation(LectureScene):
    """Zoom in on a point until the curve and its tangent coincide; estimate with the tangent."""

    def construct(self) -> None:
        p = self.params
        f, a = p.function, p.point
        linear = derivatives.linear_approximation(f, a)
        self.beat("Title", "Why can calculators, physicists and optimizers replace a curve by a straight line? Let's zoom in.")
        self.show_title()

        self.beat("Curve and tangent", f"The function and its tangent line at a = {a:g}: the linear approximation L.")
        view = self.view(*p.interval)
        panel = Panel.beside(view[0])
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        l_label = panel.place(formula(rf"L(x) = {linear.latex}", color=TANGENT), buff=0.35)
        self.play(Create(view[0]), run_time=self.t(1.5))
        self.play(Create(view[1]), Write(f_label), run_time=self.t(2))
        self.play(Create(view[2]), FadeIn(view[3], scale=2), Write(l_label), run_time=self.t(2))
        self.pause(2)

        self.beat("Zooming in", "Zoom in around the point. Each time, the curve looks straighter and hugs its tangent more closely.")
        width_label = None
        for width in p.zoom_widths:
            new_view = self.view(a - width / 2, a + width / 2)
            new_label = VGroup(words("window width", size=30, color=MUTED), formula(tex_number(width), size=34)).arrange(RIGHT, buff=0.25)
            panel.place(new_label, below=l_label, buff=0.6)
            label_change = FadeIn(new_label) if width_label is None else ReplacementTransform(width_label, new_label)
            self.play(ReplacementTransform(view, new_view), label_change, run_time=self.t(2.5))
            view, width_label = new_view, new_label
            self.pause(2)
        self.pause(1)

        self.beat("An estimate", f"So near a, f is almost L, and L is easy to evaluate. Let's estimate f at {p.estimate_at:g}.")
        x = p.estimate_at
        estimate, truth = linear(x), f(x)
        error = truth - estimate
        lo, hi = min(a, x), max(a, x)
        margin = max(hi - lo, 1e-9) * 1.5
        close_view = self.view(lo - margin, hi + margin)
        self.play(ReplacementTransform(view, close_view), FadeOut(width_label), run_time=self.t(2))
        view = close_view
        x_tex = tex_number(x)
        rows = VGroup(
            formula(rf"L({x_tex}) = {tex_number(estimate, 6)}", color=TANGENT),
            formula(rf"f({x_tex}) = {tex_number(truth, 6)}", color=p.function_color),
            formula(rf"\text{{error}} = {tex_number(error, 3)}", color=SECANT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        panel.place(rows, below=l_label, buff=0.6)
        on_line = Dot(point_at(view[0], x, estimate), color=TANGENT, radius=0.06)
        on_curve = Dot(point_at(view[0], x, truth), color=p.function_color, radius=0.06)
        self.play(FadeIn(on_line, scale=2), Write(rows[0]), run_time=self.t(1.5))
        self.pause(1)
        self.play(FadeIn(on_curve, scale=2), Write(rows[1]), run_time=self.t(1.5))
        self.pause(1)
        self.play(Write(rows[2]), run_time=self.t(1.2))
        self.pause(3)

        self.beat("Faster than h", "How fast does the error vanish? Divide it by the step h: even that ratio goes to zero. The error is o(h).")
        self.play(FadeOut(rows), FadeOut(on_line), FadeOut(on_curve), run_time=self.t(0.8))
        table = self.error_table(f, a, p.h_values)
        panel.place(table, below=l_label, buff=0.6)
        self.play(FadeIn(table[0]), run_time=self.t(1))
        for row in table[1:]:
            self.play(FadeIn(row, shift=0.2 * DOWN), run_time=self.t(1.2))
            self.pause(1.2)
        self.pause(2)
        summary = formula(r"f(a+h) = f(a) + f'(a)\,h + o(h)", color=FOREGROUND)
        panel.place(summary, buff=0.5)
        self.play(Write(summary), run_time=self.t(1.8))
        self.pause(5)

    def view(self, lo: float, hi: float) -> VGroup:
        """Axes over [lo, hi] with the curve, the tangent and the point: one zoom level."""
        p = self.params
        f, a = p.function, p.point
        tangent = derivatives.tangent_line(f, a)
        x_window = nice_range(lo, hi)
        _, y_window = window_for(f, x_window[0], x_window[1])
        axes = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        return VGroup(
            axes,
            graph(axes, f, color=p.function_color),
            line_through(axes, a, tangent.y0, tangent.slope, color=TANGENT),
            Dot(point_at(axes, a, tangent.y0), color=ACCENT, radius=0.07).set_z_index(2),
        )

    def error_table(self, f, a: float, steps) -> VGroup:
        header = VGroup(formula("h"), formula(r"E(h)"), formula(r"E(h)/h")).set_color(MUTED)
        rows = [header]
        for row in derivatives.approximation_errors(f, a, steps):
            rows.append(VGroup(formula(tex_number(row.h)), formula(tex_number(row.error, 3), color=SECANT),
                               formula(tex_number(row.ratio, 3), color=TANGENT)))
        cells = VGroup(*[cell for row in rows for cell in row])
        cells.arrange_in_grid(rows=len(rows), cols=3, buff=(0.6, 0.25), col_alignments="rrr")
        return VGroup(*rows)
