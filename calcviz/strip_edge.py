"""Terms of a sequence that lie exactly on the edge of an epsilon strip: |a_n - L| = epsilon, so outside it.

SequenceLimits points at them: the definition asks |a_n - L| < epsilon, strictly, so a term on the edge does not count.
"""

from __future__ import annotations

import sympy

from ._symbolic import to_exact

__all__ = ["on_edge"]


def on_edge(term, limit, epsilon, count: int) -> list[int]:
    """The n in 1..count with |a_n - L| = epsilon exactly (``epsilon`` read as the decimal it is written as).

    ``term`` is a calcviz Function of n; ``limit`` a number (made exact: 1.0 -> 1).
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a positive integer, got {count!r}")
    width, level = to_exact(float(epsilon)), to_exact(float(limit))
    return [n for n in range(1, count + 1) if sympy.simplify(sympy.Abs(term.exact(n) - level) - width) == 0]
