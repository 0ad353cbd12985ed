"""Drawable geometry: graph pieces that stay inside the axes and avoid poles."""

from __future__ import annotations

from typing import Optional

import numpy as np

from ._numeric import bisect_sign_change
from .functions import as_function

__all__ = ["graph_segments", "clip_segment", "line_in_box"]

_APPROACH_STEPS = 60


def graph_segments(f, lo: float, hi: float, y_range, samples: int = 512) -> list[np.ndarray]:
    """The graph of f over ``[lo, hi]`` as contiguous pieces inside ``y_range``.

    The interval is cut at the singularities of f and wherever f is not
    finite; each piece is clipped to ``y_range = (ymin, ymax)``, with the
    points where the graph leaves/enters the band located by bisection on f.

    Parameters
    ----------
    f : Function or anything ``Function()`` accepts
    lo, hi : float
        The x interval.
    y_range : (float, float)
        The visible y band.
    samples : int, optional
        Approximate number of sample points over ``[lo, hi]``.

    Returns
    -------
    list of ndarray
        Arrays of shape ``(k, 2)`` (columns x, y), ``k >= 2``, in order.

    Examples
    --------
    >>> pieces = graph_segments("1/x", -2, 2, (-3, 3))
    >>> len(pieces)
    2
    >>> np.round(pieces[0][[0, -1]], 12)
    array([[-2.        , -0.5       ],
           [-0.33333333, -3.        ]])
    >>> np.round(pieces[1][[0, -1]], 12)
    array([[0.33333333, 3.        ],
           [2.        , 0.5       ]])
    """
    f = as_function(f)
    lo, hi, ymin, ymax = _checked_window(lo, hi, y_range)
    xs, owner = _all_samples(f.breakpoints(lo, hi), lo, hi, samples)
    runs = _finite_runs(f, xs, owner)
    pieces = _clip_runs(f, runs, ymin, ymax)
    return [piece for piece in pieces if len(piece) >= 2]


def _checked_window(lo, hi, y_range) -> tuple[float, float, float, float]:
    lo, hi = float(lo), float(hi)
    ymin, ymax = (float(v) for v in y_range)
    values = np.array([lo, hi, ymin, ymax])
    if not np.all(np.isfinite(values)) or not (lo < hi and ymin < ymax):
        raise ValueError(f"invalid window x in [{lo}, {hi}], y in [{ymin}, {ymax}]")
    return lo, hi, ymin, ymax


def _all_samples(breaks, lo: float, hi: float, samples: int):
    """Samples of every piece between breakpoints, and the piece owning each."""
    defined = {point.value: point.defined for point in breaks}
    edges = [lo, *(point.value for point in breaks if lo < point.value < hi), hi]
    parts, owners = [], []
    for index, (a, b) in enumerate(zip(edges, edges[1:])):
        count = samples * (b - a) / (hi - lo)
        part = _sample_points(a, b, defined.get(a), defined.get(b), count)
        parts.append(part)
        owners.append(np.full(part.size, index))
    return np.concatenate(parts), np.concatenate(owners)


def _sample_points(a: float, b: float, a_defined, b_defined, count: float):
    """Uniform samples of ``[a, b]`` plus a geometric approach to cut ends.

    ``a_defined``/``b_defined`` are None for ordinary ends, else whether f
    is defined at that breakpoint; undefined ends (poles) are approached
    but never sampled themselves.
    """
    steps = (b - a) * 0.5 ** np.arange(1, _APPROACH_STEPS)
    parts = [np.linspace(a, b, max(int(round(count)), 2))]
    parts += [a + steps] if a_defined is not None else []
    parts += [b - steps] if b_defined is not None else []
    xs = np.unique(np.concatenate(parts))
    keep = (xs >= a) & (xs <= b)
    keep &= ~((xs == a) & (a_defined is False)) & ~((xs == b) & (b_defined is False))
    return xs[keep]


def _finite_runs(f, xs: np.ndarray, owner: np.ndarray) -> list[np.ndarray]:
    """Runs of finite samples within one piece, extended to finiteness edges.

    Each run is a ``(k, 2)`` array of points on the graph.
    """
    finite = np.isfinite(f(xs))
    key = np.where(finite, owner, -1)
    bounds = np.flatnonzero(key[1:] != key[:-1]) + 1
    spans = [(s, e) for s, e in zip([0, *bounds], [*bounds, xs.size]) if key[s] >= 0]
    inside, outside = _edge_brackets(spans, owner, xs)
    edges = iter(_finite_edges(f, inside, outside))
    run_xs = []
    for start, stop in spans:
        left = [next(edges)] if _has_open_end(owner, start, start - 1) else []
        right = [next(edges)] if _has_open_end(owner, stop - 1, stop) else []
        run_xs.append(np.unique(np.concatenate([left, xs[start:stop], right])))
    return _evaluate_runs(f, run_xs)


