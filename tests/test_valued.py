"""Result objects that stand for a value work as that float, and keep their geometry."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from calcviz.integrals import riemann_sum


def test_a_riemann_sum_minus_the_exact_integral_is_the_error():
    s = riemann_sum("x^2", 0, 1, 8, "left")
    exact = 1 / 3
    # left sum of x^2 on [0, 1] with n cells: (n - 1) n (2n - 1) / (6 n^3)
    assert s - exact == pytest.approx(7 * 8 * 15 / (6 * 8**3) - exact)
    assert exact - s == pytest.approx(-(s - exact))
    assert s < exact and exact > s and s <= s.value and s >= s.value and s != exact
    assert abs(s - exact) < 1 / 8
    assert s.shapes and len(s.signed_areas) == 8, "still the geometry a scene draws"


def test_arithmetic_with_numbers_and_other_sums():
    left, right = riemann_sum("x", 0, 1, 4, "left"), riemann_sum("x", 0, 1, 4, "right")
    assert (left + right) / 2 == pytest.approx(0.5), "the trapezoid rule is the mean of left and right"
    assert 2 * left == left * 2 == pytest.approx(0.75)
    assert left ** 2 == pytest.approx(0.375**2) and 2 ** left == pytest.approx(2**0.375)
    assert -left == pytest.approx(-0.375) and +left == pytest.approx(0.375) and abs(-left) == pytest.approx(0.375)
    assert round(left, 2) == 0.38 and int(riemann_sum("x", 0, 4, 4, "right")) == 10
    assert math.isclose(left, 0.375) and float(np.float64(1.0) - left) == pytest.approx(0.625)
    assert left == 0.375 and hash(left) == hash(0.375)
    assert sorted([right, left, 0.4]) == [left, 0.4, right]
    assert left != "0.375" and (left == None) is False  # noqa: E711 - equality with non-numbers is identity


@given(st.integers(min_value=1, max_value=64), st.sampled_from(["left", "right", "midpoint", "trapezoid"]),
       st.floats(min_value=-5, max_value=5))
def test_behaves_exactly_as_its_value(n, rule, other):
    s = riemann_sum("sin(x) + x/3", -1, 2, n, rule)
    v = s.value
    assert (s + other, s - other, other - s, s * other) == (v + other, v - other, other - v, v * other)
    assert (s < other, s <= other, s > other, s >= other, s == other) == (v < other, v <= other, v > other, v >= other, v == other)
