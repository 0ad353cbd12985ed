"""calcviz.determinant_work: D = f_xx f_yy - f_xy^2 as a formula, a point plugged in, its value.

Expected values worked by hand from the second partials."""

import pytest
import sympy

from calcviz.determinant_work import determinant_work


@pytest.mark.parametrize(
    "field, point, formula, substituted, value",
    [
        # f_xx = 2x, f_yy = -2y, f_xy = 0: D = (2x)(-2y) - 0 = -4xy; at (1, 1): -4
        ("x^3/3 - x - y^3/3 + y", (1, 1), "- 4 x y", r"- 4 \cdot 1 \cdot 1", -4),
        # at (-1, 1): -4 (-1)(1) = 4
        ("x^3/3 - x - y^3/3 + y", (-1, 1), "- 4 x y", r"- 4 \cdot \left(-1\right) \cdot 1", 4),
        # f_xx = 2, f_yy = 2, f_xy = 1: D = 4 - 1 = 3 everywhere
        ("x^2 + x*y + y^2", (0, 0), "3", "3", 3),
        # f_xx = 12x^2, f_yy = 12y^2, f_xy = -4: D = 144 x^2 y^2 - 16; at (1, 1): 128
        ("x^4 - 4*x*y + y^4", (1, 1), "144 x^{2} y^{2} - 16", r"144 \cdot 1^{2} \cdot 1^{2} - 16", 128),
    ],
)
def test_worked_by_hand(field, point, formula, substituted, value):
    work = determinant_work(field, point)
    assert work.formula_latex == formula
    assert work.substituted_latex == substituted
    assert work.value == sympy.Integer(value)
    assert work.value_latex == str(value)
