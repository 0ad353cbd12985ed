"""Tests for calcviz.sets.number_set: the smallest of N, Z, Q, R holding a value."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz.sets import SETS, number_set


@pytest.mark.parametrize(
    "value, expected",
    [
        ("sqrt(8)/sqrt(2)", "N"),  # the examples
        ("0", "Z"),
        ("0.75", "Q"),
        ("sqrt(2)", "R"),
        ("pi", "R"),
        ("1", "N"),  # N starts at 1
        ("-1", "Z"),
        ("6/3", "N"),
        ("-6/4", "Q"),
        ("e^(ln(5))", "N"),
        ("cos(pi)", "Z"),
        ("sin(pi/6)", "Q"),
        ("sqrt(2)^2", "N"),
        ("e", "R"),
        ("log(3)", "R"),
        ("2^(1/3)", "R"),
        (7, "N"),
        (-0.5, "Q"),
        (sympy.Rational(9, 3), "N"),
    ],
)
def test_number_set(value, expected):
    assert number_set(value) == expected


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=50))
@settings(max_examples=40, deadline=None)
def test_rationals_by_their_reduced_form(q: Fraction):
    expected = "Q" if q.denominator != 1 else ("N" if q > 0 else "Z")
    assert number_set(f"{q.numerator}/{q.denominator}") == expected


@given(st.integers(min_value=2, max_value=400))
@settings(max_examples=30, deadline=None)
def test_square_roots_are_natural_only_for_perfect_squares(k: int):
    root = sympy.sqrt(k)  # sympy's own verdict: an integer exactly for perfect squares
    assert number_set(f"sqrt({k})") == ("N" if root.is_Integer else "R")


@pytest.mark.parametrize(
    "value, message",
    [
        ("x + 1", "has the variable x"),
        ("sqrt(-1)", "not a real number"),
        ("log(-2)", "not a real number"),
        ("1/0", "not a finite real number"),
        ("__import__('os')", "unknown name"),
        ("pi + e", "cannot decide"),
    ],
)
def test_bad_values_get_clear_errors(value, message):
    with pytest.raises(ValueError, match=message):
        number_set(value)


def test_sets_are_listed_smallest_first():
    assert SETS == ("N", "Z", "Q", "R")
    with pytest.raises(TypeError):
        number_set(None)


@pytest.mark.parametrize("value, count", [("sqrt(2)", 8), ("pi", 4), ("sqrt(3)", 6), ("e", 7)])
def test_rational_approximations_are_best_approximations(value, count):
    from calcviz.sets import rational_approximations

    target = sympy.N(sympy.sympify({"sqrt(2)": "sqrt(2)", "pi": "pi", "sqrt(3)": "sqrt(3)", "e": "E"}[value]), 50)
    found = rational_approximations(value, count)
    assert len(found) == count
    errors = [abs(sympy.N(q, 50) - target) for q in found]
    assert all(later < earlier for earlier, later in zip(errors, errors[1:]))  # each one closer
    for q in (q for q in found[1:] if q.q > 1):  # no fraction with a smaller denominator is closer (checked by brute force)
        t, d = float(target), np.arange(1, q.q)
        best_smaller = np.min(np.abs(np.round(t * d) / d - t))
        assert abs(float(q) - t) < best_smaller


def test_rational_approximations_of_a_rational_end_at_it():
    from calcviz.sets import rational_approximations

    assert rational_approximations("7/3", 10)[-1] == sympy.Rational(7, 3)
    with pytest.raises(ValueError, match="positive integer"):
        rational_approximations("sqrt(2)", 0)


@pytest.mark.parametrize(
    "text, expected",
    [("sqrt(8)/sqrt(2)", r"\frac{\sqrt{8}}{\sqrt{2}}"), ("0.75", "0.75"), ("-2", "-2"), ("pi", r"\pi"), ("2^(1/2)", r"2^{\frac{1}{2}}")],
)
def test_written_latex_keeps_the_form_typed(text, expected):
    from calcviz.sets import written_latex

    assert written_latex(text) == expected
