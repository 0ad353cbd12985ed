"""calcviz.optimize.step_factor: one descent step on L(s) = lambda/2 s^2 multiplies s by 1 - eta*lambda."""

from __future__ import annotations

import pytest

from calcviz.optimize import gradient_descent, step_factor


@pytest.mark.parametrize("rate, curvature, factor", [
    (0.015, 2, 0.97),   # 1 - 0.03: heads straight in, slowly
    (0.4, 2, 0.2),      # 1 - 0.8
    (0.85, 2, -0.7),    # 1 - 1.7: overshoots, shrinks
    (1.05, 2, -1.1),    # 1 - 2.1: blows up
    (0.5, 2, 0.0),      # eta = 1/lambda: one step to the bottom
    (1.0, 2, -1.0),     # eta = 2/lambda: bounces for ever
])
def test_factors_worked_by_hand(rate, curvature, factor):
    assert step_factor(rate, curvature) == factor


def test_one_descent_step_multiplies_by_the_factor():
    run = gradient_descent("y^2", (0.0, 1.5), 0.85, 1)  # lambda = 2 along y: 1.5 * (-0.7) = -1.05
    assert run.points[1][1] == pytest.approx(-1.05)
    assert run.points[1][1] == pytest.approx(step_factor(0.85, 2) * 1.5)


def test_rejects_non_numbers():
    with pytest.raises(TypeError, match="rate"):
        step_factor("0.1", 2)
