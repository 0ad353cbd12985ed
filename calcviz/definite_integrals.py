"""Definite integrals (exact via a checked antiderivative, else numeric) and the accumulation function.

Every function accepts a :class:`~calcviz.Function` or anything
``Function()`` accepts (text, sympy expression, number).
"""

from __future__ import annotations

from typing import Optional

import numpy as np
import sympy

from ._checks import exact_point
from ._symbolic import is_finite_real, real_symbol
from .antiderivatives import as_primitive_function, candidate_antiderivatives
from .functions import Function, as_function
from .quadrature import agrees, quadrature
from .riemann import defined_on

__all__ = ["definite_integral", "exact_integral", "accumulation", "NumericIntegral"]


def exact_integral(f, a, b) -> Optional[sympy.Expr]:
    """The exact value of the integral of f from a to b for display, or None.

    None when sympy finds no antiderivative quickly, or its value does not
    match the numeric integral (a guard against antiderivatives with jumps).
    Floats are read as the decimal they print as; pass ``sympy.pi`` for pi.

    Raises
    ------
    ValueError
        If a bound is not finite or f is not defined on all of [a, b].

    Examples
    --------
    >>> exact_integral("x^2", 0, 1), exact_integral("sin(x)", 0, sympy.pi)
    (1/3, 2)
    >>> exact_integral("1/x", -2, -1)
    -log(2)
    >>> exact_integral("x^x", 0.5, 1) is None
    True
    """
    f = as_function(f)
    lo, hi = _proper_bounds(f, a, b)
    return _verified_exact(f, lo, hi)


def definite_integral(f, a, b) -> float:
    """The integral of f from a to b (exact via sympy when possible, else numeric).

    ``a > b`` gives minus the integral from b to a.  For infinite bounds or
    singular points use :func:`improper_integral`.

    Raises
    ------
    ValueError
        If a bound is not finite or f is not defined on all of [a, b].

    Examples
    --------
    >>> definite_integral("x^2", 0, 1) == 1 / 3
    True
    >>> round(definite_integral("x^x", 0, 1), 12)  # numeric: sum of n^-n for n >= 1
    0.783430510712
    """
    f = as_function(f)
    lo, hi = _proper_bounds(f, a, b)
    exact = _verified_exact(f, lo, hi)
    if exact is not None:
        return float(exact)
    return quadrature(f, float(lo), float(hi))


def _proper_bounds(f: Function, a, b) -> tuple[sympy.Expr, sympy.Expr]:
    """Exact bounds (in the given order) after checking f on the interval."""
    lo, hi = exact_point(a, "a"), exact_point(b, "b")
    left, right = sorted((float(lo), float(hi)))
    if left != right and not defined_on(f, left, right):
        raise ValueError(
            f"f = {f.text} is not defined on all of [{left:g}, {right:g}]; use improper_integral"
        )
    return lo, hi


def _verified_exact(f: Function, lo: sympy.Expr, hi: sympy.Expr) -> Optional[sympy.Expr]:
    if lo == hi:
        return sympy.Integer(0)
    symbol = real_symbol(f.variable)
    numeric = None
    for primitive in candidate_antiderivatives(f):
        value = primitive.xreplace({symbol: hi}) - primitive.xreplace({symbol: lo})
        if not is_finite_real(value):
            continue
        if numeric is None:
            numeric = quadrature(f, float(lo), float(hi))
        if agrees(float(value), numeric):
            return value
    return None


