"""Tests for calcviz.limits: limits, epsilon-delta, N for sequences, limits along paths."""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz import Field, Function, limits, sequence_limits
from calcviz.limits import (
    EpsilonDelta,
    NoDeltaError,
    NoLimitError,
    delta_for_epsilon,
    epsilon_delta,
    jump_at,
    limit,
    n_for_epsilon,
    path_limit,
)

INF = math.inf


# -- limit -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, a, side, expected",
    [
        ("sin(x)/x", 0, "both", 1.0),
        ("(1 + 1/x)^x", INF, "both", math.e),
        ("(1 + x)^(1/x)", 0, "both", math.e),
        ("(1 - cos(x))/x^2", 0, "both", 0.5),  # cancellation in double precision
        ("(sin(x) - x)/x^3", 0, "both", -1 / 6),
        ("(x^2 - 1)/(x - 1)", 1, "both", 2.0),
        ("x^x", 0, "+", 1.0),
        ("x*log(x)", 0, "+", 0.0),
        ("x*sin(1/x)", 0, "both", 0.0),
        ("exp(-1/x^2)", 0, "both", 0.0),
        ("sqrt(x^2 + x) - x", INF, "both", 0.5),
        ("(3x^2 + 1)/(x^2 - 5)", INF, "both", 3.0),
        ("sin(x)/x", INF, "both", 0.0),
        ("exp(x)", -INF, "both", 0.0),
        ("atan(1/x)", 0, "+", math.pi / 2),
        ("atan(1/x)", 0, "-", -math.pi / 2),
        ("cos(x)^(1/x^2)", 0, "both", math.exp(-0.5)),
        ("x^2", 3, "both", 9.0),
    ],
)
def test_limit_matches_closed_form(text, a, side, expected):
    assert limit(text, a, side) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize(
    "text, a, side, expected",
    [
        ("1/x", 0, "+", INF),
        ("1/x", 0, "-", -INF),
        ("1/x^2", 0, "both", INF),
        ("log(x)", 0, "+", -INF),
        ("exp(x)/x^10", INF, "both", INF),
        ("log(log(x))", INF, "both", INF),
        ("1/(x - 0.1)", 0.1, "+", INF),  # 0.1 means exactly 1/10
    ],
)
def test_infinite_limits(text, a, side, expected):
    assert limit(text, a, side) == expected


@pytest.mark.parametrize(
    "text, a, side, sides, their_limits",
    [
        ("1/x", 0, "both", ("-", "+"), (-INF, INF)),  # -inf and inf
        ("abs(x)/x", 0, "both", ("-", "+"), (-1.0, 1.0)),  # jump
        ("sin(1/x)", 0, "both", ("-", "+"), (math.nan, math.nan)),  # oscillation
        ("sin(pi/x)", 0, "+", ("+",), (math.nan,)),  # oscillation with zeros at 1/k
        ("sin(x)", INF, "both", ("-",), (math.nan,)),
        ("sqrt(x)", 0, "-", ("-",), (math.nan,)),  # not defined on that side
        ("sqrt(-x^2)", 0, "both", ("-", "+"), (math.nan, math.nan)),  # defined at 0 only
    ],
)
def test_limits_that_do_not_exist_raise_with_the_sides_as_evidence(text, a, side, sides, their_limits):
    with pytest.raises(NoLimitError, match="has no limit") as caught:
        limit(text, a, side)
    assert caught.value.paths == sides
    assert [v if not math.isnan(v) else "nan" for v in caught.value.limits] == [
        v if not math.isnan(v) else "nan" for v in their_limits]


@pytest.mark.parametrize("text, a, reason", [
    ("abs(x)/x", 0, "it tends to -1 from the left but 1 from the right"),
    ("sin(1/x)", 0, "from the left its values keep oscillating"),
    ("sqrt(x)", -1, "it is not defined near x = -1"),
    ("sin(x)", INF, "as x -> inf: its values keep oscillating"),
])
def test_no_limit_says_why(text, a, reason):
    with pytest.raises(NoLimitError, match=re.escape(reason)):
        limit(text, a)


def test_one_sided_limits_of_a_jump():
    assert (limit("abs(x)/x", 0, "-"), limit("abs(x)/x", 0, "+")) == (-1.0, 1.0)


