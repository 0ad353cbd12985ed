"""Spoken names for colours: what narration and notes call a colour given one by one in ``[theme]``.

The shipped palettes name their own colours (:data:`scenes.theme.NAMES`); any other colour takes the nearest
(CIEDE2000) of a few basic colour words, each at the colour most people call by that word: the means of the
xkcd colour survey (Munroe 2010, about 222,500 people naming colours on their own screens; public domain).
"""

from __future__ import annotations

from functools import cache

from scenes.theme_check import ciede2000, cielab

BASIC = {  # https://xkcd.com/color/rgb/
    "white": "#ffffff", "black": "#000000", "grey": "#929591", "red": "#e50000", "orange": "#f97306",
    "yellow": "#ffff14", "green": "#15b01a", "blue": "#0343df", "purple": "#7e1e9c", "pink": "#ff81c0",
    "brown": "#653700", "magenta": "#c20078", "teal": "#029386", "olive": "#6e750e", "light blue": "#95d0fc",
}


@cache
def nearest(colour: str) -> str:
    """The basic colour word nearest ``colour`` (``#rrggbb``) by CIEDE2000."""
    seen = cielab(colour.lower())
    return min(BASIC, key=lambda word: ciede2000(seen, _lab(word)))


@cache
def _lab(word: str) -> tuple:
    return cielab(BASIC[word])
