"""Improper integrals: infinite bounds and points where the integrand blows up."""

from __future__ import annotations

import math
from typing import Callable, Optional

import numpy as np
import sympy

from ._checks import exact_point
from ._roots import singular_candidates
from ._symbolic import to_exact
from .antiderivatives import as_primitive_function, candidate_antiderivatives
from .functions import Function, as_function
from .one_sided_limits import one_sided
from .quadrature import adaptive_gauss, agrees, quadrature

__all__ = ["improper_integral"]


def improper_integral(f, a, b=math.inf) -> float:
    """Integral over [a, b] with infinite bound(s) and/or points where f blows up.

    Points of [a, b] where f is undefined (poles; ``1/sqrt(x)`` at 0) split
    the interval; each piece is a limit.  Exact via a sympy antiderivative
    when possible (checked against quadrature inside the piece), else
    numerically: the piece is cut into dyadic slices towards each bad end
    (after ``x = m + (1 - u)/u`` for an infinite end) and the tail is
    extrapolated from the geometric decay of the slices.

    Returns
    -------
    float
        The value; ``math.inf`` / ``-math.inf`` when it diverges to infinity;
        ``math.nan`` when it diverges otherwise (oscillation as for ``sin(x)``
        on [0, inf), or an inf and a -inf piece as for ``1/x`` on [-1, 1]),
        or when the numeric tail cannot be resolved.

    Raises
    ------
    ValueError
        If a >= b, or f is undefined on a whole stretch of [a, b] (not only at points).

    Examples
    --------
    >>> improper_integral("1/x", 1), improper_integral("1/x^2", 1)
    (inf, 1.0)
    >>> improper_integral("1/sqrt(x)", 0, 1), improper_integral("1/x", -1, 1)
    (2.0, nan)
    >>> improper_integral("exp(-x^2)", -math.inf)  # sqrt(pi), correctly rounded
    1.772453850905516
    """
    f = as_function(f)
    lo, hi = _improper_bounds(a, b)
    pieces = _pieces(f, lo, hi)
    for left, right in pieces:
        _check_defined_inside(f, float(left), float(right))
    return float(sum(_piece_integral(f, left, right) for left, right in pieces))


def _improper_bounds(a, b) -> tuple[sympy.Expr, sympy.Expr]:
    lo, hi = (exact_point(value, name, infinite=True) for value, name in ((a, "a"), (b, "b")))
    if not lo < hi:
        raise ValueError(f"need a < b, got a = {a}, b = {b}")
    return lo, hi


_SEARCH_WIDTH = 1e3  # how far past the finite part poles are looked for on an infinite interval


def _pieces(f: Function, lo: sympy.Expr, hi: sympy.Expr) -> list[tuple[sympy.Expr, sympy.Expr]]:
    """[lo, hi] split at the interior points where f is undefined (exact where sympy knows them)."""
    finite = [float(v) for v in (lo, hi) if v.is_finite]
    window = (
        float(lo) if lo.is_finite else min(finite, default=0.0) - _SEARCH_WIDTH,
        float(hi) if hi.is_finite else max(finite, default=0.0) + _SEARCH_WIDTH,
    )
    cuts = [p.value for p in f.breakpoints(*window) if not p.defined and float(lo) < p.value < float(hi)]
    exact = [c.exact for c in singular_candidates(*f.real_form, *window) if c.exact is not None]
    edges = [lo, *(_exact_cut(cut, exact) for cut in cuts), hi]
    return list(zip(edges[:-1], edges[1:]))


def _exact_cut(cut: float, candidates: list) -> sympy.Expr:
    for candidate in candidates:
        if abs(float(candidate) - cut) <= 1e-9 * max(1.0, abs(cut)):
            return candidate
    return to_exact(cut)


def _check_defined_inside(f: Function, lo: float, hi: float) -> None:
    """ValueError if f is undefined somewhere strictly inside a piece (not just near its ends)."""
    middle = _middle(lo, hi)
    inner = []
    for end in (lo, hi):
        if math.isfinite(end):
            inner.append(end + (middle - end) * np.geomspace(1e-6, 1.0, 200))
        else:
            inner.append(middle + math.copysign(1.0, end) * np.geomspace(1e-3, 1e12, 400))
    xs = np.concatenate(inner)
    with np.errstate(all="ignore"):
        missing = xs[~np.isfinite(np.asarray(f(xs), dtype=float) * np.ones_like(xs))]
    if missing.size:
        raise ValueError(
            f"f = {f.text} is not defined on all of ({lo:g}, {hi:g}) (e.g. at x = {missing[0]:.6g})"
        )


