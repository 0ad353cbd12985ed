"""Boards of a worked derivation: expressions kept as written, rewritten one node at a time.

Shared by :mod:`calcviz.rules` (pending ``d/dx``) and :mod:`calcviz.antiderivatives`
(pending integrals).  sympy evaluates whenever it rebuilds a node, which would
silently reorder and simplify the board, so every rebuild here is unevaluated.
"""

from __future__ import annotations

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE


def unevaluated(func, *args) -> sympy.Expr:
    """``func(*args)`` without sympy's automatic simplification."""
    with sympy.evaluate(False):
        return func(*args)


def first_pending(board: sympy.Expr, is_pending):
    """The first node of ``board`` in pre-order (outermost, then leftmost) that ``is_pending``, or None."""
    for node in sympy.preorder_traversal(board):
        if is_pending(node):
            return node
    return None


def replace_first(board: sympy.Expr, old: sympy.Expr, new: sympy.Expr) -> sympy.Expr:
    """``board`` with its first pre-order occurrence of ``old`` replaced by ``new``, nothing
    else touched: one step rewrites one node even when an equal one is pending elsewhere."""
    replaced, done = _replace_first(board, old, new)
    if not done:
        raise ValueError(f"{old} is not in {board}")
    return replaced


def _replace_first(expr, old, new):
    if expr == old:
        return new, True
    args = list(expr.args)
    for i, arg in enumerate(args):
        args[i], done = _replace_first(arg, old, new)
        if done:
            return unevaluated(expr.func, *args), True
    return expr, False


def flat_factors(expr: sympy.Expr, keep_signed: bool = False, first: bool = True) -> list[sympy.Expr]:
    """The factors of a product, nested products opened (a product as written is one list);
    ``keep_signed`` keeps an inner product with a minus sign whole, to print as (-2x)."""
    if not isinstance(expr, sympy.Mul):
        return [expr]
    found = []
    for i, factor in enumerate(expr.args):
        leading = first and i == 0
        if keep_signed and not leading and isinstance(factor, sympy.Mul) and _split_sign(factor)[0]:
            found.append(factor)
        else:
            found += flat_factors(factor, keep_signed, leading)
    return found


def tidy_form(expr: sympy.Expr) -> sympy.Expr:
    """A finished result in the shortest of a few plain forms (not ``sympy.simplify``,
    which writes sin + cos as a shifted cosine): as sympy gives it, common factors out,
    or over one denominator; never a fraction inside a numerator."""
    numerator, denominator = sympy.together(expr).as_numer_denom()
    over_one = sympy.expand(numerator) / sympy.factor_terms(denominator)
    factored = sympy.factor_terms(numerator) / sympy.factor_terms(denominator)
    forms = (expr, sympy.factor_terms(expr), over_one, factored)
    return min(forms, key=lambda form: (_nested_fraction(form), sympy.count_ops(form)))


def _nested_fraction(expr: sympy.Expr) -> bool:
    """Whether a term's numerator holds a fraction: (a/b + c)/d, which no textbook leaves."""
    def fractional(e):
        return any(p.exp.is_negative for p in e.atoms(sympy.Pow))
    return any(fractional(sympy.fraction(term)[0]) for term in sympy.Add.make_args(expr))


