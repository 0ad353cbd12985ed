"""Partial derivatives as slopes of slices, and by their definition at a point
where the formula has a hole (the classic ``x y / (x^2 + y^2)`` at the origin).

Re-exported from :mod:`calcviz.multivariate`.
"""

from __future__ import annotations

import sympy

from ._symbolic import is_finite_real, to_exact
from .fields import Field
from .functions import Function

__all__ = ["partials_by_definition", "slice_of"]

_H = sympy.Symbol("h", real=True)


def slice_of(F, variable: str, value) -> Function:
    """The curve cut from ``z = F(x, y)`` by holding ``variable`` at ``value``: a Function of the other one.

    Its slope at a point is the partial derivative of F in the other variable there.

    Examples
    --------
    >>> slice_of("x^2 * y + y^3", "y", 2).expr
    2*x**2 + 8
    >>> slice_of("x^2 * y + y^3", "x", 1).variable
    'y'
    """
    F = F if isinstance(F, Field) else Field(F)
    if variable not in F.variables:
        raise ValueError(f"{variable!r} is not a variable of {F.expr} (expected one of {F.variables})")
    held = F.symbols[F.variables.index(variable)]
    (free,) = [name for name in F.variables if name != variable]
    return Function(F.expr.xreplace({held: to_exact(value)}), variable=free)


def partials_by_definition(F, point, value) -> tuple[sympy.Expr, sympy.Expr]:
    """``(f_x, f_y)`` at ``point`` from the difference quotients, with ``f(point) = value``.

    ``f_x = lim_{h -> 0} (F(a + h, b) - value) / h`` (two-sided), likewise f_y.
    This works where F's formula is undefined at the point itself, once the
    point is given a ``value``; partials can exist there even when F is not
    continuous (so not differentiable).

    Raises
    ------
    ValueError
        When a quotient has no finite two-sided limit (the partial does not exist).

    Examples
    --------
    >>> partials_by_definition("x*y/(x^2 + y^2)", (0, 0), 0)
    (0, 0)
    >>> partials_by_definition("x^2 + 3*y", (1, 2), 7)
    (2, 3)
    """
    F = F if isinstance(F, Field) else Field(F)
    a, b = (to_exact(c) for c in point)
    z = to_exact(value)
    x, y = F.symbols
    slopes = []
    for name, shifted in ((F.variables[0], {x: a + _H, y: b}), (F.variables[1], {x: a, y: b + _H})):
        quotient = sympy.simplify((F.expr.xreplace(shifted) - z) / _H)
        right, left = (sympy.limit(quotient, _H, 0, side) for side in ("+", "-"))
        if right != left or not is_finite_real(right):
            raise ValueError(f"{F.expr} has no partial derivative in {name} at ({a}, {b}) "
                             f"with f({a}, {b}) = {z}: the difference quotient tends to {right} from the right, {left} from the left")
        slopes.append(sympy.nsimplify(right) if right.is_Float else right)
    return tuple(slopes)