def accumulation(f, a) -> Function:
    """The accumulation function ``A(x) = integral of f(t) dt from a to x``.

    Exact when sympy finds an antiderivative F quickly: ``A = F - F(a)`` and
    ``A.latex`` shows the formula.  Otherwise ``A.expr`` is a
    :class:`NumericIntegral` (test ``A.expr.has(NumericIntegral)``), shown
    as the integral (``A.latex`` is ``\\int_a^x ... dt``) and evaluated by
    quadrature.  Either way ``A.exact(a) == 0``, ``A(a) == 0.0`` and
    ``A.derivative()`` is f.

    Raises
    ------
    ValueError
        If ``a`` is not a finite number, or f is undefined at ``a`` and has no
        antiderivative that is finite there.

    Examples
    --------
    >>> A = accumulation("2x", 1)
    >>> A, A(3.0), A.exact(1)
    (Function('x**2 - 1', variable='x'), 8.0, 0)
    >>> accumulation("cos(x)", 0).latex
    '\\\\sin{\\\\left(x \\\\right)}'
    >>> B = accumulation("x^x", 1)  # no closed form
    >>> B.expr.has(NumericIntegral), accumulation("cos(x)", 0).expr.has(NumericIntegral)
    (True, False)
    >>> B.latex, B(1.0), round(B(2.0), 9), B.derivative()
    ('\\\\int_{1}^{x} t^{t}\\\\, dt', 0.0, 2.050446235, Function('x**x', variable='x'))
    """
    f = as_function(f)
    start = exact_point(a, "a")
    symbol = real_symbol(f.variable)
    for primitive in candidate_antiderivatives(f):
        offset = primitive.xreplace({symbol: start})
        if not is_finite_real(offset):
            continue
        candidate = as_primitive_function(primitive - offset, f)
        if _agrees_with_quadrature(candidate, f, float(start)):
            return candidate
    if not f.is_defined_at(start):
        raise ValueError(f"f = {f.text} is undefined at a = {a}: cannot start the accumulation there")
    return _numeric_accumulation(f, start)


def _agrees_with_quadrature(candidate: Function, f: Function, start: float) -> bool:
    """Spot-check A(x) against quadrature wherever f is defined between start and x."""
    scale = max(1.0, abs(start))
    for step in (-2.0, -0.5, 0.5, 2.0):
        end = start + step * scale
        lo, hi = sorted((start, end))
        if f.is_defined_on(lo, hi) and not agrees(candidate(end), quadrature(f, start, end)):
            return False
    return True


class NumericIntegral(sympy.Function):
    """Base class of the accumulation functions that have no closed form.

    Each :func:`accumulation` without a sympy antiderivative makes a subclass
    named ``A`` whose value is computed by quadrature (``_imp_`` for lambdify,
    ``_eval_evalf`` for sympy), whose derivative is the integrand and whose
    LaTeX is the integral.
    """


def _numeric_accumulation(f: Function, start: sympy.Expr) -> Function:
    """A as a sympy function of x with a numeric implementation and derivative f."""
    origin = float(start)
    dummy = sympy.Symbol("t" if f.variable != "t" else "s")
    integrand_latex = sympy.latex(f.expr.xreplace({f.symbol: dummy}))

    def accumulate(x):
        return _integrals_from(f, origin, x)

    class A(NumericIntegral):
        nargs = 1
        _imp_ = staticmethod(accumulate)

        @classmethod
        def eval(cls, arg):
            if arg == start:
                return sympy.S.Zero
            return None

        def fdiff(self, argindex=1):
            return f.expr.xreplace({f.symbol: self.args[0]})

        def _eval_evalf(self, prec):
            if self.args[0].is_number:
                return sympy.Float(accumulate(float(self.args[0])), prec)
            return None

        def _latex(self, printer):
            lower, upper = printer._print(start), printer._print(self.args[0])
            return rf"\int_{{{lower}}}^{{{upper}}} {integrand_latex}\, d{dummy}"

    return Function(A(f.symbol), f.variable)


def _integrals_from(f: Function, origin: float, x):
    """Integral of f from origin to each x (float or array); nan past a point where f fails."""
    points = np.asarray(x, dtype=float)
    flat = points.ravel()
    result = np.full(flat.shape, np.nan)
    for direction in (1.0, -1.0):
        chosen = np.flatnonzero(np.isfinite(flat) & (direction * (flat - origin) >= 0))
        chosen = chosen[np.argsort(direction * flat[chosen])]
        total, previous = 0.0, origin
        for index in chosen:
            try:
                total += quadrature(f, previous, flat[index])
            except ValueError:
                break
            result[index], previous = total, flat[index]
    values = result.reshape(points.shape)
    return float(values) if values.ndim == 0 else values
