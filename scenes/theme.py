"""The course theme (``[theme]`` in course.toml): a shipped palette or colours one by one, a font, a logo.

Manim-free and free of the project's other modules (:mod:`scenes.kit.palette` reads it at import, and
everything reads the palette). Problems are :class:`ThemeError` lines naming the file, ``[theme]`` and the
key; :mod:`scenes.course` turns them into its ConfigError. Whether the colours can be told apart and read
is checked in :mod:`scenes.theme_check`.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# The colours an instructor names in [theme], and the palette names each one sets.
KEYS = {"background": "BACKGROUND", "text": "FOREGROUND", "muted": "MUTED", "function": "FUNCTION",
        "derivative": "DERIVATIVE", "tangent": "TANGENT", "secant": "SECANT", "area": "POSITIVE_AREA",
        "accent": "ACCENT"}
# Palette names that follow another one (so a colour given one by one changes all its uses).
FOLLOWERS = {"CONVEX": "DERIVATIVE", "CONCAVE": "SECANT", "NEGATIVE_AREA": "SECANT", "LINK": "FUNCTION"}

# Colours a figure needs beyond the named roles, as dark draws them. Like the roles, they are read (WCAG) as text
# and held to the colour-blind check with the colours drawn beside them (scenes/theme_check.py FIGURES); each was
# searched for (scripts/palette_search.py) as the nearest colour to its old hue that passes with a margin (16).
_SERIES_ON_DARK = {
    "FAMILY": "#84909c",  # the members of F + C before one is picked out (Antiderivatives)
    # the rules of RiemannSums, each in its own colour on the error plot and in the table
    "RULE_LEFT": "#fcc018", "RULE_RIGHT": "#d88454", "RULE_MIDPOINT": "#e4849c", "RULE_TRAPEZOID": "#48a8fc", "RULE_SIMPSON": "#e4ffb4",
    # AsymptoticComparison's ladder of growth draws six curves: these four, the text's and the secant's colours
    "SERIES_1": "#ffcc60", "SERIES_2": "#d8609c", "SERIES_3": "#6cd8e4", "SERIES_4": "#54cc90",
}
# LIFT: what thin lines are mixed toward to stand out from the background; FIELD, FIELD_INK: the practice page's
# answer fields (MathLive draws its caret and menus for a white field).

# Dark's curve colours are the house blue, green, yellow, red and purple, each moved the least (summed CIEDE2000,
# searched over a grid of sRGB) that lets a deuteranope tell every pair drawn together apart by 16 or more: the
# green lighter and bluer, the red deeper, the purple bluer.
_DARK = {  # the house palette: light ink on near-black
    "BACKGROUND": "#111318", "FOREGROUND": "#ece6e2", "MUTED": "#8a8f98", "AXIS": "#6b7280",
    "FUNCTION": "#78d2e1", "DERIVATIVE": "#78d296", "TANGENT": "#ffd269", "SECANT": "#ff4b3c", "ACCENT": "#a587f0",
    "POSITIVE_AREA": "#78d296",
    "SURFACE_LOW": "#1d3a6e", "SURFACE_HIGH": "#c8f0ff", "SURFACE_EDGE": "#3c7fa8",
    "CARD": "#1a1d24", "PANEL": "#14161c", "RULE": "#2a2e37", "LABEL": "#c9ccd1",
    **_SERIES_ON_DARK, "LIFT": "#ffffff", "FIELD": "#ffffff", "FIELD_INK": "#111111",
}
# The curve colours of light and high-contrast were searched for (over a grid of sRGB, near each role's usual
# hue) to pass scenes/theme_check.py with a margin: as a deuteranope sees them, light's are told apart by
# lightness and by blue against yellow (a dark olive f', a plum accent), since red against green is lost.
_LIGHT = {  # for bright rooms and print: dark ink on off-white
    "BACKGROUND": "#fbfaf7", "FOREGROUND": "#1f2328", "MUTED": "#5c636e", "AXIS": "#8c929b",
    "FUNCTION": "#1e6ec8", "DERIVATIVE": "#2d4b00", "TANGENT": "#b4501e", "SECANT": "#c8147d", "ACCENT": "#3c1478",
    "POSITIVE_AREA": "#4d4d0f",
    "SURFACE_LOW": "#c8dcf0", "SURFACE_HIGH": "#0d3d66", "SURFACE_EDGE": "#356e9c",
    "CARD": "#f5f3ef", "PANEL": "#f6f5f1", "RULE": "#d8d5ce", "LABEL": "#33383f",
    # the same hues as dark's series, dark enough for 4.5:1 on the paper and the cards
    "FAMILY": "#606c78", "RULE_LEFT": "#603c00", "RULE_RIGHT": "#b4480c", "RULE_MIDPOINT": "#c03084",
    "RULE_TRAPEZOID": "#30546c", "RULE_SIMPSON": "#3c7854", "SERIES_1": "#a85418", "SERIES_2": "#2454e4", "SERIES_3": "#00546c", "SERIES_4": "#304800",
    "LIFT": "#000000", "FIELD": "#ffffff", "FIELD_INK": "#111111",
}
_HIGH_CONTRAST = {  # 7:1 for every text colour on pure black
    "BACKGROUND": "#000000", "FOREGROUND": "#ffffff", "MUTED": "#c8c8c8", "AXIS": "#a0a0a0",
    "FUNCTION": "#3ca5ff", "DERIVATIVE": "#96ffd2", "TANGENT": "#d2871e", "SECANT": "#e17887", "ACCENT": "#f087d2",
    "POSITIVE_AREA": "#87ff1e",
    "SURFACE_LOW": "#102a55", "SURFACE_HIGH": "#e8f8ff", "SURFACE_EDGE": "#66b8ff",
    "CARD": "#050505", "PANEL": "#030303", "RULE": "#5a5a5a", "LABEL": "#f0f0f0",  # near black: 7:1 on cards too
    "FAMILY": "#9ca89c", "RULE_LEFT": "#ffcc54", "RULE_RIGHT": "#cc9060", "RULE_MIDPOINT": "#f09cc0", "RULE_TRAPEZOID": "#90d8ff",
    "RULE_SIMPSON": "#c0e4b4", "SERIES_1": "#f09c48", "SERIES_2": "#e478e4", "SERIES_3": "#78ccc0", "SERIES_4": "#90ffb4",
    "LIFT": "#ffffff", "FIELD": "#ffffff", "FIELD_INK": "#111111",
}
PALETTES = {"dark": _DARK, "light": _LIGHT, "high-contrast": _HIGH_CONTRAST}

# What narration and notes call each role's colour, per palette (a colour given one by one is named by
# scenes/colour_names.py instead). Colours a figure draws together have different names.
_SERIES_NAMES = {"FAMILY": "grey", "RULE_LEFT": "yellow", "RULE_RIGHT": "orange", "RULE_MIDPOINT": "pink",
                 "RULE_TRAPEZOID": "light blue", "RULE_SIMPSON": "pale green", "SERIES_1": "yellow", "SERIES_2": "pink",
                 "SERIES_3": "light blue", "SERIES_4": "green"}
NAMES = {
    "dark": {"FOREGROUND": "white", "MUTED": "grey", "AXIS": "grey", "FUNCTION": "blue", "DERIVATIVE": "green",
             "TANGENT": "yellow", "SECANT": "red", "ACCENT": "purple", "POSITIVE_AREA": "green", **_SERIES_NAMES},
    "light": {"FOREGROUND": "black", "MUTED": "grey", "AXIS": "grey", "FUNCTION": "blue", "DERIVATIVE": "dark green",
              "TANGENT": "orange", "SECANT": "magenta", "ACCENT": "purple", "POSITIVE_AREA": "olive", **_SERIES_NAMES,
              "RULE_LEFT": "brown", "RULE_TRAPEZOID": "dark blue", "RULE_SIMPSON": "green", "SERIES_1": "brown", "SERIES_2": "blue", "SERIES_3": "teal",
              "SERIES_4": "dark green"},
    "high-contrast": {"FOREGROUND": "white", "MUTED": "grey", "AXIS": "grey", "FUNCTION": "blue", "DERIVATIVE": "mint",
                      "TANGENT": "orange", "SECANT": "coral", "ACCENT": "pink", "POSITIVE_AREA": "green", **_SERIES_NAMES,
                      "SERIES_1": "orange", "RULE_SIMPSON": "light green",
                      "SERIES_3": "teal", "SERIES_4": "mint"},
}

# Fonts LaTeX sets the clips' text and formulas in: packages of texlive-fonts-recommended (the set-up's).
FONTS = {
    "computer-modern": "",
    "palatino": r"\usepackage{mathpazo}",
    "times": r"\usepackage{mathptmx}",
    "helvetica": "\\usepackage[scaled=0.92]{helvet}\n\\renewcommand{\\familydefault}{\\sfdefault}",
}
LOGO_TYPES = (".svg", ".png")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


class ThemeError(ValueError):
    """One line naming the file, ``[theme]`` and the key."""


@dataclass(frozen=True)
class Theme:
    name: str  # the palette it starts from ("dark", "light", "high-contrast")
    colours: dict = field(default_factory=dict)  # every palette name -> "#rrggbb"
    font: str = "computer-modern"
    logo: Path | None = None
    custom: tuple = ()  # the keys given one by one
    names: dict = field(default_factory=dict)  # palette name -> its colour's spoken name, where the palette gives one

    @property
    def preamble(self) -> str:
        """What the TeX template adds for the font."""
        return FONTS[self.font]

    @property
    def is_light(self) -> bool:
        return relative_luminance(self.colours["BACKGROUND"]) > 0.5

    def digest(self) -> dict:
        """What a clip's pixels depend on (the Makefile's settings files hold it)."""
        logo = {"logo": hashlib.sha256(self.logo.read_bytes()).hexdigest()} if self.logo else {}
        return {"palette": self.name, "colours": self.colours, "font": self.font, **logo}


def default_theme() -> Theme:
    return resolve({}, Path("course.toml"))


def resolve(raw: object, path: Path) -> Theme:
    """The ``[theme]`` table ``raw`` of the course config at ``path``, checked key by key."""
    context = f"{path.name}: [theme]"
    if not isinstance(raw, dict):
        raise ThemeError(f"{context}: expected a table")
    unknown = sorted(set(raw) - {"palette", "font", "logo", *KEYS})
    if unknown:
        raise ThemeError(f"{context}: unknown key {unknown[0]!r} (the keys: palette, font, logo, {', '.join(KEYS)})")
    name = raw.get("palette", "dark")
    if not isinstance(name, str) or name not in PALETTES:
        raise ThemeError(f"{context}, key 'palette': expected one of {', '.join(map(repr, PALETTES))}, got {_shown(name)}")
    colours = dict(PALETTES[name])
    custom = tuple(key for key in KEYS if key in raw)
    for key in custom:
        value = raw[key]
        if not isinstance(value, str) or not _HEX.fullmatch(value):
            raise ThemeError(f"{context}, key {key!r}: expected a colour like \"#1a2b3c\", got {_shown(value)}")
        colours[KEYS[key]] = value.lower()
    for follower, leader in FOLLOWERS.items():
        colours[follower] = colours[leader]
    if {"background", "text"} & set(custom):  # the pages' cards and rules: steps from the background toward the text
        for name_, step in (("PANEL", 0.02), ("CARD", 0.05), ("RULE", 0.14), ("AXIS", 0.4), ("LABEL", 0.85)):
            colours[name_] = mix(colours["BACKGROUND"], colours["FOREGROUND"], step)
    names = {role: spoken for role, spoken in NAMES[name].items() if colours[role] == PALETTES[name][role]}
    names.update({follower: names[leader] for follower, leader in FOLLOWERS.items() if leader in names})
    font = raw.get("font", "computer-modern")
    if not isinstance(font, str) or font not in FONTS:
        raise ThemeError(f"{context}, key 'font': expected one of {', '.join(map(repr, FONTS))}, got {_shown(font)}")
    return Theme(name=name, colours=colours, font=font, logo=_logo(raw.get("logo"), path, context), custom=custom, names=names)


def _logo(value: object, path: Path, context: str) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or Path(value).suffix.lower() not in LOGO_TYPES:
        raise ThemeError(f"{context}, key 'logo': expected the path of an .svg or .png file, got {_shown(value)}")
    try:
        file = (path.parent / value).resolve()
        found = file.is_file()
    except (OSError, ValueError):  # a NUL in the path, a name too long
        raise ThemeError(f"{context}, key 'logo': not a usable path: {_shown(value)}") from None
    if not found:
        raise ThemeError(f"{context}, key 'logo': {file} not found (the path is relative to {path.name})")
    return file


def read(path: Path) -> Theme:
    """The theme of the course config at ``path`` (only its ``[theme]`` table is read)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        raise ThemeError(f"{path.name}: cannot read its [theme] ({type(error).__name__})") from None
    return resolve(data.get("theme", {}), path)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def mix(a: str, b: str, t: float) -> str:
    """``a`` moved the fraction ``t`` toward ``b`` (in sRGB)."""
    channels = [round(int(a[i:i + 2], 16) * (1 - t) + int(b[i:i + 2], 16) * t) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)


def _shown(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."
