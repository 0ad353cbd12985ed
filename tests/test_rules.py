"""The rules a lecture names for a derivative, read off the expression by hand."""

import pytest

from calcviz import Function
from calcviz.rules import rules_used


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x^5", ("power rule",)),
        ("3x^2", ("constant multiple rule", "power rule")),
        ("x^2 + sin(x)", ("sum rule", "power rule", "derivative of sin")),
        ("sin(2x)", ("derivative of sin", "constant multiple rule", "chain rule")),
        ("exp(x^2)", ("derivative of exp", "power rule", "chain rule")),
        ("x*exp(x)", ("product rule", "derivative of exp")),
        ("sin(x)/(x^2+1)", ("quotient rule", "derivative of sin", "power rule")),
        ("sqrt(x)", ("power rule",)),
        ("2^x", ("exponential rule",)),
        ("log(cos(x))", ("derivative of log", "derivative of cos", "chain rule")),
    ],
)
def test_rules_named_for_a_derivative(text, expected):
    found = rules_used(Function(text))
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found)), "each rule is named once"


def test_rules_are_named_outermost_first():
    assert rules_used(Function("x^3/3 - x")) == ("sum rule", "constant multiple rule", "power rule")


def test_a_constant_needs_no_rule():
    assert rules_used(Function("7")) == ()
