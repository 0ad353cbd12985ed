"""Interactive panels of week 6's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.  The descent paths are
computed here for every position of the sliders (start and learning rate).
The 2D scenes draw on contour maps (:func:`contour_map`): cheaper in the
browser than a 3D view, and at equal scale the gradient's right angle to the
level curves shows.
"""

from __future__ import annotations

import numpy as np

from calcviz import multivariate, optimize, regression
from scenes.kit.palette import FOREGROUND, colour_name
from scenes.publish.panels import (ACCENT, DERIVATIVE, FUNCTION, MUTED, SECANT, TANGENT, Board, Curve, Line, Panel, Path3D, Point,
                                   Point3D, Readout, Rect, Scene3D, Segment, Slider, Text, camera, frames_over, grid, log_grid, thinned)
from scenes.kit.numbers import NOISE, number, number_tex
from scenes.week4.panels import surface_box
from scenes.week6.params import inside_map, settled, zigzags

CONTOURS = 12  # level curves on a map
ARROW = 0.16  # a unit vector's length on a map, as a part of its longer side
CLOSED_LEVEL = 0.2  # the loss map shows whole the level curves up to this much above the least loss (as the clip does)
RUN_COLORS = (TANGENT, DERIVATIVE, SECANT)  # the clip's slow, good and too large runs
KIND_COLORS = {"minimum": DERIVATIVE, "maximum": SECANT, "saddle": TANGENT, "degenerate": MUTED}
GRADIENT_ON_KINDS = FOREGROUND  # a colour none of the kinds uses
KIND_WORDS = {"minimum": "local minimum", "maximum": "local maximum", "saddle": "saddle", "degenerate": "no verdict (D = 0)"}


def _status(run) -> str:
    if run.diverged:
        return "diverged"
    if _bouncing(run):
        return "bouncing: it will not settle"
    return "converged" if settled(run) else "still moving"


def _bouncing(run, window: int = 10) -> bool:
    """Over its last steps the run mostly turns back on itself, and its steps are not shrinking (the last ten as
    long, on average, as half the ten before or more): it bounces across a valley (eta f'' >= 2 there), steadily,
    ever wider or chaotically, and will not settle, though it has not left the plot yet. A run leaving a hilltop
    takes longer steps all the same way; one that overshoots yet converges soon takes much shorter ones."""
    points = np.asarray(run.points, float)
    if len(points) <= 2 * window:
        return False
    lengths = np.linalg.norm(np.diff(points, axis=0), axis=1)
    recent, before = lengths[-window:], lengths[-2 * window:-window]
    return zigzags(points[-window - 1:]) and recent.mean() >= 0.5 * before.mean() > 1e-9


