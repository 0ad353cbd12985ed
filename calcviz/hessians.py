"""Where a field's Hessian is positive definite, negative definite or
indefinite over a rectangle, and whether the field is convex there.

Re-exported from :mod:`calcviz.multivariate`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy

from .fields import as_field, checked_range, checked_resolution

__all__ = ["HessianAt", "HessianClassification", "hessian_at", "hessian_classification"]

POSITIVE, NEGATIVE, INDEFINITE, SEMIDEFINITE, UNDEFINED = (
    "positive definite",
    "negative definite",
    "indefinite",
    "semidefinite",
    "undefined",
)
KINDS = (POSITIVE, NEGATIVE, INDEFINITE, SEMIDEFINITE, UNDEFINED)


@dataclass(frozen=True)
class HessianClassification:
    """The Hessian's kind on a grid over the region.

    ``X, Y``: the grid (rows follow y); ``determinant``, ``trace``: arrays on
    it; ``kind``: integer codes indexing :data:`KINDS`; ``hessian``: the
    symbolic 2x2 matrix; ``convex``: whether the Hessian is positive
    semidefinite at every grid point (F convex on the region).
    """

    X: np.ndarray
    Y: np.ndarray
    determinant: np.ndarray
    trace: np.ndarray
    kind: np.ndarray
    hessian: sympy.Matrix
    convex: bool

    def fraction(self, kind: str) -> float:
        """Share of grid points of this kind (one of :data:`KINDS`)."""
        return float(np.mean(self.kind == KINDS.index(kind)))

    @property
    def determinant_latex(self) -> str:
        """LaTeX of det H, simplified."""
        return sympy.latex(sympy.simplify(self.hessian.det()))

    @property
    def trace_latex(self) -> str:
        """LaTeX of tr H, simplified."""
        return sympy.latex(sympy.simplify(self.hessian.trace()))


def hessian_classification(
    F, x_range, y_range, resolution: int = 101, tolerance: float = 1e-9
):
    """Classify the Hessian of ``F`` at every point of a grid over the region.

    A 2x2 symmetric matrix is positive definite when det > 0 and trace > 0,
    negative definite when det > 0 and trace < 0, indefinite when det < 0,
    semidefinite when det = 0 (within ``tolerance`` relative to its size).

    Examples
    --------
    >>> bowl = hessian_classification("x^2 + y^2", (-1, 1), (-1, 1), resolution=5)
    >>> bowl.fraction("positive definite"), bowl.convex
    (1.0, True)
    >>> hessian_classification("x^2 - y^2", (-1, 1), (-1, 1), resolution=5).fraction("indefinite")
    1.0
    >>> quartic = hessian_classification("x^4 - 3x^2 + y^2", (-2, 2), (-1, 1), resolution=5)
    >>> quartic.convex, quartic.trace_latex, quartic.determinant_latex
    (False, '12 x^{2} - 4', '24 x^{2} - 12')
    """

    F = as_field(F)
    xs = np.linspace(
        *checked_range(x_range, "x_range"), checked_resolution(resolution)
    )
    ys = np.linspace(*checked_range(y_range, "y_range"), resolution)
    X, Y = np.meshgrid(xs, ys)
    names = F.variables
    entries = [[F.partial(a).partial(b) for b in names] for a in names]
    fxx, fxy, fyy = (
        np.broadcast_to(g(X, Y), X.shape).astype(float)
        for g in (entries[0][0], entries[0][1], entries[1][1])
    )
    determinant = fxx * fyy - fxy**2
    trace = fxx + fyy
    scale = np.maximum(1.0, fxx**2 + fyy**2 + 2 * fxy**2)
    flat = np.abs(determinant) <= tolerance * scale
    kind = np.full(X.shape, KINDS.index(INDEFINITE))
    kind[(determinant > 0) & (trace > 0)] = KINDS.index(POSITIVE)
    kind[(determinant > 0) & (trace < 0)] = KINDS.index(NEGATIVE)
    kind[flat] = KINDS.index(SEMIDEFINITE)
    undefined = ~(np.isfinite(determinant) & np.isfinite(trace))
    kind[undefined] = KINDS.index(UNDEFINED)
    semidefinite_upward = (
        flat & (fxx >= -tolerance * scale) & (fyy >= -tolerance * scale)
    )
    convex = bool(np.all((kind == KINDS.index(POSITIVE)) | semidefinite_upward))
    hessian = sympy.Matrix(2, 2, lambda i, j: entries[i][j].expr)
    return HessianClassification(X, Y, determinant, trace, kind, hessian, convex)


@dataclass(frozen=True)
class HessianAt:
    """The Hessian at one point: ``matrix`` (2x2 floats), its ``determinant``,
    ``trace`` and ``kind`` (one of :data:`KINDS`, by the rule of
    :func:`hessian_classification`)."""

    point: tuple[float, float]
    matrix: np.ndarray
    determinant: float
    trace: float
    kind: str

    @property
    def name(self) -> str:
        """The kind, with the way a semidefinite Hessian bends: det H = 0 leaves one eigenvalue, tr H.

        >>> hessian_at("-x^2", (0, 0)).name, hessian_at("x + y", (0, 0)).name
        ('negative semidefinite', 'semidefinite')
        """
        if self.kind != SEMIDEFINITE or self.trace == 0:
            return self.kind
        return ("positive " if self.trace > 0 else "negative ") + self.kind

    @property
    def eigenvalues(self) -> tuple[float, float]:
        """The two eigenvalues, larger first: the roots of t^2 - (tr H) t + det H, so that their product is
        det H and their sum tr H (a symmetric matrix's are real).

        >>> hessian_at("x^2 - y^2", (0, 0)).eigenvalues
        (2.0, -2.0)
        """
        half = self.trace / 2
        spread = float(np.sqrt(max(half * half - self.determinant, 0.0)))
        return (half + spread + 0.0, half - spread + 0.0)


def hessian_at(F, point, tolerance: float = 1e-9) -> HessianAt:
    """The Hessian of ``F`` at ``point``, classified like one grid point of :func:`hessian_classification`.

    Examples
    --------
    >>> h = hessian_at("x^4 - 4*x*y + y^4", (1, 1))
    >>> h.matrix.tolist(), h.determinant, h.trace, h.kind
    ([[12.0, -4.0], [-4.0, 12.0]], 128.0, 24.0, 'positive definite')
    >>> hessian_at("x^2 - y^2", (0, 0)).kind
    'indefinite'
    """

    F = as_field(F)
    x, y = (float(c) for c in point)
    single = hessian_classification(F, (x, x + 1.0), (y, y + 1.0), resolution=2, tolerance=tolerance)
    return HessianAt((x, y), np.asarray(F.hessian((x, y)), float), float(single.determinant[0, 0]),
                     float(single.trace[0, 0]), KINDS[int(single.kind[0, 0])])
