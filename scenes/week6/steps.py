"""Pieces shared by week 6's 2D scenes: a clock that plays a descent run step by step, and contour levels."""

from __future__ import annotations

import numpy as np
from manim import ValueTracker


class StepClock:
    """A tracker counting steps of a run of iterates ``points`` (k + 1, 2); fractions move between iterates."""

    def __init__(self, points: np.ndarray) -> None:
        self.points = np.asarray(points, float)
        self.tracker = ValueTracker(0.0)
        self.end = float(len(self.points) - 1)

    def step(self) -> int:
        """The last iterate reached."""
        return int(min(np.floor(self.tracker.get_value() + 1e-9), len(self.points) - 1))

    def position(self) -> np.ndarray:
        s = self.tracker.get_value()
        if len(self.points) == 1:
            return self.points[0]
        k = min(int(np.floor(s)), len(self.points) - 2)
        return self.points[k] + (s - k) * (self.points[k + 1] - self.points[k])

    def visited(self) -> np.ndarray:
        """The iterates passed, and where the run is now."""
        return np.vstack([self.points[: self.step() + 1], self.position()])

    def loss_curve(self, steps: np.ndarray, values: np.ndarray) -> np.ndarray:
        """The (step, value) polyline up to now, its end interpolated."""
        s = self.tracker.get_value()
        k = self.step()
        tip = np.interp(s, steps, values)
        return np.vstack([np.column_stack([steps[: k + 1], values[: k + 1]]), [s, tip]])


def level_values(lowest: float, highest: float, count: int) -> np.ndarray:
    """``count`` contour levels above ``lowest`` up to ``highest``, packed towards the bottom (a bowl's
    level curves are evenly spaced in distance when their heights grow like a square)."""
    return lowest + (highest - lowest) * np.linspace(0, 1, count + 1)[1:] ** 2


