"""Limits of sequences: the limit of a_n, the N for an epsilon, and f along a sequence x_n -> a."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import mpmath
import numpy as np
import sympy

from ._budget import MAX_SYMBOLIC_OPS, sympy_within_budget
from ._checks import checked_epsilon, number_text
from ._symbolic import is_finite_real
from .epsilon_delta import NoDeltaError
from .functions import Function, as_function
from .one_sided_limits import (PRECISION, NoLimitError, classify_tail, limit, one_sided,
                               precise_evaluator, same_value)

__all__ = ["n_for_epsilon", "sequence_limit", "limit_along_sequence", "sequence_values"]

def n_for_epsilon(term, epsilon, limit=None) -> int:
    """The smallest N >= 1 with ``|a_n - L| < epsilon`` for all n >= N.

    Parameters
    ----------
    term : Function or str
        a_n as a function of ``n`` (text is parsed with variable ``n``).
    epsilon : float
        > 0.
    limit : float, optional
        L; defaults to the limit of the term as n -> infinity.

    Raises
    ------
    NoDeltaError
        If the sequence has no finite limit, or |a_n - L| >= epsilon for
        arbitrarily large n.

    Notes
    -----
    The term is scanned as a function of a real n up to 1e15 for its last
    exit from the band; then every integer up to 4 times further out is
    checked (when that is at most 3e7; for larger N a dense real-variable
    look narrows the range to the 4 million integers below the last exit,
    so an exit hidden between its samples after millions of good terms
    could be missed).

    Examples
    --------
    >>> n_for_epsilon("1/n", 0.1)  # 1/10 is not < 0.1, 1/11 is
    11
    >>> n_for_epsilon(Function("1/n^2", variable="n"), 0.01)
    11
    """
    term = as_term(term)
    eps = checked_epsilon(epsilon)
    if limit is None:
        value = one_sided(term, sympy.oo, "-").value
        if not math.isfinite(value):
            raise NoDeltaError(f"the sequence {term.expr} has no finite limit")
    else:
        value = float(limit)
        if not math.isfinite(value):
            raise ValueError(f"limit must be a finite number, got {limit!r}")
    last_bad = _last_bad_index(term, value, eps)
    if last_bad is None:
        raise NoDeltaError(f"|a_n - {number_text(value)}| >= {number_text(eps)} for arbitrarily large n")
    return last_bad + 1


def sequence_limit(term) -> float:
    """The limit of a_n as n -> infinity (n = 1, 2, 3, ... integers only).

    Parameters
    ----------
    term : Function or str
        a_n as a function of ``n`` (text is parsed with variable ``n``).

    Returns
    -------
    float
        The limit, or ``math.inf`` / ``-math.inf`` when a_n grows without bound.

    Raises
    ------
    NoLimitError
        When the sequence has no limit (it oscillates, like cos(pi n)).

    Notes
    -----
    sympy's ``limit_seq`` with n an integer decides first (so sin(pi n),
    which is 0 at every integer, has limit 0); when it cannot tell, the
    terms at n near 10^11 ... 10^17 are evaluated with 60 digits and must settle.

    Examples
    --------
    >>> sequence_limit("(2n + 1)/(3n - 2)") == 2 / 3
    True
    >>> sequence_limit("(1 + 1/n)^n") == math.e, sequence_limit("sin(pi*n)"), sequence_limit("n^2 - n")
    (True, 0.0, inf)
    >>> sequence_limit("cos(pi*n)")
    Traceback (most recent call last):
    ...
    calcviz.one_sided_limits.NoLimitError: the sequence cos(pi*n) has no limit: its terms keep oscillating
    """
    term = as_term(term)
    symbolic = _symbolic_sequence_limit(term)
    value = symbolic if symbolic is not None else _numeric_sequence_limit(term)
    if math.isnan(value):
        raise NoLimitError(f"the sequence {term.expr} has no limit: its terms keep oscillating")
    return value


def _symbolic_sequence_limit(term: Function) -> Optional[float]:
    """sympy's limit_seq over the integers (nan: it found bounds but no limit; None: it cannot tell)."""
    if sympy.count_ops(term.expr) > MAX_SYMBOLIC_OPS:
        return None
    n = sympy.Symbol(term.variable, integer=True, positive=True)
    expr = term.expr.xreplace({term.symbol: n})
    result = sympy_within_budget(lambda: sympy.limit_seq(expr, n))
    if result is None or (isinstance(result, sympy.Basic) and result.has(sympy.Limit)):
        return None
    if isinstance(result, sympy.AccumBounds):
        return math.nan
    if result in (sympy.oo, -sympy.oo):
        return float(result)
    return float(result) if is_finite_real(result) else None


