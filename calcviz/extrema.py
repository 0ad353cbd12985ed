"""Extrema and convexity of a function of one variable: critical points and their kinds, the extremes of
an interval (endpoints included), inflection points, and where f is convex or concave.

Every function accepts a :class:`~calcviz.Function` or anything
``Function()`` accepts (text, sympy expression, number).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
import sympy

from ._numeric import merge_close
from ._roots import real_zeros
from ._symbolic import is_finite_real
from .functions import Function, as_function, exact_slope

__all__ = ["CriticalPoint", "critical_points", "IntervalExtreme", "interval_extremes", "inflection_points",
           "ConvexityInterval", "convexity"]

MAX_CLASSIFYING_ORDER = 8


@dataclass(frozen=True)
class CriticalPoint:
    """A stationary point ``f'(x) = 0``.

    ``kind`` is "minimum", "maximum" or "stationary inflection"; ``exact``
    is the exact sympy abscissa, or None when it was found numerically.
    """

    x: float
    y: float
    kind: str
    exact: Optional[sympy.Expr]


def critical_points(f, lo: float, hi: float) -> tuple[CriticalPoint, ...]:
    """Stationary points of f in ``[lo, hi]``, ascending.

    Zeros of f' are exact when sympy can find them cheaply, else found by
    dense sampling, bisection and minimisation of ``|f'|`` (double roots).
    The kind comes from the first non-vanishing higher derivative (even
    order: its sign decides minimum/maximum; odd: stationary inflection);
    numerically found points use the equivalent sign test on f'.

    Examples
    --------
    >>> [(p.exact, p.kind) for p in critical_points("x^3 - 3x", -2, 2)]
    [(-1, 'maximum'), (1, 'minimum')]
    >>> critical_points("x^3", -1, 1)[0].kind, critical_points("x^4", -1, 1)[0].kind
    ('stationary inflection', 'minimum')
    >>> critical_points("2x + 1", 0, 1), critical_points("5", 0, 1)
    ((), ())
    """
    f = as_function(f)
    lo, hi = _interval(lo, hi)
    first = f.derivative()
    if first.expr == 0:
        return ()
    zeros = real_zeros(first.real_form[0], f.real_form[1], lo, hi)
    found = [_critical_point(f, z.value, z.exact, _gap(zeros, lo, hi)) for z in zeros]
    return tuple(point for point in found if point is not None)


def _interval(lo, hi) -> tuple[float, float]:
    lo, hi = float(lo), float(hi)
    if not (np.isfinite(lo) and np.isfinite(hi)) or hi < lo:
        raise ValueError(f"invalid interval [{lo}, {hi}]")
    return lo, hi


def _gap(zeros, lo: float, hi: float) -> float:
    """Half the smallest distance between found zeros (a safe probe step)."""
    values = np.array([lo, hi] + [z.value for z in zeros])
    spacing = np.diff(np.unique(values))
    return 0.5 * float(spacing.min()) if spacing.size else 1.0


def _critical_point(f: Function, x: float, exact, gap: float):
    if exact is not None:
        return _exact_critical_point(f, exact, gap)
    y = f(x)
    if not (np.isfinite(y) and np.isfinite(f.derivative()(x))):
        return None
    return CriticalPoint(float(x), float(y), _kind_by_sign(f, x, gap), None)


def _exact_critical_point(f: Function, root, gap: float):
    try:
        y = f.exact(root)
        slope = exact_slope(f, root)
    except ValueError:
        return None
    if not _is_exact_zero(slope):
        return None
    kind = _kind_by_higher_derivatives(f, root)
    if kind is None:
        kind = _kind_by_sign(f, float(root), gap)
    return CriticalPoint(float(root), float(y), kind, root)


def _is_exact_zero(value: sympy.Expr) -> bool:
    """Zero test for constants such as polynomials evaluated at radicals."""
    return value == 0 or abs(complex(value.evalf(50))) < 1e-30


def _kind_by_higher_derivatives(f: Function, root) -> Optional[str]:
    for order in range(2, MAX_CLASSIFYING_ORDER + 1):
        value = f.derivative(order).real_form[0].xreplace({f.real_form[1]: root})
        if not is_finite_real(value):
            return None
        if not _is_exact_zero(value):
            return _kind_from_order(order, float(value.evalf(50)))
    return None


def _kind_from_order(order: int, value: float) -> str:
    if order % 2:
        return "stationary inflection"
    return "minimum" if value > 0 else "maximum"


def _kind_by_sign(f: Function, x: float, gap: float) -> str:
    step = min(gap, 1e-4 * max(1.0, abs(x)))
    left, right = np.sign(f.derivative()(np.array([x - step, x + step])))
    if left < 0 < right:
        return "minimum"
    if left > 0 > right:
        return "maximum"
    return "stationary inflection"


@dataclass(frozen=True)
class IntervalExtreme:
    """Where f is largest or smallest on a closed interval: ``at`` is "endpoint" or "critical"."""

    x: float
    y: float
    at: str


def interval_extremes(f, lo: float, hi: float) -> tuple[IntervalExtreme, IntervalExtreme]:
    """The global minimum and maximum of a continuous f on ``[lo, hi]``: (lowest, highest).

    The candidates are the two endpoints and the critical points inside (closed-interval
    method); a tie is won by the leftmost candidate.

    Examples
    --------
    >>> low, high = interval_extremes("x^3/3 - x", -2.5, 2.5)
    >>> (low.x, low.at), (high.x, high.at)
    ((-2.5, 'endpoint'), (2.5, 'endpoint'))
    >>> low, high = interval_extremes("x^3/3 - x", -1.5, 1.5)
    >>> (low.x, low.at), (high.x, high.at)
    ((1.0, 'critical'), (-1.0, 'critical'))
    """
    f = as_function(f)
    lo, hi = _interval(lo, hi)
    candidates = [IntervalExtreme(lo, float(f(lo)), "endpoint")]
    candidates += [IntervalExtreme(c.x, c.y, "critical") for c in critical_points(f, lo, hi) if lo < c.x < hi]
    candidates.append(IntervalExtreme(hi, float(f(hi)), "endpoint"))
    candidates = [c for c in candidates if np.isfinite(c.y)]
    if not candidates:
        raise ValueError(f"{f.text} has no finite value at the candidates on [{lo}, {hi}]")
    low = min(candidates, key=lambda c: c.y)
    high = max(candidates, key=lambda c: c.y)
    return low, high


def inflection_points(f, lo: float, hi: float) -> tuple[float, ...]:
    """Interior points of ``(lo, hi)`` where f'' changes sign and f is defined.

    Examples
    --------
    >>> inflection_points("x^3", -1, 1), inflection_points("x^4", -1, 1)
    ((0.0,), ())
    >>> inflection_points("sin(x)", 0, 6.283185307179586)
    (3.141592653589793,)
    """
    f = as_function(f)
    lo, hi = _interval(lo, hi)
    pieces = _curvature_pieces(f, lo, hi)
    points = []
    for left, right in zip(pieces, pieces[1:]):
        if left.ends_at_zero and left.sign * right.sign < 0 and np.isfinite(f(left.hi)):
            points.append(left.hi)
    return tuple(points)


@dataclass(frozen=True)
class ConvexityInterval:
    """A maximal piece ``[lo, hi]`` on which f is "convex" or "concave"."""

    lo: float
    hi: float
    kind: str


def convexity(f, lo: float, hi: float) -> tuple[ConvexityInterval, ...]:
    """Split ``[lo, hi]`` into consecutive convex/concave pieces.

    Pieces are split where f'' changes sign (inflection points, and also
    poles of f such as 0 for 1/x).  Linear pieces count as convex; pieces
    where f is undefined take the kind of their neighbour.

    Examples
    --------
    >>> convexity("x^3", -1, 1)
    (ConvexityInterval(lo=-1.0, hi=0.0, kind='concave'), ConvexityInterval(lo=0.0, hi=1.0, kind='convex'))
    >>> convexity("2x + 1", 0, 1)
    (ConvexityInterval(lo=0.0, hi=1.0, kind='convex'),)
    """
    f = as_function(f)
    lo, hi = _interval(lo, hi)
    pieces = _merge_pieces(_curvature_pieces(f, lo, hi))
    return tuple(ConvexityInterval(a, b, "concave" if s < 0 else "convex") for a, b, s in pieces)


@dataclass(frozen=True)
class _CurvaturePiece:
    """A piece between cuts, the sign of f'' on it, and how its right end arose."""

    lo: float
    hi: float
    sign: int
    ends_at_zero: bool  # right end is a zero of f'' (not a pole/domain edge)


def _curvature_pieces(f: Function, lo: float, hi: float) -> list[_CurvaturePiece]:
    """Pieces of ``[lo, hi]`` between zeros and singular points of f''."""
    second = f.derivative(2)
    if second.expr == 0 or hi == lo:
        return [_CurvaturePiece(lo, hi, 0, False)]
    tolerance = 1e-9 * (hi - lo)
    zeros = [z.value for z in real_zeros(second.real_form[0], f.real_form[1], lo, hi)]
    breaks = [*second.singularities(lo, hi), *f.singularities(lo, hi)]
    inner_breaks = [b for b in merge_close(np.array(breaks), tolerance) if lo < b < hi]
    cuts = merge_close(np.array(zeros + inner_breaks), tolerance)
    edges = [lo, *(c for c in cuts if lo < c < hi), hi]
    signs = _fill_unknown([_sign_on(second, a, b) for a, b in zip(edges, edges[1:])])
    return [
        _CurvaturePiece(a, b, sign, _is_zero_cut(b, inner_breaks, tolerance))
        for a, b, sign in zip(edges, edges[1:], signs)
    ]


def _is_zero_cut(point: float, breaks: list, tolerance: float) -> bool:
    return all(abs(point - b) > tolerance for b in breaks)


def _sign_on(second: Function, a: float, b: float) -> Optional[int]:
    """Majority sign of f'' inside ``(a, b)``; None if undefined throughout."""
    values = second(a + (b - a) * np.linspace(0.05, 0.95, 9))
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    total = int(np.sum(np.sign(values)))
    return int(np.sign(total))


def _fill_unknown(signs: list[Optional[int]]) -> list[int]:
    known = [s for s in signs if s is not None]
    previous = known[0] if known else 0
    filled = []
    for sign in signs:
        previous = previous if sign is None else sign
        filled.append(previous)
    return filled


def _merge_pieces(pieces: list[_CurvaturePiece]) -> list[tuple[float, float, int]]:
    merged: list[tuple[float, float, int]] = []
    for piece in pieces:
        a, b, kind = piece.lo, piece.hi, (-1 if piece.sign < 0 else 1)
        if merged and merged[-1][2] == kind:
            merged[-1] = (merged[-1][0], b, kind)
        else:
            merged.append((a, b, kind))
    return merged
