"""calcviz: the math core of the calculus lectures (pure numpy + sympy).

Never imports manim or scipy.

Examples
--------
>>> import calcviz
>>> f = calcviz.Function("x^3 - 3x")
>>> [(p.x, p.kind) for p in calcviz.derivatives.critical_points(f, -2, 2)]
[(-1.0, 'maximum'), (1.0, 'minimum')]
"""

import sympy as _sympy

from . import (asymptotics, critical, derivatives, fields, functions, geometry, integrals, limits, multivariate, networks,
               optimize, parsing, regression, rules, sets)
from ._symbolic import to_exact as exact
from .fields import Field
from .functions import Function, transform
from .parsing import ExpressionError, parse


def latex(value) -> str:
    """LaTeX for an exact value or expression (a number, a sympy expression or a Function).

    >>> print(latex(exact(0.25)), latex(Function("sqrt(x)/2")))
    \\frac{1}{4} \\frac{\\sqrt{x}}{2}
    """
    if isinstance(value, Function):
        return value.latex
    return _sympy.latex(exact(value) if isinstance(value, (int, float)) else value)


__all__ = [
    "exact",
    "latex",
    "rules",
    "parse",
    "ExpressionError",
    "Function",
    "Field",
    "transform",
    "derivatives",
    "limits",
    "integrals",
    "multivariate",
    "networks",
    "critical",
    "optimize",
    "regression",
    "geometry",
    "parsing",
    "functions",
    "fields",
    "sets",
    "asymptotics",
]
