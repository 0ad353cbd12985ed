"""calcviz.asymptotics against closed forms and sympy."""

import math

import pytest
import sympy

from calcviz import asymptotics

INF = math.inf

# (f, g, at, little-o, big-O): each row worked out by hand
CASES = [
    ("x^2", "x", 0, True, True),
    ("x", "x^2", 0, False, False),
    ("sin(x)", "x", 0, False, True),  # sin x / x -> 1
    ("1 - cos(x)", "x", 0, True, True),  # ~ x/2
    ("log(x)", "sqrt(x)", INF, True, True),
    ("sqrt(x)", "x", INF, True, True),
    ("x^2", "x", INF, False, False),
    ("x^3", "exp(x)", INF, True, True),
    ("exp(x)", "x^10", INF, False, False),
    ("3x^2 + x", "x^2", INF, False, True),
    ("x*sin(x)", "x", INF, False, True),  # bounded ratio without a limit
    ("x^2*sin(x)", "x", INF, False, False),  # unbounded oscillation
    ("x^2*sin(1/x)", "x^2", 0, False, True),
    ("exp(x)", "1", -INF, True, True),
]


@pytest.mark.parametrize("f, g, at, little, big", CASES)
def test_little_and_big_o_match_hand_results(f, g, at, little, big):
    assert asymptotics.is_little_o(f, g, at) is little
    assert asymptotics.is_big_o(f, g, at) is big


@pytest.mark.parametrize("f, g, at, little, big", [c for c in CASES if c[4] and not c[3]])
def test_big_o_without_little_o_agrees_with_sympy_bounds(f, g, at, little, big):
    x = sympy.Symbol("x", real=True)
    point = sympy.oo if at == INF else at

    def expr(text):
        return sympy.sympify(text.replace("^", "**").replace("3x", "3*x"), locals={"x": x})

    value = sympy.limit(sympy.Abs(expr(f) / expr(g)), x, point, "+")
    assert value != 0  # not little-o, so the limit (or its bounds) is not zero
    finite = value.max.is_finite if isinstance(value, sympy.AccumBounds) else value.is_finite
    assert finite


def test_little_o_implies_big_o_on_the_ladder():
    ladder = ["log(x)", "sqrt(x)", "x", "x^2", "exp(x)"]
    for i, slower in enumerate(ladder):
        for faster in ladder[i + 1:]:
            assert asymptotics.is_little_o(slower, faster, INF)
            assert asymptotics.is_big_o(slower, faster, INF)
            assert not asymptotics.is_big_o(faster, slower, INF)


def test_sampled_bound_check_sees_growth_and_bounds():
    bounded = asymptotics._abs_ratio("x*(2 + sin(x))", "x")
    growing = asymptotics._abs_ratio("x*log(x)*sin(x)", "x")
    assert asymptotics._looks_bounded(bounded, INF)
    assert not asymptotics._looks_bounded(growing, INF)


def test_ratio_samples_is_the_quotient():
    xs, ys = asymptotics.ratio_samples("sin(x)", "x", 0, 0.1, 2, samples=50)
    assert ys == pytest.approx([math.sin(x) / x for x in xs])


def test_ratio_needs_one_variable():
    from calcviz import Function

    with pytest.raises(ValueError, match="same variable"):
        asymptotics.ratio(Function("t", variable="t"), "x")
