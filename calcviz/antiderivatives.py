"""Antiderivatives in elementary functions, and what sympy says when there is none.

Re-exported from :mod:`calcviz.integrals`.  The sympy work is the same
budgeted ``integrate`` as the rest of that module (see
:func:`calcviz.limits.sympy_within_budget`): it never hangs a scene.
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from .functions import Function, as_function
from .integrals import _antiderivatives, _as_function, _text

__all__ = ["SPECIAL_FUNCTIONS", "NoElementaryAntiderivative", "antiderivative"]

# The elementary functions: compositions of these (with + - * / and powers) are elementary.
_ELEMENTARY = (
    sympy.exp, sympy.log, sympy.Abs, sympy.sign, sympy.Piecewise,
    sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc,
    sympy.asin, sympy.acos, sympy.atan, sympy.acot, sympy.asec, sympy.acsc,
    sympy.sinh, sympy.cosh, sympy.tanh, sympy.coth, sympy.sech, sympy.csch,
    sympy.asinh, sympy.acosh, sympy.atanh, sympy.acoth,
)  # fmt: skip

# Plain-word descriptions of the special functions sympy integrates into.
SPECIAL_FUNCTIONS = {
    "erf": "the error function",
    "erfi": "the imaginary error function",
    "Si": "the sine integral",
    "Ci": "the cosine integral",
    "Shi": "the hyperbolic sine integral",
    "Chi": "the hyperbolic cosine integral",
    "Ei": "the exponential integral",
    "li": "the logarithmic integral",
    "fresnels": "the Fresnel sine integral",
    "fresnelc": "the Fresnel cosine integral",
    "uppergamma": "the incomplete gamma function",
    "lowergamma": "the incomplete gamma function",
    "polylog": "the polylogarithm",
    "hyper": "a hypergeometric function",
}

_CHECK_POINTS = np.linspace(-3.7, 4.3, 17)  # where F' = f is checked numerically


class NoElementaryAntiderivative(ValueError):
    """f has no antiderivative in elementary functions (that sympy can find).

    Attributes
    ----------
    function : Function
        The integrand.
    special : str or None
        Name of the special function sympy writes the antiderivative with
        (``"erf"``, ``"Si"``, ...), None when sympy finds no closed form at all.
    sympy_result : sympy.Expr or None
        sympy's antiderivative in terms of that special function.
    """

    def __init__(self, function: Function, special: str | None, sympy_result: sympy.Expr | None):
        self.function, self.special, self.sympy_result = function, special, sympy_result
        if special is None:
            message = f"sympy finds no antiderivative of {_text(function)} in closed form"
        else:
            what = SPECIAL_FUNCTIONS.get(special, "a special function")
            message = (
                f"{_text(function)} has no elementary antiderivative; sympy writes one with "
                f"{special}, {what}: {sympy_result}"
            )
        super().__init__(message)


def antiderivative(f) -> Function:
    """An antiderivative F of f in elementary functions (F' = f, constant 0).

    sympy's form when it is real wherever f is, else with ``log|u|`` for
    ``log(u)`` (``1/x`` gives ``log|x|``, defined on both sides of 0).

    Raises
    ------
    NoElementaryAntiderivative
        If sympy's antiderivative needs a special function (its name is in
        the message and in ``.special``), or sympy finds none in its time
        budget.  Never an unevaluated ``Integral``.

    Examples
    --------
    >>> antiderivative("3x^2 + cos(x)")
    Function('x**3 + sin(x)', variable='x')
    >>> antiderivative("1/x")
    Function('log(Abs(x))', variable='x')
    >>> antiderivative("exp(-x^2)")
    Traceback (most recent call last):
    ...
    calcviz.antiderivatives.NoElementaryAntiderivative: exp(-x^2) has no elementary antiderivative; sympy writes one with erf, the error function: sqrt(pi)*erf(x)/2
    >>> try:
    ...     antiderivative("sin(x)/x")
    ... except NoElementaryAntiderivative as error:
    ...     print(error.special, error.sympy_result)
    Si Si(x)
    """
    f = as_function(f)
    candidates = [_as_function(candidate, f) for candidate in _antiderivatives(f)]
    for candidate in candidates:
        if _special_names(candidate.expr):
            continue
        if _derivative_matches(candidate, f):
            return candidate
    for candidate in candidates:
        names = _special_names(candidate.expr)
        if names:
            raise NoElementaryAntiderivative(f, names[0], candidate.expr)
    raise NoElementaryAntiderivative(f, None, None)


def _special_names(expr: sympy.Expr) -> list[str]:
    """Names of the non-elementary functions in expr, in a stable order."""
    names = {type(call).__name__ for call in expr.atoms(sympy.Function) if not isinstance(call, _ELEMENTARY)}
    return sorted(names)


def _derivative_matches(F: Function, f: Function) -> bool:
    """F is defined and F' = f at every check point where f is defined (at least one must be)."""
    with np.errstate(all="ignore"):
        values = f(_CHECK_POINTS)
        defined = _CHECK_POINTS[np.isfinite(values)]
        if defined.size == 0:
            return False
        primitive, derivative = F(defined), F.derivative()(defined)
    if not (np.all(np.isfinite(primitive)) and np.all(np.isfinite(derivative))):
        return False
    return all(
        math.isclose(d, v, rel_tol=1e-8, abs_tol=1e-10) for d, v in zip(derivative, values[np.isfinite(values)])
    )
