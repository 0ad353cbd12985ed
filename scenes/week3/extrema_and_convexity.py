"""Week 3 -- extrema and convexity: f' = 0, the second-derivative test, convex and concave stretches."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, Create, Dot, FadeIn, FadeOut, Line, Rectangle, VGroup, Write

from calcviz import derivatives, latex
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, CONCAVE, CONVEX, DERIVATIVE, EDGE, MUTED, TANGENT, formula, tex_number, words
from scenes.kit.plotting import graph, make_axes, point_at, window_for

AXES_WIDTH = 7.4
AXES_HEIGHT = 5.6
KIND_COLORS = {"minimum": CONVEX, "maximum": CONCAVE, "stationary inflection": ACCENT}


class ExtremaAndConvexity(LectureScene):
    """Critical points from f' = 0, classified by f''; convex and concave stretches; the inflection point."""

    def construct(self) -> None:
        p = self.params
        f, (lo, hi) = p.function, p.interval
        df, d2f = f.derivative(), f.derivative(2)
        critical = derivatives.critical_points(f, lo, hi)
        self.beat("Title", "Where does a function reach its highest and lowest values, and which way does it bend?")
        self.show_title()

        self.beat("The function", "Here is our function. Its peaks and valleys are where the tangent line is flat.")
        x_window, y_window = window_for(f, lo, hi)
        axes = make_axes(x_window, y_window, AXES_WIDTH, AXES_HEIGHT).to_corner(LEFT + DOWN, buff=EDGE)
        panel = Panel.beside(axes)
        f_label = panel.place(formula(rf"f(x) = {f.latex}", color=p.function_color))
        self.play(Create(axes), run_time=self.t(1.5))
        self.play(Create(graph(axes, f, color=p.function_color)), Write(f_label), run_time=self.t(2))
        self.pause(2)

        self.beat("Critical points", "Flat tangent means zero slope. Solve f'(x) = 0 to find the critical points.")
        df_label = formula(rf"f'(x) = {df.latex}", color=DERIVATIVE)
        roots = ", ".join(latex(c.exact) if c.exact is not None else tex_number(c.x) for c in critical)
        zero_label = formula(rf"f'(x) = 0 \;\Rightarrow\; x = {roots}", color=DERIVATIVE)
        panel.place(df_label)
        panel.place(zero_label, buff=0.3)
        self.play(Write(df_label), run_time=self.t(1.5))
        self.play(Write(zero_label), run_time=self.t(1.5))
        flats = VGroup(*[self.flat_tangent(axes, c) for c in critical])
        dots = VGroup(*[Dot(point_at(axes, c.x, c.y), color=ACCENT, radius=0.07).set_z_index(2) for c in critical])
        self.play(Create(flats), FadeIn(dots, scale=2), run_time=self.t(1.5))
        self.pause(2.5)

        self.beat("Second derivative test", "Which is a peak and which a valley? The second derivative tells: f'' > 0 bends up, a minimum; f'' < 0 bends down, a maximum.")
        d2f_label = formula(rf"f''(x) = {d2f.latex}", color=MUTED)
        panel.place(d2f_label)
        self.play(Write(d2f_label), run_time=self.t(1.5))
        verdicts = VGroup()
        for c in critical:
            value = d2f.exact(c.x) if c.exact is None else d2f.exact(c.exact)
            sign = "<" if float(value) < 0 else (">" if float(value) > 0 else "=")
            x_tex = latex(c.exact) if c.exact is not None else tex_number(c.x)
            verdicts.add(formula(rf"f''({x_tex}) = {latex(value)} {sign} 0 \Rightarrow \text{{{c.kind}}}", size=32, color=KIND_COLORS[c.kind]))
        panel.place(verdicts.arrange(DOWN, aligned_edge=LEFT, buff=0.3), buff=0.35)
        for verdict, c in zip(verdicts, critical):
            tag = words(c.kind, size=26, color=KIND_COLORS[c.kind])
            tag.next_to(point_at(axes, c.x, c.y), UP if c.kind == "maximum" else DOWN, buff=0.25)
            self.play(Write(verdict), FadeIn(tag), run_time=self.t(1.5))
            self.pause(1.5)
        self.pause(1.5)

        self.beat("Convex and concave", "Between them the curve bends one way or the other: convex where f'' > 0, concave where f'' < 0.")
        bands = VGroup(*[self.band(axes, piece) for piece in derivatives.convexity(f, lo, hi)])
        self.play(FadeIn(bands), run_time=self.t(1.5))
        self.pause(3)

        convex = [piece for piece in derivatives.convexity(f, lo, hi) if piece.kind == "convex"]
        if convex:
            self.beat("A chord", "On a convex stretch, every chord lies above the graph: the curve sags below its chords.")
            piece = max(convex, key=lambda c: c.hi - c.lo)
            x1, x2 = piece.lo + 0.2 * (piece.hi - piece.lo), piece.lo + 0.85 * (piece.hi - piece.lo)
            chord = Line(point_at(axes, x1, f(x1)), point_at(axes, x2, f(x2)), color=TANGENT, stroke_width=4)
            ends = VGroup(*[Dot(point_at(axes, x, f(x)), color=TANGENT, radius=0.06) for x in (x1, x2)])
            self.play(FadeIn(ends, scale=2), Create(chord), run_time=self.t(1.5))
            self.pause(3.5)

        explanations = VGroup(df_label, zero_label, d2f_label, verdicts)
        inflections = derivatives.inflection_points(f, lo, hi)
        if inflections:
            self.beat("Inflection point", "Where the bending changes direction, f'' changes sign: an inflection point.")
            marks = VGroup(*[Dot(point_at(axes, x, f(x)), color=ACCENT, radius=0.09) for x in inflections])
            where = ", ".join(tex_number(x) for x in inflections)
            label = words(f"inflection at $x = {where}$: $f''$ changes sign", size=30, color=ACCENT)
            panel.place(label)
            explanations.add(label)
            self.play(FadeIn(marks, scale=2.5), Write(label), run_time=self.t(1.5))
            self.pause(4)

        self.beat("Recap", "In short: solve f' = 0 for the candidates, then let the sign of f'' decide: positive, a valley; negative, a peak.")
        recap = VGroup(
            formula(r"f'(x_0) = 0,\; f''(x_0) > 0 \Rightarrow \text{minimum}", size=32, color=CONVEX),
            formula(r"f'(x_0) = 0,\; f''(x_0) < 0 \Rightarrow \text{maximum}", size=32, color=CONCAVE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        self.play(FadeOut(explanations), run_time=self.t(0.8))
        panel.place(recap, below=f_label, buff=0.6)
        self.play(Write(recap), run_time=self.t(2.5))
        self.pause(5)

    def flat_tangent(self, axes, point) -> Line:
        half = 0.12 * (axes.x_range[1] - axes.x_range[0])
        return Line(point_at(axes, point.x - half, point.y), point_at(axes, point.x + half, point.y), color=TANGENT, stroke_width=3)

    def band(self, axes, piece) -> VGroup:
        """A tinted vertical band over a convex or concave stretch, labelled at the top."""
        color = CONVEX if piece.kind == "convex" else CONCAVE
        y0, y1 = axes.y_range[0], axes.y_range[1]
        corner_low, corner_high = point_at(axes, piece.lo, y0), point_at(axes, piece.hi, y1)
        box = Rectangle(width=corner_high[0] - corner_low[0], height=corner_high[1] - corner_low[1],
                        stroke_width=0, fill_color=color, fill_opacity=0.12).move_to((corner_low + corner_high) / 2)
        label = words(piece.kind, size=28, color=color).next_to(box.get_top(), DOWN, buff=0.15)
        return VGroup(box.set_z_index(-2), label)
