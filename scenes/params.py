"""Typed parameters of every scene, and their validation.

Each scene's parameters are a frozen dataclass; :data:`SCENES` maps the scene's
class name to its module and parameter class.  Values from the course config
are coerced by annotation (a ``Function`` annotation parses an expression with
calcviz's allowlist parser) and then checked by the class's ``check`` method,
so a bad config stops before anything renders.  Never imports manim.
"""

from __future__ import annotations

import math
import re
import typing
from dataclasses import MISSING, dataclass, fields
from typing import Callable

import numpy as np

from calcviz import ExpressionError, Field, Function
from calcviz import derivatives
from calcviz import integrals, limits, multivariate
from calcviz.optimize import DescentResult, gradient_descent

Interval = typing.NewType("Interval", tuple)  # (lo, hi) with lo < hi
Floats = typing.NewType("Floats", tuple)  # non-empty tuple of floats
Color = typing.NewType("Color", str)  # "#rrggbb"
Integers = typing.NewType("Integers", tuple)  # non-empty tuple of integers
Point = typing.NewType("Point", tuple)  # (x, y)
Points = typing.NewType("Points", tuple)  # non-empty tuple of (x, y)
Names = typing.NewType("Names", tuple)  # non-empty tuple of strings

_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class ParamError(ValueError):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class SceneSpec:
    module: str
    params: type

    def keys(self) -> set[str]:
        return {f.name for f in fields(self.params)}


def build_params(spec: SceneSpec, values: dict) -> object:
    """Coerce raw config values into ``spec.params`` and run its checks."""
    known = spec.keys()
    for key in values:
        if key not in known:
            raise ParamError(key, f"unknown key (this scene takes: {', '.join(sorted(known))})")
    hints = typing.get_type_hints(spec.params)
    kwargs = {}
    for field in fields(spec.params):
        if field.name in values:
            kwargs[field.name] = _coerce(field.name, values[field.name], hints[field.name])
        elif field.default is MISSING:
            raise ParamError(field.name, "missing (required by this scene)")
    params = spec.params(**kwargs)
    params.check()
    return params


def _coerce(key: str, value: object, kind: object) -> object:
    coerce = _COERCERS.get(kind)
    if coerce is None:  # pragma: no cover - a programming error in this module
        raise TypeError(f"no coercion for {kind!r}")
    return coerce(key, value)


