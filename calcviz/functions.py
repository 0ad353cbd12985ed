"""Real functions of one variable: evaluation, calculus, domain and poles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import sympy

from ._budget import MAX_SYMBOLIC_OPS, sympy_within_budget
from ._numeric import NumericEvaluator, bisect_sign_change
from ._roots import singular_candidates
from ._symbolic import (
    check_variable_names,
    coerce_expr,
    differentiate,
    NUMERIC_BUDGET,
    exact_real_value,
    real_symbol,
    to_exact,
    to_plain,
    to_real,
    typed_text,
)

__all__ = ["Function", "Breakpoint", "transform", "as_function", "latex", "exact_slope"]

_BREAK_SAMPLES = 2001
_POLE_GROWTH = 1e6


@dataclass(frozen=True)
class Breakpoint:
    """A point where the graph must be cut, and whether f is defined there."""

    value: float
    defined: bool


class Function:
    """A real function of one variable built from text, sympy or a number.

    Parameters
    ----------
    text_or_expr : str, sympy.Expr, number or Function
        Text is parsed with :func:`calcviz.parse`; a sympy expression may
        only contain the symbol named ``variable`` (matched by name).
    variable : str, optional
        Name of the variable, default ``"x"``.

    Examples
    --------
    >>> f = Function("x^2 - 1")
    >>> f(3.0), f(np.array([0.0, 1.0]))
    (8.0, array([-1.,  0.]))
    >>> f.derivative()
    Function('2*x', variable='x')
    >>> Function("3")(np.zeros(2))
    array([3., 3.])
    >>> Function("log(x)")(-1.0)
    nan
    """

    def __init__(self, text_or_expr, variable: str = "x"):
        (name,) = check_variable_names((variable,))
        self._variable = name
        self._symbol = sympy.Symbol(name)
        self._derivatives: dict[int, Function] = {}
        self._source = text_or_expr if isinstance(text_or_expr, str) else None
        if isinstance(text_or_expr, Function):
            renaming = {text_or_expr.symbol: self._symbol}
            self._expr = text_or_expr.expr.xreplace(renaming)
            if name == text_or_expr.variable:
                self._source = text_or_expr.source
        else:
            self._expr = coerce_expr(text_or_expr, (name,))

    # -- basic attributes --------------------------------------------------
    @property
    def expr(self) -> sympy.Expr:
        """The sympy expression (in the plain symbol ``Symbol(variable)``)."""
        return self._expr

    @property
    def source(self) -> str | None:
        """The text f was parsed from (None if built from sympy or a number): a
        derivation follows the expression as written, not sympy's rewriting of it."""
        return self._source

    @property
    def variable(self) -> str:
        """Name of the variable."""
        return self._variable

    @property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol of the variable."""
        return self._symbol

    @property
    def latex(self) -> str:
        """LaTeX of the expression, e.g. ``'\\\\sin{\\\\left(x \\\\right)}'``."""
        return sympy.latex(self._expr)

    @property
    def text(self) -> str:
        """The expression as a student types it (``x^2``, ``abs(x)``): what error messages quote."""
        return typed_text(self._expr)

    @property
    def real_form(self) -> tuple[sympy.Expr, sympy.Symbol]:
        """The expression in a real symbol (sympy's limit and integrate need one), and that symbol."""
        return self._real_expr, self._real_symbol

    def __repr__(self) -> str:
        return f"Function({str(self._expr)!r}, variable={self._variable!r})"

    def __eq__(self, other) -> bool:
        if not isinstance(other, Function):
            return NotImplemented
        return (self._expr, self._variable) == (other._expr, other._variable)

    def __hash__(self) -> int:
        return hash((self._expr, self._variable))

    # -- evaluation ----------------------------------------------------------
    @cached_property
    def _evaluate(self) -> NumericEvaluator:
        return NumericEvaluator((self._symbol,), self._expr)

    def __call__(self, x):
        """Evaluate at a float (returns float) or array (returns float64 array)."""
        return self._evaluate(x)

    @cached_property
    def _real_symbol(self) -> sympy.Symbol:
        return real_symbol(self._variable)

    @cached_property
    def _real_expr(self) -> sympy.Expr:
        return to_real(self._expr, (self._variable,))

    def _from_real(self, expr: sympy.Expr) -> "Function":
        return Function(to_plain(expr, (self._variable,)), self._variable)

    # -- calculus --------------------------------------------------------
    def derivative(self, order: int = 1) -> "Function":
        """The ``order``-th derivative.

        Examples
        --------
        >>> Function("x^3").derivative(2)
        Function('6*x', variable='x')
        >>> Function("abs(x)").derivative()
        Function('x/Abs(x)', variable='x')
        """
        if order not in self._derivatives:
            derived = differentiate(self._real_expr, self._real_symbol, order)
            self._derivatives[order] = self._from_real(derived)
        return self._derivatives[order]

    def antiderivative(self) -> "Function":
        """An antiderivative with constant of integration 0.

        Raises
        ------
        ValueError
            If sympy finds no closed form.

        Examples
        --------
        >>> Function("3x^2 + cos(x)").antiderivative()
        Function('x**3 + sin(x)', variable='x')
        """
        result = sympy.integrate(self._real_expr, self._real_symbol)
        if result.has(sympy.Integral):
            raise ValueError(f"{self._expr} has no closed-form antiderivative")
        return self._from_real(result)

    def exact(self, a) -> sympy.Expr:
        """Exact value at ``a`` (floats are read as the decimal they print as).

        Raises
        ------
        ValueError
            If the function is undefined (or not real) at ``a``.

        Examples
        --------
        >>> Function("x^2").exact(0.1)
        1/100
        >>> Function("sin(x)").exact(sympy.pi / 6)
        1/2
        """
        point = to_exact(a)
        value = _substituted(self._real_expr, self._real_symbol, point)
        try:
            return exact_real_value(value)
        except ValueError:
            raise ValueError(f"{self._expr} is undefined at {self._variable} = {a}")

    def derivative_at(self, a, order: int = 1) -> float:
        """Value of the ``order``-th derivative at ``a`` (nan if undefined).

        Examples
        --------
        >>> Function("sqrt(x)").derivative_at(4)
        0.25
        """
        try:
            return float(self.derivative(order).exact(a))
        except ValueError:
            return float("nan")

    # -- domain ------------------------------------------------------------
    def is_defined_at(self, a) -> bool:
        """Whether f has a finite real value at ``a`` (checked exactly).

        Examples
        --------
        >>> Function("1/x").is_defined_at(0), Function("sqrt(x)").is_defined_at(0)
        (False, True)
        """
        try:
            self.exact(a)
        except (ValueError, TypeError):
            return False
        return True

    def singularities(self, lo: float, hi: float) -> tuple[float, ...]:
        """Sorted points of ``[lo, hi]`` where the graph must be cut.

        These are the points where f is undefined or infinite, and the
        boundary points of its natural domain (e.g. 0 for ``sqrt(x)`` on
        ``[-1, 1]``; points inside an undefined interval are not listed).
        Found symbolically (zero denominators, poles of ``tan``, ``log``/
        ``sqrt`` domain boundaries, ...) and completed numerically.  Float
        overflow counts as infinite.

        Examples
        --------
        >>> Function("1/(x^2 - 1)").singularities(-2, 2)
        (-1.0, 1.0)
        >>> Function("tan(x)").singularities(0, 4)
        (1.5707963267948966,)
        >>> Function("sqrt(x)").singularities(-1, 1), Function("sqrt(x)").singularities(0, 1)
        ((0.0,), ())
        """
        return tuple(point.value for point in self._breaks(lo, hi))

    def breakpoints(self, lo: float, hi: float) -> tuple[Breakpoint, ...]:
        """The :meth:`singularities` with a flag telling if f is defined there.

        Examples
        --------
        >>> Function("sqrt(x) + 1/(x - 1)").breakpoints(-1, 2)
        (Breakpoint(value=0.0, defined=True), Breakpoint(value=1.0, defined=False))
        """
        return tuple(self._breaks(lo, hi))

    def is_defined_on(self, lo: float, hi: float) -> bool:
        """Whether f is finite and real at every point of ``[lo, hi]``.

        Examples
        --------
        >>> f = Function("log(x)")
        >>> f.is_defined_on(1, 2), f.is_defined_on(0, 2), f.is_defined_on(-2, -1)
        (True, False, False)
        """
        lo, hi = _checked_interval(lo, hi)
        if not (self.is_defined_at(lo) and self.is_defined_at(hi)):
            return False
        if not all(point.defined for point in self._breaks(lo, hi)):
            return False
        samples = self(np.linspace(lo, hi, _BREAK_SAMPLES))
        return bool(np.all(np.isfinite(samples)))

    def _breaks(self, lo: float, hi: float) -> list[Breakpoint]:
        lo, hi = _checked_interval(lo, hi)
        symbolic = self._symbolic_breaks(lo, hi)
        numeric = [Breakpoint(v, bool(np.isfinite(self(v)))) for v in self._numeric_breaks(lo, hi)]
        tolerance = 1e-9 * max(1.0, hi - lo)
        known = np.array([point.value for point in symbolic])
        extra = [p for p in numeric if not np.any(np.abs(known - p.value) <= tolerance)]
        return _merge_breaks(symbolic + extra, tolerance)

    def _symbolic_breaks(self, lo: float, hi: float) -> list[Breakpoint]:
        candidates = singular_candidates(self._real_expr, self._real_symbol, lo, hi)
        breaks = []
        for candidate in candidates:
            value = min(max(candidate.value, lo), hi)
            defined = self._candidate_defined(candidate)
            if not defined or self._is_domain_boundary(value, lo, hi):
                breaks.append(Breakpoint(value, defined))
        return breaks

    def _candidate_defined(self, candidate) -> bool:
        if candidate.exact is not None:
            return self.is_defined_at(candidate.exact)
        return not candidate.certain and bool(np.isfinite(self(candidate.value)))

    def _is_domain_boundary(self, point: float, lo: float, hi: float) -> bool:
        step = 1e-7 * max(1.0, abs(point))
        if point - step < lo or point + step > hi:
            return False
        sides = np.isfinite(self(np.array([point - step, point + step])))
        return bool(sides[0] != sides[1])

    def _numeric_breaks(self, lo: float, hi: float) -> list[float]:
        if hi == lo:
            return []
        xs = np.linspace(lo, hi, _BREAK_SAMPLES)
        ys = self(xs)
        return _finiteness_edges(self, xs, ys) + _sign_change_poles(self, xs, ys)


def _checked_interval(lo, hi) -> tuple[float, float]:
    lo, hi = float(lo), float(hi)
    if not (np.isfinite(lo) and np.isfinite(hi)) or hi < lo:
        raise ValueError(f"invalid interval [{lo}, {hi}]")
    return lo, hi


def _merge_breaks(breaks: list[Breakpoint], tolerance: float) -> list[Breakpoint]:
    merged: list[Breakpoint] = []
    for point in sorted(breaks, key=lambda b: b.value):
        if merged and point.value - merged[-1].value <= tolerance:
            defined = merged[-1].defined and point.defined
            merged[-1] = Breakpoint(merged[-1].value, defined)
        else:
            merged.append(point)
    return merged


def _finiteness_edges(f, xs: np.ndarray, ys: np.ndarray) -> list[float]:
    """Points where f switches between finite and non-finite values."""
    finite = np.isfinite(ys)
    index = np.flatnonzero(finite[:-1] != finite[1:])
    if index.size == 0:
        return []

    def finite_indicator(t):
        return np.where(np.isfinite(f(t)), 1.0, -1.0)

    left, right = bisect_sign_change(finite_indicator, xs[index], xs[index + 1])
    edges = np.where(finite[index], left, right)
    return [float(edge) for edge in edges]


def _sign_change_poles(f, xs: np.ndarray, ys: np.ndarray) -> list[float]:
    """Sign changes of f that turn out to be poles (|f| blows up)."""
    finite = np.isfinite(ys)
    change = finite[:-1] & finite[1:] & (np.sign(ys[:-1]) * np.sign(ys[1:]) < 0)
    index = np.flatnonzero(change)
    if index.size == 0:
        return []
    left, right = bisect_sign_change(f, xs[index], xs[index + 1])
    scale = 1.0 + np.maximum(np.abs(ys[index]), np.abs(ys[index + 1]))
    ends = np.minimum(np.abs(f(left)), np.abs(f(right)))
    is_pole = ~(ends <= _POLE_GROWTH * scale)
    return [float(p) for p in 0.5 * (left + right)[is_pole]]


def as_function(obj, variable: str = "x") -> Function:
    """Return ``obj`` if it is a Function, else ``Function(obj, variable)``."""
    return obj if isinstance(obj, Function) else Function(obj, variable)


def exact_slope(f, point) -> sympy.Expr:
    """Exact f'(point); ValueError if f is not differentiable there.

    Where the derivative formula is indeterminate (``0/0`` as for
    ``abs(x)**3`` at 0) the two one-sided limits of f' are compared; when
    they agree (and f is continuous) that common value is f'(point).

    Examples
    --------
    >>> exact_slope("abs(x)^3", 0), exact_slope("x^2", 3)
    (0, 6)
    """
    f = as_function(f)
    expr, symbol = f.derivative().real_form[0], f.real_form[1]
    value = expr.xreplace({symbol: to_exact(point)})
    if value.has(sympy.nan) and not value.has(sympy.zoo):
        value = _common_one_sided_limit(expr, symbol, to_exact(point))
    return exact_real_value(value)


def _common_one_sided_limit(expr, symbol, point) -> sympy.Expr:
    """Common value of both one-sided limits, or nan (also when too costly).

    Only attempted for small expressions with ``Abs`` (whose derivative is
    written ``u/Abs(u)``): sympy's ``limit`` can be very slow otherwise.
    """
    if not expr.has(sympy.Abs) or sympy.count_ops(expr) > MAX_SYMBOLIC_OPS:
        return sympy.nan
    right = sympy_within_budget(lambda: sympy.limit(expr, symbol, point, "+"))
    left = sympy_within_budget(lambda: sympy.limit(expr, symbol, point, "-"))
    return right if right is not None and right == left else sympy.nan


def transform(f, a=1, b=1, c=0, d=0) -> Function:
    """The function ``a*f(b*(x - c)) + d`` (parameters converted exactly).

    Examples
    --------
    >>> transform("x^2", a=2, c=1, d=0.5)
    Function('2*(x - 1)**2 + 1/2', variable='x')
    >>> transform("sin(x)", b=2).expr
    sin(2*x)
    """
    f = as_function(f)
    a, b, c, d = (to_exact(value) for value in (a, b, c, d))
    inner = b * (f.symbol - c)
    return Function(a * f.expr.xreplace({f.symbol: inner}) + d, f.variable)


def _substituted(expr: sympy.Expr, symbol: sympy.Symbol, point: sympy.Expr) -> sympy.Expr:
    """``expr`` at ``point``, simplified as sympy evaluates it; left unevaluated (still exact, valued by
    evalf) when that runs away: x^x at a rational of 16 digits makes sympy extract roots of huge powers
    for minutes (about 3% of random floats in [0.2, 2])."""
    value = sympy_within_budget(lambda: expr.xreplace({symbol: point}), seconds=NUMERIC_BUDGET)
    if value is None:
        with sympy.evaluate(False):
            value = expr.xreplace({symbol: point})
    return value


def latex(value) -> str:
    """LaTeX for an exact value or expression (a number, a sympy expression or a Function).

    >>> print(latex(to_exact(0.25)), latex(Function("sqrt(x)/2")))
    \\frac{1}{4} \\frac{\\sqrt{x}}{2}
    """
    if isinstance(value, Function):
        return value.latex
    return sympy.latex(to_exact(value) if isinstance(value, (int, float)) else value)
