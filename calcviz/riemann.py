"""Riemann sums and the trapezoid and Simpson rules, with the pieces a scene draws."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ._valued import NumberLike
from .functions import Function, as_function

__all__ = ["RULES", "RiemannSum", "riemann_sum"]

RULES = ("left", "right", "midpoint", "trapezoid", "simpson")
SIMPSON_SAMPLES = 17  # points per parabola in a Simpson shape


# -- Riemann sums ------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class RiemannSum(NumberLike):
    """A Riemann sum (or trapezoid/Simpson rule) with the pieces a scene draws.

    It behaves as the float ``value`` in arithmetic and comparisons
    (``riemann_sum(f, 0, 1, 8) - exact`` just works).

    Attributes
    ----------
    value : float
        The sum; equals ``sum(signed_areas)`` (also ``float(riemann)``).
    rule, n, a, b
        The rule, number of cells and interval.
    nodes : ndarray, shape (n + 1,)
        Cell edges ``a = x_0 < ... < x_n = b``.
    sample_x : ndarray
        Where heights are taken: left ends, right ends or midpoints (n values)
        for the rectangle rules, the nodes (n + 1 values) for trapezoid/Simpson.
    heights : ndarray
        ``f(sample_x)``.
    shapes : tuple of ndarray, each shape (k, 2)
        Closed polygon of each piece in graph coordinates, counter-clockwise
        when above the axis: rectangles from y = 0 to the height (below the axis
        for a negative height), trapezoids, and for Simpson one region per pair
        of cells under the interpolating parabola (sampled at SIMPSON_SAMPLES points).
    signed_areas : ndarray
        Signed area of each shape, from the same heights.
    """

    value: float
    rule: str
    n: int
    a: float
    b: float
    nodes: np.ndarray
    sample_x: np.ndarray
    heights: np.ndarray
    shapes: tuple
    signed_areas: np.ndarray

    def __float__(self) -> float:
        return self.value


def riemann_sum(f, a, b, n, rule: str = "left") -> RiemannSum:
    """Riemann sum of f over [a, b] with n equal cells.

    Parameters
    ----------
    f : Function or str
        Must be defined on all of [a, b].
    a, b : float
        Interval ends, a < b.
    n : int
        Number of cells, >= 1 (even for Simpson).
    rule : {"left", "right", "midpoint", "trapezoid", "simpson"}

    Examples
    --------
    >>> s = riemann_sum("x", 0, 1, 4)
    >>> s.value, s.heights
    (0.375, array([0.  , 0.25, 0.5 , 0.75]))
    >>> s.shapes[1]
    array([[0.25, 0.  ],
           [0.5 , 0.  ],
           [0.5 , 0.25],
           [0.25, 0.25]])
    >>> riemann_sum("x^3", 0, 2, 2, "simpson").value  # exact for cubics
    4.0
    >>> riemann_sum("x", 0, 1, 4) - 0.5  # the sum behaves as its value
    -0.125
    """
    f = as_function(f)
    rule = _checked_rule(rule)
    n = _checked_cells(n, rule)
    a, b = _checked_bounds(a, b)
    if not defined_on(f, a, b):
        raise ValueError(f"f = {f.text} is not defined on all of [a, b] = [{a:g}, {b:g}]")
    nodes = np.linspace(a, b, n + 1)
    sample_x = _sample_points(nodes, rule)
    heights = np.asarray(f(sample_x), dtype=float)
    if not np.all(np.isfinite(heights)):
        raise ValueError(f"f = {f.text} is not finite at some sample point of [{a:g}, {b:g}]")
    shapes, areas = _PIECES[rule](nodes, heights)
    for array in (nodes, sample_x, heights, areas, *shapes):
        array.setflags(write=False)
    return RiemannSum(
        value=float(np.sum(areas)),
        rule=rule,
        n=n,
        a=a,
        b=b,
        nodes=nodes,
        sample_x=sample_x,
        heights=heights,
        shapes=tuple(shapes),
        signed_areas=areas,
    )


@lru_cache(maxsize=256)
def defined_on(f: Function, lo: float, hi: float) -> bool:
    """Cached ``f.is_defined_on``: a scene asks for many sums over the same interval."""
    return f.is_defined_on(lo, hi)


def _sample_points(nodes: np.ndarray, rule: str) -> np.ndarray:
    if rule == "left":
        return nodes[:-1].copy()
    if rule == "right":
        return nodes[1:].copy()
    if rule == "midpoint":
        return 0.5 * (nodes[:-1] + nodes[1:])
    return nodes.copy()


def _rectangles(nodes: np.ndarray, heights: np.ndarray):
    shapes = [
        np.array([[x0, 0.0], [x1, 0.0], [x1, y], [x0, y]])
        for x0, x1, y in zip(nodes[:-1], nodes[1:], heights)
    ]
    return shapes, np.diff(nodes) * heights


def _trapezoids(nodes: np.ndarray, heights: np.ndarray):
    shapes = [
        np.array([[x0, 0.0], [x1, 0.0], [x1, y1], [x0, y0]])
        for x0, x1, y0, y1 in zip(nodes[:-1], nodes[1:], heights[:-1], heights[1:])
    ]
    return shapes, 0.5 * np.diff(nodes) * (heights[:-1] + heights[1:])


def _parabolas(nodes: np.ndarray, heights: np.ndarray):
    shapes, areas = [], []
    for i in range(0, len(nodes) - 1, 2):
        x0, x2 = nodes[i], nodes[i + 2]
        y0, y1, y2 = heights[i : i + 3]
        s = np.linspace(0.0, 1.0, SIMPSON_SAMPLES)[::-1]  # from x2 back to x0
        # Lagrange form on s in [0, 1] with nodes 0, 1/2, 1.
        curve = y0 * (2 * s - 1) * (s - 1) - 4 * y1 * s * (s - 1) + y2 * s * (2 * s - 1)
        outline = np.column_stack([x0 + s * (x2 - x0), curve])
        shapes.append(np.vstack([[[x0, 0.0], [x2, 0.0]], outline]))
        areas.append((x2 - x0) / 6.0 * (y0 + 4.0 * y1 + y2))
    return shapes, np.array(areas)


_PIECES = {
    "left": _rectangles,
    "right": _rectangles,
    "midpoint": _rectangles,
    "trapezoid": _trapezoids,
    "simpson": _parabolas,
}


def _checked_rule(rule) -> str:
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    return rule


def _checked_cells(n, rule: str) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if rule == "simpson" and n % 2:
        raise ValueError(f"n must be even for the simpson rule, got n = {n}")
    return int(n)


def _checked_bounds(a, b) -> tuple[float, float]:
    try:
        lo, hi = float(a), float(b)
    except (TypeError, ValueError):
        raise ValueError(f"a and b must be real numbers, got {a!r} and {b!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"a and b must be finite, got a = {a}, b = {b}")
    if not lo < hi:
        raise ValueError(f"need a < b, got a = {a}, b = {b}")
    return lo, hi
