"""Week 6, the final project -- a line fitted to data by gradient descent on the mean squared error."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Indicate, Line, Polygon, ReplacementTransform, VGroup, VMobject, Write, config
from manim.animation.animation import prepare_animation

from calcviz import latex, multivariate, optimize
from calcviz.hessians import hessian_at
from calcviz.regression import agreeing_decimals, mse_field, normal_equations
from calcviz.view import nice_range, nice_step
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.choreography import value_to
from scenes.kit.look import ACCENT, DERIVATIVE, EDGE, FOREGROUND, FUNCTION, MUTED, POWER_SIZE, SECANT, TANGENT, formula
from scenes.kit.numbers import number_tex
from scenes.kit.plotting import fixed_map, line_ends, make_axes, move_line, point_at, polyline_points
from scenes.kit.readouts import live_readout
from scenes.week6.steps import StepClock

DATA_WIDTH, DATA_HEIGHT = 5.6, 2.7  # leaves the left column room for the formulas and the loss curve
MAP_WIDTH, MAP_HEIGHT = 5.2, 6.9  # at most; the map keeps equal scales in w and b, and has the right-hand column to itself
LOSS_WIDTH, LOSS_HEIGHT = 4.6, 1.7  # the loss curve's axes, below the update rule where the derivatives were
RIGHT_LEFT = 1.3  # left edge of the right-hand column (the map)
STEP_SECONDS = 0.22
LEVELS = 14
CLOSED_LEVEL = 0.2  # the map shows whole the level curves up to this much above the minimum loss
SMALL = 30
EARLY_STEPS = 25  # the steps where the line swings most, shown slowly
FIRST_STEPS = 6  # before the zigzag is named


class LinearRegressionByDescent(LectureScene):
    """Data, a line y = w x + b that moves as (w, b) descends the MSE, its path on the contours, the loss per step."""

    def construct(self) -> None:
        p = self.params
        xs, ys = p.data()
        fit, best = p.fit(), p.least_squares()
        loss = mse_field(xs, ys)
        sums = normal_equations(xs, ys)
        n = len(xs)
        w0, b0 = (number_tex(v, "step") for v in fit.path[0])

        self.beat("The data")
        self.show_title()
        data_axes = self.data_axes(xs, ys, fit.path)
        dots = VGroup(*(Dot(point_at(data_axes, x, y), radius=0.06, color=FUNCTION) for x, y in zip(xs, ys))).set_z_index(3)
        panel = Panel(left=-config.frame_width / 2 + EDGE, top=data_axes.get_bottom()[1] - 0.35, right=RIGHT_LEFT - 0.3)
        model = formula(r"\hat y = w\,x + b", size=SMALL + 4)
        corner = data_axes.c2p(data_axes.x_range[0], data_axes.y_range[1]) + np.array([0.35, -0.05, 0])
        model.move_to(corner + np.array([model.width / 2, -model.height / 2, 0]))
        self.play(Create(data_axes), FadeIn(dots, lag_ratio=0.1), run_time=self.t(1.0))  # the stage, before the voice
        self.say(rf"Here are ${n}$ data points.", Indicate(dots, color=FUNCTION, scale_factor=1.4))
        self.say(r"Find the line $\hat y = w x + b$ that passes as close to all of them as it can.", Write(model))

        self.beat("The loss")
        clock = StepClock(fit.path)
        data_map = fixed_map(data_axes)
        line = Line(*self.line_ends(data_axes, *clock.position()), color=TANGENT, stroke_width=4).set_z_index(2)
        line.add_updater(lambda m: move_line(m, *self.line_ends(data_axes, *clock.position())))
        misses = VMobject(stroke_color=SECANT, stroke_width=2.5).set_z_index(1)
        misses.add_updater(lambda m: m.set_points(self.miss_points(data_axes, data_map, xs, ys, *clock.position())))
        misses.update()
        self.tie(clock.tracker, line, misses)
        self.say(f"Start from a guess, $w = {w0}$ and $b = {b0}$, and measure how far the line misses each point.",
                 Create(line), Create(misses))
        mse = panel.place(formula(r"L(w, b) = \frac{1}{n} \sum_{i=1}^{n} \left(w\,x_i + b - y_i\right)^2,\quad n = " + str(n), size=SMALL))
        squares = self.miss_squares(data_map, xs, ys, *clock.position())
        self.say("Square the misses and average them: the mean squared error, $L(w, b)$.",
                 Create(squares, lag_ratio=0.1), Write(mse))
        self.play(FadeOut(squares), run_time=self.t(0.6))

        self.beat("The gradient")
        by_w = panel.place(formula(r"\frac{\partial L}{\partial w} = \frac{1}{n} \sum 2\left(w\,x_i + b - y_i\right) \cdot x_i"
                                   r" = \frac{2}{n} \sum \left(w\,x_i + b - y_i\right) x_i", size=SMALL - 2), buff=0.25)
        by_b = panel.place(formula(r"\frac{\partial L}{\partial b} = \frac{1}{n} \sum 2\left(w\,x_i + b - y_i\right) \cdot 1"
                                   r" = \frac{2}{n} \sum \left(w\,x_i + b - y_i\right)", size=SMALL - 2), buff=0.2)
        self.say("To walk downhill we need the gradient. By the chain rule, each square gives twice the miss, "
                 "times the derivative of the miss itself.", Write(by_w))
        self.say(r"That inner derivative is $x_i$ for $w$, and $1$ for $b$.", Indicate(by_w, color=TANGENT), Write(by_b))

        self.beat("The loss map")
        map_axes = self.map_axes(fit.path, (best.w, best.b), loss)
        contours = self.contours(map_axes, loss, (best.w, best.b))
        map_to_scene = fixed_map(map_axes)
        here = Dot(map_to_scene(clock.position())[0], radius=0.07, color=ACCENT).set_z_index(3)
        here.add_updater(lambda m: m.move_to(map_to_scene(clock.position())[0]))
        trail = VMobject(stroke_color=ACCENT, stroke_width=3).set_z_index(2)
        trail.add_updater(lambda m: m.set_points(polyline_points(map_to_scene(clock.visited()))))
        self.tie(clock.tracker, here, trail)
        self.say("Each pair $(w, b)$ is a point of this plane, and the level curves of $L$ are nested ellipses around one lowest point.",
                 Create(map_axes), [Create(contours), FadeIn(here, scale=2)])

        self.beat("Downhill")
        eta = number_tex(p.learning_rate, "step")
        rule = formula(rf"(w, b) \leftarrow (w, b) - \eta\,\nabla L,\quad \eta = {eta}", size=SMALL)
        rule.move_to(by_w, aligned_edge=UP + LEFT)  # the derivatives done, the rule takes their place
        loss_axes = self.loss_axes(fit.mse - best.mse, rule)
        self.say(rf"Gradient descent steps against the gradient, scaled by the rate $\eta = {eta}$.",
                 [FadeOut(by_w), FadeOut(by_b)], Write(rule))
        gaps = np.maximum(fit.mse - best.mse, 1e-300)
        loss_to_scene = lambda points: fixed_map(loss_axes)(np.column_stack([points[:, 0], np.log10(np.maximum(points[:, 1], 1e-300)) - loss_axes.log_bottom]))
        steps = np.arange(len(fit.mse), dtype=float)
        curve = VMobject(stroke_color=DERIVATIVE, stroke_width=3).set_z_index(2)
        curve.add_updater(lambda m: m.set_points(polyline_points(loss_to_scene(clock.loss_curve(steps, gaps)))))
        numbers = self.readouts(clock, loss, model)
        counter = VGroup(formula("k =", size=SMALL, color=MUTED), live_readout(lambda: clock.step(), decimals=0, size=SMALL, color=MUTED)
                         ).arrange(RIGHT, buff=0.15).next_to(model, RIGHT, buff=0.6)
        self.tie(clock.tracker, counter)
        self.tie(clock.tracker, curve, numbers)
        self.add(trail, curve)
        early = min(clock.end, EARLY_STEPS)
        first = min(clock.end, FIRST_STEPS)
        self.say("Watch the line swing into place as the point slides down, with $w$, $b$ and the loss $L$ read out at every step.",
                 [Create(loss_axes), FadeIn(numbers), FadeIn(counter)],
                 prepare_animation(clock.tracker.animate(run_time=6, rate_func=lambda t: t**1.4).set_value(first)))
        steep, flat = hessian_at(loss, (best.w, best.b)).eigenvalues  # L is quadratic: one Hessian everywhere
        flips, creeps = optimize.step_factor(p.learning_rate, steep), optimize.step_factor(p.learning_rate, flat)
        shown = lambda v: number_tex(v, digits=3)
        across = VGroup(formula(rf"\lambda_{{\max}} \approx {shown(steep)}", size=SMALL - 2, color=ACCENT),
                        formula(rf"1 - \eta\lambda_{{\max}} \approx {shown(flips)}", size=SMALL - 2, color=ACCENT)
                        ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        along = VGroup(formula(rf"\lambda_{{\min}} \approx {shown(flat)}", size=SMALL - 2, color=ACCENT),
                       formula(rf"1 - \eta\lambda_{{\min}} \approx {shown(creeps)}", size=SMALL - 2, color=ACCENT)
                       ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        overshoot = VGroup(across, along).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        overshoot.align_to(map_axes, UP + RIGHT).shift(0.4 * DOWN + 0.1 * LEFT)  # in the map's empty corner, beside the zigzag
        self.say(r"The path zigzags: across the narrow valley the curvature is $\lambda_{\max}$, the largest eigenvalue of the Hessian.",
                 [Write(across[0]), Indicate(trail, color=FOREGROUND, scale_factor=1.0)], value_to(clock.tracker, (first + early) // 2, 4))
        self.say(rf"There $1 - \eta \lambda_{{\max}} \approx {shown(flips)}$: each step overshoots across, yet lands lower.",
                 [Write(across[1]), value_to(clock.tracker, early, 4)])
        self.say(rf"Along the valley the curvature is the smallest eigenvalue $\lambda_{{\min}}$, so $1 - \eta \lambda_{{\min}} \approx {shown(creeps)}$.",
                 [Write(along[0]), Write(along[1])], value_to(clock.tracker, min(clock.end, 2 * early), 4))
        self.say(r"So the gap $L - L^*$ shrinks by a constant factor, set by this flat direction: a straight line on a log scale.",
                 value_to(clock.tracker, clock.end, 6))
        for mob in (line, misses, here, trail, curve, *numbers, *counter):
            mob.clear_updaters()

        self.beat("Least squares")
        step = lambda v: number_tex(float(v), "step")
        zero = formula(r"\frac{\partial L}{\partial w} = 0,\ \frac{\partial L}{\partial b} = 0:", size=SMALL - 2)
        symbolic = [formula(r"\textstyle w \sum x_i^2 + b \sum x_i = \sum x_i y_i", size=SMALL - 2),
                    formula(r"\textstyle w \sum x_i + n\,b = \sum y_i", size=SMALL - 2)]
        numeric = [formula(rf"{step(sums.sxx)}\,w + {step(sums.sx)}\,b = {step(sums.sxy)}", size=SMALL - 2),
                   formula(rf"{step(sums.sx)}\,w + {sums.n}\,b = {step(sums.sy)}", size=SMALL - 2)]
        data_sums = formula(rf"\textstyle\sum x_i^2 = {step(sums.sxx)},\ \sum x_i = {step(sums.sx)},\ "
                            rf"\sum x_i y_i = {step(sums.sxy)},\ \sum y_i = {step(sums.sy)}", size=SMALL - 2, color=FUNCTION)
        normal = VGroup(zero, *numeric, data_sums).arrange(DOWN, aligned_edge=LEFT, buff=0.14)
        for written, filled in zip(symbolic, numeric):
            written.move_to(filled, aligned_edge=LEFT)
        self.say(r"At the lowest point the gradient is zero: multiply out the sums, and two linear equations remain, the normal equations.",
                 [FadeOut(mse), FadeOut(rule), FadeOut(overshoot), FadeOut(loss_axes), FadeOut(curve)], lambda: normal.move_to(mse, aligned_edge=UP + LEFT),
                 lambda: [w.move_to(f, aligned_edge=LEFT) for w, f in zip(symbolic, numeric)],
                 Write(zero), Write(symbolic[0]), Write(symbolic[1]))
        self.say(rf"Their coefficients are sums over the ${n}$ data points: put them in.",
                 [Write(data_sums), Indicate(dots, color=FUNCTION, scale_factor=1.3)],
                 [ReplacementTransform(symbolic[0], numeric[0]), ReplacementTransform(symbolic[1], numeric[1])])
        solution = formula(r"w^* = " + self.shown(best.exact_w, best.w) + r",\quad b^* = " + self.shown(best.exact_b, best.b),
                           size=SMALL, color=TANGENT).next_to(normal, DOWN, buff=0.2).align_to(normal, LEFT)
        star = Dot(map_to_scene((best.w, best.b))[0], radius=0.09, color=TANGENT).set_z_index(4)
        self.say("Their solution is the least squares line.",
                 Write(solution), FadeIn(star, scale=2))
        last_w, last_b = fit.path[-1]
        agreed = agreeing_decimals(fit.path[-1], (best.w, best.b))
        best_line = Line(*self.line_ends(data_axes, best.w, best.b), color=TANGENT, stroke_width=5).set_z_index(2)
        self.say(f"After ${clock.step()}$ steps, descent agrees with it to ${agreed}$ decimals.",
                 [FadeOut(line), FadeIn(best_line)], Indicate(numbers, color=TANGENT))

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
        """The part of y = w x + b inside the axes' box (a steep line ends at the top or bottom, not past it)."""
        (x0, x1, _), (y0, y1, _) = axes.x_range, axes.y_range
        lo, hi = x0, x1
        if abs(w) > 1e-12:
            for y in (y0, y1):
                cut = (y - b) / w
                if w > 0:
                    lo, hi = (max(lo, cut), hi) if y == y0 else (lo, min(hi, cut))
                else:
                    lo, hi = (lo, min(hi, cut)) if y == y0 else (max(lo, cut), hi)
        if hi <= lo:
            lo = hi = x0
        return np.array([axes.c2p(lo, w * lo + b), axes.c2p(hi, w * hi + b)])

    @staticmethod
    def miss_points(axes, to_scene, xs, ys, w: float, b: float) -> np.ndarray:
        """Vertical segments from each point to the line (clipped to the axes), as Bezier points."""
        (_, _, _), (y0, y1, _) = axes.x_range, axes.y_range
        fitted = np.clip(w * xs + b, y0, y1)
        ends = to_scene(np.column_stack([np.r_[xs, xs], np.r_[ys, fitted]]))
        starts, stops = ends[: len(xs)], ends[len(xs):]
        step = (stops - starts) / 3
        return np.stack([starts, starts + step, stops - step, stops], axis=1).reshape(-1, 3)

    @staticmethod
    def miss_squares(to_scene, xs, ys, w: float, b: float) -> VGroup:
        """A square on each miss (its side the miss, as drawn), to the right of it: what the mean squared error averages."""
        squares = VGroup()
        for x, y in zip(xs, ys):
            top, bottom = to_scene(np.array([[x, w * x + b], [x, y]]))
            side = abs(top[1] - bottom[1])
            if side < 1e-3:
                continue
            corners = [bottom, top, top + side * RIGHT, bottom + side * RIGHT]
            squares.add(Polygon(*corners, stroke_color=SECANT, stroke_width=1.5, fill_color=SECANT, fill_opacity=0.18).set_z_index(1))
        return squares

    def map_axes(self, path, best, loss):
        """The (w, b) plane around the path, the minimum, and the first few closed level curves around it."""
        spread = np.sqrt(2 * CLOSED_LEVEL * np.diag(np.linalg.inv(loss.hessian(best))))  # half-widths of {L <= L* + d}
        corners = np.vstack([path, np.asarray(best) - spread, np.asarray(best) + spread])
        lo, hi = corners.min(axis=0), corners.max(axis=0)
        pad = 0.08 * (hi - lo)
        windows = []
        for k in range(2):
            a, b = lo[k] - pad[k], hi[k] + pad[k]
            step = nice_step(b - a, target_ticks=2 if k == 0 else 4)  # the narrow w-axis: few ticks
            windows.append((np.floor(a / step) * step, np.ceil(b / step) * step, step))
        unit = min(MAP_WIDTH / (windows[0][1] - windows[0][0]), MAP_HEIGHT / (windows[1][1] - windows[1][0]))  # equal scales
        width, height = unit * (windows[0][1] - windows[0][0]), unit * (windows[1][1] - windows[1][0])
        axes = make_axes(*windows, width, height, x_label="w", y_label="b")
        axes.set_z_index(-1)
        middle = (RIGHT_LEFT + config.frame_width / 2 - EDGE) / 2  # centred in the right-hand column
        return axes.move_to([middle, config.frame_height / 2 - EDGE - 0.1 - height / 2, 0])

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

    def loss_axes(self, gaps, above):
        """Step k across, the gap L - L* up on a log scale (ticked with powers of ten)."""
        positive = gaps[gaps > 0]
        top, bottom = int(np.ceil(np.log10(positive.max()))), int(np.floor(np.log10(positive.min())))
        x_window = nice_range(0.0, float(len(gaps) - 1), target_ticks=4)
        room = above.get_bottom()[1] - 0.55 - (-config.frame_height / 2 + EDGE + 0.45)  # under the rule, its tick labels in the frame
        height = min(LOSS_HEIGHT, room)
        step = max(1, -(-(top - bottom) // max(1, int(height / 0.4))))  # powers of ten at least 0.4 apart: they do not touch
        axes = make_axes(x_window, (0, top - bottom, step), LOSS_WIDTH, height, x_label="k", y_label="L - L^*")
        axes.y_axis.numbers.set_opacity(0)  # replaced by powers of ten
        axes.log_bottom = bottom
        axes.add(*[formula(f"10^{{{k}}}", size=POWER_SIZE, color=MUTED).next_to(axes.c2p(0, k - bottom), LEFT, buff=0.12)
                   for k in range(bottom, top + 1, step)])
        corner = axes.c2p(x_window[0], top - bottom)  # the y-axis' top: under the rule, indented for the powers of ten
        return axes.shift(np.array([above.get_left()[0] + 0.8, above.get_bottom()[1] - 0.55, 0]) - corner)

    def readouts(self, clock, mse, above) -> VGroup:
        """Live w, b and L = mse(w, b) at the last step reached (they change with the step counter), in one column."""
        cells = []
        reached = lambda: clock.points[clock.step()]  # the iterate the step counter names, not the point between two
        for label, value, color in ((r"w =", lambda: reached()[0], TANGENT), (r"b =", lambda: reached()[1], TANGENT),
                                    (r"L =", lambda: float(mse(*reached())), DERIVATIVE)):
            cells.append(VGroup(formula(label, size=SMALL, color=color), live_readout(value, decimals=4, size=SMALL, color=color))
                         .arrange(RIGHT, buff=0.15))
        column = VGroup(*cells).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        return column.next_to(above, DOWN, aligned_edge=LEFT, buff=0.2)

    @staticmethod
    def shown(exact, value: float) -> str:
        """The exact coefficient when it is short, with its decimal value."""
        text = latex(exact)
        return rf"{text} \approx {number_tex(value)}" if len(text) <= 24 else rf"\approx {number_tex(value)}"

