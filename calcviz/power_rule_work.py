"""A polynomial's antiderivative worked out term by term with the reverse power rule, as a
textbook writes it (AreaAccumulation's derivation of A(x)).

    ∫ (x² − 4x + 3) dx = x³/3 − 4·x²/2 + 3x + C = x³/3 − 2x² + 3x + C
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .functions import as_function

__all__ = ["NotAPolynomial", "POWER_RULE_LATEX", "ReversePowerWork", "reverse_power_work"]

POWER_RULE_LATEX = r"\int x^{n}\,dx = \frac{x^{n+1}}{n+1} + C"


class NotAPolynomial(ValueError):
    """The reverse power rule alone integrates polynomials only."""


@dataclass(frozen=True)
class ReversePowerWork:
    """Each line of ∫ f dx for a polynomial f, and the area function from ``start``.

    ``expanded``: f multiplied out, highest power first; ``termwise``: each term c·xⁿ replaced by
    c·x^(n+1)/(n+1) before any simplification; ``antiderivative``: that simplified (F, with F's
    constant 0); ``at_start``: F(start) exactly; ``area``: A(x) = F(x) − F(start), simplified.
    """

    expanded: str
    termwise: str
    antiderivative: str
    at_start: str
    area: str


def _signed(terms: list[tuple[sympy.Expr, str]]) -> str:
    """Terms (coefficient, LaTeX of the rest, '' for a constant) joined with their signs."""
    out = []
    for i, (coefficient, rest) in enumerate(terms):
        negative = coefficient < 0
        size = -coefficient if negative else coefficient
        if rest and size == 1:
            body = rest
        elif rest:
            body = f"{sympy.latex(size)} {rest}"
        else:
            body = sympy.latex(size)
        sign = ("- " if negative else "") if i == 0 else ("- " if negative else "+ ")
        out.append(f"{sign}{body}")
    return " ".join(out)


def _power(x: sympy.Symbol, n: int) -> str:
    return "" if n == 0 else sympy.latex(x) if n == 1 else f"{sympy.latex(x)}^{{{n}}}"


def reverse_power_work(f, start=0) -> ReversePowerWork:
    """The reverse power rule applied to each term of the polynomial ``f``.

    >>> work = reverse_power_work("(x - 1)*(x - 3)")
    >>> work.expanded, work.termwise, work.antiderivative, work.at_start, work.area
    ('x^{2} - 4 x + 3', '\\\\frac{x^{3}}{3} - 4 \\\\cdot \\\\frac{x^{2}}{2} + 3 x', '\\\\frac{x^{3}}{3} - 2 x^{2} + 3 x', '0', '\\\\frac{x^{3}}{3} - 2 x^{2} + 3 x')

    Raises
    ------
    NotAPolynomial
        If f is not a polynomial in its variable.
    """
    f = as_function(f)
    x = f.symbol
    if not f.expr.is_polynomial(x):
        raise NotAPolynomial(f"{f.expr} is not a polynomial: the reverse power rule alone does not integrate it")
    poly = sympy.Poly(sympy.expand(f.expr), x)
    terms = [(coefficient, n) for (n,), coefficient in poly.terms() if coefficient != 0]  # highest power first
    expanded = _signed([(c, _power(x, n)) for c, n in terms])
    termwise = []
    for c, n in terms:
        if n == 0:
            termwise.append((c, sympy.latex(x)))
        elif c == 1 or c == -1:
            termwise.append((c, rf"\frac{{{_power(x, n + 1)}}}{{{n + 1}}}"))
        else:
            termwise.append((c, rf"\cdot \frac{{{_power(x, n + 1)}}}{{{n + 1}}}"))
    F = sympy.integrate(poly.as_expr(), x)
    point = sympy.nsimplify(start)
    at_start = F.subs(x, point)
    area = sympy.expand(F - at_start)
    return ReversePowerWork(expanded, _signed(termwise), _descending(F, x), sympy.latex(at_start), _descending(area, x))


def _descending(expr: sympy.Expr, x: sympy.Symbol) -> str:
    """A polynomial's LaTeX, highest power first, each term as sympy writes it (x³/3, 2x²)."""
    poly = sympy.Poly(expr, x)
    parts = []
    for (n,), c in poly.terms():
        term = c * x**n
        tex = sympy.latex(-term if c < 0 else term)
        parts.append((c < 0, tex))
    text = ""
    for i, (negative, tex) in enumerate(parts):
        text += (("- " if negative else "") if i == 0 else (" - " if negative else " + ")) + tex
    return text or "0"