class BoardPrinter(LatexPrinter):
    """sympy's LaTeX with ``\\ln`` and every pending derivative readable on its own:
    ``\\frac{d}{dx}\\left(x^{2} + 1\\right)``, bracketed when another factor follows
    it (else ``d/dx x (x^2+1)`` is ambiguous).

    ``written``: terms and factors in the order the board holds them, and signs and
    coefficients printed without letting sympy evaluate (and so reorder) the rest.
    """

    def __init__(self, written: bool = True):
        super().__init__({"order": "none" if written else None, "ln_notation": True})
        self.written = written

    def _print_Add(self, expr):
        if not self.written and not any(_double_negative(term) for term in expr.args):
            return super()._print_Add(expr)  # sympy's own would print "x - - cos x" for the double negative
        tex = ""
        for i, term in enumerate(expr.args):
            negative, rest = _split_sign(term)
            tex += ("- " if negative else "") if i == 0 else (" - " if negative else " + ")
            if _double_negative(term):  # minus a negative: - (-cos x), never - - cos x
                tex += rf"\left({self._print(rest)}\right)"
            else:
                tex += self.parenthesize(rest, PRECEDENCE["Add"]) if negative else self._print(rest)
        return tex

    def _print_Mul(self, expr):
        if not self.written or not isinstance(expr, sympy.Mul):  # sympy prints x^-1 as a Mul
            return super()._print_Mul(expr)
        negative, rest = _split_sign(expr)
        if negative:
            return "- " + self.parenthesize(rest, PRECEDENCE["Mul"], strict=True)
        factors = flat_factors(rest, keep_signed=True)
        if len(factors) == 1:
            return self._print(factors[0])
        head = factors[0]
        if head.is_Rational and not head.is_Integer:  # 1/3 d/dx x^3, not d/dx x^3 over 3
            tail = self.parenthesize(unevaluated(sympy.Mul, *factors[1:]), PRECEDENCE["Mul"], strict=True)
            between = r" \cdot " if tail[0].isdigit() else " "  # 1/3 · 3x², not 1/3 3x²
            return f"{self._print(head)}{between}{tail}"
        # a dot wherever a number would run into its neighbour: 2 · 1, and 1 · sin 2x (a bare 1 reads as a typo)
        separator = r" \cdot " if any(f.is_Number for f in factors[1:]) or factors[0] == 1 else " "
        saved, self._settings["mul_symbol_latex"] = self._settings["mul_symbol_latex"], separator
        try:  # sympy reads the separator first, before printing the factors (which set their own)
            return super()._print_Mul(sympy.Mul._from_args(factors))
        finally:
            self._settings["mul_symbol_latex"] = saved

    def _print_Pow(self, expr):
        """b⁻ⁿ as 1 over bⁿ, itself: sympy's printer takes the fraction apart with ``fraction``, which
        rebuilds an unevaluated base as another negative power and never ends."""
        base, exponent = expr.args
        if self.written and exponent.is_Integer and exponent < 0 and base.has(sympy.Pow, sympy.Mul):
            shown = self._print(base) if exponent == -1 else self._print(unevaluated(sympy.Pow, base, -exponent))
            return rf"\frac{{1}}{{{shown}}}"
        return super()._print_Pow(expr)

    def _print_Derivative(self, expr):
        (variable, count), = expr.variable_count
        operator = r"\frac{d}{d%s}" % self._print(variable)
        if count != 1:
            operator = r"\frac{d^{%s}}{d%s^{%s}}" % (count, self._print(variable), count)
        argument = expr.expr
        if isinstance(argument, (sympy.Symbol, sympy.Function)):
            return rf"{operator} {self._print(argument)}"
        return rf"{operator}\left({self._print(argument)}\right)"

    def _needs_mul_brackets(self, expr, first=False, last=False) -> bool:
        if not last and isinstance(expr, (sympy.Derivative, sympy.Integral, sympy.Subs)):
            return True
        if self.written and not first and isinstance(expr, sympy.Mul) and _split_sign(expr)[0]:
            return True
        return super()._needs_mul_brackets(expr, first=first, last=last)


def _double_negative(term: sympy.Expr) -> bool:
    negative, rest = _split_sign(term)
    return negative and _split_sign(rest)[0]


def _split_sign(expr: sympy.Expr) -> tuple[bool, sympy.Expr]:
    """(True, -expr) when expr is written with a leading minus sign, without evaluating -expr."""
    factors = flat_factors(expr)
    head = factors[0]
    if not (head.is_Number and head.is_negative):
        return False, expr
    kept = ([] if head == -1 else [-head]) + factors[1:]
    if not kept:  # -1 itself
        return True, sympy.Integer(1)
    return True, unevaluated(sympy.Mul, *kept) if len(kept) > 1 else kept[0]


def board_latex(expr: sympy.Expr, written: bool = True) -> str:
    """LaTeX of a board expression (see :class:`BoardPrinter`).

    >>> x = sympy.Symbol("x")
    >>> board_latex(sympy.Derivative(unevaluated(sympy.Add, x**2, 1), x))
    '\\\\frac{d}{dx}\\\\left(x^{2} + 1\\\\right)'
    >>> board_latex(sympy.log(x))
    '\\\\ln{\\\\left(x \\\\right)}'
    """
    return BoardPrinter(written).doprint(expr)
