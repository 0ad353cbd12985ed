"""Week 2 -- limits of two variables: the roads into a point must all agree.  One field disagrees along
two lines; another agrees along every line but not along a parabola."""

from __future__ import annotations

import numpy as np
from manim import Circle, FadeIn, FadeOut, ValueTracker, VGroup, Write, smooth

from calcviz import Field, latex
from calcviz.limits import Path
from calcviz.view import value_window
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, DERIVATIVE, FOREGROUND, SECANT, TANGENT, formula
from scenes.kit.surface_scene import SurfaceScene
from scenes.kit.three_d import Curve3D, Sheet, Stage, StageDot

STAGE_CENTER = (-3.45, -0.5)
STAGE_SIZE = (4.6, 4.6, 2.6)
PANEL_LEFT = 0.9
PATH_COLORS = (TANGENT, SECANT, DERIVATIVE, ACCENT)
NEAREST = 0.015  # the sliding dot stops this part of the way from the point (the field is undefined there)
SMALL = 32
PATH_DETAIL = 40  # the paths' sampling for occlusion: coarser than the default (16 paths are redrawn each frame)
REST_SCALE = 2.0  # supersampled at rest: these surfaces fold over themselves near the point


class LimitsAlongPaths(SurfaceScene):
    """Paths into a point where a field is undefined, and calcviz's limit along each (``multivariate_limit``)."""

    def construct(self) -> None:
        p = self.params
        a, b = p.point
        self.beat("Title", "In one variable, x comes close to a point from two sides. In the plane there are "
                           "endless roads in.")
        header = self.show_title()

        self.beat("A hole in a surface", f"Here is a surface that is not defined at the point {self.spoken(p.point)} "
                                         "itself. Does it tend to one height as x, y comes close?")
        stage = self.make_stage()
        self.stage = stage
        first = self.sheet(p.function)
        second = self.sheet(p.curve_function)
        second.opacity.set_value(0)
        panel = Panel(left=PANEL_LEFT, top=header.get_bottom()[1] - 0.2)
        f_label = panel.place(formula(rf"f(x, y) = {p.function.latex}", color=p.function_color))
        floor = stage.ranges[2, 0]
        hole = StageDot(stage, lambda: (a, b, floor), color=FOREGROUND, radius=0.06)
        layer, axes = self.raise_surface([first], Write(f_label), FadeIn(hole, scale=2), hidden=[second],
                                         rest_scale=REST_SCALE)
        self.scenery.append(hole)
        self.turn_camera(p.orbit / 3, 3)
        self.pause(1)

        self.beat("Along lines", "Walk in along one line and the heights close in on one number. "
                                 "Walk in along another line, and they close in on a different number.")
        error = p.disagreement("function")
        shown = list(error.paths) + self.third_line(error)
        rows, drawn = [], []
        for index, path in enumerate(shown):
            row, parts = self.walk_in(p.function, path, PATH_COLORS[index], panel, f_label if index == 0 else None)
            rows.append(row)
            drawn.append(parts)
        self.pause(1)

        self.beat("No limit", "Different roads, different heights: so f has no limit at this point. "
                              "A limit must be the same along every road in.")
        verdict = panel.place(self.no_limit(), buff=0.45)
        self.play(Write(verdict), run_time=self.t(1.5))
        self.turn_camera(p.orbit / 3, 3)
        self.pause(2)

        self.beat("Every line agrees", "Now a harder surface. Along every line into the point, the heights close "
                                       "in on the same number. Is that enough for a limit?")
        g_label = formula(rf"f(x, y) = {p.curve_function.latex}", color=p.function_color)
        old = VGroup(f_label, verdict, *rows, *(m for parts in drawn for m in parts))
        self.wake(*self.scenery)
        # one surface out, then the other in: a frame never paints both meshes
        self.play(FadeOut(old), first.opacity.animate.set_value(0), run_time=self.t(1))
        self.play(second.opacity.animate.set_value(1), run_time=self.t(1))
        self.scenery = [layer, axes, hole]
        self.rest(*self.scenery)
        panel.last = None
        panel.place(g_label)
        self.play(Write(g_label), run_time=self.t(1.2))
        lines_row, _ = self.walk_in_all(p.curve_function, p.lines(), panel)
        self.pause(1.5)

        self.beat("A curved road", "No: along a parabola into the same point the heights close in on another "
                                   "number, so this f has no limit either. Lines are not enough: every path must agree.")
        error = p.disagreement("curve_function")
        self.walk_in(p.curve_function, error.paths[1], SECANT, panel, lines_row)
        verdict = panel.place(self.no_limit(), buff=0.45)
        self.play(Write(verdict), run_time=self.t(1.5))
        self.pause(2.5)  # end still, on the result (a turn would redraw all eighteen roads in every frame)

    # ------------------------------------------------------------------ pieces
    def make_stage(self) -> Stage:
        """A box framing both surfaces (they take turns on it)."""
        p = self.params
        xs, ys = np.meshgrid(np.linspace(*p.x_range, 81), np.linspace(*p.y_range, 81))
        with np.errstate(all="ignore"):
            values = np.concatenate([np.broadcast_to(F(xs, ys), xs.shape).ravel() for F in (p.function, p.curve_function)])
        z_range = value_window(values, margin=0.05)[:2]
        return Stage(p.x_range, p.y_range, z_range, STAGE_SIZE, phi=np.radians(p.phi), theta=np.radians(p.theta),
                     center=STAGE_CENTER)

    def sheet(self, F: Field) -> Sheet:
        """z = F(x, y), drawn around its hole: a vertex that lands on the point is nudged off it."""
        fx, fy = F.partial(F.variables[0]), F.partial(F.variables[1])
        height, slope_x, slope_y = (around_hole(g, self.params.point) for g in (F, fx, fy))
        return Sheet(self.stage, height, lambda x, y: (slope_x(x, y), slope_y(x, y)), self.stage.ranges[:2],
                     resolution=self.params.surface_resolution, hole=self.params.point)

    def path_points(self, F: Field, path: Path, ts: np.ndarray) -> np.ndarray:
        xs, ys = path.at(ts)
        return np.column_stack([xs, ys, np.broadcast_to(F(xs, ys), xs.shape)])

    def reach(self, path: Path) -> float:
        """How far (in t) the path can run on either side of the point and stay inside the box."""
        window = self.stage.ranges[:2]
        reach = float(np.ptp(window[0]))
        while reach > 1e-3:
            xs, ys = path.at(np.linspace(-reach, reach, 101))
            margin = 0.04 * np.ptp(window, axis=1)
            if np.all((xs >= window[0, 0] + margin[0]) & (xs <= window[0, 1] - margin[0])
                      & (ys >= window[1, 0] + margin[1]) & (ys <= window[1, 1] - margin[1])):
                return reach
            reach *= 0.9
        return reach

    def walk_in(self, F: Field, path: Path, color: str, panel: Panel, below) -> tuple[VGroup, list]:
        """Draw the path on the surface, slide a dot in along it, and write calcviz's limit along it."""
        p = self.params
        limit = p.path_limit(self.key_of(F), path)
        reach = self.reach(path)
        lift = 0.012 * np.ptp(self.stage.ranges[2])
        curves = [Curve3D(self.stage, self.path_points(F, path, sign * np.geomspace(reach, NEAREST * reach, 60)),
                          color=color, width=4, progress=0, lift=lift, detail=PATH_DETAIL) for sign in (1, -1)]
        walk = ValueTracker(0.0)
        dot = StageDot(self.stage, lambda: along(curves[0].path, walk.get_value()), color=color, radius=0.075)
        goal = hollow_mark(self.stage, (*p.point, limit), color)
        row = formula(rf"\text{{along }} {path.latex}:\ f \to {latex(limit)}", size=SMALL, color=color)
        panel.place(row, below=below, buff=0.3)
        self.add(*curves)
        self.play(*(c.progress.animate.set_value(1) for c in curves), run_time=self.t(1.5))
        self.play(FadeIn(dot, scale=2), run_time=self.t(0.4))
        self.play(walk.animate.set_value(1), run_time=self.t(2.2), rate_func=smooth)
        self.play(FadeIn(goal, scale=2), Write(row), run_time=self.t(1))
        self.settle(*curves, dot, goal)
        self.pause(0.8)
        return row, [*curves, dot, goal]

    def walk_in_all(self, F: Field, paths, panel: Panel) -> tuple[VGroup, list]:
        """Every line at once: one dot on each, all arriving at calcviz's common limit."""
        p = self.params
        limits = {p.path_limit(self.key_of(F), path) for path in paths}
        [limit] = limits  # the params check guarantees the lines agree
        lift = 0.012 * np.ptp(self.stage.ranges[2])
        curves, walks, dots = [], [], []
        for path in paths:
            reach = self.reach(path)
            for sign in (1, -1):
                curve = Curve3D(self.stage, self.path_points(F, path, sign * np.geomspace(reach, NEAREST * reach, 40)),
                                color=TANGENT, width=3, progress=0, lift=lift, detail=PATH_DETAIL)
                curves.append(curve)
                walks.append(curve)
        for walk in walks:
            dots.append(StageDot(self.stage, lambda w=walk: w.visible_path()[-1], color=TANGENT, radius=0.06))
        goal = hollow_mark(self.stage, (*p.point, limit), TANGENT)
        row = formula(rf"\text{{along all {len(paths)} lines}}:\ f \to {latex(limit)}", size=SMALL, color=TANGENT)
        panel.place(row, buff=0.3)
        self.add(*curves, *dots)
        self.play(*(c.progress.animate.set_value(1) for c in curves), run_time=self.t(3), rate_func=smooth)
        self.play(FadeIn(goal, scale=2), Write(row), run_time=self.t(1))
        self.settle(*curves, *dots, goal)
        return row, [*curves, *dots, goal]

    def key_of(self, F: Field) -> str:
        return "function" if F is self.params.function else "curve_function"

    def third_line(self, error) -> list[Path]:
        """One more line whose limit differs from both of the disagreeing paths, if calcviz finds one."""
        p = self.params
        for path in p.lines():
            value = p.path_limit("function", path)
            if path.latex not in {q.latex for q in error.paths} and all(abs(value - v) > 1e-9 for v in error.limits):
                return [path]
        return []

    def no_limit(self):
        a, b = self.params.point
        return formula(rf"\lim_{{(x, y) \to ({latex(a)}, {latex(b)})}} f(x, y)\ \text{{does not exist}}", size=SMALL,
                       color=FOREGROUND)

    @staticmethod
    def spoken(point) -> str:
        return f"x equals {point[0]:g}, y equals {point[1]:g},"


