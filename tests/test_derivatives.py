"""Tests for calcviz.derivatives: secants, tangents, extrema, convexity."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz import Function, derivatives
from calcviz.derivatives import (
    ConvexityInterval,
    convexity,
    critical_points,
    inflection_points,
    linear_approximation,
    secant_slope,
    secant_slopes,
    tangent_line,
)

x = sympy.Symbol("x")
TWO_PI = 2 * math.pi


# -- secants -------------------------------------------------------------------
def _cubic_prime(a: float) -> float:
    """Hand-derived derivative of x^3 - 2x + sin(x)."""
    return 3 * a * a - 2 + math.cos(a)


@settings(max_examples=100, deadline=None)
@given(st.floats(-2, 2), st.floats(1e-4, 0.5), st.sampled_from([-1.0, 1.0]))
def test_secant_error_is_order_h(a, size, direction):
    h = size * direction
    slope = secant_slope("x^3 - 2x + sin(x)", a, h)
    # |f''| <= 6*2.5 + 1 on [-2.5, 2.5], so the error is at most 8|h|
    assert abs(slope - _cubic_prime(a)) <= 8 * abs(h) + 1e-9


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-2, 2), min_size=1, max_size=12), st.floats(1e-4, 0.5))
def test_secant_slopes_at_many_points_are_order_h_from_the_derivative(xs, h):
    slopes = secant_slopes("x^3 - 2x + sin(x)", xs, h)
    assert slopes.shape == (len(xs),)
    assert all(abs(slope - _cubic_prime(a)) <= 8 * h + 1e-9 for slope, a in zip(slopes, xs))


def test_secant_slopes_of_a_constant_are_an_array_of_zeros():
    assert secant_slopes("3", [0.0, 1.0, 2.0], 0.1).tolist() == [0.0, 0.0, 0.0]


def test_secant_converges_to_derivative():
    errors = [abs(secant_slope("exp(x)", 1.0, h) - math.e) for h in (1e-1, 1e-2, 1e-3, 1e-4)]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 1e-3


def test_secant_needs_nonzero_h():
    with pytest.raises(ValueError):
        secant_slope("x^2", 1.0, 0.0)


# -- tangents --------------------------------------------------------------------
polynomials = st.lists(st.integers(-5, 5), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(polynomials, st.floats(-2, 2))
def test_tangent_touches_with_the_right_slope(coefficients, a):
    expr = sum(c * x**k for k, c in enumerate(coefficients))
    expected_slope = float(sympy.diff(expr, x).subs(x, sympy.Rational(repr(a))))
    expected_value = float(expr.subs(x, sympy.Rational(repr(a))))
    line = tangent_line(Function(expr), a)
    assert line.a == a
    assert line.slope == pytest.approx(expected_slope, rel=1e-12, abs=1e-12)
    assert line(a) == pytest.approx(expected_value, rel=1e-12, abs=1e-12)
    assert line.intercept == pytest.approx(line.y0 - line.slope * a, abs=1e-9)
    h = 1e-3
    gap = abs(Function(expr)(a + h) - line(a + h))
    # Taylor: gap <= max|f''|/2 * h^2, with |f''| bounded term by term on |x| <= 2.1
    bound = sum(abs(c) * k * (k - 1) * 2.1 ** max(k - 2, 0) for k, c in enumerate(coefficients))
    assert gap <= 0.5 * bound * h * h + 1e-9


def test_tangent_line_is_callable_on_arrays():
    line = tangent_line("x^2", 1)
    np.testing.assert_allclose(line(np.array([0.0, 1.0, 2.0])), [-1.0, 1.0, 3.0])
    assert (line.y0, line.slope, line.intercept) == (1.0, 2.0, -1.0)


@pytest.mark.parametrize(
    "text, a, reason",
    [
        ("abs(x)", 0, "not differentiable"),
        ("abs(sin(x))", 0, "not differentiable"),
        ("sqrt(x)", 0, "not differentiable"),
        ("x^(2/3)", 0, "not differentiable"),
        ("1/x", 0, "undefined"),
        ("log(x)", -1, "undefined"),
    ],
)
def test_tangent_line_refuses_bad_points(text, a, reason):
    with pytest.raises(ValueError, match=reason):
        tangent_line(text, a)


def test_tangent_where_derivative_formula_is_indeterminate():
    line = tangent_line("abs(x)^3", 0)
    assert (line.y0, line.slope) == (0.0, 0.0)


# -- linear approximation --------------------------------------------------------
def test_linear_approximation_of_sqrt_at_4():
    L = linear_approximation("sqrt(x)", 4)
    assert L.expr == x / 4 + 1
    assert abs(L(4.1) - math.sqrt(4.1)) < 0.00039


def test_linear_approximation_error_is_little_o_of_h():
    L = linear_approximation("sqrt(x)", 4)
    ratios = [abs(L(4 + h) - math.sqrt(4 + h)) / h for h in (1e-1, 1e-2, 1e-3, 1e-4)]
    assert ratios == sorted(ratios, reverse=True)
    assert ratios[-1] < 1e-4


def test_linear_approximation_is_exact():
    L = linear_approximation("sin(x)", 0.5)
    half = sympy.Rational(1, 2)
    assert sympy.simplify(L.expr - (sympy.sin(half) + sympy.cos(half) * (x - half))) == 0


# -- critical points --------------------------------------------------------------
def test_critical_points_of_cubic():
    points = critical_points("x^3 - 3x", -2, 2)
    assert [(p.x, p.y, p.kind, p.exact) for p in points] == [
        (-1.0, 2.0, "maximum", -1),
        (1.0, -2.0, "minimum", 1),
    ]


@pytest.mark.parametrize(
    "text, kind",
    [("x^3", "stationary inflection"), ("x^4", "minimum"), ("-x^4", "maximum"),
     ("x^5", "stationary inflection"), ("x^6 + 1", "minimum")],
)
def test_kind_from_first_nonvanishing_derivative(text, kind):
    (point,) = critical_points(text, -1, 1)
    assert (point.x, point.kind, point.exact) == (0.0, kind, 0)


def test_critical_points_of_sine():
    points = critical_points("sin(x)", 0, TWO_PI)
    assert [p.exact for p in points] == [sympy.pi / 2, 3 * sympy.pi / 2]
    assert [p.kind for p in points] == ["maximum", "minimum"]
    np.testing.assert_allclose([p.x for p in points], [math.pi / 2, 3 * math.pi / 2])
    np.testing.assert_allclose([p.y for p in points], [1.0, -1.0])


def test_no_critical_points():
    assert critical_points("5", -1, 1) == ()
    assert critical_points("2x + 1", -1, 1) == ()
    assert critical_points("exp(x)", -1, 1) == ()


def _numeric_prime(t):
    """Hand-derived derivative of x*exp(-x) + sin(3x)/10."""
    return np.exp(-t) * (1 - t) + 0.3 * np.cos(3 * t)


def test_numeric_fallback_finds_all_stationary_points():
    points = critical_points("x*exp(-x) + sin(3x)/10", 0, 5)
    grid = np.linspace(0, 5, 200001)
    values = _numeric_prime(grid)
    crossings = grid[:-1][np.sign(values[:-1]) != np.sign(values[1:])]
    assert len(points) == len(crossings) == 5
    for point, crossing in zip(points, crossings):
        assert point.exact is None
        assert abs(_numeric_prime(point.x)) < 1e-8
        assert abs(point.x - crossing) < 1e-4
        left_right = Function("x*exp(-x) + sin(3x)/10")(np.array([point.x - 1e-3, point.x + 1e-3]))
        expected = "maximum" if np.all(left_right < point.y) else "minimum"
        assert point.kind == expected


def test_numeric_double_root_is_a_stationary_inflection():
    # f' = (x-1)^2 (x+2) e^x: a double root at 1 without sign change
    points = critical_points("(x-1)^3*exp(x)", -3, 3)
    assert [p.kind for p in points] == ["minimum", "stationary inflection"]
    np.testing.assert_allclose([p.x for p in points], [-2.0, 1.0], atol=1e-6)


def test_critical_point_dataclass_is_frozen():
    point = critical_points("x^2", -1, 1)[0]
    with pytest.raises(AttributeError):
        point.x = 3.0


# -- inflection and convexity -------------------------------------------------------
@pytest.mark.parametrize(
    "text, lo, hi, expected",
    [
        ("x^3", -1, 1, [0.0]),
        ("x^4", -1, 1, []),
        ("x^3 - 3x", -2, 2, [0.0]),
        ("sin(x)", 0, TWO_PI, [math.pi]),
        ("1/x", -1, 1, []),
        ("x^2", -1, 1, []),
        ("atan(x)", -2, 2, [0.0]),
        ("exp(-x^2)", -2, 2, [-1 / math.sqrt(2), 1 / math.sqrt(2)]),
    ],
)
def test_inflection_points(text, lo, hi, expected):
    np.testing.assert_allclose(inflection_points(text, lo, hi), expected, atol=1e-12)


def test_convexity_of_sine():
    assert convexity("sin(x)", 0, TWO_PI) == (
        ConvexityInterval(0.0, math.pi, "concave"),
        ConvexityInterval(math.pi, TWO_PI, "convex"),
    )


@pytest.mark.parametrize(
    "text, kinds",
    [("x^4", ["convex"]), ("2x + 1", ["convex"]), ("-x^2", ["concave"]),
     ("x^3", ["concave", "convex"]), ("1/x", ["concave", "convex"]),
     ("exp(-x^2)", ["convex", "concave", "convex"])],
)
def test_convexity_kinds(text, kinds):
    assert [piece.kind for piece in convexity(text, -2, 2)] == kinds


def _second_derivative_sign(expr, t: float) -> float:
    return float(sympy.diff(expr, x, 2).subs(x, sympy.Rational(repr(t))))


@settings(max_examples=50, deadline=None)
@given(polynomials, st.floats(-3, 0), st.floats(0.5, 3))
def test_convexity_covers_the_interval(coefficients, lo, hi):
    expr = sum(c * x**k for k, c in enumerate(coefficients))
    pieces = convexity(Function(expr), lo, hi)
    assert pieces[0].lo == lo and pieces[-1].hi == hi
    for left, right in zip(pieces, pieces[1:]):
        assert left.hi == right.lo and left.kind != right.kind
    for piece in pieces:
        assert piece.kind in ("convex", "concave") and piece.lo < piece.hi
        middle = 0.5 * (piece.lo + piece.hi)
        sign = _second_derivative_sign(expr, middle)
        assert (sign < 0) == (piece.kind == "concave") or abs(sign) < 1e-9


def test_everything_accepts_text_sympy_and_functions():
    for f in ("x^2", x**2, Function("x^2")):
        assert derivatives.critical_points(f, -1, 1)[0].kind == "minimum"
        assert derivatives.tangent_line(f, 1).slope == 2.0
