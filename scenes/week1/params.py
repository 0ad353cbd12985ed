"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from calcviz import ExpressionError, Function, limits, mappings, sets
from scenes.params import Floats, Interval, Names, ParamError, SceneParams, require_defined, require_positive, require_shrinking

MAX_PER_SET = 3  # examples that fit in one ring of the nested sets


@dataclass(frozen=True, kw_only=True)
class NumberSetsParams(SceneParams):
    examples: Names = ("3", "sqrt(8)/sqrt(2)", "0", "-2", "0.75", "-5/3", "sqrt(2)", "pi")  # type: ignore[assignment]
    irrational: str = "sqrt(2)"  # approached by rationals that never reach it
    approximations: int = 5  # how many rational approximations of it are shown

    def check(self) -> None:
        super().check()
        counts: dict[str, int] = {}
        for text in self.examples:
            kind = _number_set("examples", text)
            counts[kind] = counts.get(kind, 0) + 1
            if counts[kind] > MAX_PER_SET:
                raise ParamError("examples", f"at most {MAX_PER_SET} examples per set fit, got more in {kind}")
            if not abs(float(Function(text).expr.evalf())) <= 6:
                raise ParamError("examples", f"{text} is outside the number line [-6, 6]")
        if _number_set("irrational", self.irrational) != "R":
            raise ParamError("irrational", f"{self.irrational} is rational: choose a number that is not, such as sqrt(2)")
        if not 2 <= self.approximations <= 7:
            raise ParamError("approximations", f"expected 2 to 7 approximations, got {self.approximations}")


def _number_set(key: str, text: str) -> str:
    try:
        return sets.number_set(text)
    except ValueError as error:
        raise ParamError(key, str(error)) from None


@dataclass(frozen=True, kw_only=True)
class FunctionsAsMappingsParams(SceneParams):
    function: Function
    interval: Interval  # where f is not one-to-one
    one_to_one_interval: Interval  # a part where it is
    samples: Floats  # the points of the interval whose arrows are drawn

    def check(self) -> None:
        super().check()
        require_defined(self.function, self.interval)
        lo, hi = self.interval
        small_lo, small_hi = self.one_to_one_interval
        if not (lo <= small_lo and small_hi <= hi):
            raise ParamError("one_to_one_interval", f"[{small_lo:g}, {small_hi:g}] must lie inside the interval [{lo:g}, {hi:g}]")
        if not mappings.is_injective(self.function, small_lo, small_hi):
            raise ParamError("one_to_one_interval", f"{self.function.expr} is not one-to-one on [{small_lo:g}, {small_hi:g}]")
        if not 3 <= len(self.samples) <= 9:
            raise ParamError("samples", f"expected 3 to 9 sample points, got {len(self.samples)}")
        for x in self.samples:
            if not lo <= x <= hi:
                raise ParamError("samples", f"{x:g} is outside the interval [{lo:g}, {hi:g}]")
        if len(set(self.samples)) != len(self.samples):
            raise ParamError("samples", "the sample points must be different")
        if self.collision is None:  # two samples with one value: the picture of "not one-to-one" on the interval
            raise ParamError("samples", "no two samples have the same value: include a pair such as -1 and 1 for x squared")

    @cached_property
    def collision(self) -> tuple[float, float] | None:
        """Two samples with the same value (the picture of 'not one-to-one')."""
        for i, x in enumerate(self.samples):
            for z in self.samples[i + 1:]:
                close = math.isclose(self.function(x), self.function(z), rel_tol=1e-9, abs_tol=1e-12)
                if close and self.function.exact(x) == self.function.exact(z):
                    return (x, z)
        return None


@dataclass(frozen=True, kw_only=True)
class GraphTransformationsParams(SceneParams):
    base: Function
    target: Function  # a*base(b*(x - c)) + d
    interval: Interval

    def check(self) -> None:
        super().check()
        try:
            steps = mappings.transform_steps(self.base, self.target)
        except ValueError as error:
            raise ParamError("target", str(error)) from None
        if not steps:
            raise ParamError("target", "the target is the base itself: nothing to transform")
        if len(steps) < 2:
            kind = steps[0].kind.replace("_", " ")
            raise ParamError("target", f"the target is one step ({kind}) from the base: choose one at least two steps away, "
                                       "so the scene has something to build")
        if len(steps) > 4:  # pragma: no cover - transform_steps gives at most four
            raise ParamError("target", "too many steps")
        lo, hi = self.interval
        for f in (self.base, self.target):
            samples = [f(lo + (hi - lo) * k / 40) for k in range(41)]
            if sum(math.isfinite(v) for v in samples) < 10:
                raise ParamError("interval", f"{f.expr} is hardly defined on [{lo:g}, {hi:g}]")


@dataclass(frozen=True, kw_only=True)
class SequenceLimitsParams(SceneParams):
    sequence: str  # a_n, an expression in n with a finite limit
    epsilons: Floats
    terms: int = 30  # how many terms are drawn

    def check(self) -> None:
        super().check()
        limit = _finite_sequence_limit("sequence", self.term)
        require_positive("epsilons", self.epsilons)
        require_shrinking("epsilons", self.epsilons)
        if not 10 <= self.terms <= 60:
            raise ParamError("terms", f"expected 10 to 60 terms, got {self.terms}")
        epsilon = self.epsilons[-1]  # the smallest needs the largest N
        n = limits.n_for_epsilon(self.term, epsilon, limit=limit)
        if n > self.terms:
            raise ParamError("epsilons", f"for epsilon = {epsilon:g} the terms enter the strip only from n = {n}, past the {self.terms} drawn")
        values = [self.term(float(n)) for n in range(1, self.terms + 1)]
        if not all(math.isfinite(v) for v in values):
            raise ParamError("sequence", f"{self.term.expr} is undefined for some n from 1 to {self.terms}")

    @cached_property
    def term(self) -> Function:
        return _sequence("sequence", self.sequence)


def _sequence(key: str, text: str) -> Function:
    try:
        return Function(text, variable="n")
    except ExpressionError as error:
        raise ParamError(key, f"{error} (sequences use the variable n)") from None


def _finite_sequence_limit(key: str, term: Function) -> float:
    try:
        value = limits.sequence_limit(term)
    except limits.NoLimitError as error:
        raise ParamError(key, str(error)) from None
    if not math.isfinite(value):
        raise ParamError(key, f"{term.expr} tends to {value}: the scene needs a finite limit")
    return value