def _has_open_end(owner: np.ndarray, index: int, neighbour: int) -> bool:
    """Whether a run end borders a non-finite sample of the same piece."""
    return 0 <= neighbour < owner.size and owner[neighbour] == owner[index]


def _edge_brackets(spans, owner, xs):
    inside, outside = [], []
    for start, stop in spans:
        for index, neighbour in ((start, start - 1), (stop - 1, stop)):
            if _has_open_end(owner, index, neighbour):
                inside.append(xs[index])
                outside.append(xs[neighbour])
    return np.array(inside, dtype=float), np.array(outside, dtype=float)


def _finite_edges(f, inside: np.ndarray, outside: np.ndarray) -> np.ndarray:
    """Last points (from ``inside`` towards ``outside``) where f is finite."""
    if inside.size == 0:
        return inside

    def finite_indicator(t):
        return np.where(np.isfinite(f(t)), 1.0, -1.0)

    left, _ = bisect_sign_change(finite_indicator, inside, outside)
    return left


def _evaluate_runs(f, run_xs: list[np.ndarray]) -> list[np.ndarray]:
    if not run_xs:
        return []
    all_x = np.concatenate(run_xs)
    all_y = np.asarray(f(all_x), dtype=float)
    splits = np.cumsum([run.size for run in run_xs])[:-1]
    return [np.column_stack(pair) for pair in zip(np.split(all_x, splits), np.split(all_y, splits))]


def _clip_runs(f, runs: list[np.ndarray], ymin: float, ymax: float) -> list[np.ndarray]:
    """Clip every run to the band, locating all crossings in one bisection."""
    states = [_band_state(run[:, 1], ymin, ymax) for run in runs]
    requests = [_crossing_requests(state) for state in states]
    brackets = [
        (run[i, 0], run[i + 1, 0], level)
        for run, found in zip(runs, requests)
        for i, level, _ in found
    ]
    crossings = iter(_cross_all(f, brackets, ymin, ymax))
    pieces = []
    for run, state, found in zip(runs, states, requests):
        located = [(i, next(crossings), level, closes) for i, level, closes in found]
        pieces.extend(_assemble(run, state, located, ymin, ymax))
    return [_drop_repeats(piece) for piece in pieces]


def _band_state(ys: np.ndarray, ymin: float, ymax: float) -> np.ndarray:
    """-1 below the band, 0 inside (boundary included), 1 above."""
    return np.where(ys > ymax, 1, np.where(ys < ymin, -1, 0))


def _crossing_requests(state: np.ndarray) -> list[tuple[int, int, bool]]:
    """``(pair index, level sign, closes)`` for each band-boundary crossing."""
    requests = []
    for i in np.flatnonzero(state[:-1] != state[1:]):
        before, after = int(state[i]), int(state[i + 1])
        if before != 0:
            requests.append((int(i), before, False))  # enters through its side
        if after != 0:
            requests.append((int(i), after, True))  # leaves through its side
    return requests


def _cross_all(f, brackets, ymin: float, ymax: float) -> np.ndarray:
    """Bisection for ``f(x) = level`` on every bracket at once."""
    if not brackets:
        return np.empty(0)
    x0, x1, sides = (np.array(column, dtype=float) for column in zip(*brackets))
    levels = np.where(sides > 0, ymax, ymin)
    left, right = bisect_sign_change(lambda t: f(t) - levels, x0, x1, iterations=100)
    return 0.5 * (left + right)


def _assemble(run, state, located, ymin: float, ymax: float) -> list[np.ndarray]:
    """Pieces of one run: inside samples joined with their crossing points."""
    by_pair: dict[int, list] = {}
    for i, x, side, closes in located:
        by_pair.setdefault(i, []).append((x, ymax if side > 0 else ymin, closes))
    pieces, current = [], ([tuple(run[0])] if state[0] == 0 else [])
    for i in range(len(run) - 1):
        for x, level, closes in by_pair.get(i, ()):
            current.append((x, level))
            if closes:
                pieces.append(np.array(current))
                current = []
        if state[i + 1] == 0:
            current.append(tuple(run[i + 1]))
    if current:
        pieces.append(np.array(current))
    return pieces


