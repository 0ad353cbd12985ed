"""Week 2 -- limits of two variables: the roads into a point must all agree.  One field disagrees along
two lines; another agrees along every line but not along a parabola."""

from __future__ import annotations

import numpy as np
import sympy
from manim import (LEFT, RIGHT, UP, Arrow, Circle, Create, Dot, FadeIn, FadeOut, GrowArrow, Indicate, LaggedStart, NumberLine, ValueTracker,
                   VGroup, VMobject, Write, smooth)

from calcviz import Field, latex, limits
from calcviz.limits import Path
from calcviz.view import value_window
from scenes.kit.layout import Panel
from scenes.kit.look import ACCENT, AXIS, DERIVATIVE, FOREGROUND, SECANT, SMALL_SIZE, TANGENT, formula
from scenes.kit.palette import colour_name
from scenes.kit.surface_scene import SurfaceScene
from scenes.kit.three_d import Curve3D, MeshLayer, Sheet, Stage, StageDot, stage_axes

STAGE_CENTER = (-3.1, -0.3)  # the z numbers at the box's left corner stay inside the frame
STAGE_SIZE = (4.6, 4.6, 3.0)
PANEL_LEFT = 0.9
PATH_COLORS = (TANGENT, SECANT, DERIVATIVE)  # the lines; the curved road is ACCENT, a colour of its own
CURVE_COLOR = ACCENT
NEAREST = 0.015  # the sliding dot stops this part of the way from the point (the field is undefined there)
SMALL = SMALL_SIZE + 2
PATH_DETAIL = 40  # the paths' sampling for occlusion: coarser than the default (16 paths are redrawn each frame)
REST_SCALE = 2.0  # supersampled at rest: these surfaces fold over themselves near the point


