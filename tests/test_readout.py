"""Readout: the cheap animated number of scenes/kit/readouts.py."""

from __future__ import annotations

import pytest

from scenes.kit.readouts import Readout


def drawn_glyphs(readout: Readout) -> int:
    return sum(1 for glyph in readout.submobjects if glyph.has_points())


def test_a_shrinking_number_leaves_no_stale_glyph_and_keeps_its_place():
    number = Readout(64, decimals=0)
    corner = number.get_corner([-1, -1, 0]).copy()
    number.set_value(2)
    assert drawn_glyphs(number) == 1, "the '4' of 64 must not stay on screen"
    assert number.get_corner([-1, -1, 0]) == pytest.approx(corner, abs=0.02)  # same cell, a narrower glyph
    number.set_value(-128)
    assert drawn_glyphs(number) == 4

