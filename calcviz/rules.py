"""Which differentiation rules a derivative needs: what a lecture names on screen.

>>> from calcviz import Function
>>> rules_used(Function("x^3/3 - x"))
('sum rule', 'constant multiple rule', 'power rule')
>>> rules_used(Function("x*sin(x^2)"))
('product rule', 'derivative of sin', 'power rule', 'chain rule')
>>> rules_used(Function("exp(x)/x"))
('quotient rule', 'derivative of exp')

:func:`derivative_steps` writes the derivation out, one rule at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from calcviz._symbolic import differentiate, real_symbol, to_plain, to_real
from calcviz.functions import as_function

__all__ = ["DerivativeStep", "derivative_steps", "rules_used"]


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
        if (
            len(varying) > 1
            and isinstance(factor, sympy.Pow)
            and factor.exp.is_negative
        ):
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


# -- the derivation, step by step ------------------------------------------------
@dataclass(frozen=True)
class DerivativeStep:
    """One line of a derivation: ``rule`` rewrites ``target`` (a pending
    ``d/dx``) into ``result``, turning the whole expression ``before`` into ``after``.

    Pending derivatives are unevaluated ``sympy.Derivative`` objects.
    """

    rule: str
    before: sympy.Expr
    after: sympy.Expr
    target: sympy.Expr
    result: sympy.Expr

    @property
    def before_latex(self) -> str:
        """LaTeX of ``before``."""
        return sympy.latex(self.before)

    @property
    def after_latex(self) -> str:
        """LaTeX of ``after``."""
        return sympy.latex(self.after)

    @property
    def rewrite_latex(self) -> str:
        """LaTeX of the rewrite itself, ``target = result``."""
        return f"{sympy.latex(self.target)} = {sympy.latex(self.result)}"


def derivative_steps(f) -> tuple[DerivativeStep, ...]:
    """The worked derivation of ``f'``: each step applies one rule to the
    first pending derivative (outermost first), until none is left.

    Every ``rule`` is one :func:`rules_used` names.  The last ``after``
    equals sympy's derivative (tidied: common factors pulled out); a
    constant needs no step.

    Examples
    --------
    >>> from calcviz import Function
    >>> for step in derivative_steps(Function("x*sin(2x)")):
    ...     print(f"{step.rule}: {step.after}")
    product rule: x*Derivative(sin(2*x), x) + sin(2*x)
    chain rule: x*cos(2*x)*Derivative(2*x, x) + sin(2*x)
    constant multiple rule: 2*x*cos(2*x) + sin(2*x)
    >>> derivative_steps(Function("x^3/3 - x"))[0].rule
    'sum rule'
    >>> derivative_steps(Function("x^3/3 - x"))[-1].after
    x**2 - 1
    >>> derivative_steps(Function("7"))
    ()
    """
    f = as_function(f)
    names = (f.variable,)
    x = real_symbol(f.variable)  # real, so |x|' is x/|x| and not a complex formula
    expr = to_real(f.expr, names)
    varying = expr.as_independent(x, as_Add=True)[
        1
    ]  # a constant addend has no rule to name
    board = (
        sympy.Derivative(varying, x, evaluate=False)
        if varying.has(x)
        else sympy.Integer(0)
    )
    steps: list[DerivativeStep] = []
    while (target := _first_pending(board)) is not None:
        rule, result = _rewrite(target.expr, x)
        after = board.xreplace({target: result})
        if _first_pending(after) is None:
            after = _tidy(after)
        plain = (to_plain(e, names) for e in (board, after, target, result))
        steps.append(DerivativeStep(rule, *plain))
        board = after
    return tuple(steps)


def _tidy(expr: sympy.Expr) -> sympy.Expr:
    """The finished derivative with common factors pulled out, when that is shorter
    (not ``sympy.simplify``, which writes sin + cos as a shifted cosine)."""
    return min((expr, sympy.factor_terms(expr)), key=sympy.count_ops)


def _pending(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """``d/dx expr`` left unevaluated, except the trivial ones (x and constants)."""
    if expr == x:
        return sympy.Integer(1)
    if not expr.has(x):
        return sympy.Integer(0)
    if isinstance(
        expr, sympy.Add
    ):  # a constant addend's derivative is 0: no rule to name
        varying = [term for term in expr.args if term.has(x)]
        if len(varying) == 1:
            return _pending(varying[0], x)
    return sympy.Derivative(expr, x, evaluate=False)


def _first_pending(board: sympy.Expr):
    for node in sympy.preorder_traversal(board):
        if isinstance(node, sympy.Derivative):
            return node
    return None


def _rewrite(expr: sympy.Expr, x: sympy.Symbol) -> tuple[str, sympy.Expr]:
    """One rule applied to ``d/dx expr``: its name and the rewritten derivative."""
    if expr == x:
        return "power rule", sympy.Integer(1)
    if isinstance(expr, sympy.Add):
        return "sum rule", sympy.Add(*(_pending(term, x) for term in expr.args))
    if isinstance(expr, sympy.Mul):
        return _rewrite_product(expr, x)
    if isinstance(expr, sympy.Pow):
        return _rewrite_power(expr, x)
    inner = expr.args[0] if len(expr.args) == 1 else None
    name = "|x|" if isinstance(expr, sympy.Abs) else type(expr).__name__
    if inner is None or inner == x:
        return f"derivative of {name}", differentiate(expr, x)
    t = sympy.Dummy("t", real=True)
    outer = differentiate(expr.func(t), t).xreplace({t: inner})
    return "chain rule", outer * _pending(inner, x)


def _rewrite_product(expr: sympy.Mul, x: sympy.Symbol) -> tuple[str, sympy.Expr]:
    constant, varying = expr.as_independent(x, as_Add=False)
    if constant != 1:
        return "constant multiple rule", constant * _pending(varying, x)
    numerator, denominator = expr.as_numer_denom()
    if denominator.has(x) and numerator.has(x):
        top = _pending(numerator, x) * denominator - numerator * _pending(
            denominator, x
        )
        return "quotient rule", top / denominator**2
    factors = expr.args
    terms = [
        sympy.Mul(*(_pending(g, x) if j == i else g for j, g in enumerate(factors)))
        for i in range(len(factors))
    ]
    return "product rule", sympy.Add(*terms)


def _rewrite_power(expr: sympy.Pow, x: sympy.Symbol) -> tuple[str, sympy.Expr]:
    base, exponent = expr.args
    if not exponent.has(x):
        rule = "power rule" if base == x else "chain rule"
        return rule, exponent * base ** (exponent - 1) * _pending(base, x)
    if not base.has(x):
        rule = "exponential rule" if exponent == x else "chain rule"
        return rule, expr * sympy.log(base) * _pending(exponent, x)
    # x^x and the like: b^e = exp(e log b), written out in one step
    return "exponential rule", differentiate(expr, x)
