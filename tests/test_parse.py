"""Tests for calcviz.parse: correct trees, exact decimals and hostile input."""

from __future__ import annotations

import time

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calcviz
from calcviz import ExpressionError, parse

x, y = sympy.symbols("x y")
QUICK = 2.0  # seconds; hostile input must fail well within this

TREES = [
    ("2x^2 - 3sin(x)", 2 * x**2 - 3 * sympy.sin(x)),
    ("x**2", x**2),
    ("x^2", x**2),
    ("(x+1)*(x-1)", (x + 1) * (x - 1)),
    ("3(x+1)", 3 * (x + 1)),
    ("2x", 2 * x),
    ("2 x", 2 * x),
    ("-2x", -2 * x),
    ("2pi", 2 * sympy.pi),
    ("2e", 2 * sympy.E),
    ("2sin(x)", 2 * sympy.sin(x)),
    ("e^x", sympy.exp(x)),
    ("exp(x)", sympy.exp(x)),
    ("ln(x)", sympy.log(x)),
    ("log(x)", sympy.log(x)),
    ("sqrt(x)", sympy.sqrt(x)),
    ("abs(x)", sympy.Abs(x)),
    ("tan(x) + asin(x) + acos(x) + atan(x)",
     sympy.tan(x) + sympy.asin(x) + sympy.acos(x) + sympy.atan(x)),
    ("sinh(x)*cosh(x)/tanh(x)", sympy.sinh(x) * sympy.cosh(x) / sympy.tanh(x)),
    ("+x", x),
    ("--x", x),
    ("x - -1", x + 1),
    ("2*-x", -2 * x),
    ("x^-2", 1 / x**2),
    ("x ^ 1000", x**1000),
    ("x^x", x**x),
    ("exp(x)^2", sympy.exp(x) ** 2),
    ("1/x", 1 / x),
    ("sin(cos(tan(x)))", sympy.sin(sympy.cos(sympy.tan(x)))),
]


@pytest.mark.parametrize("text, expected", TREES)
def test_builds_the_expected_tree(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text, value",
    [
        ("2^3^2", 512),
        ("2**3**2", 512),
        ("2^-1", sympy.Rational(1, 2)),
        ("-2^2", -4),
        ("(-2)^2", 4),
        ("2*3+4", 10),
        ("2+3*4", 14),
        ("2^3*4", 32),
        ("8/2/2", 2),
        ("2-3-4", -5),
        ("1/2x", None),
    ],
)
def test_precedence_and_associativity(text, value):
    if value is None:  # implicit product has the precedence of '*': (1/2)*x
        assert parse(text) == x / 2
    else:
        assert parse(text) == value


def test_unary_minus_binds_looser_than_power():
    assert parse("-x^2").subs(x, 3) == -9
    assert parse("-x**2") == -(x**2)


@pytest.mark.parametrize(
    "text, value",
    [
        ("0.5", sympy.Rational(1, 2)),
        (".5", sympy.Rational(1, 2)),
        ("0.1", sympy.Rational(1, 10)),
        ("1e-3", sympy.Rational(1, 1000)),
        ("2.5e2", 250),
        ("1.", 1),
        ("1E+2", 100),
    ],
)
def test_decimals_are_exact_rationals(text, value):
    parsed = parse(text)
    assert parsed == value
    assert isinstance(parsed, sympy.Rational)


def test_decimal_coefficients_differentiate_exactly():
    assert parse("0.5*x**2").diff(x) == x
    assert parse("0.1x + 0.2x") == sympy.Rational(3, 10) * x


def test_several_variables():
    assert parse("x*y + ln(y)", variables=("x", "y")) == x * y + sympy.log(y)
    assert parse("t^2", variables=("t",)) == sympy.Symbol("t") ** 2


def test_module_reexports():
    assert calcviz.parse is parse
    assert issubclass(ExpressionError, ValueError)


def _error(text, variables=("x",)) -> ExpressionError:
    start = time.perf_counter()
    with pytest.raises(ExpressionError) as info:
        parse(text, variables)
    assert time.perf_counter() - start < QUICK
    return info.value


