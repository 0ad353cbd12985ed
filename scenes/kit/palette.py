"""The house palette (the course theme's: ``[theme]`` in course.toml, see :mod:`scenes.theme`) and type sizes, without manim: the clips (through :mod:`scenes.kit.look`), the
interactive panels, the published pages' CSS, the thumbnails and the title cards all read them here.

Colours are ``#rrggbb``; sizes are manim font sizes (the clips) at 1080p.
"""

from __future__ import annotations

import os
from pathlib import Path

from scenes import theme as _theme


def _course_theme() -> _theme.Theme:
    """The course's theme, read once: ``$CALCVIZ_COURSE`` or the project's course.toml. A theme with a
    mistake falls back to the dark palette here; loading the course (every render, ``make check``) names it."""
    path = Path(os.environ.get("CALCVIZ_COURSE", Path(__file__).resolve().parents[2] / "course.toml"))
    try:
        return _theme.read(path)
    except _theme.ThemeError:
        return _theme.default_theme()


THEME = _course_theme()
_C = THEME.colours

BACKGROUND = _C["BACKGROUND"]
FOREGROUND = _C["FOREGROUND"]
MUTED = _C["MUTED"]
AXIS = _C["AXIS"]
FUNCTION = _C["FUNCTION"]  # f (a scene's `function_color` parameter overrides it)
DERIVATIVE = _C["DERIVATIVE"]  # f'
TANGENT = _C["TANGENT"]  # tangent lines, linear approximations
SECANT = _C["SECANT"]  # secants, errors
ACCENT = _C["ACCENT"]  # highlights, points of interest
CONVEX = _C["CONVEX"]
CONCAVE = _C["CONCAVE"]
POSITIVE_AREA = _C["POSITIVE_AREA"]  # signed area above the x-axis (counts +)
NEGATIVE_AREA = _C["NEGATIVE_AREA"]  # signed area below it (counts -)
# Colours a figure needs beyond those roles (read like text colours; see scenes/theme.py).
FAMILY = _C["FAMILY"]  # the members of F + C before one is picked out
RULE_COLORS = {"left": _C["RULE_LEFT"], "right": _C["RULE_RIGHT"], "midpoint": _C["RULE_MIDPOINT"],
               "trapezoid": _C["RULE_TRAPEZOID"], "simpson": _C["RULE_SIMPSON"]}  # the rules of Riemann sums and quadrature
SERIES = (_C["SERIES_1"], _C["SERIES_2"], _C["SERIES_3"], _C["SERIES_4"])  # more curves than the roles: a ladder of growth
LIFT = _C["LIFT"]  # what thin lines are mixed toward to stand out from the background (white on dark, black on light)

# Surfaces (the 3D stage): shaded by height from low to high, through the function's colour.
SURFACE_LOW = _C["SURFACE_LOW"]
SURFACE_HIGH = _C["SURFACE_HIGH"]
SURFACE_EDGE = _C["SURFACE_EDGE"]  # the outline of a surface's edge

# The pages around the clips: cards and panels a step off the background, and their rules.
CARD = _C["CARD"]
PANEL = _C["PANEL"]
RULE = _C["RULE"]
LABEL = _C["LABEL"]  # axis names and point labels on the panels
LINK = _C["LINK"]  # the pages' accent: links, focus rings, sliders
FIELD, FIELD_INK = _C["FIELD"], _C["FIELD_INK"]  # the practice page's answer fields and their ink
COLOR_SCHEME = "light" if THEME.is_light else "dark"  # the pages' CSS color-scheme (form controls, scrollbars)
LOGO = THEME.logo  # an .svg or .png for title cards, thumbnails and the page, or None
FONT_PREAMBLE = THEME.preamble  # what the TeX template adds for the theme's font

TITLE_SIZE = 44
TEXT_SIZE = 34
FORMULA_SIZE = 38
LABEL_SIZE = 28
TICK_SIZE = 26  # tick numbers: about 12 px tall at 480p (22 was 9 px, too small to read)
WORKING_SIZE = 36  # the lines of a derivation worked on screen
ROW_SIZE = 34  # rows of a table, or lines of working, in a panel beside a plot
POWER_SIZE = 32  # 10^k tick labels: their exponents read at 480p
SMALL_SIZE = 30  # dense tables, rule cards and numbers on a diagram's edges: the smallest that reads at 480p beside a plot


def colour_name(colour: str) -> str:
    """What narration and notes call ``colour`` (``#rrggbb``, e.g. :data:`SECANT`): the palette's own name for it
    ("red" in dark, "magenta" in light), or for a colour given one by one the nearest basic colour word."""
    named = {_C[role]: spoken for role, spoken in THEME.names.items()}
    if colour.lower() in named:
        return named[colour.lower()]
    from scenes.colour_names import nearest  # colorspacious: only when a colour is not the palette's

    return nearest(colour)


def css_variables() -> str:
    """The palette as CSS for a page's ``:root``: its color-scheme and custom properties (the pages' styles use only these)."""
    names = {"bg": BACKGROUND, "fg": FOREGROUND, "muted": MUTED, "accent": LINK, "card": CARD, "panel": PANEL,
             "rule": RULE, "label": LABEL, "axis": AXIS, "right": DERIVATIVE, "wrong": SECANT,
             "field": FIELD, "field-ink": FIELD_INK}
    return f"color-scheme: {COLOR_SCHEME}; " + " ".join(f"--{name}: {colour};" for name, colour in names.items())
