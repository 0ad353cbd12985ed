"""The house look: the palette and type sizes (from :mod:`scenes.kit.palette`), and the two ways to set
text (LaTeX formulas and words)."""

from __future__ import annotations

from manim import MathTex, Tex

from scenes.kit.palette import (  # noqa: F401 (the scenes' names for them)
    ACCENT, AXIS, BACKGROUND, CONCAVE, CONVEX, DERIVATIVE, FOREGROUND, FORMULA_SIZE, FUNCTION, LABEL_SIZE, MUTED,
    NEGATIVE_AREA, POSITIVE_AREA, POWER_SIZE, ROW_SIZE, SECANT, SMALL_SIZE, TANGENT, TEXT_SIZE, TICK_SIZE, TITLE_SIZE,
    WORKING_SIZE,
)

EDGE = 0.35  # margin kept free at the frame's edges


def formula(*tex: str, size: float = FORMULA_SIZE, color: str = FOREGROUND) -> MathTex:
    return lighten(MathTex(*tex, font_size=size, color=color))


def words(text: str, size: float = TEXT_SIZE, color: str = FOREGROUND) -> Tex:
    return lighten(Tex(text, font_size=size, color=color))


def lighten(mob):
    """Drop each glyph's parsed SVG path (manim keeps it after building the points from it, and
    deep-copies it on every FadeIn, FadeOut and ``.animate``: about 10x the cost of the points)."""
    for part in mob.get_family():
        if getattr(part, "path_obj", None) is not None:
            part.path_obj = None
    return mob


def tex_number(x: float, digits: int = 4) -> str:
    """LaTeX for a number: up to ``digits`` significant digits, scientific when tiny or huge."""
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e5:
        text = f"{x:.{digits}g}"
        return text if "e" not in text else f"{x:.{digits}f}".rstrip("0").rstrip(".")
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"
