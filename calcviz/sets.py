"""The number sets N ⊂ Z ⊂ Q ⊂ R, and which one a number belongs to."""

from __future__ import annotations

import itertools
import numbers
import re

import sympy
from sympy.ntheory.continued_fraction import continued_fraction_convergents, continued_fraction_iterator

from ._budget import sympy_within_budget
from ._symbolic import coerce_expr, is_finite_real

__all__ = ["SETS", "number_set", "rational_approximations", "roots_combined", "written_latex"]

SETS = ("N", "Z", "Q", "R")  # nested, smallest first; N starts at 1, as in the course


def number_set(value) -> str:
    """The smallest of "N", "Z", "Q", "R" that holds the exact ``value``.

    Parameters
    ----------
    value : str, int, float or sympy number
        Text is read with the allowlist parser :func:`calcviz.parse` (no
        variables allowed); a float means the decimal it prints as.

    Raises
    ------
    ValueError
        If ``value`` has a variable, is not a finite real number, or sympy
        cannot decide whether it is rational (e.g. ``pi + e``, an open problem).

    Examples
    --------
    >>> [number_set(v) for v in ("sqrt(8)/sqrt(2)", "0", "-3", "0.75", "sqrt(2)", "pi")]
    ['N', 'Z', 'Z', 'Q', 'R', 'R']
    >>> number_set("log(8)/log(2)"), number_set("sin(pi/6)"), number_set(2.5)
    ('N', 'Q', 'Q')
    >>> number_set("x + 1")
    Traceback (most recent call last):
    ...
    ValueError: 'x + 1' is not a number: it has the variable x
    >>> number_set("sqrt(-1)")
    Traceback (most recent call last):
    ...
    ValueError: 'sqrt(-1)' is not a real number (it is I)
    """
    exact = _simplified(_as_expr(value), value)
    if exact.is_Integer:
        return "N" if exact > 0 else "Z"
    if exact.is_Rational:
        return "Q"
    rational = exact.is_rational
    if rational is False:
        return "R"
    raise ValueError(f"cannot decide whether {value!r} (= {exact}) is rational")


def _as_expr(value) -> sympy.Expr:
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Real, sympy.Basic)):
        raise TypeError(f"expected text or a real number, got {type(value).__name__}")
    try:
        return coerce_expr(value, ("x",))
    except ValueError as error:
        raise ValueError(f"{value!r} is not a finite real number: {error}") from None


def _simplified(expr: sympy.Expr, value) -> sympy.Expr:
    if expr.free_symbols:
        names = ", ".join(sorted(str(s) for s in expr.free_symbols))
        raise ValueError(f"{value!r} is not a number: it has the variable {names}")
    if not is_finite_real(expr):
        raise ValueError(f"{value!r} is not a real number (it is {expr})")
    if expr.is_Rational or expr.is_rational is False:  # settled without simplifying (sqrt(2), pi)
        return expr
    simpler = sympy_within_budget(lambda: sympy.simplify(expr))
    return expr if simpler is None else simpler


def rational_approximations(value, count: int) -> tuple[sympy.Rational, ...]:
    """The first ``count`` best rational approximations p/q of ``value`` (continued-fraction convergents).

    Each is closer than any fraction with a smaller denominator; for a
    rational value the list stops at the value itself.

    Examples
    --------
    >>> rational_approximations("sqrt(2)", 5)
    (1, 3/2, 7/5, 17/12, 41/29)
    >>> rational_approximations("pi", 3), rational_approximations("0.75", 9)
    ((3, 22/7, 333/106), (0, 1, 3/4))
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a positive integer, got {count!r}")
    exact = _simplified(_as_expr(value), value)
    return tuple(itertools.islice(continued_fraction_convergents(continued_fraction_iterator(exact)), count))


_DECIMAL = re.compile(r"^\s*-?\d+\.\d+\s*$")


def written_latex(text: str) -> str:
    r"""LaTeX of a number as the user wrote it, not simplified (so the viewer sees what is classified).

    Read with the allowlist parser; only sympy's automatic simplification is
    turned off.  A plain decimal stays a decimal.

    Examples
    --------
    >>> written_latex("sqrt(8)/sqrt(2)"), written_latex("0.75"), written_latex("-5/3")
    ('\\frac{\\sqrt{8}}{\\sqrt{2}}', '0.75', '- \\frac{5}{3}')
    """
    if _DECIMAL.match(text):
        return text.strip()
    with sympy.evaluate(False):
        expr = coerce_expr(text, ("x",))
    return sympy.latex(expr)


def roots_combined(text: str) -> str | None:
    r"""The step between a product or quotient of square roots and its value: the roots under one root.

    ``sqrt(a) * sqrt(b) = sqrt(a b)`` and ``sqrt(a) / sqrt(b) = sqrt(a / b)`` for positive a, b;
    returns the LaTeX of that one root, or None when ``text`` is not such a product of at least two roots.

    Examples
    --------
    >>> roots_combined("sqrt(8)/sqrt(2)"), roots_combined("sqrt(2)*sqrt(18)"), roots_combined("sqrt(2)")
    ('\\sqrt{4}', '\\sqrt{36}', None)
    """
    with sympy.evaluate(False):
        expr = coerce_expr(text, ("x",))
    factors = expr.args if isinstance(expr, sympy.Mul) else (expr,)
    inside = sympy.Integer(1)
    for factor in factors:
        power = 1
        if isinstance(factor, sympy.Pow) and factor.exp == -1:
            factor, power = factor.base, -1
        if not (isinstance(factor, sympy.Pow) and factor.exp == sympy.Rational(1, 2)
                and factor.base.is_Rational and factor.base > 0):
            return None
        inside *= factor.base**power
    if len(factors) < 2:
        return None
    return sympy.latex(sympy.Pow(inside, sympy.Rational(1, 2), evaluate=False))
