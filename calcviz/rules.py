"""Differentiation as a textbook writes it: one named rule at a time, on the expression as written.

The derivation follows the tree the student typed (:func:`calcviz.parsing.parse_written`),
not sympy's canonical form: ``x/(x^2+1)`` is a quotient, ``e^(-x^2)*cos(3x)`` a product.
Nothing is applied silently: a sum is split by the sum rule, ``d/dx 1 = 0`` is the
constant rule, ``d/dx x = 1`` the power rule; tidying up is a last step of its own.

A chain rule step rewrites ``d/dx f(g)`` into ``f'(g) d/dx g`` in one line, as a
textbook does; ``step.outer_rule`` names the rule that gave ``f'`` (``"sine rule"``
...), and both names count as used.

>>> from calcviz import Function
>>> rules_used(Function("x^3/3 - x"))
('sum rule', 'constant multiple rule', 'power rule')
>>> rules_used(Function("x*sin(x^2)"))
('product rule', 'power rule', 'chain rule', 'sine rule')
>>> rules_used(Function("exp(x)/x"))
('quotient rule', 'exponential rule', 'power rule')
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from calcviz._symbolic import differentiate, real_symbol, to_plain, to_real
from calcviz._written import board_latex, first_pending, flat_factors, replace_first, tidy_form, unevaluated
from calcviz.functions import as_function
from calcviz.parsing import parse_written

__all__ = ["DerivativeStep", "GENERAL_RULES", "derivative_steps", "general_rule", "rules_used"]

SIMPLIFY = "simplify"

# Each rule's general form, shown beside the step's instance of it.
GENERAL_RULES = {
    "sum rule": r"(f + g)' = f' + g'",
    "constant rule": r"(c)' = 0",
    "constant multiple rule": r"(c\,f)' = c\,f'",
    "power rule": r"(x^{n})' = n\,x^{n-1}",
    "product rule": r"(fg)' = f'g + fg'",
    "quotient rule": r"\left(\frac{f}{g}\right)' = \frac{f'g - fg'}{g^{2}}",
    "chain rule": r"(f(g(x)))' = f'(g(x))\,g'(x)",
    "exponential rule": r"(e^{x})' = e^{x}, \quad (a^{x})' = a^{x} \ln a",
    "logarithm rule": r"(\ln x)' = \frac{1}{x}",
    "sine rule": r"(\sin x)' = \cos x",
    "cosine rule": r"(\cos x)' = -\sin x",
    "tangent rule": r"(\tan x)' = \frac{1}{\cos^{2} x}",
    "square root rule": r"(\sqrt{x})' = \frac{1}{2\sqrt{x}}",
    "arcsine rule": r"(\arcsin x)' = \frac{1}{\sqrt{1 - x^{2}}}",
    "arccosine rule": r"(\arccos x)' = -\frac{1}{\sqrt{1 - x^{2}}}",
    "arctangent rule": r"(\arctan x)' = \frac{1}{1 + x^{2}}",
    "hyperbolic sine rule": r"(\sinh x)' = \cosh x",
    "hyperbolic cosine rule": r"(\cosh x)' = \sinh x",
    "hyperbolic tangent rule": r"(\tanh x)' = 1 - \tanh^{2} x",
    "absolute value rule": r"(|x|)' = \frac{x}{|x|}",
}


def general_rule(name: str) -> str:
    """LaTeX of the rule ``name`` in general, e.g. ``"(fg)' = f'g + fg'"``.

    >>> general_rule("product rule")
    "(fg)' = f'g + fg'"
    """
    return GENERAL_RULES[name]


def _u(expr):
    return unevaluated(sympy.Pow, expr, -1)


def _times(*factors) -> sympy.Expr:
    """The product as written, dropping factors equal to 1."""
    kept = [f for f in factors if f != 1]
    return unevaluated(sympy.Mul, *kept) if len(kept) > 1 else (kept[0] if kept else sympy.S.One)


def _power(base, exponent) -> sympy.Expr:
    if exponent == 1:
        return base
    return sympy.S.One if exponent == 0 else unevaluated(sympy.Pow, base, exponent)


# name and f'(u) of each function the parser allows, written as the general rule writes it
_OUTER = {
    sympy.sin: ("sine rule", lambda u: sympy.cos(u)),
    sympy.cos: ("cosine rule", lambda u: _times(-1, sympy.sin(u))),
    sympy.tan: ("tangent rule", lambda u: _u(_power(sympy.cos(u), 2))),
    sympy.exp: ("exponential rule", lambda u: sympy.exp(u)),
    sympy.log: ("logarithm rule", lambda u: _u(u)),
    sympy.asin: ("arcsine rule", lambda u: _u(_power(_one_minus_square(u), sympy.S.Half))),
    sympy.acos: ("arccosine rule", lambda u: _times(-1, _u(_power(_one_minus_square(u), sympy.S.Half)))),
    sympy.atan: ("arctangent rule", lambda u: _u(unevaluated(sympy.Add, 1, _power(u, 2)))),
    sympy.sinh: ("hyperbolic sine rule", lambda u: sympy.cosh(u)),
    sympy.cosh: ("hyperbolic cosine rule", lambda u: sympy.sinh(u)),
    sympy.tanh: ("hyperbolic tangent rule", lambda u: _one_minus_square(sympy.tanh(u))),
    sympy.Abs: ("absolute value rule", lambda u: _times(u, _u(sympy.Abs(u)))),
}


def _one_minus_square(u):
    return unevaluated(sympy.Add, 1, _times(-1, _power(u, 2)))


@dataclass(frozen=True)
class DerivativeStep:
    """One line of a derivation: ``rule`` rewrites ``target`` (the first pending
    ``d/dx``, an unevaluated ``sympy.Derivative``) into ``result``, turning the whole
    board ``before`` into ``after``.

    A ``"chain rule"`` step also names, in ``outer_rule``, the rule that gave the
    outer function's derivative.  The ``"simplify"`` step (last, if any) has the
    whole board as ``target`` and sympy's derivative, tidied, as ``result``.
    """

    rule: str
    before: sympy.Expr
    after: sympy.Expr
    target: sympy.Expr
    result: sympy.Expr
    outer_rule: str | None = None

    @property
    def rules(self) -> tuple[str, ...]:
        """Every rule this step names: ``("chain rule", "sine rule")``, ``("power rule",)``, ``()`` to simplify."""
        if self.rule == SIMPLIFY:
            return ()
        return (self.rule,) if self.outer_rule is None else (self.rule, self.outer_rule)

    @property
    def before_latex(self) -> str:
        """LaTeX of ``before``."""
        return board_latex(self.before)

    @property
    def after_latex(self) -> str:
        """LaTeX of ``after`` (a simplified result in sympy's usual order)."""
        return board_latex(self.after, written=self.rule != SIMPLIFY)

    @property
    def target_latex(self) -> str:
        """LaTeX of ``target``, as it appears inside ``before_latex``."""
        return board_latex(self.target)

    @property
    def result_latex(self) -> str:
        """LaTeX of ``result``."""
        return board_latex(self.result, written=self.rule != SIMPLIFY)

    @property
    def rewrite_latex(self) -> str:
        """LaTeX of the rewrite itself, ``target = result``: this step's instance of its rule."""
        return f"{self.target_latex} = {self.result_latex}"


def written_form(f) -> sympy.Expr:
    """f's expression as written: parsed again from its text when it has one (else sympy's form)."""
    f = as_function(f)
    return f.expr if f.source is None else parse_written(f.source, (f.variable,))


def derivative_steps(f) -> tuple[DerivativeStep, ...]:
    """The worked derivation of ``f'``: each step applies one rule to the first
    pending derivative (outermost first), until none is left; then, if the board
    is not already tidy, a ``"simplify"`` step whose result is sympy's derivative.

    A constant needs no step.

    Examples
    --------
    >>> from calcviz import Function
    >>> for step in derivative_steps(Function("sin(x^2)")):
    ...     print(f"{step.rule} ({step.outer_rule}): {step.rewrite_latex}")
    chain rule (sine rule): \\frac{d}{dx} \\sin{\\left(x^{2} \\right)} = \\cos{\\left(x^{2} \\right)} \\frac{d}{dx}\\left(x^{2}\\right)
    power rule (None): \\frac{d}{dx}\\left(x^{2}\\right) = 2 x
    simplify (None): \\cos{\\left(x^{2} \\right)} \\cdot 2 \\cdot x = 2 x \\cos{\\left(x^{2} \\right)}
    >>> [step.outer_rule for step in derivative_steps(Function("sin(x^2)"))][:1]
    ['sine rule']
    >>> derivative_steps(Function("7"))
    ()
    """
    f = as_function(f)
    x = f.symbol
    written = written_form(f)
    if not written.has(x):
        return ()
    board = sympy.Derivative(written, x)
    steps: list[DerivativeStep] = []
    while (target := first_pending(board, _is_derivative)) is not None:
        rule, outer, result = _rewrite(target.expr, x)
        after = replace_first(board, target, result)
        steps.append(DerivativeStep(rule, board, after, target, result, outer))
        board = after
    tidy = tidy_form(to_plain(differentiate(to_real(f.expr, (f.variable,)), real_symbol(f.variable)), (f.variable,)))
    if board_latex(tidy, written=False) != board_latex(board):  # else there is nothing to show
        steps.append(DerivativeStep(SIMPLIFY, board, tidy, board, tidy))
    return tuple(steps)


def rules_used(f) -> tuple[str, ...]:
    """The rules :func:`derivative_steps` names, each once, in order of first use
    (a chain rule step names the chain rule, then its outer rule; simplifying is no rule)."""
    return tuple(dict.fromkeys(name for step in derivative_steps(f) for name in step.rules))


def _is_derivative(node) -> bool:
    return isinstance(node, sympy.Derivative)


def _d(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    return sympy.Derivative(expr, x)


def _rewrite(expr: sympy.Expr, x: sympy.Symbol) -> tuple[str, str | None, sympy.Expr]:
    """One rule applied to ``d/dx expr``: its name, the chain rule's outer rule, the result."""
    if not expr.has(x):
        return "constant rule", None, sympy.S.Zero
    if expr == x:
        return "power rule", None, sympy.S.One
    if isinstance(expr, sympy.Add):
        return "sum rule", None, unevaluated(sympy.Add, *(_d_term(term, x) for term in expr.args))
    if isinstance(expr, sympy.Mul):
        return _rewrite_product(expr, x)
    if isinstance(expr, sympy.Pow):
        return _rewrite_power(expr, x)
    if type(expr) in _OUTER and len(expr.args) == 1:
        name, outer = _OUTER[type(expr)]
        return _chained(name, outer(expr.args[0]), expr.args[0], x)
    raise ValueError(f"no rule of the course differentiates {expr}")


def _chained(name: str, outer: sympy.Expr, inner: sympy.Expr, x: sympy.Symbol):
    """The outer function's rule alone when its argument is x, else the chain rule."""
    if inner == x:
        return name, None, outer
    return "chain rule", name, _times(outer, _d(inner, x))


def _d_term(term: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """d/dx of one addend; a subtracted term stays subtracted (the sum rule covers differences)."""
    if isinstance(term, sympy.Mul) and term.args[0] == -1 and len(term.args) > 1:
        return _times(-1, _d(_times(*term.args[1:]), x))
    return _d(term, x)


def _denominator(factor: sympy.Expr):
    """g when ``factor`` is written 1/g (or g^-n: g^n), else None."""
    if isinstance(factor, sympy.Pow) and factor.exp.is_Number and factor.exp.is_negative:
        return _power(factor.base, -factor.exp)
    return None


def _rewrite_product(expr: sympy.Mul, x: sympy.Symbol):
    factors = flat_factors(expr)
    constant = [g for g in factors if not g.has(x)]
    varying = [g for g in factors if g.has(x)]
    if constant:
        coefficient = sympy.Mul(*constant).doit()  # one number, as a textbook pulls it out: 1/3, not 3^-1
        return "constant multiple rule", None, _times(coefficient, _d(_times(*varying), x))
    below = [_denominator(g) for g in varying]
    numerator = [g for g, d in zip(varying, below) if d is None]
    denominator = [d for d in below if d is not None]
    if numerator and denominator:
        top, bottom = _times(*numerator), _times(*denominator)
        difference = unevaluated(sympy.Add, _times(_d(top, x), bottom), _times(-1, top, _d(bottom, x)))
        return "quotient rule", None, _times(difference, _u(_power(bottom, 2)))
    terms = [_times(*(_d(g, x) if j == i else g for j, g in enumerate(varying))) for i in range(len(varying))]
    return "product rule", None, unevaluated(sympy.Add, *terms)


def _rewrite_power(expr: sympy.Pow, x: sympy.Symbol):
    base, exponent = expr.args
    if not exponent.has(x):
        if exponent == sympy.S.Half:
            outer = _u(_times(2, _power(base, sympy.S.Half)))
            return _chained("square root rule", outer, base, x)
        lowered = exponent - 1 if exponent.is_Number else unevaluated(sympy.Add, exponent, -1)
        return _chained("power rule", _times(exponent, _power(base, lowered)), base, x)
    if not base.has(x):
        outer = expr if base == sympy.E else _times(expr, sympy.log(base))
        return _chained("exponential rule", outer, exponent, x)
    # x^x and the like: b^e = e^(e ln b), so the exponential rule and the chain rule
    return "chain rule", "exponential rule", _times(expr, _d(_times(exponent, sympy.log(base)), x))
