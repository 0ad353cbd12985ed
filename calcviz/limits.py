"""Limits, weeks 1 and 2: at a point and at infinity, epsilon-delta, of sequences and along paths.

Every function accepts a :class:`~calcviz.Function` or anything
``Function()`` accepts (text, sympy expression, number).  Each topic has its
own module (:mod:`calcviz.one_sided_limits`, :mod:`calcviz.epsilon_delta`,
:mod:`calcviz.sequence_limits`, :mod:`calcviz.path_limits`); this one gathers
them under the name the course uses.

Domain convention: only points where f is real and finite count.  Near a
domain edge (``sqrt(x)`` at 0) the two-sided limit is the limit from the
side where f is defined, and a delta only has to work for x in the domain.
"""

from ._budget import SYMPY_BUDGET, sympy_within_budget
from .epsilon_delta import EpsilonDelta, NoDeltaError, delta_for_epsilon, epsilon_delta
from .one_sided_limits import NoLimitError, jump_at, limit
from .path_limits import Path, along_lines, approach_paths, multivariate_limit, path_limit
from .sequence_limits import limit_along_sequence, n_for_epsilon, sequence_limit, sequence_values

__all__ = [
    "NoDeltaError",
    "NoLimitError",
    "Path",
    "approach_paths",
    "along_lines",
    "multivariate_limit",
    "sequence_limit",
    "limit",
    "jump_at",
    "delta_for_epsilon",
    "n_for_epsilon",
    "path_limit",
    "limit_along_sequence",
    "sequence_values",
    "EpsilonDelta",
    "epsilon_delta",
    "sympy_within_budget",
    "SYMPY_BUDGET",
]