class LimitsAlongPaths(SurfaceScene):
    """Paths into a point where a field is undefined, and calcviz's limit along each (``multivariate_limit``)."""

    def construct(self) -> None:
        p = self.params
        a, b = p.point
        point_tex = rf"({latex(a)}, {latex(b)})"
        self.beat("Roads in")
        header = self.show_title()
        one, plane = roads_in()
        self.play(Create(one[0]), run_time=0.8)  # the number line draws silently: the voice speaks over it
        self.say("In one variable, $x$ can come close to a point from only two sides.", [GrowArrow(one[1]), GrowArrow(one[2])],
                 FadeIn(one[3]))
        self.say("In the plane there are endless roads in, along every line,",
                 Create(plane[0]), LaggedStart(*[GrowArrow(arrow) for arrow in plane[1]], lag_ratio=0.15))
        self.say("and along curves too.", Create(plane[2]), Indicate(plane[2], color=CURVE_COLOR, scale_factor=1.0))

        self.beat("A hole in a surface")
        stage = self.make_stage()
        self.stage = stage
        first = self.sheet(p.function)
        second = self.sheet(p.curve_function)
        second.opacity.set_value(0)
        panel = Panel(left=PANEL_LEFT, top=header.get_bottom()[1] - 0.2)
        f_label = panel.place(formula(rf"f(x, y) = {p.function.latex}", color=p.function_color))
        floor = stage.ranges[2, 0]
        hole = StageDot(stage, lambda: (a, b, floor), color=FOREGROUND, radius=0.09)
        # silent: the old picture out, the floor in; the surface rises as the sentence names it
        first.lift.set_value(0)
        raised = {"layer": MeshLayer(stage, [first, second], rest_scale=REST_SCALE), "axes": stage_axes(stage)}
        self.add(raised["layer"])
        self.play(FadeOut(VGroup(one, plane)), FadeIn(raised["axes"]), run_time=self.t(0.9))
        self.scenery.extend([raised["layer"], raised["axes"]])
        self.say(f"Here is the surface $z = {p.function.latex}$.", [first.lift.animate(run_time=2.5).set_value(1), Write(f_label)])
        self.say(f"It is not defined at the point ${point_tex}$, marked by the {colour_name(FOREGROUND)} dot on the floor.",
                 FadeIn(hole, scale=2), Indicate(hole, scale_factor=3, color=FOREGROUND), lambda: self.scenery.append(hole))
        self.say("Does it tend to one height as $(x, y)$ comes close to that point?", lambda: self.turn_camera(p.orbit / 3, 3),
                 hold="the camera turns around the hole")

        self.beat("Along lines")
        error = p.disagreement("function")
        shown = list(error.paths) + self.third_line(error)
        rows, drawn = [], []
        for index, path in enumerate(shown):
            limit = p.path_limit("function", path)
            row, parts, steps = self.walk_in(p.function, path, PATH_COLORS[index], panel, f_label if index == 0 else None)
            said = (f"Walk in along the line ${path.latex}$: the heights close in on ${latex(limit)}$." if index == 0 else
                    f"Along ${path.latex}$ they close in on ${latex(limit)}$, a different number." if index == 1 else
                    f"And along ${path.latex}$, on ${latex(limit)}$.")
            self.say(said, *steps)
            rows.append(row)
            drawn.append(parts)

        self.beat("No limit")
        verdict = panel.place(self.no_limit(), buff=0.45)
        self.say("Different roads, different heights: so $f$ has no limit at this point. A limit must be the same along "
                 "every road in.", Write(verdict), lambda: self.turn_camera(p.orbit / 3, 3))

        self.beat("Every line agrees")
        g_label = formula(rf"f(x, y) = {p.curve_function.latex}", color=p.function_color)
        old = VGroup(f_label, verdict, *rows, *(m for parts in drawn for m in parts))

        def swapped():
            self.scenery = [raised["layer"], raised["axes"], hole]
            self.rest(*self.scenery)
            panel.last = None
            panel.place(g_label)

        # one surface out, then the other in: a frame never paints both meshes
        self.say(f"Now a harder surface, $z = {p.curve_function.latex}$.",
                 lambda: self.wake(*self.scenery), [FadeOut(old), first.opacity.animate(run_time=1).set_value(0)],
                 second.opacity.animate(run_time=1).set_value(1), swapped, Write(g_label))
        lines = p.lines()
        lines_row, line_parts, steps = self.walk_in_all(p.curve_function, lines, panel)
        common = latex(p.path_limit("curve_function", lines[0]))
        self.say(f"Above {len(lines)} lines through the point, walk in on the surface: the heights close in on ${common}$ every time.", *steps)
        family = limits.along_lines(p.curve_function, p.point)
        t, m = sympy.Symbol("t"), sympy.Symbol("m")
        x_name = "x" if a == 0 else "t"
        on_line = sympy.latex(family.xreplace({t: sympy.Symbol(x_name)}))
        slope_line = "y = mx" if (a, b) == (0, 0) else rf"x = {latex(a)} + t,\ y = {latex(b)} + mt"
        goes = latex(sympy.limit(family, t, 0))
        algebra = formula(rf"{slope_line}:\ f = {on_line}", rf"\ \to {goes}", size=SMALL, color=TANGENT)
        panel.place(algebra, buff=0.3)
        upright = [path for path in lines if not path.x.has(sympy.Symbol("t"))]  # the one line no slope m gives
        also, last_row = "", algebra
        if upright:
            on_upright = sympy.simplify(upright[0].restrict(p.curve_function).expr)
            upright_limit = latex(p.path_limit("curve_function", upright[0]))
            also = (f"On the line ${upright[0].latex}$, $f = {latex(on_upright)}$ as well." if not on_upright.free_symbols else
                    f"On the line ${upright[0].latex}$ it tends to ${upright_limit}$ as well.")
            shown = rf"f = {latex(on_upright)}" if not on_upright.free_symbols else rf"f \to {upright_limit}"
            last_row = panel.place(formula(rf"{upright[0].latex}:\ {shown}", size=SMALL, color=FOREGROUND), buff=0.3)  # as its line is drawn over
        self.say(f"Indeed, on the line ${slope_line}$, $f = {on_line}$, which tends to ${goes}$ for every slope $m$.",
                 Write(algebra[0]), Write(algebra[1]), Indicate(algebra[1], color=TANGENT))
        if also:
            k = lines.index(upright[0])
            lift = 0.012 * np.ptp(self.stage.ranges[2])
            marked = [Curve3D(self.stage, piece.path, color=FOREGROUND, width=6, lift=lift, detail=PATH_DETAIL)
                      for piece in line_parts[2 * k: 2 * k + 2]]  # the two halves of that line, drawn over in white
            self.say(also, Write(last_row), lambda: self.add(*marked), [FadeIn(m) for m in marked], lambda: self.settle(*marked))

        self.beat("A curved road")
        error = p.disagreement("curve_function")
        curve = error.paths[1]
        curve_limit = p.path_limit("curve_function", curve)
        _, _, steps = self.walk_in(p.curve_function, curve, CURVE_COLOR, panel, last_row, raise_by=3.0)  # clear of the steep sheet
        self.say(f"But along the parabola ${curve.latex}$ the heights close in on ${latex(curve_limit)}$: lines are not enough.", *steps)
        verdict = panel.place(self.no_limit(), buff=0.45)
        self.say("Every path must agree, so this $f$ has no limit either.", Write(verdict), Indicate(verdict, color=CURVE_COLOR))

    # ------------------------------------------------------------------ pieces
    def make_stage(self) -> Stage:
        """A box framing both surfaces (they take turns on it)."""
        p = self.params
        xs, ys = np.meshgrid(np.linspace(*p.x_range, 81), np.linspace(*p.y_range, 81))
        with np.errstate(all="ignore"):
            values = np.concatenate([np.broadcast_to(F(xs, ys), xs.shape).ravel() for F in (p.function, p.curve_function)])
        lo, hi = value_window(values, margin=0.05)[:2]
        pad = 0.15 * (hi - lo)  # room above and below the extreme heights, so their round ticks (the +-1/2 said) are numbered
        z_range = (lo - pad, hi + pad)
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

    def walk_in(self, F: Field, path: Path, color: str, panel: Panel, below, raise_by: float = 1.0) -> tuple[VGroup, list]:
        """Draw the path on the surface, slide a dot in along it, and write calcviz's limit along it (``raise_by`` lifts
        the path further off the surface where the sheet is steep and would hide it)."""
        p = self.params
        limit = p.path_limit(self.key_of(F), path)
        reach = self.reach(path)
        lift = 0.012 * raise_by * np.ptp(self.stage.ranges[2])
        curves = [Curve3D(self.stage, self.path_points(F, path, sign * np.geomspace(reach, NEAREST * reach, 60)),
                          color=color, width=4, progress=0, lift=lift, detail=PATH_DETAIL) for sign in (1, -1)]
        walk = ValueTracker(0.0)
        dot = StageDot(self.stage, lambda: along(curves[0].path, walk.get_value()), color=color, radius=0.075)
        goal = hollow_mark(self.stage, (*p.point, limit), color)
        row = formula(rf"\text{{along }} {path.latex}:\ f \to {latex(limit)}", size=SMALL, color=color)
        panel.place(row, below=below, buff=0.3)
        steps = [lambda: self.add(*curves), [c.progress.animate(run_time=1.5).set_value(1) for c in curves],
                 FadeIn(dot, scale=2, run_time=0.4), walk.animate(run_time=2.2, rate_func=smooth).set_value(1),
                 [FadeIn(goal, scale=2), Write(row)], lambda: self.settle(*curves, dot, goal)]
        return row, [*curves, dot, goal], steps

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
        steps = [lambda: self.add(*curves, *dots), [c.progress.animate(run_time=3, rate_func=smooth).set_value(1) for c in curves],
                 [FadeIn(goal, scale=2), Write(row)], lambda: self.settle(*curves, *dots, goal)]
        return row, [*curves, *dots, goal], steps

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



