"""Limits of a function of one variable, two-sided and one-sided, at a point or at infinity.

Limits are found with sympy when the expression is small enough for
``sympy.limit`` to be quick, and otherwise (or when sympy gives up) from
one-sided sequences ``a +- h`` evaluated with 60 significant digits.
Every sympy call runs under a CPU-time budget (:func:`calcviz._budget.sympy_within_budget`).

Domain convention: only points where f is real and finite count.  Near a
domain edge (``sqrt(x)`` at 0) the two-sided limit is the limit from the
side where f is defined.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import mpmath
import numpy as np
import sympy

from ._budget import MAX_SYMBOLIC_OPS, sympy_within_budget
from ._checks import exact_point, number_text
from ._symbolic import is_finite_real
from .functions import Function, as_function

__all__ = ["NoLimitError", "limit", "jump_at"]

_SIDES = ("both", "+", "-")

class NoLimitError(ValueError):
    """The limit does not exist, with the evidence: ``paths`` are ways of approaching the point and
    ``limits`` what f tends to along each (nan along a way where it settles on nothing).

    One variable: the sides ("-" from the left, "+" from the right) whose limits differ, or the side where f
    oscillates or is undefined.  Two variables: two :class:`~calcviz.path_limits.Path` objects whose limits
    differ.  A sequence: none beyond the message (its terms keep oscillating).
    """

    def __init__(self, message: str, paths: tuple = (), limits: tuple = ()) -> None:
        super().__init__(message)
        self.paths = tuple(paths)
        self.limits = tuple(limits)


def limit(f, a, side: str = "both") -> float:
    """The limit of f(x) as x -> a (from ``side`` "both", "+" or "-").

    Parameters
    ----------
    f : Function or str
    a : float or sympy number
        The point (a float means the decimal it prints as); ``math.inf`` /
        ``-math.inf`` for limits at infinity (the side is then implied and
        ``side`` must be "both" or the matching one).
    side : {"both", "+", "-"}

    Returns
    -------
    float
        The limit; ``math.inf`` / ``-math.inf`` for infinite limits.

    Raises
    ------
    NoLimitError
        When it does not exist: the one-sided limits differ, f oscillates, or f is
        undefined on the side(s) asked for.  ``error.paths`` are the sides, ``error.limits`` theirs.

    Examples
    --------
    >>> limit("sin(x)/x", 0)
    1.0
    >>> limit("(1 + 1/x)^x", math.inf) == math.e
    True
    >>> limit("1/x", 0, "+"), limit("1/x", 0, "-")
    (inf, -inf)
    >>> try:
    ...     limit("1/x", 0)
    ... except NoLimitError as error:
    ...     print(error, error.paths, error.limits)
    1/x has no limit at x = 0: it tends to -inf from the left but inf from the right ('-', '+') (-inf, inf)
    >>> limit("sin(1/x)", 0)
    Traceback (most recent call last):
    ...
    calcviz.one_sided_limits.NoLimitError: sin(1/x) has no limit at x = 0: from the left its values keep oscillating
    >>> limit("sqrt(x)", 0)  # only the side where f is defined counts
    0.0
    >>> limit("tan(x)", sympy.pi / 2, "-")  # exact points may be sympy numbers
    inf
    """
    f = as_function(f)
    if side not in _SIDES:
        raise ValueError(f"side must be one of {_SIDES}, got {side!r}")
    point = exact_point(a, "a", infinite=True)
    if point.is_infinite:
        expected = "-" if point > 0 else "+"
        if side not in ("both", expected):
            raise ValueError(f"side {side!r} is impossible at a = {a}: x can only approach from {expected!r}")
        return _existing(f, point, {expected: one_sided(f, point, expected)})
    if side != "both":
        return _existing(f, point, {side: one_sided(f, point, side)})
    return _existing(f, point, {"-": one_sided(f, point, "-"), "+": one_sided(f, point, "+")})


_SIDE_NAMES = {"-": "the left", "+": "the right"}


def _existing(f: Function, point: sympy.Expr, sides: dict[str, "OneSided"]) -> float:
    """The limit the one-sided limits ``sides`` make, or NoLimitError with them as the evidence."""
    value = combine(sides["-"], sides["+"]) if len(sides) == 2 else next(iter(sides.values())).value
    if not math.isnan(value):
        return value
    at = f"{f.variable} = {number_text(float(point))}"
    where = f"at {at}" if point.is_finite else f"as {f.variable} -> {'' if point > 0 else '-'}inf"
    defined = {side: one for side, one in sides.items() if one.defined}
    if not defined:
        near = "near" if len(sides) == 2 else f"to {_SIDE_NAMES[next(iter(sides))]} of"
        reason = f"it is not defined {near} {at}" if point.is_finite else "it is not defined that far out"
    elif any(math.isnan(one.value) for one in defined.values()):
        side = next(side for side, one in defined.items() if math.isnan(one.value))
        reason = f"from {_SIDE_NAMES[side]} its values keep oscillating" if point.is_finite else "its values keep oscillating"
    else:
        (l, left), (r, right) = defined.items()
        reason = f"it tends to {number_text(left.value)} from {_SIDE_NAMES[l]} but {number_text(right.value)} from {_SIDE_NAMES[r]}"
    raise NoLimitError(f"{f.text} has no limit {where}: {reason}", tuple(sides), tuple(one.value for one in sides.values()))


def jump_at(f, a) -> Optional[tuple[float, float]]:
    """The one-sided limits ``(left, right)`` at ``a`` if both are finite and differ.

    Returns None otherwise (continuous, removable, infinite or oscillating
    discontinuity, or f undefined on one side).

    Examples
    --------
    >>> jump_at("abs(x)/x", 0)
    (-1.0, 1.0)
    >>> jump_at("x^2", 1) is None, jump_at("1/x", 0) is None
    (True, True)
    """
    f = as_function(f)
    point = exact_point(a, "a")
    left, right = one_sided(f, point, "-").value, one_sided(f, point, "+").value
    if not (math.isfinite(left) and math.isfinite(right)) or same_value(left, right):
        return None
    return (left, right)


# -- how: sympy when the expression is small, else sequences a +- h evaluated with PRECISION digits --
PRECISION = 60  # significant digits of the probing sequence
_PROBE_STEPS = 32  # h = 10^-1 ... 10^-32 (or x = 10^1 ... 10^32 at infinity)
_TAIL = 10  # how many of the last probes decide
_CONVERGED = 1e-9  # relative spread of the tail that counts as converged


@dataclass(frozen=True)
class OneSided:
    """A one-sided limit: ``value`` (nan: none), whether f is defined on that side, exact value."""

    value: float
    defined: bool
    exact: Optional[sympy.Expr] = None


@lru_cache(maxsize=256)
def one_sided(f: Function, point: sympy.Expr, side: str) -> OneSided:
    """Limit as x -> point (exact number or +-oo) from ``side`` ("+" from above, "-" from below)."""
    tail = _probe(f, point, side)
    if all(v is None for v in tail):
        return OneSided(math.nan, False)
    numeric = classify_tail(tail)
    symbolic = _symbolic_limit(f, point, side)
    if symbolic is None:
        return OneSided(numeric, True)
    if math.isfinite(numeric) and not same_value(numeric, symbolic.value, tolerance=1e-6):
        return OneSided(numeric, True)  # sympy disagrees with what f does: believe f
    return symbolic


def _probe(f: Function, point: sympy.Expr, side: str) -> list[Optional[float]]:
    """f at the last ``_TAIL`` points of a sequence tending to point from ``side``.

    Evaluated with ``PRECISION`` digits so that cancellation (``(1 - cos x)/x^2``)
    does not spoil the values; None where f is not real or not defined.
    The steps carry irregular factors so that ``sin(pi/x)`` is not sampled at zeros.
    """
    evaluate = precise_evaluator(f)
    sign = 1 if side == "+" else -1
    values = []
    with mpmath.workdps(PRECISION):
        base = None if point.is_infinite else mp_exact(point)
        for k in range(_PROBE_STEPS - _TAIL + 1, _PROBE_STEPS + 1):
            wiggle = 1 + mpmath.mpf(k * 0.6180339887 % 1) / 10
            if base is None:
                x = -sign * wiggle * mpmath.mpf(10) ** k
            else:
                x = base + sign * wiggle * mpmath.mpf(10) ** (-k)
            values.append(evaluate(x))
    return values


def classify_tail(tail: list[Optional[float]]) -> float:
    """Limit read off the tail of a probing sequence (nan if it does not settle)."""
    if any(v is None for v in tail):
        return math.nan
    values = np.array(tail, dtype=float)
    if np.all(np.isinf(values[-3:])) and len(set(np.sign(values[-3:]))) == 1:
        return float(values[-1])
    with np.errstate(all="ignore"):
        spread = float(np.max(values) - np.min(values))
        if spread <= _CONVERGED * max(1.0, abs(values[-1])):
            return _snap_tiny(float(values[-1]), tail)
        steps = np.diff(values)
        growing = np.all(np.diff(np.abs(values)) > 0) and len(set(np.sign(values))) == 1
        if growing and abs(steps[-1]) >= 0.5 * abs(steps[0]):
            return math.copysign(math.inf, values[-1])
    return math.nan


def _snap_tiny(value: float, tail) -> float:
    """0.0 for values that shrink to nothing along the tail (x log x at 0)."""
    if abs(value) < 1e-15 and abs(value) < abs(tail[0]):
        return 0.0
    return value


def _symbolic_limit(f: Function, point: sympy.Expr, side: str) -> Optional[OneSided]:
    """sympy's one-sided limit, or None when sympy cannot tell (or it would be slow)."""
    expr, symbol = f.real_form
    if sympy.count_ops(expr) > MAX_SYMBOLIC_OPS:
        return None
    result = sympy_within_budget(lambda: sympy.limit(expr, symbol, point, side))
    if result is None:
        return None
    if result in (sympy.oo, -sympy.oo):
        return OneSided(float(result), True)
    if isinstance(result, sympy.AccumBounds):
        return OneSided(math.nan, True)
    if result.has(sympy.Limit) or not is_finite_real(result):
        return None
    return OneSided(float(result), True, result)


