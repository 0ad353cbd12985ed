"""Week 6 -- the learning rate: too small, good, oscillating, divergent, read off the parabola cut along the bowl's
most curved axis, where one step multiplies s by 1 - eta * lambda_max; a run shrinks by the larger in size of that
factor and the flat axis's 1 - eta * lambda_min (for small rates, the flat one)."""

from __future__ import annotations

import numpy as np
from manim import AnimationGroup, DOWN, LEFT, RIGHT, UP, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, Line, NumberLine, ReplacementTransform, VGroup, VMobject, Write, config, linear

from calcviz import exact, latex, multivariate, optimize
from calcviz.view import nice_range, nice_step
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, AXIS, DERIVATIVE, EDGE, FOREGROUND, FUNCTION, MUTED, SECANT, SMALL_SIZE, TANGENT, TICK_SIZE, formula, words
from scenes.kit.numbers import number_tex
from scenes.kit.plotting import fixed_map, make_axes, polyline_points
from scenes.week6.steps import StepClock

RUN_COLORS = (TANGENT, DERIVATIVE, ACCENT, SECANT)
ROLES = ("too small", "good", "oscillating", "divergent")
BAND_COLORS = (FOREGROUND, RUN_COLORS[2], RUN_COLORS[3])  # the eta axis: straight in, overshoots (oscillating), diverges
MAP_WIDTH = 5.0
PARABOLA_WIDTH, PARABOLA_HEIGHT = 4.6, 2.0
RIGHT_LEFT = 1.2
STEP_SECONDS = 0.25
LEVELS = 9
SMALL = SMALL_SIZE
TABLE_COLUMNS = (0.0, 0.95, 2.5, 4.1)  # the runs' table: eta, the steep factor, the flat factor, the run's kind
ROW_HEIGHT = 0.45


