"""Riemann sums, definite and improper integrals, and the accumulation function.

Every function accepts a :class:`~calcviz.Function` or anything
``Function()`` accepts (text, sympy expression, number).

Exact values come from a sympy antiderivative (only tried for expressions
small enough to integrate quickly, and always checked against the numeric
value); otherwise integrals are computed numerically with adaptive
Gauss-Legendre quadrature in numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

import numpy as np
import sympy

from ._roots import singular_candidates
from ._valued import NumberLike
from ._symbolic import is_finite_real, real_symbol, to_exact, to_plain, to_real
from .functions import Function, as_function
from .limits import _one_sided, sympy_within_budget

__all__ = [
    "RULES",
    "RiemannSum",
    "riemann_sum",
    "definite_integral",
    "exact_integral",
    "accumulation",
    "NumericIntegral",
    "improper_integral",
    "antiderivative",
    "NoElementaryAntiderivative",
    "antiderivative_steps",
    "IntegralStep",
    "integration_errors",
    "IntegrationErrors",
]

RULES = ("left", "right", "midpoint", "trapezoid", "simpson")
MAX_SYMBOLIC_OPS = 40  # sympy integrates below this size quickly; bigger input goes numeric
SIMPSON_SAMPLES = 17  # points per parabola in a Simpson shape


# -- Riemann sums ------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class RiemannSum(NumberLike):
    """A Riemann sum (or trapezoid/Simpson rule) with the pieces a scene draws.

    It behaves as the float ``value`` in arithmetic and comparisons
    (``riemann_sum(f, 0, 1, 8) - exact`` just works).

    Attributes
    ----------
    value : float
        The sum; equals ``sum(signed_areas)`` (also ``float(riemann)``).
    rule, n, a, b
        The rule, number of cells and interval.
    nodes : ndarray, shape (n + 1,)
        Cell edges ``a = x_0 < ... < x_n = b``.
    sample_x : ndarray
        Where heights are taken: left ends, right ends or midpoints (n values)
        for the rectangle rules, the nodes (n + 1 values) for trapezoid/Simpson.
    heights : ndarray
        ``f(sample_x)``.
    shapes : tuple of ndarray, each shape (k, 2)
        Closed polygon of each piece in graph coordinates, counter-clockwise
        when above the axis: rectangles from y = 0 to the height (below the axis
        for a negative height), trapezoids, and for Simpson one region per pair
        of cells under the interpolating parabola (sampled at SIMPSON_SAMPLES points).
    signed_areas : ndarray
        Signed area of each shape, from the same heights.
    """

    value: float
    rule: str
    n: int
    a: float
    b: float
    nodes: np.ndarray
    sample_x: np.ndarray
    heights: np.ndarray
    shapes: tuple
    signed_areas: np.ndarray

    def __float__(self) -> float:
        return self.value


def riemann_sum(f, a, b, n, rule: str = "left") -> RiemannSum:
    """Riemann sum of f over [a, b] with n equal cells.

    Parameters
    ----------
    f : Function or str
        Must be defined on all of [a, b].
    a, b : float
        Interval ends, a < b.
    n : int
        Number of cells, >= 1 (even for Simpson).
    rule : {"left", "right", "midpoint", "trapezoid", "simpson"}

    Examples
    --------
    >>> s = riemann_sum("x", 0, 1, 4)
    >>> s.value, s.heights
    (0.375, array([0.  , 0.25, 0.5 , 0.75]))
    >>> s.shapes[1]
    array([[0.25, 0.  ],
           [0.5 , 0.  ],
           [0.5 , 0.25],
           [0.25, 0.25]])
    >>> riemann_sum("x^3", 0, 2, 2, "simpson").value  # exact for cubics
    4.0
    >>> riemann_sum("x", 0, 1, 4) - 0.5  # the sum behaves as its value
    -0.125
    """
    f = as_function(f)
    rule = _checked_rule(rule)
    n = _checked_cells(n, rule)
    a, b = _checked_bounds(a, b)
    if not _defined_on(f, a, b):
        raise ValueError(f"f = {_text(f)} is not defined on all of [a, b] = [{a:g}, {b:g}]")
    nodes = np.linspace(a, b, n + 1)
    sample_x = _sample_points(nodes, rule)
    heights = np.asarray(f(sample_x), dtype=float)
    if not np.all(np.isfinite(heights)):
        raise ValueError(f"f = {_text(f)} is not finite at some sample point of [{a:g}, {b:g}]")
    shapes, areas = _PIECES[rule](nodes, heights)
    for array in (nodes, sample_x, heights, areas, *shapes):
        array.setflags(write=False)
    return RiemannSum(
        value=float(np.sum(areas)),
        rule=rule,
        n=n,
        a=a,
        b=b,
        nodes=nodes,
        sample_x=sample_x,
        heights=heights,
        shapes=tuple(shapes),
        signed_areas=areas,
    )


@lru_cache(maxsize=256)
def _defined_on(f: Function, lo: float, hi: float) -> bool:
    """Cached ``f.is_defined_on``: a scene asks for many sums over the same interval."""
    return f.is_defined_on(lo, hi)


def _sample_points(nodes: np.ndarray, rule: str) -> np.ndarray:
    if rule == "left":
        return nodes[:-1].copy()
    if rule == "right":
        return nodes[1:].copy()
    if rule == "midpoint":
        return 0.5 * (nodes[:-1] + nodes[1:])
    return nodes.copy()


def _rectangles(nodes: np.ndarray, heights: np.ndarray):
    shapes = [
        np.array([[x0, 0.0], [x1, 0.0], [x1, y], [x0, y]])
        for x0, x1, y in zip(nodes[:-1], nodes[1:], heights)
    ]
    return shapes, np.diff(nodes) * heights


def _trapezoids(nodes: np.ndarray, heights: np.ndarray):
    shapes = [
        np.array([[x0, 0.0], [x1, 0.0], [x1, y1], [x0, y0]])
        for x0, x1, y0, y1 in zip(nodes[:-1], nodes[1:], heights[:-1], heights[1:])
    ]
    return shapes, 0.5 * np.diff(nodes) * (heights[:-1] + heights[1:])


def _parabolas(nodes: np.ndarray, heights: np.ndarray):
    shapes, areas = [], []
    for i in range(0, len(nodes) - 1, 2):
        x0, x2 = nodes[i], nodes[i + 2]
        y0, y1, y2 = heights[i : i + 3]
        s = np.linspace(0.0, 1.0, SIMPSON_SAMPLES)[::-1]  # from x2 back to x0
        # Lagrange form on s in [0, 1] with nodes 0, 1/2, 1.
        curve = y0 * (2 * s - 1) * (s - 1) - 4 * y1 * s * (s - 1) + y2 * s * (2 * s - 1)
        outline = np.column_stack([x0 + s * (x2 - x0), curve])
        shapes.append(np.vstack([[[x0, 0.0], [x2, 0.0]], outline]))
        areas.append((x2 - x0) / 6.0 * (y0 + 4.0 * y1 + y2))
    return shapes, np.array(areas)


_PIECES = {
    "left": _rectangles,
    "right": _rectangles,
    "midpoint": _rectangles,
    "trapezoid": _trapezoids,
    "simpson": _parabolas,
}


# -- antiderivatives --------------------------------------------------------------------
@lru_cache(maxsize=128)
def _antiderivatives(f: Function) -> tuple[sympy.Expr, ...]:
    """Candidate antiderivatives in the real symbol: sympy's, then with log|u| for log(u).

    Empty when the expression is too big, sympy gives up or runs out of time.
    The log|u| form is the real antiderivative where sympy's log(u) is complex
    (``1/x`` for x < 0).
    """
    expr = to_real(f.expr, (f.variable,))
    if sympy.count_ops(expr) > MAX_SYMBOLIC_OPS:
        return ()
    symbol = real_symbol(f.variable)
    result = sympy_within_budget(lambda: sympy.integrate(expr, symbol, risch=False, meijerg=False))
    if result is None or result.has(sympy.Integral):
        return ()
    with_abs = result.replace(sympy.log, lambda u: sympy.log(sympy.Abs(u)))
    return (result,) if with_abs == result else (result, with_abs)


def _as_function(primitive: sympy.Expr, f: Function) -> Function:
    return Function(to_plain(primitive, (f.variable,)), f.variable)


def _close(value: float, expected: float) -> bool:
    return math.isclose(value, expected, rel_tol=1e-7, abs_tol=1e-9)


# -- definite integrals ----------------------------------------------------------------
def exact_integral(f, a, b) -> Optional[sympy.Expr]:
    """The exact value of the integral of f from a to b for display, or None.

    None when sympy finds no antiderivative quickly, or its value does not
    match the numeric integral (a guard against antiderivatives with jumps).
    Floats are read as the decimal they print as; pass ``sympy.pi`` for pi.

    Raises
    ------
    ValueError
        If a bound is not finite or f is not defined on all of [a, b].

    Examples
    --------
    >>> exact_integral("x^2", 0, 1), exact_integral("sin(x)", 0, sympy.pi)
    (1/3, 2)
    >>> exact_integral("1/x", -2, -1)
    -log(2)
    >>> exact_integral("x^x", 0.5, 1) is None
    True
    """
    f = as_function(f)
    lo, hi = _proper_bounds(f, a, b)
    return _verified_exact(f, lo, hi)


def definite_integral(f, a, b) -> float:
    """The integral of f from a to b (exact via sympy when possible, else numeric).

    ``a > b`` gives minus the integral from b to a.  For infinite bounds or
    singular points use :func:`improper_integral`.

    Raises
    ------
    ValueError
        If a bound is not finite or f is not defined on all of [a, b].

    Examples
    --------
    >>> definite_integral("x^2", 0, 1) == 1 / 3
    True
    >>> round(definite_integral("x^x", 0, 1), 12)  # numeric: sum of n^-n for n >= 1
    0.783430510712
    """
    f = as_function(f)
    lo, hi = _proper_bounds(f, a, b)
    exact = _verified_exact(f, lo, hi)
    if exact is not None:
        return float(exact)
    return _quadrature(f, float(lo), float(hi))


def _proper_bounds(f: Function, a, b) -> tuple[sympy.Expr, sympy.Expr]:
    """Exact bounds (in the given order) after checking f on the interval."""
    lo, hi = _exact_bound(a, "a"), _exact_bound(b, "b")
    left, right = sorted((float(lo), float(hi)))
    if left != right and not _defined_on(f, left, right):
        raise ValueError(
            f"f = {_text(f)} is not defined on all of [{left:g}, {right:g}]; use improper_integral"
        )
    return lo, hi


def _verified_exact(f: Function, lo: sympy.Expr, hi: sympy.Expr) -> Optional[sympy.Expr]:
    if lo == hi:
        return sympy.Integer(0)
    symbol = real_symbol(f.variable)
    numeric = None
    for primitive in _antiderivatives(f):
        value = primitive.xreplace({symbol: hi}) - primitive.xreplace({symbol: lo})
        if not is_finite_real(value):
            continue
        if numeric is None:
            numeric = _quadrature(f, float(lo), float(hi))
        if _close(float(value), numeric):
            return value
    return None


def _exact_bound(value, name: str) -> sympy.Expr:
    try:
        return to_exact(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a finite real number, got {value!r}") from None


# -- numeric quadrature ------------------------------------------------------------------
_GAUSS_NODES, _GAUSS_WEIGHTS = np.polynomial.legendre.leggauss(15)
_MAX_ROUNDS = 60
_MAX_PENDING = 20000
_RTOL = 1e-13


def _gauss(func: Callable, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """15-point Gauss-Legendre on each interval [lo_i, hi_i]; ValueError if func is not finite."""
    middle, half = 0.5 * (lo + hi), 0.5 * (hi - lo)
    x = middle[:, None] + half[:, None] * _GAUSS_NODES
    values = np.asarray(func(x), dtype=float) * np.ones_like(x)
    if not np.all(np.isfinite(values)):
        raise ValueError("the integrand is not finite inside the interval")
    return half * (values @ _GAUSS_WEIGHTS)


def _adaptive(func: Callable, a: float, b: float, max_pending: int = _MAX_PENDING) -> tuple[float, bool]:
    """Adaptive Gauss-Legendre on [a, b]: (value, converged).

    Every pending interval is compared with the sum over its two halves; it
    is accepted when they agree to ``_RTOL`` times the size of the integral
    (weighted by its share of [a, b]), otherwise split.
    """
    edges = np.linspace(a, b, 9)
    lo, hi = edges[:-1], edges[1:]
    scale = max(float(np.sum(np.abs(_gauss(func, lo, hi)))), 1e-300)
    accepted: list[float] = []
    for _ in range(_MAX_ROUNDS):
        middle = 0.5 * (lo + hi)
        whole = _gauss(func, lo, hi)
        halves = _gauss(func, lo, middle) + _gauss(func, middle, hi)
        share = np.maximum((hi - lo) / (b - a), 1e-3)
        done = np.abs(whole - halves) <= _RTOL * scale * share
        accepted.extend(halves[done])
        lo, hi, middle = lo[~done], hi[~done], middle[~done]
        if lo.size == 0:
            return math.fsum(accepted), True
        if 2 * lo.size > max_pending:
            break
        lo, hi = np.concatenate([lo, middle]), np.concatenate([middle, hi])
    accepted.extend(_gauss(func, lo, hi))
    return math.fsum(accepted), False


def _quadrature(f: Callable, a: float, b: float) -> float:
    """Numeric integral of f from a to b (a > b allowed)."""
    if a == b:
        return 0.0
    if a > b:
        return -_quadrature(f, b, a)
    return _adaptive(f, a, b)[0]


# -- accumulation ------------------------------------------------------------------------
def accumulation(f, a) -> Function:
    """The accumulation function ``A(x) = integral of f(t) dt from a to x``.

    Exact when sympy finds an antiderivative F quickly: ``A = F - F(a)`` and
    ``A.latex`` shows the formula.  Otherwise ``A.expr`` is a
    :class:`NumericIntegral` (test ``A.expr.has(NumericIntegral)``), shown
    as the integral (``A.latex`` is ``\\int_a^x ... dt``) and evaluated by
    quadrature.  Either way ``A.exact(a) == 0``, ``A(a) == 0.0`` and
    ``A.derivative()`` is f.

    Raises
    ------
    ValueError
        If ``a`` is not a finite number, or f is undefined at ``a`` and has no
        antiderivative that is finite there.

    Examples
    --------
    >>> A = accumulation("2x", 1)
    >>> A, A(3.0), A.exact(1)
    (Function('x**2 - 1', variable='x'), 8.0, 0)
    >>> accumulation("cos(x)", 0).latex
    '\\\\sin{\\\\left(x \\\\right)}'
    >>> B = accumulation("x^x", 1)  # no closed form
    >>> B.expr.has(NumericIntegral), accumulation("cos(x)", 0).expr.has(NumericIntegral)
    (True, False)
    >>> B.latex, B(1.0), round(B(2.0), 9), B.derivative()
    ('\\\\int_{1}^{x} t^{t}\\\\, dt', 0.0, 2.050446235, Function('x**x', variable='x'))
    """
    f = as_function(f)
    start = _exact_bound(a, "a")
    symbol = real_symbol(f.variable)
    for primitive in _antiderivatives(f):
        offset = primitive.xreplace({symbol: start})
        if not is_finite_real(offset):
            continue
        candidate = _as_function(primitive - offset, f)
        if _agrees_with_quadrature(candidate, f, float(start)):
            return candidate
    if not f.is_defined_at(start):
        raise ValueError(f"f = {_text(f)} is undefined at a = {a}: cannot start the accumulation there")
    return _numeric_accumulation(f, start)


def _agrees_with_quadrature(candidate: Function, f: Function, start: float) -> bool:
    """Spot-check A(x) against quadrature wherever f is defined between start and x."""
    scale = max(1.0, abs(start))
    for step in (-2.0, -0.5, 0.5, 2.0):
        end = start + step * scale
        lo, hi = sorted((start, end))
        if f.is_defined_on(lo, hi) and not _close(candidate(end), _quadrature(f, start, end)):
            return False
    return True


class NumericIntegral(sympy.Function):
    """Base class of the accumulation functions that have no closed form.

    Each :func:`accumulation` without a sympy antiderivative makes a subclass
    named ``A`` whose value is computed by quadrature (``_imp_`` for lambdify,
    ``_eval_evalf`` for sympy), whose derivative is the integrand and whose
    LaTeX is the integral.
    """


def _numeric_accumulation(f: Function, start: sympy.Expr) -> Function:
    """A as a sympy function of x with a numeric implementation and derivative f."""
    origin = float(start)
    dummy = sympy.Symbol("t" if f.variable != "t" else "s")
    integrand_latex = sympy.latex(f.expr.xreplace({f.symbol: dummy}))

    def accumulate(x):
        return _integrals_from(f, origin, x)

    class A(NumericIntegral):
        nargs = 1
        _imp_ = staticmethod(accumulate)

        @classmethod
        def eval(cls, arg):
            if arg == start:
                return sympy.S.Zero
            return None

        def fdiff(self, argindex=1):
            return f.expr.xreplace({f.symbol: self.args[0]})

        def _eval_evalf(self, prec):
            if self.args[0].is_number:
                return sympy.Float(accumulate(float(self.args[0])), prec)
            return None

        def _latex(self, printer):
            lower, upper = printer._print(start), printer._print(self.args[0])
            return rf"\int_{{{lower}}}^{{{upper}}} {integrand_latex}\, d{dummy}"

    return Function(A(f.symbol), f.variable)


def _integrals_from(f: Function, origin: float, x):
    """Integral of f from origin to each x (float or array); nan past a point where f fails."""
    points = np.asarray(x, dtype=float)
    flat = points.ravel()
    result = np.full(flat.shape, np.nan)
    for direction in (1.0, -1.0):
        chosen = np.flatnonzero(np.isfinite(flat) & (direction * (flat - origin) >= 0))
        chosen = chosen[np.argsort(direction * flat[chosen])]
        total, previous = 0.0, origin
        for index in chosen:
            try:
                total += _quadrature(f, previous, flat[index])
            except ValueError:
                break
            result[index], previous = total, flat[index]
    values = result.reshape(points.shape)
    return float(values) if values.ndim == 0 else values


# -- improper integrals ---------------------------------------------------------------------
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
    lo, hi = (_extended_bound(value, name) for value, name in ((a, "a"), (b, "b")))
    if not lo < hi:
        raise ValueError(f"need a < b, got a = {a}, b = {b}")
    return lo, hi


def _extended_bound(value, name: str) -> sympy.Expr:
    if value in (math.inf, sympy.oo):
        return sympy.oo
    if value in (-math.inf, -sympy.oo):
        return -sympy.oo
    try:
        return to_exact(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number or +-inf, got {value!r}") from None


_SEARCH_WIDTH = 1e3  # how far past the finite part poles are looked for on an infinite interval


def _pieces(f: Function, lo: sympy.Expr, hi: sympy.Expr) -> list[tuple[sympy.Expr, sympy.Expr]]:
    """[lo, hi] split at the interior points where f is undefined (exact where sympy knows them)."""
    finite = [float(v) for v in (lo, hi) if v.is_finite]
    window = (
        float(lo) if lo.is_finite else min(finite, default=0.0) - _SEARCH_WIDTH,
        float(hi) if hi.is_finite else max(finite, default=0.0) + _SEARCH_WIDTH,
    )
    cuts = [p.value for p in f.breakpoints(*window) if not p.defined and float(lo) < p.value < float(hi)]
    exact = [c.exact for c in singular_candidates(*_real_form(f), *window) if c.exact is not None]
    edges = [lo, *(_exact_cut(cut, exact) for cut in cuts), hi]
    return list(zip(edges[:-1], edges[1:]))


def _exact_cut(cut: float, candidates: list) -> sympy.Expr:
    for candidate in candidates:
        if abs(float(candidate) - cut) <= 1e-9 * max(1.0, abs(cut)):
            return candidate
    return to_exact(cut)


def _real_form(f: Function) -> tuple[sympy.Expr, sympy.Symbol]:
    return to_real(f.expr, (f.variable,)), real_symbol(f.variable)


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
            f"f = {_text(f)} is not defined on all of ({lo:g}, {hi:g}) (e.g. at x = {missing[0]:.6g})"
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
    for primitive in _antiderivatives(f):
        F = _as_function(primitive, f)
        upper, lower = _one_sided(F, hi, "-"), _one_sided(F, lo, "+")
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
    return _close(F(q) - F(p), _quadrature(f, p, q))


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
            value, converged = _adaptive(integrand, lower, upper, _SLICE_PENDING)
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


def _checked_rule(rule) -> str:
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    return rule


def _checked_cells(n, rule: str) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if rule == "simpson" and n % 2:
        raise ValueError(f"n must be even for the simpson rule, got n = {n}")
    return int(n)


def _checked_bounds(a, b) -> tuple[float, float]:
    try:
        lo, hi = float(a), float(b)
    except (TypeError, ValueError):
        raise ValueError(f"a and b must be real numbers, got {a!r} and {b!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"a and b must be finite, got a = {a}, b = {b}")
    if not lo < hi:
        raise ValueError(f"need a < b, got a = {a}, b = {b}")
    return lo, hi


def _text(f: Function) -> str:
    return str(f.expr).replace("Abs", "abs").replace("**", "^")


# Re-exported at the end: these modules build on the helpers above.
from .antiderivatives import IntegralStep, NoElementaryAntiderivative, antiderivative, antiderivative_steps
from .quadrature_errors import IntegrationErrors, integration_errors
