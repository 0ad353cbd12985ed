"""How fast the quadrature rules converge: errors against the exact integral, and fitted orders.

Re-exported from :mod:`calcviz.integrals`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .functions import as_function
from .definite_integrals import definite_integral
from .riemann import RULES, riemann_sum

__all__ = ["IntegrationErrors", "integration_errors"]

_NOISE = 1e-13  # relative errors below this are rounding, left out of the fit


@dataclass(frozen=True, eq=False)
class IntegrationErrors:
    """Errors of quadrature rules as the number of cells grows.

    Attributes
    ----------
    exact : float
        The integral (exact via sympy when possible, else adaptive quadrature).
    ns : ndarray of int
        The numbers of cells.
    rules : tuple of str
    values : dict
        ``values[rule][i]``: the rule's sum with ``ns[i]`` cells.
    errors : dict
        ``errors[rule][i] = abs(values[rule][i] - exact)``.
    slopes : dict
        ``slopes[rule]``: least-squares slope of log(error) against log(n),
        about ``-order``; nan when fewer than two errors are above rounding
        (Simpson's rule is exact for cubics).
    orders : dict
        ``orders[rule] = -slopes[rule]``: error ~ C / n**order (trapezoid and
        midpoint about 2, Simpson about 4 for smooth f).
    """

    exact: float
    ns: np.ndarray
    rules: tuple
    values: dict
    errors: dict
    slopes: dict
    orders: dict


def integration_errors(f, a, b, ns=(2, 4, 8, 16, 32, 64), rules=("trapezoid", "simpson")) -> IntegrationErrors:
    """Error of each rule at each n against the exact integral of f over [a, b], and the fitted order.

    Parameters
    ----------
    f : Function or str
        Defined on all of [a, b].
    a, b : float
        Interval ends, a < b.
    ns : sequence of int
        At least two distinct cell counts (even when ``"simpson"`` is among the rules).
    rules : sequence of str
        Names from :data:`calcviz.integrals.RULES`.

    Examples
    --------
    >>> e = integration_errors("exp(x)", 0, 1, ns=(4, 8, 16, 32), rules=("trapezoid", "midpoint", "simpson"))
    >>> {rule: round(order, 1) for rule, order in e.orders.items()}
    {'trapezoid': 2.0, 'midpoint': 2.0, 'simpson': 4.0}
    >>> round(e.exact, 12), round(float(e.errors["trapezoid"][0]), 6)  # e - 1, and (b - a) h^2 f''/12 nearly
    (1.718281828459, 0.00894)
    """
    f = as_function(f)
    ns = _checked_ns(ns)
    rules = _checked_rules(rules)
    exact = definite_integral(f, a, b)
    values, errors, slopes = {}, {}, {}
    for rule in rules:
        sums = np.array([riemann_sum(f, a, b, int(n), rule).value for n in ns])
        values[rule] = sums
        errors[rule] = np.abs(sums - exact)
        slopes[rule] = _log_log_slope(ns, errors[rule], _NOISE * max(1.0, abs(exact)))
    for table in (values, errors):
        for array in table.values():
            array.setflags(write=False)
    orders = {rule: -slope for rule, slope in slopes.items()}
    return IntegrationErrors(exact, ns, rules, values, errors, slopes, orders)


def _log_log_slope(ns: np.ndarray, errors: np.ndarray, floor: float) -> float:
    above = errors > floor
    if np.count_nonzero(above) < 2:
        return math.nan
    slope, _ = np.polyfit(np.log(ns[above]), np.log(errors[above]), 1)
    return float(slope)


def _checked_ns(ns) -> np.ndarray:
    values = list(ns)
    for n in values:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"ns must be positive integers, got {n!r}")
    if len(set(values)) < 2:
        raise ValueError(f"ns needs at least two different numbers of cells to fit an order, got {values}")
    array = np.array(values, dtype=int)
    array.setflags(write=False)
    return array


def _checked_rules(rules) -> tuple:
    rules = (rules,) if isinstance(rules, str) else tuple(rules)
    if not rules:
        raise ValueError("rules must name at least one rule")
    for rule in rules:
        if rule not in RULES:
            raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    return rules
