"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calcviz import regression
from calcviz import multivariate
from calcviz.optimize import DescentResult, RateRegime, gradient_descent, learning_rate_regimes, stability_thresholds
from scenes.params import (Field, Floats, Interval, ParamError, Point, Points, SceneParams, SurfaceParams, require_field_defined,
                           require_inside, require_positive)


@dataclass(frozen=True, kw_only=True)
class GradientDescentSurfaceParams(SurfaceParams):
    start: Point
    learning_rates: Floats  # three: too small, good, too large
    steps: int = 30
    momentum: float = 0.0

    def check(self) -> None:
        super().check()
        require_inside("start", self.start, self.x_range, self.y_range)
        require_positive("learning_rates", self.learning_rates)
        if len(self.learning_rates) != 3 or list(self.learning_rates) != sorted(set(self.learning_rates)):
            raise ParamError("learning_rates", "expected three growing rates: too small, good, too large")
        if not 2 <= self.steps <= 200:
            raise ParamError("steps", f"{self.steps}: expected 2 to 200 steps")
        if not 0 <= self.momentum < 1:
            raise ParamError("momentum", f"{self.momentum:g}: expected 0 <= momentum < 1")
        self._check_story(self.runs())

    def runs(self) -> list[DescentResult]:
        """calcviz's descent from ``start`` at each learning rate (the scene draws exactly these)."""
        try:
            return [gradient_descent(self.function, self.start, rate, self.steps, self.momentum) for rate in self.learning_rates]
        except ValueError as error:
            raise ParamError("start", str(error)) from None

    def _check_story(self, runs: list[DescentResult]) -> None:
        """Too small crawls, good settles in a minimum, too large oscillates or diverges."""
        small, good, large = runs
        (slow, fine, fast), steps = self.learning_rates, self.steps
        if good.iterations == 0 or not np.linalg.norm(good.x - good.points[0]) > 0:
            raise ParamError("start", f"the gradient vanishes at ({self.start[0]:g}, {self.start[1]:g}): descent never moves from there")
        for rate, run in ((slow, small), (fine, good)):
            if run.diverged or not inside_map(run.points, self.x_range, self.y_range).all():
                raise ParamError("learning_rates", f"the run at rate {rate:g} leaves the map: only the largest rate may")
        if not settled(good):
            raise ParamError("learning_rates", f"the middle rate {fine:g} does not settle in a minimum within {steps} steps "
                             f"(gradient norm {np.hypot(*good.gradients[-1]):.3g} at the end): try a larger one or more steps")
        start = np.asarray(self.start, float)
        left = np.linalg.norm(small.x - good.x) / np.linalg.norm(start - good.x)
        if left < CRAWL_FRACTION:
            raise ParamError("learning_rates", f"the smallest rate {slow:g} is not slow: after {steps} steps it has "
                             f"{left:.0%} of the way to the minimum left (needs {CRAWL_FRACTION:.0%}): try a smaller one")
        if not (large.diverged or (zigzags(large.points) and not settled(large))):
            raise ParamError("learning_rates", f"the largest rate {fast:g} neither diverges nor keeps oscillating "
                             f"within {steps} steps: try a larger one")


SETTLED_FRACTION = 0.01  # a run has settled once its gradient is this small a part of the one at the start
CRAWL_FRACTION = 0.2  # the slow run still has at least this part of the distance to the minimum left


def inside_map(points: np.ndarray, x_range: tuple[float, float], y_range: tuple[float, float]) -> np.ndarray:
    """Which points (n, 2) lie in the rectangle x_range x y_range (edges included)."""
    (x0, x1), (y0, y1) = x_range, y_range
    x, y = points[:, 0], points[:, 1]
    return (x0 <= x) & (x <= x1) & (y0 <= y) & (y <= y1)


def settled(run: DescentResult) -> bool:
    """Converged, or its gradient fell to a small part of the one at the start."""
    norms = np.hypot(run.gradients[:, 0], run.gradients[:, 1])
    return run.converged or (not run.diverged and norms[-1] <= SETTLED_FRACTION * norms[0])


def zigzags(points: np.ndarray) -> bool:
    """Most steps turn back against the one before (an oscillation)."""
    steps = np.diff(points, axis=0)
    turns = np.sum(steps[1:] * steps[:-1], axis=1) < 0
    return len(turns) > 0 and turns.mean() >= 0.5


