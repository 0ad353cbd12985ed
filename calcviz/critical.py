"""Critical points of a two-variable field in a rectangle, classified by the Hessian.

Re-exported from :mod:`calcviz.multivariate` (``multivariate.critical_points``).
Exact where sympy solves the system ``grad F = 0`` (polynomial fields), else
found by Newton's method from a grid of starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np
import sympy

from ._symbolic import is_finite_real, real_sign
from .fields import Field, as_field, checked_range

__all__ = ["FieldCriticalPoint", "critical_points"]

KINDS = ("minimum", "maximum", "saddle", "degenerate")
_SEEDS_PER_SIDE = 13  # Newton starts per axis of the rectangle
_NEWTON_STEPS = 100
_MAX_POINTS = 40  # more than this many is a curve of critical points, not isolated ones
_EIGENVALUE_TOLERANCE = 1e-9  # relative: a smaller Hessian eigenvalue counts as zero


@dataclass(frozen=True)
class FieldCriticalPoint:
    """A point where ``grad F = 0``.

    Attributes
    ----------
    point : (float, float)
    value : float
        F at the point.
    kind : str
        "minimum", "maximum", "saddle" or "degenerate" (the Hessian test is
        inconclusive: its determinant is zero).
    exact : (sympy.Expr, sympy.Expr) or None
        The exact coordinates, or None when found numerically.
    hessian : ndarray, shape (2, 2)
        The Hessian at the point.
    """

    point: tuple[float, float]
    value: float
    kind: str
    exact: Optional[tuple[sympy.Expr, sympy.Expr]]
    hessian: np.ndarray

    @property
    def determinant(self) -> float:
        """``f_xx f_yy - f_xy^2`` at the point: > 0 an extremum, < 0 a saddle."""
        return float(np.linalg.det(self.hessian))


def critical_points(F, x_range, y_range) -> tuple[FieldCriticalPoint, ...]:
    """Every critical point of F in the closed rectangle ``x_range x y_range``, sorted by (x, y).

    The kind comes from the second-derivative test: the determinant
    ``D = f_xx f_yy - f_xy^2`` of the Hessian and the sign of ``f_xx``
    (exactly, from sympy, when the point is exact).

    Raises
    ------
    ValueError
        For a bad rectangle, or when the critical points are not isolated
        (a whole curve of them, as for ``x^2``).

    Examples
    --------
    >>> [(p.point, p.value, p.kind) for p in critical_points("x^3 - 3x + y^2", (-2, 2), (-2, 2))]
    [((-1.0, 0.0), 2.0, 'saddle'), ((1.0, 0.0), -2.0, 'minimum')]
    >>> critical_points("x^3 - 3x + y^2", (0, 2), (-1, 1))[0].exact
    (1, 0)
    >>> [p.kind for p in critical_points("x^4 + y^4", (-1, 1), (-1, 1))]
    ['degenerate']
    >>> p, = critical_points("cos(x) + y^2", (2, 4), (-1, 1))   # no exact solve: Newton
    >>> p.exact, round(p.point[0], 12), p.kind
    (None, 3.14159265359, 'minimum')
    >>> critical_points("x^2", (-1, 1), (-1, 1))
    Traceback (most recent call last):
    ...
    ValueError: the critical points of x**2 are not isolated: they fill a curve
    """
    F = as_field(F)
    box = np.array([checked_range(x_range, "x_range"), checked_range(y_range, "y_range")])
    exact = _exact_solutions(F, box)
    if exact is not None:
        found = [_exact_point(F, solution) for solution in exact]
    else:
        found = [_numeric_point(F, point) for point in _newton_solutions(F, box)]
    return tuple(sorted(found, key=lambda p: p.point))


def _not_isolated(F: Field) -> ValueError:
    return ValueError(f"the critical points of {F.expr} are not isolated: they fill a curve")


# -- exact: sympy solves grad F = 0 (polynomial systems only: elsewhere solve may not finish)
def _exact_solutions(F: Field, box: np.ndarray):
    """Exact real solutions inside ``box``, or None when sympy cannot be trusted to find them all."""
    x, y = F.symbols
    gradient = [sympy.expand(F.partial(n).expr) for n in F.variables]
    if not all(g.is_polynomial(x, y) for g in gradient):
        return None
    if all(g == 0 for g in gradient):
        raise _not_isolated(F)
    try:
        solutions = sympy.solve(gradient, [x, y], dict=True)
    except (NotImplementedError, ValueError):
        return None
    inside = []
    for solution in solutions:
        if set(solution) != {x, y} or any(v.free_symbols for v in solution.values()):
            raise _not_isolated(F)
        point = tuple(_real_part(solution[s]) for s in (x, y))
        if None in point:
            continue
        if all(lo - 1e-12 <= float(c) <= hi + 1e-12 for c, (lo, hi) in zip(point, box)):
            inside.append(point)
    return inside


def _real_part(value: sympy.Expr) -> Optional[sympy.Expr]:
    """The value if it is real (cubic roots come with an imaginary part that cancels), else None."""
    if not is_finite_real(value):
        return None
    simpler = sympy.nsimplify(value) if value.has(sympy.I) else value
    if simpler.has(sympy.I):
        simpler = sympy.re(sympy.expand_complex(simpler))
    return simpler


def _exact_point(F: Field, point) -> FieldCriticalPoint:
    substitution = dict(zip(F.symbols, point))
    second = [[F.partial(a).partial(b).expr.xreplace(substitution) for b in F.variables] for a in F.variables]
    determinant = second[0][0] * second[1][1] - second[0][1] * second[1][0]
    kind = _kind_from_signs(real_sign(sympy.nsimplify(determinant)), real_sign(second[0][0]), real_sign(second[1][1]))
    hessian = np.array([[float(v) for v in row] for row in second])
    value = float(F.expr.xreplace(substitution))
    return FieldCriticalPoint(tuple(float(c) + 0.0 for c in point), value, kind, point, hessian)


def _kind_from_signs(determinant: int, fxx: int, fyy: int) -> str:
    if determinant is None or determinant == 0:
        return "degenerate"
    if determinant < 0:
        return "saddle"
    return "minimum" if (fxx or fyy) > 0 else "maximum"


# -- numeric: Newton's method on grad F from a grid of starts
def _newton_solutions(F: Field, box: np.ndarray) -> list[np.ndarray]:
    """Newton's method on grad F = 0 from a grid of starts, all at once (arrays), then deduplicated."""
    partials = [F.partial(n) for n in F.variables]
    seconds = [[p.partial(n) for n in F.variables] for p in partials]
    scale = float(np.max(box[:, 1] - box[:, 0]))
    xs, ys = (np.linspace(lo, hi, _SEEDS_PER_SIDE) for lo, hi in box)
    points = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)

    def gradient_at(p):
        return np.stack([np.broadcast_to(d(p[:, 0], p[:, 1]), len(p)) for d in partials], axis=-1)

    with np.errstate(all="ignore"):
        for _ in range(_NEWTON_STEPS):
            hessian = np.stack([np.stack([np.broadcast_to(s(points[:, 0], points[:, 1]), len(points)) for s in row], axis=-1)
                                for row in seconds], axis=-2)
            usable = np.all(np.isfinite(hessian), axis=(1, 2))
            hessian[~usable] = 0.0
            steps = -np.einsum("nij,nj->ni", np.linalg.pinv(hessian), gradient_at(points))  # pinv: H may be singular
            points = points + steps
            if np.all(~np.all(np.isfinite(steps), axis=1) | (np.hypot(*steps.T) <= 1e-13 * scale)):
                break
        gradient = gradient_at(points)
    norms = np.hypot(*gradient.T)
    good = np.isfinite(norms) & (norms <= 1e-9 * max(1.0, scale))
    good &= np.all((box[:, 0] - 1e-9 <= points) & (points <= box[:, 1] + 1e-9), axis=1)
    found: list[np.ndarray] = []
    for point in points[good]:
        if all(np.linalg.norm(point - other) > 1e-6 * scale for other in found):
            found.append(point)
            if len(found) > _MAX_POINTS:
                raise _not_isolated(F)
    return found


def _numeric_point(F: Field, point: np.ndarray) -> FieldCriticalPoint:
    hessian = F.hessian(point)
    eigenvalues = np.linalg.eigvalsh(hessian)
    size = float(np.max(np.abs(eigenvalues)))
    if size == 0.0 or np.min(np.abs(eigenvalues)) <= _EIGENVALUE_TOLERANCE * size:
        kind = "degenerate"
    else:
        kind = _kind_from_signs(int(np.sign(np.prod(eigenvalues))), int(np.sign(eigenvalues[0])), 0)
    coordinates = tuple(float(c) + 0.0 for c in point)
    return FieldCriticalPoint(coordinates, float(F(*point)), kind, None, hessian)