@lru_cache(maxsize=64)
def precise_evaluator(f: Function):
    """x (an mpmath number) -> f(x) as a float, or None where f is not real/defined."""
    try:
        compiled = sympy.lambdify(f.symbol, f.expr, modules="mpmath")
    except (TypeError, ValueError, NameError, SyntaxError):
        compiled = None

    def by_evalf(x):
        return complex(f.expr.evalf(PRECISION, subs={f.symbol: sympy.Float(x, PRECISION)}))

    def evaluate(x) -> Optional[float]:
        try:
            raw = compiled(x) if compiled is not None else by_evalf(x)
            value = complex(raw)
        except (ArithmeticError, TypeError, ValueError, AttributeError, NameError):
            return None
        if math.isnan(value.real) or abs(value.imag) > 1e-40 * abs(value):
            return None
        return value.real

    return evaluate


def mp_exact(point: sympy.Expr):
    """An exact sympy number as an mpmath number with the working precision."""
    if point.is_Rational:
        return mpmath.mpf(int(point.p)) / int(point.q)
    return mpmath.mpf(str(point.evalf(PRECISION + 10)))


def combine(left: OneSided, right: OneSided) -> float:
    """Two-sided limit from the one-sided ones (a side where f is undefined does not count)."""
    if not left.defined:
        return right.value
    if not right.defined:
        return left.value
    if same_value(left.value, right.value):
        return right.value
    return math.nan


def same_value(first: float, second: float, tolerance: float = 1e-9) -> bool:
    if math.isnan(first) or math.isnan(second):
        return False
    if math.isinf(first) or math.isinf(second):
        return first == second
    return abs(first - second) <= tolerance * max(1.0, abs(first), abs(second))