@dataclass(frozen=True, kw_only=True)
class LinearRegressionByDescentParams(SceneParams):
    """The final project: fit y = w x + b by gradient descent on the mean squared error.

    The data are ``points``, or drawn by calcviz's seeded generator from
    ``slope``, ``intercept``, ``noise``, ``n``, ``seed`` over ``data_range``.
    """

    points: Points = ()  # type: ignore[assignment]
    slope: float = None  # type: ignore[assignment]
    intercept: float = 0.0
    noise: float = 0.3
    n: int = 12
    seed: int = 0
    data_range: Interval = (0.0, 4.0)  # type: ignore[assignment]
    start: Point = (0.0, 0.0)  # type: ignore[assignment]  # (w, b) before training
    learning_rate: float = 0.08
    momentum: float = 0.5
    steps: int = 60

    def check(self) -> None:
        super().check()
        if self.points and self.slope is not None:
            raise ParamError("points", "give either points or a generator (slope, intercept, noise, n, seed), not both")
        if not self.points and self.slope is None:
            raise ParamError("points", "missing: give the data as points = [[x, y], ...] or a generator with slope = ...")
        if self.points and len(self.points) < 3:
            raise ParamError("points", f"{len(self.points)} points: expected at least 3")
        if not self.points and not 3 <= self.n <= 200:
            raise ParamError("n", f"{self.n}: expected 3 to 200 points")
        if self.noise < 0:
            raise ParamError("noise", f"{self.noise:g}: expected a noise level >= 0")
        xs, ys = self.data()
        if np.ptp(xs) == 0:
            raise ParamError("points", f"every x is {xs[0]:g}: no single best line")
        require_positive("learning_rate", self.learning_rate)
        if not 0 <= self.momentum < 1:
            raise ParamError("momentum", f"{self.momentum:g}: expected 0 <= momentum < 1")
        if not 5 <= self.steps <= 300:
            raise ParamError("steps", f"{self.steps}: expected 5 to 300 steps")
        _, limit = stability_thresholds(regression.mse_field(xs, ys), self.start)
        limit *= 1 + self.momentum  # heavy ball is stable up to 2 (1 + mu) / lambda_max
        if self.learning_rate >= limit:
            raise ParamError("learning_rate", f"{self.learning_rate:g} diverges on this data: keep it below {limit:.3g}")
        fit, best = self.fit(), self.least_squares()
        left = np.hypot(*(fit.path[-1] - (best.w, best.b))) / max(np.hypot(*(fit.path[0] - (best.w, best.b))), 1e-12)
        if left > 0.02:
            raise ParamError("steps", f"after {self.steps} steps descent is still {left:.0%} of the way from the "
                             "least-squares line: use more steps or a larger learning_rate")

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        if self.points:
            xy = np.array(self.points, dtype=float)
            return xy[:, 0], xy[:, 1]
        try:
            return regression.line_data(self.slope, self.intercept, self.noise, self.n, self.seed, self.data_range)
        except ValueError as error:
            raise ParamError("seed" if "seed" in str(error) else "n", str(error)) from None

    def fit(self) -> regression.LineFit:
        return regression.fit_line_by_descent(*self.data(), self.learning_rate, self.steps, self.momentum, self.start)

    def least_squares(self) -> regression.LeastSquaresLine:
        return regression.least_squares_line(*self.data())


LEARNING_RATE_STORY = ("monotone", "monotone", "oscillating", "divergent")  # too small, good, oscillating, divergent
SOLVED_FRACTION = 1e-3  # a run has solved the problem once its loss gap is this part of the one at the start


@dataclass(frozen=True, kw_only=True)
class LearningRatesParams(SceneParams):
    """One bowl, one start, four learning rates."""

    function: Field
    x_range: Interval
    y_range: Interval
    start: Point
    learning_rates: Floats  # four: too small, good, oscillating, divergent
    steps: int = 25

    def check(self) -> None:
        super().check()
        require_field_defined(self.function, self.x_range, self.y_range)
        require_inside("start", self.start, self.x_range, self.y_range)
        require_positive("learning_rates", self.learning_rates)
        if not 5 <= self.steps <= 150:
            raise ParamError("steps", f"{self.steps}: expected 5 to 150 steps")
        hessian = np.asarray(self.minimum("function", self.function).hessian, float)
        if abs(hessian[0, 1]) > 1e-9 or not hessian[0, 0] != hessian[1, 1]:
            raise ParamError("function", f"{self.function.expr}: the clip cuts the bowl along its most curved axis, so its "
                             "Hessian must be diagonal with two different curvatures (x and y are its axes)")
        if len(self.learning_rates) != 4 or list(self.learning_rates) != sorted(set(self.learning_rates)):
            raise ParamError("learning_rates", "expected four growing rates: too small, good, oscillating, divergent")
        found = [r.regime for r in self.regimes()]
        if found != list(LEARNING_RATE_STORY):
            shown = ", ".join(f"{rate:g} {regime}" for rate, regime in zip(self.learning_rates, found))
            raise ParamError("learning_rates", f"expected monotone, monotone, oscillating, divergent; calcviz finds {shown}")
        small, good = self.regimes()[:2]
        bottom = self.minimum("function", self.function).value
        if solved_at(good.run, bottom) is None:
            raise ParamError("learning_rates", f"the good rate {good.rate:g} does not reach the minimum within {self.steps} steps")
        if solved_at(small.run, bottom) is not None:
            raise ParamError("learning_rates", f"the smallest rate {small.rate:g} is not slow: it reaches the minimum within {self.steps} steps")

    def minimum(self, key: str, field):
        """The one minimum of ``field`` in the map (calcviz's critical points), where the thresholds are measured."""
        try:
            points = multivariate.critical_points(field, self.x_range, self.y_range)
        except ValueError as error:
            raise ParamError(key, str(error)) from None
        minima = [p for p in points if p.kind == "minimum"]
        if len(points) != 1 or not minima:
            raise ParamError(key, f"{field.expr} needs exactly one critical point in the map, a minimum "
                             f"(calcviz finds {', '.join(p.kind for p in points) or 'none'})")
        return minima[0]

    def regimes(self) -> tuple[RateRegime, ...]:
        return learning_rate_regimes(self.function, self.start, self.learning_rates, self.steps)

    def thresholds(self) -> tuple[float, float]:
        return stability_thresholds(self.function, self.minimum("function", self.function).point)


