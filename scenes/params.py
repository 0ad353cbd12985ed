"""Typed parameters of every scene, and their validation.

Each scene's parameters are a frozen dataclass that lives beside the scene, in
its week's ``params.py`` (``scenes/week3/params.py`` holds
``SecantToTangentParams`` for ``SecantToTangent`` in
``scenes/week3/secant_to_tangent.py``); :func:`scene_specs` finds them, so
adding a scene touches only its week's folder.  Values from the course config
are coerced by annotation (a ``Function`` annotation parses an expression with
calcviz's allowlist parser) and then checked by the class's ``check`` method,
so a bad config stops before anything renders.  Never imports manim.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import os
import re
import typing
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from calcviz import ExpressionError, Field, Function
from calcviz import derivatives
from scenes.kit import palette

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
    module: str  # the scene's file, relative to the project root
    params: type

    def keys(self) -> set[str]:
        return {f.name for f in fields(self.params)}


SCENES_DIR = Path(__file__).resolve().parent
PARAMS_SUFFIX = "Params"


def snake_case(name: str) -> str:
    """``SecantToTangent`` -> ``secant_to_tangent`` (the scene's module name)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@lru_cache(maxsize=None)
def scene_specs() -> dict[str, SceneSpec]:
    """Every scene the project has: each ``<Scene>Params`` in a ``scenes/week*/params.py``, with its module.

    A params class whose scene module is missing is a programming error, reported here.
    """
    specs: dict[str, SceneSpec] = {}
    for params_file in sorted(SCENES_DIR.glob("week*/params.py")):
        package = params_file.parent.name
        module = importlib.import_module(f"scenes.{package}.params")
        for name, value in vars(module).items():
            if not (isinstance(value, type) and issubclass(value, SceneParams) and value.__module__ == module.__name__
                    and name.endswith(PARAMS_SUFFIX) and name != PARAMS_SUFFIX):
                continue
            scene = name[: -len(PARAMS_SUFFIX)]
            scene_file = params_file.parent / f"{snake_case(scene)}.py"
            if not scene_file.exists():
                raise RuntimeError(f"{params_file.relative_to(SCENES_DIR.parent)}: {name} has no scene module {scene_file.name}")
            if scene in specs:
                raise RuntimeError(f"scene {scene} is defined twice: {specs[scene].module} and {scene_file.relative_to(SCENES_DIR.parent)}")
            specs[scene] = SceneSpec(str(scene_file.relative_to(SCENES_DIR.parent)), value)
    return specs


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
    passed = _passed_marker(spec, values)
    if passed is None or not passed.exists():
        params.check()
        _remember(passed)
    return params


# A scene's checks (sympy limits, descent runs: most of a config load) are skipped for values that
# passed them before under the same code, as make skips a clip that is up to date.
CHECKED_DIR = SCENES_DIR.parent / "renders" / ".make" / "checked"
_CHECKING_CODE = ("calcviz/*.py", "scenes/params.py", "scenes/week*/params.py")


@lru_cache(maxsize=None)
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for pattern in _CHECKING_CODE:
        for path in sorted(SCENES_DIR.parent.glob(pattern)):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _passed_marker(spec: SceneSpec, values: dict) -> Path | None:
    if os.environ.get("CALCVIZ_CHECK_CACHE", "1") == "0":
        return None
    try:
        text = json.dumps([spec.params.__qualname__, values, _code_fingerprint()], sort_keys=True, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        return None
    return CHECKED_DIR / hashlib.sha256(text.encode()).hexdigest()


def _remember(marker: Path | None) -> None:
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # a read-only checkout just checks every time


def _coerce(key: str, value: object, kind: object) -> object:
    coerce = _COERCERS.get(kind)
    if coerce is None:  # pragma: no cover - a programming error in this module
        raise TypeError(f"no coercion for {kind!r}")
    return coerce(key, value)


# What a lecture can show: numbers beyond these sizes are typos (or attacks), not parameters.
MAX_MAGNITUDE = 1e6
MIN_MAGNITUDE = 1e-9
MAX_TEXT = 1000


def _shown(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _number(key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ParamError(key, f"expected a finite number, got {_shown(value)}")
    if abs(value) > MAX_MAGNITUDE or 0 < abs(value) < MIN_MAGNITUDE:
        raise ParamError(key, f"{value:g} is out of range: numbers here are 0 or between {MIN_MAGNITUDE:g} and {MAX_MAGNITUDE:g} in size")
    return float(value)


def _integer(key: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParamError(key, f"expected an integer, got {_shown(value)}")
    if abs(value) > MAX_MAGNITUDE:
        raise ParamError(key, f"{value} is out of range: integers here are at most {MAX_MAGNITUDE:g} in size")
    return value


def _text(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ParamError(key, f"expected a string, got {_shown(value)}")
    if len(value) > MAX_TEXT:
        raise ParamError(key, f"a string of {len(value)} characters; at most {MAX_TEXT}")
    return value


def _function(key: str, value: object) -> Function:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ParamError(key, f"expected an expression in x as a string, got {_shown(value)}")
    try:
        return Function(str(value))
    except ExpressionError as error:
        raise ParamError(key, str(error)) from None


def _interval(key: str, value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ParamError(key, f"expected [lo, hi], got {_shown(value)}")
    lo, hi = (_number(key, v) for v in value)
    if not lo < hi:
        raise ParamError(key, f"expected lo < hi, got [{lo:g}, {hi:g}]")
    return (lo, hi)


def _floats(key: str, value: object) -> tuple[float, ...]:
    if not isinstance(value, list) or not value:
        raise ParamError(key, f"expected a non-empty list of numbers, got {_shown(value)}")
    return tuple(_number(key, v) for v in value)


def _color(key: str, value: object) -> str:
    if not isinstance(value, str) or not _HEX_COLOR.match(value):
        raise ParamError(key, f"expected a color like \"#58c4dd\", got {_shown(value)}")
    return value.lower()


def _integers(key: str, value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or not value:
        raise ParamError(key, f"expected a non-empty list of integers, got {_shown(value)}")
    return tuple(_integer(key, v) for v in value)


def _names(key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ParamError(key, f"expected a non-empty list of names, got {_shown(value)}")
    return tuple(_text(key, v) for v in value)


def _field(key: str, value: object) -> Field:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ParamError(key, f"expected an expression in x and y as a string, got {_shown(value)}")
    try:
        return Field(str(value))
    except ExpressionError as error:
        raise ParamError(key, str(error)) from None


def _point(key: str, value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ParamError(key, f"expected a point [x, y], got {_shown(value)}")
    return (_number(key, value[0]), _number(key, value[1]))


def _points(key: str, value: object) -> tuple[tuple[float, float], ...]:
    if not isinstance(value, list) or not value:
        raise ParamError(key, f"expected a non-empty list of points [[x, y], ...], got {_shown(value)}")
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
    function_color: Color = palette.FUNCTION  # the curve of f and its formula

    def check(self) -> None:
        require_positive("pace", self.pace)
        if self.pace > 4:
            raise ParamError("pace", f"{self.pace:g} is more than 4x normal pacing")


def require_field_defined(field: Field, x_range: tuple[float, float], y_range: tuple[float, float],
                          key: str = "function") -> None:
    """The surface z = F(x, y) is finite everywhere it will be drawn (checked on a fine grid)."""
    xs, ys = np.meshgrid(np.linspace(*x_range, 81), np.linspace(*y_range, 81))
    with np.errstate(all="ignore"):
        z = np.broadcast_to(field(xs, ys), xs.shape)
    bad = ~np.isfinite(z)
    if bad.any():
        x, y = xs[bad][0], ys[bad][0]
        raise ParamError(key, f"{field.expr} is not defined at (x, y) = ({x:g}, {y:g}), inside the drawn ranges")


def require_field_defined_except(key: str, field: Field, x_range, y_range, point: tuple[float, float]) -> None:
    """F is finite on a fine grid of the ranges except at ``point`` itself (a hole the scene approaches)."""
    require_inside("point", point, x_range, y_range)
    xs, ys = np.meshgrid(np.linspace(*x_range, 81), np.linspace(*y_range, 81))
    with np.errstate(all="ignore"):
        z = np.broadcast_to(field(xs, ys), xs.shape)
    hole = np.isclose(xs, point[0], rtol=0, atol=1e-9) & np.isclose(ys, point[1], rtol=0, atol=1e-9)
    bad = ~np.isfinite(z) & ~hole
    if bad.any():
        x, y = xs[bad][0], ys[bad][0]
        raise ParamError(key, f"{field.expr} is not defined at (x, y) = ({x:g}, {y:g}): it may be undefined only at "
                              f"the point ({point[0]:g}, {point[1]:g}) inside the drawn ranges")


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
        self.check_defined()
        if not 0 <= self.phi <= 89:
            raise ParamError("phi", f"{self.phi:g} degrees: expected 0 (from above) to 89 (from the side)")
        if abs(self.orbit) > 360:
            raise ParamError("orbit", f"{self.orbit:g} degrees: at most one turn (360)")
        if not 8 <= self.surface_resolution <= 96:
            raise ParamError("surface_resolution", f"{self.surface_resolution}: expected 8 to 96 patches per side")

    def check_defined(self) -> None:
        """Where the surface must be defined: everywhere it is drawn (a scene about a hole overrides this)."""
        require_field_defined(self.function, self.x_range, self.y_range)
