"""Tests for calcviz.regression against numpy's least squares and the closed form of the MSE."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz.optimize import stability_thresholds
from calcviz.regression import fit_line_by_descent, least_squares_line, line_data, mse_field


def _lstsq(xs, ys):
    A = np.column_stack([xs, np.ones_like(xs)])
    return np.linalg.lstsq(A, ys, rcond=None)[0]


def test_line_data_is_reproducible_and_follows_the_line():
    a = line_data(1.5, -0.5, 0.2, 40, seed=3, x_range=(-2, 2))
    b = line_data(1.5, -0.5, 0.2, 40, seed=3, x_range=(-2, 2))
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[1], line_data(1.5, -0.5, 0.2, 40, seed=4, x_range=(-2, 2))[1])
    xs, ys = a
    assert xs.min() >= -2 and xs.max() <= 2 and len(xs) == 40
    w, b0 = _lstsq(xs, ys)
    assert w == pytest.approx(1.5, abs=0.15) and b0 == pytest.approx(-0.5, abs=0.15)


@pytest.mark.parametrize("args, message", [
    ((1, 0, -0.1, 5, 0), "noise must be >= 0"),
    ((1, 0, 0.1, 1, 0), "n must be an integer >= 2"),
    ((float("nan"), 0, 0.1, 5, 0), "slope must be a finite number"),
])
def test_line_data_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        line_data(*args)


def test_mse_field_matches_the_mean_of_squared_residuals():
    xs, ys = line_data(2.0, 1.0, 0.5, 12, seed=1)
    L = mse_field(xs, ys)
    assert L.variables == ("w", "b")
    for w, b in [(0.0, 0.0), (1.3, -0.7), (2.0, 1.0)]:
        assert L(w, b) == pytest.approx(np.mean((w * xs + b - ys) ** 2), rel=1e-12)


def test_least_squares_line_matches_numpy():
    xs, ys = line_data(-0.8, 2.0, 0.3, 25, seed=11, x_range=(0, 5))
    line = least_squares_line(xs, ys)
    assert (line.w, line.b) == pytest.approx(tuple(_lstsq(xs, ys)), rel=1e-12)
    assert line.mse == pytest.approx(np.mean((line.w * xs + line.b - ys) ** 2), rel=1e-12)


def test_bad_data():
    with pytest.raises(ValueError, match="all x are equal"):
        mse_field([1, 1, 1], [0, 1, 2])
    with pytest.raises(ValueError, match="same length"):
        least_squares_line([1, 2], [1, 2, 3])


@settings(max_examples=12, deadline=None)
@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(0, 1), st.integers(5, 30), st.integers(0, 10**6), st.floats(0, 0.9))
def test_descent_converges_to_the_normal_equations(slope, intercept, noise, n, seed, momentum):
    xs, ys = line_data(slope, intercept, noise, n, seed, x_range=(-1, 2))
    if np.ptp(xs) < 0.3:
        return  # nearly equal x: a valley too flat to cross in a bounded number of steps
    _, divergence = stability_thresholds(mse_field(xs, ys), (0, 0))
    rate = 0.5 * divergence * (1 - momentum)  # heavy ball is stable below 2 (1 + mu) / lambda_max
    fit = fit_line_by_descent(xs, ys, rate, 20000, momentum)
    assert fit.path[-1] == pytest.approx(_lstsq(xs, ys), abs=1e-5)
    assert fit.mse[-1] <= fit.mse[0]
    assert len(fit.path) == len(fit.mse)
