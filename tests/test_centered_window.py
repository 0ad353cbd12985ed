"""centered_window: a zoom window of exactly the span it is given, ticks on its ends (values by hand)."""

from calcviz.view import centered_window


def test_ends_on_nice_ticks_keep_the_nice_step():
    assert centered_window(4, 4) == (2.0, 6.0, 1.0)  # nice_step(4) = 1 and 2, 6 are whole


def test_ends_off_the_nice_grid_tick_ends_and_centre():
    assert centered_window(4, 1) == (3.5, 4.5, 0.5)  # nice_step(1) = 0.2: 3.5 / 0.2 = 17.5
    assert centered_window(4, 0.25) == (3.875, 4.125, 0.125)  # nice_step(0.25) = 0.05: 77.5 steps


def test_span_is_exact():
    lo, hi, _ = centered_window(2, 0.75)
    assert hi - lo == 0.75 and (lo + hi) / 2 == 2
