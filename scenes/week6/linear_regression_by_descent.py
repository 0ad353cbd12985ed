"""Week 6, the final project -- a line fitted to data by gradient descent on the mean squared error."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Create, Dot, FadeIn, FadeOut, Line, VGroup, VMobject, Write, config

from calcviz import latex, multivariate
from calcviz.regression import mse_field
from calcviz.view import nice_range, nice_step
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, DERIVATIVE, EDGE, FUNCTION, MUTED, SECANT, TANGENT, formula, tex_number
from scenes.kit.plotting import fixed_map, line_ends, make_axes, move_line, point_at, polyline_points
from scenes.kit.readouts import live_readout
from scenes.week6.steps import StepClock

DATA_WIDTH, DATA_HEIGHT = 5.6, 3.2
MAP_WIDTH, MAP_HEIGHT = 4.3, 2.9
LOSS_WIDTH, LOSS_HEIGHT = 4.3, 2.0
RIGHT_LEFT = 1.3  # left edge of the right-hand column (the map and the loss curve)
STEP_SECONDS = 0.22
LEVELS = 14
CLOSED_LEVEL = 0.2  # the map shows whole the level curves up to this much above the minimum loss
SMALL = 30


class LinearRegressionByDescent(LectureScene):
    """Data, a line y = w x + b that moves as (w, b) descends the MSE, its path on the contours, the loss per step."""

    def construct(self) -> None:
        p = self.params
        xs, ys = p.data()
        fit, best = p.fit(), p.least_squares()
        loss = mse_field(xs, ys)
        n = len(xs)

        self.beat("Title", "The final project: teach a computer to draw the best straight line through data, "
                           "using nothing but gradient descent.")
        self.show_title()

        self.beat("The data", f"Here are {n} data points. We look for the line y equals w x plus b that passes "
                              "as close to all of them as it can.")
        data_axes = self.data_axes(xs, ys, fit.path)
        dots = VGroup(*(Dot(point_at(data_axes, x, y), radius=0.06, color=FUNCTION) for x, y in zip(xs, ys))).set_z_index(3)
        panel = Panel(left=-config.frame_width / 2 + EDGE, top=data_axes.get_bottom()[1] - 0.45, right=RIGHT_LEFT - 0.5)
        model = formula(r"\hat y = w\,x + b", size=SMALL + 4)
        corner = data_axes.c2p(data_axes.x_range[0], data_axes.y_range[1]) + np.array([0.35, -0.05, 0])
        model.move_to(corner + np.array([model.width / 2, -model.height / 2, 0]))
        self.play(Create(data_axes), run_time=self.t(1.5))
        self.play(FadeIn(dots, lag_ratio=0.1), Write(model), run_time=self.t(2))
        self.pause(3)

        self.beat("The loss", "For any slope w and intercept b, measure how far the line misses each point, "
                              "square the misses and average them: the mean squared error.")
        clock = StepClock(fit.path)
        data_map = fixed_map(data_axes)
        line = Line(*self.line_ends(data_axes, *clock.position()), color=TANGENT, stroke_width=4).set_z_index(2)
        line.add_updater(lambda m: move_line(m, *self.line_ends(data_axes, *clock.position())))
        misses = VMobject(stroke_color=SECANT, stroke_width=2.5).set_z_index(1)
        misses.add_updater(lambda m: m.set_points(self.miss_points(data_axes, data_map, xs, ys, *clock.position())))
        misses.update()
        self.tie(clock.tracker, line, misses)
        mse = formula(rf"L(w, b) = \frac{{1}}{{{n}}} \sum_{{i=1}}^{{{n}}} \left(w\,x_i + b - y_i\right)^2", size=SMALL + 2)
        panel.place(mse)
        self.play(Create(line), run_time=self.t(1.2))
        self.play(Create(misses), Write(mse), run_time=self.t(2))
        self.pause(4)

        self.beat("A bowl of loss", "Every pair w, b is a point in a plane, and the loss over that plane is a bowl. "
                                    "Its level curves are ellipses around the best line.")
        map_axes = self.map_axes(fit.path, (best.w, best.b), loss)
        contours = self.contours(map_axes, loss, (best.w, best.b))
        map_to_scene = fixed_map(map_axes)
        here = Dot(map_to_scene(clock.position())[0], radius=0.07, color=ACCENT).set_z_index(3)
        here.add_updater(lambda m: m.move_to(map_to_scene(clock.position())[0]))
        trail = VMobject(stroke_color=ACCENT, stroke_width=3).set_z_index(2)
        trail.add_updater(lambda m: m.set_points(polyline_points(map_to_scene(clock.visited()))))
        self.tie(clock.tracker, here, trail)
        self.play(Create(map_axes), run_time=self.t(1.2))
        self.play(Create(contours), FadeIn(here, scale=2), run_time=self.t(2.5))
        self.pause(3.5)

        self.beat("Downhill", "Gradient descent steps against the gradient of the loss. "
                              "Watch the line swing into place as the point rolls into the bowl.")
        rule = formula(r"(w, b) \leftarrow (w, b) - \eta\,\nabla L + \mu\,\text{(last step)}", size=SMALL)
        settings = formula(rf"\eta = {tex_number(p.learning_rate)},\quad \mu = {tex_number(p.momentum)}", size=SMALL, color=MUTED)
        panel.place(rule, buff=0.3)
        panel.place(settings, buff=0.15)
        loss_axes = self.loss_axes(fit.mse, map_axes)
        loss_to_scene = fixed_map(loss_axes)
        steps = np.arange(len(fit.mse), dtype=float)
        curve = VMobject(stroke_color=DERIVATIVE, stroke_width=3).set_z_index(2)
        curve.add_updater(lambda m: m.set_points(polyline_points(loss_to_scene(clock.loss_curve(steps, fit.mse)))))
        numbers = self.readouts(clock, fit.mse, model)
        self.tie(clock.tracker, curve, numbers)
        self.play(Write(rule), FadeIn(settings), Create(loss_axes), FadeIn(numbers), run_time=self.t(2))
        self.add(trail, curve)
        self.play(clock.tracker.animate.set_value(clock.end), run_time=self.t(STEP_SECONDS * clock.end),
                  rate_func=lambda t: t**1.7)  # the first steps, where the line swings most, slowest
        for mob in (line, misses, here, trail, curve, *numbers):
            mob.clear_updaters()
        self.pause(2.5)

        self.beat("Least squares", "Setting the gradient to zero gives the normal equations. Their exact solution "
                                   "is the least squares line, and it is exactly where descent has arrived.")
        self.play(FadeOut(rule), FadeOut(settings), run_time=self.t(0.8))
        normal = formula(r"\nabla L = 0:\quad w^* = " + self.shown(best.exact_w, best.w)
                         + r",\quad b^* = " + self.shown(best.exact_b, best.b), size=SMALL + 2, color=TANGENT)
        panel.place(normal, below=mse, buff=0.3)
        star = Dot(map_to_scene((best.w, best.b))[0], radius=0.09, color=TANGENT).set_z_index(4)
        best_line = Line(*self.line_ends(data_axes, best.w, best.b), color=TANGENT, stroke_width=5).set_z_index(2)
        self.play(Write(normal), FadeIn(star, scale=2), run_time=self.t(2))
        self.play(FadeOut(line), FadeIn(best_line), run_time=self.t(1))
        answer = formula(rf"y = {tex_number(best.w)}\,x + {tex_number(best.b)}", size=SMALL + 4, color=TANGENT)
        answer.move_to(model, aligned_edge=LEFT)
        self.play(FadeOut(model), FadeOut(numbers), Write(answer), run_time=self.t(1.5))
        self.pause(6)

    # ------------------------------------------------------------------ pieces
    def data_axes(self, xs, ys, path):
        """The data's window, tall enough for every line the descent draws over the data's x."""
        x_window = nice_range(min(0.0, xs.min()), xs.max() + 0.1 * np.ptp(xs), target_ticks=5)
        lines = path[:, :1] * np.array([x_window[0], x_window[1]]) + path[:, 1:]
        lo = min(0.0, ys.min(), float(np.percentile(lines, 5)))
        hi = max(ys.max(), float(np.percentile(lines, 95)))
        y_window = nice_range(lo, hi + 0.1 * (hi - lo), target_ticks=5)
        axes = make_axes(x_window, y_window, DATA_WIDTH, DATA_HEIGHT)
        return axes.move_to([-config.frame_width / 2 + EDGE + 0.35 + DATA_WIDTH / 2, 2.8 - DATA_HEIGHT / 2, 0])

    @staticmethod
    def line_ends(axes, w: float, b: float) -> np.ndarray:
        return line_ends(axes, 0.0, b, w)

    @staticmethod
    def miss_points(axes, to_scene, xs, ys, w: float, b: float) -> np.ndarray:
        """Vertical segments from each point to the line (clipped to the axes), as Bezier points."""
        (_, _, _), (y0, y1, _) = axes.x_range, axes.y_range
        fitted = np.clip(w * xs + b, y0, y1)
        ends = to_scene(np.column_stack([np.r_[xs, xs], np.r_[ys, fitted]]))
        starts, stops = ends[: len(xs)], ends[len(xs):]
        step = (stops - starts) / 3
        return np.stack([starts, starts + step, stops - step, stops], axis=1).reshape(-1, 3)

    def map_axes(self, path, best, loss):
        """The (w, b) plane around the path, the minimum, and the first few closed level curves around it."""
        spread = np.sqrt(2 * CLOSED_LEVEL * np.diag(np.linalg.inv(loss.hessian(best))))  # half-widths of {L <= L* + d}
        corners = np.vstack([path, np.asarray(best) - spread, np.asarray(best) + spread])
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        pad = 0.08 * (hi - lo)
        windows = []
        for k in range(2):
            a, b = lo[k] - pad[k], hi[k] + pad[k]
            step = nice_step(b - a, target_ticks=4)
            windows.append((np.floor(a / step) * step, np.ceil(b / step) * step, step))
        axes = make_axes(*windows, MAP_WIDTH, MAP_HEIGHT, x_label="w", y_label="b")
        axes.set_z_index(-1)
        return axes.move_to([RIGHT_LEFT + 0.4 + MAP_WIDTH / 2, config.frame_height / 2 - EDGE - 0.1 - MAP_HEIGHT / 2, 0])

    def contours(self, axes, loss, best) -> VGroup:
        (w0, w1, _), (b0, b1, _) = axes.x_range, axes.y_range
        start = self.params.start
        bottom = loss(*best)
        levels = bottom + np.geomspace(0.02 * CLOSED_LEVEL, loss(*start) - bottom, LEVELS)  # nested, up to the start's level
        group = VGroup()
        to_scene = fixed_map(axes)
        for level, polylines in zip(levels, multivariate.contour_lines(loss, (w0, w1), (b0, b1), levels, resolution=121)):
            fade = 0.35 + 0.65 * (1 - (level - levels[0]) / (levels[-1] - levels[0]))
            for points in polylines:
                piece = VMobject(stroke_color=FUNCTION, stroke_width=2, stroke_opacity=fade)
                piece.set_points(polyline_points(to_scene(points)))
                group.add(piece)
        return group

    def loss_axes(self, mse, map_axes):
        y_window = nice_range(0.0, float(mse.max()), target_ticks=3)
        x_window = nice_range(0.0, float(len(mse) - 1), target_ticks=4)
        axes = make_axes(x_window, y_window, LOSS_WIDTH, LOSS_HEIGHT, x_label="k", y_label="L")
        return axes.move_to([map_axes.get_center()[0], map_axes.get_bottom()[1] - 0.75 - LOSS_HEIGHT / 2, 0])

    def readouts(self, clock, mse, above) -> VGroup:
        """Live w, b and L of the step reached, in one row."""
        cells = []
        for label, value, color in ((r"w =", lambda: clock.position()[0], TANGENT), (r"b =", lambda: clock.position()[1], TANGENT),
                                    (r"L =", lambda: float(mse[clock.step()]), DERIVATIVE)):
            cells.append(VGroup(formula(label, size=SMALL, color=color), live_readout(value, decimals=3, size=SMALL, color=color))
                         .arrange(RIGHT, buff=0.15))
        column = VGroup(*cells).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        return column.next_to(above, DOWN, aligned_edge=LEFT, buff=0.2)

    @staticmethod
    def shown(exact, value: float) -> str:
        """The exact coefficient when it is short, with its decimal value."""
        text = latex(exact)
        return rf"{text} \approx {tex_number(value)}" if len(text) <= 24 else rf"\approx {tex_number(value)}"