def test_domain_edge_counts_only_the_defined_side():
    assert limit("sqrt(x)", 0) == 0.0
    assert limit("sqrt(x)", 0, "+") == 0.0


def test_exact_point_reaches_the_pole_that_a_float_misses():
    assert limit("tan(x)", sympy.pi / 2, "-") == INF
    assert limit("tan(x)", sympy.pi / 2, "+") == -INF
    assert math.isfinite(limit("tan(x)", math.pi / 2, "-"))  # the float is not pi/2


def test_limit_accepts_function_objects():
    assert limit(Function("sin(t)/t", variable="t"), 0) == 1.0


def test_bad_side_is_named():
    with pytest.raises(ValueError, match="side"):
        limit("x", 0, "left")
    with pytest.raises(ValueError, match="side"):
        limit("1/x", INF, "+")


def test_bad_point_is_named():
    with pytest.raises(ValueError, match="a must"):
        limit("x", math.nan)


# -- jumps -------------------------------------------------------------------------
def test_jump_at_gives_both_one_sided_limits():
    assert jump_at("abs(x)/x", 0) == (-1.0, 1.0)
    assert jump_at("x + abs(x - 1)/(x - 1)", 1) == (0.0, 2.0)


@pytest.mark.parametrize("text", ["x^2", "sin(x)/x", "1/x", "sin(1/x)", "sqrt(x)"])
def test_no_jump(text):
    assert jump_at(text, 0) is None


# -- delta for epsilon ---------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(st.floats(1e-6, 5.0))
def test_delta_for_x_squared_at_one(eps):
    # the band is left first on the right, where x^2 = 1 + eps
    assert delta_for_epsilon("x^2", 1, eps) == pytest.approx(math.sqrt(1 + eps) - 1, rel=1e-12)


@settings(max_examples=15, deadline=None)
@given(st.floats(1e-6, 10.0))
def test_delta_for_abs_at_zero_is_epsilon(eps):
    assert delta_for_epsilon("abs(x)", 0, eps) == pytest.approx(eps, rel=1e-12)


def _bisect(g, lo: float, hi: float) -> float:
    """Zero of g on [lo, hi] (g changes sign), to full precision."""
    for _ in range(200):
        middle = 0.5 * (lo + hi)
        if (g(middle) > 0) == (g(lo) > 0):
            lo = middle
        else:
            hi = middle
    return 0.5 * (lo + hi)


@settings(max_examples=15, deadline=None)
@given(st.floats(1e-4, 0.99))
def test_delta_for_sin_x_over_x_at_zero(eps):
    # sin(x)/x decreases from 1 on (0, pi) and is even: delta solves sin(x)/x = 1 - eps
    expected = _bisect(lambda t: math.sin(t) / t - (1 - eps), 1e-300, math.pi)
    assert delta_for_epsilon("sin(x)/x", 0, eps) == pytest.approx(expected, rel=1e-9)


def test_domain_edge_only_the_domain_counts():
    assert delta_for_epsilon("sqrt(x)", 0, 0.1) == pytest.approx(0.01, rel=1e-12)
    # at 1 the left side (sqrt(x) = 0.9) is hit before the right one (sqrt(x) = 1.1)
    assert delta_for_epsilon("sqrt(x)", 1, 0.1) == pytest.approx(1 - 0.81, rel=1e-12)


def test_delta_is_infinite_when_f_never_leaves_the_band():
    assert delta_for_epsilon("sin(x)", 0, 1.5) == INF
    assert delta_for_epsilon("3", 2, 0.1) == INF


def test_delta_with_the_right_explicit_limit_is_the_same():
    assert delta_for_epsilon("2x + 1", 1, 0.5, limit=3) == delta_for_epsilon("2x + 1", 1, 0.5) == 0.25


def test_jump_has_no_delta():
    with pytest.raises(NoDeltaError, match=r"jumps at x = 0: the one-sided limits are -1 and 1"):
        delta_for_epsilon("abs(x)/x", 0, 0.5)


