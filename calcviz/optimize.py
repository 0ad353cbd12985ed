"""Gradient descent (with optional heavy-ball momentum) on two-variable fields."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from .multivariate import as_field

__all__ = ["DescentResult", "RateRegime", "gradient_descent", "learning_rate_regimes", "stability_thresholds"]


@dataclass(frozen=True)
class DescentResult:
    """The path of a descent run, in the style of scipy's ``OptimizeResult``.

    Attributes
    ----------
    points : ndarray, shape (k + 1, 2)
        The iterates, starting point first.
    values : ndarray, shape (k + 1,)
        F at each iterate.
    gradients : ndarray, shape (k + 1, 2)
        The gradient of F at each iterate.
    converged : bool
        The last gradient norm is at most the tolerance.
    diverged : bool
        The run stopped because the next iterate blew up (left the bound or
        was not finite) or F/its gradient was undefined there; that iterate
        is not stored, so every stored number is finite.
    iterations : int
        Number of steps taken, k.
    message : str
        Why the run stopped.

    All arrays are read-only.
    """

    points: np.ndarray
    values: np.ndarray
    gradients: np.ndarray
    converged: bool
    diverged: bool
    iterations: int
    message: str

    @property
    def x(self) -> np.ndarray:
        """The last iterate (scipy's name)."""
        return self.points[-1]

    @property
    def fun(self) -> float:
        """F at the last iterate (scipy's name)."""
        return float(self.values[-1])


def gradient_descent(
    F,
    start,
    learning_rate: float,
    steps: int,
    momentum: float = 0.0,
    *,
    tolerance: float = 1e-8,
    divergence_bound: float = 1e6,
) -> DescentResult:
    """Run at most ``steps`` steps of gradient descent from ``start``.

    Each step is ``v <- momentum * v - learning_rate * grad F(x)``,
    ``x <- x + v`` with ``v = 0`` initially (plain descent when
    ``momentum = 0``).  The run stops early once ``|grad F| <= tolerance``
    (converged), or when the next iterate has a coordinate beyond
    ``divergence_bound`` in size, is not finite, or F or its gradient is
    undefined there (diverged).  No floating-point warnings escape.

    Parameters
    ----------
    F : Field or text
    start : (float, float)
    learning_rate : float
        Positive step size.
    steps : int
        Maximum number of steps, at least 1.
    momentum : float, optional
        Heavy-ball coefficient in ``[0, 1)``.
    tolerance : float, optional
        Gradient norm counted as zero (``>= 0``).
    divergence_bound : float, optional
        Largest coordinate size still counted as not diverged.

    Examples
    --------
    >>> run = gradient_descent("x^2 + 2y^2", (1, 1), learning_rate=0.25, steps=3)
    >>> run.points
    array([[1.   , 1.   ],
           [0.5  , 0.   ],
           [0.25 , 0.   ],
           [0.125, 0.   ]])
    >>> run.values, run.converged, run.iterations
    (array([3.      , 0.25    , 0.0625  , 0.015625]), False, 3)
    >>> run = gradient_descent("x^2", (1, 0), learning_rate=1.5, steps=100)
    >>> run.diverged, run.iterations, run.points[-1]
    (True, 19, array([-524288.,       0.]))
    >>> print(run.message)
    diverged at step 20: the iterate (1.04858e+06, 0) is beyond the bound 1e+06
    """
    field = as_field(F)
    start = _checked_start(start)
    learning_rate = _checked_positive(learning_rate, "learning_rate")
    steps = _checked_steps(steps)
    momentum = _checked_momentum(momentum)
    tolerance = _checked_non_negative(tolerance, "tolerance")
    divergence_bound = _checked_positive(divergence_bound, "divergence_bound")
    if np.max(np.abs(start)) > divergence_bound:
        raise ValueError(
            f"start {_shown(start)} lies beyond divergence_bound = {divergence_bound:g}"
        )
    with np.errstate(all="ignore"):
        return _descend(field, start, learning_rate, steps, momentum, tolerance, divergence_bound)


REGIMES = ("monotone", "oscillating", "divergent")


@dataclass(frozen=True)
class RateRegime:
    """How descent behaves at one learning rate.

    ``regime`` is "monotone" (each step keeps heading the same way),
    "oscillating" (some step turns back against the one before, yet the
    gradient shrinks) or "divergent" (the run blew up, or its gradient
    ended larger than it started); ``run`` is the descent itself.
    """

    rate: float
    regime: str
    run: DescentResult


def learning_rate_regimes(F, start, rates, steps: int, momentum: float = 0.0) -> tuple[RateRegime, ...]:
    """Run descent from ``start`` at each of ``rates`` and name its regime.

    For a quadratic with Hessian eigenvalues up to ``lambda_max`` the
    regimes change at the rates of :func:`stability_thresholds`: monotone
    up to ``1/lambda_max``, divergent beyond ``2/lambda_max`` (given enough
    steps for the growth to show).  In between, the component along the
    steepest direction flips sign every step; the steps turn back
    ("oscillating") once that component outweighs the others, always from a
    start on that direction, but a start mostly along flatter directions
    may still read "monotone".

    Examples
    --------
    >>> [(r.rate, r.regime) for r in learning_rate_regimes("x^2 + y^2", (1, 1), [0.2, 0.7, 1.1], 30)]
    [(0.2, 'monotone'), (0.7, 'oscillating'), (1.1, 'divergent')]
    """
    if np.ndim(rates) != 1 or len(rates) == 0:
        raise ValueError(f"rates must be a non-empty sequence of learning rates, got {rates!r}")
    regimes = []
    for rate in rates:
        run = gradient_descent(F, start, rate, steps, momentum)
        regimes.append(RateRegime(float(rate), _regime(run), run))
    return tuple(regimes)


def _regime(run: DescentResult) -> str:
    norms = np.hypot(run.gradients[:, 0], run.gradients[:, 1])
    if run.diverged or norms[-1] > norms[0]:
        return "divergent"
    moves = np.diff(run.points, axis=0)
    sizes = np.hypot(moves[:, 0], moves[:, 1])
    real = sizes > 1e-9 * max(sizes.max(initial=0.0), 1e-300)  # steps above rounding noise
    turns = np.sum(moves[1:] * moves[:-1], axis=1) < 0
    return "oscillating" if np.any(turns & real[1:] & real[:-1]) else "monotone"


def stability_thresholds(F, point) -> tuple[float, float]:
    """The learning rates ``(1/lambda_max, 2/lambda_max)`` from the Hessian at ``point``.

    Below the first, descent near ``point`` heads straight in; between them
    it overshoots and oscillates but converges; above the second it
    diverges.  Exact for a quadratic (its Hessian is the same everywhere).

    Examples
    --------
    >>> stability_thresholds("x^2 + 5y^2", (0, 0))
    (0.1, 0.2)
    """
    field = as_field(F)
    eigenvalues = np.linalg.eigvalsh(field.hessian(point))
    largest = float(eigenvalues.max())
    if not np.isfinite(largest) or largest <= 0:
        raise ValueError(f"the Hessian of {field.expr} at {_shown(point)} has no positive eigenvalue: no stable rate")
    return 1.0 / largest, 2.0 / largest


def step_factor(rate, curvature) -> float:
    """The factor ``1 - rate * curvature`` by which one descent step multiplies ``s`` on the
    parabola ``L(s) = curvature / 2 * s**2``: ``s - rate * L'(s) = s - rate * curvature * s``.

    Between 0 and 1 the run heads straight in, between -1 and 0 it overshoots but
    shrinks, below -1 it blows up (the thresholds of :func:`stability_thresholds`).

    Examples
    --------
    >>> step_factor(0.85, 2)
    -0.7
    """
    rate, curvature = _real(rate, "rate"), _real(curvature, "curvature")
    return round(1.0 - rate * curvature, 12)


def _descend(field, start, learning_rate, steps, momentum, tolerance, bound) -> DescentResult:
    partials = [field.partial(name) for name in field.variables]

    def evaluate(point):
        return field(*point), np.array([partial(*point) for partial in partials])

    value, gradient = evaluate(start)
    if not _finite(value, gradient):
        raise ValueError(f"F or its gradient is undefined at the start {_shown(start)}")
    path = [(start, value, gradient)]
    velocity = np.zeros(2)
    for step in range(1, steps + 1):
        if math.hypot(*gradient) <= tolerance:
            break
        velocity = momentum * velocity - learning_rate * gradient
        point = path[-1][0] + velocity
        problem = _blow_up(point, bound)
        if problem is None:
            value, gradient = evaluate(point)
            if not _finite(value, gradient):
                problem = f"F or its gradient is undefined or overflows at {_shown(point)}"
        if problem is not None:
            message = f"diverged at step {step}: {problem}"
            return _result(path, converged=False, diverged=True, message=message)
        path.append((point, value, gradient))
    return _finished(path, tolerance)


def _finished(path, tolerance: float) -> DescentResult:
    """Result of a run that used all its steps or reached a stationary point."""
    steps, norm = _steps_text(len(path) - 1), math.hypot(*path[-1][2])
    if norm <= tolerance:
        message = f"converged after {steps}: gradient norm {norm:.3g} <= {tolerance:g}"
    else:
        message = f"stopped after {steps} without converging: gradient norm {norm:.3g}"
    return _result(path, converged=norm <= tolerance, diverged=False, message=message)


def _finite(value: float, gradient: np.ndarray) -> bool:
    return math.isfinite(value) and bool(np.all(np.isfinite(gradient)))


def _blow_up(point: np.ndarray, bound: float):
    """Why ``point`` counts as diverged, or None."""
    if not np.all(np.isfinite(point)):
        return "the iterate is not finite"
    if np.max(np.abs(point)) > bound:
        return f"the iterate {_shown(point)} is beyond the bound {bound:g}"
    return None


def _result(path, converged: bool, diverged: bool, message: str) -> DescentResult:
    columns = [np.array(column, dtype=np.float64) for column in zip(*path)]
    for array in columns:
        array.setflags(write=False)
    return DescentResult(*columns, converged, diverged, len(path) - 1, message)


def _steps_text(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def _shown(point) -> str:
    return "(" + ", ".join(f"{float(c):g}" for c in point) + ")"


# -- input checks ----------------------------------------------------------------
def _checked_start(start) -> np.ndarray:
    try:
        point = np.array(start, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"start must be a point (x, y), got {start!r}") from None
    if point.shape != (2,) or not np.all(np.isfinite(point)):
        raise ValueError(f"start must be a finite point (x, y), got {start!r}")
    return point


def _real(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


def _checked_positive(value, name: str) -> float:
    number = _real(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return number


def _checked_non_negative(value, name: str) -> float:
    number = _real(value, name)
    if number < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return number


def _checked_momentum(value) -> float:
    number = _real(value, "momentum")
    if not 0.0 <= number < 1.0:
        raise ValueError(f"momentum must be in [0, 1), got {value!r}")
    return number


def _checked_steps(value) -> int:
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"steps must be an integer, got {value!r}")
    if value < 1:
        raise ValueError(f"steps must be at least 1, got {value!r}")
    return int(value)
