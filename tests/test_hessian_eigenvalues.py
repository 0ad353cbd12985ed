"""calcviz.hessians.HessianAt.eigenvalues: the two bendings whose product is det H and whose sum is tr H.

Expected values worked by hand from the matrices of second partials."""

import pytest

from calcviz.multivariate import hessian_at


@pytest.mark.parametrize(
    "field, point, expected",
    [
        ("x^2 + y^2", (0, 0), (2.0, 2.0)),  # H = diag(2, 2): det 4, tr 4, t^2 - 4t + 4 = (t - 2)^2
        ("-x^2", (0, 0), (0.0, -2.0)),  # H = diag(-2, 0): det 0, tr -2, t^2 + 2t = t (t + 2)
        ("x^2 - y^2", (0, 0), (2.0, -2.0)),  # H = diag(2, -2): det -4, tr 0, t^2 - 4
        ("x^2 + x*y + y^2", (0, 0), (3.0, 1.0)),  # H = [[2, 1], [1, 2]]: det 3, tr 4, t^2 - 4t + 3 = (t - 3)(t - 1)
        ("x^3 + y^2", (1, 5), (6.0, 2.0)),  # f_xx = 6x = 6 at x = 1, f_yy = 2, f_xy = 0
    ],
)
def test_eigenvalues_worked_by_hand(field, point, expected):
    at = hessian_at(field, point)
    assert at.eigenvalues == pytest.approx(expected, abs=1e-12)
    first, second = at.eigenvalues
    assert first * second == pytest.approx(at.determinant, abs=1e-12)
    assert first + second == pytest.approx(at.trace, abs=1e-12)
