"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calcviz import Function, integrals
from scenes.params import Integers, Interval, Names, ParamError, Point, SceneParams, Floats, require_defined, require_in, require_positive, require_shrinking


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
        if len(self.dx_values) < 3:
            raise ParamError("dx_values", f"expected at least 3 widths (the first strip, a thinner one, the last for the ratio), got {len(self.dx_values)}")
        if abs(float(self.function(self.point))) < 1e-9:
            raise ParamError("point", f"f({self.point:g}) = 0: the strip's rectangle there has no height to compare the strip with")
        if self.point + self.dx_values[0] > hi:
            raise ParamError("dx_values", f"the strip from {self.point:g} to {self.point + self.dx_values[0]:g} leaves the interval [{lo:g}, {hi:g}]")
        if integrals.accumulation(self.function, lo).expr.has(integrals.NumericIntegral):
            raise ParamError("function", f"sympy finds no antiderivative of {self.function.expr} in closed form, "
                             "and this scene shows one")
        if not self.function.expr.is_polynomial(self.function.symbol):
            raise ParamError("function", f"{self.function.expr} is not a polynomial; this scene finds A(x) "
                             "by the reverse power rule alone")


MAX_FAMILY = 9  # more shifted curves than this crowd the plot


@dataclass(frozen=True, kw_only=True)
class AntiderivativesParams(SceneParams):
    function: Function
    interval: Interval
    constants: Floats = (-2.0, -1.0, 0.0, 1.0, 2.0)  # type: ignore[assignment]  # the family F + C drawn
    initial_point: Point = (0.0, 1.0)  # the member through this point (x0, y0) is picked out
    no_elementary: Function  # a function without an elementary antiderivative

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        try:
            integrals.antiderivative(self.function)
        except integrals.NoElementaryAntiderivative as error:
            raise ParamError("function", f"{error}; this scene needs one in elementary functions") from None
        if not 2 <= len(self.constants) <= MAX_FAMILY or len(set(self.constants)) != len(self.constants):
            raise ParamError("constants", f"expected 2 to {MAX_FAMILY} different constants, got {list(self.constants)}")
        require_in("initial_point", self.initial_point[0], self.interval)
        try:
            integrals.antiderivative(self.no_elementary)
        except integrals.NoElementaryAntiderivative as error:
            if error.special is None:
                raise ParamError("no_elementary", f"{error}; pick one sympy writes with a special function (erf, Si, ...)") from None
        else:
            raise ParamError("no_elementary", f"{self.no_elementary.expr} has an elementary antiderivative; pick one without (exp(-x^2), sin(x)/x)")


@dataclass(frozen=True, kw_only=True)
class ImproperIntegralsParams(SceneParams):
    tail_function: Function  # converges on [start, inf)
    divergent_function: Function  # diverges on [start, inf)
    start: float = 1.0
    window_end: float = 10.0  # right end of the plot; the readouts go further
    far_bounds: Floats = (100.0, 1000.0, 10000.0)  # type: ignore[assignment]  # upper bounds shown past the plot
    singular_function: Function  # blows up at the left end of singular_interval
    singular_interval: Interval
    epsilons: Floats = (0.5, 0.1, 0.01, 0.0001)  # type: ignore[assignment]  # cut-offs near the singular end

    def check(self) -> None:
        super().check()
        if not self.window_end > self.start:
            raise ParamError("window_end", f"expected more than start = {self.start:g}, got {self.window_end:g}")
        require_positive("far_bounds", self.far_bounds)
        for earlier, later in zip((self.window_end, *self.far_bounds), self.far_bounds):
            if not later > earlier:
                raise ParamError("far_bounds", f"expected growing bounds past window_end = {self.window_end:g}, got {later:g} after {earlier:g}")
        for key in ("tail_function", "divergent_function"):
            f = getattr(self, key)
            require_defined(f, (self.start, self.far_bounds[-1]))
            if integrals.accumulation(f, self.start).expr.has(integrals.NumericIntegral):
                raise ParamError(key, f"sympy finds no antiderivative of {f.expr} in closed form, and this scene shows one")
        if not math.isfinite(integrals.improper_integral(self.tail_function, self.start)):
            raise ParamError("tail_function", f"the integral of {self.tail_function.expr} from {self.start:g} to infinity diverges; pick one that converges")
        if integrals.improper_integral(self.divergent_function, self.start) != math.inf:
            raise ParamError("divergent_function", f"the integral of {self.divergent_function.expr} from {self.start:g} to infinity does not diverge to infinity")
        lo, hi = self.singular_interval
        f = self.singular_function
        if f.is_defined_at(lo) or not f.is_defined_on(lo + 1e-9, hi):
            raise ParamError("singular_function", f"{f.expr} must be undefined at x = {lo:g} and defined on the rest of [{lo:g}, {hi:g}]")
        if not math.isfinite(integrals.improper_integral(f, lo, hi)):
            raise ParamError("singular_function", f"the integral of {f.expr} over [{lo:g}, {hi:g}] diverges; pick one that converges")
        require_positive("epsilons", self.epsilons)
        require_shrinking("epsilons", self.epsilons)
        if self.epsilons[0] >= hi - lo:
            raise ParamError("epsilons", f"the first cut-off {self.epsilons[0]:g} must be shorter than the interval [{lo:g}, {hi:g}]")


@dataclass(frozen=True, kw_only=True)
class NumericalIntegrationParams(SceneParams):
    function: Function
    interval: Interval
    n_values: Integers = (2, 4, 8, 16, 32, 64)  # type: ignore[assignment]  # even (Simpson), doubling

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        if len(self.n_values) < 3:
            raise ParamError("n_values", f"expected at least three numbers of pieces to fit a slope, got {list(self.n_values)}")
        for n in self.n_values:
            if not 2 <= n <= MAX_PIECES or n % 2:
                raise ParamError("n_values", f"expected even numbers of pieces from 2 to {MAX_PIECES} (Simpson pairs them), got {n}")
        for earlier, later in zip(self.n_values, self.n_values[1:]):
            if later != 2 * earlier:
                raise ParamError("n_values", f"expected n doubling each time, got {later} after {earlier}")
        errors = integrals.integration_errors(self.function, *self.interval, self.n_values, ("trapezoid", "simpson"))
        if not all(math.isfinite(order) for order in errors.orders.values()):
            raise ParamError("function", f"a rule is exact for {self.function.expr} (Simpson is for cubics): no error to plot; pick a function that is not a low-degree polynomial")
