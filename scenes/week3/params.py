"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

from calcviz import ExpressionError, Function, derivatives, rules
from scenes.params import (Floats, Interval, Names, ParamError, SceneParams, require_defined, require_differentiable, require_in,
                           require_positive, require_shrinking)


@dataclass(frozen=True, kw_only=True)
class SecantToTangentParams(SceneParams):
    function: Function
    interval: Interval
    point: float
    h_values: Floats = (1.5, 1.0, 0.5, 0.2, 0.05, 0.01)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        require_in("point", self.point, self.interval)
        require_differentiable(self.function, self.point)
        lo, hi = self.interval
        for h in self.h_values:
            if h == 0:
                raise ParamError("h_values", "h must not be 0")
            for x in (self.point + h, self.point - h):
                if not lo <= x <= hi:
                    raise ParamError("h_values", f"a ± h = {x:g} leaves the interval [{lo:g}, {hi:g}] (h = {h:g})")


@dataclass(frozen=True, kw_only=True)
class DerivativeAsFunctionParams(SceneParams):
    function: Function
    interval: Interval

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        derivative = self.function.derivative()
        if not derivative.is_defined_on(*self.interval):
            raise ParamError("function", f"{self.function.expr} is not differentiable on all of the interval")


@dataclass(frozen=True, kw_only=True)
class LinearApproximationParams(SceneParams):
    function: Function
    interval: Interval
    point: float
    estimate_at: float
    zoom_widths: Floats = (2.0, 0.5, 0.1)  # type: ignore[assignment]
    h_values: Floats = (1.0, 0.5, 0.1, 0.01)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        require_in("point", self.point, self.interval)
        require_in("estimate_at", self.estimate_at, self.interval)
        require_differentiable(self.function, self.point)
        require_positive("zoom_widths", self.zoom_widths)
        require_positive("h_values", self.h_values)
        if list(self.zoom_widths) != sorted(self.zoom_widths, reverse=True):
            raise ParamError("zoom_widths", "expected shrinking widths (each zoom closer than the last)")
        if abs(self.estimate_at - self.point) > self.zoom_widths[-1] / 2:
            raise ParamError("estimate_at", f"{self.estimate_at:g} is outside the closest zoom window "
                             f"(width {self.zoom_widths[-1]:g} around {self.point:g}), where the estimate is shown")
        for width in self.zoom_widths:
            lo, hi = self.interval
            if not (lo <= self.point - width / 2 and self.point + width / 2 <= hi):
                raise ParamError("zoom_widths", f"a window of width {width:g} around {self.point:g} leaves the interval [{lo:g}, {hi:g}]")


@dataclass(frozen=True, kw_only=True)
class ExtremaAndConvexityParams(SceneParams):
    function: Function
    interval: Interval

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        second = self.function.derivative(2)
        if not second.is_defined_on(*self.interval):
            raise ParamError("function", f"{self.function.expr} is not twice differentiable on all of the interval")
        if not derivatives.critical_points(self.function, *self.interval):
            raise ParamError("function", f"{self.function.expr} has no critical point in the interval: nothing to classify")


MAX_DRILL_STEPS = 8  # rows a derivation may take on the board (every rule is its own row since issue 25)
MAX_DRILL_TOTAL_STEPS = 20  # all derivations together (14 ran 112 s unvoiced; the drill's rework must keep it near two minutes)


@dataclass(frozen=True, kw_only=True)
class DifferentiationDrillParams(SceneParams):
    functions: Names  # three to five expressions in x, derived one after another
    interval: Interval  # where f' is plotted against the secant slopes
    h_values: Floats = (0.5, 0.1, 0.01)  # type: ignore[assignment]  # secant widths, shrinking, on the first function
    samples: int = 15  # secant slopes plotted per function

    def check(self) -> None:
        super().check()
        if not 3 <= len(self.functions) <= 5:
            raise ParamError("functions", f"expected 3 to 5 functions, got {len(self.functions)}")
        lo, hi = self.interval
        require_positive("h_values", self.h_values)
        require_shrinking("h_values", self.h_values)
        if max(self.h_values) > (hi - lo) / 4:
            raise ParamError("h_values", f"h = {max(self.h_values):g} is wider than a quarter of the interval [{lo:g}, {hi:g}]")
        if not 5 <= self.samples <= 40:
            raise ParamError("samples", f"{self.samples}: expected 5 to 40 secant slopes")
        total = 0
        for f in self.parsed_functions():
            total += self._check_function(f)
        if total > MAX_DRILL_TOTAL_STEPS:
            raise ParamError("functions", f"{total} steps in all; at most {MAX_DRILL_TOTAL_STEPS} fit in a two-minute clip (drop a function)")

    def parsed_functions(self) -> tuple[Function, ...]:
        """The functions, parsed by calcviz's allowlist parser."""
        parsed = []
        for text in self.functions:
            try:
                parsed.append(Function(text))
            except ExpressionError as error:
                raise ParamError("functions", f"{text!r}: {error}") from None
        return tuple(parsed)

    def _check_function(self, f: Function) -> int:
        """Check one function; return how many steps its derivation takes."""
        lo, hi = self.interval
        if not f.is_defined_on(lo, hi):
            raise ParamError("functions", f"{f.expr} is not defined on all of [{lo:g}, {hi:g}]")
        if not f.derivative().is_defined_on(lo, hi):
            raise ParamError("functions", f"{f.expr} is not differentiable on all of [{lo:g}, {hi:g}]")
        steps = rules.derivative_steps(f)
        if not steps:
            raise ParamError("functions", f"{f.expr} is constant: there is nothing to derive")
        if len(steps) > MAX_DRILL_STEPS:
            raise ParamError("functions", f"{f.expr} takes {len(steps)} steps; at most {MAX_DRILL_STEPS} fit on the board")
        return len(steps)
