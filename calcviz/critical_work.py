"""Solving grad f = 0 on screen, when it splits: f_x in x alone and f_y in y alone, each equation solved by itself."""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .multivariate import as_field

__all__ = ["EquationWork", "critical_work"]


@dataclass(frozen=True)
class EquationWork:
    """One equation of grad f = 0, in one variable: ``partial_latex = 0`` gives ``variable = roots_latex``."""

    variable: str
    partial_latex: str  # the partial derivative, a formula in ``variable`` only
    roots: tuple  # its real zeros inside the variable's range (exact), ascending
    roots_latex: str  # "\pm 1" for a symmetric pair, else the roots separated by commas


def critical_work(F, x_range, y_range) -> tuple[EquationWork, EquationWork] | None:
    """``(x-equation, y-equation)`` when ``f_x`` depends on ``x`` only and ``f_y`` on ``y`` only, else None.

    The critical points in the rectangle are then every pair of an x-root and a y-root.

    Examples
    --------
    >>> ex, ey = critical_work("x^3/3 - x - y^3/3 + y", (-2, 2), (-2, 2))
    >>> print(ex.partial_latex, "= 0 ->", ex.variable, "=", ex.roots_latex)
    x^{2} - 1 = 0 -> x = \\pm 1
    >>> print(critical_work("x*y", (-1, 1), (-1, 1)))
    None
    """
    F = as_field(F)
    works = []
    for symbol, name, (lo, hi) in zip(F.symbols, F.variables, (x_range, y_range)):
        partial = sympy.expand(sympy.diff(F.expr, symbol))
        if partial.free_symbols - {symbol} or symbol not in partial.free_symbols:
            return None  # mixed, or constant in its own variable: it does not split
        zeros = sympy.solveset(partial, symbol, domain=sympy.Interval(sympy.nsimplify(lo), sympy.nsimplify(hi)))
        if not isinstance(zeros, sympy.FiniteSet):
            return None
        roots = tuple(sorted(zeros, key=float))
        works.append(EquationWork(name, sympy.latex(partial), roots, _roots_latex(roots)))
    return works[0], works[1]


def _roots_latex(roots: tuple) -> str:
    if len(roots) == 2 and sympy.simplify(roots[0] + roots[1]) == 0:
        return rf"\pm {sympy.latex(abs(roots[1]))}"
    return ",\\ ".join(sympy.latex(r) for r in roots)
