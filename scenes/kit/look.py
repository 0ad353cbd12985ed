"""The house look: palette, type sizes, and the two ways to set text (LaTeX formulas and words)."""

from __future__ import annotations

from manim import MathTex, Tex

BACKGROUND = "#111318"
FOREGROUND = "#ece6e2"
MUTED = "#8a8f98"
AXIS = "#6b7280"
FUNCTION = "#58c4dd"  # f (a scene's `function_color` parameter overrides it)
DERIVATIVE = "#83c167"  # f'
TANGENT = "#ffd166"  # tangent lines, linear approximations
SECANT = "#fc6255"  # secants, errors
ACCENT = "#c59cf2"  # highlights, points of interest
CONVEX = "#83c167"
CONCAVE = "#fc6255"
POSITIVE_AREA = "#83c167"  # signed area above the x-axis (counts +)
NEGATIVE_AREA = "#fc6255"  # signed area below it (counts -)

TITLE_SIZE = 44
TEXT_SIZE = 34
FORMULA_SIZE = 38
LABEL_SIZE = 28
TICK_SIZE = 26  # tick numbers: about 12 px tall at 480p (22 was 9 px, too small to read)
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
