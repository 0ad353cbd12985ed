"""N(epsilon) worked for a sequence, as SequenceLimits writes it: |a_n - L|, then n > n*(epsilon)."""

import pytest

from calcviz import Function
from calcviz.sequence_work import strip_entry_work


def test_the_course_sequence_enters_the_strip_past_one_over_epsilon():
    work = strip_entry_work(Function("1 + cos(pi*n)/n", variable="n"), 1.0)
    # a_n - 1 = cos(pi n)/n = (-1)^n/n, so |a_n - 1| = 1/n, and 1/n < eps exactly when n > 1/eps
    assert work.difference == r"\frac{\left(-1\right)^{n}}{n}"
    assert work.distance == r"\frac{1}{n}"
    assert work.threshold == r"\frac{1}{\varepsilon}"
    # 1/0.3 = 3.33 -> N = 4; 1/0.1 = 10, and n > 10 strictly -> N = 11; 1/0.05 = 20 -> N = 21
    assert [work.first_n(e) for e in (0.3, 0.1, 0.05)] == [4, 11, 21]


def test_a_fraction_sequence_has_its_own_threshold():
    work = strip_entry_work(Function("(2*n + 1)/(3*n - 2)", variable="n"), 2 / 3)
    # a_n - 2/3 = (6n + 3 - 6n + 4)/(3(3n - 2)) = 7/(9n - 6); 7/(9n - 6) = eps at n = 2/3 + 7/(9 eps)
    assert work.distance in (r"\frac{7}{3 \left(3 n - 2\right)}", r"\frac{7}{9 n - 6}")
    # eps = 0.1: n > 2/3 + 70/9 = 8.44 -> N = 9 (a_9 - 2/3 = 7/75 < 0.1, a_8 - 2/3 = 7/66 > 0.1)
    assert work.first_n(0.1) == 9


def test_a_distance_that_does_not_shrink_steadily_is_refused():
    with pytest.raises(ValueError):
        strip_entry_work(Function("sin(n)/n", variable="n"), 0.0)