def solved_at(run: DescentResult, bottom: float):
    """The first step whose loss is within SOLVED_FRACTION of the start's gap above ``bottom``, or None."""
    gap = run.values - bottom
    if run.diverged or not gap[0] > 0:
        return None
    reached = np.flatnonzero(gap <= SOLVED_FRACTION * gap[0])
    return int(reached[0]) if len(reached) else None


@dataclass(frozen=True, kw_only=True)
class GradientAndLevelSetsParams(SceneParams):
    """Level curves of a field, the gradient at right angles to them, and -grad f everywhere on the map."""

    function: Field
    x_range: Interval
    y_range: Interval
    point: Point  # where the gradient is shown in detail, and where the downhill path starts
    arrows: int = 40  # about this many arrows of -grad f over the map
    flow_rate: float = 0.05  # the downhill path: descent in small steps, nearly the curve of steepest descent
    flow_steps: int = 150

    def check(self) -> None:
        super().check()
        require_field_defined(self.function, self.x_range, self.y_range)
        require_inside("point", self.point, self.x_range, self.y_range)
        if not 8 <= self.arrows <= 150:
            raise ParamError("arrows", f"{self.arrows}: expected 8 to 150 arrows")
        require_positive("flow_rate", self.flow_rate)
        if not 10 <= self.flow_steps <= 1000:
            raise ParamError("flow_steps", f"{self.flow_steps}: expected 10 to 1000 steps")
        try:
            gradient = multivariate.exact_gradient(self.function, self.point)
        except ValueError as error:
            raise ParamError("point", str(error)) from None
        if all(g == 0 for g in gradient):
            raise ParamError("point", f"the gradient vanishes at ({self.point[0]:g}, {self.point[1]:g}): no uphill direction to show")
        run = self.flow()
        if run.diverged or not inside_map(run.points, self.x_range, self.y_range).all():
            raise ParamError("flow_rate", f"the downhill path from the point at rate {self.flow_rate:g} leaves the map: "
                             "use a smaller rate or a larger map")

    def flow(self) -> DescentResult:
        return gradient_descent(self.function, self.point, self.flow_rate, self.flow_steps)


@dataclass(frozen=True, kw_only=True)
class DirectionalDerivativeParams(SurfaceParams):
    """A unit vector turning around ``point``: the slope of the surface in its direction, as a function of the angle."""

    point: Point

    def check(self) -> None:
        super().check()
        require_inside("point", self.point, self.x_range, self.y_range)
        try:
            gradient = multivariate.exact_gradient(self.function, self.point)
        except ValueError as error:
            raise ParamError("point", str(error)) from None
        if all(g == 0 for g in gradient):
            raise ParamError("point", f"the gradient vanishes at ({self.point[0]:g}, {self.point[1]:g}): "
                             "every direction is flat there, nothing to compare")


@dataclass(frozen=True, kw_only=True)
class MultivariateExtremaParams(SurfaceParams):
    """A surface with several critical points: grad f = 0 finds them, the Hessian test classifies them."""

    def check(self) -> None:
        super().check()
        points = self.critical_points()
        if not 2 <= len(points) <= 6:
            raise ParamError("function", f"{self.function.expr} has {len(points)} critical points in the ranges: "
                             "expected 2 to 6 to compare")
        kinds = {p.kind for p in points}
        if len(kinds) < 2:
            raise ParamError("function", f"every critical point of {self.function.expr} in the ranges is a {kinds.pop()}: "
                             "expected at least two kinds to tell apart")

    def critical_points(self):
        try:
            return multivariate.critical_points(self.function, self.x_range, self.y_range)
        except ValueError as error:
            raise ParamError("function", str(error)) from None
