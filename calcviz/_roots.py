"""Real zeros of one-variable expressions: exact when cheap, else numeric.

Exact solving is deliberately limited to forms that sympy handles quickly
(polynomials of modest degree, rational functions, products/powers of
solvable factors, ``sin``/``cos``/``tan`` of linear arguments, ...).  No
general ``solve``/``solveset`` call is made, so nothing can hang.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import sympy

from ._numeric import NumericEvaluator, numeric_zeros
from ._symbolic import real_sign

MAX_EXACT_DEGREE = 16
MAX_PERIODIC_SOLUTIONS = 2000
_ZERO_OF_ARGUMENT = (sympy.sinh, sympy.tanh, sympy.asin, sympy.atan, sympy.Abs)
_ZERO_AT_ONE = (sympy.log, sympy.acos)
_NEVER_ZERO = (sympy.exp, sympy.cosh)
_PERIODIC_OFFSET = {
    sympy.sin: sympy.Integer(0),
    sympy.tan: sympy.Integer(0),
    sympy.cos: sympy.pi / 2,
    sympy.cot: sympy.pi / 2,
}


@dataclass(frozen=True)
class Zero:
    """A real zero: float ``value`` and exact sympy value (or None)."""

    value: float
    exact: Optional[sympy.Expr]


def real_zeros(expr, symbol, lo: float, hi: float, samples: int = 4001):
    """Zeros of ``expr`` in ``[lo, hi]``, sorted, exact where possible.

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> [z.exact for z in real_zeros(x**3 - 2*x, x, -2, 2)]
    [-sqrt(2), 0, sqrt(2)]
    >>> [z.exact for z in real_zeros(sympy.cos(2*x), x, 0, 3)]
    [pi/4, 3*pi/4]
    >>> [round(z.value, 9) for z in real_zeros(sympy.exp(x) - 2, x, 0, 1)]
    [0.693147181]
    """
    exact = exact_zeros(expr, symbol, lo, hi)
    if exact is not None:
        return tuple(Zero(float(root), root) for root in exact)
    evaluate = NumericEvaluator((symbol,), expr)
    found = numeric_zeros(evaluate, lo, hi, samples)
    return tuple(Zero(value, None) for value in found)


def exact_zeros(expr, symbol, lo: float, hi: float):
    """Exact zeros in ``[lo, hi]`` (sorted tuple), or None if not cheap."""
    try:
        roots = _exact_zeros(expr, symbol, lo, hi)
    except (sympy.PolynomialError, NotImplementedError, TypeError, ValueError):
        return None
    if roots is None:
        return None
    return _sorted_in_range(roots, lo, hi)


def _exact_zeros(expr, symbol, lo, hi) -> Optional[list]:
    if symbol not in expr.free_symbols:
        return []
    if expr.is_Mul:
        return _product_zeros(expr, symbol, lo, hi)
    if expr.is_Pow:
        return _power_zeros(expr, symbol, lo, hi)
    if isinstance(expr, _NEVER_ZERO):
        return []
    if isinstance(expr, _ZERO_OF_ARGUMENT):
        return _exact_zeros(expr.args[0], symbol, lo, hi)
    if isinstance(expr, _ZERO_AT_ONE):
        return _exact_zeros(expr.args[0] - 1, symbol, lo, hi)
    if expr.func in _PERIODIC_OFFSET:
        return _periodic_zeros(expr, symbol, lo, hi)
    return _algebraic_zeros(expr, symbol)


def _product_zeros(expr, symbol, lo, hi) -> Optional[list]:
    roots = []
    for factor in expr.args:
        factor_roots = _exact_zeros(factor, symbol, lo, hi)
        if factor_roots is None:
            return None
        roots.extend(factor_roots)
    return roots


def _power_zeros(expr, symbol, lo, hi) -> Optional[list]:
    base, exponent = expr.as_base_exp()
    if symbol in exponent.free_symbols:
        return [] if real_sign(base) == 1 else None
    sign = real_sign(exponent)
    if sign == 1:
        return _exact_zeros(base, symbol, lo, hi)
    return [] if sign == -1 else None


def _periodic_zeros(expr, symbol, lo, hi) -> Optional[list]:
    coefficients = _linear_coefficients(expr.args[0], symbol)
    if coefficients is None:
        return None
    slope, shift = coefficients
    offset = _PERIODIC_OFFSET[expr.func]
    ends = sorted((float(slope * lo + shift), float(slope * hi + shift)))
    first = math.ceil((ends[0] - float(offset)) / math.pi - 1e-9)
    last = math.floor((ends[1] - float(offset)) / math.pi + 1e-9)
    if last - first > MAX_PERIODIC_SOLUTIONS:
        return None
    return [(offset + k * sympy.pi - shift) / slope for k in range(first, last + 1)]


def _linear_coefficients(argument, symbol):
    """``(p, q)`` with ``argument == p*symbol + q`` (p nonzero), else None."""
    if not argument.is_polynomial(symbol):
        return None
    poly = sympy.Poly(argument, symbol)
    if poly.degree() != 1:
        return None
    slope, shift = poly.all_coeffs()
    if real_sign(slope) in (None, 0) or real_sign(shift) is None:
        return None
    return slope, shift


def _algebraic_zeros(expr, symbol) -> Optional[list]:
    if expr.is_polynomial(symbol):
        return _polynomial_zeros(expr, symbol)
    if not expr.is_rational_function(symbol):
        return None
    numerator, denominator = sympy.fraction(sympy.together(expr))
    roots = _polynomial_zeros(sympy.expand(numerator), symbol)
    if roots is None:
        return None
    return [r for r in roots if not _vanishes(denominator.xreplace({symbol: r}))]


def _vanishes(value) -> bool:
    approx = complex(value.evalf(30))
    return abs(approx) < 1e-20


def _polynomial_zeros(expr, symbol) -> Optional[list]:
    poly = sympy.Poly(expr, symbol)
    if poly.degree() > MAX_EXACT_DEGREE:
        return None
    if poly.domain.is_ZZ or poly.domain.is_QQ:
        return list(dict.fromkeys(poly.real_roots()))
    if poly.degree() > 4:
        return None
    return _radical_real_roots(poly)


def _radical_real_roots(poly) -> Optional[list]:
    roots = sympy.roots(poly)
    if sum(roots.values()) != poly.degree():
        return None
    signs = [real_sign(root) for root in roots]
    return [root for root, sign in zip(roots, signs) if sign is not None]


def _sorted_in_range(roots, lo, hi) -> tuple:
    tolerance = 1e-12 * max(1.0, abs(lo), abs(hi))
    keyed = sorted((float(root), root) for root in roots)
    kept, last = [], None
    for value, root in keyed:
        inside = lo - tolerance <= value <= hi + tolerance
        if inside and (last is None or value - last > tolerance):
            kept.append(root)
            last = value
    return tuple(kept)


@dataclass(frozen=True)
class SingularCandidate:
    """A point where some sub-expression may break down.

    ``certain`` is True when the expression is undefined there for sure
    (a zero denominator, ``log(0)``, a pole of ``tan``); otherwise the
    point is only a possible domain boundary (``sqrt(0)``, ``asin(1)``).
    """

    value: float
    exact: Optional[sympy.Expr]
    certain: bool


def singular_candidates(expr, symbol, lo: float, hi: float):
    """Candidate singular points of ``expr`` in ``[lo, hi]`` (unsorted).

    Examples
    --------
    >>> x = sympy.Symbol("x", real=True)
    >>> [(c.exact, c.certain) for c in singular_candidates(1 / (x**2 - 1), x, -2, 2)]
    [(-1, True), (1, True)]
    >>> [c.exact for c in singular_candidates(sympy.tan(x), x, -2, 2)]
    [-pi/2, pi/2]
    """
    candidates = []
    for sub in sympy.preorder_traversal(expr):
        for target, certain in _breakdown_targets(sub, symbol):
            for zero in real_zeros(target, symbol, lo, hi):
                candidates.append(SingularCandidate(zero.value, zero.exact, certain))
    return candidates


def _breakdown_targets(sub, symbol) -> list:
    """Expressions whose zeros may be singular points of ``sub``."""
    if symbol not in sub.free_symbols:
        return []
    if sub.is_Pow:
        return _power_targets(sub, symbol)
    argument = sub.args[0] if sub.args else None
    if isinstance(sub, sympy.log):
        return [(argument, True)]
    if isinstance(sub, (sympy.tan, sympy.sec)):
        return [(sympy.cos(argument), True)]
    if isinstance(sub, (sympy.cot, sympy.csc)):
        return [(sympy.sin(argument), True)]
    if isinstance(sub, (sympy.asin, sympy.acos)):
        return [(argument - 1, False), (argument + 1, False)]
    return []


def _power_targets(sub, symbol) -> list:
    base, exponent = sub.as_base_exp()
    if symbol not in base.free_symbols:
        return []
    if real_sign(exponent) == -1:
        return [(base, True)]
    if exponent.is_Integer:
        return []
    return [(base, False)]