def _piece_integral(f: Function, lo: sympy.Expr, hi: sympy.Expr) -> float:
    """Integral over one piece whose only bad points are its ends."""
    symbolic = _symbolic_piece(f, lo, hi)
    if symbolic is not None and not math.isnan(symbolic):
        return symbolic
    left, right = float(lo), float(hi)
    middle = _middle(left, right)
    numeric = _bad_end_integral(f, right, middle) - _bad_end_integral(f, left, middle)
    return symbolic if symbolic is not None and math.isnan(numeric) else numeric


def _middle(lo: float, hi: float) -> float:
    if math.isfinite(lo) and math.isfinite(hi):
        return 0.5 * (lo + hi)
    if math.isfinite(lo):
        return lo + 1.0
    if math.isfinite(hi):
        return hi - 1.0
    return 0.0


def _symbolic_piece(f: Function, lo: sympy.Expr, hi: sympy.Expr) -> Optional[float]:
    """lim F at hi minus lim F at lo for a checked sympy antiderivative F (None if unknown).

    nan when a limit of F does not exist (``-cos(x)`` at infinity).
    """
    for primitive in candidate_antiderivatives(f):
        F = as_primitive_function(primitive, f)
        upper, lower = one_sided(F, hi, "-"), one_sided(F, lo, "+")
        if not (upper.defined and lower.defined and _checks_inside(F, f, float(lo), float(hi))):
            continue
        if upper.exact is not None and lower.exact is not None:
            return float(upper.exact - lower.exact)
        return upper.value - lower.value
    return None


def _checks_inside(F: Function, f: Function, lo: float, hi: float) -> bool:
    """F(q) - F(p) matches quadrature on a proper part [p, q] of the piece."""
    middle = _middle(lo, hi)
    p = lo + 0.75 * (middle - lo) if math.isfinite(lo) else middle - 4.0
    q = hi - 0.75 * (hi - middle) if math.isfinite(hi) else middle + 4.0
    return agrees(F(q) - F(p), quadrature(f, p, q))


_SLICES = 60
_TAIL_RATIOS = 6
_DIVERGENT_RATIO = 0.99  # slices that stop shrinking (1/x: every slice is log 2)
_CONVERGENT_RATIO = 0.9  # slices shrinking at least this fast have a summable tail
_SLICE_PENDING = 256  # per slice: an oscillating tail stops the slicing instead of taking ages


def _bad_end_integral(f: Function, end: float, good: float) -> float:
    """Integral of f from ``good`` to the bad end ``end`` (finite singular point or +-inf)."""
    direction = 1.0 if end > good else -1.0
    if math.isfinite(end):
        span, resolution = abs(end - good), 1e-15 * max(1.0, abs(end))

        def integrand(u):
            return f(end - direction * u)

    else:
        span, resolution = 1.0, 1e-300

        def integrand(u):
            return f(good + direction * (1.0 - u) / u) / (u * u)

    return direction * _sum_with_tail(_dyadic_slices(integrand, span, resolution))


def _dyadic_slices(integrand: Callable, span: float, resolution: float) -> np.ndarray:
    """Integrals of integrand over [span/2^(k+1), span/2^k], k = 0, 1, ... (towards u = 0).

    Stops at the first slice the quadrature cannot resolve (or where the
    integrand is not finite).
    """
    values = []
    upper = span
    for _ in range(_SLICES):
        lower = upper / 2
        if lower < resolution:
            break
        try:
            value, converged = adaptive_gauss(integrand, lower, upper, _SLICE_PENDING)
        except ValueError:
            break
        if not converged:
            break
        values.append(value)
        upper = lower
    return np.array(values)


def _sum_with_tail(slices: np.ndarray) -> float:
    """Sum of the slices plus the geometric tail they announce; +-inf or nan if they do not shrink."""
    if len(slices) <= _TAIL_RATIOS:
        return math.nan
    total = math.fsum(slices)
    last = slices[-_TAIL_RATIOS - 1 :]
    if np.all(np.abs(last) <= 1e-15 * max(1.0, abs(total))):
        return total
    with np.errstate(all="ignore"):
        ratios = last[1:] / last[:-1]
    if not (np.all(np.isfinite(ratios)) and np.all(ratios > 0)):
        return math.nan  # sign changes: oscillation
    ratio = float(last[-1] / last[0]) ** (1 / _TAIL_RATIOS)  # geometric mean: robust to wobbles
    if ratio >= _DIVERGENT_RATIO:
        return math.copysign(math.inf, last[-1])
    if ratio <= _CONVERGENT_RATIO:
        return total + float(last[-1]) * ratio / (1 - ratio)
    return math.nan  # too slow to tell
