"""The line a textbook writes between f(a + h) and its collected powers of h: each power of (a + h) multiplied
out on its own, the terms not yet collected (for a polynomial f)."""

from __future__ import annotations

import sympy

from ._symbolic import to_exact
from .functions import as_function

__all__ = ["powers_multiplied_out"]


def _ascending(expr: sympy.Expr, h: sympy.Symbol) -> str:
    """A polynomial in ``h`` written from its constant term up: 27/8 + 27h/4 + 9h^2/2 + h^3."""
    poly = sympy.Poly(expr, h)
    text = ""
    for (k,), c in sorted(poly.terms()):
        term = c * h**k
        latex = sympy.latex(-term if term.could_extract_minus_sign() else term)
        text += latex if not text and not term.could_extract_minus_sign() else (
            f" - {latex}" if term.could_extract_minus_sign() else f" + {latex}")
    return text.lstrip()


def powers_multiplied_out(f, a) -> str | None:
    """The difference quotient (f(a + h) - f(a)) / h with each power of (a + h) in f multiplied out, term by term
    as f is written; None when f is not a polynomial or has no power above the first (nothing to multiply out).

    >>> powers_multiplied_out("x^2", 3)
    '\\\\frac{\\\\left(9 + 6 h + h^{2}\\\\right) - 9}{h}'
    """
    f = as_function(f)
    x, h = f.symbol, sympy.Symbol("h")
    point = to_exact(a)
    if not f.expr.is_polynomial(x) or sympy.degree(f.expr, x) < 2:
        return None
    pieces = []
    for term in f.expr.as_ordered_terms():  # as f is printed
        c, rest = term.as_coeff_Mul()
        n = sympy.degree(rest, x) if rest.has(x) else 0
        if n == 0:
            body, c = sympy.latex(abs(term)), sympy.sign(term)
            bare = True
        else:
            if rest != x**n:  # a product the term-by-term form cannot show (c x^n only)
                return None
            inner = sympy.expand((point + h) ** n) if n > 1 else sympy.Add(point, h, evaluate=False)
            body = rf"\left({_ascending(inner, h) if n > 1 else sympy.latex(inner, order='none')}\right)"
            bare = False
        magnitude = abs(c)
        shown = body if magnitude == 1 or bare else f"{sympy.latex(magnitude)} {body}"
        negative = c < 0
        pieces.append((negative, shown))
    first_negative, first = pieces[0]
    text = ("- " if first_negative else "") + first
    text += "".join(f" - {p}" if neg else f" + {p}" for neg, p in pieces[1:])
    f_a = f.expr.subs(x, point)
    at_a = sympy.latex(f_a) if f_a.is_Atom and f_a >= 0 else rf"\left({sympy.latex(f_a)}\right)"
    return rf"\frac{{{text} - {at_a}}}{{h}}"
