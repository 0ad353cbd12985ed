"""A partial derivative worked term by term, the other variable held as a constant (PartialDerivatives'
general f_x):

    ∂/∂x (−x²/2 + xy/3 − y²/4 + 4) = −x + y/3 + 0 + 0 = −x + y/3
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .multivariate import as_field

__all__ = ["TermwisePartial", "termwise_partial"]


@dataclass(frozen=True)
class TermwisePartial:
    """``variable``: the one differentiated in; ``held``: the one treated as a constant; ``function_latex``: f's
    terms in the order f is written; ``termwise_latex``: each term's partial in that same order, a constant
    term's 0 kept, before any collecting; ``result_latex``: the partial, simplified."""

    variable: str
    held: str
    function_latex: str
    termwise_latex: str
    result_latex: str


def _joined(terms) -> str:
    """Terms joined with their own signs: a term written with a leading minus is subtracted."""
    out = []
    for i, term in enumerate(terms):
        text = sympy.latex(term)
        if i == 0:
            out.append(text)
        elif text.startswith("- "):
            out.append(f"- {text[2:]}")
        else:
            out.append(f"+ {text}")
    return " ".join(out)


def termwise_partial(F, variable: str) -> TermwisePartial:
    """The partial of ``F`` in ``variable``, each term of F differentiated on its own.

    Examples
    --------
    >>> work = termwise_partial("4 - x^2/2 - y^2/4 + x*y/3", "x")
    >>> work.termwise_latex, work.result_latex
    ('- x + \\\\frac{y}{3} + 0 + 0', '- x + \\\\frac{y}{3}')
    """
    F = as_field(F)
    if variable not in F.variables:
        raise ValueError(f"{variable!r} is not a variable of {F.expr} (expected one of {F.variables})")
    symbol = F.symbols[F.variables.index(variable)]
    (held,) = [name for name in F.variables if name != variable]
    terms = F.expr.as_ordered_terms()
    return TermwisePartial(variable, held, _joined(terms), _joined([sympy.diff(t, symbol) for t in terms]),
                           sympy.latex(sympy.diff(F.expr, symbol)))
