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
from ._budget import MAX_SYMBOLIC_OPS
from ._checks import number_text
from .contours import contour_lines, surface_grid
from .fields import Field, as_field
from .functions import Function, exact_slope
from .hessians import HessianAt, HessianClassification, hessian_at, hessian_classification
from .partials import partials_by_definition, slice_of

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
    "HessianAt",
    "HessianClassification",
    "hessian_at",
    "hessian_classification",
    "partials_by_definition",
    "slice_of",
]

_DIFFERENTIABILITY_TOLERANCE = 1e-3
_PROBE_DIRECTIONS = 8


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
    ValueError: sqrt(x^2 + y^2) is not differentiable at (x, y) = (0, 0)
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
        raise ValueError(f"{F.text} is not defined on the whole square of half-width {radius:g} around the point")
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
    ValueError: (x*y)^(1/3) is not differentiable at (x, y) = (0, 0)
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
        raise ValueError(f"the Hessian of {F.text} is undefined at {_where(F, point)}")
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
        raise ValueError(f"{F.text} is undefined at {_where(F, point)}")
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
            raise ValueError(f"{F.text} is not differentiable at {_where(F, point)}") from None
    if not _difference_quotients_agree(
        F, [float(c) for c in exact_point], [float(s) for s in slopes]
    ):
        raise ValueError(f"{F.text} is not differentiable at {_where(F, point)}")
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
    if sympy.count_ops(value) > MAX_SYMBOLIC_OPS:
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


def _where(F: Field, point) -> str:
    names = ", ".join(F.variables)
    return f"({names}) = {_shown(point)}"


def _shown(values) -> str:
    return "(" + ", ".join(number_text(v) for v in values) + ")"