def around_hole(g, point, nudge: float = 1e-7):
    """``g(x, y)``, except that a vertex exactly at ``point`` is moved ``nudge`` off it (g is undefined there)."""
    a, b = point

    def value(x, y):
        x, y = np.broadcast_arrays(np.asarray(x, float), np.asarray(y, float))
        with np.errstate(all="ignore"):
            values = np.array(np.broadcast_to(g(x, y), x.shape), float)
            at = (x == a) & (y == b)
            if at.any():  # rare: only a vertex or a ray sample exactly on the point
                values[at] = np.broadcast_to(g(x[at] + nudge, y[at]), x[at].shape)
        return values

    return value


def along(points: np.ndarray, s: float) -> np.ndarray:
    """The point a fraction ``s`` of the way through a polyline's samples (0: the first, 1: the last)."""
    t = float(np.clip(s, 0, 1)) * (len(points) - 1)
    whole = min(int(t), len(points) - 2)
    return points[whole] + (t - whole) * (points[whole + 1] - points[whole])


def hollow_mark(stage: Stage, xyz, color: str) -> Circle:
    """A small ring at a graph point (the limit, where the field itself has no value)."""
    ring = Circle(radius=0.1, color=color, stroke_width=4).set_z_index(3)
    where = np.asarray(xyz, float)
    seen = {}

    def follow(m):
        key = stage.state()
        if seen.get("key") != key:  # re-projected only when the camera moves
            seen["key"] = key
            m.move_to(stage.project(where[None])[0][0])

    ring.add_updater(follow)
    return ring.move_to(stage.project(where[None])[0][0])
