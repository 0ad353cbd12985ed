"""The epsilon-delta definition of a limit: the largest delta for an epsilon, and its picture.

Domain convention (as for :mod:`calcviz.one_sided_limits`): a delta only has to
work for x in the domain of f.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import mpmath
import numpy as np
import sympy

from ._checks import checked_epsilon, exact_point, number_text
from ._numeric import golden_minimize
from ._roots import exact_zeros
from ._symbolic import to_exact
from .functions import Function, as_function
from .one_sided_limits import PRECISION, OneSided, combine, mp_exact, one_sided, precise_evaluator

__all__ = ["NoDeltaError", "delta_for_epsilon", "EpsilonDelta", "epsilon_delta"]

class NoDeltaError(ValueError):
    """No delta (or N) makes f stay in the epsilon band; the message says why."""

def delta_for_epsilon(f, a, epsilon, limit=None) -> float:
    """The largest delta with ``|f(x) - L| < epsilon`` whenever ``0 < |x - a| < delta``.

    Only x in the domain of f count (so for ``sqrt(x)`` at 0 the left side
    imposes nothing).  delta is the distance from ``a`` to the nearest x where
    f reaches the edge of the band (``|f(x) - L| >= epsilon``), exact with
    sympy where the equation ``f(x) = L +- epsilon`` is cheap to solve,
    otherwise bracketed and bisected to full double precision; ``math.inf``
    when f never leaves the band (looked for up to ``SEARCH_HORIZON`` times
    ``max(1, |a|)`` from a).  The search samples f densely (relative steps of
    0.06% below the first exit found) and refines every sampled bump of
    ``|f - L|`` to its peak, so narrow excursions such as those of
    ``x sin(1/x)`` count; excursions narrower than the sampling can still
    be missed.

    Parameters
    ----------
    f : Function or str
    a : float
        A finite point; f need not be defined there.
    epsilon : float
        Half-height of the band, > 0.
    limit : float, optional
        L; defaults to the limit of f at ``a``.

    Raises
    ------
    ValueError
        If ``epsilon <= 0`` or ``a`` is not finite.
    NoDeltaError
        If no delta exists: f jumps at ``a``, has no limit there, the limit is
        infinite, or a one-sided limit is at least epsilon away from ``limit``.

    Examples
    --------
    >>> delta_for_epsilon("x^2", 1, 0.21)  # sqrt(1 + 0.21) - 1
    0.1
    >>> delta_for_epsilon("abs(x)", 0, 0.5)
    0.5
    >>> delta_for_epsilon("sqrt(x)", 0, 0.1)  # x < 0 is outside the domain
    0.01
    >>> delta_for_epsilon("abs(x)/x", 0, 0.5)
    Traceback (most recent call last):
    ...
    calcviz.epsilon_delta.NoDeltaError: f jumps at x = 0: the one-sided limits are -1 and 1
    """
    f = as_function(f)
    point = exact_point(a, "a")
    eps = checked_epsilon(epsilon)
    target = _target_limit(f, point, limit, eps)
    return _band_exit_distance(f, point, target, eps)


def _target_limit(f: Function, point: sympy.Expr, given, eps: float) -> _Target:
    """The L of the band, after checking that every defined side really approaches it."""
    left, right = one_sided(f, point, "-"), one_sided(f, point, "+")
    where = f"{f.variable} = {number_text(float(point))}"
    if not (left.defined or right.defined):
        raise NoDeltaError(f"f is not defined near {where}")
    if given is None:
        return _default_target(left, right, where)
    value = float(given)
    if not math.isfinite(value):
        raise ValueError(f"limit must be a finite number, got {given!r}")
    for name, one in (("left", left), ("right", right)):
        if one.defined and math.isnan(one.value):
            raise NoDeltaError(f"f has no {name}-hand limit at {where}")
        if one.defined and not abs(one.value - value) < eps:
            raise NoDeltaError(
                f"the {name}-hand limit at {where} is {number_text(one.value)}, not within "
                f"epsilon = {number_text(eps)} of L = {number_text(value)}"
            )
    return _Target.from_number(given)


def _default_target(left: OneSided, right: OneSided, where: str) -> _Target:
    """The limit as L, or NoDeltaError saying why there is none."""
    combined = combine(left, right)
    values = [side.value for side in (left, right) if side.defined]
    if math.isnan(combined) and len(values) == 2 and not any(math.isnan(v) for v in values):
        kind = "jumps at" if all(math.isfinite(v) for v in values) else "has no limit at"
        shown = " and ".join(number_text(v) for v in values)
        raise NoDeltaError(f"f {kind} {where}: the one-sided limits are {shown}")
    if math.isnan(combined):
        raise NoDeltaError(f"f has no limit at {where}: its values do not settle (oscillation)")
    if math.isinf(combined):
        raise NoDeltaError(f"the limit at {where} is infinite: no epsilon band around it")
    return _Target.from_side(left if left.defined else right)

@dataclass(frozen=True)
class EpsilonDelta:
    """The picture of the epsilon-delta definition at one point.

    ``x_band = (a - delta, a + delta)`` and ``y_band = (limit - epsilon,
    limit + epsilon)``; ``delta`` may be ``math.inf`` (f never leaves the band).
    """

    a: float
    limit: float
    epsilon: float
    delta: float
    x_band: tuple[float, float]
    y_band: tuple[float, float]


def epsilon_delta(f, a, epsilon, limit=None) -> EpsilonDelta:
    """Geometry of the epsilon-delta definition; delta from :func:`delta_for_epsilon`.

    Examples
    --------
    >>> picture = epsilon_delta("2x + 1", 1, 0.5)
    >>> picture.limit, picture.delta, picture.x_band, picture.y_band
    (3.0, 0.25, (0.75, 1.25), (2.5, 3.5))
    """
    f = as_function(f)
    point = exact_point(a, "a")
    eps = checked_epsilon(epsilon)
    target = _target_limit(f, point, limit, eps)
    delta = _band_exit_distance(f, point, target, eps)
    value, centre = target.value, float(point)
    return EpsilonDelta(
        a=centre,
        limit=value,
        epsilon=eps,
        delta=delta,
        x_band=(centre - delta, centre + delta),
        y_band=(value - eps, value + eps),
    )

@dataclass(frozen=True)
class _Target:
    """The L of an epsilon band: float value and, when known, its exact value."""

    value: float
    exact: Optional[sympy.Expr]

    @staticmethod
    def from_side(side: OneSided) -> "_Target":
        return _Target(side.value, side.exact)

    @staticmethod
    def from_number(number) -> "_Target":
        try:
            return _Target(float(number), to_exact(number))
        except (TypeError, ValueError):
            return _Target(float(number), None)


SEARCH_HORIZON = 1e15  # delta is looked for up to this far from a (relative to max(1, |a|))
_LOG_GRID = np.geomspace(1e-13, SEARCH_HORIZON, 3361)  # offsets from a, relative to max(1, |a|)
_LINEAR_GRID = np.linspace(0.0, 20.0, 4001)[1:]  # resolves oscillation near a
_DENSE_SPAN = 1e-3  # the dense second look covers [first exit / 1000, first exit]
_DENSE_SAMPLES = 12001
_BISECTIONS = 200


def _band_exit_distance(f: Function, point: sympy.Expr, target: _Target, eps: float) -> float:
    """min over both sides of the distance from point to the first x leaving the band."""
    return float(min(_side_exit(f, point, target, eps, sign) for sign in (1, -1)))


def _side_exit(f: Function, point: sympy.Expr, target: _Target, eps: float, sign: int) -> float:
    """Distance from point to the first x on one side where f leaves the band (inf if never)."""
    centre = float(point)
    leaves = _precise_leaves(f, point, target, eps, sign)

    def deviation(offsets: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.abs(f(centre + sign * offsets) - target.value)

    coarse = np.union1d(_LOG_GRID, _LINEAR_GRID) * max(1.0, abs(centre))
    first = _first_exit(deviation, leaves, coarse, eps)
    if first is None:
        return math.inf
    # a second, dense look below the first exit: narrow excursions (x sin(1/x)) hide between samples
    dense = np.union1d(coarse[coarse < first], np.geomspace(first * _DENSE_SPAN, first, _DENSE_SAMPLES))
    earlier = _first_exit(deviation, leaves, dense, eps)
    exit_offset = first if earlier is None else min(earlier, first)
    below = dense[dense < exit_offset]
    inside = float(below[-1]) if below.size else 0.0
    boundary = _bisect_exit(leaves, inside, exit_offset)
    return _exact_exit(f, point, target, eps, sign, boundary)


def _first_exit(deviation, leaves, offsets: np.ndarray, eps: float) -> Optional[float]:
    """Smallest offset found outside the band: a sample, or a sampled bump refined to its peak.

    Candidates come from double precision and are confirmed with high
    precision (double precision can lie near a, e.g. ``(1 - cos x)/x^2``).
    """
    values = deviation(offsets)
    candidates = list(offsets[np.isfinite(values) & (values >= eps)])
    candidates += list(_bump_peaks(deviation, offsets, values, eps))
    for offset in sorted(candidates):
        if leaves(float(offset)):
            return float(offset)
    return None


def _bump_peaks(deviation, offsets: np.ndarray, values: np.ndarray, eps: float) -> np.ndarray:
    """Peaks of |f - L| refined by golden-section search around sampled local maxima that stay inside."""
    finite = np.where(np.isfinite(values), values, -np.inf)
    middle = finite[1:-1]
    bump = (middle >= finite[:-2]) & (middle >= finite[2:]) & (middle < eps) & (middle > 0.5 * eps)
    index = np.flatnonzero(bump) + 1
    if index.size == 0:
        return np.empty(0)
    peaks = golden_minimize(lambda t: 1.0 / (deviation(t) + 1e-300), offsets[index - 1], offsets[index + 1])
    return peaks[deviation(peaks) >= eps]


def _precise_leaves(f: Function, point: sympy.Expr, target: _Target, eps: float, sign: int):
    """offset -> whether f(point + sign*offset) is defined and outside the band (high precision)."""
    evaluate = precise_evaluator(f)
    with mpmath.workdps(PRECISION):
        centre = mp_exact(point)

    def leaves(offset: float) -> bool:
        with mpmath.workdps(PRECISION):
            value = evaluate(centre + sign * mpmath.mpf(offset))
        return value is not None and not abs(value - target.value) < eps

    return leaves


def _bisect_exit(leaves, inside: float, outside: float) -> float:
    """Shrink [inside, outside] (offsets) around the first exit from the band."""
    for _ in range(_BISECTIONS):
        middle = 0.5 * (inside + outside)
        if middle in (inside, outside):
            break
        if leaves(middle):
            outside = middle
        else:
            inside = middle
    return outside


def _exact_exit(f: Function, point: sympy.Expr, target: _Target, eps: float, sign: int, offset: float) -> float:
    """The offset, replaced by the exact solution of f = L +- eps when sympy finds one there."""
    if target.exact is None:
        return offset
    expr, symbol = f.real_form
    centre = float(point)
    tolerance = 1e-9 * max(1.0, offset)
    lo, hi = sorted((centre + sign * (offset - tolerance), centre + sign * (offset + tolerance)))
    for edge in (target.exact + to_exact(eps), target.exact - to_exact(eps)):
        roots = exact_zeros(expr - edge, symbol, lo, hi)
        if roots:
            return abs(float(roots[0] - point))
    return offset
