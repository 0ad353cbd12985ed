"""Fitting a line y = w x + b to data: the mean squared error as a field of (w, b),
its exact least-squares minimum, and gradient descent on it (the course's final project)."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import sympy

from ._symbolic import to_exact
from .fields import Field
from .optimize import DescentResult, gradient_descent

__all__ = ["LeastSquaresLine", "LineFit", "fit_line_by_descent", "least_squares_line", "line_data", "mse_field"]

VARIABLES = ("w", "b")


def line_data(slope: float, intercept: float, noise: float, n: int, seed: int, x_range=(0.0, 1.0)):
    """``n`` points scattered about ``y = slope x + intercept``, reproducibly from ``seed``.

    The x are uniform in ``x_range`` (sorted), the y carry Gaussian noise of
    standard deviation ``noise``; values are rounded to 3 decimals so the
    data reads the same on screen as in the arithmetic.

    Examples
    --------
    >>> xs, ys = line_data(2.0, 1.0, 0.0, 3, seed=0)
    >>> bool(np.allclose(ys, 2 * xs + 1, atol=2e-3)), bool(np.all(np.diff(xs) >= 0))
    (True, True)
    >>> np.array_equal(line_data(2, 1, 0.3, 5, 7)[1], line_data(2, 1, 0.3, 5, 7)[1])
    True
    """
    for name, value in (("slope", slope), ("intercept", intercept), ("noise", noise)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise!r}")
    if isinstance(n, bool) or not isinstance(n, (numbers.Integral, np.integer)) or n < 2:
        raise ValueError(f"n must be an integer >= 2, got {n!r}")
    lo, hi = (float(v) for v in x_range)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"x_range must be finite with lo < hi, got {x_range!r}")
    rng = np.random.default_rng(seed)
    xs = np.sort(rng.uniform(lo, hi, int(n)))
    ys = slope * xs + intercept + noise * rng.standard_normal(int(n))
    return np.round(xs, 3), np.round(ys, 3)


def _checked_data(xs, ys) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)
    if xs.ndim != 1 or xs.shape != ys.shape:
        raise ValueError(f"xs and ys must be 1-D of the same length, got shapes {xs.shape} and {ys.shape}")
    if len(xs) < 2:
        raise ValueError(f"need at least 2 data points, got {len(xs)}")
    if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
        raise ValueError("the data must be finite numbers")
    if np.ptp(xs) == 0:
        raise ValueError(f"all x are equal ({xs[0]:g}): no single best line through the data")
    return xs, ys


def mse_field(xs, ys) -> Field:
    """The mean squared error ``(1/n) sum (w x_i + b - y_i)^2`` as an exact Field of (w, b).

    Built from sympy numbers (each datum read as the decimal it shows), so
    its partials, contours and minimum are exact.

    Examples
    --------
    >>> L = mse_field([0, 1, 2], [1, 3, 5])
    >>> L
    Field('b**2 + 2*b*w - 6*b + 5*w**2/3 - 26*w/3 + 35/3', variables=('w', 'b'))
    >>> round(L(2.0, 1.0), 12)   # the data lie on y = 2x + 1
    0.0
    """
    xs, ys = _checked_data(xs, ys)
    w, b = sympy.symbols(VARIABLES)
    residuals = [w * to_exact(float(x)) + b - to_exact(float(y)) for x, y in zip(xs, ys)]
    return Field(sympy.expand(sum(r**2 for r in residuals) / len(residuals)), VARIABLES)


@dataclass(frozen=True)
class LeastSquaresLine:
    """The line minimising the mean squared error: ``y = w x + b`` (``exact_w``, ``exact_b`` rational)."""

    w: float
    b: float
    exact_w: sympy.Rational
    exact_b: sympy.Rational
    mse: float


def least_squares_line(xs, ys) -> LeastSquaresLine:
    """Solve the normal equations ``[S_xx S_x; S_x n] [w; b] = [S_xy; S_y]`` exactly.

    Examples
    --------
    >>> line = least_squares_line([0, 1, 2, 3], [1, 2, 2, 4])
    >>> line.exact_w, line.exact_b, line.w, line.b
    (9/10, 9/10, 0.9, 0.9)
    """
    xs, ys = _checked_data(xs, ys)
    X = [to_exact(float(x)) for x in xs]
    Y = [to_exact(float(y)) for y in ys]
    n = len(X)
    sxx, sx = sum(x * x for x in X), sum(X)
    sxy, sy = sum(x * y for x, y in zip(X, Y)), sum(Y)
    determinant = n * sxx - sx * sx
    w = (n * sxy - sx * sy) / determinant
    b = (sxx * sy - sx * sxy) / determinant
    mse = sum((w * x + b - y) ** 2 for x, y in zip(X, Y)) / n
    return LeastSquaresLine(float(w), float(b), w, b, float(mse))


@dataclass(frozen=True)
class LineFit:
    """A descent run on the MSE: ``path`` (k + 1, 2) of (w, b), ``mse`` (k + 1,) per step, and the run."""

    path: np.ndarray
    mse: np.ndarray
    run: DescentResult


def fit_line_by_descent(xs, ys, lr: float, steps: int, momentum: float = 0.0, start=(0.0, 0.0)) -> LineFit:
    """Fit ``y = w x + b`` by gradient descent on :func:`mse_field` from ``start`` = (w, b).

    With a small enough rate (below ``2 / lambda_max`` of the MSE's
    Hessian) it converges to :func:`least_squares_line`.

    Examples
    --------
    >>> fit = fit_line_by_descent([0, 1, 2, 3], [1, 2, 2, 4], lr=0.1, steps=400)
    >>> np.round(fit.path[-1], 6), bool(fit.mse[-1] <= fit.mse[0])
    (array([0.9, 0.9]), True)
    >>> fit.path[:2]
    array([[0.  , 0.  ],
           [0.9 , 0.45]])
    """
    run = gradient_descent(mse_field(xs, ys), start, lr, steps, momentum)
    return LineFit(run.points, run.values, run)


@dataclass(frozen=True)
class NormalEquations:
    """The sums of the normal equations ``S_xx w + S_x b = S_xy`` and ``S_x w + n b = S_y`` (exact), the
    Hessian of the mean squared error ``(2/n) [[S_xx, S_x], [S_x, n]]`` (the same at every (w, b)) and its
    largest eigenvalue."""

    n: int
    sxx: sympy.Rational
    sx: sympy.Rational
    sxy: sympy.Rational
    sy: sympy.Rational
    largest_eigenvalue: float


def normal_equations(xs, ys) -> NormalEquations:
    """The sums that setting both partial derivatives of the mean squared error to zero produces.

    Examples
    --------
    >>> eq = normal_equations([0, 1, 2, 3], [1, 2, 2, 4])
    >>> eq.n, eq.sxx, eq.sx, eq.sxy, eq.sy
    (4, 14, 6, 18, 9)
    """
    xs, ys = _checked_data(xs, ys)
    X = [to_exact(float(x)) for x in xs]
    Y = [to_exact(float(y)) for y in ys]
    n = len(X)
    sxx, sx = sum(x * x for x in X), sum(X)
    hessian = 2 / n * np.array([[float(sxx), float(sx)], [float(sx), n]])
    return NormalEquations(n, sxx, sx, sum(x * y for x, y in zip(X, Y)), sum(Y), float(np.linalg.eigvalsh(hessian).max()))


def agreeing_decimals(values, targets, most: int = 8) -> int:
    """The most decimals to which every value agrees with its target: each is within half a unit of that
    decimal place of it (|value - target| < 0.5 * 10^-d); 0 if not even that for d = 0.

    Examples
    --------
    >>> agreeing_decimals([0.77663, 0.34732], [0.77667, 0.34722])
    3
    >>> agreeing_decimals([1.0], [1.0])
    8
    """
    gap = max(abs(float(v) - float(t)) for v, t in zip(values, targets))
    agreed = 0
    for decimals in range(most + 1):
        if gap < 0.5 * 10.0**-decimals:
            agreed = decimals
    return agreed
