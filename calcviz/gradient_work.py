"""The gradient at a point worked out on screen: each partial's formula, the point plugged in, its value."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ._symbolic import to_exact
from .multivariate import as_field, exact_gradient

__all__ = ["PartialWork", "gradient_work"]


@dataclass(frozen=True)
class PartialWork:
    """One partial derivative at a point: ``f_x = formula``, then ``= substituted = value``."""

    variable: str
    formula_latex: str  # the partial as a formula in x and y
    substituted_latex: str  # the same formula with the point's numbers in place of x and y
    value: sympy.Expr  # its exact value there
    value_latex: str


def gradient_work(F, point) -> tuple[PartialWork, PartialWork]:
    """``(f_x, f_y)`` at ``point``, each worked: formula, the point plugged in, exact value.

    Products of plugged-in numbers are written with a dot, and a negative or fractional
    number in parentheses, so the substituted line reads unambiguously.

    Examples
    --------
    >>> fx, fy = gradient_work("x^2/2 + y^2 + x*y/3 + x^3/12", (2, 1))
    >>> print(fx.formula_latex, "|", fx.substituted_latex, "|", fx.value_latex)
    \\frac{x^{2}}{4} + x + \\frac{y}{3} | \\frac{2^{2}}{4} + 2 + \\frac{1}{3} | \\frac{10}{3}
    """
    F = as_field(F)
    values = exact_gradient(F, point)  # checks differentiability at the point
    names = {symbol: _plugged(to_exact(coordinate)) for symbol, coordinate in zip(F.symbols, point)}
    works = []
    for symbol, name, value in zip(F.symbols, F.variables, values):
        partial = sympy.diff(F.expr, symbol)
        works.append(PartialWork(name, sympy.latex(partial), sympy.latex(partial, symbol_names=names, mul_symbol="dot"),
                                 value, sympy.latex(value)))
    return works[0], works[1]


def _plugged(number: sympy.Expr) -> str:
    """A coordinate as it replaces its symbol: bare when a non-negative integer, else in parentheses."""
    text = sympy.latex(number)
    return text if number.is_integer and number >= 0 else rf"\left({text}\right)"
