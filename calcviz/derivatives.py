"""Secants, tangents, linear approximation, extrema and convexity.

Every function accepts a :class:`~calcviz.Function` or anything
``Function()`` accepts (text, sympy expression, number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import numpy as np
import sympy

from ._numeric import merge_close
from ._roots import real_zeros
from ._symbolic import exact_real_value, is_finite_real, to_exact
from .functions import Function, as_function

__all__ = [
    "secant_slope",
    "secant_slopes",
    "difference_quotient",
    "exact_slope",
    "TangentLine",
    "tangent_line",
    "linear_approximation",
    "ApproximationError",
    "approximation_errors",
    "CriticalPoint",
    "critical_points",
    "inflection_points",
    "IntervalExtreme",
    "interval_extremes",
    "ConvexityInterval",
    "convexity",
]

MAX_CLASSIFYING_ORDER = 8
MAX_LIMIT_OPS = 40
_ONE_SIDED_TOLERANCE = 1e-3


def secant_slope(f, a: float, h: float) -> float:
    """Slope ``(f(a + h) - f(a)) / h`` of the secant through a and a + h.

    Examples
    --------
    >>> secant_slope("x^2", 1.0, 0.5)
    2.5
    """
    if h == 0:
        raise ValueError("h must be nonzero for a secant slope")
    f = as_function(f)
    return float((f(float(a) + float(h)) - f(float(a))) / float(h))


def secant_slopes(f, xs, h: float) -> np.ndarray:
    """:func:`secant_slope` at every point of ``xs`` at once, as an array.

    Examples
    --------
    >>> secant_slopes("x^2", [0.0, 1.0, 2.0], 0.5)
    array([0.5, 2.5, 4.5])
    """
    if h == 0:
        raise ValueError("h must be nonzero for a secant slope")
    f = as_function(f)
    xs = np.asarray(xs, dtype=float)
    return (np.asarray(f(xs + float(h)), dtype=float) - np.asarray(f(xs), dtype=float)) / float(h) * np.ones_like(xs)


@dataclass(frozen=True)
class TangentLine:
    """The line ``y = y0 + slope * (x - a)``, callable on floats/arrays.

    Examples
    --------
    >>> line = TangentLine(a=1.0, y0=1.0, slope=2.0, intercept=-1.0)
    >>> line(3.0), line(np.array([0.0, 1.0]))
    (5.0, array([-1.,  1.]))
    """

    a: float
    y0: float
    slope: float
    intercept: float

    def __call__(self, x):
        values = self.y0 + self.slope * (np.asarray(x, dtype=np.float64) - self.a)
        return float(values) if np.ndim(values) == 0 else values


def tangent_line(f, a) -> TangentLine:
    """Tangent line to the graph of f at ``x = a`` (slope from exact f').

    Raises
    ------
    ValueError
        If f is undefined at ``a`` or not differentiable there.

    Examples
    --------
    >>> tangent_line("x^2", 1)
    TangentLine(a=1.0, y0=1.0, slope=2.0, intercept=-1.0)
    >>> tangent_line("abs(x)", 0)
    Traceback (most recent call last):
    ...
    ValueError: abs(x) is not differentiable at x = 0
    """
    f = as_function(f)
    point, value, slope = _exact_tangent_data(f, a)
    intercept = value - slope * point
    return TangentLine(float(a), float(value), float(slope), float(intercept))


def linear_approximation(f, a) -> Function:
    """The linearisation ``L(x) = f(a) + f'(a)(x - a)``, exactly.

    Examples
    --------
    >>> linear_approximation("sqrt(x)", 4)
    Function('x/4 + 1', variable='x')
    """
    f = as_function(f)
    point, value, slope = _exact_tangent_data(f, a)
    return Function(sympy.expand(value + slope * (f.symbol - point)), f.variable)


def _exact_tangent_data(f: Function, a):
    """Exact ``(a, f(a), f'(a))`` after checking differentiability."""
    point = to_exact(a)
    if not f.is_defined_at(point):
        raise ValueError(f"{_text(f)} is undefined at {f.variable} = {a}")
    try:
        slope = exact_slope(f, point)
    except ValueError:
        slope = None
    if slope is None or not _one_sided_slopes_agree(f, float(point), float(slope)):
        raise ValueError(f"{_text(f)} is not differentiable at {f.variable} = {a}")
    return point, f.exact(point), slope


def exact_slope(f, point) -> sympy.Expr:
    """Exact f'(point); ValueError if f is not differentiable there.

    Where the derivative formula is indeterminate (``0/0`` as for
    ``abs(x)**3`` at 0) the two one-sided limits of f' are compared; when
    they agree (and f is continuous) that common value is f'(point).

    Examples
    --------
    >>> exact_slope("abs(x)^3", 0), exact_slope("x^2", 3)
    (0, 6)
    """
    f = as_function(f)
    expr, symbol = _real(f.derivative()), _real_symbol(f)
    value = expr.xreplace({symbol: to_exact(point)})
    if value.has(sympy.nan) and not value.has(sympy.zoo):
        value = _common_one_sided_limit(expr, symbol, to_exact(point))
    return exact_real_value(value)


def _common_one_sided_limit(expr, symbol, point) -> sympy.Expr:
    """Common value of both one-sided limits, or nan (also when too costly).

    Only attempted for small expressions with ``Abs`` (whose derivative is
    written ``u/Abs(u)``): sympy's ``limit`` can be very slow otherwise.
    """
    if not expr.has(sympy.Abs) or sympy.count_ops(expr) > MAX_LIMIT_OPS:
        return sympy.nan
    try:
        right = sympy.limit(expr, symbol, point, "+")
        left = sympy.limit(expr, symbol, point, "-")
    except (NotImplementedError, ValueError, TypeError):
        return sympy.nan
    return right if right == left else sympy.nan


def _text(f: Function) -> str:
    return str(f.expr).replace("Abs", "abs")


def _one_sided_slopes_agree(f: Function, a: float, slope: float) -> bool:
    """Numeric safety net: one-sided difference quotients match ``slope``."""
    h = 1e-6 * max(1.0, abs(a))
    centre = f(a)
    quotients = np.array([(f(a + h) - centre) / h, (centre - f(a - h)) / h])
    quotients = quotients[np.isfinite(quotients)]
    tolerance = _ONE_SIDED_TOLERANCE * (1.0 + abs(slope))
    return bool(np.all(np.abs(quotients - slope) <= tolerance))


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
    zeros = real_zeros(_real(first), _real_symbol(f), lo, hi)
    found = [_critical_point(f, z.value, z.exact, _gap(zeros, lo, hi)) for z in zeros]
    return tuple(point for point in found if point is not None)


def _real(f: Function) -> sympy.Expr:
    return f._real_expr


def _real_symbol(f: Function) -> sympy.Symbol:
    return f._real_symbol


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
        value = _real(f.derivative(order)).xreplace({_real_symbol(f): root})
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
        raise ValueError(f"{_text(f)} has no finite value at the candidates on [{lo}, {hi}]")
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
    zeros = [z.value for z in real_zeros(_real(second), _real_symbol(f), lo, hi)]
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


def difference_quotient(f, a) -> Function:
    """The difference quotient (f(a+h) - f(a))/h at ``a``, simplified, as a Function of h.

    Its limit as h -> 0 is f'(a); the secant scene shows both.

    >>> q = difference_quotient(Function("x^2"), 3)
    >>> q.expr, q.variable
    (h + 6, 'h')
    >>> q(0.5)
    6.5
    """
    f = as_function(f)
    h = sympy.Symbol("h")
    point = to_exact(a)
    quotient = (f.expr.subs(f.symbol, point + h) - f.expr.subs(f.symbol, point)) / h
    return Function(sympy.simplify(sympy.cancel(sympy.expand(quotient))), variable="h")


@dataclass(frozen=True)
class DifferenceQuotientWork:
    """The working of f'(a) from its definition, one line each (LaTeX, limits left implicit).

    ``substituted``: the quotient with f written out at a + h and at a; ``multiplied``: f(a + h)
    multiplied out beside f(a), before they cancel; ``expanded``: the numerator once the constant
    terms cancel (``multiplied`` and ``expanded`` are None when f is not a polynomial);
    ``divided``: h divided out; ``value``: f'(a), the limit as h -> 0; ``f_at_a``: f(a) worked
    out term by term (``9/8 - 3/2 = -3/8``).
    """

    f_at_a: str
    substituted: str
    multiplied: Optional[str]
    expanded: Optional[str]
    divided: str
    value: str


def difference_quotient_work(f, a) -> DifferenceQuotientWork:
    """Each line of the limit of the difference quotient at ``a``, as a textbook writes it.

    >>> work = difference_quotient_work(Function("x^2"), 3)
    >>> work.expanded, work.divided, work.value
    ('\\\\frac{h^{2} + 6 h}{h}', 'h + 6', '6')
    """
    f = as_function(f)
    h = sympy.Symbol("h")
    point = to_exact(a)
    at = sympy.Add(point, h, evaluate=False)
    # f as written, with a + h in place of x: print f with a placeholder X, then put a + h there
    written = sympy.latex(f.expr.xreplace({f.symbol: sympy.Symbol("X")}))
    inner = sympy.latex(at, order="none")
    shown_at = re.sub(r"\\left\(X\s*\\right\)", lambda _: rf"\left({inner}\right)", written).replace("{X}", f"{{{inner}}}")
    shown_at = shown_at.replace("X", rf"\left({inner}\right)")
    f_a = f.expr.subs(f.symbol, point)
    value_at_a = sympy.latex(f_a) if f_a.is_Atom and f_a >= 0 else rf"\left({sympy.latex(f_a)}\right)"
    terms = [term.subs(f.symbol, point) for term in f.expr.as_ordered_terms()]  # as f is printed
    f_at_a = sympy.latex(f_a)
    if len(terms) > 1:
        shown = sympy.latex(terms[0]) + "".join(
            f" - {sympy.latex(-t)}" if t.could_extract_minus_sign() else f" + {sympy.latex(t)}" for t in terms[1:])
        f_at_a = f"{shown} = {f_at_a}"
    substituted = rf"\frac{{{shown_at} - {value_at_a}}}{{h}}"
    numerator = sympy.expand(f.expr.subs(f.symbol, point + h) - f_a)
    multiplied = expanded = None
    if numerator.is_polynomial(h):
        at_a_plus_h = sympy.latex(sympy.Poly(sympy.expand(f.expr.subs(f.symbol, point + h)), h).as_expr())
        multiplied = rf"\frac{{\left({at_a_plus_h}\right) - {value_at_a}}}{{h}}"
        expanded = rf"\frac{{{sympy.latex(sympy.Poly(numerator, h).as_expr())}}}{{h}}"
    quotient = difference_quotient(f, a)
    return DifferenceQuotientWork(f_at_a, substituted, multiplied, expanded, quotient.latex,
                                  sympy.latex(f.derivative().exact(a)))


@dataclass(frozen=True)
class ApproximationError:
    """How far the tangent line misses f one step h from the point."""

    h: float
    error: float  # f(a+h) - L(a+h)
    ratio: float  # error / h: tends to 0 because the error is o(h)


def approximation_errors(f, a, steps) -> tuple[ApproximationError, ...]:
    """The linear approximation's error at a+h for each step h, and error/h.

    >>> rows = approximation_errors(Function("x^2"), 1, [0.1, 0.01])
    >>> [(r.h, round(r.error, 10), round(r.ratio, 10)) for r in rows]
    [(0.1, 0.01, 0.1), (0.01, 0.0001, 0.01)]
    """
    f = as_function(f)
    line = tangent_line(f, a)
    rows = []
    for h in steps:
        if h == 0:
            raise ValueError("the step h must not be 0")
        error = float(f(a + h) - line(a + h))
        rows.append(ApproximationError(h=float(h), error=error, ratio=error / h))
    return tuple(rows)
