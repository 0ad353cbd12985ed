"""Real functions of several variables (scalar fields)."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import sympy

from ._numeric import NumericEvaluator
from ._symbolic import (
    check_variable_names,
    coerce_expr,
    differentiate,
    real_symbol,
    to_plain,
    to_real,
    typed_text,
)

__all__ = ["Field", "as_field"]


class Field:
    """A scalar field such as ``x^2 + 3xy`` in the given variables.

    Parameters
    ----------
    text_or_expr : str, sympy.Expr or number
        Text is parsed with :func:`calcviz.parse`.
    variables : sequence of str, optional
        Variable names in argument order, default ``("x", "y")``.

    Examples
    --------
    >>> F = Field("x^2*y + y^3")
    >>> F(1.0, 2.0), F(np.array([0.0, 1.0]), 2.0)
    (10.0, array([ 8., 10.]))
    >>> F.partial("x")
    Field('2*x*y', variables=('x', 'y'))
    >>> F.gradient((1, 2))
    array([ 4., 13.])
    >>> F.hessian((1, 2))
    array([[ 4.,  2.],
           [ 2., 12.]])
    """

    def __init__(self, text_or_expr, variables=("x", "y")):
        self._variables = check_variable_names(variables)
        self._symbols = tuple(sympy.Symbol(name) for name in self._variables)
        self._expr = coerce_expr(text_or_expr, self._variables)
        self._partials: dict[str, Field] = {}

    @property
    def expr(self) -> sympy.Expr:
        """The sympy expression (in plain symbols)."""
        return self._expr

    @property
    def variables(self) -> tuple[str, ...]:
        """Variable names in argument order."""
        return self._variables

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """The sympy symbols of the variables."""
        return self._symbols

    @property
    def latex(self) -> str:
        """LaTeX of the expression."""
        return sympy.latex(self._expr)

    @property
    def text(self) -> str:
        """The expression as a student types it (``x^2 + y^2``): what error messages quote."""
        return typed_text(self._expr)

    def __repr__(self) -> str:
        return f"Field({str(self._expr)!r}, variables={self._variables!r})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Field):
            return NotImplemented
        return (self._expr, self._variables) == (other._expr, other._variables)

    def __hash__(self) -> int:
        return hash((self._expr, self._variables))

    @cached_property
    def _evaluate(self) -> NumericEvaluator:
        return NumericEvaluator(self._symbols, self._expr)

    def __call__(self, *coordinates):
        """Evaluate at floats (returns float) or broadcastable arrays."""
        return self._evaluate(*coordinates)

    def partial(self, name: str) -> "Field":
        """Partial derivative with respect to the variable ``name``."""
        if name not in self._variables:
            raise ValueError(f"unknown variable {name!r}; expected one of {self._variables}")
        if name not in self._partials:
            real = to_real(self._expr, self._variables)
            derived = differentiate(real, real_symbol(name))
            plain = to_plain(derived, self._variables)
            self._partials[name] = Field(plain, self._variables)
        return self._partials[name]

    def gradient(self, point) -> np.ndarray:
        """Gradient at ``point`` as a float array of shape ``(n,)``."""
        coordinates = self._point(point)
        return np.array([self.partial(n)(*coordinates) for n in self._variables])

    def hessian(self, point) -> np.ndarray:
        """Hessian at ``point`` as a float array of shape ``(n, n)``."""
        coordinates = self._point(point)
        rows = [
            [self.partial(a).partial(b)(*coordinates) for b in self._variables]
            for a in self._variables
        ]
        return np.array(rows, dtype=np.float64)

    def _point(self, point) -> tuple[float, ...]:
        coordinates = tuple(float(c) for c in np.asarray(point, dtype=float).ravel())
        if len(coordinates) != len(self._variables):
            raise ValueError(f"expected {len(self._variables)} coordinates, got {point!r}")
        return coordinates


def checked_range(bounds, name: str) -> tuple[float, float]:
    """``(lo, hi)`` as floats, finite with lo < hi, or a ValueError naming ``name``."""
    try:
        lo, hi = (float(b) for b in bounds)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair (lo, hi), got {bounds!r}") from None
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ValueError(f"{name} must be finite with lo < hi, got {bounds!r}")
    return lo, hi


def as_field(obj) -> Field:
    """Return ``obj`` if it is a two-variable Field, else ``Field(obj)``.

    Examples
    --------
    >>> as_field("x*y")
    Field('x*y', variables=('x', 'y'))
    >>> as_field(Field("t", variables=("t",)))
    Traceback (most recent call last):
    ...
    ValueError: expected a field of two variables, got one in ('t',)
    """
    result = obj if isinstance(obj, Field) else Field(obj)
    if len(result.variables) != 2:
        raise ValueError(f"expected a field of two variables, got one in {result.variables}")
    return result


def checked_resolution(resolution) -> int:
    """A grid's number of samples per side: an integer >= 2."""
    if (
        isinstance(resolution, bool)
        or not isinstance(resolution, (int, np.integer))
        or resolution < 2
    ):
        raise ValueError(f"resolution must be an integer >= 2, got {resolution!r}")
    return int(resolution)
