"""The house palette and type sizes, without manim: the clips (through :mod:`scenes.kit.look`), the
interactive panels, the published pages' CSS, the thumbnails and the title cards all read them here.

Colours are ``#rrggbb``; sizes are manim font sizes (the clips) at 1080p.
"""

from __future__ import annotations

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

# Surfaces (the 3D stage): shaded by height from deep to pale blue, through the function's colour.
SURFACE_LOW = "#1d3a6e"
SURFACE_HIGH = "#c8f0ff"
SURFACE_EDGE = "#3c7fa8"  # the outline of a surface's edge

# The pages around the clips: cards and panels a step lighter than the background, and their rules.
CARD = "#1a1d24"
PANEL = "#14161c"
RULE = "#2a2e37"
LABEL = "#c9ccd1"  # axis names and point labels on the panels
LINK = FUNCTION  # the pages' accent: links, focus rings, sliders

TITLE_SIZE = 44
TEXT_SIZE = 34
FORMULA_SIZE = 38
LABEL_SIZE = 28
TICK_SIZE = 26  # tick numbers: about 12 px tall at 480p (22 was 9 px, too small to read)


def css_variables() -> str:
    """The palette as CSS custom properties for a page's ``:root`` (the pages' styles use only these)."""
    names = {"bg": BACKGROUND, "fg": FOREGROUND, "muted": MUTED, "accent": LINK, "card": CARD, "panel": PANEL,
             "rule": RULE, "label": LABEL, "axis": AXIS, "right": DERIVATIVE, "wrong": SECANT}
    return " ".join(f"--{name}: {colour};" for name, colour in names.items())
