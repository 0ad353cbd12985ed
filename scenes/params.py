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

from calcviz import ExpressionError, Function
from calcviz import derivatives

Interval = typing.NewType("Interval", tuple)  # (lo, hi) with lo < hi
Floats = typing.NewType("Floats", tuple)  # non-empty tuple of floats
Color = typing.NewType("Color", str)  # "#rrggbb"

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


_COERCERS: dict[object, Callable[[str, object], object]] = {
    float: _number,
    int: _integer,
    str: _text,
    Function: _function,
    Interval: _interval,
    Floats: _floats,
    Color: _color,
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


SCENES: dict[str, SceneSpec] = {
    "SecantToTangent": SceneSpec("scenes/week3/secant_to_tangent.py", SecantToTangentParams),
    "DerivativeAsFunction": SceneSpec("scenes/week3/derivative_as_function.py", DerivativeAsFunctionParams),
    "LinearApproximation": SceneSpec("scenes/week3/linear_approximation.py", LinearApproximationParams),
    "ExtremaAndConvexity": SceneSpec("scenes/week3/extrema_and_convexity.py", ExtremaAndConvexityParams),
}
