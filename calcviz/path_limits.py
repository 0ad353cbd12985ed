"""Limits of a function of two variables: along a line, along lines and parabolas, and the paths compared."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy

from ._budget import sympy_within_budget
from ._checks import checked_vector, number_text
from ._symbolic import to_exact
from .fields import Field
from .functions import Function
from .one_sided_limits import NoLimitError, limit, same_value

__all__ = ["Path", "path_limit", "along_lines", "approach_paths", "multivariate_limit"]

def path_limit(F, point, direction) -> float:
    """Limit of the field F along the line ``point + t*direction`` as t -> 0.

    Raises :class:`NoLimitError` (the sides being t < 0 and t > 0) when there is none along the line.

    Examples
    --------
    >>> F = Field("x*y/(x^2 + y^2)")
    >>> path_limit(F, (0, 0), (1, 0)), path_limit(F, (0, 0), (1, 1))
    (0.0, 0.5)
    >>> path_limit(Field("x^2 + y"), (1, 2), (0, 1))
    3.0
    """
    if not isinstance(F, Field):
        F = Field(F)
    point = checked_vector(point, "point", len(F.variables))
    direction = checked_vector(direction, "direction", len(F.variables))
    if all(d == 0 for d in direction):
        raise ValueError("direction must be a nonzero vector")
    along = _restrict_to_line(F, point, direction)
    return limit(along, 0.0)


@dataclass(frozen=True)
class Path:
    """A path ``t -> (x(t), y(t))`` reaching ``(x(0), y(0))`` as t -> 0, and its equation for display.

    ``x`` and ``y`` are sympy expressions in the symbol ``t``; ``latex`` is the
    equation of the path (``y = 2 x``, ``x = y^{2}``).
    """

    x: sympy.Expr
    y: sympy.Expr
    latex: str

    def at(self, ts) -> tuple[np.ndarray, np.ndarray]:
        """The points of the path at the parameter values ``ts`` (arrays x, y)."""
        ts = np.asarray(ts, dtype=float)
        xs = sympy.lambdify(_T, self.x, "numpy")(ts) * np.ones_like(ts)
        ys = sympy.lambdify(_T, self.y, "numpy")(ts) * np.ones_like(ts)
        return xs, ys

    def restrict(self, F: Field) -> Function:
        """t -> F(x(t), y(t)) as an exact Function of t."""
        symbol_x, symbol_y = F.symbols
        return Function(F.expr.xreplace({symbol_x: self.x, symbol_y: self.y}), variable=_T.name)


_T = sympy.Symbol("t")
_LINE_DIRECTIONS = ((1, 0), (0, 1), (1, 1), (1, -1), (1, 2), (2, 1), (1, -2), (2, -1))
_PARABOLAS = ((1, 0, 2), (-1, 0, 2), (0, 1, 2), (0, -1, 2))  # (x side, y side, power): x - a = +-(y - b)^2, ...


def along_lines(F, point) -> sympy.Expr:
    """F on the line through ``point`` of slope m, as a function of how far along it is:
    ``F(a + t, b + m t)`` simplified, an expression in the symbols ``t`` and ``m``.

    (The line x = a, of no slope, is :func:`approach_paths`' direction (0, 1).)

    Examples
    --------
    >>> along_lines(Field("x*y^2/(x^2 + y^4)"), (0, 0))
    m**2*t/(m**4*t**2 + 1)
    >>> along_lines(Field("x*y/(x^2 + y^2)"), (0, 0))
    m/(m**2 + 1)
    """
    F = F if isinstance(F, Field) else Field(F)
    a, b = (to_exact(v) for v in point)
    m = sympy.Symbol("m", real=True)
    t = sympy.Symbol("t", real=True, nonzero=True)
    symbol_x, symbol_y = F.symbols
    on_line = F.expr.xreplace({symbol_x: a + t, symbol_y: b + m * t})
    simplified = sympy_within_budget(lambda: sympy.factor(sympy.cancel(on_line)))
    plain_t, plain_m = sympy.Symbol("t"), sympy.Symbol("m")
    return (simplified if simplified is not None else on_line).xreplace({t: plain_t, m: plain_m})


def approach_paths(point, variables=("x", "y")) -> tuple[Path, ...]:
    """The paths :func:`multivariate_limit` compares: eight lines, then the parabolas x - a = +-(y - b)^2, y - b = +-(x - a)^2.

    Examples
    --------
    >>> [p.latex for p in approach_paths((0, 0))][:3]
    ['y = 0', 'x = 0', 'y = x']
    >>> [p.latex for p in approach_paths((1, 0))][8]
    'x = y^{2} + 1'
    """
    a, b = (to_exact(v) for v in checked_vector(point, "point", 2))
    x, y = (sympy.Symbol(name) for name in variables)
    paths = []
    for dx, dy in _LINE_DIRECTIONS:
        equation = sympy.Eq(x, a) if dx == 0 else sympy.Eq(y, b + sympy.Rational(dy, dx) * (x - a))
        paths.append(Path(a + dx * _T, b + dy * _T, sympy.latex(equation)))
    for sx, sy, power in _PARABOLAS:
        if sx:
            paths.append(Path(a + sx * _T**power, b + _T, sympy.latex(sympy.Eq(x, a + sx * (y - b) ** power))))
        else:
            paths.append(Path(a + _T, b + sy * _T**power, sympy.latex(sympy.Eq(y, b + sy * (x - a) ** power))))
    return tuple(paths)


def multivariate_limit(F, point) -> float:
    """The limit of a two-variable field at ``point``, compared along lines and parabolas.

    The limit along each path of :func:`approach_paths` is found with
    :func:`limit` (two-sided in t).  Agreement along all of them is taken as
    the limit; it is evidence, not proof (a field may still disagree along
    some other curve).

    Raises
    ------
    NoLimitError
        When two paths give different limits (or one gives none); ``paths``
        holds the two :class:`Path` objects and ``limits`` their limits
        (nan for a path without a limit).

    Examples
    --------
    >>> multivariate_limit("x^2 + y", (1, 2))
    3.0
    >>> multivariate_limit("sin(x^2 + y^2)/(x^2 + y^2)", (0, 0))
    1.0
    >>> try:
    ...     multivariate_limit("x*y^2/(x^2 + y^4)", (0, 0))
    ... except NoLimitError as error:
    ...     [p.latex for p in error.paths], error.limits
    (['y = 0', 'x = y^{2}'], (0.0, 0.5))
    """
    if not isinstance(F, Field):
        F = Field(F)
    if len(F.variables) != 2:
        raise ValueError(f"multivariate_limit needs a field of two variables, got {F.variables}")
    paths = approach_paths(point, F.variables)
    first = paths[0]
    first_limit = _limit_along(first, F)
    for path in paths[1:]:
        value = _limit_along(path, F)
        if not same_value(first_limit, value):
            shown = f"{number_text(first_limit)} along {first.latex} but {number_text(value)} along {path.latex}"
            raise NoLimitError(f"{F.expr} has no limit at {tuple(point)}: {shown}", (first, path), (first_limit, value))
    return first_limit

def _restrict_to_line(F: Field, point, direction) -> Function:
    """t -> F(point + t*direction) as an exact Function of a fresh variable."""
    name = next(n for n in ("t", "s", "u", "w", "r") if n not in F.variables)
    t = sympy.Symbol(name)
    substitution = {
        symbol: to_exact(p) + t * to_exact(d) for symbol, p, d in zip(F.symbols, point, direction)
    }
    return Function(F.expr.xreplace(substitution), variable=name)


def _limit_along(path: Path, F: Field) -> float:
    """F's limit along ``path`` (nan where it has none: then it disagrees with every path)."""
    try:
        return limit(path.restrict(F), 0)
    except NoLimitError:
        return math.nan
