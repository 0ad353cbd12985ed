"""A rational function's common factor cancelled, as a textbook writes it (LimitsViaSequences):

    (x² − 4)/(x − 2) = (x − 2)(x + 2)/(x − 2) = x + 2   for x ≠ 2
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .functions import as_function

__all__ = ["Cancellation", "EverySequence", "cancellation", "along_every_sequence"]


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


@dataclass(frozen=True)
class EverySequence:
    """Why f(x_n) -> L for *every* x_n -> a with x_n != a, once the common factor is cancelled (LimitsViaSequences):

        f(x_n) = x_n + 2 -> 2 + 2 = 4

    ``term``: the cancelled form at x_n (LaTeX, valid because x_n != a); ``at_a``: that form with a put in, not
    yet worked out (LaTeX); ``limit``: its value. The cancelled form is continuous at a (its denominator is not 0
    there), so x_n -> a takes it to its value at a.
    """

    term: str
    at_a: str
    limit: sympy.Expr


def along_every_sequence(f, a, name: str = "x_n") -> EverySequence | None:
    """f(x_n) along any sequence x_n -> a (x_n != a) through the cancelled form; None when nothing cancels or the
    cancelled form is not defined at a (then it does not settle the limit).

    >>> work = along_every_sequence("(x^2 - 4)/(x - 2)", 2)
    >>> work.term, work.at_a, work.limit
    ('x_{n} + 2', '2 + 2', 4)
    """
    f = as_function(f)
    if cancellation(f) is None:
        return None
    x = f.symbol
    numerator, denominator = sympy.fraction(sympy.together(f.expr))
    cancelled = sympy.cancel(numerator / denominator)
    point = sympy.nsimplify(a)
    _, rest = sympy.fraction(cancelled)
    if rest.subs(x, point) == 0:
        return None
    with sympy.evaluate(False):
        at_a = cancelled.subs(x, point)
    return EverySequence(sympy.latex(cancelled.subs(x, sympy.Symbol(name))), sympy.latex(at_a),
                         sympy.simplify(cancelled.subs(x, point)))
