"""Tests for calcviz.integrals: Riemann sums, definite/improper integrals, accumulation."""

from __future__ import annotations

import dataclasses
import math

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz import Function, integrals
from calcviz.integrals import (
    RULES,
    RiemannSum,
    accumulation,
    definite_integral,
    exact_integral,
    improper_integral,
    riemann_sum,
)

x = sympy.Symbol("x")
INF = math.inf


# -- Riemann sums: closed forms ---------------------------------------------------------
@pytest.mark.parametrize("n", [1, 2, 3, 7, 10, 64])
def test_sums_of_x_and_x_squared_on_unit_interval(n):
    assert riemann_sum("x", 0, 1, n, "left").value == pytest.approx((n - 1) / (2 * n), rel=1e-14)
    assert riemann_sum("x", 0, 1, n, "right").value == pytest.approx((n + 1) / (2 * n), rel=1e-14)
    assert riemann_sum("x", 0, 1, n, "midpoint").value == pytest.approx(0.5, rel=1e-14)
    left_squares = (n - 1) * (2 * n - 1) / (6 * n * n)
    assert riemann_sum("x^2", 0, 1, n, "left").value == pytest.approx(left_squares, rel=1e-14)
    assert riemann_sum("x^2", 0, 1, n, "midpoint").value == pytest.approx(1 / 3 - 1 / (12 * n * n), rel=1e-14)
    assert riemann_sum("x^2", 0, 1, n, "trapezoid").value == pytest.approx(1 / 3 + 1 / (6 * n * n), rel=1e-14)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=4, max_size=4), st.floats(-2, 1), st.floats(0.1, 3), st.integers(1, 20))
def test_simpson_is_exact_for_cubics(coefficients, a, width, half_n):
    cubic = np.polynomial.Polynomial(coefficients)
    text = " + ".join(f"({c})*x^{k}" for k, c in enumerate(coefficients))
    b = a + width
    exact = cubic.integ()(b) - cubic.integ()(a)
    scale = 1 + sum(abs(c) for c in coefficients) * (1 + abs(a) + width) ** 4
    assert riemann_sum(text, a, b, 2 * half_n, "simpson").value == pytest.approx(exact, abs=1e-12 * scale)


# -- Riemann sums: what the scene draws ----------------------------------------------------
def _shoelace(polygon: np.ndarray) -> float:
    """Signed area of a closed polygon (counter-clockwise positive)."""
    xs, ys = polygon[:, 0], polygon[:, 1]
    return 0.5 * float(np.sum(xs * np.roll(ys, -1) - np.roll(xs, -1) * ys))


