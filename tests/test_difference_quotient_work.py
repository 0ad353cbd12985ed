"""The working of f'(a) from the definition, line by line, as SecantToTangent writes it."""


from calcviz import Function, derivatives


def test_the_course_cubic_at_three_halves_is_worked_line_by_line():
    work = derivatives.difference_quotient_work(Function("x^3/3 - x"), 1.5)
    # f(3/2) = 9/8 - 3/2 = -3/8; (3/2 + h)^3/3 - (3/2 + h) + 3/8 = 5h/4 + 3h^2/2 + h^3/3
    assert r"\left(\frac{3}{2} + h\right)^{3}" in work.substituted
    assert work.substituted.endswith(r"- \left(- \frac{3}{8}\right)}{h}")
    # f(3/2 + h) multiplied out: 9/8 + 27h/8 ... combined: h^3/3 + 3h^2/2 + 5h/4 - 3/8, beside f(3/2) = -3/8
    assert work.multiplied == r"\frac{\left(\frac{h^{3}}{3} + \frac{3 h^{2}}{2} + \frac{5 h}{4} - \frac{3}{8}\right) - \left(- \frac{3}{8}\right)}{h}"
    assert work.expanded == r"\frac{\frac{h^{3}}{3} + \frac{3 h^{2}}{2} + \frac{5 h}{4}}{h}"
    assert work.divided == r"\frac{h^{2}}{3} + \frac{3 h}{2} + \frac{5}{4}"
    assert work.value == r"\frac{5}{4}"
    assert work.f_at_a == r"\frac{9}{8} - \frac{3}{2} = - \frac{3}{8}"


def test_a_root_is_not_expanded_but_still_has_its_value():
    work = derivatives.difference_quotient_work(Function("sqrt(x)"), 4)
    assert work.substituted == r"\frac{\sqrt{4 + h} - 2}{h}"
    assert work.expanded is None and work.multiplied is None
    assert work.value == r"\frac{1}{4}"
