"""calcviz.sets.roots_combined: the roots of a product or quotient under one root, worked by hand."""

from calcviz.sets import roots_combined


def test_quotient_of_roots_is_the_root_of_the_quotient():
    assert roots_combined("sqrt(8)/sqrt(2)") == r"\sqrt{4}"  # 8 / 2 = 4
    assert roots_combined("sqrt(50)/sqrt(2)") == r"\sqrt{25}"  # 50 / 2 = 25


def test_product_of_roots_is_the_root_of_the_product():
    assert roots_combined("sqrt(2)*sqrt(18)") == r"\sqrt{36}"  # 2 * 18 = 36
    assert roots_combined("sqrt(3)*sqrt(3)") == r"\sqrt{9}"


def test_not_a_product_of_roots():
    for text in ("sqrt(2)", "3", "0.75", "-5/3", "pi", "sqrt(8)/2"):
        assert roots_combined(text) is None
