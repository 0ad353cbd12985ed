"""Fractions p/q closing in on the square root of a whole number n, and why none is exact: p^2 and n q^2 never agree.

NumberSets shows it beside the proof that sqrt 2 is no fraction: the best fractions for sqrt 2 (1, 3/2, 7/5,
17/12, 41/29) miss p^2 = 2 q^2 by exactly one every time.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .sets import rational_approximations

__all__ = ["RootMiss", "root_misses"]


@dataclass(frozen=True)
class RootMiss:
    """One fraction p/q near sqrt(n): its value, p^2 and n q^2 (unequal) and which side of sqrt(n) it lies."""

    p: int
    q: int
    value: float
    p_squared: int
    n_q_squared: int

    @property
    def below(self) -> bool:
        """True when p/q < sqrt(n) (p^2 < n q^2)."""
        return self.p_squared < self.n_q_squared


def root_misses(n: int, count: int) -> tuple[RootMiss, ...]:
    """The first ``count`` best fractions p/q for sqrt(n) (continued-fraction convergents), each with p^2 and n q^2.

    ``n`` must be a positive whole number that is not a perfect square (else sqrt(n) is a fraction).

    >>> [(m.p, m.q, m.p_squared, m.n_q_squared) for m in root_misses(2, 3)]
    [(1, 1, 1, 2), (3, 2, 9, 8), (7, 5, 49, 50)]
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 2 or sympy.sqrt(n).is_Rational:
        raise ValueError(f"n must be a whole number >= 2 that is not a perfect square, got {n!r}")
    misses = []
    for fraction in rational_approximations(sympy.sqrt(n), count):
        p, q = int(sympy.fraction(fraction)[0]), int(sympy.fraction(fraction)[1])
        misses.append(RootMiss(p, q, float(fraction), p * p, n * q * q))
    return tuple(misses)