@pytest.mark.parametrize(
    "text, a, eps, given_limit, message",
    [
        ("1/x", 0, 0.5, None, "one-sided limits are -inf and inf"),
        ("sin(1/x)", 0, 0.5, None, "oscillation"),
        ("1/x^2", 0, 0.5, None, "infinite"),
        ("sqrt(x)", -1, 0.5, None, "not defined near"),
        ("x^2", 1, 0.1, 2, "not within epsilon"),
        ("abs(x)/x", 0, 0.5, 0, "not within epsilon"),
    ],
)
def test_no_delta_says_why(text, a, eps, given_limit, message):
    with pytest.raises(NoDeltaError, match=message):
        delta_for_epsilon(text, a, eps, limit=given_limit)


def test_no_delta_error_is_a_value_error():
    assert issubclass(NoDeltaError, ValueError)


@pytest.mark.parametrize("eps", [0, -0.1, math.nan, INF])
def test_bad_epsilon_is_rejected(eps):
    with pytest.raises(ValueError, match="epsilon"):
        delta_for_epsilon("x^2", 1, eps)


def test_delta_needs_a_finite_point():
    with pytest.raises(ValueError, match="a must be finite"):
        delta_for_epsilon("1/x", INF, 0.1)


CONTINUOUS = ["x^2", "x^3 - 2x", "exp(x)", "sin(3x)", "sqrt(x + 3)", "1/(1 + x^2)", "sin(x)/x", "x*sin(1/x)"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(CONTINUOUS), st.floats(-1.5, 1.5), st.floats(1e-3, 0.5))
def test_delta_really_works(text, a, eps):
    f = Function(text)
    target = limit(f, a)
    delta = delta_for_epsilon(f, a, eps)
    assert 0 < delta < INF
    inside = a + delta * np.concatenate([-np.linspace(1e-9, 1, 4001)[:-1], np.linspace(1e-9, 1, 4001)[:-1]])
    values = f(inside)
    defined = np.isfinite(values)
    assert np.all(np.abs(values[defined] - target) < eps)
    # just beyond delta, on one side or the other, f is outside the band
    beyond = f(np.array([a - delta * (1 + 1e-7), a + delta * (1 + 1e-7)]))
    assert np.nanmax(np.abs(beyond - target)) >= eps


def test_epsilon_delta_picture_agrees_with_delta_for_epsilon():
    picture = epsilon_delta("x^2", 1, 0.21)
    assert isinstance(picture, EpsilonDelta)
    assert picture.delta == delta_for_epsilon("x^2", 1, 0.21)
    assert (picture.a, picture.limit, picture.epsilon) == (1.0, 1.0, 0.21)
    assert picture.x_band == (1 - picture.delta, 1 + picture.delta)
    assert picture.y_band == (1 - 0.21, 1 + 0.21)
    with pytest.raises(dataclasses.FrozenInstanceError):
        picture.delta = 1.0


def test_epsilon_delta_where_f_is_undefined_at_a():
    picture = epsilon_delta("sin(x)/x", 0, 0.1)
    assert picture.limit == 1.0
    assert picture.y_band == (0.9, 1.1)


def test_epsilon_delta_fails_like_delta_for_epsilon():
    with pytest.raises(NoDeltaError):
        epsilon_delta("abs(x)/x", 0, 0.5)


# -- sequences -----------------------------------------------------------------------
def _first_inside(term, guess: float, eps: float) -> int:
    """Smallest n with term(n) < eps for a decreasing term, starting near the real solution."""
    n = max(1, math.floor(guess) - 2)
    while not term(n) < eps:
        n += 1
    return n


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-5, 0.9))
def test_n_for_one_over_n(eps):
    # 1/n < eps  <=>  n > 1/eps
    assert n_for_epsilon("1/n", eps) == _first_inside(lambda n: 1 / n, 1 / eps, eps)


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-8, 0.9))
def test_n_for_one_over_n_squared(eps):
    expected = _first_inside(lambda n: 1 / n**2, 1 / math.sqrt(eps), eps)
    assert n_for_epsilon(Function("1/n^2", variable="n"), eps) == expected


