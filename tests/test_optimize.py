"""Tests for calcviz.optimize: gradient descent with and without momentum."""

from __future__ import annotations

import dataclasses
import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz import Field
from calcviz.multivariate import classify
from calcviz.optimize import gradient_descent

x, y = sympy.symbols("x y")
curvatures = st.floats(0.5, 5.0)
starts = st.tuples(st.floats(-5, 5), st.floats(-5, 5)).filter(lambda p: max(map(abs, p)) > 0.1)


def _bowl(a: float, b: float) -> Field:
    """The quadratic (a x^2 + b y^2) / 2 with exactly these curvatures."""
    return Field(sympy.Rational(a) * x**2 / 2 + sympy.Rational(b) * y**2 / 2)


def _quiet(*args, **kwargs):
    """Run gradient_descent with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return gradient_descent(*args, **kwargs)


@settings(max_examples=50, deadline=None)
@given(curvatures, curvatures, st.floats(0.01, 1.0), starts)
def test_iterates_on_a_quadratic_are_geometric(a, b, learning_rate, start):
    run = _quiet(_bowl(a, b), start, learning_rate, steps=30, tolerance=0.0)
    k = np.arange(run.iterations + 1)
    expected = np.stack(
        [(1 - learning_rate * a) ** k * start[0], (1 - learning_rate * b) ** k * start[1]], 1
    )
    np.testing.assert_allclose(run.points, expected, rtol=1e-9, atol=1e-12)
    assert run.points.shape == (run.iterations + 1, 2)


@settings(max_examples=30, deadline=None)
@given(curvatures, st.floats(0.5, 2.0), st.floats(0.2, 1.8), starts)
def test_converges_when_the_learning_rate_is_below_two_over_the_largest_curvature(
    a, ratio, r, start
):
    b = a * ratio
    learning_rate = r / max(a, b)
    run = _quiet(_bowl(a, b), start, learning_rate, steps=2000)
    assert run.converged and not run.diverged
    assert np.linalg.norm(run.gradients[-1]) <= 1e-8
    assert np.linalg.norm(run.points[-1]) < 1e-7
    assert "converged" in run.message


@settings(max_examples=30, deadline=None)
@given(curvatures, st.floats(0.5, 2.0), st.floats(2.1, 6.0), starts)
def test_diverges_cleanly_above_two_over_the_largest_curvature(a, ratio, r, start):
    b = a * ratio
    learning_rate = r / max(a, b)
    # the stiff coordinate must start off its minimum to blow up
    start = (start[0], 1.0) if b >= a else (1.0, start[1])
    run = _quiet(_bowl(a, b), start, learning_rate, steps=10_000)
    assert run.diverged and not run.converged
    assert run.iterations < 10_000
    assert "diverged" in run.message
    assert np.all(np.isfinite(run.points)) and np.all(np.abs(run.points) <= 1e6)


def test_divergence_with_overflowing_values_raises_no_warning():
    run = _quiet("exp(x) + y^2", (700, 0), learning_rate=1.0, steps=50)
    assert run.diverged and run.iterations == 0
    run = _quiet("exp(x) + y^2", (700, 0), learning_rate=1e10, steps=50)
    assert run.diverged and "not finite" in run.message
    run = _quiet("x^2 + exp(x^2)", (20, 0), learning_rate=1e-300, steps=5, momentum=0.5)
    assert run.iterations == 5 and np.all(np.isfinite(run.values))


def test_leaving_the_domain_stops_the_run():
    run = _quiet("log(x) + y^2", (1, 0), learning_rate=3.0, steps=10)
    assert run.diverged and "undefined" in run.message
    assert run.iterations == 0 and run.points.tolist() == [[1.0, 0.0]]


@settings(max_examples=30, deadline=None)
@given(curvatures, st.floats(0.01, 0.5), st.floats(0.0, 0.95), st.floats(-5, 5))
def test_momentum_follows_the_two_term_recurrence(a, learning_rate, momentum, x0):
    run = _quiet(
        _bowl(a, 1.0), (x0, 0.0), learning_rate, steps=25, momentum=momentum, tolerance=0.0
    )
    # heavy ball: x_{k+1} = x_k - lr f'(x_k) + m (x_k - x_{k-1}), with x_{-1} = x_0
    expected = [x0, x0]
    for _ in range(run.iterations):
        current, previous = expected[-1], expected[-2]
        expected.append(current - learning_rate * a * current + momentum * (current - previous))
    np.testing.assert_allclose(run.points[:, 0], expected[1:], rtol=1e-9, atol=1e-12)
    assert run.iterations == 25 or run.gradients[-1, 0] == 0.0  # lr * a = 1 lands exactly


def test_values_and_gradients_are_those_of_the_field_at_the_points():
    run = _quiet("x^4 - x*y + y^2", (1.5, -1), learning_rate=0.05, steps=40, momentum=0.3)
    px, py = run.points[:, 0], run.points[:, 1]
    np.testing.assert_allclose(run.values, px**4 - px * py + py**2, rtol=1e-12)
    np.testing.assert_allclose(
        run.gradients, np.stack([4 * px**3 - py, 2 * py - px], 1), rtol=1e-12, atol=1e-15
    )


@settings(max_examples=30, deadline=None)
@given(curvatures, curvatures, st.floats(0.05, 0.99), starts)
def test_values_decrease_on_a_convex_quadratic_with_a_safe_step(a, b, r, start):
    run = _quiet(_bowl(a, b), start, r / max(a, b), steps=50)
    assert np.all(np.diff(run.values) <= 1e-15)


def test_descent_on_a_double_well_finds_a_minimum():
    F = "(x^2 - 1)^2 + y^2"
    run = _quiet(F, (0.4, 1.0), learning_rate=0.05, steps=2000, momentum=0.5)
    assert run.converged
    np.testing.assert_allclose(run.x, [1.0, 0.0], atol=1e-8)
    assert run.fun == pytest.approx(0.0, abs=1e-15)
    assert classify(F, np.round(run.x, 6)) == "minimum"


def test_starting_at_a_minimum_converges_at_once():
    run = _quiet("x^2 + y^2", (0, 0), learning_rate=0.1, steps=10)
    assert run.converged and run.iterations == 0
    assert run.points.shape == (1, 2) and run.values.shape == (1,) and run.gradients.shape == (1, 2)


def test_step_limit_without_convergence():
    run = _quiet("x^2 + y^2", (1, 1), learning_rate=0.01, steps=3)
    assert not run.converged and not run.diverged and run.iterations == 3
    assert "without converging" in run.message


def test_result_is_immutable():
    run = _quiet("x^2 + y^2", (1, 1), learning_rate=0.1, steps=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.iterations = 7
    with pytest.raises(ValueError, match="read-only"):
        run.points[0, 0] = 5.0


@pytest.mark.parametrize(
    "kwargs, error, problem",
    [
        ({"steps": 0}, ValueError, "steps must be at least 1"),
        ({"steps": 2.5}, TypeError, "steps must be an integer"),
        ({"steps": True}, TypeError, "steps must be an integer"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be positive"),
        ({"learning_rate": math.nan}, ValueError, "learning_rate must be finite"),
        ({"momentum": 1.0}, ValueError, r"momentum must be in \[0, 1\)"),
        ({"momentum": -0.1}, ValueError, "momentum"),
        ({"start": (1, 2, 3)}, ValueError, "start must be a finite point"),
        ({"start": "ab"}, ValueError, "start"),
        ({"tolerance": -1.0}, ValueError, "tolerance must be >= 0"),
        ({"start": (3e6, 0)}, ValueError, "beyond divergence_bound"),
    ],
)
def test_bad_input_is_rejected_clearly(kwargs, error, problem):
    arguments = {"F": "x^2 + y^2", "start": (1, 1), "learning_rate": 0.1, "steps": 5} | kwargs
    with pytest.raises(error, match=problem):
        gradient_descent(**arguments)


def test_undefined_start_is_rejected():
    with pytest.raises(ValueError, match="undefined at the start"):
        gradient_descent("log(x)", (-1, 0), learning_rate=0.1, steps=5)


# -- learning-rate regimes -------------------------------------------------------
from calcviz.optimize import learning_rate_regimes, stability_thresholds  # noqa: E402


@settings(max_examples=30, deadline=None)
@given(curvatures, curvatures, st.floats(0.05, 0.95), starts.filter(lambda p: min(map(abs, p)) > 0.1))
def test_regime_thresholds_are_one_and_two_over_the_largest_curvature(a, b, fraction, start):
    """For (a x^2 + b y^2)/2 the stiff direction flips sign past 1/lambda_max and blows up past 2/lambda_max."""
    F, top = _bowl(a, b), max(a, b)
    oscillation, divergence = stability_thresholds(F, (0, 0))
    assert (oscillation, divergence) == pytest.approx((1 / top, 2 / top))
    below, between, above = fraction / top, (1 + fraction) / top, (2 + fraction) / top
    regimes = [r.regime for r in learning_rate_regimes(F, start, [below, between, above], 400)]
    assert regimes[0] == "monotone"
    assert regimes[2] == "divergent"
    # between the thresholds the stiff component flips sign every step: from a start on the stiff axis, every step turns back
    stiff_start = (0.0, start[1]) if b >= a else (start[0], 0.0)
    [between_regime] = learning_rate_regimes(F, stiff_start, [between], 400)
    assert between_regime.regime == "oscillating"
    # with both components, the iterates still converge (whatever the step-to-step turns show)
    assert regimes[1] in ("oscillating", "monotone")


def test_regimes_of_a_parabola_either_side_of_two_over_lambda():
    # x^2 + y^2: lambda = 2, thresholds 0.5 and 1.0
    rates = [0.1, 0.49, 0.51, 0.99, 1.01, 1.5]
    found = [r.regime for r in learning_rate_regimes("x^2 + y^2", (1, 0.5), rates, 500)]
    assert found == ["monotone", "monotone", "oscillating", "oscillating", "divergent", "divergent"]


def test_regimes_reject_no_rates_and_thresholds_need_curvature():
    with pytest.raises(ValueError, match="non-empty"):
        learning_rate_regimes("x^2 + y^2", (1, 1), [], 10)
    with pytest.raises(ValueError, match="no positive eigenvalue"):
        stability_thresholds("-x^2 - y^2", (0, 0))
