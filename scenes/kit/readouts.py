"""Numbers that change every frame for the cost of a few array copies.

``Readout`` keeps one outline per glyph, rendered once by LaTeX; ``LiveReadout``
draws them as one path and ``live_readout`` makes it follow a value every frame.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from manim import DOWN, LEFT, RIGHT, SingleStringMathTex, VGroup, VMobject

from scenes.kit.look import FOREGROUND, FORMULA_SIZE, formula

def readout(value: float, decimals: int = 4, size: float = FORMULA_SIZE, color: str = FOREGROUND) -> "Readout":
    """A number that animates cheaply (see :class:`Readout`)."""
    return Readout(value, decimals=decimals, font_size=size, color=color)


_GLYPHS = "-0123456789."


@lru_cache(maxsize=None)
def _glyph_font(font_size: float) -> tuple[dict[str, tuple[np.ndarray, float]], float, float]:
    """Each readout glyph's outline (centred on x = 0) and width, the digits' advance and widest digit."""
    tex = SingleStringMathTex(_GLYPHS, font_size=font_size)
    glyphs = {}
    for char, part in zip(_GLYPHS, tex.submobjects):
        points = part.points.copy()
        points[:, 0] -= part.get_center()[0]
        glyphs[char] = (points, part.width)
    digits = tex.submobjects[1:11]
    advance = (digits[-1].get_center()[0] - digits[0].get_center()[0]) / 9
    return glyphs, advance, max(digit.width for digit in digits)


class Readout(VMobject):
    """A decimal number that changes every frame for the cost of a few array copies.

    manim's ``DecimalNumber.set_value`` deep-copies a glyph mobject per
    character on every call (~45 ms a frame here); this keeps one outline per
    glyph, rendered once by LaTeX, and only moves points.  Digits sit on a
    fixed-width grid so the number does not jitter as it changes.
    """

    def __init__(self, value: float, decimals: int = 3, font_size: float = FORMULA_SIZE, color: str = FOREGROUND) -> None:
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_width=0)
        self.decimals = decimals
        self.font_size_ = font_size
        self.value = value
        self._layout(self._text(value), np.zeros(3))

    def _text(self, value: float) -> str:
        if not np.isfinite(value):
            raise ValueError(f"a readout cannot show {value}")
        text = f"{value:.{self.decimals}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text  # no "-0.000"

    def _layout(self, text: str, origin: np.ndarray) -> None:
        """Lay ``text`` out with its first cell's baseline corner at ``origin``."""
        glyphs, advance, digit_width = _glyph_font(self.font_size_)
        while len(self.submobjects) < len(text):
            self.add(VMobject(fill_color=self.fill_color, fill_opacity=self.get_fill_opacity(), stroke_width=0))
        for spare in self.submobjects[len(text):]:
            # Emptied, not removed: a play that began with the longer number keeps drawing its glyphs.
            spare.clear_points()
        cursor = 0.0
        for char, glyph in zip(text, self.submobjects):  # spare glyphs beyond the text stay empty
            points, width = glyphs[char]
            cell = advance if char.isdigit() else width + (advance - digit_width)
            glyph.points = points + origin + np.array([cursor + cell / 2, 0.0, 0.0])
            cursor += cell
        self._corner_offset = self.get_corner(DOWN + LEFT) - origin

    def set_value(self, value: float) -> "Readout":
        self.value = value
        self._layout(self._text(value), self.get_corner(DOWN + LEFT) - self._corner_offset)
        return self

    def get_value(self) -> float:
        return self.value


class LiveReadout(Readout):
    """A :class:`Readout` drawn as one path (all its glyphs' outlines in one VMobject).

    A readout that changes every frame is redrawn every frame; one path
    instead of a mobject per glyph makes that several times cheaper, and
    leaves no glyph behind when the number gets shorter (manim fixes the
    list of mobjects it redraws when a play starts).
    """

    def _layout(self, text: str, origin: np.ndarray) -> None:
        glyphs, advance, digit_width = _glyph_font(self.font_size_)
        outlines, cursor = [], 0.0
        for char in text:
            points, width = glyphs[char]
            cell = advance if char.isdigit() else width + (advance - digit_width)
            outlines.append(points + origin + np.array([cursor + cell / 2, 0.0, 0.0]))
            cursor += cell
        self.points = np.concatenate(outlines)
        self._corner_offset = self.get_corner(DOWN + LEFT) - origin


def live_readout(value, decimals: int = 4, size: float = FORMULA_SIZE, color: str = FOREGROUND) -> LiveReadout:
    """A :class:`LiveReadout` that follows ``value()`` (a callable) every frame; frames where the value rests cost nothing."""
    number = LiveReadout(value(), decimals=decimals, font_size=size, color=color)
    number.add_updater(lambda mob: mob.set_value(value()) if value() != mob.get_value() else None)
    return number


def live_row(label: str, value, decimals: int = 4, color: str = FOREGROUND) -> VGroup:
    """``label`` (LaTeX) followed by a :func:`live_readout` of ``value()``, in one colour."""
    return VGroup(formula(label, color=color), live_readout(value, decimals=decimals, color=color)).arrange(RIGHT, buff=0.2)
