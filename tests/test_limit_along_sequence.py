"""calcviz.limits.limit_along_sequence: f(x_n) over integer n, against closed forms."""

import math

import pytest

import sympy

from calcviz.limits import limit, limit_along_sequence, sequence_values


@pytest.mark.parametrize("f, term, expected", [
    ("sin(1/x)", "1/(pi*n)", 0.0),  # sin(pi n) = 0
    ("sin(1/x)", "1/(2*pi*n + pi/2)", 1.0),  # sin(2 pi n + pi/2) = 1
    ("sin(1/x)", "1/(2*pi*n - pi/2)", -1.0),
    ("(x^2 - 4)/(x - 2)", "2 + 1/n", 4.0),
    ("(x^2 - 4)/(x - 2)", "2 - 1/n^2", 4.0),
    ("1/x", "1/n", math.inf),
])
def test_closed_forms(f, term, expected):
    assert limit_along_sequence(f, term) == pytest.approx(expected, abs=1e-12)


def test_matches_the_function_limit_when_there_is_one():
    for term in ("1/n", "-1/n", "1/n^2"):
        assert limit_along_sequence("sin(x)/x", term) == pytest.approx(limit("sin(x)/x", 0))


@pytest.mark.parametrize(
    "f, term, expected",
    [
        ("sin(1/x)", "1/(pi*n)", "0"),  # sin(pi n) = 0 for every whole n
        ("sin(1/x)", "1/(2*pi*n + pi/2)", "1"),  # sin(2 pi n + pi/2) = 1
        ("(x^2 - 4)/(x - 2)", "2 + 1/n", "4 + 1/n"),  # (x - 2)(x + 2)/(x - 2) = x + 2 = 4 + 1/n
        ("x^2", "1/n", "1/n**2"),
    ],
)
def test_sequence_values_by_hand(f, term, expected):
    assert sympy.simplify(sequence_values(f, term) - sympy.sympify(expected, locals={"n": sympy.Symbol("n")})) == 0