def gradient_descent_surface(p) -> Panel:
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    slow, _, fast = p.learning_rates
    rate = Slider("rate", r"\eta", log_grid(slow, fast, 6, include=p.learning_rates), start=p.learning_rates[1])
    sx = Slider("sx", r"x_\text{start}", grid(x_lo, x_hi, 5, include=[p.start[0]]), start=p.start[0])
    sy = Slider("sy", r"y_\text{start}", grid(y_lo, y_hi, 5, include=[p.start[1]]), start=p.start[1])
    sheet, box = surface_box(F, p.x_range, p.y_range)
    lift = 0.01 * (box[5] - box[4])  # the path just above the sheet (drawing only)

    def frame(eta, x, y):
        run = optimize.gradient_descent(F, (x, y), eta, p.steps, p.momentum)
        shown = run.points[: np.argmin(inside_map(run.points, p.x_range, p.y_range)) or len(run.points)]
        left = len(shown) < len(run.points)
        heights = run.values[: len(shown)]
        if left:  # the step that leaves is drawn up to the plot's edge: a first step out would draw nothing at all
            edge = exit_point(shown[-1], run.points[len(shown)], p.x_range, p.y_range)
            shown, heights = np.vstack([shown, edge]), np.r_[heights, F(*edge)]
        path = np.column_stack([shown, heights + lift])
        gone = run.diverged or left  # far outside the plot: no end point worth reading
        status = "diverged: left the plot" if gone else _status(run)
        kind = 2 if gone or status.startswith("bouncing") else 1 if status == "converged" else 0
        steps = len(shown) - 1 if left else run.iterations  # the steps drawn: up to the one that leaves
        return {"rate": eta, "sx": x, "sy": y, "steps": steps, "end_x": "off the plot" if gone else run.x[0],
                "end_y": "off the plot" if gone else run.x[1], "loss": "→ ∞" if gone else run.fun, "status": status,
                **{f"path{k}": path if k == kind else np.empty((0, 3)) for k in range(3)}, "start_z": F(x, y)}

    return Panel(controls=[rate, sx, sy],
                 views=[Scene3D([sheet, *(Path3D(f"path{k}", color=color) for k, color in enumerate(RUN_COLORS)),
                                 Point3D("sx", "sy", "start_z", color=ACCENT)], box,
                                camera(p.phi, p.theta))],
                 frames=frames_over([rate, sx, sy], frame),
                 formula=rf"z = {F.latex}, \qquad (x, y) \leftarrow (x, y) - \eta\, \nabla f(x, y)",
                 readouts=[Readout("steps", r"\text{steps}", format="count"), Readout("end_x", r"x_\text{end}"),
                           Readout("end_y", r"y_\text{end}"), Readout("loss", r"f(x_\text{end}, y_\text{end})"),
                           Readout("status", r"\text{the run}")],
                 note=f"The {colour_name(ACCENT)} dot is the start; the path is coloured as the clip's runs: {colour_name(RUN_COLORS[0])} while it is still "
                      f"moving, {colour_name(RUN_COLORS[1])} once it has settled, {colour_name(RUN_COLORS[2])} when it diverges. Too small a step crawls, a good one settles "
                      "in a valley (which one depends on the start: a local minimum, not always the lowest), and too large "
                      f"a one overshoots every step ({colour_name(RUN_COLORS[2])}): it bounces across the valley without settling, or ever wider until its path "
                      "leaves the plot.")


def exit_point(inside, outside, x_range, y_range) -> np.ndarray:
    """Where the step from ``inside`` to ``outside`` crosses the edge of the rectangle x_range x y_range."""
    start, step = np.asarray(inside, dtype=float), np.asarray(outside, dtype=float) - np.asarray(inside, dtype=float)
    share = 1.0
    for axis, (lo, hi) in enumerate((x_range, y_range)):
        if step[axis] > 0:
            share = min(share, (hi - start[axis]) / step[axis])
        elif step[axis] < 0:
            share = min(share, (lo - start[axis]) / step[axis])
    return start + share * step


# ------------------------------------------------------------------ contour maps (2D: cheaper than a 3D view, and right angles show)
def contour_map(F, x_range, y_range, shapes, levels=None, extra_levels=(), resolution: int = 81) -> Board:
    """A board at equal scale in x and y: F's level curves (spread evenly over its values on the map), then ``shapes``."""
    if levels is None:
        _, _, Z = multivariate.surface_grid(F, x_range, y_range, resolution=81)
        levels = np.quantile(Z[np.isfinite(Z)], np.linspace(0.03, 0.97, CONTOURS))
    levels = np.unique(np.round(np.r_[levels, extra_levels], 9))
    lines = [line for polylines in multivariate.contour_lines(F, x_range, y_range, levels, resolution=resolution) for line in polylines]
    (x0, x1), (y0, y1) = x_range, y_range
    return Board((x0, x1, y0, y1), [Curve(lines, color=FUNCTION, width=1.3), *shapes], aspect=(x1 - x0) / (y1 - y0))


def _reach(x_range, y_range) -> float:
    return ARROW * max(x_range[1] - x_range[0], y_range[1] - y_range[0])


