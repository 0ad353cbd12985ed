"""A rational function's common factor cancelled, as a textbook writes it (LimitsViaSequences):

    (x² − 4)/(x − 2) = (x − 2)(x + 2)/(x − 2) = x + 2   for x ≠ 2
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .functions import as_function

__all__ = ["Cancellation", "cancellation"]


@dataclass(frozen=True)
class Cancellation:
    """``factored``: numerator and denominator each factored (LaTeX, one fraction); ``cancelled``: the
    fraction with the common factor gone (LaTeX); ``common``: that factor (LaTeX)."""

    factored: str
    cancelled: str
    common: str


def cancellation(f) -> Cancellation | None:
    """The common factor of f's numerator and denominator cancelled; None when they share none.

    >>> work = cancellation("(x^2 - 4)/(x - 2)")
    >>> work.factored, work.cancelled, work.common
    ('\\\\frac{\\\\left(x - 2\\\\right) \\\\left(x + 2\\\\right)}{x - 2}', 'x + 2', 'x - 2')
    >>> cancellation("sin(x)/x") is None
    True
    """
    f = as_function(f)
    x = f.symbol
    numerator, denominator = sympy.fraction(sympy.together(f.expr))
    if not (numerator.is_polynomial(x) and denominator.is_polynomial(x)):
        return None
    common = sympy.gcd(numerator, denominator)
    if not common.has(x):
        return None
    top, bottom = sympy.factor(numerator), sympy.factor(denominator)
    with sympy.evaluate(False):
        factored = sympy.Mul(top, sympy.Pow(bottom, -1))
    cancelled = sympy.cancel(numerator / denominator)
    return Cancellation(sympy.latex(factored), sympy.latex(cancelled), sympy.latex(sympy.factor(common)))
