"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

import math

from calcviz import Function, limits
from scenes.params import Floats, Interval, ParamError, SceneParams, require_defined_except, require_in, require_positive, require_shrinking


@dataclass(frozen=True, kw_only=True)
class EpsilonDeltaParams(SceneParams):
    function: Function  # has a finite limit at point (f itself may be undefined there)
    interval: Interval
    point: float
    epsilons: Floats = (0.3, 0.15, 0.08, 0.04, 0.02)  # type: ignore[assignment]
    jump_function: Function  # jumps at jump_point: no delta works
    jump_interval: Interval
    jump_point: float
    jump_epsilon: float = 0.5
    jump_deltas: Floats = (1.0, 0.4, 0.1)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        f, a = self.function, self.point
        require_in("point", a, self.interval)
        require_defined_except("interval", f, self.interval, a)
        require_positive("epsilons", self.epsilons)
        require_shrinking("epsilons", self.epsilons)
        limit = limits.limit(f, a)
        if not math.isfinite(limit):
            raise ParamError("function", f"{f.expr} has no finite limit at x = {a:g}: there is no L for the band")
        for epsilon in self.epsilons:
            self._check_window("epsilons", f"for epsilon = {epsilon:g}", limits.delta_for_epsilon(f, a, epsilon, limit=limit),
                               a, self.interval)
        self._check_jump()

    def _check_jump(self) -> None:
        f, a = self.jump_function, self.jump_point
        require_in("jump_point", a, self.jump_interval)
        require_defined_except("jump_interval", f, self.jump_interval, a)
        sides = limits.jump_at(f, a)
        if sides is None:
            raise ParamError("jump_function", f"{f.expr} does not jump at x = {a:g} (no two different finite one-sided limits)")
        require_positive("jump_epsilon", self.jump_epsilon)
        half_jump = abs(sides[1] - sides[0]) / 2
        if not self.jump_epsilon < half_jump:
            raise ParamError("jump_epsilon", f"{self.jump_epsilon:g} is not smaller than half the jump ({half_jump:g}): "
                             "a band that wide holds both sides, so some L would work")
        require_positive("jump_deltas", self.jump_deltas)
        require_shrinking("jump_deltas", self.jump_deltas)
        self._check_window("jump_deltas", "the first delta", self.jump_deltas[0], a, self.jump_interval)

    @staticmethod
    def _check_window(key: str, which: str, delta: float, a: float, interval: tuple[float, float]) -> None:
        lo, hi = interval
        if not (lo <= a - delta and a + delta <= hi):
            raise ParamError(key, f"{which} the delta-window {a:g} ± {delta:.3g} does not fit in the interval [{lo:g}, {hi:g}]: "
                             "use smaller values or a wider interval")