def roads_in() -> tuple[VGroup, VGroup]:
    """Two sides into a point on a line; lines from every direction, and a curve, into a point of the plane."""
    line = NumberLine(x_range=[-2, 2, 1], length=5.0, color=AXIS, include_numbers=False).move_to([-3.4, -0.3, 0])
    at = line.n2p(0)
    left = Arrow(line.n2p(-1.8) + 0.35 * UP, at + 0.35 * UP + 0.1 * LEFT, buff=0, color=TANGENT, stroke_width=5)
    right = Arrow(line.n2p(1.8) + 0.35 * UP, at + 0.35 * UP + 0.1 * RIGHT, buff=0, color=TANGENT, stroke_width=5)
    mark = Dot(at, color=FOREGROUND, radius=0.08)
    one = VGroup(line, left, right, mark)
    centre = np.array([3.2, -0.3, 0])
    disc = Circle(radius=2.1, color=AXIS, stroke_width=2).move_to(centre)
    arrows = VGroup(*[Arrow(centre + 1.9 * np.array([np.cos(k * np.pi / 8), np.sin(k * np.pi / 8), 0]), centre, buff=0.12,
                            color=TANGENT, stroke_width=4, max_tip_length_to_length_ratio=0.12) for k in range(16)])
    ts = np.linspace(1.2, 0.05, 40)
    bend = VMobject(stroke_color=CURVE_COLOR, stroke_width=5).set_points_smoothly(centre + np.column_stack([ts**2 * 1.0, ts, 0 * ts]))
    plane = VGroup(disc, arrows, bend, Dot(centre, color=FOREGROUND, radius=0.08))
    return one, plane


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
