"""A partial derivative worked term by term, as PartialDerivatives writes the general f_x and f_y."""

import pytest

from calcviz import Field
from calcviz.termwise_partial import termwise_partial

F = Field("4 - x^2/2 - y^2/4 + x*y/3")


def test_the_terms_keep_the_order_the_function_is_written_in():
    assert termwise_partial(F, "x").function_latex == F.latex


def test_in_x_y_is_a_constant():
    # d/dx(-x^2/2) = -x; d/dx(xy/3) = y/3; d/dx(-y^2/4) = 0; d/dx(4) = 0
    work = termwise_partial(F, "x")
    assert work.held == "y"
    assert work.termwise_latex == r"- x + \frac{y}{3} + 0 + 0"
    assert work.result_latex == r"- x + \frac{y}{3}"


def test_in_y_x_is_a_constant():
    # d/dy(-x^2/2) = 0; d/dy(xy/3) = x/3; d/dy(-y^2/4) = -y/2; d/dy(4) = 0
    work = termwise_partial(F, "y")
    assert work.held == "x"
    assert work.termwise_latex == r"0 + \frac{x}{3} - \frac{y}{2} + 0"
    assert work.result_latex == r"\frac{x}{3} - \frac{y}{2}"


def test_an_unknown_variable_is_refused():
    with pytest.raises(ValueError, match="'z' is not a variable"):
        termwise_partial(F, "z")
