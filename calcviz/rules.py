"""Which differentiation rules a derivative needs: what a lecture names on screen.

>>> from calcviz import Function
>>> rules_used(Function("x^3/3 - x"))
('sum rule', 'constant multiple rule', 'power rule')
>>> rules_used(Function("x*sin(x^2)"))
('product rule', 'derivative of sin', 'power rule', 'chain rule')
>>> rules_used(Function("exp(x)/x"))
('quotient rule', 'derivative of exp')
"""

from __future__ import annotations

import sympy

from calcviz.functions import as_function


def rules_used(f) -> tuple[str, ...]:
    """The rules applied, in the order a pre-order walk of the expression meets them."""
    f = as_function(f)
    found: list[str] = []
    _walk(f.expr, f.symbol, found)
    return tuple(dict.fromkeys(found))


def _walk(expr: sympy.Expr, x: sympy.Symbol, found: list[str]) -> None:
    if not expr.has(x):
        return
    if isinstance(expr, sympy.Add):
        if sum(term.has(x) for term in expr.args) > 1:
            found.append("sum rule")
        for term in expr.args:
            _walk(term, x, found)
    elif isinstance(expr, sympy.Mul):
        _walk_product(expr, x, found)
    elif isinstance(expr, sympy.Pow):
        _walk_power(expr, x, found)
    elif isinstance(expr, sympy.Function):
        name = type(expr).__name__
        found.append(f"derivative of {'|x|' if name == 'Abs' else name}")
        _walk_inner(expr.args[0], x, found)


def _walk_product(expr: sympy.Mul, x: sympy.Symbol, found: list[str]) -> None:
    varying = [factor for factor in expr.args if factor.has(x)]
    if len(varying) < len(expr.args):
        found.append("constant multiple rule")
    if len(varying) > 1:
        dividing = any(isinstance(v, sympy.Pow) and v.exp.is_negative for v in varying)
        found.append("quotient rule" if dividing else "product rule")
    for factor in varying:
        if len(varying) > 1 and isinstance(factor, sympy.Pow) and factor.exp.is_negative:
            _walk(1 / factor, x, found)  # the denominator, as a quotient rule names it
        else:
            _walk(factor, x, found)


def _walk_power(expr: sympy.Pow, x: sympy.Symbol, found: list[str]) -> None:
    base, exponent = expr.args
    if exponent.has(x):
        found.append("exponential rule")
        _walk_inner(exponent, x, found)
        if base.has(x):
            _walk_inner(base, x, found)
    else:
        found.append("power rule")
        _walk_inner(base, x, found)


def _walk_inner(inner: sympy.Expr, x: sympy.Symbol, found: list[str]) -> None:
    """An outer function applied to ``inner``: the chain rule unless inner is x itself."""
    if inner != x and inner.has(x):
        _walk(inner, x, found)
        found.append("chain rule")