SAMPLE_FUNCTIONS = ["sin(3x)", "x^2 - 1", "exp(x) - 2", "1/(1 + x^2)", "x^3 - x"]


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(SAMPLE_FUNCTIONS),
    st.sampled_from(RULES),
    st.integers(1, 12),
    st.floats(-2, 1),
    st.floats(0.2, 3),
)
def test_shapes_areas_and_value_come_from_the_same_numbers(text, rule, cells, a, width):
    n = 2 * cells if rule == "simpson" else cells
    s = riemann_sum(text, a, a + width, n, rule)
    f = Function(text)
    assert s.value == float(s) == pytest.approx(math.fsum(s.signed_areas), rel=1e-13, abs=1e-13)
    assert len(s.shapes) == len(s.signed_areas) == (n // 2 if rule == "simpson" else n)
    np.testing.assert_allclose(s.nodes, np.linspace(a, a + width, n + 1))
    np.testing.assert_allclose(s.heights, f(s.sample_x), rtol=1e-15)
    for shape, area in zip(s.shapes, s.signed_areas):
        assert shape.ndim == 2 and shape.shape[1] == 2
        if rule == "simpson":
            # the outline samples the parabola: its polygon area misses at most the chord error
            left, right = shape[:, 0].min(), shape[:, 0].max()
            step = (right - left) / (integrals.SIMPSON_SAMPLES - 1)
            bound = (right - left) * step**2 * 5 * np.ptp(shape[:, 1]) / (right - left) ** 2 + 1e-12
            assert _shoelace(shape) == pytest.approx(area, abs=bound)
        else:
            assert _shoelace(shape) == pytest.approx(area, rel=1e-12, abs=1e-14)


@pytest.mark.parametrize(
    "rule, expected_x",
    [
        ("left", [0.0, 1.0, 2.0]),
        ("right", [1.0, 2.0, 3.0]),
        ("midpoint", [0.5, 1.5, 2.5]),
        ("trapezoid", [0.0, 1.0, 2.0, 3.0]),
    ],
)
def test_sample_points(rule, expected_x):
    s = riemann_sum("x - 1", 0, 3, 3, rule)
    np.testing.assert_array_equal(s.sample_x, expected_x)
    np.testing.assert_array_equal(s.heights, np.array(expected_x) - 1)


def test_rectangles_go_from_the_axis_to_the_height():
    s = riemann_sum("x - 1", 0, 3, 3, "left")  # heights -1, 0, 1
    below = s.shapes[0]
    assert set(below[:, 0]) == {0.0, 1.0} and set(below[:, 1]) == {-1.0, 0.0}
    assert s.signed_areas[0] == -1.0
    above = s.shapes[2]
    assert set(above[:, 0]) == {2.0, 3.0} and set(above[:, 1]) == {0.0, 1.0}


def test_riemann_sum_is_frozen_and_read_only():
    s = riemann_sum("x", 0, 1, 4)
    assert isinstance(s, RiemannSum)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.value = 2.0
    with pytest.raises(ValueError):
        s.heights[0] = 5.0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(n=0), "n must be a positive integer"),
        (dict(n=-3), "n must be a positive integer"),
        (dict(n=2.5), "n must be a positive integer"),
        (dict(n=True), "n must be a positive integer"),
        (dict(n=3, rule="simpson"), "n must be even for the simpson rule"),
        (dict(rule="upper"), "rule must be one of"),
        (dict(a=1, b=1), "need a < b"),
        (dict(a=2, b=1), "need a < b"),
        (dict(b=INF), "finite"),
        (dict(f="1/x", a=-1), "not defined on all of"),
        (dict(f="sqrt(x)", a=-1), "not defined on all of"),
    ],
)
def test_riemann_sum_rejects_bad_arguments(kwargs, message):
    arguments = dict(f="x^2", a=0, b=1, n=4, rule="left") | kwargs
    with pytest.raises(ValueError, match=message):
        riemann_sum(**arguments)


# -- Riemann sums: properties -------------------------------------------------------------
def _exp_integral(k: float, a: float, b: float) -> float:
    return (math.exp(k * b) - math.exp(k * a)) / k


@settings(max_examples=30, deadline=None)
@given(st.floats(0.3, 2.0), st.sampled_from([-1.0, 1.0]), st.floats(-1, 1), st.floats(0.5, 2), st.integers(8, 32))
def test_trapezoid_and_midpoint_errors_scale_like_h_squared(k, sign, a, width, n):
    rate, b = sign * k, a + width
    exact = _exp_integral(rate, a, b)
    text = f"exp({rate}*x)"
    for rule in ("trapezoid", "midpoint"):
        coarse = riemann_sum(text, a, b, n, rule).value - exact
        fine = riemann_sum(text, a, b, 2 * n, rule).value - exact
        assert coarse / fine == pytest.approx(4.0, rel=0.03)


@settings(max_examples=30, deadline=None)
@given(st.floats(0.3, 2.0), st.sampled_from([-1.0, 1.0]), st.floats(-1, 1), st.floats(0.5, 2), st.integers(4, 16))
def test_simpson_error_scales_like_h_to_the_fourth(k, sign, a, width, half_n):
    rate, b = sign * k, a + width
    exact = _exp_integral(rate, a, b)
    text = f"exp({rate}*x)"
    coarse = riemann_sum(text, a, b, 2 * half_n, "simpson").value - exact
    fine = riemann_sum(text, a, b, 4 * half_n, "simpson").value - exact
    assert coarse / fine == pytest.approx(16.0, rel=0.06)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(-4, 4), min_size=5, max_size=5).filter(lambda c: c[4] != 0),
    st.floats(-1, 0),
    st.floats(0.5, 2),
    st.integers(2, 10),
)
def test_simpson_error_on_quartics_is_exactly_order_four(coefficients, a, width, half_n):
    # Simpson overestimates by (b - a) h^4 f''''/180, and f'''' is constant for a quartic
    quartic = np.polynomial.Polynomial(coefficients)
    text = " + ".join(f"({c})*x^{k}" for k, c in enumerate(coefficients))
    b = a + width
    exact = quartic.integ()(b) - quartic.integ()(a)
    for n in (2 * half_n, 4 * half_n):
        h = width / n
        expected_error = width * h**4 * 24 * coefficients[4] / 180
        assert riemann_sum(text, a, b, n, "simpson").value - exact == pytest.approx(expected_error, rel=1e-6, abs=1e-12)


