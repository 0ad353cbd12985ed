"""Tests for calcviz.multivariate: tangent planes, directional derivatives,
second-derivative test, contour lines."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz import Field, multivariate
from calcviz.multivariate import (
    classify,
    contour_lines,
    directional_derivative,
    exact_gradient,
    negative_gradients,
    surface_grid,
    tangent_plane,
)

x, y = sympy.symbols("x y")

# (text for calcviz, the same field built directly in sympy)
SMOOTH_FIELDS = [
    ("x^2 + y^2", x**2 + y**2),
    ("x*y - 3y", x * y - 3 * y),
    ("sin(x)*cos(y)", sympy.sin(x) * sympy.cos(y)),
    ("exp(x*y)", sympy.exp(x * y)),
    ("x^3 - 2x*y^2 + 1", x**3 - 2 * x * y**2 + 1),
    ("log(1 + x^2 + y^2)", sympy.log(1 + x**2 + y**2)),
]
coordinates = st.floats(-2, 2, allow_nan=False)
small_coefficients = st.floats(-3, 3, allow_nan=False)


def _sympy_gradient(expr, point):
    at = {x: point[0], y: point[1]}
    return np.array([float(sympy.diff(expr, s).subs(at)) for s in (x, y)])


# -- tangent planes --------------------------------------------------------------
def test_tangent_plane_of_paraboloid_matches_closed_form():
    plane = tangent_plane("x^2 + y^2", (1, 2))
    assert (plane.x0, plane.y0, plane.z0, plane.slope_x, plane.slope_y) == (1, 2, 5, 2, 4)
    assert plane.latex == r"z = 5 + 2 \left(x - 1\right) + 4 \left(y - 2\right)"
    assert sympy.expand(plane.expr - (5 + 2 * (x - 1) + 4 * (y - 2))) == 0
    xs, ys = np.meshgrid(np.linspace(-3, 3, 7), np.linspace(-1, 4, 5))
    np.testing.assert_allclose(plane(xs, ys), 5 + 2 * (xs - 1) + 4 * (ys - 2), rtol=0, atol=1e-12)


def test_tangent_plane_normal_is_unit_upward_and_perpendicular():
    plane = tangent_plane("x^2 + y^2", (1, 2))
    np.testing.assert_allclose(plane.normal, np.array([-2, -4, 1]) / math.sqrt(21))
    for in_plane in ([1, 0, plane.slope_x], [0, 1, plane.slope_y]):
        assert abs(plane.normal @ in_plane) < 1e-12


def test_tangent_plane_latex_is_exact_and_signed():
    plane = tangent_plane("x*y", (0.5, -2))
    assert (
        plane.latex == r"z = -1 - 2 \left(x - \frac{1}{2}\right) + \frac{1}{2} \left(y + 2\right)"
    )
    assert tangent_plane("sin(x) + y", (0, 0)).latex == "z = x + y"
    assert tangent_plane("7", (1, 1)).latex == "z = 7"


def test_tangent_plane_values_are_exact_where_sympy_has_them():
    plane = tangent_plane("exp(x*y)", (1, 0.5))
    half = sympy.Rational(1, 2)
    expected = sympy.exp(half) * (1 + (x - 1) * half + (y - half))
    assert sympy.simplify(plane.expr - expected) == 0
    assert r"e^{\frac{1}{2}}" in plane.latex


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SMOOTH_FIELDS), coordinates, coordinates)
def test_tangent_plane_touches_the_surface(field, a, b):
    text, expr = field
    plane = tangent_plane(text, (a, b))
    value = float(expr.subs({x: a, y: b}))
    assert plane(a, b) == pytest.approx(value, rel=1e-12, abs=1e-12)
    slopes = _sympy_gradient(expr, (a, b))
    np.testing.assert_allclose([plane.slope_x, plane.slope_y], slopes, rtol=1e-12, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.tuples(*[small_coefficients] * 5),
    st.tuples(coordinates, coordinates),
    st.floats(0, 2 * math.pi),
    st.floats(1e-3, 1.0),
)
def test_tangent_plane_error_of_a_quadratic_is_quadratic_in_h(coefficients, point, angle, h):
    a, b, c, d, e = coefficients
    F = Field(
        sympy.Rational(a) * x**2
        + sympy.Rational(b) * x * y
        + sympy.Rational(c) * y**2
        + sympy.Rational(d) * x
        + sympy.Rational(e) * y
    )
    plane = tangent_plane(F, point)
    u = np.array([math.cos(angle), math.sin(angle)])
    p = np.asarray(point) + h * u
    # Taylor is exact for a quadratic: F - plane = h^2/2 * u^T H u
    hessian = np.array([[2 * a, b], [b, 2 * c]])
    expected = 0.5 * h * h * (u @ hessian @ u)
    assert F(*p) - plane(*p) == pytest.approx(expected, abs=1e-9)


def test_tangent_plane_broadcasts_even_when_constant():
    plane = tangent_plane("7", (0, 0))
    assert plane(np.zeros((2, 1)), np.zeros(3)).shape == (2, 3)
    assert isinstance(plane(1.0, 2.0), float)


@pytest.mark.parametrize(
    "text, point, problem",
    [
        ("abs(x) + y", (0, 0), "not differentiable"),
        ("sqrt(x^2 + y^2)", (0, 0), "not differentiable"),
        ("(x*y)^(1/3)", (0, 0), "not differentiable"),
        ("1/x + y", (0, 1), "undefined"),
        ("log(x)", (-1, 0), "undefined"),
    ],
)
def test_tangent_plane_rejects_bad_points(text, point, problem):
    with pytest.raises(ValueError, match=problem):
        tangent_plane(text, point)


def test_partials_from_one_sided_limits():
    # 3x|x| is the derivative of |x|^3; the formula is 0/0 at the origin
    assert exact_gradient("abs(x)^3 + x*y", (0, 2)) == (2, 0)


def test_point_must_have_two_finite_coordinates():
    with pytest.raises(ValueError, match="point"):
        tangent_plane("x + y", (1, 2, 3))
    with pytest.raises(ValueError, match="finite"):
        tangent_plane("x + y", (math.nan, 2))


# -- directional derivatives --------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(SMOOTH_FIELDS),
    coordinates,
    coordinates,
    st.floats(0, 2 * math.pi),
    st.floats(1e-3, 1e3),
)
def test_directional_derivative_is_gradient_dot_unit(field, a, b, angle, stretch):
    text, expr = field
    direction = np.array([math.cos(angle), math.sin(angle)])
    expected = _sympy_gradient(expr, (a, b)) @ direction
    assert directional_derivative(text, (a, b), direction) == pytest.approx(expected, abs=1e-12)
    scaled = directional_derivative(text, (a, b), stretch * direction)
    assert scaled == pytest.approx(expected, abs=1e-12)


def test_directional_derivative_along_axes_is_the_partial():
    F = Field("x^3*y + y^2")
    assert directional_derivative(F, (2, -1), (1, 0)) == 3 * 4 * -1
    assert directional_derivative(F, (2, -1), (0, 5)) == 8 - 2
    assert directional_derivative(F, (2, -1), (-1, 0)) == 12


def test_a_tiny_direction_is_still_a_direction():
    assert directional_derivative("x^2 + y^2", (1, 2), (1e-300, 0.0)) == 2.0


def test_directional_derivative_needs_a_nonzero_direction():
    with pytest.raises(ValueError, match="nonzero"):
        directional_derivative("x*y", (1, 1), (0.0, 0.0))
    with pytest.raises(ValueError, match="direction"):
        directional_derivative("x*y", (1, 1), (1.0, 2.0, 3.0))


# -- second-derivative test -----------------------------------------------------------
@pytest.mark.parametrize(
    "text, point, kind",
    [
        ("x^2 + y^2", (0, 0), "minimum"),
        ("-x^2 - y^2", (0, 0), "maximum"),
        ("x^2 - y^2", (0, 0), "saddle"),
        ("x*y", (0, 0), "saddle"),
        ("x^4 + y^4", (0, 0), "degenerate"),
        ("x^2 + y^4", (0, 0), "degenerate"),
        ("(x^2 - 1)^2 + y^2", (1, 0), "minimum"),
        ("(x^2 - 1)^2 + y^2", (-1, 0), "minimum"),
        ("(x^2 - 1)^2 + y^2", (0, 0), "saddle"),
        ("(x - 1)^2 + (y + 2)^2 + x*y", (sympy.Rational(8, 3), sympy.Rational(-10, 3)), "minimum"),
    ],
)
def test_classify(text, point, kind):
    assert classify(text, point) == kind


def test_classify_accepts_a_float_approximation_of_a_critical_point():
    # sin(x) + sin(y) has a maximum at (pi/2, pi/2)
    assert classify("sin(x) + sin(y)", (math.pi / 2, math.pi / 2)) == "maximum"


def test_classify_rejects_a_point_that_is_not_critical():
    with pytest.raises(ValueError, match=r"not a critical point: gradient = \(2, 0\)"):
        classify("x^2 + y^2", (1, 0))


def test_classify_rejects_an_undefined_hessian():
    with pytest.raises(ValueError, match="Hessian"):
        classify("abs(x)^3 + y^2", (0, 0))


# -- gradients at many points, surface samples ----------------------------------------
def test_negative_gradients_match_sympy_and_mark_undefined_points():
    points = np.array([[1.0, 2.0], [-0.5, 0.25], [0.0, 1.0]])
    arrows = negative_gradients("x^2*y + log(x^2)", points, scale=0.5)
    expr = x**2 * y + sympy.log(x**2)
    for point, arrow in zip(points[:2], arrows[:2]):
        np.testing.assert_allclose(arrow, -0.5 * _sympy_gradient(expr, point))
    assert np.all(np.isnan(arrows[2]))  # 2/x is infinite at x = 0
    assert negative_gradients("x + y", [3, 4]).shape == (2,)


def test_surface_grid_samples_the_field():
    X, Y, Z = surface_grid("x^2 - y", (-1, 1), (0, 3), resolution=5)
    assert X.shape == Y.shape == Z.shape == (5, 5)
    np.testing.assert_allclose(X[0], np.linspace(-1, 1, 5))
    np.testing.assert_allclose(Y[:, 0], np.linspace(0, 3, 5))
    np.testing.assert_allclose(Z, X**2 - Y)


# -- contour lines ----------------------------------------------------------------------
def _is_closed(line: np.ndarray) -> bool:
    return bool(np.all(line[0] == line[-1]))


@pytest.mark.parametrize("radius", [0.5, 1.0, 1.7])
def test_contours_of_a_paraboloid_are_closed_circles(radius):
    resolution = 201
    spacing = 4 / (resolution - 1)
    [lines] = contour_lines("x^2 + y^2", (-2, 2), (-2, 2), [radius**2], resolution)
    assert len(lines) == 1
    (circle,) = lines
    assert _is_closed(circle)
    distances = np.hypot(circle[:, 0], circle[:, 1])
    # linear interpolation of r^2 along an edge is off by at most spacing^2 / (8 r)
    assert np.max(np.abs(distances - radius)) <= spacing**2 / (8 * radius) + 1e-12
    steps = np.linalg.norm(np.diff(circle, axis=0), axis=1)
    assert np.all(steps <= math.sqrt(2) * spacing + 1e-12)  # neighbours share a cell
    winding = np.diff(np.unwrap(np.arctan2(circle[:, 1], circle[:, 0])))
    assert abs(abs(winding.sum()) - 2 * math.pi) < 1e-9  # goes round exactly once
    assert len(np.unique(circle[:-1], axis=0)) == len(circle) - 1  # no point repeated


def test_contours_of_a_plane_are_straight_lines_across_the_box():
    levels = [-3.0, 0.0, 2.5]
    result = contour_lines("2x + 3y", (-1, 1), (-1, 1), levels, resolution=41)
    for level, lines in zip(levels, result):
        assert len(lines) == 1
        (line,) = lines
        assert not _is_closed(line)
        np.testing.assert_allclose(2 * line[:, 0] + 3 * line[:, 1], level, atol=1e-12)
        for end in (line[0], line[-1]):
            assert np.any(np.isclose(np.abs(end), 1.0, atol=1e-12))  # ends on the border
        direction = line[-1] - line[0]
        assert abs(2 * direction[0] + 3 * direction[1]) < 1e-12  # along the level set


def test_contours_of_a_saddle_have_two_branches():
    [lines] = contour_lines("x^2 - y^2", (-2, 2), (-2, 2), [1.0], resolution=81)
    assert len(lines) == 2
    for branch in lines:
        assert not _is_closed(branch)
        assert np.all(np.sign(branch[:, 0]) == np.sign(branch[0, 0]))
        np.testing.assert_allclose(branch[:, 0] ** 2 - branch[:, 1] ** 2, 1.0, atol=0.05**2 / 4)
    assert {float(np.sign(branch[0, 0])) for branch in lines} == {-1.0, 1.0}


def test_contours_avoid_undefined_cells_and_missing_levels():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        empty, [circle] = contour_lines(
            "sqrt(1 - x^2 - y^2)", (-1.5, 1.5), (-1.5, 1.5), [2.0, 0.5], 121
        )
    assert empty == []
    assert _is_closed(circle)
    np.testing.assert_allclose(np.hypot(circle[:, 0], circle[:, 1]), math.sqrt(0.75), atol=1e-3)


def test_contours_split_by_two_wells():
    [lines] = contour_lines("(x^2 - 1)^2 + y^2", (-2, 2), (-1, 1), [0.5], resolution=121)
    assert len(lines) == 2 and all(_is_closed(line) for line in lines)
    centres = sorted(float(line[:, 0].mean()) for line in lines)
    assert centres[0] < 0 < centres[1]


@settings(max_examples=30, deadline=None)
@given(st.tuples(*[small_coefficients] * 5), st.floats(-3, 3))
def test_contour_points_lie_on_the_level_set(coefficients, level):
    a, b, c, d, e = coefficients
    F = Field(
        sympy.Rational(a) * x**2
        + sympy.Rational(b) * x * y
        + sympy.Rational(c) * y**2
        + sympy.Rational(d) * x
        + sympy.Rational(e) * y
    )
    resolution = 41
    spacing = 2 / (resolution - 1)
    [lines] = contour_lines(F, (-1, 1), (-1, 1), [level], resolution)
    # along an edge F is a parabola with F'' = 2a or 2c: interpolation error <= |F''| h^2 / 8
    bound = max(abs(a), abs(c)) * spacing**2 / 4 + 1e-9
    for line in lines:
        assert line.ndim == 2 and line.shape[1] == 2 and len(line) >= 2
        assert np.all(np.abs(F(line[:, 0], line[:, 1]) - level) <= bound)
        assert np.all(np.abs(line) <= 1 + 1e-12)


@pytest.mark.parametrize(
    "kwargs, problem",
    [
        ({"levels": 1.0}, "levels must be a sequence"),
        ({"levels": [np.nan]}, "finite"),
        ({"resolution": 1}, "resolution"),
        ({"x_range": (1, 1)}, "x_range"),
        ({"y_range": (0, np.inf)}, "y_range"),
    ],
)
def test_contour_lines_reject_bad_input(kwargs, problem):
    arguments = {"x_range": (-1, 1), "y_range": (-1, 1), "levels": [0.5], "resolution": 11} | kwargs
    with pytest.raises(ValueError, match=problem):
        contour_lines("x + y", **arguments)


def test_a_level_touching_only_a_grid_vertex_gives_no_line():
    assert contour_lines("-(x^2 + y^2)", (-1, 1), (-1, 1), [0.0], resolution=11) == [[]]
    assert contour_lines("x + y", (-1, 1), (-1, 1), [2.0], resolution=11) == [[]]


# -- linearization gap ---------------------------------------------------------
@pytest.mark.parametrize("radius", [1.0, 0.3, 0.01])
def test_linearization_gap_of_a_paraboloid_is_2r2(radius):
    # x^2 + y^2 at the origin: the plane is z = 0, the surface is highest at the square's corners.
    assert multivariate.linearization_gap("x^2 + y^2", (0, 0), radius) == pytest.approx(2 * radius**2)


def test_linearization_gap_is_zero_for_a_plane_and_quadratic_in_radius():
    assert multivariate.linearization_gap("3*x - 2*y + 1", (0.4, -1), 2.0) == pytest.approx(0, abs=1e-12)
    big = multivariate.linearization_gap("sin(x)*cos(y)", (0.7, 0.2), 0.1)
    small = multivariate.linearization_gap("sin(x)*cos(y)", (0.7, 0.2), 0.01)
    assert big / small == pytest.approx(100, rel=0.05)


def test_linearization_gap_rejects_a_bad_radius():
    with pytest.raises(ValueError, match="radius"):
        multivariate.linearization_gap("x*y", (0, 0), 0)


def test_exact_value_is_the_rational_sympy_gives():
    point = (sympy.Rational(1, 2), sympy.Integer(-3))
    expected = sympy.sympify("x**3 - x*y/7").subs({"x": point[0], "y": point[1]})
    assert multivariate.exact_value("x^3 - x*y/7", (0.5, -3)) == expected