def directional_derivative(p) -> Panel:
    F, (px, py) = p.function, p.point
    gradient = np.array([float(g) for g in multivariate.exact_gradient(F, p.point)])
    size = float(np.hypot(*gradient))
    peak = float(np.degrees(np.arctan2(gradient[1], gradient[0]))) % 360
    theta = Slider("theta", r"\theta\ (\text{degrees})", grid(0, 355, 72, include=[round(peak, 1)]), start=0)
    reach = _reach(p.x_range, p.y_range)

    def frame(degrees):
        u = np.array([np.cos(np.radians(degrees)), np.sin(np.radians(degrees))])
        return {"theta": degrees, "ux": u[0], "uy": u[1], "slope": multivariate.directional_derivative(F, p.point, u),
                "tip_x": px + reach * u[0], "tip_y": py + reach * u[1], "size": size, "peak": peak}

    angles = np.linspace(0, 360, 181)
    cosine = np.column_stack([angles, gradient @ np.array([np.cos(np.radians(angles)), np.sin(np.radians(angles))])])
    up = (px + reach * gradient[0] / size, py + reach * gradient[1] / size)
    return Panel(
        controls=[theta], frames=frames_over([theta], frame),
        formula=rf"f(x, y) = {F.latex}, \qquad D_{{\mathbf{{u}}}} f = \nabla f \cdot \mathbf{{u}}, \quad \mathbf{{u}} = (\cos\theta, \sin\theta)",
        views=[contour_map(F, p.x_range, p.y_range, [Segment(px, py, *up, color=SECANT, width=3, dash=False, arrow=True),
                                                     Segment(px, py, "tip_x", "tip_y", color=ACCENT, width=3, dash=False, arrow=True),
                                                     Point(px, py, color=ACCENT)]),
               Board((0, 360, -1.15 * size, 1.15 * size), [Curve([cosine], color=TANGENT, width=2.5),
                                                            Segment(peak, 0, peak, size, color=SECANT),
                                                            Point("theta", "slope", color=ACCENT)], aspect=2.4,
                     names=("θ (degrees)", "Dᵤf"))],
        readouts=[Readout("ux", r"u_x"), Readout("uy", r"u_y"), Readout("slope", r"D_{\mathbf{u}} f"),
                  Readout("size", r"\lVert\nabla f\rVert"), Readout("peak", r"\theta_{\nabla}\ (\text{degrees})")],
        note=f"Turn u ({colour_name(ACCENT)}) around the point ({px:g}, {py:g}). The slope that way is a cosine of the angle; it is "
             f"largest, the gradient's length, when u points along the gradient ({colour_name(SECANT)}), and zero at right angles to it.")


def _flows(F, starts: np.ndarray, rate: float, steps: int) -> np.ndarray:
    """Plain descent paths (steps + 1, n, 2) from every start at once, with calcviz's -grad f (drawing only)."""
    paths = [starts]
    with np.errstate(all="ignore"):  # a path that runs off to infinity is cut where it leaves the map
        for _ in range(steps):
            paths.append(paths[-1] + rate * multivariate.negative_gradients(F, paths[-1]))
    return np.stack(paths)


