"""Shared symbolic helpers: exact numbers, symbol handling, derivatives."""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

import numpy as np
import sympy

from ._budget import sympy_within_budget
from .parsing import check_variable_names, parse  # noqa: F401

_NON_FINITE = (sympy.nan, sympy.zoo, sympy.oo, -sympy.oo)


def to_exact(value) -> sympy.Expr:
    """Convert a number to an exact sympy number.

    Floats become the rational with the same shortest ``repr``.

    Examples
    --------
    >>> to_exact(0.1), to_exact(3), to_exact(sympy.pi)
    (1/10, 3, pi)
    """
    if isinstance(value, sympy.Basic):
        return _checked_sympy_number(value)
    if isinstance(value, (numbers.Integral, np.integer)):
        return sympy.Integer(int(value))
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, (numbers.Real, np.floating)):
        return _float_to_rational(float(value))
    raise TypeError(f"expected a real number, got {type(value).__name__}")


def _float_to_rational(value: float) -> sympy.Rational:
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    fraction = Fraction(repr(value))
    return sympy.Rational(fraction.numerator, fraction.denominator)


def _checked_sympy_number(value: sympy.Basic) -> sympy.Expr:
    if not isinstance(value, sympy.Expr) or value.free_symbols:
        raise ValueError(f"expected a number, got {value}")
    return exact_real_value(value)


def exact_real_value(value: sympy.Expr) -> sympy.Expr:
    """Return ``value`` if it is a finite real number, else raise ValueError.

    Examples
    --------
    >>> exact_real_value(sympy.sqrt(2))
    sqrt(2)
    >>> exact_real_value(sympy.log(-1))
    Traceback (most recent call last):
    ...
    ValueError: I*pi is not a finite real number
    """
    if not is_finite_real(value):
        raise ValueError(f"{value} is not a finite real number")
    return value


def is_finite_real(value: sympy.Expr) -> bool:
    """Whether a constant sympy expression is a finite real number."""
    if value.free_symbols or value.has(*_NON_FINITE):
        return False
    approx = numeric_value(value)
    if approx is None:
        return False
    finite = math.isfinite(approx.real) and math.isfinite(approx.imag)
    return finite and abs(approx.imag) <= 1e-12 * max(1.0, abs(approx.real))


NUMERIC_BUDGET = 0.5  # CPU seconds for one constant's numeric value (normally a few ms)


def numeric_value(value: sympy.Expr) -> complex | None:
    """30-digit numeric value of a constant, or None if it has none.

    Uses ``evalf`` rather than sympy's assumption system, whose queries
    can take seconds on nested constants.

    Examples
    --------
    >>> numeric_value(sympy.sqrt(-4)), numeric_value(sympy.Symbol("t"))
    (2j, None)
    """
    # A tower like exp(exp(exp(exp(1)))) takes mpmath minutes; a value that slow is treated as none.
    return sympy_within_budget(lambda: complex(value.evalf(30)), seconds=NUMERIC_BUDGET)


def real_sign(value: sympy.Expr) -> int | None:
    """Sign (-1, 0, 1) of a real constant, None if not a real constant.

    Examples
    --------
    >>> real_sign(sympy.pi - 4), real_sign(sympy.Integer(0)), real_sign(sympy.I)
    (-1, 0, None)
    """
    if value.is_Number:
        return int(sympy.sign(value)) if value.is_real else None
    approx = numeric_value(value) if value.is_number else None
    if approx is None or abs(approx.imag) > 1e-12 * max(1.0, abs(approx.real)):
        return None
    return (approx.real > 0) - (approx.real < 0)


def coerce_expr(obj, names: tuple[str, ...]) -> sympy.Expr:
    """Turn text, a sympy expression or a number into an expression in ``names``.

    Free symbols are matched by name and replaced by plain ``Symbol(name)``.
    """
    if isinstance(obj, str):
        return parse(obj, names)
    if isinstance(obj, sympy.Basic):
        return _plain_symbols(obj, names)
    if isinstance(obj, bool):
        raise TypeError("expected an expression, got bool")
    if isinstance(obj, (numbers.Real, np.number)):
        return to_exact(obj)
    raise TypeError(f"expected str, sympy.Expr or number, got {type(obj).__name__}")


def _plain_symbols(expr: sympy.Basic, names: tuple[str, ...]) -> sympy.Expr:
    if not isinstance(expr, sympy.Expr):
        raise ValueError(f"expected a sympy expression, got {expr}")
    extra = sorted(str(s) for s in expr.free_symbols if str(s) not in names)
    if extra:
        raise ValueError(f"unexpected symbols {', '.join(extra)} (allowed: {names})")
    mapping = {s: sympy.Symbol(str(s)) for s in expr.free_symbols}
    return expr.xreplace(mapping)


def real_symbol(name: str) -> sympy.Symbol:
    """The real-valued twin of ``Symbol(name)`` used for calculus."""
    return sympy.Symbol(name, real=True)


def to_real(expr: sympy.Expr, names: tuple[str, ...]) -> sympy.Expr:
    """Replace plain symbols by real ones (``sqrt(x**2)`` becomes ``Abs(x)``)."""
    return expr.subs({sympy.Symbol(n): real_symbol(n) for n in names})


def to_plain(expr: sympy.Expr, names: tuple[str, ...]) -> sympy.Expr:
    """Inverse of :func:`to_real`."""
    return expr.xreplace({real_symbol(n): sympy.Symbol(n) for n in names})


def differentiate(expr: sympy.Expr, symbol: sympy.Symbol, order: int = 1):
    """Derivative with ``sign(u)`` rewritten as ``u/Abs(u)``.

    The rewrite keeps derivatives of ``abs`` undefined (nan) where the
    argument vanishes instead of sympy's convention ``sign(0) = 0``.

    Examples
    --------
    >>> x = real_symbol("x")
    >>> differentiate(sympy.Abs(x), x)
    x/Abs(x)
    >>> differentiate(sympy.Abs(x) ** 2, x)
    2*x
    """
    if not isinstance(order, (int, np.integer)) or order < 0:
        raise ValueError(f"order must be a non-negative integer, got {order!r}")
    for _ in range(int(order)):
        expr = _rewrite_sign(sympy.diff(expr, symbol))
    return expr


def _rewrite_sign(expr: sympy.Expr) -> sympy.Expr:
    expr = expr.replace(sympy.sign, lambda u: u / sympy.Abs(u))
    return expr.replace(sympy.DiracDelta, lambda *args: sympy.Integer(0))


def typed_text(expr: sympy.Expr) -> str:
    """``expr`` as a student would type it, for messages.

    >>> typed_text(sympy.Abs(sympy.Symbol("x")) ** 2)
    'abs(x)^2'
    """
    return str(expr).replace("Abs", "abs").replace("**", "^")