CONVEX = [  # (text, integral from a to b), all convex on [-2, 3]
    ("exp(x)", lambda a, b: math.exp(b) - math.exp(a)),
    ("x^2 + x", lambda a, b: (b**3 - a**3) / 3 + (b**2 - a**2) / 2),
    ("x^4", lambda a, b: (b**5 - a**5) / 5),
    ("1/(x + 3)", lambda a, b: math.log((b + 3) / (a + 3))),
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CONVEX), st.floats(-2, 1), st.floats(0.1, 2), st.integers(1, 30))
def test_midpoint_below_integral_below_trapezoid_for_convex_f(case, a, width, n):
    text, integral = case
    b = a + width
    exact = integral(a, b)
    slack = 1e-12 * (1 + abs(exact))
    assert riemann_sum(text, a, b, n, "midpoint").value <= exact + slack
    assert exact <= riemann_sum(text, a, b, n, "trapezoid").value + slack


INCREASING = [
    ("exp(x)", lambda a, b: math.exp(b) - math.exp(a)),
    ("x^3 + x", lambda a, b: (b**4 - a**4) / 4 + (b**2 - a**2) / 2),
    ("atan(x)", lambda a, b: b * math.atan(b) - a * math.atan(a) - 0.5 * math.log((1 + b * b) / (1 + a * a))),
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(INCREASING), st.floats(-2, 1), st.floats(0.1, 2), st.integers(1, 30))
def test_left_below_integral_below_right_for_increasing_f(case, a, width, n):
    text, integral = case
    b = a + width
    exact = integral(a, b)
    slack = 1e-12 * (1 + abs(exact))
    assert riemann_sum(text, a, b, n, "left").value <= exact + slack
    assert exact <= riemann_sum(text, a, b, n, "right").value + slack


# -- definite integrals ----------------------------------------------------------------------
def test_closed_forms():
    assert exact_integral("x^2", 0, 1) == sympy.Rational(1, 3)
    assert definite_integral("x^2", 0, 1) == 1 / 3
    assert exact_integral("sin(x)", 0, sympy.pi) == 2
    assert definite_integral("sin(x)", 0, math.pi) == pytest.approx(2.0, rel=1e-15)
    assert exact_integral("1/x", -2, -1) == -sympy.log(2)


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("x*exp(x)", 0, 1),
        ("1/(1 + x^2)", 0, 1),
        ("log(x)", 1, 3),
        ("sin(x)^2", 0, 2),
        ("sqrt(1 - x^2)", -1, 1),
        ("abs(x - 1/2)", 0, 2),
        ("exp(-x^2)", 0, 1),
    ],
)
def test_exact_integral_agrees_with_sympy(text, a, b):
    expr = Function(text).expr
    reference = sympy.integrate(expr, (x, a, b))
    value = exact_integral(text, a, b)
    assert value is not None
    assert float(value) == pytest.approx(float(reference), rel=1e-14)
    assert definite_integral(text, a, b) == pytest.approx(float(reference), rel=1e-14)


def _bessel_i0(z: float) -> float:
    return math.fsum((z / 2) ** (2 * k) / math.factorial(k) ** 2 for k in range(30))


def test_numeric_integrals_without_closed_form():
    assert exact_integral("x^x", 0, 1) is None
    sophomores_dream = math.fsum((-1) ** (k + 1) * k ** (-k) for k in range(1, 30))
    assert definite_integral("x^x", 0, 1) == pytest.approx(sophomores_dream, rel=1e-13)
    # the integral of exp(sin x) over a period is 2 pi I0(1)
    assert definite_integral("exp(sin(x))", 0, 2 * math.pi) == pytest.approx(2 * math.pi * _bessel_i0(1), rel=1e-13)


def test_reversed_and_empty_intervals():
    assert definite_integral("x^2", 1, 0) == -1 / 3
    assert definite_integral("x^2", 2, 2) == 0.0
    assert exact_integral("x^2", 2, 2) == 0


def test_definite_integral_rejects_improper_input():
    with pytest.raises(ValueError, match="improper_integral"):
        definite_integral("1/x", -1, 1)
    with pytest.raises(ValueError, match="b must be finite"):
        definite_integral("exp(-x)", 0, INF)


