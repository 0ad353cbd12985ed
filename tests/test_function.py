"""Tests for calcviz.Function, calcviz.transform and calcviz.Field."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz import ExpressionError, Field, Function, transform
from calcviz._numeric import NumericEvaluator

x, y, z = sympy.symbols("x y z")
XS = np.linspace(-3.0, 3.0, 61)


@pytest.mark.parametrize(
    "text, reference",
    [
        ("sin(x)*exp(-x)", lambda t: np.sin(t) * np.exp(-t)),
        ("x^3 - 2x + 1", lambda t: t**3 - 2 * t + 1),
        ("cosh(x) - tanh(x)^2", lambda t: np.cosh(t) - np.tanh(t) ** 2),
        ("atan(x) + abs(x)", lambda t: np.arctan(t) + np.abs(t)),
        ("2^x + e^x", lambda t: 2.0**t + np.exp(t)),
        ("0.1x", lambda t: 0.1 * t),
    ],
)
def test_evaluation_matches_numpy(text, reference):
    np.testing.assert_allclose(Function(text)(XS), reference(XS), rtol=1e-12, atol=1e-12)


def test_scalar_in_float_out():
    value = Function("x^2")(3)
    assert type(value) is float and value == 9.0
    assert type(Function("x^2")(np.float64(0.5))) is float


@pytest.mark.parametrize("shape", [(4,), (2, 3), (1, 5, 2)])
def test_broadcasts_to_input_shape(shape):
    grid = np.ones(shape)
    for text in ("x^2", "3", "pi", "sin(0)"):
        out = Function(text)(grid)
        assert out.shape == shape and out.dtype == np.float64


def test_constant_broadcasts():
    np.testing.assert_array_equal(Function("3")(np.zeros(4)), np.full(4, 3.0))
    assert Function("3")(7.0) == 3.0
    assert Function(2.5)([1.0, 2.0]).tolist() == [2.5, 2.5]


def test_lists_and_integer_arrays_are_accepted():
    assert Function("x/2")([1, 2]).tolist() == [0.5, 1.0]
    assert Function("x^40")(np.array([10])).dtype == np.float64


def test_undefined_points_are_nan_and_poles_infinite():
    assert math.isnan(Function("log(x)")(-1.0))
    assert math.isnan(Function("sqrt(x)")(-1.0))
    assert math.isnan(Function("asin(x)")(2.0))
    assert Function("log(x)")(0.0) == -math.inf
    assert math.isinf(Function("1/x")(0.0))
    values = Function("sqrt(x)")(np.array([-4.0, 4.0]))
    assert math.isnan(values[0]) and values[1] == 2.0


def test_complex_results_become_nan():
    assert math.isnan(Function("sqrt(-4)")(1.0))
    assert np.isnan(Function("x + log(-1)")(np.zeros(3))).all()


def test_no_warnings_on_bad_points():
    with np.errstate(all="raise"):
        Function("log(x) + 1/x")(np.array([-1.0, 0.0, 1.0]))


def test_attributes_and_equality():
    f = Function("x^2 + 1")
    assert f.expr == x**2 + 1 and f.variable == "x" and f.symbol == x
    assert f.latex == sympy.latex(x**2 + 1)
    assert f == Function(x**2 + 1) and hash(f) == hash(Function(x**2 + 1))
    assert "x**2 + 1" in repr(f)
    assert f != Function("x^2 + 2")


def test_other_variable_and_sympy_input():
    t = sympy.Symbol("t")
    g = Function("t^2", variable="t")
    assert g.expr == t**2 and g(3.0) == 9.0
    real_x = sympy.Symbol("x", real=True)
    assert Function(real_x**2).expr == x**2  # matched by name
    assert Function(5).expr == 5


def test_extra_symbols_are_rejected_by_name():
    with pytest.raises(ValueError, match="y"):
        Function(x * y)
    with pytest.raises(ExpressionError):
        Function("x + y")


def test_derivatives():
    assert Function("x^3").derivative() == Function("3x^2")
    assert Function("x^3").derivative(2).expr == 6 * x
    assert Function("sin(x)").derivative().expr == sympy.cos(x)
    assert Function("x^3").derivative(0) == Function("x^3")
    assert Function("0.5*x^2").derivative().expr == x


def test_derivative_of_abs_is_undefined_at_zero():
    derivative = Function("abs(x)").derivative()
    assert derivative(2.0) == 1.0 and derivative(-2.0) == -1.0
    assert math.isnan(derivative(0.0))


def test_antiderivative():
    assert Function("1/x").antiderivative().expr == sympy.log(x)
    assert Function("3x^2").antiderivative().expr == x**3
    assert Function("cos(x)").antiderivative().expr == sympy.sin(x)


def test_antiderivative_without_closed_form():
    with pytest.raises(ValueError, match="closed"):
        Function("x^x").antiderivative()


TERMS = st.sampled_from(
    ["{a}*x^{n}", "{a}*sin({b}x)", "{a}*cos({b}x)", "{a}*exp({b}x)",
     "{a}*x*exp({b}x)", "{a}/(x^2+{n})", "{a}*x*sin({b}x)"]
)


@st.composite
def integrable_texts(draw):
    templates = draw(st.lists(TERMS, min_size=1, max_size=3))
    parts = []
    for template in templates:
        a = draw(st.integers(-5, 5).filter(bool))
        b = draw(st.integers(-3, 3).filter(bool))
        n = draw(st.integers(1, 4))
        parts.append(template.format(a=a, b=b, n=n))
    return " + ".join(parts)


@settings(max_examples=30, deadline=None)
@given(integrable_texts(), st.lists(st.floats(-2, 2), min_size=1, max_size=5))
def test_derivative_of_antiderivative_is_f(text, points):
    f = Function(text)
    again = f.antiderivative().derivative()
    points = np.array(points)
    np.testing.assert_allclose(again(points), f(points), rtol=1e-9, atol=1e-9)


def test_exact_values():
    assert Function("x^2").exact(0.1) == sympy.Rational(1, 100)
    assert Function("sin(x)").exact(sympy.pi / 6) == sympy.Rational(1, 2)
    assert Function("sqrt(x)").exact(4) == 2
    with pytest.raises(ValueError):
        Function("1/x").exact(0)
    with pytest.raises(ValueError):
        Function("log(x)").exact(-1)


def test_derivative_at():
    assert Function("sqrt(x)").derivative_at(4) == 0.25
    assert Function("x^3").derivative_at(2, order=2) == 12.0
    assert math.isnan(Function("abs(x)").derivative_at(0))


def test_transform_exact_and_numeric():
    g = transform("x^2", a=2, b=3, c=1, d=-1)
    assert sympy.expand(g.expr - (2 * (3 * (x - 1)) ** 2 - 1)) == 0
    np.testing.assert_allclose(g(XS), 2 * (3 * (XS - 1)) ** 2 - 1)
    assert transform("sin(x)", a=0.5).expr == sympy.sin(x) / 2
    assert transform("x", c=0.1).expr == x - sympy.Rational(1, 10)
    assert transform(Function("x^2")) == Function("x^2")


def test_singularities_of_reciprocal():
    assert Function("1/x").singularities(-1, 1) == (0.0,)
    assert Function("1/x").singularities(0, 1) == (0.0,)
    assert Function("1/x").singularities(1, 2) == ()


def test_singularities_of_tan():
    found = Function("tan(x)").singularities(-2 * np.pi, 2 * np.pi)
    expected = [k * np.pi / 2 for k in (-3, -1, 1, 3)]
    np.testing.assert_allclose(found, expected, rtol=1e-14)


def test_singularities_of_log_and_rational():
    assert Function("log(x)").singularities(-1, 2) == (0.0,)
    assert Function("1/(x^2-1)").singularities(-2, 2) == (-1.0, 1.0)
    assert Function("x^2 + 1").singularities(-5, 5) == ()
    found = Function("1/(exp(x) - 2)").singularities(-1, 2)
    np.testing.assert_allclose(found, [math.log(2)], rtol=1e-12)


def test_domain_checks():
    f = Function("log(x)")
    assert f.is_defined_on(0.5, 2) and not f.is_defined_on(0, 2)
    assert not f.is_defined_on(-2, -1)
    assert Function("sqrt(x)").is_defined_on(0, 1)
    assert not Function("1/(x^2-1)").is_defined_on(0, 2)
    assert not Function("tan(x)").is_defined_on(0, 2)
    assert Function("tan(x)").is_defined_on(0, 1.5)
    assert Function("1/x").is_defined_at(1) and not Function("1/x").is_defined_at(0)


def _field() -> Field:
    return Field("x^2*y + sin(x*y)")


def test_field_evaluation_and_broadcast():
    F = _field()
    assert F(1.0, 2.0) == pytest.approx(2 + math.sin(2))
    grid_x, grid_y = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(0, 2, 3))
    np.testing.assert_allclose(F(grid_x, grid_y), grid_x**2 * grid_y + np.sin(grid_x * grid_y))
    assert F(np.zeros(3), 1.0).shape == (3,)
    assert Field("2")(np.zeros((2, 2)), 0.0).shape == (2, 2)


def test_field_partials_gradient_hessian():
    F = _field()
    assert sympy.simplify(F.partial("x").expr - (2 * x * y + y * sympy.cos(x * y))) == 0
    assert sympy.simplify(F.partial("y").expr - (x**2 + x * sympy.cos(x * y))) == 0
    a, b = 0.7, -1.3
    s, c = math.sin(a * b), math.cos(a * b)
    np.testing.assert_allclose(F.gradient((a, b)), [2 * a * b + b * c, a**2 + a * c])
    hessian = [[2 * b - b * b * s, 2 * a + c - a * b * s], [2 * a + c - a * b * s, -a * a * s]]
    np.testing.assert_allclose(F.hessian((a, b)), hessian)
    assert F.gradient((a, b)).shape == (2,) and F.hessian([a, b]).shape == (2, 2)


def test_three_variable_field():
    G = Field("x*y*z + z^2", variables=("x", "y", "z"))
    assert G.variables == ("x", "y", "z")
    np.testing.assert_allclose(G.gradient([1, 2, 3]), [6.0, 3.0, 2 + 6.0])
    np.testing.assert_allclose(G.hessian([1, 2, 3]), [[0, 3, 2], [3, 0, 1], [2, 1, 2]])
    with pytest.raises(ValueError):
        G.partial("w")


def test_calcviz_never_imports_manim_or_scipy():
    import subprocess
    import sys

    code = (
        "import sys, numpy as np, calcviz\n"
        "f = calcviz.Function('asin(x) + tanh(x) + abs(x)')\n"
        "f(np.linspace(-1, 1, 5)); calcviz.geometry.graph_segments(f, -1, 1, (-2, 2))\n"
        "calcviz.derivatives.critical_points('x*exp(-x) + sin(3x)/10', 0, 5)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('manim', 'scipy'))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_special_functions_numpy_lacks_are_evaluated_as_evalf_evaluates_them():
    """erf, Si and friends (antiderivatives without elementary form) go through mpmath per point; poles
    and values outside the real line come out as evalf gives them (nan)."""
    x = sympy.Symbol("x")
    expr = sympy.sqrt(sympy.pi) / 2 * sympy.erf(x) + 1 / sympy.Si(x) + sympy.sqrt(sympy.li(x + 3))
    xs = np.array([-2.9, -2.0, -1.0, -0.5, 0.0, 0.25, 1.0, 2.5, 7.0])
    values = NumericEvaluator((x,), expr)(xs)
    for value, point in zip(values, xs):
        exact = complex(expr.evalf(subs={x: sympy.Float(float(point))})) if point != 0 else complex("nan")
        if exact.imag != 0 or not np.isfinite(exact.real):
            assert np.isnan(value), point
        else:
            assert value == pytest.approx(exact.real, rel=1e-13, abs=1e-15), point
    assert np.isnan(values[xs == 0.0][0]), "1/Si(0) is a pole"


def test_x_to_the_x_at_a_sixteen_digit_decimal_is_valued_not_worked_out_for_minutes():
    """sympy extracts roots of huge powers for (p/q)^(p/q) with 16-digit p and q; the exact value is then
    left unevaluated, and still right (this hung the accumulation test now and then)."""
    a = 0.3633554821144194
    f = Function("x^x")
    assert float(f.exact(a)) == pytest.approx(a**a, rel=1e-14)
    assert f.is_defined_at(a)
    assert Function("x^2").exact(0.1) == sympy.Rational(1, 100), "values sympy works out quickly stay simplified"
