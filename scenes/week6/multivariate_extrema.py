"""Week 6 -- extrema in two variables: grad f = 0 finds the candidates, the Hessian test tells
minimum, maximum and saddle apart, on the surface and on its contour map at once."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Indicate, VGroup, VMobject, Write, config

from calcviz import latex, multivariate
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, DERIVATIVE, EDGE, MUTED, SECANT, TANGENT, formula, tex_number, words
from scenes.kit.plotting import point_at, polyline_points, to_scene
from scenes.kit.three_d import StageDot, stage_for, surface_sheet
from scenes.week6.gradient_descent_surface import GradientDescentSurface, level_color

KIND_COLORS = {"minimum": DERIVATIVE, "maximum": SECANT, "saddle": TANGENT, "degenerate": MUTED}
STAGE_CENTER = (-3.3, -1.0)
STAGE_SPAN = 5.4
STAGE_HEIGHT = 3.0
PANEL_LEFT = 1.45
MAP_SCALE = 0.82
LEVELS = 10
SMALL = 28


class MultivariateExtrema(GradientDescentSurface):
    """Critical points from calcviz (exact where sympy solves), each classified by the Hessian, on the surface and the map."""

    def construct(self) -> None:
        p = self.params
        F = p.function
        points = p.critical_points()
        self.beat("Title", "Where are the peaks, the pits and the mountain passes of a surface? "
                           "Two tests find them: one on the gradient, one on the Hessian.")
        header = self.show_title()

        self.beat("The landscape", "Here is a landscape with a hill, a hollow and two passes, "
                                   "and beside it the same landscape as a contour map.")
        stage = stage_for(p, center=STAGE_CENTER, lengths=self.stage_lengths())
        self.stage = stage
        _, _, heights = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
        self.heights = (float(np.nanmin(heights)), float(np.nanmax(heights)))
        surface = surface_sheet(stage, F, resolution=p.surface_resolution, color_range=self.heights)
        f_label = formula(rf"f(x, y) = {F.latex}", size=SMALL + 2, color=p.function_color)
        f_label.next_to(header, DOWN, buff=0.3).align_to(header, LEFT)
        self.raise_surface([surface], Write(f_label))
        axes = self.contour_axes()
        contours = self.contours(axes, surface)
        self.play(Create(axes), Create(contours), run_time=self.t(2.5))
        self.turn_camera(p.orbit / 2, 3)
        self.pause(1)

        self.beat("Necessary: a flat spot", "At the top of a hill or the bottom of a hollow the tangent plane is level, "
                                            "so both partial derivatives vanish. Solving grad f = 0 gives every candidate.")
        gradient = formula(rf"\nabla f = \left({F.partial('x').latex},\ {F.partial('y').latex}\right) = \mathbf{{0}}", size=SMALL)
        gradient.next_to(f_label, DOWN, buff=0.25).align_to(f_label, LEFT)
        panel = Panel(left=PANEL_LEFT, top=axes.get_bottom()[1] - 0.35)
        found = words(f"{len(points)} critical points:", size=SMALL, color=ACCENT)
        panel.place(found)
        coordinates = VGroup(*(formula(self.where(c), size=SMALL, color=ACCENT) for c in points)).arrange(RIGHT, buff=0.3)
        panel.place(coordinates, buff=0.15)
        self.play(Write(gradient), run_time=self.t(2))
        map_dots = [Dot(point_at(axes, *c.point), radius=0.08, color=ACCENT).set_z_index(4) for c in points]
        surface_dots = [StageDot(stage, lambda c=c: self.surface_point(np.array(c.point)), color=ACCENT, radius=0.09) for c in points]
        self.play(FadeIn(found), FadeIn(coordinates), *(FadeIn(d, scale=2) for d in map_dots + surface_dots), run_time=self.t(1.5))
        self.settle(*surface_dots)
        self.pause(3)

        self.beat("Sufficient: the Hessian", "Flat is not enough: a pass is flat too. The second derivatives decide. "
                                             "D is the determinant of the Hessian; its sign, and the sign of f x x, name the point.")
        test = self.hessian_test()
        panel.place(test, below=coordinates, buff=0.35)
        self.play(Write(test), run_time=self.t(2.5))
        self.pause(4)

        self.beat("Classify", "Now test each point. Positive D with f x x positive: a minimum. Positive D with f x x "
                              "negative: a maximum. Negative D: a saddle, downhill one way and uphill the other.")
        self.play(FadeOut(found), FadeOut(coordinates), test.animate.align_to(found, UP), run_time=self.t(0.8))
        rows = []
        for c, map_dot, surface_dot in zip(points, map_dots, surface_dots):
            color = KIND_COLORS[c.kind]
            row = formula(rf"{self.where(c)}:\ D = {tex_number(round(c.determinant, 9) + 0.0)},\ "
                          rf"f_{{xx}} = {tex_number(round(float(c.hessian[0, 0]), 9) + 0.0)}\ \Rightarrow\ \text{{{c.kind}}}",
                          size=SMALL, color=color)
            panel.place(row, below=rows[-1] if rows else test, buff=0.18 if rows else 0.3)
            rows.append(row)
            surface_dot.set_color(color)
            self.play(Write(row), map_dot.animate.set_color(color).scale(1.3), Indicate(surface_dot, color=color, scale_factor=1.6),
                      run_time=self.t(1.6))
            self.settle(surface_dot)
            self.pause(1.2)

        self.beat("Look around", "Seen from all sides: the hollow, the hill, and the passes, where the level curves cross. "
                                 "Each kind of point came out of the same two tests.")
        self.turn_camera(p.orbit / 2, 4)
        self.pause(4)

    # ------------------------------------------------------------------ pieces
    def stage_lengths(self) -> tuple[float, float, float]:
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        unit = STAGE_SPAN / max(x1 - x0, y1 - y0)
        return unit * (x1 - x0), unit * (y1 - y0), STAGE_HEIGHT

    def contour_axes(self):
        """The map of GradientDescentSurface, smaller: the test and one row per point go under it."""
        axes = super().contour_axes()
        axes.scale(MAP_SCALE)
        return axes.align_to([config.frame_width / 2 - EDGE - 0.3, config.frame_height / 2 - EDGE, 0], UP + RIGHT)

    def contours(self, axes, surface) -> VGroup:
        """Evenly spaced level curves (hill and hollow alike), plus the level of every saddle, where curves cross."""
        p = self.params
        lo, hi = self.heights
        saddles = [c.value for c in p.critical_points() if c.kind == "saddle"]
        levels = np.unique(np.round(np.r_[np.linspace(lo, hi, LEVELS + 2)[1:-1], saddles], 9))
        group = VGroup()
        for level, polylines in zip(levels, multivariate.contour_lines(p.function, p.x_range, p.y_range, levels, resolution=121)):
            for line in polylines:
                piece = VMobject(stroke_color=level_color(surface, level), stroke_width=2.5)
                piece.set_points(polyline_points(to_scene(axes, line)))
                group.add(piece)
        return group

    @staticmethod
    def where(c) -> str:
        """The point's coordinates: exact when sympy found them, else to three decimals."""
        if c.exact is not None and all(len(latex(v)) <= 12 for v in c.exact):
            return rf"\left({latex(c.exact[0])}, {latex(c.exact[1])}\right)"
        return rf"\left({tex_number(round(c.point[0], 3) + 0.0)}, {tex_number(round(c.point[1], 3) + 0.0)}\right)"

    @staticmethod
    def hessian_test() -> VGroup:
        return VGroup(
            formula(r"H = \begin{pmatrix} f_{xx} & f_{xy} \\ f_{xy} & f_{yy} \end{pmatrix},\quad D = \det H = f_{xx} f_{yy} - f_{xy}^2",
                    size=SMALL),
        )

