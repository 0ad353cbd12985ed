"""Secants, tangents, the derivative at a point and linear approximation; extrema and convexity
(:mod:`calcviz.extrema`) gathered here under the name the course uses.

Every function accepts a :class:`~calcviz.Function` or anything
``Function()`` accepts (text, sympy expression, number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import numpy as np
import sympy

from ._symbolic import to_exact
from .extrema import ConvexityInterval, CriticalPoint, IntervalExtreme, convexity, critical_points, inflection_points, interval_extremes
from .functions import Function, as_function, exact_slope

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
        raise ValueError(f"{f.text} is undefined at {f.variable} = {a}")
    try:
        slope = exact_slope(f, point)
    except ValueError:
        slope = None
    if slope is None or not _one_sided_slopes_agree(f, float(point), float(slope)):
        raise ValueError(f"{f.text} is not differentiable at {f.variable} = {a}")
    return point, f.exact(point), slope


def _one_sided_slopes_agree(f: Function, a: float, slope: float) -> bool:
    """Numeric safety net: one-sided difference quotients match ``slope``."""
    h = 1e-6 * max(1.0, abs(a))
    centre = f(a)
    quotients = np.array([(f(a + h) - centre) / h, (centre - f(a - h)) / h])
    quotients = quotients[np.isfinite(quotients)]
    tolerance = _ONE_SIDED_TOLERANCE * (1.0 + abs(slope))
    return bool(np.all(np.abs(quotients - slope) <= tolerance))


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