def gradient_and_level_sets(p) -> Panel:
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    x0 = Slider("x0", "x_0", grid(x_lo, x_hi, 25, include=[p.point[0]]), start=p.point[0])
    y0 = Slider("y0", "y_0", grid(y_lo, y_hi, 21, include=[p.point[1]]), start=p.point[1])
    slope_x, slope_y = F.partial("x"), F.partial("y")
    reach = _reach(p.x_range, p.y_range)
    points = np.array([(x, y) for x in x0.values for y in y0.values])  # every position of the sliders, computed at once
    heights = np.broadcast_to(F(points[:, 0], points[:, 1]), len(points)).astype(float)
    levels = dict(zip(map(tuple, points), multivariate.contour_lines(F, p.x_range, p.y_range, heights, resolution=61)))
    flows = dict(zip(map(tuple, points), np.swapaxes(_flows(F, points, p.flow_rate, p.flow_steps), 0, 1)))

    def frame(x, y):
        value, fx, fy = float(F(x, y)), float(slope_x(x, y)), float(slope_y(x, y))
        size = float(np.hypot(fx, fy))
        ux, uy = (fx / size, fy / size) if size > 0 else (0.0, 0.0)
        lines = levels[(x, y)]
        own = [thinned(min(lines, key=lambda line: np.min(np.hypot(line[:, 0] - x, line[:, 1] - y))), 40)] if lines else []
        flow = flows[(x, y)]
        flow = flow[: np.argmin(inside_map(flow, p.x_range, p.y_range)) or len(flow)]
        return {"x0": x, "y0": y, "value": value, "fx": fx, "fy": fy, "size": size, "level": own,
                "flow": [thinned(flow, 15)], "up_x": x + reach * ux, "up_y": y + reach * uy,
                "down_x": x - reach * ux, "down_y": y - reach * uy}

    shapes = [Curve("flow", color=DERIVATIVE, width=2, dash=True), Curve("level", color=TANGENT, width=3),
              Segment("x0", "y0", "up_x", "up_y", color=SECANT, width=3, dash=False, arrow=True),
              Segment("x0", "y0", "down_x", "down_y", color=DERIVATIVE, width=3, dash=False, arrow=True),
              Point("x0", "y0", color=ACCENT)]
    return Panel(
        controls=[x0, y0], frames=frames_over([x0, y0], frame), views=[contour_map(F, p.x_range, p.y_range, shapes)],
        formula=rf"f(x, y) = {F.latex}, \qquad \nabla f = (f_x, f_y)",
        readouts=[Readout("value", "f(x_0, y_0)"), Readout("fx", "f_x"), Readout("fy", "f_y"), Readout("size", r"\lVert\nabla f\rVert")],
        note=f"The gradient ({colour_name(SECANT)}) crosses the level curve through the point ({colour_name(TANGENT)}) at a right angle; minus the gradient "
             f"({colour_name(DERIVATIVE)}) heads downhill, and the dashed path follows it. Near the map's edge an arrow or the path can run "
             "past it; the readouts still give the gradient there.")


def multivariate_extrema(p) -> Panel:
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    critical = p.critical_points()
    x = Slider("x", "x", grid(x_lo, x_hi, 21, include=[c.point[0] for c in critical]), start=critical[0].point[0])
    y = Slider("y", "y", grid(y_lo, y_hi, 21, include=[c.point[1] for c in critical]), start=critical[0].point[1])
    slope_x, slope_y = F.partial("x"), F.partial("y")
    reach = _reach(p.x_range, p.y_range)
    X, Y, _ = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=41)
    steepest = float(np.nanmax(np.hypot(slope_x(X, Y), slope_y(X, Y))))

    def kind(at):
        found = [KIND_WORDS[c.kind] for c in critical if np.hypot(c.point[0] - at[0], c.point[1] - at[1]) < 1e-9]
        return found[0] if found else "not critical"

    def frame(a, b):
        hessian = F.hessian((a, b))
        fx, fy = float(slope_x(a, b)), float(slope_y(a, b))
        return {"x": a, "y": b, "value": F(a, b), "fx": fx, "fy": fy, "D": float(np.linalg.det(hessian)), "fxx": float(hessian[0, 0]),
                "kind": kind((a, b)), "tip_x": a + 2 * reach * fx / steepest, "tip_y": b + 2 * reach * fy / steepest}

    saddles = [c.value for c in critical if c.kind == "saddle"]
    marks = [Point(*c.point, color=KIND_COLORS[c.kind], label=KIND_WORDS[c.kind], size=5) for c in critical]
    # the gradient in the text colour here, not the course's secant colour: that one names "local maximum" on this map
    shapes = [*marks, Segment("x", "y", "tip_x", "tip_y", color=GRADIENT_ON_KINDS, width=3, dash=False, arrow=True), Point("x", "y", color=ACCENT)]
    return Panel(
        controls=[x, y], frames=frames_over([x, y], frame), views=[contour_map(F, p.x_range, p.y_range, shapes, extra_levels=saddles)],
        formula=rf"f(x, y) = {F.latex}, \qquad D = f_{{xx}} f_{{yy}} - f_{{xy}}^2",
        readouts=[Readout("value", "f(x, y)"), Readout("fx", "f_x"), Readout("fy", "f_y"), Readout("D", "D"),
                  Readout("fxx", "f_{xx}"), Readout("kind", r"\text{the point}")],
        note=f"The {colour_name(GRADIENT_ON_KINDS)} arrow is the gradient; it shrinks to nothing at the critical points. There D > 0 with f_xx > 0 is a "
             "local minimum, D > 0 with f_xx < 0 a local maximum, D < 0 a saddle. The test is local: it compares f "
             "with its values nearby only, not over the whole plane. Away from the critical points D says nothing "
             "about extrema. Where the gradient is steep the arrow can run past the map's edge.")