class LearningRates(LectureScene):
    """Four learning rates on one bowl, each also seen on the parabola along the bowl's steepest direction."""

    def construct(self) -> None:
        p = self.params
        F = p.function
        minimum = p.minimum("function", F)
        oscillate, diverge = p.thresholds()
        regimes = p.regimes()

        self.beat("The bowl")
        header = self.show_title()
        axes = self.map_axes()
        to_map = fixed_map(axes)
        contours = self.contours(axes, F, minimum.value)
        label = formula(rf"L(x, y) = {F.latex}", size=SMALL + 2, color=p.function_color)
        label.next_to(axes, DOWN, buff=0.45).align_to(axes, LEFT)
        start = Dot(to_map(p.start)[0], radius=0.08, color=FOREGROUND).set_z_index(4)
        gradient = formula(rf"\nabla L = \left({F.partial('x').latex},\ {F.partial('y').latex}\right)", size=SMALL)
        gradient.next_to(label, RIGHT, buff=0.6)
        rule = formula(r"\mathbf{p}_{k+1} = \mathbf{p}_k - \eta\,\nabla L(\mathbf{p}_k)", size=SMALL)
        rule.next_to(label, DOWN, buff=0.25).align_to(label, LEFT)
        self.play(Create(axes), Create(contours), Write(label), run_time=self.t(1.0))
        self.say(r"Gradient descent steps against the gradient, scaled by its one knob, the learning rate $\eta$.",
                 Indicate(label, color=p.function_color), Write(rule))
        grad_words = " and ".join(f"${F.partial(v).latex}$" for v in ("x", "y"))
        self.say(f"On this bowl the gradient has components {grad_words}. Every run starts from the same point.",
                 Write(gradient), FadeIn(start, scale=2))

        self.beat("The steepest parabola")
        eigenvalues, vectors = np.linalg.eigh(minimum.hessian)
        steep, direction = float(eigenvalues[-1]), vectors[:, -1]
        hessian = formula(rf"H = \begin{{pmatrix}} L_{{xx}} & L_{{xy}} \\ L_{{xy}} & L_{{yy}} \end{{pmatrix}} = {matrix_tex(minimum.hessian)},"
                          rf"\quad \lambda = {simple_tex(eigenvalues[0])},\ {simple_tex(steep)}", size=SMALL)
        hessian.next_to(rule, DOWN, buff=0.25).align_to(label, LEFT)
        direction = direction * np.sign(direction[np.argmax(np.abs(direction))])  # s grows with the axis
        steep_axis, flat_axis = ("x", "y") if abs(direction[0]) > abs(direction[1]) else ("y", "x")  # params: H is diagonal
        self.say(f"The Hessian, of second derivatives, has eigenvalues ${simple_tex(eigenvalues[0])}$ "
                 f"and ${simple_tex(steep)}$: the bowl's curvatures along ${flat_axis}$ and ${steep_axis}$.", Write(hessian))
        along = lambda points: (np.atleast_2d(points) - np.array(minimum.point)) @ direction  # noqa: E731
        s0 = float(along(p.start)[0])
        par_axes = self.parabola_axes(steep, abs(s0))
        to_par = fixed_map(par_axes)
        parabola = VMobject(stroke_color=p.function_color, stroke_width=3)
        top = par_axes.y_range[1]
        s = np.linspace(*par_axes.x_range[:2], 241)
        parabola.set_points(polyline_points(to_par(np.column_stack([s, steep * s**2 / 2])), steep * s**2 / 2 <= top))
        curvature = formula(rf"L = \frac{{\lambda_{{\max}}}}{{2}} s^2,\ \lambda_{{\max}} = {simple_tex(steep)}", size=SMALL - 2)
        curvature.next_to(par_axes, LEFT, buff=0.1).align_to(par_axes, UP).shift(0.15 * RIGHT)
        s_name = words(f"$s$: position along the ${steep_axis}$ axis, the most curved", size=SMALL - 3, color=MUTED)
        s_name.next_to(par_axes, DOWN, buff=0.12)
        (mx, my), (x0, x1), (y0, y1) = minimum.point, p.x_range, p.y_range
        ends = [(mx, y0), (mx, y1)] if steep_axis == "y" else [(x0, my), (x1, my)]
        cut = DashedLine(*to_map(np.array(ends, float)), color=FOREGROUND, stroke_width=4, dash_length=0.12).set_z_index(1)
        self.say(rf"Cut the bowl along ${steep_axis}$, its most curved axis: a parabola in $s$, "
                 rf"curving by $\lambda_{{\max}} = {simple_tex(steep)}$.",
                 Create(cut), Create(par_axes), [Create(parabola), Write(curvature), FadeIn(s_name)])
        update = formula(r"s_{k+1} = s_k - \eta\,\lambda_{\max} s_k = (1 - \eta\lambda_{\max})\, s_k", size=SMALL)
        line = self.rate_line(par_axes, max(p.learning_rates[-1], diverge) * 1.12)
        marks = self.threshold_marks(line, oscillate, diverge)
        update.next_to(line, DOWN, buff=0.45).align_to(line, LEFT)
        factor = update[0][-10:-3]  # 1 - eta lambda_max, between the parentheses
        self.say(r"Its slope is $\lambda_{\max} s$, so each step multiplies $s$ by the same factor, $1 - \eta \lambda_{\max}$.",
                 [Write(update), cut.animate.set_stroke(opacity=0.45)], Indicate(factor, color=ACCENT, scale_factor=1.3))
        conditions = [formula(tex, size=SMALL, color=color).next_to(update, DOWN, buff=0.3).align_to(update, LEFT)
                      for tex, color in zip((r"0 < 1 - \eta\lambda_{\max} < 1 \;\Rightarrow\; \text{no overshoot}",
                                             r"-1 < 1 - \eta\lambda_{\max} < 0 \;\Rightarrow\; \text{overshoots}",
                                             r"1 - \eta\lambda_{\max} < -1 \;\Rightarrow\; \text{diverges}"), BAND_COLORS)]
        demos = [self.slice_steps(along(regime.run.points), to_par, par_axes, steep, color, most)
                 for regime, color, most in zip(regimes[1:], BAND_COLORS, (5, 9, 12))]  # a rate in each band, its steps on the cut
        self.say(rf"Below $\frac{{1}}{{\lambda_{{\max}}}}$ the factor is between $0$ and $1$: no step overshoots along ${steep_axis}$.",
                 Create(line), [FadeIn(marks[0]), FadeIn(marks[3:5]), Write(conditions[0])], demos[0])
        self.say(r"Up to $\frac{2}{\lambda_{\max}}$ it is between $-1$ and $0$: each step overshoots, yet shrinks.",
                 [FadeIn(marks[1]), FadeIn(marks[5:7]), FadeOut(conditions[0]), FadeOut(demos[0].mobject), Write(conditions[1])], demos[1])
        self.say(r"Beyond, the factor is below $-1$, and the run blows up.",
                 [FadeIn(marks[2]), FadeOut(conditions[1]), FadeOut(demos[1].mobject), Write(conditions[2])], demos[2])
        self.play(FadeOut(conditions[2]), FadeOut(cut), FadeOut(demos[2].mobject), run_time=self.t(0.5))  # the runs cross the cut's line: it goes

        panel = Panel(left=RIGHT_LEFT, top=update.get_bottom()[1] - 0.1)
        flat = float(eigenvalues[0])
        self.axis_names, self.factors_of = (steep_axis, flat_axis), (steep, flat)
        paths, self.run_names = [], []
        self.update = update  # the table takes its place: its header names the two factors
        self.table = self.run_table(panel)
        slow = number_tex(optimize.step_factor(regimes[0].rate, flat), "step")
        self.flat_update = formula(rf"{flat_axis}_{{k+1}} = {slow}\, {flat_axis}_k", size=SMALL, color=RUN_COLORS[0])
        self.flat_update.next_to(rule, RIGHT, buff=0.35)
        for index, regime in enumerate(regimes):
            self.beat(ROLES[index].capitalize())
            self.play_run(index, regime, to_map, to_par, along, axes, par_axes, line, panel, steep, oscillate, diverge, paths,
                          s_name)
            if index == 0:
                self.crawl(regime, flat, flat_axis, to_map)
        self.beat("Speed and stability")
        speed = formula(r"\text{shrinks by } \max\left(|1 - \eta\lambda_{\min}|,\ |1 - \eta\lambda_{\max}|\right)", size=SMALL)
        safe = formula(rf"\text{{stable: }} \eta < \frac{{2}}{{\lambda_{{\max}}}} = {simple_tex(diverge)}", size=SMALL)
        summary = VGroup(speed, safe).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        room = config.frame_width / 2 - EDGE - RIGHT_LEFT  # the right column, up to the frame's margin
        if summary.width > room:
            summary.scale_to_fit_width(room)
        summary.move_to(par_axes).align_to([RIGHT_LEFT, 0, 0], LEFT)
        self.say("Step by step, a run shrinks by its slower factor: for small rates, the flat direction's.",
                 [FadeOut(par_axes), FadeOut(parabola), FadeOut(curvature), FadeOut(self.heights)], Write(speed),
                 Indicate(VGroup(*self.run_names), color=FOREGROUND, scale_factor=1.0))
        self.say("And the steepest curvature caps the rate.",
                 Write(safe), Indicate(marks[5:7], color=FOREGROUND))

    # ------------------------------------------------------------------ views
    def map_axes(self):
        """The contour map at equal scale in x and y (so the path's turns are true)."""
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        step = nice_step(max(x1 - x0, y1 - y0), target_ticks=4)
        axes = make_axes((x0, x1, step), (y0, y1, step), MAP_WIDTH, MAP_WIDTH * (y1 - y0) / (x1 - x0))
        axes.set_z_index(-1)
        return axes.move_to([-config.frame_width / 2 + EDGE + 0.3 + axes.width / 2, 2.9 - axes.height / 2, 0])

    def contours(self, axes, F, bottom: float) -> VGroup:
        p = self.params
        (x0, x1), (y0, y1) = p.x_range, p.y_range
        top = float(np.max([F(x, y) for x in (x0, x1) for y in (y0, y1)]))
        levels = bottom + (top - bottom) * np.linspace(0, 1, LEVELS + 2)[1:-1] ** 2
        to_map = fixed_map(axes)
        group = VGroup()
        for level, lines in zip(levels, multivariate.contour_lines(F, p.x_range, p.y_range, levels, resolution=121)):
            for points in lines:
                piece = VMobject(stroke_color=FUNCTION, stroke_width=2, stroke_opacity=0.75)
                piece.set_points(polyline_points(to_map(points)))
                group.add(piece)
        return group

    def parabola_axes(self, steep: float, reach: float):
        x_window = nice_range(-1.3 * reach, 1.3 * reach, target_ticks=4)
        y_window = nice_range(0.0, steep * (1.3 * reach) ** 2 / 2, target_ticks=3)
        axes = make_axes(x_window, y_window, PARABOLA_WIDTH, PARABOLA_HEIGHT, x_label="s", y_label="L")
        return axes.move_to([RIGHT_LEFT + 0.2 + PARABOLA_WIDTH / 2, 3.0 - PARABOLA_HEIGHT / 2, 0])

    def rate_line(self, par_axes, top: float) -> NumberLine:
        step = nice_step(top, target_ticks=4)
        line = NumberLine(x_range=[0, np.ceil(top / step) * step, step], length=PARABOLA_WIDTH, color=AXIS,
                          include_numbers=True, font_size=TICK_SIZE, decimal_number_config={"color": MUTED, "num_decimal_places": 1})
        line.next_to(par_axes, DOWN, buff=1.35).align_to(par_axes, LEFT)  # room for the name of s between
        eta = formula(r"\eta", size=SMALL, color=MUTED).next_to(line, RIGHT, buff=0.2)
        line.add(eta)
        return line

    def threshold_marks(self, line, oscillate: float, diverge: float) -> VGroup:
        """Ticks at 1/lambda and 2/lambda, and the three bands between: heads straight in, overshoots, diverges."""
        group = VGroup()
        ends = [0.0, oscillate, diverge, line.x_range[1]]
        for (a, b), color in zip(zip(ends, ends[1:]), BAND_COLORS):  # in the colours of the runs that land there
            group.add(Line(line.n2p(a), line.n2p(b), color=color, stroke_width=7, stroke_opacity=0.7).set_z_index(1))
        for value, tex in ((oscillate, r"\frac{1}{\lambda_{\max}}"), (diverge, r"\frac{2}{\lambda_{\max}}")):
            tick = Line(line.n2p(value) + 0.18 * UP, line.n2p(value) + 0.18 * DOWN, color=FOREGROUND, stroke_width=3).set_z_index(2)
            name = formula(tex + "=" + simple_tex(value), size=TICK_SIZE).next_to(tick, UP, buff=0.08)
            group.add(tick, name)
        return group

    # ------------------------------------------------------------------ runs
    def caption(self, index: int, regime, oscillate: float, diverge: float) -> str:
        rate = number_tex(regime.rate, "step")
        if index == 0:
            slow = number_tex(optimize.step_factor(regime.rate, self.factors_of[1]), "step")
            return rf"$\eta = {rate}$: each step multiplies ${self.axis_names[1]}$ by only ${slow}$, so the run crawls."
        if index == 1:
            return rf"$\eta = {rate}$, below $\frac{{1}}{{\lambda_{{\max}}}}$: no step overshoots, and it settles quickly."
        if index == 2:
            return rf"$\eta = {rate}$: each step jumps past the floor, yet lands lower. It oscillates, but converges."
        return rf"$\eta = {rate}$, beyond $\frac{{2}}{{\lambda_{{\max}}}}$: along ${self.axis_names[0]}$ each jump lands higher, so it diverges."

    def run_table(self, panel) -> VGroup:
        """The runs' table: a header (eta, the factor along the steep axis, along the flat one), a row per run."""
        steep_axis, flat_axis = self.axis_names
        header = VGroup(formula(r"\eta", size=SMALL, color=MUTED), formula(r"1 - \eta\lambda_{\max}", size=SMALL, color=MUTED),
                        formula(r"1 - \eta\lambda_{\min}", size=SMALL, color=MUTED), words("run", size=SMALL, color=MUTED))
        self.columns = [panel.left + x for x in TABLE_COLUMNS]
        self.row_top = self.update.get_top()[1]
        self.place_row(header, 0)
        return header

    def place_row(self, row: VGroup, index: int) -> VGroup:
        y = self.row_top - 0.2 - ROW_HEIGHT * index
        for cell, x in zip(row, self.columns):
            cell.move_to([x + cell.width / 2, y, 0])
        return row

    def crawl(self, regime, flat: float, flat_axis: str, to_map) -> None:
        """The too-small run, worked: each step multiplies the flat coordinate by 1 - eta lambda_min; after all the steps
        it has barely moved."""
        factor = optimize.step_factor(regime.rate, flat)
        index = 0 if flat_axis == "x" else 1
        steps = len(regime.run.points) - 1
        first, last = regime.run.points[0][index], regime.run.points[-1][index]
        f_tex, a_tex, b_tex = number_tex(factor, "step"), number_tex(first, "step"), number_tex(last)
        worked = formula(rf"{flat_axis}_{{{steps}}} = {f_tex}^{{{steps}}}({a_tex}) \approx {b_tex}", size=SMALL, color=RUN_COLORS[0])
        worked.move_to(self.flat_update, aligned_edge=LEFT)
        room = RIGHT_LEFT - 0.3 - worked.get_left()[0]  # clear of the runs' table
        if worked.width > room:
            worked.scale_to_fit_width(room).move_to(self.flat_update, aligned_edge=LEFT)
        end = Dot(to_map(regime.run.points[-1:])[0], radius=0.06, color=RUN_COLORS[0]).set_z_index(3)
        self.say(rf"After {steps} steps, ${flat_axis}$ has only moved from ${a_tex}$ to ${b_tex}$.",
                 [ReplacementTransform(self.flat_update, worked), FadeIn(end, scale=2)], Indicate(end, color=RUN_COLORS[0], scale_factor=2.0))
        self.play(FadeOut(end), run_time=self.t(0.3))

    def play_run(self, index, regime, to_map, to_par, along, axes, par_axes, line, panel, steep, oscillate, diverge, paths, s_name):
        """Draw one run on the map and on the parabola at once while its sentence is said; mark its rate on the line."""
        color = RUN_COLORS[index]
        run = regime.run
        end = self.shown_steps(run.points, along, par_axes, steep)
        clock = StepClock(run.points[: end + 1])
        box = self.params.x_range, self.params.y_range
        path = VMobject(stroke_color=color, stroke_width=3.5).set_z_index(2)
        path.add_updater(lambda m: m.set_points(polyline_points(to_map(clock.visited()), inside(clock.visited(), *box))))
        bounce = VMobject(stroke_color=color, stroke_width=3).set_z_index(2)

        top = par_axes.y_range[1]
        s_all = along(clock.points)
        lands = np.column_stack([s_all, steep * s_all**2 / 2])  # each iterate on the parabola

        def on_parabola():
            """The landings so far, then the ball on the chord to the next one: a step is a jump, not a walk."""
            t = clock.tracker.get_value()
            k = min(int(np.floor(t)), len(lands) - 2) if len(lands) > 1 else 0
            tip = lands[k] + (t - k) * (lands[min(k + 1, len(lands) - 1)] - lands[k])
            return to_par(np.vstack([lands[: clock.step() + 1], tip]))

        def seen():
            points = np.vstack([lands[: clock.step() + 1], lands[min(clock.step() + 1, len(lands) - 1)]])
            return (points[:, 1] <= top) & (points[:, 0] >= par_axes.x_range[0]) & (points[:, 0] <= par_axes.x_range[1])

        bounce.add_updater(lambda m: m.set_points(polyline_points(on_parabola(), seen())))
        ball = Dot(radius=0.07, color=color).set_z_index(3)
        ball.add_updater(lambda m: m.move_to(on_parabola()[-1]).set_opacity(1.0 if seen()[-1] else 0.0))
        landed = VGroup(*[Dot(to_par(lands[k:k + 1])[0], radius=0.05, color=color).set_z_index(3) for k in range(len(lands))])
        landed.add_updater(lambda m: [d.set_opacity(1.0 if k <= clock.step() and seen()[min(k, len(seen()) - 1)] else 0.0)
                                      for k, d in enumerate(m)])
        marker = Dot(line.n2p(regime.rate), radius=0.09, color=color).set_z_index(3)
        factors = [number_tex(optimize.step_factor(regime.rate, c), "step") for c in self.factors_of]
        row = VGroup(formula(number_tex(regime.rate, "step"), size=SMALL, color=color), formula(factors[0], size=SMALL, color=color),
                     formula(factors[1], size=SMALL, color=color), words(regime.regime, size=SMALL, color=color))
        self.place_row(row, index + 1)
        self.run_names.append(row)
        show = [FadeIn(marker, scale=2), FadeIn(row), *[old.animate.set_stroke(opacity=0.25, width=2.5) for old in paths]]
        if index == 0:
            show += [FadeOut(self.update), FadeIn(self.table), Write(self.flat_update)]
        extra = []
        if regime.regime == "divergent":  # each landing's height, written as it lands: each is higher
            heights = [steep * s**2 / 2 for s, ok in zip(s_all, seen_all(lands, par_axes, top)) if ok]
            self.heights = self.height_row(heights, color).next_to(par_axes, DOWN, buff=0.12)
            cells = self.heights[1:]
            self.heights.add_updater(lambda m: [c.set_opacity(1.0 if k <= clock.step() else 0.0) for k, c in enumerate(cells)])
            show += [FadeOut(s_name)]
            extra = [lambda: self.add(self.heights)]
        for mob in (path, bounce, ball, landed):
            mob.update()

        def settle():
            for mob in (path, bounce, ball, landed, getattr(self, "heights", None)):
                if mob is not None:
                    mob.clear_updaters()

        self.say(self.caption(index, regime, oscillate, diverge),
                 show, lambda: self.add(path, bounce, ball, landed), *extra,
                 value_to(clock.tracker, clock.end, max(STEP_SECONDS * clock.end, 3)), settle,
                 # built after the run: the path's points changed while it ran
                 lambda: self.play(FadeOut(bounce), FadeOut(ball), FadeOut(landed), path.animate.set_stroke(opacity=0.6),
                                   run_time=self.t(0.6)))
        if not hasattr(self, "heights"):
            self.heights = s_name
        paths.append(path)

    @staticmethod
    def slice_steps(s_values, to_par, par_axes, steep, color, most: int):
        """A run's first landings on the cut's parabola, joined by the jumps between them, drawn one after another
        (up to ``most`` steps, or to the first landing off the view)."""
        lands = np.column_stack([s_values, steep * np.asarray(s_values) ** 2 / 2])[: most + 1]
        seen = seen_all(lands, par_axes, par_axes.y_range[1])
        count = len(lands) if seen.all() else max(int(np.argmin(seen)), 1)
        points = to_par(lands[:count])
        parts = [Dot(points[0], radius=0.06, color=color).set_z_index(3)]
        for a, b in zip(points, points[1:]):
            parts += [Line(a, b, color=color, stroke_width=3).set_z_index(2), Dot(b, radius=0.06, color=color).set_z_index(3)]
        return AnimationGroup(*[Create(part) for part in parts], group=VGroup(*parts), lag_ratio=1.0,
                              run_time=min(3.0, 0.25 * len(parts)))

    @staticmethod
    def height_row(heights, color) -> VGroup:
        cells = [words("heights:", size=SMALL - 2, color=color)]
        for k, h in enumerate(heights):
            cells.append(formula(number_tex(h) + ("" if k == len(heights) - 1 else ","), size=SMALL - 2, color=color))
        return VGroup(*cells).arrange(RIGHT, buff=0.15)

    @staticmethod
    def shown_steps(points, along, par_axes, steep) -> int:
        """Steps to draw: all, or up to the first iterate off the parabola's view (a diverging run)."""
        s = along(points)
        lo, hi = par_axes.x_range[:2]
        outside = np.flatnonzero((s < lo) | (s > hi) | (steep * s**2 / 2 > par_axes.y_range[1]))
        return len(points) - 1 if len(outside) == 0 else max(int(outside[0]), 1)


def matrix_tex(matrix) -> str:
    rows = [" & ".join(simple_tex(v) for v in row) for row in np.asarray(matrix, float)]
    return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"


def simple_tex(value: float) -> str:
    """An exact value when it is a short fraction (1/2, 20), else by the number policy."""
    tex = latex(exact(round(float(value), 12)))
    return tex if len(tex) <= 14 else number_tex(value)


def seen_all(lands, par_axes, top) -> np.ndarray:
    return (lands[:, 1] <= top) & (lands[:, 0] >= par_axes.x_range[0]) & (lands[:, 0] <= par_axes.x_range[1])


def inside(points, x_range, y_range) -> np.ndarray:
    (x0, x1), (y0, y1) = x_range, y_range
    return (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)
