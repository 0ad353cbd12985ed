"""Asymptotic comparison: little-o, big-O and the ratio f/g near a point.

``f = o(g)`` as x -> a when ``|f/g| -> 0``; ``f = O(g)`` when ``|f/g|``
stays bounded near a (its limsup is finite), which a ratio may do without
having a limit at all (``x sin(x)`` against ``x`` at infinity).

Limits come from :func:`calcviz.limits.limit`; when the ratio has no limit,
sympy is asked for its bounds (under the CPU-time budget) and otherwise the
ratio is sampled decade by decade towards a to see whether it keeps growing.
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from . import limits
from ._checks import exact_point
from .functions import Function, as_function

__all__ = ["ratio", "ratio_samples", "is_little_o", "is_big_o"]

_DECADES = 12  # the ratio is sampled over this many decades towards the point
_PER_DECADE = 200


def ratio(f, g) -> Function:
    """The Function f/g (both in the same variable).

    Examples
    --------
    >>> ratio("x^2", "x")
    Function('x', variable='x')
    """
    f, g = as_function(f), as_function(g)
    if f.variable != g.variable:
        raise ValueError(f"f and g must use the same variable, got {f.variable!r} and {g.variable!r}")
    return Function(sympy.simplify(f.expr / g.expr), variable=f.variable)


def ratio_samples(f, g, at, lo: float, hi: float, samples: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """x values in [lo, hi] and the ratio f(x)/g(x) there (nan where undefined), for plotting.

    Examples
    --------
    >>> xs, ys = ratio_samples("x^2", "x", 0, 0.5, 1, samples=3)
    >>> xs.tolist(), ys.tolist()
    ([0.5, 0.75, 1.0], [0.5, 0.75, 1.0])
    """
    if not lo < hi:
        raise ValueError(f"need lo < hi, got [{lo}, {hi}]")
    xs = np.linspace(float(lo), float(hi), int(samples))
    with np.errstate(all="ignore"):
        ys = np.asarray(as_function(f)(xs), dtype=float) / np.asarray(as_function(g)(xs), dtype=float)
    return xs, np.where(np.isfinite(ys), ys, np.nan)


def is_little_o(f, g, at) -> bool:
    """True when ``|f/g| -> 0`` as x -> at (a number, or ``math.inf`` / ``-math.inf``).

    Examples
    --------
    >>> is_little_o("x^2", "x", 0), is_little_o("x", "x^2", 0)
    (True, False)
    >>> is_little_o("log(x)", "sqrt(x)", math.inf)
    True
    >>> is_little_o("x*sin(x)", "x", math.inf)  # bounded, but does not shrink
    False
    """
    try:
        return limits.limit(_abs_ratio(f, g), at) == 0.0
    except limits.NoLimitError:
        return False


def is_big_o(f, g, at) -> bool:
    """True when ``|f/g|`` stays bounded as x -> at (limsup finite).

    A ratio need not converge to be bounded: ``x sin(x)`` is O(x) at infinity.

    Examples
    --------
    >>> is_big_o("x*sin(x)", "x", math.inf)
    True
    >>> is_big_o("3x^2 + x", "x^2", math.inf), is_big_o("x^2", "x", math.inf)
    (True, False)
    >>> is_big_o("x", "x^2", 0)  # x/x^2 = 1/x blows up at 0
    False
    """
    size = _abs_ratio(f, g)
    try:
        return math.isfinite(limits.limit(size, at))
    except limits.NoLimitError:
        pass  # x sin x against x: the ratio has no limit, yet may stay bounded
    bounds = _symbolic_bounds(size, at)
    if bounds is not None:
        return bounds
    return _looks_bounded(size, at)


def _abs_ratio(f, g) -> Function:
    quotient = ratio(f, g)
    return Function(sympy.Abs(quotient.expr), variable=quotient.variable)


def _symbolic_bounds(size: Function, at) -> bool | None:
    """Whether sympy's limit of |f/g| is finite (bounds count), or None if sympy cannot tell."""
    point = exact_point(at, "the point", infinite=True)
    expr, symbol = size.real_form
    sides = ("-",) if point == sympy.oo else ("+",) if point == -sympy.oo else ("+", "-")
    answers = []
    for side in sides:
        result = limits.sympy_within_budget(lambda side=side: sympy.limit(expr, symbol, point, side))
        if result is None:
            return None
        if isinstance(result, sympy.AccumBounds):
            answers.append(bool(result.max.is_finite))
        elif result.is_real and result.is_finite is not None:
            answers.append(bool(result.is_finite))
        else:
            return None
    return all(answers)


def _looks_bounded(size: Function, at) -> bool:
    """Sampled towards at, decade by decade: bounded when the per-decade maxima stop growing."""
    steps = np.logspace(0, _DECADES, _DECADES * _PER_DECADE + 1)
    if at in (math.inf, -math.inf):
        xs = math.copysign(1.0, at) * steps
    else:
        xs = np.concatenate([float(at) + 1 / steps, float(at) - 1 / steps])
    with np.errstate(all="ignore"):
        values = np.asarray(size(xs), dtype=float) * np.ones_like(xs)
    values = np.where(np.isfinite(values), values, np.nan)
    if np.all(np.isnan(values)):
        raise ValueError("f/g is not defined near the point")
    if at in (math.inf, -math.inf):
        decades = values[1:].reshape(_DECADES, _PER_DECADE)
    else:
        half = values.size // 2
        both = np.stack([values[1:half], values[half + 1:]])
        decades = both.reshape(2, _DECADES, _PER_DECADE).transpose(1, 0, 2).reshape(_DECADES, -1)
    peaks = np.nanmax(decades, axis=1)
    late, early = peaks[-_DECADES // 3:], peaks[: _DECADES // 3]
    return bool(np.all(np.isfinite(late)) and np.max(late) <= 2 * max(np.max(early), 1e-300))
