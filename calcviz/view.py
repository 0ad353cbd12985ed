"""Choosing what part of the plane a scene shows: nice axis ranges and tick steps."""

from __future__ import annotations

import math

import numpy as np


def nice_step(span: float, target_ticks: int = 6) -> float:
    """A tick step of the form 1, 2 or 5 times a power of ten giving about ``target_ticks`` ticks.

    >>> nice_step(10)
    2.0
    >>> nice_step(0.37)
    0.1
    """
    if not span > 0:
        raise ValueError(f"span must be positive, got {span}")
    raw = span / target_ticks
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return float(round(factor * power, 12))
    raise AssertionError("unreachable")


def nice_range(lo: float, hi: float, target_ticks: int = 6) -> tuple[float, float, float]:
    """Widen [lo, hi] outwards to whole tick steps: ``(lo', hi', step)``.

    >>> nice_range(-0.3, 2.71)
    (-1.0, 3.0, 1.0)
    """
    if not hi > lo:
        raise ValueError(f"expected lo < hi, got [{lo}, {hi}]")
    step = nice_step(hi - lo, target_ticks)
    return (float(round(math.floor(lo / step) * step, 12)), float(round(math.ceil(hi / step) * step, 12)), step)


def value_window(values: np.ndarray, margin: float = 0.1, target_ticks: int = 6) -> tuple[float, float, float]:
    """A nice range covering the finite ``values`` with ``margin`` (a fraction of their spread) on each side.

    >>> value_window(np.array([-2/3, 0.0, 2.708]))
    (-2.0, 4.0, 1.0)
    """
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        raise ValueError("no finite values to frame")
    lo, hi = float(finite.min()), float(finite.max())
    pad = margin * (hi - lo) if hi > lo else 1.0
    return nice_range(lo - pad, hi + pad, target_ticks)


def centered_window(center: float, span: float, target_ticks: int = 6) -> tuple[float, float, float]:
    """Exactly ``[center - span/2, center + span/2]`` (a true zoom keeps the span it says), with a tick step
    that lands on both ends: a nice step when the ends are multiples of it, else ``span / 2`` (ends and centre).

    >>> centered_window(4, 4), centered_window(4, 1), centered_window(4, 0.25)
    ((2.0, 6.0, 1.0), (3.5, 4.5, 0.5), (3.875, 4.125, 0.125))
    """
    if not span > 0:
        raise ValueError(f"span must be positive, got {span}")
    lo, hi = float(center) - span / 2, float(center) + span / 2
    step = nice_step(span, target_ticks)
    on_grid = all(abs(end / step - round(end / step)) < 1e-9 for end in (lo, hi))
    return (round(lo, 12), round(hi, 12), step if on_grid else span / 2)
