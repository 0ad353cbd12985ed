"""Is a theme readable, and can a red-green colour-blind viewer tell its curves apart? Checked before rendering.

- Text: the WCAG 2.x contrast ratio of every colour text is set in (the text, muted text, and the curve
  colours, which colour formulas and labels) against the background and the pages' cards and panels: at
  least 4.5:1, 7:1 for high-contrast.
- Curves: each pair of curve colours that a figure of the course draws together, both seen through a
  deuteranopia simulation (colorspacious's CVD model at severity 100), must differ by a CIEDE2000 of at least 15.

Every palette, the shipped ones and an instructor's, is held to both.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from scenes.theme import KEYS, Theme, ThemeError, relative_luminance

MIN_CONTRAST = 4.5
MIN_CONTRAST_HIGH = 7.0
MIN_DIFFERENCE = 15.0  # CIEDE2000 after the deuteranopia simulation
TEXT_COLOURS = {"text": "every scene's text", "muted": "labels and notes", "function": "formulas of f",
                "derivative": "formulas of f'", "tangent": "tangent labels", "secant": "secant labels",
                "area": "area readouts", "accent": "highlighted values"}
# Palette colours beyond the instructor's keys that some figure sets text in (its labels, its table).
SERIES_TEXT = {"FAMILY": "F + C (Antiderivatives)", "RULE_LEFT": "the left rule (RiemannSums)",
               "RULE_RIGHT": "the right rule (RiemannSums)", "RULE_MIDPOINT": "the midpoint rule (RiemannSums)",
               "RULE_TRAPEZOID": "the trapezoid rule (RiemannSums)", "RULE_SIMPSON": "Simpson's rule (RiemannSums)",
               "SERIES_1": "a rung of the ladder (AsymptoticComparison)", "SERIES_2": "a rung of the ladder (AsymptoticComparison)",
               "SERIES_3": "a rung of the ladder (AsymptoticComparison)",
               "SERIES_4": "a rung of the ladder (AsymptoticComparison)"}
# Which curve colours the course draws together (palette names), by a figure (and a scene) that does. Convex and
# concave parts take the derivative's and the secant's colours, a negative area the secant's.
FIGURES = {
    "f with its secant and tangent (SecantToTangent)": ("FUNCTION", "SECANT", "TANGENT", "ACCENT"),
    "f beside f' (DerivativeAsFunction)": ("FUNCTION", "DERIVATIVE", "TANGENT", "ACCENT"),
    "convex and concave parts (ExtremaAndConvexity)": ("FUNCTION", "DERIVATIVE", "SECANT", "TANGENT", "ACCENT"),
    "positive and negative area (RiemannSums)": ("FUNCTION", "POSITIVE_AREA", "SECANT", "TANGENT", "ACCENT"),
    # each rule's pieces carry their sample points in the text's colour
    "the rules and their samples (RiemannSums)": ("FUNCTION", "FOREGROUND", "RULE_LEFT", "RULE_RIGHT", "RULE_MIDPOINT", "RULE_TRAPEZOID", "RULE_SIMPSON"),
    "a ladder of growth (AsymptoticComparison)": ("SERIES_4", "SERIES_1", "FOREGROUND", "SECANT", "SERIES_2", "SERIES_3"),
    "F + C (Antiderivatives)": ("FUNCTION", "FAMILY", "ACCENT"),
    "the paths to the loss (ChainRuleNetwork's panel)": ("FUNCTION", "ACCENT", "TANGENT", "DERIVATIVE", "SECANT"),
}
_KEY_OF = {role: key for key, role in KEYS.items()}  # a pair is named by the instructor's key where it has one
_DEUTERANOPIA = {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100}


@dataclass(frozen=True)
class Figure:
    """One measured figure of a theme (for the report and for the check)."""

    what: str  # e.g. "text on background" or "function / accent"
    value: float
    minimum: float
    where: str

    @property
    def passes(self) -> bool:
        return self.value >= self.minimum


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrasts(theme: Theme) -> list[Figure]:
    """Each text colour on the clips' background, and on the pages' cards and panels."""
    minimum = MIN_CONTRAST_HIGH if theme.name == "high-contrast" else MIN_CONTRAST
    surfaces = [("background", "BACKGROUND", ""), ("the pages' cards", "CARD", " on the pages"),
                ("the pages' panels", "PANEL", " on the pages")]
    texts = [(key, KEYS[key], where) for key, where in TEXT_COLOURS.items()]
    texts += [(role.lower(), role, where) for role, where in SERIES_TEXT.items()]
    return [Figure(f"{key} {theme.colours[role]} on {surface} {theme.colours[name]}",
                   contrast_ratio(theme.colours[role], theme.colours[name]), minimum, where + pages)
            for surface, name, pages in surfaces for key, role, where in texts]


def seen_by_deuteranope(colour: str):
    """``#rrggbb`` as a deuteranope sees it, in CIELAB (D65)."""
    import numpy as np
    from colorspacious import cspace_convert  # here: only a check needs it

    rgb = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    simulated = np.clip(cspace_convert(rgb, _DEUTERANOPIA, "sRGB1"), 0, 1)
    return _lab(simulated)


def cielab(colour: str):
    """``#rrggbb`` in CIELAB (D65), as most eyes see it."""
    return _lab([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])


def _lab(rgb) -> tuple:
    from colorspacious import cspace_convert

    return tuple(float(v) for v in cspace_convert(rgb, "sRGB1", "CIELab"))


def differences(theme: Theme) -> list[Figure]:
    """Each pair of curve colours drawn together, once, with the first figure that draws it."""
    seen: dict[frozenset, Figure] = {}
    for figure, roles in FIGURES.items():
        for a, b in itertools.combinations(roles, 2):
            if frozenset((a, b)) not in seen:
                ca, cb = theme.colours[a], theme.colours[b]
                value = ciede2000(seen_by_deuteranope(ca), seen_by_deuteranope(cb))
                seen[frozenset((a, b))] = Figure(f"{_named(a)} {ca} / {_named(b)} {cb}", value, MIN_DIFFERENCE, figure)
    return list(seen.values())


def _named(role: str) -> str:
    return _KEY_OF.get(role, role.lower())


def check(theme: Theme, source: str = "course.toml") -> None:
    """Raise a ThemeError naming the first pair that fails, and the figure it appears in."""
    for figure in contrasts(theme):
        if not figure.passes:
            raise ThemeError(f"{source}: [theme]: {figure.what}: contrast {figure.value:.2f}:1, below "
                             f"{figure.minimum:g}:1 (WCAG), in {figure.where}")
    for figure in differences(theme):
        if not figure.passes:
            raise ThemeError(f"{source}: [theme]: {figure.what} look alike to a red-green colour-blind viewer "
                             f"(CIEDE2000 {figure.value:.1f} after a deuteranopia simulation, below {figure.minimum:g}) "
                             f"in {figure.where}")


def ciede2000(lab1: tuple, lab2: tuple) -> float:
    """The CIEDE2000 colour difference (kL = kC = kH = 1), as Sharma, Wu and Dalal (2005) state the formula."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    dh = h2 - h1 if c1 * c2 else 0.0
    if dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    d_hue = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    rotation = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    r_t = -math.sin(math.radians(2 * rotation)) * r_c
    dl, dc, dhh = (l2 - l1) / s_l, (c2 - c1) / s_c, d_hue / s_h
    return math.sqrt(dl ** 2 + dc ** 2 + dhh ** 2 + r_t * dc * dhh)
