"""hessian_classification against closed forms."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz.multivariate import hessian_classification


@pytest.mark.parametrize(
    "text, kind, convex",
    [
        ("x^2 + y^2", "positive definite", True),
        ("-x^2 - 3y^2", "negative definite", False),
        ("x^2 - y^2", "indefinite", False),
        ("x*y", "indefinite", False),
        ("x^2", "semidefinite", True),
        ("exp(x + y)", "semidefinite", True),
    ],
)
def test_quadratic_forms_have_one_kind_everywhere(text, kind, convex):
    result = hessian_classification(text, (-2, 2), (-1, 3), resolution=9)
    assert result.fraction(kind) == 1.0
    assert result.convex is convex


def test_the_convex_region_of_a_quartic_is_where_12x2_minus_6_is_positive():
    # F = x^4 - 3x^2 + y^2: f_xx = 12x^2 - 6, f_yy = 2, f_xy = 0
    result = hessian_classification("x^4 - 3x^2 + y^2", (-2, 2), (-1, 1), resolution=41)
    positive = result.kind == 0
    np.testing.assert_array_equal(
        positive,
        12 * result.X**2 - 6 > 1e-9 * np.maximum(1, (12 * result.X**2 - 6) ** 2 + 4),
    )
    np.testing.assert_allclose(result.determinant, 2 * (12 * result.X**2 - 6))
    np.testing.assert_allclose(result.trace, 12 * result.X**2 - 4)
    assert not result.convex
    assert hessian_classification(
        "x^4 - 3x^2 + y^2", (1, 2), (-1, 1), resolution=11
    ).convex


@settings(max_examples=20, deadline=None)
@given(st.integers(-4, 4), st.integers(-4, 4), st.integers(-4, 4))
def test_a_quadratic_form_matches_its_eigenvalues(a, b, c):
    # F = a x^2 + 2b x y + c y^2 has Hessian [[2a, 2b], [2b, 2c]] everywhere
    result = hessian_classification(
        f"({a})*x^2 + 2*({b})*x*y + ({c})*y^2", (-1, 1), (-1, 1), resolution=3
    )
    eigenvalues = np.linalg.eigvalsh([[2 * a, 2 * b], [2 * b, 2 * c]])
    if np.all(eigenvalues > 0):
        expected = "positive definite"
    elif np.all(eigenvalues < 0):
        expected = "negative definite"
    elif eigenvalues[0] < 0 < eigenvalues[1]:
        expected = "indefinite"
    else:
        expected = "semidefinite"
    assert result.fraction(expected) == 1.0
    assert result.convex == bool(np.all(eigenvalues >= 0))


def test_a_bad_range_is_named():
    with pytest.raises(ValueError, match="y_range"):
        hessian_classification("x*y", (0, 1), (1, 0))


def test_a_hessians_name_says_which_way_a_semidefinite_one_bends():
    from calcviz import Field
    from calcviz.multivariate import hessian_at

    assert hessian_at(Field("-x^2"), (0, 0)).name == "negative semidefinite"
    assert hessian_at(Field("y^2"), (0, 0)).name == "positive semidefinite"
    assert hessian_at(Field("x + y"), (0, 0)).name == "semidefinite"  # H = 0 bends neither way
    assert hessian_at(Field("x^2 + y^2"), (0, 0)).name == "positive definite"
