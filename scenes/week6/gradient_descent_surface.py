"""Week 6 -- gradient descent on a loss surface: one start, three learning rates, on the surface and its contour map."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Arrow,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
)
from manim.utils.color import ManimColor, color_to_rgb, rgb_to_color

from calcviz import multivariate
from calcviz.optimize import gradient_descent
from calcviz.view import nice_step
from scenes.kit.choreography import value_to
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, BACKGROUND, DERIVATIVE, EDGE, FOREGROUND, MUTED, SECANT, SMALL_SIZE, TANGENT, formula, words
from scenes.kit.palette import LIFT
from scenes.kit.numbers import number_tex
from scenes.kit.plotting import make_axes, point_at, to_scene
from scenes.kit.readouts import readout
from scenes.kit.surface_scene import SurfaceScene
from scenes.kit.three_d import (
    Curve3D,
    MeshLayer,
    Stage,
    StageDot,
    stage_for,
    stage_axes,
    surface_sheet,
)

ROLES = ("too small", "good", "too large")
RUN_COLORS = (TANGENT, DERIVATIVE, SECANT)
STAGE_CENTER = (-2.7, -0.5)  # the box and its labels inside the frame at every camera angle of the scene
STAGE_SPAN = 5.1  # scene units of the longer floor side of the 3D box
STAGE_HEIGHT = 2.9
MAP_WIDTH = 4.2
MAP_LEFT = 2.25
DESCENT_MAP_WIDTH = 5.1  # this clip's own map, larger: the runs are read on it (MultivariateExtrema keeps MAP_WIDTH)
DESCENT_MAP_LEFT = 1.4
PANEL_LEFT = 1.45
LEVEL_COUNT = 12  # level curves on the map, packed towards the bottom of the loss
ARROW_COUNT = 12
ARROW_LENGTH = 0.42  # scene units: the arrows show directions, all at one length
STEP_SECONDS = 0.3  # per descent step


class GradientDescentSurface(SurfaceScene):
    """Descent paths from calcviz on the loss surface and its contour map, for a too small, a good and a too large rate."""

    def construct(self) -> None:
        p = self.params
        F = p.function
        runs = p.runs()

        self.beat("The loss surface")
        header = self.show_title()
        stage = stage_for(p, center=STAGE_CENTER, lengths=self.stage_lengths())
        self.stage = stage
        _, _, heights = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
        self.heights = (float(np.nanmin(heights)), float(np.nanmax(heights)))
        surface = surface_sheet(stage, F, resolution=p.surface_resolution, color_range=self.heights)
        loss_label = formula(rf"L(x, y) = {F.latex}", color=p.function_color)
        loss_label.next_to(header, DOWN, buff=0.3).align_to(header, LEFT)
        self.raise_surface_said([surface], loss_label, "Training a model means walking downhill on a loss surface like this one, one step at a time.",
                                Indicate(loss_label, color=p.function_color, scale_factor=1.0),
                                labels=("x", "y", "L"), avoid=[loss_label])  # the floor silently, the surface as it is named
        self.say("The height is the loss over two parameters, $x$ and $y$: lower is better.",
                 lambda: self.turn_camera(p.orbit / 4, 4, Indicate(loss_label, color=p.function_color)),  # not edge-on to y
                 hold="the camera turns: turn_camera animates it")

        self.beat("Level curves")
        axes = self.contour_axes(width=DESCENT_MAP_WIDTH, left=DESCENT_MAP_LEFT)
        panel = Panel(left=PANEL_LEFT, top=axes.get_bottom()[1] - 0.3)
        contours = self.contours(axes, surface)
        self.say("Seen from above, each level curve joins points of equal loss: a contour map, coloured by height like the surface.",
                 Create(axes), Create(contours))
        minima = sorted((c for c in multivariate.critical_points(F, p.x_range, p.y_range) if c.kind == "minimum"), key=lambda c: c.value)
        # green like the minimum named at the end; the white of the -grad L arrows means only them
        marks = VGroup(*[Dot(point_at(axes, *c.point), radius=0.05, color=DERIVATIVE).set_z_index(2) for c in minima])
        if len(minima) > 1:
            self.say("There are two valleys: a deeper one on the left, and a shallower one on the right, a second local minimum.",
                     FadeIn(marks, scale=2), Indicate(marks[1], color=DERIVATIVE, scale_factor=2))
        else:
            marks = VGroup()

        self.beat("Steepest descent")
        gradient = formula(rf"-\nabla L = -\left({F.partial('x').latex},\; {F.partial('y').latex}\right)", size=32)
        panel.place(gradient)
        arrows = self.gradient_arrows(axes, contours)
        self.say("At every point the negative gradient points straight downhill, across the level curves at right angles.",
                 Write(gradient), [Create(arrow) for arrow in arrows])

        self.beat("The update rule")
        rule = self.update_rule()
        start_dot = Dot(point_at(axes, *p.start), color=ACCENT, radius=0.07).set_z_index(3)
        start_3d = RollingDot(stage, lambda: self.surface_point(np.asarray(p.start)), color=ACCENT)
        panel.last = None  # the rule takes the gradient's place at the top of the column
        panel.place(rule)
        table = Table(panel, rule)
        self.say(r"Gradient descent: start somewhere, take a step along the negative gradient scaled by the learning rate $\eta$, and repeat.",
                 [FadeOut(gradient), FadeOut(arrows)], [Write(rule), FadeIn(start_dot, scale=2), FadeIn(start_3d, scale=2)],
                 lambda: self.settle(start_3d), FadeIn(table.header))

        paths = []
        for index, (run, rate) in enumerate(zip(runs, p.learning_rates)):
            self.beat(ROLES[index].capitalize())
            path = DescentPath(self, run, RUN_COLORS[index], axes, behind=index == len(runs) - 1)
            row = table.add_row(rate, RUN_COLORS[index], path)

            def finish(index=index, path=path, run=run):
                path.freeze()
                table.stop(index)
                self.settle(path.curve, path.ball)
                if path.left_map:
                    table.mark_diverged(self, index, run)

            self.say(self.run_caption(index, run, rate), FadeIn(row), lambda path=path: path.show(self),
                     value_to(path.clock, path.end, max(STEP_SECONDS * path.end, 3)), finish)
            paths.append(path)

        self.beat("Compare")
        best = SurroundingRectangle(table.rows[1], color=DERIVATIVE, buff=0.08, stroke_width=2)
        minimum = self.minimum_label(runs[1], p.learning_rates[1], minima)
        if minimum.width > panel.right - panel.left:
            minimum.scale_to_fit_width(panel.right - panel.left)
        minimum.move_to(rule, aligned_edge=LEFT)  # the result takes the rule's place: under the larger map there is no room below the table
        self.say("Same surface, same start, only the step size differs: too small crawls, too large overshoots.",
                 lambda: self.turn_camera(-p.orbit / 4, 4, Create(best)),  # back: turned on, the camera sees the right wall from outside
                 hold="the camera turns: turn_camera animates it")
        self.say("A good learning rate settles in the valley below this start: a local minimum, here the deeper one.",
                 FadeOut(rule), Write(minimum), Indicate(minimum, scale_factor=1.0))

    # ------------------------------------------------------------------ pieces
    def raise_surface_said(self, sheets, label, sentence: str, *steps, labels=("x", "y", "z"), avoid=()):
        """Like ``raise_surface``, but only the floor and ``label`` are drawn silently (0.9 s after the title): the
        surface rises as ``sentence`` speaks about it (then ``steps``), so the clip does not open on 3.7 s of silence."""
        for sheet in sheets:
            sheet.lift.set_value(0)
        layer = MeshLayer(self.stage, list(sheets))
        axes = stage_axes(self.stage, labels, avoid)
        self.add(layer)
        self.play(FadeIn(axes), Write(label), run_time=self.t(0.9))
        self.say(sentence, [value_to(sheet.lift, 1, 2.5) for sheet in sheets], *steps)
        self.scenery.extend([layer, axes])
        return layer, axes

    def stage_lengths(self) -> tuple[float, float, float]:
        """Equal scale in x and y (so directions on the floor are true), the longer side STAGE_SPAN."""
        (x0, x1), (y0, y1) = self.params.x_range, self.params.y_range
        unit = STAGE_SPAN / max(x1 - x0, y1 - y0)
        return unit * (x1 - x0), unit * (y1 - y0), STAGE_HEIGHT

    def surface_point(self, xy: np.ndarray) -> np.ndarray:
        """The point of the surface above (x, y), raised a hair so the surface does not hide what sits on it."""
        return np.array([xy[0], xy[1], float(self.params.function(*xy)) + self.lift()])

    def lift(self) -> float:
        return 0.01 * float(np.ptp(self.stage.ranges[2]))

    def contour_axes(self, width: float = MAP_WIDTH, left: float = MAP_LEFT):
        """2D axes of the map, at equal scale in x and y so the arrows meet the level curves at true right angles."""
        p = self.params
        (x0, x1), (y0, y1) = p.x_range, p.y_range
        height = width * (y1 - y0) / (x1 - x0)
        step = max(nice_step(x1 - x0, target_ticks=4), nice_step(y1 - y0, target_ticks=4))
        axes = make_axes((x0, x1, step), (y0, y1, step), width, height)
        axes.set_z_index(-1)
        for tick in (*axes.x_axis.numbers, *axes.y_axis.numbers):  # readable over the level curves, not buried under them
            tick.add_background_rectangle(color=BACKGROUND, opacity=0.85, buff=0.03)
            tick.set_z_index(3)
        return axes.move_to([left + axes.width / 2, config.frame_height / 2 - EDGE - axes.height / 2, 0])

    def contours(self, axes, surface) -> VGroup:
        """calcviz's level curves of L, coloured like the surface at their height."""
        p = self.params
        lo, hi = self.heights
        levels = lo + (hi - lo) * np.linspace(0, 1, LEVEL_COUNT + 2)[1:-1] ** 2
        group = VGroup()
        for level, polylines in zip(levels, multivariate.contour_lines(p.function, p.x_range, p.y_range, levels, resolution=121)):
            color = level_color(surface, level)
            for line in polylines:
                piece = VMobject(stroke_color=color, stroke_width=2.5)
                piece.set_points_as_corners(to_scene(axes, line))
                piece.level_points = line
                group.add(piece)
        return group

    def gradient_arrows(self, axes, contours) -> VGroup:
        """Arrows of -grad L at points spread over the level curves, all of one length (they show direction)."""
        p = self.params
        candidates = np.concatenate([piece.level_points for piece in contours])
        margin = 0.06 * np.array([np.ptp(p.x_range), np.ptp(p.y_range)])
        (x0, x1), (y0, y1) = p.x_range, p.y_range
        keep = (candidates[:, 0] > x0 + margin[0]) & (candidates[:, 0] < x1 - margin[0]) & \
               (candidates[:, 1] > y0 + margin[1]) & (candidates[:, 1] < y1 - margin[1])
        descent = multivariate.negative_gradients(p.function, candidates[keep])
        norms = np.hypot(descent[:, 0], descent[:, 1])
        usable = np.isfinite(norms) & (norms > 1e-9)
        chosen = spread_out(candidates[keep][usable], ARROW_COUNT)
        directions = descent[usable][chosen] / norms[usable][chosen, None]
        unit = (axes.c2p(1, 0) - axes.c2p(0, 0))[0]  # scene units per graph unit (equal in x and y)
        arrows = VGroup()
        for base, direction in zip(candidates[keep][usable][chosen], directions):
            start = point_at(axes, *base)
            end = point_at(axes, *(base + direction * ARROW_LENGTH / unit))
            arrows.add(Arrow(start, end, buff=0, color=FOREGROUND, stroke_width=3, max_tip_length_to_length_ratio=0.3,
                             max_stroke_width_to_length_ratio=10).set_z_index(2))
        return arrows

    def update_rule(self):
        if self.params.momentum:
            return VGroup(
                formula(r"\mathbf{v}_{k+1} = \mu\,\mathbf{v}_k - \eta\,\nabla L(\mathbf{p}_k)", size=32),
                formula(rf"\mathbf{{p}}_{{k+1}} = \mathbf{{p}}_k + \mathbf{{v}}_{{k+1}},\quad \mu = {number_tex(self.params.momentum, 'step')}", size=32),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        return formula(r"\mathbf{p}_{k+1} = \mathbf{p}_k - \eta\,\nabla L(\mathbf{p}_k)", size=34)

    def run_caption(self, index: int, run, rate: float) -> str:
        steps = self.params.steps
        eta = number_tex(rate, "step")
        if index == 0:
            return f"A small learning rate, $\\eta = {eta}$: every step is safe but short. After ${steps}$ steps it is still on the slope."
        if index == 1:
            return f"A larger rate, $\\eta = {eta}$: the steps head down the slope and settle in the bottom of a valley."
        if run.diverged:
            return (f"Too large, $\\eta = {eta}$: each step overshoots the valley floor, the path is thrown from wall to wall, "
                    f"and by step ${run.iterations + 1}$ it has diverged.")
        return f"Too large, $\\eta = {eta}$: each step overshoots the valley floor, and the path bounces from wall to wall without settling."

    def minimum_label(self, run, rate: float, minima=()):
        """Where the good run settles, refined by calcviz until it converges, and what kind of point that is."""
        refined = gradient_descent(self.params.function, run.x, rate, 50 * self.params.steps)
        x, y = (number_tex(round(float(c), 4) + 0.0) for c in refined.x)  # + 0.0: no "-0"
        kind = multivariate.classify(self.params.function, refined.x) if refined.converged else "settles near"
        if kind == "minimum":
            deepest = bool(minima) and abs(refined.fun - minima[0].value) < 1e-6
            kind = "the deeper minimum" if deepest and len(minima) > 1 else "local minimum"
        return formula(rf"\text{{{kind}: }} L({x}, {y}) = {number_tex(refined.fun)}", size=SMALL_SIZE, color=DERIVATIVE)


class DescentPath:
    """One calcviz run drawn as it goes: a dot rolling over the surface and a dot on the map, each tracing its path.

    ``clock`` counts steps (fractions move between iterates).  A run that
    leaves the map is shown up to the map's edge.
    """

    def __init__(self, scene: GradientDescentSurface, run, color: str, axes, behind: bool = False) -> None:
        p = scene.params
        self.run = run
        self.points = run.points
        self.end, self.left_map = shown_steps(run.points, p.x_range, p.y_range)
        self.clock = ValueTracker(0.0)
        stage = scene.stage
        dense, self.marks, self.mark_steps = surface_path(self.points, self.end, p.function, stage, scene.lift())
        self.curve = Curve3D(stage, dense, color=color, width=2.5 if behind else 4, progress=0)
        self.follow_clock = lambda m: m.progress.set_value(self.progress())
        self.curve.add_updater(self.follow_clock, index=0)  # before the curve's own refresh
        self.field, self.lift = p.function, scene.lift()
        self.ball = RollingDot(stage, self.in_flight, color=color, radius=0.09)
        # the last run (too large) is drawn under the others on the map: its long jumps would hide them
        self.trace = VMobject(stroke_color=color, stroke_width=2.5 if behind else 3.5,
                              stroke_opacity=0.8 if behind else 1.0).set_z_index(0.5 if behind else 1)
        self.trace.add_updater(lambda m: m.set_points_as_corners(to_scene(axes, self.visited())))
        self.dot = Dot(color=color, radius=0.06).set_z_index(3)
        self.dot.add_updater(lambda m: m.move_to(point_at(axes, *self.position())))
        inside_map = int(np.floor(self.end)) + 1
        self.steps = VGroup(*[Dot(point_at(axes, *q), radius=0.035, color=color).set_z_index(0.6 if behind else 2)
                              for q in self.points[:inside_map]])
        self.steps.add_updater(lambda m: [d.set_opacity(1.0 if i <= self.step() else 0.0) for i, d in enumerate(m)])  # one dot per step

    def step(self) -> int:
        """The last iterate reached."""
        return int(min(np.floor(self.clock.get_value() + 1e-9), len(self.points) - 1))

    def position(self) -> np.ndarray:
        s = self.clock.get_value()
        k = min(int(np.floor(s)), len(self.points) - 2)
        if k < 0:
            return self.points[0]
        return self.points[k] + (s - k) * (self.points[k + 1] - self.points[k])

    def in_flight(self) -> np.ndarray:
        """The ball: on the straight jump from one iterate's point of the surface to the next (a step is a jump, not a walk)."""
        s = self.clock.get_value()
        k = min(max(int(np.floor(s)), 0), len(self.points) - 2)
        t = s - k if len(self.points) > 1 else 0.0
        a, b = self.points[k], self.points[min(k + 1, len(self.points) - 1)]
        z = (1 - t) * float(self.field(*a)) + t * float(self.field(*b))
        return np.array([*(a + t * (b - a)), z + self.lift])

    def visited(self) -> np.ndarray:
        k = self.step()
        return np.vstack([self.points[: k + 1], self.position()])

    def progress(self) -> float:
        index = np.interp(self.clock.get_value(), self.mark_steps, self.marks)
        return float(index) / self.marks[-1]

    def show(self, scene) -> None:
        for mob in (self.curve, self.ball, self.trace, self.dot, self.steps):
            mob.update()
        scene.add(self.curve, self.trace, self.steps, self.ball, self.dot)

    def freeze(self) -> None:
        """Stop following the clock (the run is over); the 3D parts keep following the camera."""
        self.trace.clear_updaters()
        self.dot.clear_updaters()
        self.steps.clear_updaters()
        self.curve.remove_updater(self.follow_clock)


class RollingDot(StageDot):
    """A StageDot that re-projects only when its point or the camera moved (most frames, neither did)."""

    def refresh(self) -> RollingDot:
        key = (self.stage.state(), *(s.state() for s in self.stage.occluders), tuple(self.where()))
        if key != getattr(self, "_key", None):
            self._key = key
            super().refresh()
        return self


class Table:
    """The legend and the live readouts: one row per learning rate (eta, step k, loss L)."""

    COLUMNS = (0.0, 0.6, 1.7, 3.0)  # swatch, eta, k, L: left edges from the panel's left

    def __init__(self, panel: Panel, above) -> None:
        self.panel = panel
        titles = [formula(r"\eta", size=SMALL_SIZE, color=MUTED), words("step $k$", size=SMALL_SIZE, color=MUTED),
                  words("loss $L$", size=SMALL_SIZE, color=MUTED)]
        self.header = VGroup(*titles)
        top = above.get_bottom()[1] - 0.4
        for title, left in zip(titles, self.COLUMNS[1:]):
            title.move_to([panel.left + left + title.width / 2, top - 0.2, 0])
        self.rows: list[VGroup] = []
        self.cells: list[tuple] = []
        self.last = self.header

    def add_row(self, rate: float, color: str, path: DescentPath) -> VGroup:
        y = self.last.get_bottom()[1] - 0.38
        left = self.panel.left
        swatch = Line([left, y, 0], [left + 0.4, y, 0], color=color, stroke_width=5)
        eta = formula(number_tex(rate, "step"), size=SMALL_SIZE, color=color)
        k = readout(0, decimals=0, size=SMALL_SIZE)
        loss = readout(float(path.run.values[0]), decimals=4, size=SMALL_SIZE)
        k.add_updater(lambda m: _show(m, path.step()))
        loss.add_updater(lambda m: _show(m, float(path.run.values[path.step()])))
        for cell, column in zip((eta, k, loss), self.COLUMNS[1:]):
            cell.move_to([left + column + cell.width / 2, y, 0])
        row = VGroup(swatch, eta, k, loss)
        self.rows.append(row)
        self.cells.append((k, loss))
        self.last = row
        return row

    def stop(self, index: int) -> None:
        """The row's run is over: its numbers stay."""
        for number in self.cells[index]:
            number.clear_updaters()

    def mark_diverged(self, scene, index: int, run) -> None:
        """The run left the map: its loss cell says so (and at which step calcviz gave up, if it did)."""
        k, loss = self.cells[index]
        if run.diverged:  # calcviz stopped at the step that blew up
            k.set_value(run.iterations + 1)
        label = words("diverged" if run.diverged else "left the map", size=SMALL_SIZE, color=SECANT)
        label.move_to(loss.get_left() + RIGHT * label.width / 2)
        self.rows[index].remove(loss)
        self.rows[index].add(label)
        scene.play(FadeOut(loss), FadeIn(label), run_time=scene.t(0.8))


def _show(number, value: float) -> None:
    """Set a readout only when its value changed (most frames of a run, it did not)."""
    if number.get_value() != value:
        number.set_value(value)


def shown_steps(points: np.ndarray, x_range, y_range) -> tuple[float, bool]:
    """How many steps of a run to draw: all of them, or up to where it first crosses the map's edge."""
    (x0, x1), (y0, y1) = x_range, y_range
    low, high = np.array([x0, y0]), np.array([x1, y1])
    outside = np.flatnonzero(np.any((points < low) | (points > high), axis=1))
    if len(outside) == 0:
        return float(len(points) - 1), False
    k = int(outside[0]) - 1
    a, b = points[k], points[k + 1]
    delta = b - a
    with np.errstate(divide="ignore", invalid="ignore"):
        limits = np.where(delta > 0, (high - a) / delta, np.where(delta < 0, (low - a) / delta, np.inf))
    return k + float(np.clip(limits.min(), 0, 1)), True


def surface_path(points: np.ndarray, end: float, field, stage: Stage, lift: float):
    """The run's path up to step ``end`` (fractional: ends between two iterates): straight jumps from each
    iterate's point of the surface to the next, sampled as finely as Curve3D draws, with the index in it of
    every iterate passed and of the end (``marks``), and their step counts (``mark_steps``)."""
    pieces, marks, mark_steps, count = [], [0], [0.0], 0
    for k in range(int(np.ceil(end))):
        fraction = min(end - k, 1.0)
        a, b = points[k], points[k] + fraction * (points[k + 1] - points[k])
        t = np.linspace(0, 1, _samples_over(a, b, field, stage.spacing()))
        xy = a + t[:, None] * (b - a)
        za, zb = float(field(*points[k])), float(field(*points[k + 1]))
        piece = np.column_stack([xy, za + fraction * t * (zb - za) + lift])  # the chord, not the surface under it
        pieces.append(piece if k == 0 else piece[1:])
        count += len(piece) - 1
        marks.append(count)
        mark_steps.append(k + fraction)
    if not pieces:  # nothing to draw: a run of no steps
        start = np.array([[*points[0], float(field(*points[0])) + lift]])
        return np.vstack([start, start]), np.array([0.0, 1.0]), np.array([0.0, 1.0])
    return np.vstack(pieces), np.array(marks, float), np.array(mark_steps)


def _samples_over(a: np.ndarray, b: np.ndarray, field, spacing: np.ndarray, probes: int = 17) -> int:
    """Samples for the surface path from (x, y) = a to b: no step longer than ``spacing`` on any axis
    (the height's rise and fall measured at ``probes`` points)."""
    xy = a + np.linspace(0, 1, probes)[:, None] * (b - a)
    climb = np.abs(np.diff(np.broadcast_to(field(xy[:, 0], xy[:, 1]), xy[:, 0].shape))).sum()
    return int(np.ceil(max(*(np.abs(b - a) / spacing[:2]), climb / spacing[2]))) + 1


def spread_out(points: np.ndarray, count: int) -> np.ndarray:
    """Indices of ``count`` points chosen far from each other (greedy farthest-point sampling)."""
    if len(points) <= count:
        return np.arange(len(points))
    scale = np.ptp(points, axis=0)
    scaled = (points - points.min(axis=0)) / np.where(scale > 0, scale, 1)
    chosen = [int(np.argmin(np.linalg.norm(scaled - scaled.mean(axis=0), axis=1)))]
    distance = np.linalg.norm(scaled - scaled[chosen[0]], axis=1)
    while len(chosen) < count:
        nxt = int(np.argmax(distance))
        chosen.append(nxt)
        distance = np.minimum(distance, np.linalg.norm(scaled - scaled[nxt], axis=1))
    return np.array(chosen)


def level_color(surface, z: float) -> ManimColor:
    """The surface's own height colour at ``z``, moved a little toward the palette's LIFT (white on a dark background,
    black on a light one) so thin lines stand out from it."""
    lo, hi = surface.color_range
    t = float(np.clip((z - lo) / (hi - lo), 0, 1)) * (len(surface.stops) - 1)
    index = min(int(t), len(surface.stops) - 2)
    rgb = surface.stops[index] * (1 - (t - index)) + surface.stops[index + 1] * (t - index)
    return rgb_to_color(0.85 * rgb + 0.15 * color_to_rgb(ManimColor(LIFT)))