# (text, position, token) read off the input by hand
HOSTILE = [
    ("__import__('os').system('ls')", 0, "__import__"),
    ("x.__class__", 1, "."),
    ("lambda: 1", 0, "lambda"),
    ("exec", 0, "exec"),
    ("exec('1')", 0, "exec"),
    ("().__class__.__bases__", 1, ")"),
    ('"x"', 0, '"'),
    ("'x'", 0, "'"),
    ("x; 1", 1, ";"),
    ("x = 1", 2, "="),
    ("x[0]", 1, "["),
    ("x + foo(2)", 4, "foo"),
    ("eval(x)", 0, "eval"),
    ("open", 0, "open"),
    ("y", 0, "y"),
    ("sin(x, y)", 5, ","),
    ("x(2)", 0, "x"),
    ("pi(2)", 0, "pi"),
    ("sin x", 0, "sin"),
    ("x!", 1, "!"),
    ("2x3", 1, "x3"),
    ("x..2", 1, "."),
    ("x @ x", 2, "@"),
    ("x\\n", 1, "\\"),
    ("Sin(x)", 0, "Sin"),
    ("x y", 2, "y"),
    ("2 3", 2, "3"),
    ("(x)2", 3, "2"),
    ("2^3x", 3, "x"),
    ("sin(x)(2)", 6, "("),
]


@pytest.mark.parametrize("text, position, token", HOSTILE)
def test_hostile_input_is_rejected_with_location(text, position, token):
    error = _error(text)
    assert (error.position, error.token, error.text) == (position, token, text)
    assert f"position {position}" in str(error)
    assert repr(token) in str(error)


STRUCTURE = [
    ("", 0, ""),
    ("   ", 3, ""),
    ("x +", 3, ""),
    ("x^", 2, ""),
    ("* x", 0, "*"),
    ("x * / 2", 4, "/"),
    ("(x+1", 0, "("),
    ("((x)", 0, "("),
    ("x+1)", 3, ")"),
    (")", 0, ")"),
    ("()", 1, ")"),
    ("sin()", 4, ")"),
    ("1/0", 1, "/"),
    ("1/(x-x)", 1, "/"),
    ("log(0)", 0, "log"),
    ("0^-1", 1, "^"),
]


@pytest.mark.parametrize("text, position, token", STRUCTURE)
def test_garbage_unbalanced_and_dangling(text, position, token):
    error = _error(text)
    assert (error.position, error.token) == (position, token)
    assert f"position {position}" in str(error)


def test_division_by_zero_message():
    assert "division by zero" in str(_error("1/0"))
    assert parse("1/x") == 1 / x


HUGE_POWERS = [
    ("10^10^10^10", 5, "^"),
    ("(x+1)^100000", 5, "^"),
    ("x^1001", 1, "^"),
    ("x^-1001", 1, "^"),
    ("exp(x)^5000", 6, "^"),
    ("2^10000", 1, "^"),
    ("9^9^9", 1, "^"),
    ("(10^200)^2", 8, "^"),
    ("0.5^-1000", 3, "^"),
]


@pytest.mark.parametrize("text, position, token", HUGE_POWERS)
def test_huge_powers_fail_fast_at_the_operator(text, position, token):
    error = _error(text)
    assert (error.position, error.token) == (position, token)


def test_tower_exponent_is_refused_at_the_inner_power():
    # 10**10 is fine; 10**(10**10) at index 6 is the absurd one
    error = _error("x**(10**10**10)")
    assert (error.position, error.token) == (6, "**")


@pytest.mark.parametrize("text", ["x^1000", "2^10", "x^x", "exp(x)^2", "10^300", "2^x^2"])
def test_reasonable_powers_are_fine(text):
    assert isinstance(parse(text), sympy.Expr)


def test_size_limits():
    assert _error("x+" * 500 + "x").position == 1000
    assert _error("1" * 40).position == 0
    assert _error("x + 1e400").position == 4
    assert parse("(" * 100 + "x" + ")" * 100) == x
    assert _error("(" * 101 + "x" + ")" * 101).position == 100
    assert _error("-" * 200 + "x").token == "-"


@pytest.mark.parametrize("value", [None, 3, 2.5, b"x", ["x"], x])
def test_non_string_input(value):
    with pytest.raises(ExpressionError):
        parse(value)


@pytest.mark.parametrize("variables", [("sin",), ("pi",), ("1x",), ("x", "x"), ()])
def test_bad_variable_names(variables):
    with pytest.raises(ValueError):
        parse("x", variables)


PIECES = ["x", "2", "0.5", ".5", "1e3", "+", "-", "*", "/", "^", "**", "(", ")",
          "sin", "log", "sqrt", "abs", "exp", "pi", "e", " ", "10", "0", "foo", ".",
          ",", "'", "_", "y", "9"]


def _check_parse(text: str) -> None:
    start = time.perf_counter()
    try:
        result = parse(text)
    except ExpressionError as error:
        assert 0 <= error.position <= len(text)
        assert error.text == text
    else:
        assert isinstance(result, sympy.Expr)
        assert result.free_symbols <= {x}
    assert time.perf_counter() - start < QUICK


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_token_soup_only_raises_expression_error(text):
    _check_parse(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_only_raises_expression_error(text):
    _check_parse(text)
