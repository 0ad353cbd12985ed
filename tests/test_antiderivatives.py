"""Tests for calcviz.integrals.antiderivative and integration_errors (week 5)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from calcviz import Function, integrals
from calcviz.integrals import (
    IntegrationErrors,
    NoElementaryAntiderivative,
    antiderivative,
    integration_errors,
)

x = sympy.Symbol("x")


# -- antiderivative ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["3*x^2 + cos(x)", "x*exp(x)", "1/(1 + x^2)", "1/x", "x*sin(x)", "1/(x^2 - 1)", "sqrt(x)", "log(x)", "tan(x)"],
)
def test_antiderivative_differentiates_back_to_f(text):
    f = Function(text)
    F = antiderivative(f)
    assert not F.expr.has(sympy.Integral)
    xs = np.linspace(-2.9, 2.9, 30)  # misses every pole in the table
    defined = np.isfinite(f(xs))
    assert np.count_nonzero(defined) >= 10
    real = sympy.Symbol("x", real=True)
    sympy_derivative = Function(sympy.diff(F.expr.subs(x, real), real))  # sympy's own, not calcviz's
    np.testing.assert_allclose(sympy_derivative(xs[defined]), f(xs[defined]), rtol=1e-10)
    assert np.all(np.isfinite(F(xs[defined])))  # real wherever f is


def test_antiderivative_keeps_sympys_form_when_it_is_real_on_the_domain():
    assert antiderivative("log(x)").expr == x * sympy.log(x) - x
    assert antiderivative("1/x").expr == sympy.log(sympy.Abs(x))


def test_antiderivative_closed_forms():
    assert antiderivative("2x").expr == x**2
    assert antiderivative("cos(x)").expr == sympy.sin(x)
    assert antiderivative("exp(2x)").expr == sympy.exp(2 * x) / 2


def test_antiderivative_of_one_over_x_is_real_on_both_sides():
    F = antiderivative("1/x")
    assert F(-math.e) == pytest.approx(1.0)
    assert F(math.e) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "text, special",
    [("exp(-x^2)", "erf"), ("sin(x)/x", "Si"), ("exp(x)/x", "Ei"), ("1/log(x)", "li"), ("cos(x^2)", "fresnelc")],
)
def test_no_elementary_antiderivative_names_the_special_function(text, special):
    with pytest.raises(NoElementaryAntiderivative, match=special) as caught:
        antiderivative(text)
    error = caught.value
    assert error.special == special
    assert error.sympy_result.has(getattr(sympy, special))
    # sympy's special-function answer is still an antiderivative
    assert sympy.simplify(sympy.diff(error.sympy_result, x) - Function(text).expr) == 0


def test_no_closed_form_at_all_is_reported_not_returned_as_integral():
    with pytest.raises(NoElementaryAntiderivative, match="no antiderivative") as caught:
        antiderivative("x^x")
    assert caught.value.special is None and caught.value.sympy_result is None
    assert isinstance(caught.value, ValueError)  # callers catching ValueError still catch it


# -- integration_errors ----------------------------------------------------------------------
NS = (2, 4, 8, 16, 32)


def test_errors_match_closed_forms_on_polynomials():
    # trapezoid on x^2 over [0, 1]: 1/3 + 1/(6 n^2); midpoint: 1/3 - 1/(12 n^2); Simpson on x^4: 1/5 + 2/(15 n^4)
    square = integration_errors("x^2", 0, 1, NS, ("trapezoid", "midpoint"))
    n = np.array(NS, dtype=float)
    assert square.exact == pytest.approx(1 / 3, rel=1e-15)
    np.testing.assert_allclose(square.errors["trapezoid"], 1 / (6 * n**2), rtol=1e-9)
    np.testing.assert_allclose(square.errors["midpoint"], 1 / (12 * n**2), rtol=1e-9)
    assert square.orders["trapezoid"] == pytest.approx(2.0, abs=1e-6)
    assert square.orders["midpoint"] == pytest.approx(2.0, abs=1e-6)
    quartic = integration_errors("x^4", 0, 1, NS, ("simpson",))
    np.testing.assert_allclose(quartic.errors["simpson"], 2 / (15 * n**4), rtol=1e-7)
    assert quartic.orders["simpson"] == pytest.approx(4.0, abs=1e-4)
    assert quartic.slopes["simpson"] == -quartic.orders["simpson"]


@pytest.mark.parametrize("text, a, b", [("sin(x)", 0, 3), ("exp(-x^2)", -1, 2), ("1/(1 + x^2)", 0, 1.5)])
def test_fitted_orders_on_smooth_functions(text, a, b):
    # large n: the asymptotic regime (at n = 4 Simpson on exp(-x^2) still looks like order 4.4)
    result = integration_errors(text, a, b, (16, 32, 64, 128), ("trapezoid", "midpoint", "simpson"))
    exact = float(sympy.integrate(Function(text).expr, (x, a, b)))
    assert result.exact == pytest.approx(exact, rel=1e-12)
    assert result.orders["trapezoid"] == pytest.approx(2.0, abs=0.02)
    assert result.orders["midpoint"] == pytest.approx(2.0, abs=0.02)
    assert result.orders["simpson"] == pytest.approx(4.0, abs=0.05)
    assert np.all(np.diff(result.errors["trapezoid"]) < 0)


def test_values_are_the_riemann_sums():
    result = integration_errors("sin(x)", 0, 2, (2, 6), ("simpson", "left"))
    assert isinstance(result, IntegrationErrors)
    assert result.rules == ("simpson", "left")
    assert result.values["left"][1] == integrals.riemann_sum("sin(x)", 0, 2, 6, "left").value
    assert result.errors["simpson"][0] == abs(result.values["simpson"][0] - (1 - math.cos(2)))


def test_exact_rule_has_no_order():
    result = integration_errors("x^3", 0, 2, NS, ("simpson",))  # Simpson is exact for cubics
    assert np.all(result.errors["simpson"] < 1e-13)
    assert math.isnan(result.orders["simpson"])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"ns": (4,)}, "at least two"),
        ({"ns": (4, 4)}, "at least two"),
        ({"ns": (0, 4)}, "positive integers"),
        ({"ns": (2.5, 4)}, "positive integers"),
        ({"rules": ("gauss",)}, "rule must be one of"),
        ({"rules": ()}, "at least one rule"),
        ({"ns": (3, 4), "rules": ("simpson",)}, "even"),
    ],
)
def test_bad_input(kwargs, message):
    arguments = {"ns": (2, 4), "rules": ("trapezoid",), **kwargs}
    with pytest.raises(ValueError, match=message):
        integration_errors("x^2", 0, 1, **arguments)


def test_undefined_function_is_refused():
    with pytest.raises(ValueError, match="not defined"):
        integration_errors("1/x", -1, 1, (2, 4), ("midpoint",))
