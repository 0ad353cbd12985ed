"""Terms on the edge of the epsilon strip in SequenceLimits, worked by hand."""

import pytest

from calcviz import Function
from calcviz.strip_edge import on_edge


def test_the_course_sequence_touches_the_edges_at_ten_and_twenty():
    term = Function("1 + cos(pi*n)/n", "n")
    # |a_n - 1| = 1/n: equal to 0.3 for no whole n, to 0.1 at n = 10, to 0.05 at n = 20
    assert on_edge(term, 1.0, 0.3, 30) == []
    assert on_edge(term, 1.0, 0.1, 30) == [10]
    assert on_edge(term, 1.0, 0.05, 30) == [20]
    assert on_edge(term, 1.0, 0.05, 19) == []


def test_both_sides_and_bad_count():
    term = Function("1/n", "n")  # |1/n - 0| = 1/n; 0.25 at n = 4
    assert on_edge(term, 0, 0.25, 10) == [4]
    with pytest.raises(ValueError):
        on_edge(term, 0, 0.25, 0)