REGIMES = (("no overshoot, converges", DERIVATIVE), ("overshoots, converges", ACCENT), ("diverges", SECANT))  # the clip's bands


def _above_zero(loss: float):
    """A loss that descent brought within float noise of 0 is still above it: "0" would say the run hit the
    minimum exactly, which descent never does."""
    return "below 10⁻¹²" if 0 < loss < NOISE else loss  # NOISE = 1e-12


def _diverged_loss(run):
    """A diverging run's loss: what it reached when the steps ran out (169 after 25 steps is finite, not "→ ∞"), or
    "grows without bound" only where the run really blew up (calcviz stopped it past its overflow guard)."""
    return "grows without bound" if run.diverged or not np.isfinite(run.fun) else run.fun


def regime_of(rate: float, careful: float, limit: float) -> int:
    """Which band of the clip's rate line ``rate`` lies in: 0 up to 1/lambda_max, 1 up to 2/lambda_max, 2 beyond."""
    return 0 if rate <= careful else 1 if rate < limit else 2


def learning_rates(p) -> Panel:
    F, rates = p.function, p.learning_rates
    rate = Slider("rate", r"\eta", log_grid(rates[0], rates[-1], 25, include=rates), start=rates[1])
    bottom = p.minimum("function", F)
    careful, limit = p.thresholds()

    def frame(eta):
        run = optimize.gradient_descent(F, p.start, eta, p.steps)
        shown = run.points[: np.argmin(inside_map(run.points, p.x_range, p.y_range)) or len(run.points)]
        gaps = np.maximum(run.values - bottom.value, 1e-16)
        band = regime_of(eta, careful, limit)
        left = len(shown) < len(run.points)
        words = REGIMES[band][0] + (": leaves the map" if left else "")
        if band == 0 and not settled(run):  # the clip's too small rate: safe, but still crawling after every step
            words = "no overshoot, still crawling"
        return {"rate": eta, "regime": words, "steps": run.iterations,
                "loss": _diverged_loss(run) if band == 2 else _above_zero(run.fun), "careful": careful, "limit": limit,
                **{f"path{k}": [shown] if k == band else [] for k in range(3)},
                **{f"gaps{k}": [np.column_stack([np.arange(len(gaps)), np.log10(gaps)])] if k == band else [] for k in range(3)}}

    frames = frames_over([rate], frame)
    logs = np.concatenate([fr[f"gaps{k}"][0][:, 1] for fr in frames for k in range(3) if fr[f"gaps{k}"]])
    corners = [F(a, b) for a in p.x_range for b in p.y_range]
    levels = bottom.value + (max(corners) - bottom.value) * np.linspace(0, 1, CONTOURS + 2)[1:-1] ** 2
    shapes = [*(Curve(f"path{k}", color=color, width=2.5) for k, (_, color) in enumerate(REGIMES)),
              Point(*p.start, color=MUTED, label="start"), Point(*bottom.point, color=DERIVATIVE, size=3)]
    top = rate.values[-1] * 1.04
    bands = [(0.0, careful), (careful, limit), (limit, top)]
    rate_line = Board((0.0, top, -1.0, 1.0), [*(Rect(a, b, -0.35, 0.35, color=color, opacity=0.55) for (a, b), (_, color) in zip(bands, REGIMES)),
                                              Segment(careful, -0.6, careful, 0.6, color=FOREGROUND, dash=False),
                                              Segment(limit, -0.6, limit, 0.6, color=FOREGROUND, dash=False),
                                              Text(careful, 0.85, text="1/λmax", size=12), Text(limit, 0.85, text="2/λmax", size=12),
                                              Point("rate", 0.0, color=FOREGROUND, size=5, label="η")],
                      aspect=6.0, y_axis=False, names=("η", ""))
    return Panel(
        controls=[rate], frames=frames,
        formula=rf"f(x, y) = {F.latex}, \qquad (x, y) \leftarrow (x, y) - \eta\, \nabla f(x, y)",
        views=[contour_map(F, p.x_range, p.y_range, shapes, levels=levels), rate_line,
               Board((0, p.steps, max(float(logs.min()), -16.0) - 0.5, float(logs.max()) + 0.5),
                     [Curve(f"gaps{k}", color=color, width=2.5) for k, (_, color) in enumerate(REGIMES)], aspect=2.4,
                     names=("step", "log₁₀(f − f_min)"))],
        readouts=[Readout("regime", r"\text{the run}"), Readout("steps", r"\text{steps}", format="count"),
                  Readout("loss", r"f(x_\text{end}, y_\text{end})", format="error"),
                  Readout("careful", r"1/\lambda_\text{max}"), Readout("limit", r"2/\lambda_\text{max}")],
        note=f"The rate line is coloured as in the clip: up to 1/λmax ({colour_name(REGIMES[0][1])}) no step overshoots: each coordinate "
             "shrinks toward the minimum without changing sign, each at its own rate, so the path may bend (with a very small η it is still "
             f"crawling when the steps run out); up to 2/λmax ({colour_name(REGIMES[1][1])}) y changes sign every step, overshooting the valley "
             f"floor, yet the run converges; beyond 2/λmax ({colour_name(REGIMES[2][1])}) y's swing grows by the factor |1 − ηλmax| > 1 every "
             "step, so the loss, after the first steps, grows: the run diverges and its path leaves the map. Bottom: log₁₀ of the loss above the minimum, step by step.")