def _number(key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ParamError(key, f"expected a finite number, got {value!r}")
    return float(value)


def _integer(key: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParamError(key, f"expected an integer, got {value!r}")
    return value


def _text(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ParamError(key, f"expected a string, got {value!r}")
    return value


def _function(key: str, value: object) -> Function:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ParamError(key, f"expected an expression in x as a string, got {value!r}")
    try:
        return Function(str(value))
    except ExpressionError as error:
        raise ParamError(key, str(error)) from None


def _interval(key: str, value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ParamError(key, f"expected [lo, hi], got {value!r}")
    lo, hi = (_number(key, v) for v in value)
    if not lo < hi:
        raise ParamError(key, f"expected lo < hi, got [{lo:g}, {hi:g}]")
    return (lo, hi)


def _floats(key: str, value: object) -> tuple[float, ...]:
    if not isinstance(value, list) or not value:
        raise ParamError(key, f"expected a non-empty list of numbers, got {value!r}")
    return tuple(_number(key, v) for v in value)


def _color(key: str, value: object) -> str:
    if not isinstance(value, str) or not _HEX_COLOR.match(value):
        raise ParamError(key, f"expected a color like \"#58c4dd\", got {value!r}")
    return value.lower()


def _integers(key: str, value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not value:
        raise ParamError(key, f"expected a non-empty list of integers, got {value!r}")
    return tuple(_integer(key, v) for v in value)


def _names(key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ParamError(key, f"expected a non-empty list of names, got {value!r}")
    return tuple(_text(key, v) for v in value)


def _field(key: str, value: object) -> Field:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ParamError(key, f"expected an expression in x and y as a string, got {value!r}")
    try:
        return Field(str(value))
    except ExpressionError as error:
        raise ParamError(key, str(error)) from None


def _point(key: str, value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ParamError(key, f"expected a point [x, y], got {value!r}")
    return (_number(key, value[0]), _number(key, value[1]))


def _points(key: str, value: object) -> tuple[tuple[float, float], ...]:
    if not isinstance(value, list) or not value:
        raise ParamError(key, f"expected a non-empty list of points [[x, y], ...], got {value!r}")
    return tuple(_point(key, v) for v in value)


_COERCERS: dict[object, Callable[[str, object], object]] = {
    float: _number,
    int: _integer,
    str: _text,
    Function: _function,
    Interval: _interval,
    Floats: _floats,
    Color: _color,
    Field: _field,
    Point: _point,
    Points: _points,
    Integers: _integers,
    Names: _names,
}


# ---------------------------------------------------------------- shared checks

def require_in(key: str, x: float, interval: tuple[float, float], *, strict: bool = True) -> None:
    lo, hi = interval
    inside = lo < x < hi if strict else lo <= x <= hi
    if not inside:
        raise ParamError(key, f"{x:g} is outside the interval [{lo:g}, {hi:g}]")


def require_defined(f: Function, interval: tuple[float, float]) -> None:
    lo, hi = interval
    if not f.is_defined_on(lo, hi):
        bad = f.singularities(lo, hi)
        where = f" (undefined at x = {', '.join(f'{s:g}' for s in bad)})" if bad else ""
        raise ParamError("interval", f"the function {f.expr} is not defined on all of [{lo:g}, {hi:g}]{where}")


def require_differentiable(f: Function, a: float, key: str = "point") -> None:
    try:
        derivatives.tangent_line(f, a)
    except ValueError as error:
        raise ParamError(key, f"the function {f.expr} has no derivative at x = {a:g}: {error}") from None


def require_positive(key: str, values: tuple[float, ...] | float) -> None:
    for v in values if isinstance(values, tuple) else (values,):
        if not v > 0:
            raise ParamError(key, f"expected positive values, got {v:g}")


def require_shrinking(key: str, values: tuple[float, ...]) -> None:
    for earlier, later in zip(values, values[1:]):
        if not later < earlier:
            raise ParamError(key, f"expected shrinking values (each smaller than the last), got {later:g} after {earlier:g}")


def require_defined_except(key: str, f: Function, interval: tuple[float, float], point: float) -> None:
    """f is defined on both sides of ``point`` in ``interval``; at ``point`` itself it need not be."""
    lo, hi = interval
    others = [b for b in f.singularities(lo, hi) if not math.isclose(b, point, abs_tol=1e-9)]
    undefined_side = any(not f.is_defined_at(x) for x in ((lo + point) / 2, (point + hi) / 2))
    if others or undefined_side:
        where = f" (undefined at x = {', '.join(f'{b:g}' for b in others)})" if others else ""
        raise ParamError(key, f"the function {f.expr} must be defined on [{lo:g}, {hi:g}] except at x = {point:g}{where}")


# ---------------------------------------------------------------- base and scenes

@dataclass(frozen=True, kw_only=True)
class SceneParams:
    """Parameters every scene takes."""

    pace: float = 1.0  # multiplies every run time and pause; 1.2 = 20% slower
    function_color: Color = "#58c4dd"  # the curve of f and its formula

    def check(self) -> None:
        require_positive("pace", self.pace)
        if self.pace > 4:
            raise ParamError("pace", f"{self.pace:g} is more than 4x normal pacing")


@dataclass(frozen=True, kw_only=True)
class SecantToTangentParams(SceneParams):
    function: Function
    interval: Interval
    point: float
    h_values: Floats = (1.5, 1.0, 0.5, 0.2, 0.05, 0.01)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        require_in("point", self.point, self.interval)
        require_differentiable(self.function, self.point)
        lo, hi = self.interval
        for h in self.h_values:
            if h == 0:
                raise ParamError("h_values", "h must not be 0")
            for x in (self.point + h, self.point - h):
                if not lo <= x <= hi:
                    raise ParamError("h_values", f"a ± h = {x:g} leaves the interval [{lo:g}, {hi:g}] (h = {h:g})")


@dataclass(frozen=True, kw_only=True)
class DerivativeAsFunctionParams(SceneParams):
    function: Function
    interval: Interval

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        derivative = self.function.derivative()
        if not derivative.is_defined_on(*self.interval):
            raise ParamError("function", f"{self.function.expr} is not differentiable on all of the interval")


@dataclass(frozen=True, kw_only=True)
class LinearApproximationParams(SceneParams):
    function: Function
    interval: Interval
    point: float
    estimate_at: float
    zoom_widths: Floats = (2.0, 0.5, 0.1)  # type: ignore[assignment]
    h_values: Floats = (1.0, 0.5, 0.1, 0.01)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        require_in("point", self.point, self.interval)
        require_in("estimate_at", self.estimate_at, self.interval)
        require_differentiable(self.function, self.point)
        require_positive("zoom_widths", self.zoom_widths)
        require_positive("h_values", self.h_values)
        if list(self.zoom_widths) != sorted(self.zoom_widths, reverse=True):
            raise ParamError("zoom_widths", "expected shrinking widths (each zoom closer than the last)")


@dataclass(frozen=True, kw_only=True)
class ExtremaAndConvexityParams(SceneParams):
    function: Function
    interval: Interval

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        second = self.function.derivative(2)
        if not second.is_defined_on(*self.interval):
            raise ParamError("function", f"{self.function.expr} is not twice differentiable on all of the interval")
        if not derivatives.critical_points(self.function, *self.interval):
            raise ParamError("function", f"{self.function.expr} has no critical point in the interval: nothing to classify")


@dataclass(frozen=True, kw_only=True)
class EpsilonDeltaParams(SceneParams):
    function: Function  # has a finite limit at point (f itself may be undefined there)
    interval: Interval
    point: float
    epsilons: Floats = (0.3, 0.15, 0.08, 0.04, 0.02)  # type: ignore[assignment]
    jump_function: Function  # jumps at jump_point: no delta works
    jump_interval: Interval
    jump_point: float
    jump_epsilon: float = 0.5
    jump_deltas: Floats = (1.0, 0.4, 0.1)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        f, a = self.function, self.point
        require_in("point", a, self.interval)
        require_defined_except("interval", f, self.interval, a)
        require_positive("epsilons", self.epsilons)
        require_shrinking("epsilons", self.epsilons)
        limit = limits.limit(f, a)
        if not math.isfinite(limit):
            raise ParamError("function", f"{f.expr} has no finite limit at x = {a:g}: there is no L for the band")
        for epsilon in self.epsilons:
            self._check_window("epsilons", f"for epsilon = {epsilon:g}", limits.delta_for_epsilon(f, a, epsilon, limit=limit),
                               a, self.interval)
        self._check_jump()

    def _check_jump(self) -> None:
        f, a = self.jump_function, self.jump_point
        require_in("jump_point", a, self.jump_interval)
        require_defined_except("jump_interval", f, self.jump_interval, a)
        sides = limits.jump_at(f, a)
        if sides is None:
            raise ParamError("jump_function", f"{f.expr} does not jump at x = {a:g} (no two different finite one-sided limits)")
        require_positive("jump_epsilon", self.jump_epsilon)
        half_jump = abs(sides[1] - sides[0]) / 2
        if not self.jump_epsilon < half_jump:
            raise ParamError("jump_epsilon", f"{self.jump_epsilon:g} is not smaller than half the jump ({half_jump:g}): "
                             "a band that wide holds both sides, so some L would work")
        require_positive("jump_deltas", self.jump_deltas)
        require_shrinking("jump_deltas", self.jump_deltas)
        self._check_window("jump_deltas", "the first delta", self.jump_deltas[0], a, self.jump_interval)

    @staticmethod
    def _check_window(key: str, which: str, delta: float, a: float, interval: tuple[float, float]) -> None:
        lo, hi = interval
        if not (lo <= a - delta and a + delta <= hi):
            raise ParamError(key, f"{which} the delta-window {a:g} ± {delta:.3g} does not fit in the interval [{lo:g}, {hi:g}]: "
                             "use smaller values or a wider interval")


RIEMANN_RULES = ("left", "right", "midpoint", "trapezoid", "simpson")
MAX_PIECES = 256  # more would be invisible and slow to draw


@dataclass(frozen=True, kw_only=True)
class RiemannSumsParams(SceneParams):
    function: Function
    interval: Interval
    rules: Names = ("left", "right", "midpoint")  # type: ignore[assignment]
    n_values: Integers = (2, 4, 8, 16, 32, 64)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        for rule in self.rules:
            if rule not in RIEMANN_RULES:
                raise ParamError("rules", f"unknown rule {rule!r} (allowed: {', '.join(RIEMANN_RULES)})")
        if len(set(self.rules)) != len(self.rules):
            raise ParamError("rules", "a rule is listed twice")
        for n in self.n_values:
            if not 1 <= n <= MAX_PIECES:
                raise ParamError("n_values", f"expected whole numbers of pieces from 1 to {MAX_PIECES}, got {n}")
        for earlier, later in zip(self.n_values, self.n_values[1:]):
            if not later > earlier:
                raise ParamError("n_values", f"expected growing n (each more pieces than the last), got {later} after {earlier}")
        odd = [n for n in self.n_values if n % 2]
        if "simpson" in self.rules and odd:
            raise ParamError("n_values", f"Simpson's rule needs an even number of pieces, got {odd[0]}")


@dataclass(frozen=True, kw_only=True)
class AreaAccumulationParams(SceneParams):
    function: Function
    interval: Interval  # A(x) accumulates from the interval's left end
    point: float  # where the strip of width dx is shown
    dx_values: Floats = (0.5, 0.2, 0.05)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        lo, hi = self.interval
        require_defined(self.function, self.interval)
        require_in("point", self.point, self.interval)
        require_positive("dx_values", self.dx_values)
        require_shrinking("dx_values", self.dx_values)
        if self.point + self.dx_values[0] > hi:
            raise ParamError("dx_values", f"the strip from {self.point:g} to {self.point + self.dx_values[0]:g} leaves the interval [{lo:g}, {hi:g}]")
        if integrals.accumulation(self.function, lo).expr.has(integrals.NumericIntegral):
            raise ParamError("function", f"sympy finds no antiderivative of {self.function.expr} in closed form, "
                             "and this scene shows one")


def require_field_defined(field: Field, x_range: tuple[float, float], y_range: tuple[float, float]) -> None:
    """The surface z = F(x, y) is finite everywhere it will be drawn (checked on a fine grid)."""
    xs, ys = np.meshgrid(np.linspace(*x_range, 81), np.linspace(*y_range, 81))
    with np.errstate(all="ignore"):
        z = np.broadcast_to(field(xs, ys), xs.shape)
    bad = ~np.isfinite(z)
    if bad.any():
        x, y = xs[bad][0], ys[bad][0]
        raise ParamError("function", f"{field.expr} is not defined at (x, y) = ({x:g}, {y:g}), inside the drawn ranges")


def require_inside(key: str, point: tuple[float, float], x_range, y_range) -> None:
    (x, y), (x0, x1), (y0, y1) = point, x_range, y_range
    if not (x0 < x < x1 and y0 < y < y1):
        raise ParamError(key, f"({x:g}, {y:g}) is outside x in [{x0:g}, {x1:g}], y in [{y0:g}, {y1:g}]")


@dataclass(frozen=True, kw_only=True)
class SurfaceParams(SceneParams):
    """A surface z = F(x, y) over a rectangle, and the camera that looks at it (angles in degrees)."""

    function: Field
    x_range: Interval
    y_range: Interval
    phi: float = 62.0  # the camera's angle from straight above
    theta: float = -125.0  # the camera's direction around the z axis
    orbit: float = 60.0  # degrees the camera turns around the surface over the scene
    surface_resolution: int = 32  # patches per side

    def check(self) -> None:
        super().check()
        require_field_defined(self.function, self.x_range, self.y_range)
        if not 0 <= self.phi <= 89:
            raise ParamError("phi", f"{self.phi:g} degrees: expected 0 (from above) to 89 (from the side)")
        if abs(self.orbit) > 360:
            raise ParamError("orbit", f"{self.orbit:g} degrees: at most one turn (360)")
        if not 8 <= self.surface_resolution <= 96:
            raise ParamError("surface_resolution", f"{self.surface_resolution}: expected 8 to 96 patches per side")


@dataclass(frozen=True, kw_only=True)
class TangentPlaneParams(SurfaceParams):
    point: Point
    zoom_factors: Floats = (4.0, 16.0)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_inside("point", self.point, self.x_range, self.y_range)
        try:
            multivariate.tangent_plane(self.function, self.point)
        except ValueError as error:
            raise ParamError("point", str(error)) from None
        if any(z <= 1 for z in self.zoom_factors) or list(self.zoom_factors) != sorted(self.zoom_factors):
            raise ParamError("zoom_factors", "expected growing magnifications above 1, e.g. [4, 16]")


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


SCENES: dict[str, SceneSpec] = {
    "SecantToTangent": SceneSpec("scenes/week3/secant_to_tangent.py", SecantToTangentParams),
    "DerivativeAsFunction": SceneSpec("scenes/week3/derivative_as_function.py", DerivativeAsFunctionParams),
    "LinearApproximation": SceneSpec("scenes/week3/linear_approximation.py", LinearApproximationParams),
    "ExtremaAndConvexity": SceneSpec("scenes/week3/extrema_and_convexity.py", ExtremaAndConvexityParams),
    "EpsilonDelta": SceneSpec("scenes/week2/epsilon_delta.py", EpsilonDeltaParams),
    "RiemannSums": SceneSpec("scenes/week5/riemann_sums.py", RiemannSumsParams),
    "AreaAccumulation": SceneSpec("scenes/week5/area_accumulation.py", AreaAccumulationParams),
    "TangentPlane": SceneSpec("scenes/week4/tangent_plane.py", TangentPlaneParams),
    "GradientDescentSurface": SceneSpec("scenes/week6/gradient_descent_surface.py", GradientDescentSurfaceParams),
}
