"""Shared numeric helpers: safe vectorised evaluation and root finding."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy

ArrayFunction = Callable[[np.ndarray], np.ndarray]
_EVALUATION_ERRORS = (ArithmeticError, TypeError, ValueError, AttributeError, NameError)
_GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


class NumericEvaluator:
    """Evaluate a sympy expression on floats/arrays as float64.

    Broadcasts all arguments (constants too), evaluates under
    ``np.errstate(all="ignore")``, turns complex results into nan and
    returns a Python float when every argument is a scalar.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> evaluate = NumericEvaluator((x,), sympy.sqrt(x))
    >>> evaluate(4.0), evaluate(np.array([-1.0, 9.0]))
    (2.0, array([nan,  3.]))
    >>> NumericEvaluator((x,), sympy.Integer(3))(np.zeros(2))
    array([3., 3.])
    """

    def __init__(self, symbols: Sequence[sympy.Symbol], expr: sympy.Expr):
        self._symbols = tuple(symbols)
        self._expr = expr
        self._compiled = _lambdify(self._symbols, expr)
        self._per_point = None  # mpmath, compiled when numpy cannot evaluate expr (erf, Si, ...)

    def __call__(self, *args):
        if len(args) != len(self._symbols):
            raise TypeError(f"expected {len(self._symbols)} argument(s), got {len(args)}")
        arrays = [np.asarray(arg, dtype=np.float64) for arg in args]
        shape = np.broadcast_shapes(*(array.shape for array in arrays))
        with np.errstate(all="ignore"):
            values = _real_or_nan(self._raw(arrays))
        result = np.array(np.broadcast_to(values, shape), dtype=np.float64)
        return float(result) if result.ndim == 0 else result

    def _raw(self, arrays: list[np.ndarray]):
        if self._compiled is not None:
            try:
                return self._compiled(*arrays)
            except _EVALUATION_ERRORS:
                pass
        return self._elementwise(arrays)

    def _elementwise(self, arrays: list[np.ndarray]) -> np.ndarray:
        if self._per_point is None:
            self._per_point = _has_special_function(self._expr) and _lambdify(self._symbols, self._expr, "mpmath")
        broadcast = np.broadcast(*arrays)
        out = np.empty(broadcast.shape, dtype=np.complex128)
        for index, point in enumerate(broadcast):
            out.flat[index] = self._evaluate_point(point)
        return out

    def _evaluate_point(self, point) -> complex:
        """mpmath at double precision (about 20 us a point); sympy's evalf (about 5 ms) where that fails
        or is not finite, so poles and branch cuts give what evalf gives."""
        if self._per_point:
            try:
                value = complex(self._per_point(*(float(v) for v in point)))
                if np.isfinite(value):
                    return value
            except _EVALUATION_ERRORS:
                pass
        return _evaluate_point(self._expr, self._symbols, point)


def _has_special_function(expr) -> bool:
    """erf, Si, gamma, ... (what antiderivatives bring): mpmath evaluates them per point in microseconds.
    Elementary expressions that numpy cannot evaluate (enormous constants, say) stay with evalf, whose
    precision limits keep them from running away."""
    return any(type(f).__module__.startswith("sympy.functions.special") for f in expr.atoms(sympy.Function))


def _lambdify(symbols, expr, modules="numpy"):
    try:
        return sympy.lambdify(symbols, expr, modules=modules)
    except _EVALUATION_ERRORS:
        return None


def _evaluate_point(expr, symbols, point) -> complex:
    substitution = {s: sympy.Float(float(v)) for s, v in zip(symbols, point)}
    try:
        return complex(expr.evalf(subs=substitution))
    except _EVALUATION_ERRORS:
        return complex(np.nan)


def _real_or_nan(raw) -> np.ndarray:
    values = np.asarray(raw)
    if values.dtype == object:
        values = values.astype(np.complex128)
    if np.iscomplexobj(values):
        return np.where(values.imag == 0, values.real, np.nan)
    return values.astype(np.float64)


def bisect_sign_change(
    func: ArrayFunction, left: np.ndarray, right: np.ndarray, iterations: int = 80
) -> tuple[np.ndarray, np.ndarray]:
    """Shrink brackets ``[left, right]`` on which ``func`` changes sign.

    Works on arrays of brackets at once; nan counts as "other side".

    Examples
    --------
    >>> left, right = bisect_sign_change(lambda x: x**2 - 2, np.array([1.0]), np.array([2.0]))
    >>> bool(abs(left[0] - np.sqrt(2)) < 1e-15)
    True
    """
    left, right = np.array(left, dtype=float), np.array(right, dtype=float)
    left_sign = np.sign(func(left))
    for _ in range(iterations):
        middle = 0.5 * (left + right)
        middle_value = func(middle)
        same = np.sign(middle_value) == left_sign
        left = np.where(same, middle, left)
        right = np.where(same, right, middle)
    return left, right


def golden_minimize(
    func: ArrayFunction, left: np.ndarray, right: np.ndarray, iterations: int = 80
) -> np.ndarray:
    """Vectorised golden-section search for minima of ``func`` on brackets."""
    left, right = np.array(left, dtype=float), np.array(right, dtype=float)
    for _ in range(iterations):
        inner_left = right - _GOLDEN * (right - left)
        inner_right = left + _GOLDEN * (right - left)
        keep_left = _nan_to_inf(func(inner_left)) <= _nan_to_inf(func(inner_right))
        right = np.where(keep_left, inner_right, right)
        left = np.where(keep_left, left, inner_left)
    return 0.5 * (left + right)


def _nan_to_inf(values: np.ndarray) -> np.ndarray:
    values = np.abs(np.asarray(values, dtype=float))
    return np.where(np.isnan(values), np.inf, values)


def numeric_zeros(
    func: ArrayFunction, lo: float, hi: float, samples: int = 4001
) -> tuple[float, ...]:
    """Zeros of ``func`` in ``[lo, hi]`` by dense sampling and refinement.

    Sign changes are refined by bisection (brackets that blow up, i.e.
    poles, or jump, are rejected); touching zeros (double roots) are found
    by minimising ``|func|`` around sampled local minima.

    Examples
    --------
    >>> numeric_zeros(np.cos, 0.0, 4.0)
    (1.5707963267948966,)
    >>> [round(z, 6) for z in numeric_zeros(lambda x: (x - 1.0) ** 2, 0.0, 3.0)]
    [1.0]
    """
    if hi < lo:
        raise ValueError(f"empty interval [{lo}, {hi}]")
    xs = np.linspace(lo, hi, max(samples, 3))
    with np.errstate(all="ignore"):
        ys = np.asarray(func(xs), dtype=float)
        found = [xs[ys == 0.0], _crossing_zeros(func, xs, ys), _touching_zeros(func, xs, ys)]
    candidates = np.sort(np.concatenate(found))
    return merge_close(candidates, tolerance=1e-9 * max(1.0, hi - lo))


def _crossing_zeros(func: ArrayFunction, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Refined sign changes between consecutive finite samples."""
    finite = np.isfinite(ys)
    xs, ys = xs[finite], ys[finite]
    index = np.flatnonzero(np.sign(ys[:-1]) * np.sign(ys[1:]) < 0)
    if index.size == 0:
        return np.empty(0)
    left, right = bisect_sign_change(func, xs[index], xs[index + 1])
    scale = np.maximum(np.abs(ys[index]), np.abs(ys[index + 1]))
    roots = np.where(_nan_to_inf(func(left)) <= _nan_to_inf(func(right)), left, right)
    is_zero = np.abs(func(roots)) <= 1e-8 * (1.0 + scale)
    return roots[is_zero]


