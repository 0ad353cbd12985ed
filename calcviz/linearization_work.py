"""The lines a textbook writes to build the linear approximation L(x) = f(a) + f'(a)(x - a) at a point."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from ._symbolic import to_exact
from .derivatives import linear_approximation
from .functions import as_function

__all__ = ["LinearizationWork", "linearization_work"]


@dataclass(frozen=True)
class LinearizationWork:
    derivative: str  # f'(x)
    slope_at: str  # f'(x) with a in place of x
    slope: str  # f'(a), simplified
    value_at: str  # f(x) with a in place of x
    value: str  # f(a), simplified
    substituted: str  # f(a) + f'(a)(x - a) with the numbers in
    linear: str  # L(x), multiplied out


def _at(f_expr: sympy.Expr, symbol: sympy.Symbol, point: sympy.Expr) -> str:
    """``f_expr`` as written, with ``point`` in place of the variable (in parentheses unless it is an argument in
    braces, as in \\sqrt{4})."""
    written = sympy.latex(f_expr.xreplace({symbol: sympy.Symbol("X")}))
    shown = sympy.latex(point)
    return re.sub(r"(\{)?X(\})?", lambda m: f"{{{shown}}}" if m.group(1) and m.group(2) else
                  f"{m.group(1) or ''}\\left({shown}\\right){m.group(2) or ''}", written)


def linearization_work(f, a) -> LinearizationWork:
    """Each line from f to its linear approximation at ``a``.

    >>> work = linearization_work("sqrt(x)", 4)
    >>> work.slope_at, work.slope, work.substituted, work.linear
    ('\\\\frac{1}{2 \\\\sqrt{4}}', '\\\\frac{1}{4}', '2 + \\\\frac{1}{4} \\\\left(x - 4\\\\right)', '\\\\frac{x}{4} + 1')
    """
    f = as_function(f)
    point = to_exact(a)
    df = f.derivative()
    slope = sympy.nsimplify(df.expr.subs(f.symbol, point))
    value = sympy.nsimplify(f.expr.subs(f.symbol, point))
    shift = sympy.latex(sympy.Add(f.symbol, -point, evaluate=False), order="none")
    slope_tex = sympy.latex(slope)
    times = slope_tex if slope != 1 else ""
    sign = "-" if slope.could_extract_minus_sign() else "+"
    if sign == "-":
        times = sympy.latex(-slope) if -slope != 1 else ""
    substituted = f"{sympy.latex(value)} {sign} {times} \\left({shift}\\right)".replace("  ", " ")
    if value == 0:
        substituted = (f"{'-' if sign == '-' else ''}{times} \\left({shift}\\right)").strip()
    return LinearizationWork(derivative=df.latex, slope_at=_at(df.expr, f.symbol, point), slope=slope_tex,
                             value_at=_at(f.expr, f.symbol, point), value=sympy.latex(value), substituted=substituted,
                             linear=linear_approximation(f, a).latex)
