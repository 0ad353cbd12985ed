"""calcviz.expansion_work: each power of (a + h) multiplied out on its own, worked here by hand."""

from calcviz.expansion_work import powers_multiplied_out


def test_the_cube_of_secant_to_tangent_is_multiplied_out_before_the_terms_are_collected():
    # f = x^3/3 - x at a = 3/2: (3/2 + h)^3 = 27/8 + 3 (9/4) h + 3 (3/2) h^2 + h^3 = 27/8 + 27h/4 + 9h^2/2 + h^3;
    # f(3/2) = 9/8 - 3/2 = -3/8
    assert powers_multiplied_out("x^3/3 - x", 1.5) == (
        r"\frac{\frac{1}{3} \left(\frac{27}{8} + \frac{27 h}{4} + \frac{9 h^{2}}{2} + h^{3}\right)"
        r" - \left(\frac{3}{2} + h\right) - \left(- \frac{3}{8}\right)}{h}")


def test_a_square_at_a_negative_point_keeps_its_coefficient_and_signs():
    # f = 2x^2 - 3x + 1 at a = -1: (-1 + h)^2 = 1 - 2h + h^2; f(-1) = 2 + 3 + 1 = 6
    assert powers_multiplied_out("2*x^2 - 3*x + 1", -1) == (
        r"\frac{2 \left(1 - 2 h + h^{2}\right) - 3 \left(-1 + h\right) + 1 - 6}{h}")
    # x^2 at 3: (3 + h)^2 = 9 + 6h + h^2, f(3) = 9
    assert powers_multiplied_out("x^2", 3) == r"\frac{\left(9 + 6 h + h^{2}\right) - 9}{h}"


def test_nothing_to_multiply_out():
    assert powers_multiplied_out("x", 2) is None  # no power above the first
    assert powers_multiplied_out("sin(x)", 1) is None  # not a polynomial