def _numeric_sequence_limit(term: Function) -> float:
    """The limit read off a_n at integers n and n + 1 near 10^11 ... 10^17, evaluated with 60 digits.

    The two tails must settle to the same value (so (-1)^n, which settles on
    each tail of equal parity, does not).
    """
    evaluate = precise_evaluator(term)
    tails: tuple[list, list] = ([], [])
    with mpmath.workdps(PRECISION):
        for k in range(11, 18):
            n = int(10**k * (1 + (k * 0.6180339887) % 1 / 10))
            for tail, index in zip(tails, (n, n + 1)):
                tail.append(evaluate(mpmath.mpf(index)))
    first, second = (classify_tail(tail) for tail in tails)
    return first if same_value(first, second) else math.nan

def limit_along_sequence(f, term) -> float:
    """The limit of f(x_n) as n -> infinity over the integers, for the sequence x_n = ``term``.

    n is an integer here, so ``sin(1/x)`` along ``x_n = 1/(pi n)`` is
    ``sin(pi n) = 0`` for every n, a limit that the real variable would not have.
    What sympy cannot simplify is taken over a real n, so ``(-1)^n`` terms have no limit.

    Parameters
    ----------
    f : Function or str
        A function of one variable.
    term : Function or str
        x_n as a function of ``n`` (text is parsed with variable ``n``).

    Returns
    -------
    float
        As for :func:`limit`: ``math.inf``/``-math.inf`` for an infinite limit.

    Raises
    ------
    NoLimitError
        When f(x_n) has no limit (as for :func:`limit`).

    Examples
    --------
    >>> limit_along_sequence("sin(1/x)", "1/(pi*n)")
    0.0
    >>> limit_along_sequence("sin(1/x)", "1/(2*pi*n + pi/2)")
    1.0
    >>> limit_along_sequence("x^2", "2 + 1/n")
    4.0
    """
    term = as_term(term)
    plain = sequence_values(f, term)
    if term.symbol not in plain.free_symbols:
        return float(plain)
    return limit(Function(plain, variable=term.variable), math.inf)


def sequence_values(f, term) -> sympy.Expr:
    """f(x_n) for the sequence x_n = ``term``, simplified for a whole number n >= 1 (an expression in n).

    Examples
    --------
    >>> sequence_values("sin(1/x)", "1/(pi*n)")
    0
    >>> sequence_values("sin(1/x)", "1/(2*pi*n + pi/2)")
    1
    >>> sequence_values("(x^2 - 4)/(x - 2)", "2 - 1/n")
    4 - 1/n
    """
    f = as_function(f)
    term = as_term(term)
    n = sympy.Symbol(term.variable, integer=True, positive=True)
    composed = f.expr.xreplace({f.symbol: term.expr.xreplace({term.symbol: n})})
    simplified = sympy_within_budget(lambda: sympy.simplify(composed))
    if simplified is None:
        simplified = composed
    return simplified.xreplace({n: term.symbol})

_SEQUENCE_GRID = np.geomspace(1.0, 1e15, 6001)
_REACH = 4.0  # integers are checked up to this factor past the last exit the real grid saw
_MAX_DIRECT = 30_000_000  # up to here every integer below the reach is checked
_DENSE = 200_001  # beyond: a dense real look past the last exit, then the integers below it
_MAX_SCAN = 4_000_000
_CHUNK = 1_000_000


