"""slice_of, partials_by_definition and hessian_at against sympy and closed forms."""

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz.derivatives import exact_slope
from calcviz.multivariate import (
    exact_gradient,
    hessian_at,
    partials_by_definition,
    slice_of,
)

x, y = sympy.symbols("x y")


@pytest.mark.parametrize("text, point", [("4 - x^2/2 - y^2/3 + x*y/4", (1, 1)), ("sin(x)*exp(y)", (0.5, -1)),
                                         ("x^3 - 3*x*y^2", (2, 1))])
def test_each_slice_has_the_partial_as_its_slope(text, point):
    expr = sympy.sympify(text.replace("^", "**"))
    a, b = (sympy.nsimplify(c) for c in point)
    fx = sympy.diff(expr, x).subs({x: a, y: b})
    fy = sympy.diff(expr, y).subs({x: a, y: b})
    assert sympy.simplify(exact_slope(slice_of(text, "y", point[1]), point[0]) - fx) == 0
    assert sympy.simplify(exact_slope(slice_of(text, "x", point[0]), point[1]) - fy) == 0


def test_a_slice_names_the_free_variable_and_refuses_a_stranger():
    assert slice_of("x*y", "x", 3).variable == "y"
    with pytest.raises(ValueError, match="'z' is not a variable"):
        slice_of("x*y", "z", 1)


def test_the_classic_counterexample_has_zero_partials_at_the_origin():
    # f(h, 0) = 0 and f(0, h) = 0 for h != 0, so both quotients are 0 / h = 0.
    assert partials_by_definition("x*y/(x^2 + y^2)", (0, 0), 0) == (0, 0)
    assert partials_by_definition("x^2*y/(x^2 + y^2)", (0, 0), 0) == (0, 0)


def test_a_wrong_value_at_the_hole_or_a_cone_has_no_partials():
    with pytest.raises(ValueError, match="no partial derivative in x"):
        partials_by_definition("x*y/(x^2 + y^2)", (0, 0), 1)
    with pytest.raises(ValueError, match="tends to 1 from the right, -1 from the left"):
        partials_by_definition("sqrt(x^2 + y^2)", (0, 0), 0)


@settings(max_examples=15, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3))
def test_where_the_formula_is_defined_the_definition_agrees_with_the_gradient(a, b):
    text = "x^2*y - 2*y^3 + 5*x"
    value = sympy.sympify("x**2*y - 2*y**3 + 5*x").subs({x: a, y: b})
    assert partials_by_definition(text, (a, b), value) == exact_gradient(text, (a, b))


@pytest.mark.parametrize("point", [(1, 1), (0.5, -2), (0, 0)])
def test_hessian_at_matches_sympy(point):
    expr = x**4 - 4 * x * y + y**4
    H = sympy.hessian(expr, (x, y)).subs({x: point[0], y: point[1]})
    result = hessian_at("x^4 - 4*x*y + y^4", point)
    np.testing.assert_allclose(result.matrix, np.array(H, dtype=float))
    assert math.isclose(result.determinant, float(H.det()))
    assert math.isclose(result.trace, float(H.trace()))
    det, tr = float(H.det()), float(H.trace())
    expected = "indefinite" if det < 0 else ("positive definite" if tr > 0 else "negative definite")
    assert result.kind == expected


def test_hessian_at_a_ridge_is_semidefinite():
    assert hessian_at("-x^2", (0.3, 2)).kind == "semidefinite"
