"""Tests for calcviz.multivariate.critical_points against hand-solved fields and sympy."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz import Field
from calcviz.multivariate import critical_points

x, y = sympy.symbols("x y")


def _summary(found):
    return [(tuple(round(c, 9) for c in p.point), p.kind) for p in found]


def test_cubic_has_a_saddle_and_a_minimum_exactly():
    found = critical_points("x^3 - 3x + y^2", (-2, 2), (-2, 2))
    assert _summary(found) == [((-1.0, 0.0), "saddle"), ((1.0, 0.0), "minimum")]
    assert [p.exact for p in found] == [(-1, 0), (1, 0)]
    assert [p.value for p in found] == [2.0, -2.0]  # F(-1, 0) = -1 + 3, F(1, 0) = 1 - 3


def test_monkey_saddle_and_four_kinds():
    # x^3 + y^3 - 3xy: grad = (3x^2 - 3y, 3y^2 - 3x) vanishes at (0,0) (D = -9) and (1,1) (D = 27, f_xx = 6)
    assert _summary(critical_points("x^3 + y^3 - 3*x*y", (-2, 2), (-2, 2))) == [((0.0, 0.0), "saddle"), ((1.0, 1.0), "minimum")]
    assert _summary(critical_points("4 - x^2 - y^2", (-1, 1), (-1, 1))) == [((0.0, 0.0), "maximum")]
    assert _summary(critical_points("x^3 - 3*x*y^2", (-1, 1), (-1, 1))) == [((0.0, 0.0), "degenerate")]


def test_region_is_respected_and_edges_included():
    assert _summary(critical_points("x^3 - 3x + y^2", (0, 3), (-1, 1))) == [((1.0, 0.0), "minimum")]
    assert critical_points("x^3 - 3x + y^2", (2, 3), (-1, 1)) == ()
    assert _summary(critical_points("x^3 - 3x + y^2", (1, 3), (0, 1))) == [((1.0, 0.0), "minimum")]


def test_numeric_fallback_finds_every_point_of_a_transcendental_field():
    # x y e^{-(x^2+y^2)/2}: saddle at 0, maxima at +-(1, 1), minima at +-(1, -1)
    found = critical_points("x*y*exp(-(x^2 + y^2)/2)", (-3, 3), (-3, 3))
    assert all(p.exact is None for p in found)
    assert _summary(found) == [((-1.0, -1.0), "maximum"), ((-1.0, 1.0), "minimum"), ((0.0, 0.0), "saddle"),
                               ((1.0, -1.0), "minimum"), ((1.0, 1.0), "maximum")]
    for p in found:
        assert p.value == pytest.approx(float(sympy.exp(-1)) * np.sign(p.point[0] * p.point[1]), abs=1e-12)


def test_agrees_with_sympy_on_a_cubic_with_irrational_points():
    F = Field("(x^2 - 1)^2/2 + y^2 + x/4")
    found = critical_points(F, (-2, 2), (-2, 2))
    roots = sorted(float(r) for r in sympy.Poly(2 * x * (x**2 - 1) + sympy.Rational(1, 4), x).nroots() if abs(sympy.im(r)) < 1e-12)
    assert [p.point[0] for p in found] == pytest.approx(roots, abs=1e-12)
    assert [p.kind for p in found] == ["minimum", "saddle", "minimum"]


def test_not_isolated_and_bad_ranges():
    with pytest.raises(ValueError, match="not isolated"):
        critical_points("(x - y)^2", (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="x_range must be finite with lo < hi"):
        critical_points("x^2 + y^2", (1, -1), (-1, 1))


@settings(max_examples=25, deadline=None)
@given(st.integers(-4, 4).filter(bool), st.integers(-4, 4).filter(bool), st.integers(-3, 3), st.integers(-3, 3))
def test_quadratic_point_and_kind_match_the_hand_formula(a, c, p, q):
    """a (x - p)^2 + c (y - q)^2: one critical point (p, q), a minimum iff a, c > 0, a maximum iff both < 0."""
    F = Field(a * (x - p) ** 2 + c * (y - q) ** 2)
    [found] = critical_points(F, (-5, 5), (-5, 5))
    assert found.point == (p, q) and found.value == 0
    expected = "minimum" if a > 0 and c > 0 else "maximum" if a < 0 and c < 0 else "saddle"
    assert found.kind == expected
    assert found.determinant == pytest.approx(4 * a * c)
