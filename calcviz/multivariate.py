"""Calculus of two-variable fields: tangent planes, directional derivatives,
critical points, and contour lines of the surface ``z = F(x, y)``.

Every function accepts a :class:`~calcviz.Field` in two variables or the text
of one (parsed with :func:`calcviz.parse` in the variables ``x, y``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import sympy

from ._symbolic import is_finite_real, real_sign, to_exact
from .critical import FieldCriticalPoint, critical_points
from .derivatives import exact_slope
from .fields import Field, _checked_range
from .functions import Function

__all__ = [
    "FieldCriticalPoint",
    "TangentPlane",
    "as_field",
    "classify",
    "contour_lines",
    "critical_points",
    "directional_derivative",
    "exact_gradient",
    "exact_value",
    "linearization_gap",
    "negative_gradients",
    "surface_grid",
    "tangent_plane",
]

_DIFFERENTIABILITY_TOLERANCE = 1e-3
_PROBE_DIRECTIONS = 8
_MAX_TIDY_OPS = 40


def as_field(obj) -> Field:
    """Return ``obj`` if it is a two-variable Field, else ``Field(obj)``.

    Examples
    --------
    >>> as_field("x*y")
    Field('x*y', variables=('x', 'y'))
    >>> as_field(Field("t", variables=("t",)))
    Traceback (most recent call last):
    ...
    ValueError: expected a field of two variables, got one in ('t',)
    """
    result = obj if isinstance(obj, Field) else Field(obj)
    if len(result.variables) != 2:
        raise ValueError(f"expected a field of two variables, got one in {result.variables}")
    return result


# -- tangent planes and gradients ------------------------------------------------
@dataclass(frozen=True)
class TangentPlane:
    """The plane ``z = z0 + slope_x (x - x0) + slope_y (y - y0)``.

    Callable on floats (returns a float) or broadcastable arrays.
    ``latex`` is the equation in point-slope form with exact numbers,
    ``expr`` the exact right-hand side expanded (in symbols x, y).

    Examples
    --------
    >>> plane = TangentPlane(1.0, 2.0, 5.0, 2.0, 4.0)
    >>> plane(0.0, 0.0), plane(np.array([1.0, 2.0]), 2.0)
    (-5.0, array([5., 7.]))
    >>> np.round(plane.normal * 21**0.5, 12)
    array([-2., -4.,  1.])
    """

    x0: float
    y0: float
    z0: float
    slope_x: float
    slope_y: float
    latex: str = field(default="", repr=False, compare=False)
    expr: sympy.Expr = field(default=None, repr=False, compare=False)

    def __call__(self, x, y):
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        values = self.z0 + self.slope_x * (x - self.x0) + self.slope_y * (y - self.y0)
        values = np.array(np.broadcast_to(values, np.broadcast_shapes(x.shape, y.shape)))
        return float(values) if values.ndim == 0 else values

    @property
    def normal(self) -> np.ndarray:
        """Unit normal ``(-f_x, -f_y, 1) / |...|`` (its z component is positive)."""
        vector = np.array([-self.slope_x, -self.slope_y, 1.0])
        return vector / np.linalg.norm(vector)


def tangent_plane(F, point) -> TangentPlane:
    """Tangent plane to ``z = F(x, y)`` above ``point`` (exact slopes).

    Raises
    ------
    ValueError
        If F is undefined at ``point`` or not differentiable there.

    Examples
    --------
    >>> plane = tangent_plane("x^2 + y^2", (1, 2))
    >>> plane
    TangentPlane(x0=1.0, y0=2.0, z0=5.0, slope_x=2.0, slope_y=4.0)
    >>> print(plane.latex)
    z = 5 + 2 \\left(x - 1\\right) + 4 \\left(y - 2\\right)
    >>> plane.expr
    2*x + 4*y - 5
    >>> tangent_plane("sqrt(x^2 + y^2)", (0, 0))
    Traceback (most recent call last):
    ...
    ValueError: sqrt(x**2 + y**2) is not differentiable at (x, y) = (0, 0)
    """
    F = as_field(F)
    exact_point = _exact_point(point)
    value = _exact_value(F, exact_point, point)
    slopes = _exact_partials(F, exact_point, point)
    x, y = F.symbols
    expr = sympy.expand(value + slopes[0] * (x - exact_point[0]) + slopes[1] * (y - exact_point[1]))
    latex = _point_slope_latex(F.symbols, exact_point, value, slopes)
    return TangentPlane(
        *(float(c) for c in exact_point), float(value), *(float(s) for s in slopes), latex, expr
    )


def linearization_gap(F, point, radius: float, samples: int = 41) -> float:
    """Largest distance between the surface and its tangent plane over the square of half-width ``radius``.

    It shrinks like ``radius**2`` for a smooth F: zoom in and the surface
    becomes indistinguishable from its plane (local linearity).

    Examples
    --------
    >>> round(linearization_gap("x^2 + y^2", (0, 0), 0.5), 12)   # at the corners: 2 r^2
    0.5
    >>> round(linearization_gap("x^2 + y^2", (0, 0), 0.05), 12)
    0.005
    """
    F = as_field(F)
    if not radius > 0:
        raise ValueError(f"radius must be positive, got {radius!r}")
    plane = tangent_plane(F, point)
    offsets = np.linspace(-radius, radius, samples)
    x, y = np.meshgrid(plane.x0 + offsets, plane.y0 + offsets)
    with np.errstate(all="ignore"):
        gap = np.abs(np.broadcast_to(F(x, y), x.shape) - plane(x, y))
    if not np.all(np.isfinite(gap)):
        raise ValueError(f"{_text(F)} is not defined on the whole square of half-width {radius:g} around the point")
    return float(gap.max())


def exact_value(F, point) -> sympy.Expr:
    """Exact ``F(point)`` (floats in ``point`` read as the simple numbers they stand for).

    >>> exact_value("4 - x^2/2 - y^2/3 + x*y/4", (1, 1))
    41/12
    """
    F = as_field(F)
    return _exact_value(F, _exact_point(point), point)


def exact_gradient(F, point) -> tuple[sympy.Expr, sympy.Expr]:
    """Exact gradient ``(f_x, f_y)`` at ``point``, checking differentiability.

    Where a partial's formula is indeterminate (``abs(x)^3`` at 0) the
    one-sided limits along the axis decide; a numeric check of one-sided
    difference quotients in several directions then rejects fields whose
    partials exist but that are not differentiable (``(x y)^(1/3)`` at 0).

    Examples
    --------
    >>> exact_gradient("x^2 * y + exp(y)", (1, 0))
    (0, 2)
    >>> exact_gradient("abs(x)^3 + y", (0, 0))
    (0, 1)
    >>> exact_gradient("(x*y)^(1/3)", (0, 0))
    Traceback (most recent call last):
    ...
    ValueError: (x*y)**(1/3) is not differentiable at (x, y) = (0, 0)
    """
    F = as_field(F)
    exact_point = _exact_point(point)
    _exact_value(F, exact_point, point)
    return _exact_partials(F, exact_point, point)


def directional_derivative(F, point, direction) -> float:
    """Rate of change of F at ``point`` along the unit vector of ``direction``.

    Equals ``gradient . direction / |direction|``; F must be differentiable
    at ``point``.

    Examples
    --------
    >>> directional_derivative("x^2 + y^2", (1, 2), (3, 4))
    4.4
    >>> directional_derivative("x*y", (1, 1), (0, 0))
    Traceback (most recent call last):
    ...
    ValueError: direction must be a nonzero vector, got (0, 0)
    """
    unit = _unit_vector(direction)
    gradient = np.array([float(g) for g in exact_gradient(F, point)])
    return float(gradient @ unit)


def classify(F, point, tolerance: float = 1e-8, eigenvalue_tolerance: float = 1e-9) -> str:
    """Kind of the critical point ``point`` by the second-derivative test.

    Returns "minimum", "maximum", "saddle" or "degenerate" from the signs
    of the Hessian's eigenvalues; an eigenvalue with
    ``|lambda| <= eigenvalue_tolerance * max|lambda|`` counts as zero, and a
    zero eigenvalue makes the test inconclusive ("degenerate").

    ``point`` must be a critical point: the gradient norm may be at most
    ``tolerance * max(1, |Hessian|)`` (a point off by ``d`` from the true
    critical point has a gradient of about ``Hessian . d``).

    Raises
    ------
    ValueError
        If ``point`` is not a critical point or F is not twice
        differentiable there.

    Examples
    --------
    >>> [classify(text, (0, 0)) for text in ("x^2 + y^2", "x^2 - y^2", "x^4 + y^4")]
    ['minimum', 'saddle', 'degenerate']
    >>> classify("x^2 + y^2", (1, 0))
    Traceback (most recent call last):
    ...
    ValueError: not a critical point: gradient = (2, 0) at (x, y) = (1, 0)
    """
    F = as_field(F)
    gradient = np.array([float(g) for g in exact_gradient(F, point)])
    hessian = F.hessian(point)
    if not np.all(np.isfinite(hessian)):
        raise ValueError(f"the Hessian of {_text(F)} is undefined at {_where(F, point)}")
    if np.linalg.norm(gradient) > tolerance * max(1.0, np.linalg.norm(hessian, 2)):
        shown = ", ".join(f"{g:.6g}" for g in gradient)
        raise ValueError(f"not a critical point: gradient = ({shown}) at {_where(F, point)}")
    return _kind_from_eigenvalues(np.linalg.eigvalsh(hessian), eigenvalue_tolerance)


def _kind_from_eigenvalues(eigenvalues: np.ndarray, relative_tolerance: float) -> str:
    scale = float(np.max(np.abs(eigenvalues)))
    if scale == 0.0 or np.min(np.abs(eigenvalues)) <= relative_tolerance * scale:
        return "degenerate"
    if np.all(eigenvalues > 0):
        return "minimum"
    if np.all(eigenvalues < 0):
        return "maximum"
    return "saddle"


def negative_gradients(F, points, scale: float = 1.0) -> np.ndarray:
    """The descent vectors ``-scale * grad F`` at each of ``points``.

    ``points`` has shape ``(n, 2)`` (or ``(2,)`` for one point); the result
    has the same shape.  Where the gradient is undefined or infinite the
    row is all nan,
    so a scene can skip that arrow.

    Examples
    --------
    >>> negative_gradients("x^2 + 3y", [[1, 0], [2, 5]], scale=0.5)
    array([[-1. , -1.5],
           [-2. , -1.5]])
    """
    F = as_field(F)
    points = np.asarray(points, dtype=np.float64)
    if points.shape[-1:] != (2,) or points.ndim > 2:
        raise ValueError(f"points must have shape (n, 2) or (2,), got {points.shape}")
    columns = [F.partial(name)(points[..., 0], points[..., 1]) for name in F.variables]
    arrows = -float(scale) * np.stack(columns, axis=-1)
    undefined = ~np.all(np.isfinite(arrows), axis=-1)
    arrows[undefined] = np.nan
    return arrows


def _exact_point(point) -> tuple[sympy.Expr, sympy.Expr]:
    if isinstance(point, (str, bytes)) or np.ndim(point) != 1 or len(point) != 2:
        raise ValueError(f"expected a point (x, y), got {point!r}")
    try:
        return tuple(to_exact(c.item() if isinstance(c, np.generic) else c) for c in point)
    except (TypeError, ValueError):
        raise ValueError(f"point coordinates must be finite numbers, got {point!r}") from None


def _exact_value(F: Field, exact_point, point) -> sympy.Expr:
    value = F.expr.xreplace(dict(zip(F.symbols, exact_point)))
    if not is_finite_real(value):
        raise ValueError(f"{_text(F)} is undefined at {_where(F, point)}")
    return _tidy(value)


def _exact_partials(F: Field, exact_point, point) -> tuple[sympy.Expr, sympy.Expr]:
    """Partials as exact slopes of the two axis-parallel slices through point."""
    slopes = []
    for index, symbol in enumerate(F.symbols):
        others = {s: c for i, (s, c) in enumerate(zip(F.symbols, exact_point)) if i != index}
        section = Function(F.expr.xreplace(others), str(symbol))
        try:
            slopes.append(_tidy(exact_slope(section, exact_point[index])))
        except ValueError:
            raise ValueError(f"{_text(F)} is not differentiable at {_where(F, point)}") from None
    if not _difference_quotients_agree(
        F, [float(c) for c in exact_point], [float(s) for s in slopes]
    ):
        raise ValueError(f"{_text(F)} is not differentiable at {_where(F, point)}")
    return tuple(slopes)


def _difference_quotients_agree(F: Field, point, gradient) -> bool:
    """Numeric safety net: one-sided quotients along several directions match."""
    angles = np.arange(_PROBE_DIRECTIONS) * (2 * np.pi / _PROBE_DIRECTIONS) + 0.1
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    h = 1e-6 * max(1.0, float(np.max(np.abs(point))))
    centre = F(*point)
    ahead = F(point[0] + h * directions[:, 0], point[1] + h * directions[:, 1])
    quotients = (ahead - centre) / h
    expected = directions @ np.asarray(gradient)
    finite = np.isfinite(quotients)
    tolerance = _DIFFERENTIABILITY_TOLERANCE * (1.0 + float(np.linalg.norm(gradient)))
    return bool(np.all(np.abs(quotients[finite] - expected[finite]) <= tolerance))


def _tidy(value: sympy.Expr) -> sympy.Expr:
    """Simplify a small exact constant (``exp(log(2))`` -> 2); leave big ones."""
    if sympy.count_ops(value) > _MAX_TIDY_OPS:
        return value
    return sympy.simplify(value)


def _point_slope_latex(symbols, point, value, slopes) -> str:
    terms = [] if value == 0 else [(real_sign(value), sympy.latex(abs(value)))]
    for symbol, centre, slope in zip(symbols, point, slopes):
        if slope == 0:
            continue
        terms.append((real_sign(slope), _slope_term(abs(slope), symbol - centre)))
    if not terms:
        return "z = 0"
    first_sign, first = terms[0]
    text = ("-" if first_sign < 0 else "") + first
    for sign, body in terms[1:]:
        text += (" - " if sign < 0 else " + ") + body
    return f"z = {text}"


def _slope_term(size: sympy.Expr, offset: sympy.Expr) -> str:
    body = sympy.latex(offset)
    if offset.is_Add:
        body = rf"\left({body}\right)"
    if size == 1:
        return body
    coefficient = sympy.latex(size)
    if size.is_Add:
        coefficient = rf"\left({coefficient}\right)"
    return f"{coefficient} {body}"


def _unit_vector(direction) -> np.ndarray:
    vector = np.asarray(direction, dtype=np.float64)
    if vector.shape != (2,) or not np.all(np.isfinite(vector)):
        raise ValueError(f"direction must be a finite vector (dx, dy), got {direction!r}")
    length = math.hypot(*vector)  # no underflow for tiny directions
    if length == 0.0:
        raise ValueError(f"direction must be a nonzero vector, got {_shown(vector)}")
    return vector / length


def _text(F: Field) -> str:
    return str(F.expr).replace("Abs", "abs")


def _where(F: Field, point) -> str:
    names = ", ".join(F.variables)
    return f"({names}) = {_shown(point)}"


def _shown(values) -> str:
    return "(" + ", ".join(_number_text(v) for v in values) + ")"


def _number_text(value) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:.6g}"


# -- surfaces and contour lines ------------------------------------------------
def surface_grid(F, x_range, y_range, resolution: int = 200):
    """Sample ``z = F(x, y)`` on a ``resolution x resolution`` grid.

    Returns ``(X, Y, Z)`` as from ``np.meshgrid`` (rows follow y); Z is nan
    where F is undefined.

    Examples
    --------
    >>> X, Y, Z = surface_grid("x + 10y", (0, 1), (0, 2), resolution=3)
    >>> Z
    array([[ 0. ,  0.5,  1. ],
           [10. , 10.5, 11. ],
           [20. , 20.5, 21. ]])
    """
    F = as_field(F)
    xs = np.linspace(*_checked_range(x_range, "x_range"), _checked_resolution(resolution))
    ys = np.linspace(*_checked_range(y_range, "y_range"), resolution)
    X, Y = np.meshgrid(xs, ys)
    return X, Y, F(X, Y)


def contour_lines(F, x_range, y_range, levels, resolution: int = 200) -> list[list[np.ndarray]]:
    """Level curves ``F(x, y) = c`` by marching squares on a sampled grid.

    Parameters
    ----------
    F : Field or text
    x_range, y_range : (float, float)
        The rectangle of the contour map.
    levels : sequence of float
        The level values c (not a count of levels).
    resolution : int, optional
        Samples per axis (at least 2).

    Returns
    -------
    list of list of ndarray
        For each level, its polylines: arrays of shape ``(m, 2)`` of
        points ``(x, y)`` in graph coordinates.  A closed curve ends with
        a copy of its first point; an open one ends on the border of the
        rectangle (or of the region where F is defined).  Saddle cells
        are resolved by the value at the cell centre (mean of corners).

    Examples
    --------
    >>> [[circle]] = contour_lines("x^2 + y^2", (-2, 2), (-2, 2), [1.0], resolution=101)
    >>> bool(np.all(circle[0] == circle[-1]))
    True
    >>> radii = np.hypot(circle[:, 0], circle[:, 1])
    >>> bool(np.all(np.abs(radii - 1.0) < 1e-3))
    True
    >>> contour_lines("x", (0, 1), (0, 1), [0.5], 3)
    [[array([[0.5, 0. ],
           [0.5, 0.5],
           [0.5, 1. ]])]]
    """
    X, Y, Z = surface_grid(F, x_range, y_range, resolution)
    xs, ys = X[0], Y[:, 0]
    return [_level_polylines(xs, ys, Z, level) for level in _checked_levels(levels)]


def _checked_resolution(resolution) -> int:
    if (
        isinstance(resolution, bool)
        or not isinstance(resolution, (int, np.integer))
        or resolution < 2
    ):
        raise ValueError(f"resolution must be an integer >= 2, got {resolution!r}")
    return int(resolution)


def _checked_levels(levels) -> np.ndarray:
    if np.ndim(levels) != 1:
        raise ValueError(f"levels must be a sequence of level values such as [1.0], got {levels!r}")
    values = np.asarray(levels, dtype=np.float64)
    if not np.all(np.isfinite(values)):
        raise ValueError(f"levels must be finite numbers, got {levels!r}")
    return values


class _EdgeGrid:
    """Numbering of grid edges: horizontal ones first, then vertical ones."""

    def __init__(self, xs: np.ndarray, ys: np.ndarray, Z: np.ndarray, level: float):
        self.xs, self.ys, self.Z, self.level = xs, ys, Z, level
        self.rows, self.columns = Z.shape
        self.horizontal_count = self.rows * (self.columns - 1)

    def horizontal(self, i, j):
        return i * (self.columns - 1) + j

    def vertical(self, i, j):
        return self.horizontal_count + i * self.columns + j

    def crossing_points(self, edges: np.ndarray) -> np.ndarray:
        """Where the level crosses each edge, by linear interpolation."""
        is_vertical = edges >= self.horizontal_count
        horizontal_index = np.where(is_vertical, 0, edges)
        vertical_index = np.where(is_vertical, edges - self.horizontal_count, 0)
        hi, hj = np.divmod(horizontal_index, self.columns - 1)
        vi, vj = np.divmod(vertical_index, self.columns)
        i0, j0 = np.where(is_vertical, vi, hi), np.where(is_vertical, vj, hj)
        i1, j1 = i0 + is_vertical, j0 + ~is_vertical
        z0, z1 = self.Z[i0, j0], self.Z[i1, j1]
        t = (self.level - z0) / (z1 - z0)
        x = self.xs[j0] + t * (self.xs[j1] - self.xs[j0])
        y = self.ys[i0] + t * (self.ys[i1] - self.ys[i0])
        return np.stack([x, y], axis=1)


def _level_polylines(xs, ys, Z, level: float) -> list[np.ndarray]:
    grid = _EdgeGrid(xs, ys, Z, level)
    segments = _cell_segments(grid)
    if len(segments) == 0:
        return []
    used = np.unique(segments)
    points = dict(zip(used.tolist(), grid.crossing_points(used)))
    lines = [_without_repeats(np.array([points[e] for e in chain])) for chain in _chains(segments)]
    return [line for line in lines if len(line) >= 2]  # a level touching one vertex is no line


def _cell_segments(grid: _EdgeGrid) -> np.ndarray:
    """Pairs of edge ids joined inside each cell, shape (k, 2)."""
    Z = grid.Z
    a, b, c, d = Z[:-1, :-1], Z[:-1, 1:], Z[1:, 1:], Z[1:, :-1]  # bl, br, tr, tl
    valid = np.isfinite(a) & np.isfinite(b) & np.isfinite(c) & np.isfinite(d)
    ia, ib, ic, id_ = (corner >= grid.level for corner in (a, b, c, d))
    i, j = np.indices(a.shape)
    edges = np.stack(  # bottom, right, top, left
        [
            grid.horizontal(i, j),
            grid.vertical(i, j + 1),
            grid.horizontal(i + 1, j),
            grid.vertical(i, j),
        ],
        axis=-1,
    )
    crossed = np.stack([ia ^ ib, ib ^ ic, ic ^ id_, id_ ^ ia], axis=-1) & valid[..., None]
    count = crossed.sum(axis=-1)
    simple = edges[count == 2][crossed[count == 2]].reshape(-1, 2)
    saddle = count == 4
    centre_inside = (a + b + c + d)[saddle] / 4 >= grid.level
    cut_b_and_d = centre_inside == ia[saddle]  # a, c connected through the centre
    bottom, right, top, left = (edges[saddle][:, k] for k in range(4))
    first = np.where(
        cut_b_and_d[:, None], np.stack([bottom, right], 1), np.stack([left, bottom], 1)
    )
    second = np.where(cut_b_and_d[:, None], np.stack([top, left], 1), np.stack([right, top], 1))
    return np.concatenate([simple, first, second]).astype(np.int64)


def _chains(segments: np.ndarray) -> list[list[int]]:
    """Join segments sharing an edge point into chains (closed ones repeat the start)."""
    neighbours: dict[int, list[int]] = {}
    for p, q in segments.tolist():
        neighbours.setdefault(p, []).append(q)
        neighbours.setdefault(q, []).append(p)
    visited: set[int] = set()
    chains = []
    ends = [node for node, near in neighbours.items() if len(near) == 1]
    for start in ends + list(neighbours):
        if start not in visited:
            chains.append(_walk(start, neighbours, visited))
    return chains


def _walk(start: int, neighbours: dict[int, list[int]], visited: set[int]) -> list[int]:
    chain, previous, node = [start], None, start
    visited.add(start)
    while True:
        following = [n for n in neighbours[node] if n != previous]
        if not following:
            return chain
        previous, node = node, following[0]
        chain.append(node)
        if node in visited:  # back at the start of a loop
            return chain
        visited.add(node)


def _without_repeats(points: np.ndarray) -> np.ndarray:
    """Drop consecutive duplicates (a level through a grid vertex)."""
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    return points[keep]


# -- the Hessian over a region (its own module; re-exported here) --------------
from .hessians import HessianAt, HessianClassification, hessian_at, hessian_classification  # noqa: E402

__all__ += ["HessianAt", "HessianClassification", "hessian_at", "hessian_classification"]

# -- partials by slices and by definition (their own module; re-exported here) --
from .partials import partials_by_definition, slice_of  # noqa: E402

__all__ += ["partials_by_definition", "slice_of"]
