"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

from calcviz import Function, integrals
from scenes.params import Integers, Interval, Names, ParamError, SceneParams, Floats, require_defined, require_in, require_positive, require_shrinking


RIEMANN_RULES = ("left", "right", "midpoint", "trapezoid", "simpson")
MAX_PIECES = 256  # more would be invisible and slow to draw


@dataclass(frozen=True, kw_only=True)
class RiemannSumsParams(SceneParams):
    function: Function
    interval: Interval
    rules: Names = ("left", "right", "midpoint")  # type: ignore[assignment]
    n_values: Integers = (2, 4, 8, 16, 32, 64)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        for rule in self.rules:
            if rule not in RIEMANN_RULES:
                raise ParamError("rules", f"unknown rule {rule!r} (allowed: {', '.join(RIEMANN_RULES)})")
        if len(set(self.rules)) != len(self.rules):
            raise ParamError("rules", "a rule is listed twice")
        for n in self.n_values:
            if not 1 <= n <= MAX_PIECES:
                raise ParamError("n_values", f"expected whole numbers of pieces from 1 to {MAX_PIECES}, got {n}")
        for earlier, later in zip(self.n_values, self.n_values[1:]):
            if not later > earlier:
                raise ParamError("n_values", f"expected growing n (each more pieces than the last), got {later} after {earlier}")
        odd = [n for n in self.n_values if n % 2]
        if "simpson" in self.rules and odd:
            raise ParamError("n_values", f"Simpson's rule needs an even number of pieces, got {odd[0]}")


@dataclass(frozen=True, kw_only=True)
class AreaAccumulationParams(SceneParams):
    function: Function
    interval: Interval  # A(x) accumulates from the interval's left end
    point: float  # where the strip of width dx is shown
    dx_values: Floats = (0.5, 0.2, 0.05)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        lo, hi = self.interval
        require_defined(self.function, self.interval)
        require_in("point", self.point, self.interval)
        require_positive("dx_values", self.dx_values)
        require_shrinking("dx_values", self.dx_values)
        if self.point + self.dx_values[0] > hi:
            raise ParamError("dx_values", f"the strip from {self.point:g} to {self.point + self.dx_values[0]:g} leaves the interval [{lo:g}, {hi:g}]")
        if integrals.accumulation(self.function, lo).expr.has(integrals.NumericIntegral):
            raise ParamError("function", f"sympy finds no antiderivative of {self.function.expr} in closed form, "
                             "and this scene shows one")
