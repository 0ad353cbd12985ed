"""The fractions closing in on sqrt 2 in NumberSets, and their squares, worked by hand."""

import pytest

from calcviz.root_misses import root_misses


def test_the_best_fractions_for_root_two_miss_by_one():
    misses = root_misses(2, 5)
    # convergents of sqrt 2 = [1; 2, 2, 2, ...]: 1, 3/2, 7/5, 17/12, 41/29
    assert [(m.p, m.q) for m in misses] == [(1, 1), (3, 2), (7, 5), (17, 12), (41, 29)]
    # 1 vs 2, 9 vs 8, 49 vs 50, 289 vs 288, 1681 vs 1682
    assert [(m.p_squared, m.n_q_squared) for m in misses] == [(1, 2), (9, 8), (49, 50), (289, 288), (1681, 1682)]
    assert [m.below for m in misses] == [True, False, True, False, True]  # from both sides
    assert misses[2].value == pytest.approx(1.4) and misses[4].value == pytest.approx(1.413793, abs=1e-6)


def test_root_three_and_bad_input():
    misses = root_misses(3, 3)  # sqrt 3 = [1; 1, 2, 1, 2, ...]: 1, 2, 5/3
    assert [(m.p, m.q, m.p_squared, m.n_q_squared) for m in misses] == [(1, 1, 1, 3), (2, 1, 4, 3), (5, 3, 25, 27)]
    for bad in (4, 1, 0, 2.0, True):
        with pytest.raises(ValueError):
            root_misses(bad, 3)
