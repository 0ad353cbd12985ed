"""The rules a lecture names for a derivative, read off the expression by hand."""

import itertools

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz import Function
from calcviz.rules import derivative_steps, rules_used


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x^5", ("power rule",)),
        ("3x^2", ("constant multiple rule", "power rule")),
        ("x^2 + sin(x)", ("sum rule", "power rule", "sine rule")),
        ("sin(2x)", ("sine rule", "constant multiple rule", "power rule", "chain rule")),
        ("exp(x^2)", ("exponential rule", "power rule", "chain rule")),
        ("x*exp(x)", ("product rule", "power rule", "exponential rule")),
        ("sin(x)/(x^2+1)", ("quotient rule", "sine rule", "sum rule", "power rule", "constant rule")),
        ("sqrt(x)", ("square root rule",)),
        ("2^x", ("exponential rule",)),
        ("log(cos(x))", ("logarithm rule", "cosine rule", "chain rule")),
    ],
)
def test_rules_named_for_a_derivative(text, expected):
    found = rules_used(Function(text))
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found)), "each rule is named once"


def test_rules_are_named_outermost_first():
    assert rules_used(Function("x^3/3 - x")) == (
        "sum rule",
        "constant multiple rule",
        "power rule",
    )


def test_a_constant_needs_no_rule():
    assert rules_used(Function("7")) == ()


# -- derivative_steps: the worked derivation -----------------------------------

_DRILL = [
    "x^3/3 - x",
    "x*sin(2x)",
    "exp(x)/x",
    "sin(x)/(x^2+1)",
    "log(cos(x))",
    "sqrt(x^2+1)",
    "(x^2+1)^3",
    "x*exp(x)*cos(x)",
    "abs(x^2-1)",
    "2^x",
    "x^x",
    "tan(x^2)",
    "x^2 + 1",
]


@pytest.mark.parametrize("text", _DRILL)
def test_the_derivation_ends_on_sympys_derivative(text):
    x = sympy.Symbol("x", real=True)
    steps = derivative_steps(Function(text))
    expected = sympy.diff(
        sympy.sympify(text.replace("^", "**").replace("2x", "2*x"), {"x": x}), x
    )
    expected = expected.replace(sympy.sign, lambda u: u / sympy.Abs(u))
    last = steps[-1].after.subs(sympy.Symbol("x"), x)
    assert not last.has(sympy.Derivative)
    assert sympy.simplify(last - expected) == 0


@pytest.mark.parametrize("text", _DRILL)
def test_each_step_is_a_named_rule_that_keeps_the_value(text):
    f = Function(text)
    steps = derivative_steps(f)
    assert {step.rule for step in steps} - {"simplify"} <= set(rules_used(f))
    assert steps[0].before.expr.doit() == f.expr, "the derivation starts from f as written"
    for earlier, later in itertools.pairwise(steps):
        assert later.before == earlier.after, "each step starts where the last ended"
    for step in steps:
        assert step.target in sympy.preorder_traversal(step.before)
        assert step.rule != "simplify" or step is steps[-1], "only the last step tidies its result"
        # the rewrite is an identity: check it numerically at a few points
        real = {f.symbol: sympy.Symbol("x", real=True)}
        target, result = (
            step.target.xreplace(real).doit(),
            step.result.xreplace(real).doit(),
        )
        for point in (0.3, 0.7, 1.3):
            exact = float(target.subs(real[f.symbol], point))
            written = float(result.subs(real[f.symbol], point))
            assert written == pytest.approx(exact, rel=1e-12, abs=1e-12)


def test_steps_carry_latex_for_the_board():
    step = derivative_steps(Function("sin(x^2)"))[0]
    assert (step.rule, step.outer_rule) == ("chain rule", "sine rule")
    assert step.before_latex == r"\frac{d}{dx} \sin{\left(x^{2} \right)}"
    assert r"\cos{\left(x^{2} \right)}" in step.after_latex
    assert step.rewrite_latex.startswith(r"\frac{d}{dx} \sin{\left(x^{2} \right)} = ")


def test_a_constant_has_no_steps():
    assert derivative_steps(Function("7")) == ()


_polynomial_terms = st.lists(
    st.tuples(st.integers(-5, 5).filter(bool), st.integers(0, 6)),
    min_size=1,
    max_size=4,
)


@settings(max_examples=25, deadline=None)
@given(_polynomial_terms)
def test_polynomials_differentiate_term_by_term(terms):
    text = " + ".join(f"({c})*x^{n}" for c, n in terms)
    f = Function(text)
    steps = derivative_steps(f)
    expected = sum(c * n * sympy.Symbol("x") ** (n - 1) for c, n in terms if n)
    final = steps[-1].after.doit() if steps else sympy.Integer(0)
    assert sympy.expand(final - expected) == 0
