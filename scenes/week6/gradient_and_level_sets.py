"""Week 6 -- the gradient is perpendicular to the level curves: steepest ascent along it, steepest descent against it."""

from __future__ import annotations

import numpy as np
import sympy
from manim import DOWN, LEFT, RIGHT, UP, Arrow, Create, Dot, FadeIn, FadeOut, GrowArrow, Indicate, Line, VGroup, VMobject, Write, config

from calcviz import latex, multivariate
from calcviz.gradient_work import gradient_work
from calcviz.view import nice_step
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, BACKGROUND, DERIVATIVE, EDGE, FOREGROUND, FUNCTION, MUTED, SECANT, TANGENT, formula, words
from scenes.kit.numbers import number, number_tex
from scenes.kit.plotting import fixed_map, make_axes, polyline_points

MAP_WIDTH = 7.0
LEVELS = 10
LONGEST_ARROW = 0.55  # scene units, for the steepest gradient on the map
DETAIL_ARROW = 1.3  # scene units: the gradient at the point, shown in detail
SMALL = 32
HEIGHT_LABELS = (1, 3, 5, 7)  # the level curves whose heights are written on the map (not the one beside the point's own)


class GradientAndLevelSets(LectureScene):
    """Contours; at one point the gradient meets its level curve at a right angle; -grad f across the whole map."""

    def construct(self) -> None:
        p = self.params
        F = p.function
        point = np.array(p.point, float)
        gradient_exact = multivariate.exact_gradient(F, p.point)
        gradient = np.array([float(g) for g in gradient_exact])
        size = float(np.hypot(*gradient))

        self.beat("Level curves")
        self.show_title()
        axes = self.map_axes()
        to_map = fixed_map(axes)
        panel = Panel(left=axes.get_right()[0] + 0.6, top=axes.get_top()[1])
        f_label = panel.place(formula(rf"f(x, y) = {F.latex}", size=SMALL, color=p.function_color))
        contours, levels = self.contours(axes, F)
        self.play(Create(axes), Write(f_label), run_time=self.t(1.0))
        heights = self.height_labels(axes, F, levels)
        self.say("Here is a landscape, $f(x, y)$, drawn as a contour map.",
                 Create(contours, lag_ratio=0.1, run_time=3.5))
        self.say("Each curve joins points at the same height, written on it, like the lines on a hiking map.",
                 FadeIn(heights, lag_ratio=0.3), Indicate(heights, color=FOREGROUND, scale_factor=1.2))
        dot = Dot(to_map(point)[0], radius=0.08, color=ACCENT).set_z_index(4)
        self.say("The heights grow outward from the middle. From a given point, which way is straight uphill?",
                 Indicate(VGroup(*heights[::-1]), color=FUNCTION, scale_factor=1.3), FadeIn(dot, scale=2))  # the point as it is named

        self.beat("Along a level curve")
        along = np.array([-gradient[1], gradient[0]]) / size
        own = self.own_curve(axes, F, point)
        tangent = Line(to_map(point)[0] - 0.9 * np.r_[along, 0], to_map(point)[0] + 0.9 * np.r_[along, 0],
                       color=TANGENT, stroke_width=4).set_z_index(3)
        height = latex(multivariate.exact_value(F, p.point))
        level_text = formula(rf"f = {height}\ \text{{on this curve}}", size=SMALL, color=TANGENT)
        panel.place(level_text, buff=0.5)
        self.say(f"Pick a point, and walk along its level curve: the height stays ${height}$, so in that direction the derivative is zero.",
                 Indicate(dot, color=ACCENT, scale_factor=1.8), Create(own), [Create(tangent), Write(level_text)])

        self.beat("The gradient")
        ends = to_map(point)[0], to_map(point)[0] + DETAIL_ARROW * np.r_[gradient / size, 0]
        up = Arrow(*ends, buff=0, color=SECANT, stroke_width=6, max_tip_length_to_length_ratio=0.2).set_z_index(4)
        corner = self.right_angle(to_map(point)[0], along, gradient / size)
        x, y = (number_tex(c, "step") for c in point)
        grad_text = formula(rf"\nabla f({x}, {y}) = \left({latex(gradient_exact[0])},\ {latex(gradient_exact[1])}\right)",
                            size=SMALL, color=SECANT)
        panel.place(grad_text, buff=0.5)
        fx, fy = gradient_work(F, p.point)
        partials = [formula(rf"f_{{{w.variable}}} = {w.formula_latex}", size=SMALL - 2) for w in (fx, fy)]
        values = [formula(rf"f_{{{w.variable}}}({x}, {y}) = {w.substituted_latex} = {w.value_latex}", size=SMALL - 2, color=SECANT)
                  for w in (fx, fy)]
        work = VGroup(partials[0], partials[1], values[0], values[1]).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        panel.place(work, buff=0.5)
        self.say("First its two partial derivatives: differentiate in one variable, holding the other fixed.",
                 Write(partials[0]), Write(partials[1]))
        self.say(f"At $({x}, {y})$ they are ${fx.value_latex}$ and ${fy.value_latex}$.",
                 Write(values[0]), Write(values[1]))
        self.say("The gradient, the vector of the two partial derivatives, points across the level curve.",
                 [GrowArrow(up), Write(grad_text)])
        t_name = formula(r"\mathbf{t}", size=SMALL, color=TANGENT).set_z_index(5)
        t_name.move_to(tangent.get_end() + 0.28 * np.r_[along, 0] + 0.05 * DOWN)
        perpendicular = formula(r"D_{\mathbf{t}} f = \nabla f \cdot \mathbf{t} = 0", r"\;\Rightarrow\; \nabla f \perp \mathbf{t}", size=SMALL)
        panel.place(perpendicular, below=grad_text, buff=0.45)
        self.say("Why at a right angle? Along the curve, in the direction t, the slope is zero, and that slope is the gradient dotted with t.",
                 [FadeOut(work), FadeIn(t_name), Indicate(tangent, color=TANGENT, scale_factor=1.0)], Write(perpendicular[0]))
        self.say("A zero dot product means perpendicular: the gradient meets its level curve at a right angle.",
                 Write(perpendicular[1]), Create(corner))

        self.beat("Steepest ascent")
        down = Arrow(ends[0], ends[0] - DETAIL_ARROW * np.r_[gradient / size, 0], buff=0, color=DERIVATIVE, stroke_width=6,
                     max_tip_length_to_length_ratio=0.2).set_z_index(4)
        rate = formula(rf"\text{{steepest rate}} = \|\nabla f\| = {latex(self.exact_norm(gradient_exact))}"
                       rf"\approx {number_tex(size)}", size=SMALL)
        unit = float(np.linalg.norm(to_map(np.array([1.0, 0.0]))[0] - to_map(np.array([0.0, 0.0]))[0]))  # scene length of one x unit
        shown = DETAIL_ARROW / (size * unit)  # the arrow's length as a share of the gradient's on the map
        scale_note = words(f"arrow drawn at {number(shown, digits=2)} of its length", size=SMALL - 4, color=MUTED)
        descent = formula(r"-\nabla f:\ \text{steepest descent}", size=SMALL, color=DERIVATIVE)
        panel.last = perpendicular  # the working's place, once the gradient is drawn
        panel.place(rate, buff=0.4)
        panel.place(scale_note, buff=0.15)
        panel.place(descent, buff=0.4)
        self.say(rf"As the directional derivative showed, it climbs fastest of all directions, at a rate equal to its length, ${number_tex(size)}$.",
                 Write(rate), Indicate(up, color=SECANT))
        self.say("The arrow is drawn shorter than that, to fit the map.", FadeIn(scale_note), Indicate(scale_note, color=MUTED, scale_factor=1.0))
        self.say("Its opposite, minus the gradient, descends fastest.", GrowArrow(down), Write(descent))

        self.beat("Everywhere at once")
        field = self.descent_arrows(axes, F)
        self.say("Draw minus the gradient all over the map, scaled down to fit: every arrow crosses its level curve at a right angle.",
                 [FadeOut(tangent), FadeOut(t_name), FadeOut(corner), FadeOut(up), FadeOut(down), FadeOut(own), FadeOut(level_text),
                  FadeOut(heights)],
                 [GrowArrow(a) for a in field])
        lengths = np.array([a.get_length() for a in field])
        longest = VGroup(*[a for a, length in zip(field, lengths) if length >= np.quantile(lengths, 0.8)])
        self.say("Where the curves crowd together, the arrows grow long.", Indicate(longest, color=DERIVATIVE, scale_factor=1.15))

        self.beat("Downhill")
        flow = p.flow()
        path = VMobject(stroke_color=DERIVATIVE, stroke_width=5).set_z_index(5)
        path.set_points(polyline_points(to_map(flow.points)))
        end = Dot(to_map(flow.points[-1])[0], radius=0.08, color=DERIVATIVE).set_z_index(6)
        nearest = min(multivariate.critical_points(F, p.x_range, p.y_range), key=lambda c: np.hypot(*(np.array(c.point) - flow.points[-1])))
        near = np.hypot(*(np.array(nearest.point) - flow.points[-1])) < 0.05
        landing = "a valley, a local minimum" if near and nearest.kind == "minimum" else "a valley"
        self.say(f"Follow the arrows from the point, always at right angles to the level curves, and you slide down the steepest path into {landing}.",
                 field.animate.set_opacity(0.45), Create(path), FadeIn(end, scale=2))
        if near and nearest.kind == "minimum":
            where = ", ".join(latex(v) if nearest.exact is not None else number_tex(v) for v in (nearest.exact or nearest.point))
            bottom = formula(rf"\text{{local min }} ({where})", size=SMALL - 2, color=DERIVATIVE).set_z_index(6)
            bottom.next_to(end, UP + LEFT, buff=0.12)
            bottom.add_background_rectangle(opacity=0.8, buff=0.05)
            self.say(rf"There the gradient is zero: the bottom of this valley, at $({where})$.", FadeIn(bottom), Indicate(end, color=DERIVATIVE, scale_factor=1.6))

    # ------------------------------------------------------------------ pieces
    def map_axes(self):
        """Equal scale in x and y, so right angles on the map are true right angles."""
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        step = nice_step(max(x1 - x0, y1 - y0), target_ticks=5)
        height = MAP_WIDTH * (y1 - y0) / (x1 - x0)
        if height > 6.2:  # a tall map: fit the height instead
            height, width = 6.2, 6.2 * (x1 - x0) / (y1 - y0)
        else:
            width = MAP_WIDTH
        axes = make_axes((x0, x1, step), (y0, y1, step), width, height)
        axes.set_z_index(-1)
        for tick in (*axes.x_axis.numbers, *axes.y_axis.numbers):  # readable over the level curves and the arrows
            tick.add_background_rectangle(color=BACKGROUND, opacity=0.85, buff=0.03)
            tick.set_z_index(3.5)
        return axes.move_to([-config.frame_width / 2 + EDGE + 0.3 + width / 2, 2.95 - height / 2, 0])

    def contours(self, axes, F):
        p = self.params
        _, _, Z = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
        lo, hi = float(np.nanmin(Z)), float(np.nanmax(Z))
        levels = lo + (hi - lo) * np.linspace(0, 1, LEVELS + 2)[1:-1] ** 1.6
        to_map = fixed_map(axes)
        group = VGroup()
        for k, lines in enumerate(multivariate.contour_lines(F, p.x_range, p.y_range, levels, resolution=121)):
            color = FUNCTION
            for points in lines:
                piece = VMobject(stroke_color=color, stroke_width=2.2, stroke_opacity=0.55 + 0.4 * k / LEVELS)
                piece.set_points(polyline_points(to_map(points)))
                group.add(piece)
        return group, levels

    def height_labels(self, axes, F, levels) -> VGroup:
        """A few level curves' heights, written on them where they cross the ray down-left from the lowest point
        (clear of the point and of its path uphill and down)."""
        p = self.params
        lowest = min((c for c in multivariate.critical_points(F, p.x_range, p.y_range) if c.kind == "minimum"),
                     key=lambda c: c.value, default=None)
        centre = np.array(lowest.point if lowest is not None else (np.mean(p.x_range), np.mean(p.y_range)), float)
        ray = np.array([-1.0, -1.0]) / np.sqrt(2)
        chosen = [levels[k] for k in HEIGHT_LABELS if k < len(levels)]
        to_map = fixed_map(axes)
        group = VGroup()
        for level, lines in zip(chosen, multivariate.contour_lines(F, p.x_range, p.y_range, chosen, resolution=121)):
            points = np.vstack(lines) if lines else np.empty((0, 2))
            offsets = points - centre
            along = offsets @ ray
            if not np.any(along > 0):
                continue
            off_ray = np.abs(offsets @ np.array([-ray[1], ray[0]]))
            spot = points[np.argmin(np.where(along > 0, off_ray, np.inf))]
            label = formula(number_tex(level, digits=2), size=SMALL - 6, color=FOREGROUND).set_z_index(3.5)
            label.add_background_rectangle(color=BACKGROUND, opacity=0.85, buff=0.04)
            group.add(label.move_to(to_map(spot)[0]))
        return group

    def own_curve(self, axes, F, point) -> VMobject:
        """The level curve through the point, highlighted."""
        p = self.params
        [lines] = multivariate.contour_lines(F, p.x_range, p.y_range, [float(F(*point))], resolution=161)
        nearest = min(lines, key=lambda line: np.min(np.hypot(*(line - point).T)))
        curve = VMobject(stroke_color=TANGENT, stroke_width=3.5).set_z_index(2)
        curve.set_points(polyline_points(fixed_map(axes)(nearest)))
        return curve

    @staticmethod
    def right_angle(corner, along, across, size: float = 0.22) -> VMobject:
        a, b = size * np.r_[along, 0], size * np.r_[across, 0]
        mark = VMobject(stroke_color=FOREGROUND, stroke_width=2.5).set_z_index(4)
        mark.set_points_as_corners([corner + a, corner + a + b, corner + b])
        return mark

    @staticmethod
    def exact_norm(gradient):
        return sympy.sqrt(sum(g**2 for g in gradient))

    def descent_arrows(self, axes, F) -> VGroup:
        """-grad f on a grid over the map, lengths in proportion (the steepest LONGEST_ARROW long)."""
        p = self.params
        (x0, x1), (y0, y1) = p.x_range, p.y_range
        across = int(round(np.sqrt(p.arrows * (x1 - x0) / (y1 - y0))))
        down = max(2, int(round(p.arrows / across)))
        xs = x0 + (x1 - x0) * (np.arange(across) + 0.5) / across
        ys = y0 + (y1 - y0) * (np.arange(down) + 0.5) / down
        grid = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
        arrows = multivariate.negative_gradients(F, grid)
        norms = np.hypot(*arrows.T)
        scale = LONGEST_ARROW / np.nanmax(norms)
        to_map = fixed_map(axes)
        group = VGroup()
        for base, vector, norm in zip(grid, arrows, norms):
            if not np.isfinite(norm) or norm * scale < 0.12:
                continue
            start = to_map(base)[0]
            group.add(Arrow(start, start + scale * np.r_[vector, 0], buff=0, color=DERIVATIVE, stroke_width=3,
                            max_tip_length_to_length_ratio=0.35, max_stroke_width_to_length_ratio=12).set_z_index(3))
        return group
