"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import sympy

from calcviz import Function, asymptotics, limits
from scenes.params import (
    Field,
    Floats,
    Interval,
    Names,
    ParamError,
    Point,
    Points,
    SceneParams,
    SurfaceParams,
    require_defined_except,
    require_field_defined_except,
    require_in,
    require_inside,
    require_positive,
    require_shrinking,
)


@dataclass(frozen=True, kw_only=True)
class EpsilonDeltaParams(SceneParams):
    function: Function  # has a finite limit at point (f itself may be undefined there)
    interval: Interval
    point: float
    epsilons: Floats = (0.3, 0.15, 0.05)  # type: ignore[assignment]
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
        limit = _limit("function", lambda: limits.limit(f, a))
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


def _limit(key: str, find) -> float:
    """The limit ``find()`` returns, or a ParamError naming ``key`` with calcviz's reason when there is none."""
    try:
        return find()
    except limits.NoLimitError as error:
        raise ParamError(key, str(error)) from None


def _sequences(key: str, texts: tuple[str, ...], point: float, interval: tuple[float, float], terms: int) -> tuple[Function, ...]:
    """The sequence terms as Functions of n, each tending to point with its first terms inside the interval."""
    parsed = []
    for text in texts:
        try:
            term = Function(text, variable="n")
        except ValueError as error:
            raise ParamError(key, f"{text!r}: {error}") from None
        target = _limit(key, lambda: limits.limit(term, math.inf))
        if not (math.isfinite(target) and math.isclose(target, point, abs_tol=1e-9)):
            raise ParamError(key, f"{text!r} tends to {target:g} as n grows, not to the point {point:g}")
        values = term(np.arange(1, terms + 1, dtype=float)) * np.ones(terms)
        lo, hi = interval
        if not np.all(np.isfinite(values) & (values > lo) & (values < hi) & (values != point)):
            raise ParamError(key, f"the first {terms} terms of {text!r} must lie in ({lo:g}, {hi:g}) and never equal {point:g}")
        parsed.append(term)
    return tuple(parsed)


@dataclass(frozen=True, kw_only=True)
class LimitsViaSequencesParams(SceneParams):
    function: Function  # has a finite limit at point
    interval: Interval
    point: float
    sequences: Names = ("2 + 1/n", "2 - 1/n")  # type: ignore[assignment]  # terms in n, each tending to point
    terms: int = 8  # dots drawn per sequence
    oscillating_function: Function  # has no limit at oscillating_point
    oscillating_interval: Interval
    oscillating_point: float
    oscillating_sequences: Names = ("1/(pi*n)", "1/(2*pi*n + pi/2)")  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        if not 3 <= self.terms <= 20:
            raise ParamError("terms", f"expected 3 to 20 dots per sequence, got {self.terms}")
        require_in("point", self.point, self.interval)
        require_defined_except("interval", self.function, self.interval, self.point)
        limit = _limit("function", lambda: limits.limit(self.function, self.point))
        if not math.isfinite(limit):
            raise ParamError("function", f"{self.function.expr} has no finite limit at x = {self.point:g}")
        for term in _sequences("sequences", self.sequences, self.point, self.interval, self.terms):
            along = _limit("sequences", lambda: limits.limit_along_sequence(self.function, term))
            if not math.isclose(along, limit, abs_tol=1e-9):
                raise ParamError("sequences", f"f along {term.expr} tends to {along:g}, not to the limit {limit:g}")
        self._check_oscillating()

    def _check_oscillating(self) -> None:
        f, a = self.oscillating_function, self.oscillating_point
        require_in("oscillating_point", a, self.oscillating_interval)
        require_defined_except("oscillating_interval", f, self.oscillating_interval, a)
        if len(self.oscillating_sequences) != 2:
            raise ParamError("oscillating_sequences", f"expected two sequences, got {len(self.oscillating_sequences)}")
        terms = _sequences("oscillating_sequences", self.oscillating_sequences, a, self.oscillating_interval, self.terms)
        values = [_limit("oscillating_sequences", lambda: limits.limit_along_sequence(f, term)) for term in terms]
        if not all(math.isfinite(v) for v in values) or math.isclose(*values, abs_tol=1e-9):
            raise ParamError("oscillating_sequences", f"f along the two sequences must tend to two different finite values, got {values[0]:g} and {values[1]:g}")


