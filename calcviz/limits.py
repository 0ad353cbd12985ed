"""Limits, the epsilon-delta definition and limits of sequences and along paths.

Every function accepts a :class:`~calcviz.Function` or anything
``Function()`` accepts (text, sympy expression, number).

Limits are found with sympy when the expression is small enough for
``sympy.limit`` to be quick, and otherwise (or when sympy gives up) from
one-sided sequences ``a +- h`` evaluated with 60 significant digits.
Every sympy call runs under a CPU-time budget (:func:`sympy_within_budget`).

Domain convention: only points where f is real and finite count.  Near a
domain edge (``sqrt(x)`` at 0) the two-sided limit is the limit from the
side where f is defined, and a delta only has to work for x in the domain.
"""

from __future__ import annotations

import math
import signal
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import mpmath
import numpy as np
import sympy

from ._numeric import golden_minimize
from ._roots import exact_zeros
from ._symbolic import is_finite_real, real_symbol, to_exact, to_real
from .fields import Field
from .functions import Function, as_function

__all__ = [
    "NoDeltaError",
    "NoLimitError",
    "Path",
    "approach_paths",
    "along_lines",
    "multivariate_limit",
    "sequence_limit",
    "limit",
    "jump_at",
    "delta_for_epsilon",
    "n_for_epsilon",
    "path_limit",
    "limit_along_sequence",
    "sequence_values",
    "EpsilonDelta",
    "epsilon_delta",
]

_SIDES = ("both", "+", "-")


class NoDeltaError(ValueError):
    """No delta (or N) makes f stay in the epsilon band; the message says why."""


class NoLimitError(ValueError):
    """The limit does not exist: a sequence oscillates, or two paths to a point disagree (then ``paths`` are
    the two paths and ``limits`` their different limits)."""

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
        The limit; ``math.inf`` / ``-math.inf`` for infinite limits; ``math.nan``
        when it does not exist (one-sided limits differ, oscillation, or f is
        undefined on the side(s) asked for).

    Examples
    --------
    >>> limit("sin(x)/x", 0)
    1.0
    >>> limit("(1 + 1/x)^x", math.inf) == math.e
    True
    >>> limit("1/x", 0, "+"), limit("1/x", 0, "-"), limit("1/x", 0)
    (inf, -inf, nan)
    >>> limit("sin(1/x)", 0)
    nan
    >>> limit("sqrt(x)", 0)  # only the side where f is defined counts
    0.0
    >>> limit("tan(x)", sympy.pi / 2, "-")  # exact points may be sympy numbers
    inf
    """
    f = as_function(f)
    if side not in _SIDES:
        raise ValueError(f"side must be one of {_SIDES}, got {side!r}")
    point = _checked_point(a)
    if point.is_infinite:
        expected = "-" if point > 0 else "+"
        if side not in ("both", expected):
            raise ValueError(f"side {side!r} is impossible at a = {a}: x can only approach from {expected!r}")
        return _one_sided(f, point, expected).value
    if side != "both":
        return _one_sided(f, point, side).value
    left, right = _one_sided(f, point, "-"), _one_sided(f, point, "+")
    return _combine(left, right)


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
    point = _checked_finite_point(a, "a")
    left, right = _one_sided(f, point, "-").value, _one_sided(f, point, "+").value
    if not (math.isfinite(left) and math.isfinite(right)) or _same_value(left, right):
        return None
    return (left, right)


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
    calcviz.limits.NoDeltaError: f jumps at x = 0: the one-sided limits are -1 and 1
    """
    f = as_function(f)
    point = _checked_finite_point(a, "a")
    eps = _checked_epsilon(epsilon)
    target = _target_limit(f, point, limit, eps)
    return _band_exit_distance(f, point, target, eps)


def _target_limit(f: Function, point: sympy.Expr, given, eps: float) -> _Target:
    """The L of the band, after checking that every defined side really approaches it."""
    left, right = _one_sided(f, point, "-"), _one_sided(f, point, "+")
    where = f"{f.variable} = {_show(float(point))}"
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
                f"the {name}-hand limit at {where} is {_show(one.value)}, not within "
                f"epsilon = {_show(eps)} of L = {_show(value)}"
            )
    return _Target.from_number(given)


