"""calcviz.limits.multivariate_limit: limits of fields at points, and paths that disagree."""

import math

import pytest
import sympy

from calcviz import Field
from calcviz.limits import NoLimitError, approach_paths, multivariate_limit


@pytest.mark.parametrize("text, point, expected", [
    ("x^2 + y", (1, 2), 3.0),  # continuous: the value
    ("sin(x^2 + y^2)/(x^2 + y^2)", (0, 0), 1.0),  # sin(r^2)/r^2 -> 1
    ("x^2*y^2/(x^2 + y^2)", (0, 0), 0.0),  # <= r^2
    ("(x - 1)*y/sqrt((x - 1)^2 + y^2)", (1, 0), 0.0),  # |.| <= |y|
    ("exp(x*y)", (2, -1), math.exp(-2)),
])
def test_limits_that_exist_match_closed_forms(text, point, expected):
    assert multivariate_limit(text, point) == pytest.approx(expected, abs=1e-12)


def test_limit_agrees_with_sympy_in_polar_form():
    x, y, r, th = sympy.symbols("x y r theta", positive=True)
    expr = x**2 * y**2 / (x**2 + y**2)
    polar = sympy.simplify(expr.subs({x: r * sympy.cos(th), y: r * sympy.sin(th)}))
    assert sympy.limit(polar, r, 0) == 0
    assert multivariate_limit(Field(str(expr)), (0, 0)) == 0.0


@pytest.mark.parametrize("text, point, curve, values", [
    ("x*y/(x^2 + y^2)", (0, 0), "y = x", (0.0, 0.5)),  # lines disagree
    ("x*y^2/(x^2 + y^4)", (0, 0), "x = y^{2}", (0.0, 0.5)),  # every line gives 0, the parabola 1/2
    ("x^2*y/(x^4 + y^2)", (0, 0), "y = x^{2}", (0.0, 0.5)),
    ("(x - 1)*y^2/((x - 1)^2 + y^4)", (1, 0), "x = y^{2} + 1", (0.0, 0.5)),  # the same, moved to (1, 0)
])
def test_disagreeing_paths_are_reported(text, point, curve, values):
    with pytest.raises(NoLimitError) as caught:
        multivariate_limit(text, point)
    error = caught.value
    assert isinstance(error, ValueError)
    assert [p.latex for p in error.paths][1] == curve
    assert error.limits == pytest.approx(values)
    F = Field(text)
    for path, value in zip(error.paths, error.limits):  # the reported limits hold along the reported paths
        xs, ys = path.at([1e-4, -1e-4])
        assert F(xs, ys) == pytest.approx([value, value], abs=1e-3)


def test_every_line_agrees_for_the_parabola_example():
    F = Field("x*y^2/(x^2 + y^4)")
    x, y = F.symbols
    for path in approach_paths((0, 0))[:8]:
        along = F.expr.xreplace({x: path.x, y: path.y})
        assert sympy.limit(along, sympy.Symbol("t"), 0) == 0


def test_paths_pass_through_the_point():
    for path in approach_paths((2, -3)):
        xs, ys = path.at([0.0])
        assert (xs[0], ys[0]) == (2.0, -3.0)


def test_bad_arguments():
    with pytest.raises(ValueError, match="two variables"):
        multivariate_limit(Field("x + y + z", variables=("x", "y", "z")), (0, 0, 0))
    with pytest.raises(ValueError, match="point"):
        multivariate_limit("x + y", (0, math.nan))


def test_along_lines_by_hand():
    """On y = m x, x y^2/(x^2 + y^4) = m^2 x^3 / (x^2 + m^4 x^4) = m^2 x / (1 + m^4 x^2); x y/(x^2 + y^2) = m/(1 + m^2)."""
    import sympy

    from calcviz.fields import Field
    from calcviz.limits import along_lines

    t, m = sympy.symbols("t m")
    assert sympy.simplify(along_lines(Field("x*y^2/(x^2 + y^4)"), (0, 0)) - m**2 * t / (1 + m**4 * t**2)) == 0
    assert sympy.simplify(along_lines(Field("x*y/(x^2 + y^2)"), (0, 0)) - m / (1 + m**2)) == 0
    assert sympy.simplify(along_lines(Field("(x - 1)*(y - 2)"), (1, 2)) - m * t**2) == 0  # shifted point