@dataclass(frozen=True, kw_only=True)
class AsymptoticComparisonParams(SceneParams):
    little_f: Function  # little_f = o(little_g) as x -> little_at
    little_g: Function
    little_at: float
    little_interval: Interval
    big_f: Function  # big_f = O(big_g) but not o(big_g) as x -> infinity
    big_g: Function
    big_interval: Interval
    ladder: Names = ("log(x)", "sqrt(x)", "x", "x^2", "exp(x)")  # type: ignore[assignment]  # each o of the next at infinity
    ladder_interval: Interval
    ladder_height: float = 10.0  # the ladder's y-axis stops here (e^x would dwarf the rest)

    def check(self) -> None:
        super().check()
        f, g, at = self.little_f, self.little_g, self.little_at
        require_in("little_at", at, self.little_interval)
        require_defined_except("little_interval", asymptotics.ratio(f, g), self.little_interval, at)
        if not asymptotics.is_little_o(f, g, at):
            raise ParamError("little_f", f"{f.expr} is not o({g.expr}) as x -> {at:g}: the ratio does not tend to 0")
        f, g = self.big_f, self.big_g
        self._check_big_interval(asymptotics.ratio(f, g))
        if not asymptotics.is_big_o(f, g, math.inf):
            raise ParamError("big_f", f"{f.expr} is not O({g.expr}) as x -> infinity: the ratio is unbounded")
        if asymptotics.is_little_o(f, g, math.inf):
            raise ParamError("big_f", f"{f.expr} is even o({g.expr}) as x -> infinity: pick a pair that is O but not o")
        self._check_ladder()

    def _check_big_interval(self, quotient: Function) -> None:
        """f/g is defined on the interval, except perhaps at its left end (x = 0 in x sin(x) / x)."""
        lo, hi = self.big_interval
        inside = [s for s in quotient.singularities(lo, hi) if not math.isclose(s, lo, abs_tol=1e-9)]
        if inside or not quotient.is_defined_at((lo + hi) / 2):
            raise ParamError("big_interval", f"the ratio {quotient.expr} must be defined on ({lo:g}, {hi:g}]")

    def _check_ladder(self) -> None:
        if len(self.ladder) < 3 or len(self.ladder) > 6:
            raise ParamError("ladder", f"expected 3 to 6 functions, got {len(self.ladder)}")
        rungs = []
        for text in self.ladder:
            try:
                rungs.append(Function(text))
            except ValueError as error:
                raise ParamError("ladder", f"{text!r}: {error}") from None
        for lower, upper in zip(rungs, rungs[1:]):
            if not asymptotics.is_little_o(lower, upper, math.inf):
                raise ParamError("ladder", f"{lower.expr} is not o({upper.expr}) as x -> infinity: order the ladder from slowest to fastest")
        lo, hi = self.ladder_interval
        for rung in rungs:
            if not rung.is_defined_on(lo, hi):
                raise ParamError("ladder_interval", f"{rung.expr} is not defined on all of [{lo:g}, {hi:g}]")
        require_positive("ladder_height", self.ladder_height)


@dataclass(frozen=True, kw_only=True)
class FamousLimitsParams(SceneParams):
    angles: Floats = (0.9, 0.6, 0.3, 0.1)  # type: ignore[assignment]  # radians the unit-circle squeeze shrinks through

    def check(self) -> None:
        super().check()
        require_positive("angles", self.angles)
        require_shrinking("angles", self.angles)
        if self.angles[0] > 1.0:
            raise ParamError("angles", f"{self.angles[0]:g} is too wide: tan x leaves the picture above 1 radian")


@dataclass(frozen=True, kw_only=True)
class FunctionsOfTwoVariablesParams(SurfaceParams):
    tour: Points  # the corners of the walk the moving point takes over all three pictures
    levels: int = 9  # level curves on the map (and lifted onto the surface)

    def check(self) -> None:
        super().check()
        if len(self.tour) < 2:
            raise ParamError("tour", "expected at least two points [[x, y], ...] for the point to walk between")
        for corner in self.tour:
            require_inside("tour", corner, self.x_range, self.y_range)
        if not 3 <= self.levels <= 16:
            raise ParamError("levels", f"{self.levels}: expected 3 to 16 level curves")


@dataclass(frozen=True, kw_only=True)
class LimitsAlongPathsParams(SurfaceParams):
    """``function`` disagrees along two lines into ``point``; ``curve_function`` agrees along every line
    but not along a curve.  Both are undefined at ``point`` (that is the point of the scene)."""

    curve_function: Field
    point: Point = (0.0, 0.0)  # type: ignore[assignment]

    def check_defined(self) -> None:
        for key in ("function", "curve_function"):
            require_field_defined_except(key, getattr(self, key), self.x_range, self.y_range, self.point)

    def check(self) -> None:
        super().check()
        line_count = len(self.lines())
        _, second = self.disagreement("function").paths
        if self.path_index(second) >= line_count:
            raise ParamError("function", f"{self.function.expr} agrees along every line into {self._where()}: "
                                         "expected two lines that disagree (curve_function shows a curve)")
        limits_on_lines = {round(_limit("curve_function", lambda: self.path_limit("curve_function", path)), 9)
                           for path in self.lines()}
        if len(limits_on_lines) != 1 or not all(math.isfinite(v) for v in limits_on_lines):
            raise ParamError("curve_function", f"{self.curve_function.expr} already disagrees along lines into "
                                               f"{self._where()}: expected the same limit along every line")
        self.disagreement("curve_function")

    # -- what the scene shows, from calcviz
    def paths(self) -> tuple[limits.Path, ...]:
        """The lines and curves calcviz compares, into ``point``."""
        return limits.approach_paths(self.point, self.function.variables)

    def lines(self) -> tuple[limits.Path, ...]:
        return tuple(path for path in self.paths() if path_degree(path) == 1)

    def path_index(self, path: limits.Path) -> int:
        return [p.latex for p in self.paths()].index(path.latex)

    def path_limit(self, key: str, path: limits.Path) -> float:
        return limits.limit(path.restrict(getattr(self, key)), 0)

    def disagreement(self, key: str) -> limits.NoLimitError:
        """calcviz's proof that ``key`` has no limit at the point: two paths and their limits."""
        field = getattr(self, key)
        try:
            value = limits.multivariate_limit(field, self.point)
        except limits.NoLimitError as error:
            return error
        raise ParamError(key, f"{field.expr} tends to {value:g} along every line and parabola into {self._where()}: "
                              "expected paths that disagree")

    def _where(self) -> str:
        return f"({self.point[0]:g}, {self.point[1]:g})"


def path_degree(path: limits.Path) -> int:
    """1 for a straight line t -> (a + p t, b + q t), more for a curve."""
    t = sympy.Symbol("t")
    return max(sympy.degree(path.x, t), sympy.degree(path.y, t))
