"""calcviz.cancellation: a rational function's common factor cancelled, expected values worked by hand."""

from calcviz.cancellation import cancellation


def test_difference_of_squares_over_its_factor():
    # x^2 - 4 = (x - 2)(x + 2); over x - 2 it leaves x + 2
    work = cancellation("(x^2 - 4)/(x - 2)")
    assert work.factored == r"\frac{\left(x - 2\right) \left(x + 2\right)}{x - 2}"
    assert work.cancelled == "x + 2"
    assert work.common == "x - 2"


def test_quadratic_over_linear():
    # x^2 - 3x + 2 = (x - 1)(x - 2); over x - 1 it leaves x - 2
    work = cancellation("(x^2 - 3*x + 2)/(x - 1)")
    assert work.cancelled == "x - 2"
    assert work.common == "x - 1"


def test_nothing_to_cancel():
    assert cancellation("(x^2 + 1)/(x - 2)") is None  # x^2 + 1 has no factor x - 2
    assert cancellation("sin(x)/x") is None  # not a quotient of polynomials


def test_every_sequence_through_the_cancelled_form():
    from calcviz.cancellation import along_every_sequence
    # x_n != 2: f(x_n) = (x_n - 2)(x_n + 2)/(x_n - 2) = x_n + 2, and x_n -> 2 gives 2 + 2 = 4
    work = along_every_sequence("(x^2 - 4)/(x - 2)", 2)
    assert (work.term, work.at_a, work.limit) == ("x_{n} + 2", "2 + 2", 4)
    # x_n != 1: (x_n - 1)(x_n - 2)/(x_n - 1) = x_n - 2 -> 1 - 2 = -1
    work = along_every_sequence("(x^2 - 3*x + 2)/(x - 1)", 1, name="z_n")
    assert (work.term, work.limit) == ("z_{n} - 2", -1)
    # x/(x^2) = 1/x after cancelling: still not defined at 0, so the cancellation does not settle it
    assert along_every_sequence("x/x^2", 0) is None
    assert along_every_sequence("sin(x)/x", 0) is None
