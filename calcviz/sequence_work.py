"""The working of N(epsilon) for a sequence, line by line, as SequenceLimits writes it.

For a_n whose distance to its limit L shrinks as n grows, |a_n - L| < epsilon holds exactly when
n > n*(epsilon), the n where the distance equals epsilon; the first whole N that works is then
floor(n*(epsilon)) + 1, for every epsilon at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy

from .functions import as_function

__all__ = ["StripEntryWork", "strip_entry_work"]


@dataclass(frozen=True)
class StripEntryWork:
    """``difference``: a_n - L in LaTeX; ``distance``: |a_n - L| simplified for whole n >= 1;
    ``threshold``: n*(epsilon) in LaTeX (the inequality |a_n - L| < epsilon reads n > threshold)."""

    difference: str
    distance: str
    threshold: str
    _threshold: sympy.Expr
    _epsilon: sympy.Symbol

    def first_n(self, epsilon: float) -> int:
        """floor(n*(epsilon)) + 1: the smallest whole n strictly past n*(epsilon), at least 1."""
        value = self._threshold.subs(self._epsilon, sympy.nsimplify(epsilon, rational=True))
        return max(1, int(sympy.floor(value)) + 1)


def strip_entry_work(term, limit) -> StripEntryWork:
    """|a_n - L| for whole n >= 1 and the n past which it stays below epsilon.

    Raises ValueError when the distance does not shrink steadily for n >= 1 (then no single
    threshold n*(epsilon) describes the strip, and N must be read off the terms)."""
    term = as_function(term, variable="n") if isinstance(term, str) else term
    n = sympy.Symbol("n", integer=True, positive=True)
    real_n = sympy.Symbol("n", positive=True)
    eps = sympy.Symbol("varepsilon", positive=True)
    L = sympy.nsimplify(limit, rational=True)
    expr = term.expr.xreplace({term.symbol: n})
    difference = sympy.simplify(expr - L)
    distance = sympy.simplify(sympy.Abs(difference))
    if distance.has(sympy.Abs) or distance.has(sympy.cos) or distance.has(sympy.sin):
        raise ValueError(f"|a_n - L| = {distance} does not simplify for whole n")
    smooth = distance.xreplace({n: real_n})
    slope = sympy.diff(smooth, real_n)
    if not all(float(slope.subs(real_n, x)) < 0 for x in (1, 1.5, 2, 3, 5, 10, 100, 1e4)):
        raise ValueError(f"|a_n - L| = {distance} does not shrink steadily from n = 1")
    roots = [r for r in sympy.solve(sympy.Eq(smooth, eps), real_n) if r.is_positive is not False]
    if len(roots) != 1:
        raise ValueError(f"|a_n - L| = epsilon has {len(roots)} positive solutions in n")
    shown = difference.xreplace({sympy.cos(sympy.pi * n): (-1) ** n})
    return StripEntryWork(
        difference=sympy.latex(shown),
        distance=sympy.latex(distance),
        threshold=sympy.latex(roots[0]),
        _threshold=roots[0],
        _epsilon=eps,
    )
