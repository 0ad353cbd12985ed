"""The surface z = F(x, y) sampled on a grid, and its contour lines (marching squares in numpy)."""

from __future__ import annotations

import numpy as np

from .fields import as_field, checked_range, checked_resolution

__all__ = ["surface_grid", "contour_lines"]


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
    xs = np.linspace(*checked_range(x_range, "x_range"), checked_resolution(resolution))
    ys = np.linspace(*checked_range(y_range, "y_range"), resolution)
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