def _drop_repeats(piece: np.ndarray) -> np.ndarray:
    """Drop interior points crowding their predecessor (keep both ends)."""
    gap = 1e-9 * max(1.0, float(np.ptp(piece[:, 0])))
    kept = [0]
    for index in range(1, len(piece)):
        if piece[index, 0] - piece[kept[-1], 0] > gap:
            kept.append(index)
    last = len(piece) - 1
    if kept[-1] != last:
        kept[-1:] = [last] if len(kept) > 1 else [0, last]
    return piece[kept].astype(np.float64)


def clip_segment(p0, p1, box) -> Optional[tuple[np.ndarray, np.ndarray]]:
    """Clip the segment ``p0 -> p1`` to ``box = (xmin, xmax, ymin, ymax)``.

    Liang-Barsky; returns the clipped endpoints (in the same direction) or
    None when the segment misses the box.

    Examples
    --------
    >>> clip_segment((-1, 0.5), (2, 0.5), (0, 1, 0, 1))
    (array([0. , 0.5]), array([1. , 0.5]))
    >>> clip_segment((2, 2), (3, 3), (0, 1, 0, 1)) is None
    True
    """
    start, end = np.asarray(p0, dtype=float), np.asarray(p1, dtype=float)
    xmin, xmax, ymin, ymax = (float(v) for v in box)
    delta = end - start
    p = (-delta[0], delta[0], -delta[1], delta[1])
    q = (start[0] - xmin, xmax - start[0], start[1] - ymin, ymax - start[1])
    t_range = _liang_barsky_range(p, q)
    if t_range is None:
        return None
    t0, t1 = t_range
    low, high = np.array([xmin, ymin]), np.array([xmax, ymax])
    clipped_start = start.copy() if t0 == 0.0 else np.clip(start + t0 * delta, low, high)
    clipped_end = end.copy() if t1 == 1.0 else np.clip(start + t1 * delta, low, high)
    return clipped_start, clipped_end


def _liang_barsky_range(p, q) -> Optional[tuple[float, float]]:
    t0, t1 = 0.0, 1.0
    for pk, qk in zip(p, q):
        if pk == 0:
            if qk < 0:
                return None
            continue
        with np.errstate(over="ignore"):
            t = np.float64(qk) / np.float64(pk)  # may overflow to +-inf: fine
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    return (t0, t1) if t0 <= t1 else None


def line_in_box(point, slope: float, box) -> tuple[np.ndarray, np.ndarray]:
    """The infinite line through ``point`` with ``slope``, clipped to ``box``.

    ``slope`` may be ``inf``/``-inf`` for a vertical line.  Endpoints are
    ordered by increasing x (increasing y for vertical lines).

    Raises
    ------
    ValueError
        If the line misses the box or the slope is nan.

    Examples
    --------
    >>> line_in_box((0, 0), 1.0, (-1, 2, -1, 1))
    (array([-1., -1.]), array([1., 1.]))
    >>> line_in_box((0.5, 0), float("inf"), (0, 1, -2, 2))
    (array([ 0.5, -2. ]), array([0.5, 2. ]))
    """
    px, py = (float(v) for v in point)
    slope = float(slope)
    xmin, xmax, ymin, ymax = (float(v) for v in box)
    if np.isnan(slope):
        raise ValueError("slope is nan")
    direction = _unit_direction(slope)
    centre = np.array([(xmin + xmax) / 2, (ymin + ymax) / 2])
    reach = np.hypot(xmax - xmin, ymax - ymin) + np.hypot(*(centre - (px, py))) + 1.0
    start = np.array([px, py]) - reach * direction
    clipped = clip_segment(start, start + 2 * reach * direction, box)
    if clipped is not None:
        return clipped
    if xmin <= px <= xmax and ymin <= py <= ymax:  # grazes a corner: rounding
        return np.array([px, py]), np.array([px, py])
    raise ValueError(f"the line through {point} with slope {slope} misses the box")


def _unit_direction(slope: float) -> np.ndarray:
    """Unit vector along a line of ``slope``, pointing right (up if vertical)."""
    if np.isinf(slope):
        return np.array([0.0, 1.0])
    if abs(slope) <= 1.0:
        return np.array([1.0, slope]) / np.hypot(1.0, slope)
    run = 1.0 / slope
    return np.array([abs(run), np.sign(slope)]) / np.hypot(run, 1.0)
