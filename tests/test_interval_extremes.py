"""interval_extremes: the closed-interval method (endpoints and critical points), values by hand."""

import pytest

from calcviz.derivatives import interval_extremes


def test_endpoints_beat_the_local_extrema():
    # f = x^3/3 - x: local max f(-1) = 2/3, local min f(1) = -2/3; f(+-2.5) = +-(15.625/3 - 2.5) = +-2.7083
    low, high = interval_extremes("x^3/3 - x", -2.5, 2.5)
    assert (low.x, low.at) == (-2.5, "endpoint") and low.y == pytest.approx(-2.708333333)
    assert (high.x, high.at) == (2.5, "endpoint") and high.y == pytest.approx(2.708333333)


def test_critical_points_win_on_a_narrow_interval():
    # on [-1.5, 1.5]: f(-1.5) = -1.125 + 1.5 = 0.375 < 2/3, so the local max at -1 is global
    low, high = interval_extremes("x^3/3 - x", -1.5, 1.5)
    assert (high.x, high.at) == (-1.0, "critical") and high.y == pytest.approx(2 / 3)
    assert (low.x, low.at) == (1.0, "critical") and low.y == pytest.approx(-2 / 3)


def test_monotone_function():
    low, high = interval_extremes("2x + 1", 0, 1)
    assert (low.x, low.y, low.at) == (0.0, 1.0, "endpoint")
    assert (high.x, high.y, high.at) == (1.0, 3.0, "endpoint")
