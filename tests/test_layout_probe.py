"""The layout probe sees what a viewer sees: visible texts, as units, with their real boxes."""

from __future__ import annotations

import pytest
from manim import RIGHT, UP, Axes, Circle, MathTex, Tex, VGroup, config

from scenes.kit.layout import Panel, _visible_texts, LayoutProbe
from scenes.kit.look import tex_number
from scenes.kit.readouts import Readout


@pytest.fixture(autouse=True, scope="module")
def private_tex_folder(tmp_path_factory):
    config.media_dir = str(tmp_path_factory.mktemp("media"))
    config.tex_dir = str(tmp_path_factory.mktemp("tex"))


def test_texts_are_found_inside_groups_as_whole_formulas():
    formula = MathTex("f(x) = x^2")
    group = VGroup(Circle(), VGroup(formula, Tex("label")))
    found = _visible_texts([group])
    assert found[0] is formula and len(found) == 2


def test_invisible_texts_are_ignored():
    hidden = Tex("gone").set_opacity(0)
    assert _visible_texts([hidden, Circle()]) == []


def test_box_of_a_text_pushed_off_frame_lies_outside():
    text = Tex("far away").shift(10 * RIGHT)
    x0, y0, x1, y1 = LayoutProbe._box(text)["box"]
    assert x1 > 10 > x0 > 7.1  # the frame's right edge is at 7.11


def test_panel_keeps_wide_text_inside_the_frame():
    axes = Axes(x_length=7.4, y_length=5.6).to_edge(-RIGHT)
    panel = Panel.beside(axes)
    wide = panel.place(MathTex(r"\int_0^1 " + " + ".join(["x^2"] * 30)))
    assert wide.get_left()[0] >= panel.left - 1e-9
    assert wide.get_right()[0] <= panel.right + 1e-9


def test_readout_changes_value_without_moving_its_left_edge():
    number = Readout(1.25, decimals=3).shift(2 * RIGHT + UP)
    left = number.get_left()[0]
    for value in (-0.5, 12.345, 0.0004, -3.0):
        number.set_value(value)
        assert abs(number.get_left()[0] - left) < 0.05
    def drawn(readout):
        return sum(1 for glyph in readout.submobjects if glyph.has_points())

    assert drawn(number.set_value(-12.5)) == len("-12.500")
    assert drawn(number.set_value(-0.0001)) == len("0.000"), "no minus sign on zero"


def test_tex_number_formats():
    assert tex_number(2.025) == "2.025"
    assert tex_number(0.000154321, 3) == r"1.54 \times 10^{-4}"
    assert tex_number(0) == "0"
    assert tex_number(-12.5) == "-12.5"