def _last_bad_index(term: Function, value: float, eps: float) -> Optional[int]:
    """Largest n >= 1 with |a_n - value| >= eps (or a_n undefined); 0 if none; None if unbounded.

    The term is scanned as a function of a real n (log grid up to 1e15) for
    the last exit from the band; then integers are checked downwards from
    ``_REACH`` times further out (every one of them when that is at most
    ``_MAX_DIRECT``).  Points that double precision calls bad are confirmed
    with 60 digits, since ``(1 + 1/n)^n`` loses all accuracy near n = 1e15.
    """
    tests = _band_tests(term, value, eps)
    last = _last_confirmed(tests, _SEQUENCE_GRID, thin=True)
    if last == _SEQUENCE_GRID.size - 1:
        return None
    seen = 1.0 if last is None else float(_SEQUENCE_GRID[last + 1])
    reach = min(_REACH * seen + 1000.0, 1e15)
    if reach <= _MAX_DIRECT:
        return _scan_down(tests, int(reach), 1)
    dense = np.linspace(_SEQUENCE_GRID[last], reach, _DENSE)
    top = int(dense[_last_confirmed(tests, dense, thin=True) + 1])
    return _scan_down(tests, top, max(1, top - _MAX_SCAN))


def _scan_down(tests, top: int, bottom: int) -> int:
    """The largest bad integer in [bottom, top], checked in chunks from the top; bottom - 1 if none."""
    for stop in range(top, bottom - 1, -_CHUNK):
        indices = np.arange(max(bottom, stop - _CHUNK + 1), stop + 1, dtype=float)
        hit = _last_confirmed(tests, indices)
        if hit is not None:
            return int(indices[hit])
    return bottom - 1


@dataclass(frozen=True)
class _BandTests:
    """|a_n - L| in double precision (arrays) and a 60-digit check of single points."""

    deviation: object  # ndarray -> ndarray (nan where undefined)
    precise: object  # float -> |a_n - L| or None where undefined
    eps: float

    def is_bad(self, n: float) -> bool:
        gap = self.precise(n)
        return gap is None or not gap < self.eps


def _band_tests(term: Function, value: float, eps: float) -> _BandTests:
    evaluate = precise_evaluator(term)

    def deviation(n: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.abs(np.asarray(term(n), dtype=float) * np.ones_like(n) - value)

    def precise(n: float) -> Optional[float]:
        with mpmath.workdps(PRECISION):
            result = evaluate(mpmath.mpf(n))
        return None if result is None else abs(result - value)

    return _BandTests(deviation, precise, eps)


_ERROR_BLOCKS = 32  # the double-precision error is measured separately on this many blocks
_THIN = 10  # where double precision says nothing, a real-variable grid is checked at every 10th point


def _last_confirmed(tests: _BandTests, points: np.ndarray, thin: bool = False) -> Optional[int]:
    """Index of the last point outside the band, confirmed with 60 digits.

    Candidates are the points double precision puts outside the band, and
    those it puts so close to the edge that its rounding error (measured
    block by block) could have decided.  With ``thin`` (real-variable grids,
    not integers) blocks where double precision is hopeless are only
    checked at every ``_THIN``-th point.
    """
    gaps = tests.deviation(points)
    margin = 8 * _double_errors(tests, points, gaps)
    unsure = ~(gaps < tests.eps) | (np.abs(gaps - tests.eps) <= margin)
    if thin:
        hopeless = margin >= tests.eps
        unsure &= ~hopeless | (np.arange(points.size) % _THIN == 0)
    for index in np.flatnonzero(unsure)[::-1]:
        if tests.is_bad(float(points[index])):
            return int(index)
    return None


def _double_errors(tests: _BandTests, points: np.ndarray, gaps: np.ndarray) -> np.ndarray:
    """Per point: the largest double-vs-60-digit difference of |a_n - L| at the ends of its block."""
    edges = np.unique(np.linspace(0, points.size, _ERROR_BLOCKS + 1).astype(int))
    errors = np.zeros(points.size)
    for start, stop in zip(edges[:-1], edges[1:]):
        samples = []
        for index in (start, stop - 1):
            exact = tests.precise(float(points[index]))
            if exact is None or not math.isfinite(gaps[index]):
                samples.append(0.0 if exact is None and not math.isfinite(gaps[index]) else math.inf)
            else:
                samples.append(abs(exact - float(gaps[index])))
        errors[start:stop] = max(samples)
    return errors


def as_term(term) -> Function:
    """A sequence's term a_n as a Function of n: text, a sympy expression in n, or a Function.

    >>> as_term("1/n"), as_term(1 / sympy.Symbol("n"))
    (Function('1/n', variable='n'), Function('1/n', variable='n'))
    """
    return as_function(term, "n")