def test_n_for_classic_cases():
    assert n_for_epsilon("1/n", 0.1) == 11  # 1/10 is not < 0.1
    assert n_for_epsilon("(n + 1)/n", 0.05, limit=1) == 21
    assert n_for_epsilon("1/(n - 3)", 0.1) == 14  # a_3 undefined, |a_n| >= 0.1 up to n = 13
    assert n_for_epsilon("1/sqrt(n)", 1e-4) == 10**8 + 1
    assert n_for_epsilon("3", 0.1) == 1


def _check_tail(terms: np.ndarray, target: float, eps: float) -> None:
    """terms[0] = a_{N-1} must leave the band, all the rest stay inside."""
    assert not abs(terms[0] - target) < eps
    assert np.all(np.abs(terms[1:] - target) < eps)


@settings(max_examples=12, deadline=None)
@given(st.floats(1e-4, 0.3))
def test_n_for_sin_n_over_n_holds_for_all_later_n(eps):
    big_n = n_for_epsilon("sin(n)/n", eps)
    n = np.arange(big_n - 1, big_n + 1_000_000, dtype=float)
    _check_tail(np.sin(n) / n, 0.0, eps)


SEQUENCES = [  # (text, numpy term, limit)
    ("cos(n)/sqrt(n)", lambda n: np.cos(n) / np.sqrt(n), 0.0),  # leaves the band only at isolated n near the end
    ("log(n)/n", lambda n: np.log(n) / n, 0.0),  # rises before it falls
    ("(n + 1)/(2n - 1)", lambda n: (n + 1) / (2 * n - 1), 0.5),
]


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(SEQUENCES), st.floats(1e-3, 0.3))
def test_n_for_epsilon_matches_a_brute_force_scan(sequence, eps):
    text, term, target = sequence
    big_n = n_for_epsilon(text, eps)
    n = np.arange(1, 10 * big_n + 10**5, dtype=float)
    outside = n[~(np.abs(term(n) - target) < eps)]
    assert big_n == (int(outside[-1]) + 1 if outside.size else 1)


def test_n_for_e_sequence_checked_with_mpmath():
    import mpmath

    big_n = n_for_epsilon("(1 + 1/n)^n", 1e-3)
    with mpmath.workdps(40):
        gaps = [abs(float((1 + mpmath.mpf(1) / k) ** k - mpmath.e)) for k in range(big_n - 1, big_n + 50)]
    assert gaps[0] >= 1e-3 and max(gaps[1:]) < 1e-3
    assert (big_n - 1) * 1e-3 == pytest.approx(math.e / 2, rel=1e-3)  # e - a_n ~ e/(2n)


@pytest.mark.parametrize("text", ["(-1)^n", "n", "cos(n)"])
def test_no_n_for_epsilon_without_a_finite_limit(text):
    with pytest.raises(NoDeltaError, match="no finite limit"):
        n_for_epsilon(text, 0.5)


def test_wrong_limit_for_a_sequence():
    with pytest.raises(NoDeltaError, match="arbitrarily large n"):
        n_for_epsilon("1/n", 0.1, limit=0.5)


# -- paths ---------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(st.floats(-math.pi, math.pi))
def test_path_limit_of_the_classic_counterexample(theta):
    F = Field("x*y/(x^2 + y^2)")
    direction = (math.cos(theta), math.sin(theta))
    assert path_limit(F, (0, 0), direction) == pytest.approx(math.cos(theta) * math.sin(theta), abs=1e-12)


def test_path_limit_examples():
    F = Field("x*y/(x^2 + y^2)")
    assert path_limit(F, (0, 0), (1, 0)) == 0.0
    assert path_limit(F, (0, 0), (1, 1)) == 0.5
    assert path_limit(F, (0, 0), (2, 2)) == 0.5  # only the direction matters
    # x^2 y/(x^4 + y^2) is 0 along every line although it has no limit at 0
    assert path_limit("x^2*y/(x^4 + y^2)", (0, 0), (1, 3)) == 0.0
    assert path_limit("x^2 + y", (1, 2), (0, 1)) == 3.0


def test_path_limit_bad_arguments():
    with pytest.raises(ValueError, match="direction must be a nonzero"):
        path_limit("x*y", (0, 0), (0, 0))
    with pytest.raises(ValueError, match="point must be 2"):
        path_limit("x*y", (0, 0, 0), (1, 0))


