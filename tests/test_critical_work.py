"""calcviz.critical_work: grad f = 0 solved equation by equation when it splits (expected values worked by hand)."""

from __future__ import annotations

import sympy

from calcviz.critical_work import critical_work


def test_course_field_splits_into_two_squares():
    # f = x^3/3 - x - y^3/3 + y: f_x = x^2 - 1 = 0 -> x = -1, 1;  f_y = 1 - y^2 = 0 -> y = -1, 1
    ex, ey = critical_work("x^3/3 - x - y^3/3 + y", (-2, 2), (-2, 2))
    assert (ex.variable, ey.variable) == ("x", "y")
    assert ex.partial_latex == "x^{2} - 1" and ey.partial_latex == "1 - y^{2}"
    assert ex.roots == (-1, 1) and ey.roots == (-1, 1)
    assert ex.roots_latex == r"\pm 1" and ey.roots_latex == r"\pm 1"


def test_roots_outside_the_range_are_left_out_and_unequal_roots_listed():
    # f = x^2 - 2x + y^3/3 - 4y: f_x = 2x - 2 -> x = 1;  f_y = y^2 - 4 -> y = -2, 2, and only 2 lies in [0, 3]
    ex, ey = critical_work("x^2 - 2*x + y^3/3 - 4*y", (-3, 3), (0, 3))
    assert ex.roots == (1,) and ex.roots_latex == "1"
    assert ey.roots == (2,) and ey.roots_latex == "2"
    # f = x^3/3 - x^2/2: f_x = x^2 - x = x (x - 1) -> 0, 1 (not a symmetric pair)
    ex, _ = critical_work("x^3/3 - x^2/2 + y^2", (-2, 2), (-2, 2))
    assert ex.roots == (0, 1) and ex.roots_latex == r"0,\ 1"
    assert sympy.sympify(ex.partial_latex.replace("^{2}", "**2")) == sympy.Symbol("x") ** 2 - sympy.Symbol("x")


def test_a_mixed_gradient_does_not_split():
    # f = x y + x^2: f_x = y + 2x holds both variables
    assert critical_work("x*y + x^2", (-1, 1), (-1, 1)) is None