# -- accumulation -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, a",
    [("2x", 1), ("cos(x)", 0), ("exp(-x^2)", 0), ("1/(1 + x^2)", 2), ("x*exp(x)", -1), ("1/x", -1), ("sqrt(x)", 1)],
)
def test_accumulation_starts_at_zero_and_has_derivative_f(text, a):
    f = Function(text)
    A = accumulation(f, a)
    assert A.exact(a) == 0
    assert A(float(a)) == 0.0
    assert sympy.simplify(A.derivative().expr - f.expr) == 0


def test_accumulation_closed_forms():
    assert accumulation("2x", 1).expr == x**2 - 1
    assert accumulation("cos(x)", 0).expr == sympy.sin(x)
    assert accumulation("1/x", -1)(-2.0) == pytest.approx(math.log(2), rel=1e-15)  # log|x| branch


def test_accumulation_without_closed_form_is_numeric():
    A = accumulation("x^x", 1)
    assert A.expr.has(integrals.NumericIntegral)
    assert not accumulation("x^2", 1).expr.has(integrals.NumericIntegral)
    assert A.latex.startswith(r"\int_{1}^{x}")
    assert A.exact(1) == 0 and A(1.0) == 0.0
    xs = np.array([0.5, 1.5, 2.0, 0.25])
    expected = [float(mpmath.quad(lambda t: t**t, [1, v])) for v in xs]
    np.testing.assert_allclose(A(xs), expected, rtol=1e-12)
    assert A.derivative() == Function("x^x")


ACCUMULATED = ["cos(x)", "exp(-x^2)", "x^x", "1/(1 + x^2)", "sqrt(x + 3)", "exp(sin(x))"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(ACCUMULATED), st.floats(0.2, 2), st.floats(0.2, 2))
def test_accumulation_derivative_is_f_by_central_difference(text, a, point):
    f = Function(text)
    A = accumulation(f, a)
    h = 1e-4
    slope = (A(point + h) - A(point - h)) / (2 * h)
    assert slope == pytest.approx(f(point), rel=1e-6, abs=1e-9)


def test_accumulation_must_start_where_f_makes_sense():
    with pytest.raises(ValueError, match="undefined at a"):
        accumulation("1/x", 0)


# -- improper integrals ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, a, b, expected",
    [
        ("1/x", 1, INF, INF),
        ("-1/x", 1, INF, -INF),
        ("1/x^2", 1, INF, 1.0),
        ("1/sqrt(x)", 0, 1, 2.0),
        ("1/sqrt(abs(x))", -1, 1, 4.0),
        ("exp(-x^2)", -INF, INF, math.sqrt(math.pi)),
        ("x*exp(-x)", 0, INF, 1.0),
        ("1/(1 + x^2)", -INF, INF, math.pi),
        ("log(x)", 0, 1, -1.0),
        ("1/sqrt(1 - x^2)", -1, 1, math.pi),
        ("1/x^2", -1, 1, INF),
        ("1/(x - 5)^2", 0, INF, INF),
        ("sin(x)/x", 0, INF, math.pi / 2),
    ],
)
def test_improper_closed_forms(text, a, b, expected):
    assert improper_integral(text, a, b) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("text, a, b", [("1/x", -1, 1), ("sin(x)", 0, INF)])
def test_improper_integrals_that_diverge_without_a_sign_are_nan(text, a, b):
    assert math.isnan(improper_integral(text, a, b))


@pytest.mark.parametrize(
    "text, a, b, reference",
    [
        ("1/(x^2 + x^x)", 1, INF, lambda: mpmath.quad(lambda t: 1 / (t**2 + t**t), [1, 2, 10, mpmath.inf])),
        ("x^x/sqrt(x)", 0, 1, lambda: mpmath.quad(lambda t: t**t / mpmath.sqrt(t), [0, 1])),
    ],
)
def test_numeric_improper_integrals_agree_with_mpmath(text, a, b, reference):
    with mpmath.workdps(30):
        expected = float(reference())
    assert improper_integral(text, a, b) == pytest.approx(expected, rel=1e-9)


def test_numeric_divergence_is_detected():
    # x^(1/x) -> 1, so the integrand behaves like 1/x (sympy has no antiderivative)
    assert improper_integral("x^(1/x)/x", 1) == INF


def test_improper_integral_rejects_bad_input():
    with pytest.raises(ValueError, match="need a < b"):
        improper_integral("1/x^2", 2, 1)
    with pytest.raises(ValueError, match="not defined on all of"):
        improper_integral("sqrt(1 - x)", 0, INF)


def test_module_exported():
    assert integrals.riemann_sum is riemann_sum