def linear_regression_by_descent(p) -> Panel:
    xs, ys = p.data()
    fit, best, loss = p.fit(), p.least_squares(), regression.mse_field(xs, ys)
    last = len(fit.path) - 1
    step = Slider("step", "k", list(range(p.steps + 1)), start=0)

    def frame(k):
        at = min(int(k), last)  # a run that converged early stays put
        w, b = fit.path[at]
        return {"step": int(k), "w": w, "b": b, "loss": fit.mse[at], "best_w": best.w, "best_b": best.b, "best_loss": best.mse,
                "trail": [fit.path[: at + 1]], "log_gap": float(np.log10(max(fit.mse[at] - best.mse, 1e-16)))}

    pad_x, pad_y = 0.1 * np.ptp(xs), 0.15 * np.ptp(ys)
    data_box = (float(min(xs.min() - pad_x, 0.0)), float(xs.max() + pad_x), float(min(ys.min() - pad_y, 0.0)), float(ys.max() + pad_y))
    spread = np.sqrt(2 * CLOSED_LEVEL * np.diag(np.linalg.inv(loss.hessian((best.w, best.b)))))  # half-widths of {L <= L* + d}
    corners = np.vstack([fit.path, np.array([best.w, best.b]) - spread, np.array([best.w, best.b]) + spread])
    lo, hi = corners.min(axis=0), corners.max(axis=0)
    pad = 0.08 * (hi - lo)
    w_range, b_range = (float(lo[0] - pad[0]), float(hi[0] + pad[0])), (float(lo[1] - pad[1]), float(hi[1] + pad[1]))
    levels = best.mse + np.geomspace(0.02 * CLOSED_LEVEL, fit.mse[0] - best.mse, CONTOURS)
    w_range, b_range = _equal_scale(w_range, b_range)
    loss_map = contour_map(loss, w_range, b_range, [Curve("trail", color=TANGENT, width=2.5),
                                                    Point(best.w, best.b, color=DERIVATIVE, label="least squares"),
                                                    Point("w", "b", color=ACCENT)], levels=levels, resolution=121)
    loss_map = Board(loss_map.box, loss_map.shapes, aspect=loss_map.aspect, names=("w", "b"))
    gaps = np.log10(np.maximum(fit.mse - best.mse, 1e-16))  # the loss above its least value, on a log scale as in the clip
    history = Board((0.0, float(p.steps), float(gaps.min()) - 0.3, float(gaps.max()) + 0.3),
                    [Curve([np.column_stack([np.arange(len(gaps)), gaps])], color=TANGENT, width=2), Point("step", "log_gap", color=ACCENT)],
                    aspect=2.6, names=("step k", "log₁₀(L − L*)"))
    agreed = regression.agreeing_decimals(fit.path[-1], (best.w, best.b))
    momentum = p.momentum > 0
    rises = bool(np.any(np.diff(fit.mse) > 0))
    rule = r"(w, b) \leftarrow (w, b) - \eta\,\nabla L" + (r" + \mu\,(\text{last step})" if momentum else "")
    settings = rf"\eta = {number_tex(p.learning_rate, 'step')}" + (rf",\ \mu = {number_tex(p.momentum, 'step')}" if momentum else "")
    how = (f"gradient descent with momentum μ = {number(p.momentum, 'step')}: each step keeps that share of the last one"
           if momentum else "plain gradient descent: each step goes downhill on the loss by η times its gradient")
    loss_words = ("The loss (bottom: how far above its least value, on a log scale) rises for a few steps, built-up speed "
                  "carrying (w, b) past the valley floor, then falls" if rises else
                  "The loss (bottom: how far above its least value, on a log scale) falls at every step")
    return Panel(
        controls=[step], frames=frames_over([step], frame),
        formula=rf"L(w, b) = \frac{{1}}{{{len(xs)}}} \sum_i (w x_i + b - y_i)^2, \qquad {rule}, \quad {settings}",
        views=[Board(data_box, [*(Point(float(x), float(y), color=FUNCTION, size=3) for x, y in zip(xs, ys)),
                                Line(0.0, best.b, best.w, color=DERIVATIVE, width=1.5, dash=True), Line(0.0, "b", "w")],
                     aspect=1.8, names=("x", "y")),
               loss_map, history],
        readouts=[Readout("w", "w"), Readout("b", "b"), Readout("loss", "L(w, b)"),
                  Readout("best_w", r"w^\ast"), Readout("best_b", r"b^\ast"), Readout("best_loss", r"L(w^\ast, b^\ast)")],
        note=f"Step through {how}, as in the clip. The line ({colour_name(TANGENT)}) swings toward the least-squares line ({colour_name(DERIVATIVE)}, "
             f"dashed) while (w, b) moves across the map of the loss, drawn at equal scales. {loss_words}; after "
             f"{p.steps} steps w and b agree with w* and b* to {agreed} decimal{'s' if agreed != 1 else ''}.")


def _equal_scale(x_range, y_range, lo: float = 0.8, hi: float = 1.6):
    """Ranges widened so one unit is as long on both axes, with a width-to-height ratio between lo and hi."""
    (x0, x1), (y0, y1) = x_range, y_range
    width, height = x1 - x0, y1 - y0
    aspect = min(max(width / height, lo), hi)
    if width < aspect * height:
        grow = (aspect * height - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (width / aspect - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    return (x0, x1), (y0, y1)


__all__ = ["contour_map", "directional_derivative", "gradient_and_level_sets", "gradient_descent_surface", "learning_rates",
           "linear_regression_by_descent", "multivariate_extrema"]
