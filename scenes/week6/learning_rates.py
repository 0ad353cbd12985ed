"""Week 6 -- the learning rate: too small, good, oscillating, divergent, read off the bowl's steepest parabola;
then a narrow bowl where descent zigzags and momentum fixes it."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Line, NumberLine, VGroup, VMobject, Write, config, linear

from calcviz import exact, latex, multivariate
from calcviz.view import nice_range, nice_step
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.lecture import LectureScene
from scenes.kit.look import ACCENT, AXIS, DERIVATIVE, EDGE, FOREGROUND, FUNCTION, MUTED, SECANT, TANGENT, formula, words
from scenes.kit.numbers import number_tex
from scenes.kit.plotting import fixed_map, make_axes, polyline_points
from scenes.week6.params import solved_at
from scenes.week6.steps import StepClock

RUN_COLORS = (TANGENT, DERIVATIVE, ACCENT, SECANT)
ROLES = ("too small", "good", "oscillating", "divergent")
MAP_WIDTH = 5.6
PARABOLA_WIDTH, PARABOLA_HEIGHT = 4.6, 2.3
RIGHT_LEFT = 1.2
STEP_SECONDS = 0.25
LEVELS = 9
SMALL = 30


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
        self.say(r"Gradient descent has one knob, the learning rate $\eta$. Every run starts from the same point of this bowl.",
                 Create(axes), [Create(contours), Write(label)], FadeIn(start, scale=2))

        self.beat("The steepest parabola")
        eigenvalues, vectors = np.linalg.eigh(minimum.hessian)
        steep, direction = float(eigenvalues[-1]), vectors[:, -1]
        hessian = formula(rf"H = {matrix_tex(minimum.hessian)},\quad \lambda = {simple_tex(eigenvalues[0])},\ {simple_tex(steep)}", size=SMALL)
        hessian.next_to(label, DOWN, buff=0.3).align_to(label, LEFT)
        self.say(f"Its Hessian is constant; its eigenvalues, ${simple_tex(eigenvalues[0])}$ and ${simple_tex(steep)}$, "
                 "are the bowl's curvatures along its axes.", Write(hessian))
        along = lambda points: (np.atleast_2d(points) - np.array(minimum.point)) @ direction  # noqa: E731
        s0 = float(along(p.start)[0])
        par_axes = self.parabola_axes(steep, abs(s0))
        to_par = fixed_map(par_axes)
        parabola = VMobject(stroke_color=p.function_color, stroke_width=3)
        top = par_axes.y_range[1]
        s = np.linspace(*par_axes.x_range[:2], 241)
        parabola.set_points(polyline_points(to_par(np.column_stack([s, steep * s**2 / 2])), steep * s**2 / 2 <= top))
        curvature = formula(rf"L = \tfrac{{\lambda_{{\max}}}}{{2}} s^2,\ \lambda_{{\max}} = {simple_tex(steep)}", size=SMALL - 2)
        curvature.next_to(par_axes, LEFT, buff=0.1).align_to(par_axes, UP).shift(0.15 * RIGHT)
        s_name = words("$s$: distance along the steepest direction", size=SMALL - 6, color=MUTED).next_to(par_axes, DOWN, buff=0.08)
        self.say(r"Cut along the steepest direction: a parabola in $s$, curving by the largest eigenvalue.",
                 Create(par_axes), [Create(parabola), Write(curvature), FadeIn(s_name)])
        line = self.rate_line(par_axes, max(p.learning_rates[-1], diverge) * 1.12)
        marks = self.threshold_marks(line, oscillate, diverge)
        self.say(r"It sets the limits: below $\frac{1}{\lambda_{\max}}$, descent heads straight in.", Create(line), FadeIn(marks[0]), FadeIn(marks[3:5]))
        self.say(r"Up to $\frac{2}{\lambda_{\max}}$, it overshoots but converges.", FadeIn(marks[1]), FadeIn(marks[5:7]))
        self.say("Beyond, it blows up.", FadeIn(marks[2]))

        panel = Panel(left=RIGHT_LEFT, top=line.get_bottom()[1] - 0.75)
        paths = []
        for index, regime in enumerate(regimes):
            self.beat(ROLES[index].capitalize())
            self.play_run(index, regime, to_map, to_par, along, axes, par_axes, line, panel, steep, oscillate, diverge, paths)

        self.beat("A narrow valley")
        narrow = p.narrow_function
        narrow_minimum = p.minimum("narrow_function", narrow)
        plain, heavy = p.narrow_runs()
        self.clear_all_but(header, axes, run_time=self.t(1.0))
        contours = self.contours(axes, narrow, narrow_minimum.value)
        label = formula(rf"L(x, y) = {narrow.latex}", size=SMALL + 2, color=p.function_color)
        label.next_to(axes, DOWN, buff=0.45).align_to(axes, LEFT)
        start = Dot(to_map(p.narrow_start)[0], radius=0.08, color=FOREGROUND).set_z_index(4)
        self.say("Now a narrow valley: steep across, nearly flat along.", [Create(contours), Write(label)], FadeIn(start))
        narrow_steep = float(np.linalg.eigvalsh(narrow_minimum.hessian).max())
        panel = Panel(left=RIGHT_LEFT, top=axes.get_top()[1])
        limit = panel.place(formula(rf"\lambda_{{\max}} = {simple_tex(narrow_steep)},\quad \frac{{2}}{{\lambda_{{\max}}}} = {simple_tex(2 / narrow_steep)}",
                                    size=SMALL))
        rate = number_tex(p.narrow_rate, "step")
        self.say(rf"Across it $\lambda_{{\max}} = {simple_tex(narrow_steep)}$, so $\eta$ must stay below ${simple_tex(2 / narrow_steep)}$: take ${rate}$.",
                 Write(limit))
        steps, row = self.narrow_run(plain, DERIVATIVE, rf"\eta = {rate}", to_map, panel, narrow_minimum.value)
        self.say("Along the valley that rate is tiny, and the path zigzags from wall to wall.", *steps)

        self.beat("Momentum")
        rule = formula(r"\mathbf{v} \leftarrow \mu\,\mathbf{v} - \eta\,\nabla L,\quad \mathbf{p} \leftarrow \mathbf{p} + \mathbf{v}", size=SMALL)
        panel.place(rule, buff=0.5)
        mu = number_tex(p.momentum, "step")
        self.say(rf"Momentum keeps a share $\mu = {mu}$ of the last step, and adds the new one to it.", Write(rule))
        steps, _ = self.narrow_run(heavy, TANGENT, rf"\eta = {number_tex(p.momentum_rate, 'step')},\ \mu = {mu}", to_map, panel, narrow_minimum.value)
        plain_at, heavy_at = solved_at(plain, narrow_minimum.value), solved_at(heavy, narrow_minimum.value)
        sooner = heavy_at is not None and (plain_at is None or heavy_at < plain_at)
        self.say("Even with a smaller rate the steps along the valley add up: the zigzag is damped"
                 + (", and it arrives sooner." if sooner else "."), *steps)

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
        axes = make_axes(x_window, y_window, PARABOLA_WIDTH, PARABOLA_HEIGHT, x_label="s", y_label="L", numbers=False)
        return axes.move_to([RIGHT_LEFT + 0.2 + PARABOLA_WIDTH / 2, 3.0 - PARABOLA_HEIGHT / 2, 0])

    def rate_line(self, par_axes, top: float) -> NumberLine:
        step = nice_step(top, target_ticks=4)
        line = NumberLine(x_range=[0, np.ceil(top / step) * step, step], length=PARABOLA_WIDTH, color=AXIS,
                          include_numbers=True, font_size=22, decimal_number_config={"color": MUTED, "num_decimal_places": 1})
        line.next_to(par_axes, DOWN, buff=1.35).align_to(par_axes, LEFT)  # room for the name of s between
        eta = formula(r"\eta", size=SMALL, color=MUTED).next_to(line, RIGHT, buff=0.2)
        line.add(eta)
        return line

    def threshold_marks(self, line, oscillate: float, diverge: float) -> VGroup:
        """Ticks at 1/lambda and 2/lambda, and the three bands between: heads straight in, overshoots, diverges."""
        group = VGroup()
        ends = [0.0, oscillate, diverge, line.x_range[1]]
        for (a, b), color in zip(zip(ends, ends[1:]), (DERIVATIVE, ACCENT, SECANT)):
            group.add(Line(line.n2p(a), line.n2p(b), color=color, stroke_width=7).set_z_index(1))
        for value, tex in ((oscillate, r"\frac{1}{\lambda_{\max}}"), (diverge, r"\frac{2}{\lambda_{\max}}")):
            tick = Line(line.n2p(value) + 0.18 * UP, line.n2p(value) + 0.18 * DOWN, color=FOREGROUND, stroke_width=3).set_z_index(2)
            name = formula(tex + "=" + simple_tex(value), size=24).next_to(tick, UP, buff=0.08)
            group.add(tick, name)
        return group

    # ------------------------------------------------------------------ runs
    def caption(self, index: int, regime, oscillate: float, diverge: float) -> str:
        rate = number_tex(regime.rate, "step")
        if index == 0:
            return rf"$\eta = {rate}$: safe but short steps, and the run is still crawling at the end."
        if index == 1:
            return rf"$\eta = {rate}$, below $\frac{{1}}{{\lambda_{{\max}}}}$: no step overshoots, and it settles quickly."
        if index == 2:
            return rf"$\eta = {rate}$: each step jumps past the floor, yet lands lower. It oscillates, but converges."
        return rf"$\eta = {rate}$, beyond $\frac{{2}}{{\lambda_{{\max}}}}$: each jump lands higher, and the run diverges."

    def play_run(self, index, regime, to_map, to_par, along, axes, par_axes, line, panel, steep, oscillate, diverge, paths):
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

        def on_parabola():
            s = along(clock.visited())
            return to_par(np.column_stack([s, steep * s**2 / 2]))

        def seen():
            s = along(clock.visited())
            return steep * s**2 / 2 <= top

        bounce.add_updater(lambda m: m.set_points(polyline_points(on_parabola(), seen())))
        ball = Dot(radius=0.07, color=color).set_z_index(3)
        ball.add_updater(lambda m: m.move_to(on_parabola()[-1]).set_opacity(1.0 if seen()[-1] else 0.0))
        marker = Dot(line.n2p(regime.rate), radius=0.09, color=color).set_z_index(3)
        name = words(rf"$\eta = {number_tex(regime.rate, 'step')}$: {regime.regime}", size=SMALL, color=color)
        panel.place(name, buff=0.2)
        for mob in (path, bounce, ball):
            mob.update()

        def settle():
            for mob in (path, bounce, ball):
                mob.clear_updaters()

        earlier = [old.animate.set_stroke(opacity=0.25, width=2.5) for old in paths]  # the new path stays on top and readable
        self.say(self.caption(index, regime, oscillate, diverge),
                 [FadeIn(marker, scale=2), FadeIn(name), *earlier], lambda: self.add(path, bounce, ball),
                 value_to(clock.tracker, clock.end, max(STEP_SECONDS * clock.end, 3)), settle,
                 # built after the run: the path's points changed while it ran
                 lambda: self.play(FadeOut(bounce), FadeOut(ball), path.animate.set_stroke(opacity=0.6), run_time=self.t(0.6)))
        paths.append(path)

    @staticmethod
    def shown_steps(points, along, par_axes, steep) -> int:
        """Steps to draw: all, or up to the first iterate off the parabola's view (a diverging run)."""
        s = along(points)
        lo, hi = par_axes.x_range[:2]
        outside = np.flatnonzero((s < lo) | (s > hi) | (steep * s**2 / 2 > par_axes.y_range[1]))
        return len(points) - 1 if len(outside) == 0 else max(int(outside[0]), 1)

    def narrow_run(self, run, color, tex, to_map, panel, bottom):
        """Steps that draw one run on the narrow bowl and then say how many steps it needed (from calcviz's run)."""
        clock = StepClock(run.points)
        box = self.params.x_range, self.params.y_range
        path = VMobject(stroke_color=color, stroke_width=3.5).set_z_index(2)
        path.add_updater(lambda m: m.set_points(polyline_points(to_map(clock.visited()), inside(clock.visited(), *box))))
        ball = Dot(radius=0.07, color=color).set_z_index(3)
        ball.add_updater(lambda m: m.move_to(to_map(clock.position())[0]))
        solved = solved_at(run, bottom)
        outcome = f"{solved} steps to the bottom" if solved is not None else f"not there after {len(run.points) - 1} steps"
        row = VGroup(formula(tex, size=SMALL, color=color), words(": " + outcome, size=SMALL, color=color)).arrange(RIGHT, buff=0.1)
        panel.place(row, buff=0.35)
        path.update()

        def settle():
            path.clear_updaters()
            ball.clear_updaters()

        return [lambda: self.add(path, ball), value_to(clock.tracker, clock.end, max(0.12 * clock.end, 3)), settle, FadeIn(row)], row


def matrix_tex(matrix) -> str:
    rows = [" & ".join(simple_tex(v) for v in row) for row in np.asarray(matrix, float)]
    return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"


def simple_tex(value: float) -> str:
    """An exact value when it is a short fraction (1/2, 20), else by the number policy."""
    tex = latex(exact(round(float(value), 12)))
    return tex if len(tex) <= 14 else number_tex(value)


def inside(points, x_range, y_range) -> np.ndarray:
    (x0, x1), (y0, y1) = x_range, y_range
    return (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)
