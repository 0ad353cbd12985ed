"""calcviz.linearization_work: the lines from f to L(x) = f(a) + f'(a)(x - a), worked here by hand."""

from calcviz.linearization_work import linearization_work


def test_square_root_at_4_is_built_line_by_line():
    # f'(x) = 1/(2 sqrt x); f'(4) = 1/(2 sqrt 4) = 1/4; f(4) = sqrt 4 = 2; L(x) = 2 + (x - 4)/4 = x/4 + 1
    work = linearization_work("sqrt(x)", 4)
    assert work.derivative == r"\frac{1}{2 \sqrt{x}}"
    assert work.slope_at == r"\frac{1}{2 \sqrt{4}}"
    assert work.slope == r"\frac{1}{4}"
    assert (work.value_at, work.value) == (r"\sqrt{4}", "2")
    assert work.substituted == r"2 + \frac{1}{4} \left(x - 4\right)"
    assert work.linear == r"\frac{x}{4} + 1"


def test_a_negative_point_is_put_in_parentheses_and_a_negative_slope_subtracts():
    # f = x^2 at -1: f'(x) = 2x, f'(-1) = 2(-1) = -2, f(-1) = (-1)^2 = 1, L(x) = 1 - 2(x + 1) = -2x - 1
    work = linearization_work("x^2", -1)
    assert (work.slope_at, work.slope) == (r"2 \left(-1\right)", "-2")
    assert (work.value_at, work.value) == (r"\left(-1\right)^{2}", "1")
    assert work.substituted == r"1 - 2 \left(x + 1\right)"
