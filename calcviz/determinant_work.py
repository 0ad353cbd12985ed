"""The Hessian test's determinant worked out on screen: D = f_xx f_yy - f_xy^2 as a formula in x and y,
then a critical point plugged in, then its value."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from ._symbolic import to_exact
from .gradient_work import _plugged
from .multivariate import as_field

__all__ = ["DeterminantWork", "determinant_work"]


@dataclass(frozen=True)
class DeterminantWork:
    """``D = formula``, then ``= substituted = value`` at one point."""

    formula_latex: str  # f_xx f_yy - f_xy^2, simplified, in x and y
    substituted_latex: str  # the same formula with the point's numbers in place of x and y
    value: sympy.Expr  # its exact value there
    value_latex: str


def determinant_work(F, point) -> DeterminantWork:
    """The determinant of the Hessian of ``F``, as a formula and at ``point``, worked.

    Examples
    --------
    >>> w = determinant_work("x^3/3 - x - y^3/3 + y", (-1, 1))
    >>> print(w.formula_latex, "|", w.substituted_latex, "|", w.value_latex)
    - 4 x y | - 4 \\cdot \\left(-1\\right) \\cdot 1 | 4
    """
    F = as_field(F)
    x, y = F.symbols
    fxx, fxy, fyy = sympy.diff(F.expr, x, 2), sympy.diff(F.expr, x, y), sympy.diff(F.expr, y, 2)
    formula = sympy.simplify(fxx * fyy - fxy**2)
    exact_point = {symbol: to_exact(coordinate) for symbol, coordinate in zip(F.symbols, point)}
    names = {symbol: _plugged(value) for symbol, value in exact_point.items()}
    value = sympy.simplify(formula.subs(exact_point))
    return DeterminantWork(sympy.latex(formula), sympy.latex(formula, symbol_names=names, mul_symbol="dot"), value, sympy.latex(value))
