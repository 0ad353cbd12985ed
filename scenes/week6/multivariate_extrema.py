"""Week 6 -- extrema in two variables: grad f = 0 finds the candidates, the Hessian test tells
minimum, maximum and saddle apart, on the surface and on its contour map at once."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Indicate, VGroup, VMobject, Write, config

from calcviz import exact, latex, multivariate
from calcviz.critical_work import critical_work
from calcviz.determinant_work import determinant_work
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, BACKGROUND, DERIVATIVE, EDGE, MUTED, SECANT, TANGENT, formula, tex_number, words
from scenes.kit.plotting import point_at, polyline_points, to_scene
from scenes.kit.three_d import Curve3D, MeshLayer, StageDot, plane_sheet, stage_for, surface_sheet
from scenes.week6.gradient_descent_surface import GradientDescentSurface, level_color

KIND_COLORS = {"minimum": DERIVATIVE, "maximum": SECANT, "saddle": TANGENT, "degenerate": MUTED}
KIND_ORDER = ("minimum", "maximum", "saddle", "degenerate")
KIND_NAMES = {"minimum": "local min", "maximum": "local max", "saddle": "saddle", "degenerate": "no conclusion"}
STAGE_CENTER = (-3.2, -0.42)  # the surface, floor and labels inside the frame at every camera angle of the scene
STAGE_SPAN = 4.5
STAGE_HEIGHT = 2.6
PANEL_LEFT = 1.45
MAP_SCALE = 0.82
LEVELS = 10
SMALL = 28
SADDLE_REACH = 0.15  # the slices through a saddle, as a share of the x range each side of it
PLANE_HALF_WIDTH = 0.14  # the level plane at the top, as a share of the x range each side of the point


class MultivariateExtrema(GradientDescentSurface):
    """Critical points from calcviz (exact where sympy solves), each classified by the Hessian, on the surface and the map."""

    def construct(self) -> None:
        p = self.params
        F = p.function
        points = sorted(p.critical_points(), key=lambda c: KIND_ORDER.index(c.kind))  # in the order the voice teaches them

        self.beat("The landscape")
        header = self.show_title()
        stage = stage_for(p, center=STAGE_CENTER, lengths=self.stage_lengths())
        self.stage = stage
        _, _, heights = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
        self.heights = (float(np.nanmin(heights)), float(np.nanmax(heights)))
        surface = surface_sheet(stage, F, resolution=p.surface_resolution, color_range=self.heights)
        f_label = formula(rf"f(x, y) = {F.latex}", size=SMALL + 2, color=p.function_color)
        f_label.next_to(header, DOWN, buff=0.3).align_to(header, LEFT)
        layer, _ = self.raise_surface_said([surface], f_label, "Where are the peaks, the pits and the mountain passes of this surface?",
                                           Indicate(f_label, color=p.function_color, scale_factor=1.0))  # the floor silently, the surface as it is asked about
        axes = self.contour_axes()
        contours = self.contours(axes, surface)
        self.say("Beside it is the same landscape as a contour map.", [Create(axes), Create(contours)],
                 lambda: self.turn_camera(p.orbit / 2, 3))

        self.beat("Necessary: a flat spot")
        gradient = formula(rf"\nabla f = \left({F.partial('x').latex},\ {F.partial('y').latex}\right) = \mathbf{{0}}", size=SMALL + 2)
        gradient.next_to(f_label, RIGHT, buff=0.6)  # beside f, clear of the hilltop and its plane
        top = max((c for c in points if c.kind == "maximum"), key=lambda c: c.value, default=None) or points[0]
        plane = multivariate.tangent_plane(F, top.point)
        sheet = plane_sheet(stage, plane, half_width=PLANE_HALF_WIDTH * np.ptp(p.x_range), colors=(SECANT, SECANT),
                            resolution=p.surface_resolution)
        sheet.opacity.set_value(0)
        plane_layer = MeshLayer(stage, [sheet])
        self.mobjects.insert(self.mobjects.index(layer) + 1, plane_layer)  # over the surface: the plane touches it from above
        self.scenery.append(plane_layer)
        self.wake(layer, plane_layer)
        self.say("At the top of a hill the tangent plane is level: both partial derivatives vanish there.",
                 sheet.opacity.animate.set_value(0.75), Write(gradient))
        self.rest(layer, plane_layer)
        panel = Panel(left=PANEL_LEFT, top=axes.get_bottom()[1] - 0.35)
        panel_top = np.array([0.0, axes.get_bottom()[1] - 0.35, 0.0])
        split = critical_work(F, p.x_range, p.y_range)
        if split is not None:
            solved = VGroup(*(formula(rf"{w.partial_latex} = 0 \;\Rightarrow\; {w.variable} = {w.roots_latex}", size=SMALL + 2)
                              for w in split)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
            panel.place(solved)
            said = " and ".join(f"${w.partial_latex} = 0$ gives ${w.variable} = {w.roots_latex}$" for w in split)
            self.wake(plane_layer)
            self.say(f"Each equation holds one variable: {said}.", sheet.opacity.animate.set_value(0), Write(solved[0]), Write(solved[1]))
            self.remove(plane_layer)
        found = words(f"{len(points)} critical points:", size=SMALL + 2, color=ACCENT)
        panel.place(found, buff=0.3)
        coordinates = VGroup(*(formula(self.where(c), size=SMALL + 2, color=ACCENT) for c in points)).arrange(RIGHT, buff=0.3)
        panel.place(coordinates, buff=0.15)
        map_dots = [Dot(point_at(axes, *c.point), radius=0.08, color=ACCENT).set_z_index(4) for c in points]
        surface_dots = [StageDot(stage, lambda c=c: self.surface_point(np.array(c.point)), color=ACCENT, radius=0.09) for c in points]
        self.say(rf"Every pair of them is a candidate: here ${len(points)}$ critical points." if split is not None else
                 rf"Solving $\nabla f = 0$ gives every candidate: here ${len(points)}$ critical points.",
                 [FadeIn(found), FadeIn(coordinates)], [FadeIn(d, scale=2) for d in map_dots + surface_dots],
                 lambda: self.settle(*surface_dots))

        self.beat("Sufficient: the Hessian")
        test = self.hessian_test()
        panel.place(test, below=coordinates, buff=0.35)
        saddle = next((c for c in points if c.kind == "saddle"), None)
        if saddle is not None:  # its tangent plane is level too: shown, then gone
            pass_sheet = plane_sheet(stage, multivariate.tangent_plane(F, saddle.point), half_width=PLANE_HALF_WIDTH * np.ptp(p.x_range),
                                     colors=(KIND_COLORS["saddle"], KIND_COLORS["saddle"]), resolution=p.surface_resolution)
            pass_sheet.opacity.set_value(0)
            pass_layer = MeshLayer(stage, [pass_sheet])
            self.mobjects.insert(self.mobjects.index(layer) + 1, pass_layer)
            self.scenery.append(pass_layer)
            self.wake(layer, pass_layer)
            self.say("Flat is not enough: at a pass the tangent plane is level too.", pass_sheet.opacity.animate.set_value(0.75),
                     Indicate(map_dots[points.index(saddle)], color=KIND_COLORS["saddle"], scale_factor=1.8))
            self.rest(layer, pass_layer)
            self.wake(pass_layer)
            self.say("The second derivatives decide, through the Hessian and its determinant $D$.",
                     pass_sheet.opacity.animate.set_value(0), Write(test[0]), Write(test[1]))
            self.remove(pass_layer)
        else:
            self.say("Flat is not enough: a pass is flat too. The second derivatives decide, through the Hessian and its determinant $D$.",
                     Write(test[0]), Write(test[1]))

        self.beat("Classify")
        rule = VGroup(formula(r"D > 0:\ \ f_{xx} > 0 \Rightarrow \text{min},\ \ f_{xx} < 0 \Rightarrow \text{max}", size=SMALL + 2),
                      formula(r"D < 0:\ \ \text{saddle},\quad D = 0:\ \ \text{no conclusion}", size=SMALL + 2)
                      ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.say(r"Now put each point into $D$: the signs of $D$ and $f_{xx}$ decide, and $D = 0$ decides nothing.",
                 [FadeOut(found), FadeOut(coordinates), *([FadeOut(solved)] if split is not None else []), FadeOut(test[0]),
                  test[1].animate.align_to(panel_top, UP)],
                 lambda: panel.place(rule, below=test[1], buff=0.25), Write(rule))
        header_row = VGroup(words("point", size=SMALL, color=MUTED), formula("D", size=SMALL + 2, color=MUTED),
                            formula("f_{xx}", size=SMALL + 2, color=MUTED), words("kind", size=SMALL, color=MUTED))
        cells, verdicts = [header_row], []
        for c in points:
            color = KIND_COLORS[c.kind]
            worked = determinant_work(self.params.function, c.point)
            d_tex = worked.value_latex
            fxx_tex = latex(exact(round(float(c.hessian[0, 0]), 9) + 0.0))
            cells.append(VGroup(formula(self.where(c), size=SMALL + 2, color=color), formula(rf"{worked.substituted_latex} = {d_tex}", size=SMALL + 2, color=color),
                                formula(fxx_tex, size=SMALL + 2, color=color), words(KIND_NAMES[c.kind], size=SMALL + 2, color=color)))
            verdicts.append(self.verdict(c, d_tex, fxx_tex))
        table = VGroup(*[cell for row in cells for cell in row])
        table.arrange_in_grid(rows=len(cells), cols=4, buff=(0.3, 0.1), col_alignments="lrrl")
        panel.place(table, below=rule, buff=0.2)
        rows = cells[1:]
        self.add(header_row)
        header_row.set_opacity(0)
        self.say(verdicts[0], [header_row.animate.set_opacity(1), Write(rows[0])],
                 [map_dots[0].animate.set_color(KIND_COLORS[points[0].kind]).scale(1.3),
                  Indicate(surface_dots[0].set_color(KIND_COLORS[points[0].kind]), color=KIND_COLORS[points[0].kind], scale_factor=1.6)],
                 lambda: self.settle(surface_dots[0]))
        shown_saddle = False
        for c, row, verdict, map_dot, surface_dot in list(zip(points, rows, verdicts, map_dots, surface_dots))[1:]:
            color = KIND_COLORS[c.kind]
            surface_dot.set_color(color)
            slices = self.saddle_slices(c) if c.kind == "saddle" and not shown_saddle else []
            shown_saddle = shown_saddle or bool(slices)
            self.say(verdict, Write(row), [map_dot.animate.set_color(color).scale(1.3), Indicate(surface_dot, color=color, scale_factor=1.6),
                                           *(Create(piece) for piece in slices)],
                     lambda surface_dot=surface_dot, slices=slices: self.settle(surface_dot, *slices))

        self.beat("Look around")
        self.say("Seen from another side: the hollow, the hill, and the passes, where the level curves cross.",
                 lambda: self.turn_camera(p.orbit / 2, 4, *[Indicate(row, color=KIND_COLORS[c.kind], scale_factor=1.0) for row, c in zip(rows, points)]),
                 hold="the camera turns: turn_camera animates it")
        self.say("Two tests: the gradient finds the candidates, and the Hessian names them.", Indicate(gradient, scale_factor=1.05), Indicate(VGroup(test[1], rule), scale_factor=1.05))

    def verdict(self, c, d_tex: str, fxx_tex: str) -> str:
        """The Hessian test said for one point."""
        at = f"At ${self.where(c)}$"
        if c.kind == "minimum":
            return f"{at}, $D = {d_tex}$ is positive and $f_{{xx}} = {fxx_tex}$ is positive: a local minimum."
        if c.kind == "maximum":
            return f"{at}, $D = {d_tex}$ is positive and $f_{{xx}} = {fxx_tex}$ is negative: a local maximum."
        if c.kind == "saddle":
            return f"{at}, $D = {d_tex}$ is negative: a saddle, downhill one way and uphill the other."
        return f"{at}, $D = 0$: the test gives no conclusion."

    # ------------------------------------------------------------------ pieces
    def saddle_slices(self, c) -> list:
        """The surface through a saddle along x and along y, in the saddle's own colour (red and green mean maximum and
        minimum in this clip): one slice curves down, the other up."""
        F, (x0, y0) = self.params.function, c.point
        reach = SADDLE_REACH * np.ptp(self.params.x_range)
        t = np.linspace(-reach, reach, 41)
        pieces = []
        for along_x in (True, False):
            xs, ys = (x0 + t, np.full_like(t, y0)) if along_x else (np.full_like(t, x0), y0 + t)
            path = np.column_stack([xs, ys, F(xs, ys) + 3 * self.lift()])
            pieces.append(Curve3D(self.stage, path, color=BACKGROUND, width=10))  # a dark casing: it reads on the bright surface
            pieces.append(Curve3D(self.stage, path, color=KIND_COLORS["saddle"], width=6))
        return pieces

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

    def hessian_test(self) -> VGroup:
        """The Hessian of f, written out, and its determinant."""
        F = self.params.function
        fxx, fxy, fyy = F.partial("x").partial("x"), F.partial("x").partial("y"), F.partial("y").partial("y")
        return VGroup(
            formula(rf"H = \begin{{pmatrix}} f_{{xx}} & f_{{xy}} \\ f_{{xy}} & f_{{yy}} \end{{pmatrix}}"
                    rf" = \begin{{pmatrix}} {fxx.latex} & {fxy.latex} \\ {fxy.latex} & {fyy.latex} \end{{pmatrix}}", size=SMALL + 4),
            formula(rf"D = f_{{xx}} f_{{yy}} - f_{{xy}}^2 = {determinant_work(F, self.params.critical_points()[0].point).formula_latex}", size=SMALL + 4),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)

