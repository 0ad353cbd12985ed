"""A polynomial integrated term by term with the reverse power rule (AreaAccumulation's working)."""

import pytest

from calcviz.power_rule_work import NotAPolynomial, reverse_power_work


def test_the_course_parabola_from_zero():
    # (x - 1)(x - 3) = x^2 - 4x + 3; x^2 -> x^3/3, -4x -> -4 x^2/2 = -2x^2, 3 -> 3x; F(0) = 0
    work = reverse_power_work("(x - 1)*(x - 3)", 0)
    assert work.expanded == "x^{2} - 4 x + 3"
    assert work.termwise == r"\frac{x^{3}}{3} - 4 \cdot \frac{x^{2}}{2} + 3 x"
    assert work.antiderivative == r"\frac{x^{3}}{3} - 2 x^{2} + 3 x"
    assert work.at_start == "0"
    assert work.area == work.antiderivative


def test_a_start_other_than_zero_shifts_the_area_function():
    # F = x^3/3 - x, F(1) = 1/3 - 1 = -2/3, so A(x) = x^3/3 - x + 2/3
    work = reverse_power_work("x^2 - 1", 1)
    assert work.termwise == r"\frac{x^{3}}{3} - x"
    assert work.at_start == r"- \frac{2}{3}"
    assert work.area == r"\frac{x^{3}}{3} - x + \frac{2}{3}"


def test_a_leading_minus_and_a_coefficient_that_cancels():
    # -x^3 -> -x^4/4; 3x^2 -> 3 x^3/3 = x^3
    assert reverse_power_work("-x^3 + x").termwise == r"- \frac{x^{4}}{4} + \frac{x^{2}}{2}"
    work = reverse_power_work("3*x^2 + 2")
    assert work.termwise == r"3 \cdot \frac{x^{3}}{3} + 2 x"
    assert work.antiderivative == "x^{3} + 2 x"


def test_only_polynomials():
    with pytest.raises(NotAPolynomial):
        reverse_power_work("sin(x)")