def test_module_exported():
    assert limits.limit is limit


# -- the sympy time budget -------------------------------------------------------------
def _busy(seconds: float) -> str:
    """Burn ``seconds`` of CPU time (the budget counts CPU time, not wall time)."""
    import time

    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "finished"


def test_budget_interrupts_a_long_call():
    assert limits.sympy_within_budget(lambda: _busy(5.0), seconds=0.05) is None


def test_budget_never_leaks_the_alarm():
    import signal

    handler = signal.getsignal(signal.SIGPROF)
    outcomes = set()
    # calls that end well before, around and well after the deadline
    for duration in np.linspace(0.001, 0.03, 40):
        outcomes.add(limits.sympy_within_budget(lambda d=float(duration): _busy(d), seconds=0.005))
        assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGPROF) is handler
    assert outcomes == {"finished", None}


# -- sequence_limit ------------------------------------------------------------------
from calcviz.limits import NoLimitError, sequence_limit  # noqa: E402


@pytest.mark.parametrize(
    "term, expected",
    [
        ("1/n", 0.0),
        ("(2n + 1)/(3n - 2)", 2 / 3),
        ("(1 + 1/n)^n", math.e),
        ("(1 + 2/n)^n", math.e**2),
        ("n^(1/n)", 1.0),
        ("sqrt(n^2 + n) - n", 0.5),
        ("(-1)^n/n", 0.0),
        ("sin(pi*n)", 0.0),  # 0 at every integer, though sin(pi x) has no limit
        ("n*sin(1/n)", 1.0),
        ("cos(n)/n", 0.0),
        ("n^2 - n", INF),
        ("-n^3", -INF),
        ("log(n)", INF),
    ],
)
def test_sequence_limit_matches_closed_form(term, expected):
    assert sequence_limit(term) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("term", ["cos(pi*n)", "(-1)^n", "sin(n)", "(-1)^n*n", "n*cos(pi*n)"])
def test_sequence_without_limit(term):
    with pytest.raises(NoLimitError, match="has no limit"):
        sequence_limit(term)
    assert issubclass(NoLimitError, ValueError)


@pytest.mark.parametrize("term", ["(1 + 1/n)^n", "(n^2 + sin(n))/(n^2 + 1)", "n^(1/n)", "sqrt(n^2 + 3n) - n", "(-1)^n/n", "n^2"])
def test_numeric_sequence_path_agrees_with_sympy(term):
    """The fallback used when sympy cannot tell (or the term is too big for it), against sympy's limit_seq."""
    f = Function(term, variable="n")
    n = sympy.Symbol("n", integer=True, positive=True)
    expected = float(sympy.limit_seq(f.expr.xreplace({f.symbol: n}), n))
    assert sequence_limits._numeric_sequence_limit(f) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_numeric_sequence_path_sees_oscillation():
    assert math.isnan(sequence_limits._numeric_sequence_limit(Function("cos(pi*n)", variable="n")))


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=9))
@settings(max_examples=15, deadline=None)
def test_rational_sequences_tend_to_the_ratio_of_leading_coefficients(p, q, r):
    term = Function(f"({p}n^2 + {r}n + 1)/({q}n^2 + 1)", variable="n")
    assert sequence_limit(term) == pytest.approx(p / q, rel=1e-12)
    n = n_for_epsilon(term, 0.01)  # the epsilon-N picture agrees with the limit
    assert abs(term(float(n)) - p / q) < 0.01


def test_sequence_functions_accept_a_sympy_expression_in_n():
    n = sympy.Symbol("n")
    assert sequence_limit(1 + 1 / n) == 1.0
    assert n_for_epsilon(1 / n, 0.1) == 11  # 1/n < 0.1 exactly when n > 10
    assert limits.limit_along_sequence("x^2", 2 + 1 / n) == 4.0


def test_no_limit_along_a_sequence_raises_like_limit():
    with pytest.raises(NoLimitError, match="has no limit"):
        limits.limit_along_sequence("x", "(-1)^n")
    with pytest.raises(NoLimitError, match="has no limit"):
        path_limit("y/(x^2 + y^2)", (0, 0), (0, 1))  # 1/t along the y axis: -inf and inf
