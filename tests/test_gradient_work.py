"""calcviz.gradient_work: each partial at a point, plugged in and evaluated (expected values worked by hand)."""

from __future__ import annotations

import pytest
import sympy

from calcviz.gradient_work import gradient_work


def test_course_field_at_2_1():
    # f = x^2/2 + y^2 + xy/3 + x^3/12
    # f_x = x + y/3 + x^2/4 -> 2 + 1/3 + 4/4 = 10/3;  f_y = 2y + x/3 -> 2 + 2/3 = 8/3
    fx, fy = gradient_work("x^2/2 + y^2 + x*y/3 + x^3/12", (2, 1))
    assert fx.value == sympy.Rational(10, 3) and fy.value == sympy.Rational(8, 3)
    assert fx.substituted_latex == r"\frac{2^{2}}{4} + 2 + \frac{1}{3}"
    assert fy.substituted_latex == r"\frac{2}{3} + 2 \cdot 1"
    assert (fx.variable, fy.variable) == ("x", "y")


def test_negative_and_fractional_coordinates_in_parentheses():
    # f = x*y + y^2: f_x = y -> -1;  f_y = x + 2y -> 1/2 - 2 = -3/2
    fx, fy = gradient_work("x*y + y^2", (0.5, -1))
    assert fx.substituted_latex == r"\left(-1\right)" and fx.value == -1
    assert fy.substituted_latex == r"\left(\frac{1}{2}\right) + 2 \cdot \left(-1\right)"
    assert fy.value == sympy.Rational(-3, 2)


def test_not_differentiable_is_refused():
    with pytest.raises(ValueError, match="not differentiable"):
        gradient_work("(x*y)^(1/3)", (0, 0))