def _default_target(left: _OneSided, right: _OneSided, where: str) -> _Target:
    """The limit as L, or NoDeltaError saying why there is none."""
    combined = _combine(left, right)
    values = [side.value for side in (left, right) if side.defined]
    if math.isnan(combined) and len(values) == 2 and not any(math.isnan(v) for v in values):
        kind = "jumps at" if all(math.isfinite(v) for v in values) else "has no limit at"
        shown = " and ".join(_show(v) for v in values)
        raise NoDeltaError(f"f {kind} {where}: the one-sided limits are {shown}")
    if math.isnan(combined):
        raise NoDeltaError(f"f has no limit at {where}: its values do not settle (oscillation)")
    if math.isinf(combined):
        raise NoDeltaError(f"the limit at {where} is infinite: no epsilon band around it")
    return _Target.from_side(left if left.defined else right)


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
    if isinstance(term, str):
        term = Function(term, variable="n")
    term = as_function(term)
    eps = _checked_epsilon(epsilon)
    if limit is None:
        value = _one_sided(term, sympy.oo, "-").value
        if not math.isfinite(value):
            raise NoDeltaError(f"the sequence {term.expr} has no finite limit")
    else:
        value = float(limit)
        if not math.isfinite(value):
            raise ValueError(f"limit must be a finite number, got {limit!r}")
    last_bad = _last_bad_index(term, value, eps)
    if last_bad is None:
        raise NoDeltaError(f"|a_n - {_show(value)}| >= {_show(eps)} for arbitrarily large n")
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
    calcviz.limits.NoLimitError: the sequence cos(pi*n) has no limit: its terms keep oscillating
    """
    if isinstance(term, str):
        term = Function(term, variable="n")
    term = as_function(term)
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
    evaluate = _precise(term)
    tails: tuple[list, list] = ([], [])
    with mpmath.workdps(_PRECISION):
        for k in range(11, 18):
            n = int(10**k * (1 + (k * 0.6180339887) % 1 / 10))
            for tail, index in zip(tails, (n, n + 1)):
                tail.append(evaluate(mpmath.mpf(index)))
    first, second = (_classify(tail) for tail in tails)
    return first if _same_value(first, second) else math.nan


def path_limit(F, point, direction) -> float:
    """Limit of the field F along the line ``point + t*direction`` as t -> 0.

    Examples
    --------
    >>> F = Field("x*y/(x^2 + y^2)")
    >>> path_limit(F, (0, 0), (1, 0)), path_limit(F, (0, 0), (1, 1))
    (0.0, 0.5)
    >>> path_limit(Field("x^2 + y"), (1, 2), (0, 1))
    3.0
    """
    if not isinstance(F, Field):
        F = Field(F)
    point = _checked_vector(point, "point", len(F.variables))
    direction = _checked_vector(direction, "direction", len(F.variables))
    if all(d == 0 for d in direction):
        raise ValueError("direction must be a nonzero vector")
    along = _restrict_to_line(F, point, direction)
    return limit(along, 0.0)


def limit_along_sequence(f, term) -> float:
    """The limit of f(x_n) as n -> infinity over the integers, for the sequence x_n = ``term``.

    n is an integer here, so ``sin(1/x)`` along ``x_n = 1/(pi n)`` is
    ``sin(pi n) = 0`` for every n, a limit that the real variable would not have.
    What sympy cannot simplify is taken over a real n, so ``(-1)^n`` terms give nan.

    Parameters
    ----------
    f : Function or str
        A function of one variable.
    term : Function or str
        x_n as a function of ``n`` (text is parsed with variable ``n``).

    Returns
    -------
    float
        As for :func:`limit`: ``math.inf``/``-math.inf``, or ``math.nan`` when there is none.

    Examples
    --------
    >>> limit_along_sequence("sin(1/x)", "1/(pi*n)")
    0.0
    >>> limit_along_sequence("sin(1/x)", "1/(2*pi*n + pi/2)")
    1.0
    >>> limit_along_sequence("x^2", "2 + 1/n")
    4.0
    """
    term = Function(term, variable="n") if isinstance(term, str) else as_function(term, "n")
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
    term = Function(term, variable="n") if isinstance(term, str) else as_function(term, "n")
    n = sympy.Symbol(term.variable, integer=True, positive=True)
    composed = f.expr.xreplace({f.symbol: term.expr.xreplace({term.symbol: n})})
    simplified = sympy_within_budget(lambda: sympy.simplify(composed))
    if simplified is None:
        simplified = composed
    return simplified.xreplace({n: term.symbol})


@dataclass(frozen=True)
class Path:
    """A path ``t -> (x(t), y(t))`` reaching ``(x(0), y(0))`` as t -> 0, and its equation for display.

    ``x`` and ``y`` are sympy expressions in the symbol ``t``; ``latex`` is the
    equation of the path (``y = 2 x``, ``x = y^{2}``).
    """

    x: sympy.Expr
    y: sympy.Expr
    latex: str

    def at(self, ts) -> tuple[np.ndarray, np.ndarray]:
        """The points of the path at the parameter values ``ts`` (arrays x, y)."""
        ts = np.asarray(ts, dtype=float)
        xs = sympy.lambdify(_T, self.x, "numpy")(ts) * np.ones_like(ts)
        ys = sympy.lambdify(_T, self.y, "numpy")(ts) * np.ones_like(ts)
        return xs, ys

    def restrict(self, F: Field) -> Function:
        """t -> F(x(t), y(t)) as an exact Function of t."""
        symbol_x, symbol_y = F.symbols
        return Function(F.expr.xreplace({symbol_x: self.x, symbol_y: self.y}), variable=_T.name)


_T = sympy.Symbol("t")
_LINE_DIRECTIONS = ((1, 0), (0, 1), (1, 1), (1, -1), (1, 2), (2, 1), (1, -2), (2, -1))
_PARABOLAS = ((1, 0, 2), (-1, 0, 2), (0, 1, 2), (0, -1, 2))  # (x side, y side, power): x - a = +-(y - b)^2, ...


def along_lines(F, point) -> sympy.Expr:
    """F on the line through ``point`` of slope m, as a function of how far along it is:
    ``F(a + t, b + m t)`` simplified, an expression in the symbols ``t`` and ``m``.

    (The line x = a, of no slope, is :func:`approach_paths`' direction (0, 1).)

    Examples
    --------
    >>> along_lines(Field("x*y^2/(x^2 + y^4)"), (0, 0))
    m**2*t/(m**4*t**2 + 1)
    >>> along_lines(Field("x*y/(x^2 + y^2)"), (0, 0))
    m/(m**2 + 1)
    """
    F = F if isinstance(F, Field) else Field(F)
    a, b = (to_exact(v) for v in point)
    m = sympy.Symbol("m", real=True)
    t = sympy.Symbol("t", real=True, nonzero=True)
    symbol_x, symbol_y = F.symbols
    on_line = F.expr.xreplace({symbol_x: a + t, symbol_y: b + m * t})
    simplified = sympy_within_budget(lambda: sympy.factor(sympy.cancel(on_line)))
    plain_t, plain_m = sympy.Symbol("t"), sympy.Symbol("m")
    return (simplified if simplified is not None else on_line).xreplace({t: plain_t, m: plain_m})


def approach_paths(point, variables=("x", "y")) -> tuple[Path, ...]:
    """The paths :func:`multivariate_limit` compares: eight lines, then the parabolas x - a = +-(y - b)^2, y - b = +-(x - a)^2.

    Examples
    --------
    >>> [p.latex for p in approach_paths((0, 0))][:3]
    ['y = 0', 'x = 0', 'y = x']
    >>> [p.latex for p in approach_paths((1, 0))][8]
    'x = y^{2} + 1'
    """
    a, b = (to_exact(v) for v in _checked_vector(point, "point", 2))
    x, y = (sympy.Symbol(name) for name in variables)
    paths = []
    for dx, dy in _LINE_DIRECTIONS:
        equation = sympy.Eq(x, a) if dx == 0 else sympy.Eq(y, b + sympy.Rational(dy, dx) * (x - a))
        paths.append(Path(a + dx * _T, b + dy * _T, sympy.latex(equation)))
    for sx, sy, power in _PARABOLAS:
        if sx:
            paths.append(Path(a + sx * _T**power, b + _T, sympy.latex(sympy.Eq(x, a + sx * (y - b) ** power))))
        else:
            paths.append(Path(a + _T, b + sy * _T**power, sympy.latex(sympy.Eq(y, b + sy * (x - a) ** power))))
    return tuple(paths)


def multivariate_limit(F, point) -> float:
    """The limit of a two-variable field at ``point``, compared along lines and parabolas.

    The limit along each path of :func:`approach_paths` is found with
    :func:`limit` (two-sided in t).  Agreement along all of them is taken as
    the limit; it is evidence, not proof (a field may still disagree along
    some other curve).

    Raises
    ------
    NoLimitError
        When two paths give different limits (or one gives none); ``paths``
        holds the two :class:`Path` objects and ``limits`` their limits
        (nan for a path without a limit).

    Examples
    --------
    >>> multivariate_limit("x^2 + y", (1, 2))
    3.0
    >>> multivariate_limit("sin(x^2 + y^2)/(x^2 + y^2)", (0, 0))
    1.0
    >>> try:
    ...     multivariate_limit("x*y^2/(x^2 + y^4)", (0, 0))
    ... except NoLimitError as error:
    ...     [p.latex for p in error.paths], error.limits
    (['y = 0', 'x = y^{2}'], (0.0, 0.5))
    """
    if not isinstance(F, Field):
        F = Field(F)
    if len(F.variables) != 2:
        raise ValueError(f"multivariate_limit needs a field of two variables, got {F.variables}")
    paths = approach_paths(point, F.variables)
    first = paths[0]
    first_limit = limit(first.restrict(F), 0)
    for path in paths[1:]:
        value = limit(path.restrict(F), 0)
        if not _same_value(first_limit, value):
            shown = f"{_show(first_limit)} along {first.latex} but {_show(value)} along {path.latex}"
            raise NoLimitError(f"{F.expr} has no limit at {tuple(point)}: {shown}", (first, path), (first_limit, value))
    return first_limit


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
    point = _checked_finite_point(a, "a")
    eps = _checked_epsilon(epsilon)
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


# -- argument checks ---------------------------------------------------------
def _checked_point(a) -> sympy.Expr:
    """The point as an exact sympy number (floats read as the decimal they print as) or +-oo."""
    if a in (math.inf, sympy.oo):
        return sympy.oo
    if a in (-math.inf, -sympy.oo):
        return -sympy.oo
    try:
        return to_exact(a)
    except (TypeError, ValueError):
        raise ValueError(f"a must be a real number or +-inf, got {a!r}") from None


def _checked_finite_point(a, name: str) -> sympy.Expr:
    point = _checked_point(a)
    if point.is_infinite:
        raise ValueError(f"{name} must be finite, got {a!r}")
    return point


def _checked_epsilon(epsilon) -> float:
    try:
        eps = float(epsilon)
    except (TypeError, ValueError):
        raise TypeError(f"epsilon must be a real number, got {epsilon!r}") from None
    if not eps > 0 or math.isinf(eps):
        raise ValueError(f"epsilon must be a positive finite number, got {epsilon!r}")
    return eps


def _checked_vector(values, name: str, size: int) -> tuple[float, ...]:
    array = np.asarray(values, dtype=float).ravel()
    if array.size != size or not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be {size} finite numbers, got {values!r}")
    return tuple(float(v) for v in array)


# -- guarded sympy calls ------------------------------------------------------
SYMPY_BUDGET = 2.0  # CPU seconds a single sympy limit/integrate may take (the slowest course cases: ~0.7 s)
_SYMPY_FAILURES = (NotImplementedError, ValueError, TypeError, AttributeError, RecursionError, ArithmeticError)


class _OutOfTime(BaseException):
    """Raised by the alarm; a BaseException so sympy's ``except Exception`` cannot swallow it."""


def sympy_within_budget(call, seconds: float = SYMPY_BUDGET):
    """``call()``, or None if it fails or uses more than ``seconds`` of CPU time.

    sympy's limit and integrate can run for minutes on innocent-looking input.
    On the main thread a SIGPROF timer interrupts them (re-armed every 50 ms
    in case sympy catches the first one).  CPU time rather than wall time,
    so that a busy machine does not change the results.  Elsewhere signals
    are unavailable and the call runs unguarded (callers also gate on
    expression size).

    Examples
    --------
    >>> sympy_within_budget(lambda: 1 + 1), sympy_within_budget(lambda: 1 / 0)
    (2, None)
    """
    guarded = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if guarded and signal.getitimer(signal.ITIMER_PROF)[0] > 0:
        guarded = False  # an outer budget is already running
    if not guarded:
        try:
            return call()
        except _SYMPY_FAILURES:
            return None

    own_frame = sys._getframe()

    def run():
        return call()

    def interrupt(signum, frame):
        # Only interrupt while run() is on the stack: an alarm landing while this
        # frame (or a gc callback started from it) arms or disarms the timer
        # must not skip the clean-up.
        while frame is not None and frame.f_back is not own_frame:
            frame = frame.f_back
        if frame is not None and frame.f_code is run.__code__:
            raise _OutOfTime

    previous = signal.signal(signal.SIGPROF, interrupt)
    try:
        signal.setitimer(signal.ITIMER_PROF, seconds, 0.05)
        return run()
    except (_OutOfTime, *_SYMPY_FAILURES):
        return None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# -- one-sided limits ----------------------------------------------------------
MAX_SYMBOLIC_OPS = 40  # sympy.limit is quick below this size; bigger input goes numeric
_PRECISION = 60  # significant digits of the probing sequence
_PROBE_STEPS = 32  # h = 10^-1 ... 10^-32 (or x = 10^1 ... 10^32 at infinity)
_TAIL = 10  # how many of the last probes decide
_CONVERGED = 1e-9  # relative spread of the tail that counts as converged


@dataclass(frozen=True)
class _OneSided:
    """A one-sided limit: ``value`` (nan: none), whether f is defined on that side, exact value."""

    value: float
    defined: bool
    exact: Optional[sympy.Expr] = None


@lru_cache(maxsize=256)
def _one_sided(f: Function, point: sympy.Expr, side: str) -> _OneSided:
    """Limit as x -> point (exact number or +-oo) from ``side`` ("+" from above, "-" from below)."""
    tail = _probe(f, point, side)
    if all(v is None for v in tail):
        return _OneSided(math.nan, False)
    numeric = _classify(tail)
    symbolic = _symbolic_limit(f, point, side)
    if symbolic is None:
        return _OneSided(numeric, True)
    if math.isfinite(numeric) and not _same_value(numeric, symbolic.value, tolerance=1e-6):
        return _OneSided(numeric, True)  # sympy disagrees with what f does: believe f
    return symbolic


def _probe(f: Function, point: sympy.Expr, side: str) -> list[Optional[float]]:
    """f at the last ``_TAIL`` points of a sequence tending to point from ``side``.

    Evaluated with ``_PRECISION`` digits so that cancellation (``(1 - cos x)/x^2``)
    does not spoil the values; None where f is not real or not defined.
    The steps carry irregular factors so that ``sin(pi/x)`` is not sampled at zeros.
    """
    evaluate = _precise(f)
    sign = 1 if side == "+" else -1
    values = []
    with mpmath.workdps(_PRECISION):
        base = None if point.is_infinite else _mp_exact(point)
        for k in range(_PROBE_STEPS - _TAIL + 1, _PROBE_STEPS + 1):
            wiggle = 1 + mpmath.mpf(k * 0.6180339887 % 1) / 10
            if base is None:
                x = -sign * wiggle * mpmath.mpf(10) ** k
            else:
                x = base + sign * wiggle * mpmath.mpf(10) ** (-k)
            values.append(evaluate(x))
    return values


def _classify(tail: list[Optional[float]]) -> float:
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


def _symbolic_limit(f: Function, point: sympy.Expr, side: str) -> Optional[_OneSided]:
    """sympy's one-sided limit, or None when sympy cannot tell (or it would be slow)."""
    expr, symbol = _real_form(f)
    if sympy.count_ops(expr) > MAX_SYMBOLIC_OPS:
        return None
    result = sympy_within_budget(lambda: sympy.limit(expr, symbol, point, side))
    if result is None:
        return None
    if result in (sympy.oo, -sympy.oo):
        return _OneSided(float(result), True)
    if isinstance(result, sympy.AccumBounds):
        return _OneSided(math.nan, True)
    if result.has(sympy.Limit) or not is_finite_real(result):
        return None
    return _OneSided(float(result), True, result)


def _real_form(f: Function) -> tuple[sympy.Expr, sympy.Symbol]:
    return to_real(f.expr, (f.variable,)), real_symbol(f.variable)


@lru_cache(maxsize=64)
def _precise(f: Function):
    """x (an mpmath number) -> f(x) as a float, or None where f is not real/defined."""
    try:
        compiled = sympy.lambdify(f.symbol, f.expr, modules="mpmath")
    except (TypeError, ValueError, NameError, SyntaxError):
        compiled = None

    def by_evalf(x):
        return complex(f.expr.evalf(_PRECISION, subs={f.symbol: sympy.Float(x, _PRECISION)}))

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


def _mp_exact(point: sympy.Expr):
    """An exact sympy number as an mpmath number with the working precision."""
    if point.is_Rational:
        return mpmath.mpf(int(point.p)) / int(point.q)
    return mpmath.mpf(str(point.evalf(_PRECISION + 10)))


def _combine(left: _OneSided, right: _OneSided) -> float:
    """Two-sided limit from the one-sided ones (a side where f is undefined does not count)."""
    if not left.defined:
        return right.value
    if not right.defined:
        return left.value
    if _same_value(left.value, right.value):
        return right.value
    return math.nan


def _same_value(first: float, second: float, tolerance: float = 1e-9) -> bool:
    if math.isnan(first) or math.isnan(second):
        return False
    if math.isinf(first) or math.isinf(second):
        return first == second
    return abs(first - second) <= tolerance * max(1.0, abs(first), abs(second))


def _show(value: float) -> str:
    """Short text for a number in messages: 1 not 1.0, 0.333333 not 0.3333333333333333."""
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return f"{value:.6g}"


# -- epsilon-delta ---------------------------------------------------------------
@dataclass(frozen=True)
class _Target:
    """The L of an epsilon band: float value and, when known, its exact value."""

    value: float
    exact: Optional[sympy.Expr]

    @staticmethod
    def from_side(side: _OneSided) -> "_Target":
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
    evaluate = _precise(f)
    with mpmath.workdps(_PRECISION):
        centre = _mp_exact(point)

    def leaves(offset: float) -> bool:
        with mpmath.workdps(_PRECISION):
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
    expr, symbol = _real_form(f)
    centre = float(point)
    tolerance = 1e-9 * max(1.0, offset)
    lo, hi = sorted((centre + sign * (offset - tolerance), centre + sign * (offset + tolerance)))
    for edge in (target.exact + to_exact(eps), target.exact - to_exact(eps)):
        roots = exact_zeros(expr - edge, symbol, lo, hi)
        if roots:
            return abs(float(roots[0] - point))
    return offset


# -- sequences ---------------------------------------------------------------------
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
    evaluate = _precise(term)

    def deviation(n: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.abs(np.asarray(term(n), dtype=float) * np.ones_like(n) - value)

    def precise(n: float) -> Optional[float]:
        with mpmath.workdps(_PRECISION):
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


# -- paths -------------------------------------------------------------------------
def _restrict_to_line(F: Field, point, direction) -> Function:
    """t -> F(point + t*direction) as an exact Function of a fresh variable."""
    name = next(n for n in ("t", "s", "u", "w", "r") if n not in F.variables)
    t = sympy.Symbol(name)
    substitution = {
        symbol: to_exact(p) + t * to_exact(d) for symbol, p, d in zip(F.symbols, point, direction)
    }
    return Function(F.expr.xreplace(substitution), variable=name)