def _touching_zeros(func: ArrayFunction, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    size = _nan_to_inf(ys)
    signs = np.sign(ys)
    middle = slice(1, -1)
    is_minimum = (size[middle] <= size[:-2]) & (size[middle] <= size[2:])
    same_sign = (signs[:-2] == signs[middle]) & (signs[middle] == signs[2:])
    index = np.flatnonzero(is_minimum & same_sign & (size[middle] > 0)) + 1
    if index.size == 0:
        return np.empty(0)
    minima = golden_minimize(func, xs[index - 1], xs[index + 1])
    finite_sizes = size[np.isfinite(size)]
    scale = float(np.max(finite_sizes)) if finite_sizes.size else 1.0
    is_zero = np.abs(func(minima)) <= 1e-10 * max(1.0, scale)
    return minima[is_zero]


def merge_close(values: np.ndarray, tolerance: float) -> tuple[float, ...]:
    """Sorted values with near-duplicates (closer than ``tolerance``) merged.

    Examples
    --------
    >>> merge_close(np.array([1.0, 3.0, 1.0 + 1e-12]), 1e-9)
    (1.0, 3.0)
    """
    merged: list[float] = []
    for value in np.sort(np.asarray(values, dtype=float)):
        if not merged or value - merged[-1] > tolerance:
            merged.append(float(value))
    return tuple(merged)
