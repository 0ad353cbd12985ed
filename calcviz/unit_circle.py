"""The unit-circle areas behind sin x < x < tan x (0 < x < pi/2), as the squeeze for sin(x)/x shows them.

On the unit circle, with O the centre, A = (1, 0), P = (cos x, sin x) and T = (1, tan x):
the triangle OAP lies inside the sector OAP, which lies inside the triangle OAT, so their areas,
sin(x)/2 < x/2 < tan(x)/2, are in that order, and doubling them gives sin x < x < tan x.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["NestedAreas", "nested_areas"]


@dataclass(frozen=True)
class NestedAreas:
    """The three nested regions at angle x: their corners, their areas, and the lengths the areas give."""

    x: float
    small_triangle: tuple[tuple[float, float], ...]  # O, A, P
    big_triangle: tuple[tuple[float, float], ...]  # O, A, T
    small_area: float  # (1/2) * base 1 * height sin x
    sector_area: float  # (1/2) * radius^2 * angle = x / 2
    big_area: float  # (1/2) * base 1 * height tan x
    steps: tuple[str, ...]  # the working, line by line, in LaTeX

    @property
    def ordered(self) -> bool:
        """Each region inside the next: the areas strictly increase."""
        return self.small_area < self.sector_area < self.big_area


def nested_areas(x: float) -> NestedAreas:
    """The triangle OAP, the sector OAP and the triangle OAT at angle ``x`` in (0, pi/2), and why sin x < x < tan x.

    >>> areas = nested_areas(math.pi / 4)
    >>> round(areas.small_area, 4), round(areas.sector_area, 4), round(areas.big_area, 4), areas.ordered
    (0.3536, 0.3927, 0.5, True)
    """
    if not 0 < x < math.pi / 2:
        raise ValueError(f"the angle must lie strictly between 0 and pi/2, got {x!r}")
    sin, cos, tan = math.sin(x), math.cos(x), math.tan(x)
    steps = (
        r"\text{small triangle: } \tfrac{1}{2} \cdot 1 \cdot \sin x",  # half base times height
        r"\text{sector: } \tfrac{1}{2} \cdot 1^2 \cdot x",  # half radius squared times angle
        r"\text{big triangle: } \tfrac{1}{2} \cdot 1 \cdot \tan x",
        r"\frac{\sin x}{2} < \frac{x}{2} < \frac{\tan x}{2}",
        r"\sin x < x < \tan x",
    )
    return NestedAreas(x, ((0.0, 0.0), (1.0, 0.0), (cos, sin)), ((0.0, 0.0), (1.0, 0.0), (1.0, tan)),
                       sin / 2, x / 2, tan / 2, steps)
