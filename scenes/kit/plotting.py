"""Axes in the house style, and calcviz's arrays mapped onto them: graphs, lines, areas."""

from __future__ import annotations

import numpy as np
from manim import Axes, Line, MathTex, VGroup, VMobject

from calcviz import geometry
from calcviz.view import nice_step, value_window
from scenes.kit.look import AXIS, FUNCTION, lighten, LABEL_SIZE, TICK_SIZE, MUTED, NEGATIVE_AREA, POSITIVE_AREA, SECANT, TANGENT

def make_axes(
    x_window: tuple[float, float, float],
    y_window: tuple[float, float, float],
    width: float,
    height: float,
    x_label: str = "x",
    y_label: str = "y",
    numbers: bool = True,
) -> Axes:
    """Axes in the house style; windows are ``(lo, hi, step)`` from :mod:`calcviz.view`."""
    axes = Axes(
        x_range=list(x_window),
        y_range=list(y_window),
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": AXIS, "stroke_width": 2, "include_numbers": numbers, "font_size": TICK_SIZE,
                     "line_to_number_buff": 0.15, "decimal_number_config": {"num_decimal_places": _decimals(x_window[2]), "color": MUTED}},
        y_axis_config={"decimal_number_config": {"num_decimal_places": _decimals(y_window[2]), "color": MUTED}},
    )
    labels = axes.get_axis_labels(MathTex(x_label, font_size=LABEL_SIZE, color=MUTED), MathTex(y_label, font_size=LABEL_SIZE, color=MUTED))
    axes.add(labels)
    return lighten(axes)


def _decimals(step: float) -> int:
    digits = 0
    while abs(step * 10**digits - round(step * 10**digits)) > 1e-9 and digits < 6:
        digits += 1
    return digits


def window_for(f, lo: float, hi: float, samples: int = 400) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """Nice x and y windows (lo, hi, step) showing f over [lo, hi]."""
    xs = np.linspace(lo, hi, samples)
    x_window = (lo, hi, nice_step(hi - lo))
    return x_window, value_window(f(xs))


def axes_box(axes: Axes) -> tuple[float, float, float, float]:
    (x0, x1, _), (y0, y1, _) = axes.x_range, axes.y_range
    return (x0, x1, y0, y1)


def to_scene(axes: Axes, xy: np.ndarray) -> np.ndarray:
    """Map an (n, 2) array of graph coordinates to scene points (linear axes)."""
    origin, basis = _affine(axes)
    return origin + np.atleast_2d(xy) @ basis


def _affine(axes: Axes) -> tuple[np.ndarray, np.ndarray]:
    """The axes' map as origin + (x, y) @ basis, worked out again only when the axes moved.

    ``axes.c2p`` costs about half a millisecond a call; updaters call this every frame.
    """
    key = axes.x_axis.points.tobytes() + axes.y_axis.points.tobytes()  # where the axis lines are now
    cached = getattr(axes, "_calcviz_affine", None)
    if cached is None or cached[0] != key:
        origin = axes.c2p(0, 0)
        cached = (key, origin, np.array([axes.c2p(1, 0) - origin, axes.c2p(0, 1) - origin]))
        axes._calcviz_affine = cached
    return cached[1], cached[2]


def graph(axes: Axes, f, lo: float | None = None, hi: float | None = None, color: str = FUNCTION, width: float = 4) -> VGroup:
    """The graph of a calcviz Function, clipped to the axes and broken at poles."""
    x0, x1, y0, y1 = axes_box(axes)
    lo = x0 if lo is None else max(lo, x0)
    hi = x1 if hi is None else min(hi, x1)
    pieces = VGroup()
    for segment in geometry.graph_segments(f, lo, hi, (y0, y1)):
        piece = VMobject(stroke_color=color, stroke_width=width)
        piece.set_points_smoothly(to_scene(axes, segment)) if len(segment) > 2 else piece.set_points_as_corners(to_scene(axes, segment))
        piece.x_span = (float(segment[0, 0]), float(segment[-1, 0]))
        pieces.add(piece)
    return pieces


def line_ends(axes: Axes, x: float, y: float, slope: float) -> np.ndarray:
    """Scene endpoints of the line through (x, y) with ``slope``, clipped to the axes' box."""
    p0, p1 = geometry.line_in_box((x, y), slope, axes_box(axes))
    return to_scene(axes, np.array([p0, p1]))


def line_through(axes: Axes, x: float, y: float, slope: float, color: str = TANGENT, width: float = 3) -> Line:
    """The line through (x, y) with ``slope``, clipped to the axes' box."""
    start, end = line_ends(axes, x, y, slope)
    return Line(start, end, color=color, stroke_width=width)


def move_line(line: Line, start: np.ndarray, end: np.ndarray) -> Line:
    """Re-point a line in place: far cheaper per frame than ``put_start_and_end_on``."""
    line.set_points_as_corners(np.array([start, end]))
    return line


def point_at(axes: Axes, x: float, y: float) -> np.ndarray:
    return to_scene(axes, np.array([[x, y]]))[0]


def segment(axes: Axes, p0, p1, color: str = SECANT, width: float = 3) -> Line:
    """The segment p0-p1 extended across the axes' box (a secant line), clipped to it."""
    (x0, y0), (x1, y1) = p0, p1
    return line_through(axes, x0, y0, (y1 - y0) / (x1 - x0), color=color, width=width)


def fixed_map(axes: Axes):
    """:func:`to_scene` frozen at the axes' present place: later moves of the axes do not move what it maps."""
    origin, basis = _affine(axes)
    return lambda xy: origin + np.atleast_2d(xy) @ basis


def polyline_points(corners: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """Bezier points of the straight polyline through ``corners`` (scene points), for ``vmobject.points``.

    Much cheaper per frame than ``set_points_as_corners``.  With ``keep``,
    only segments joining two kept corners are drawn: each run where ``keep``
    holds becomes its own subpath.  Non-finite corners are never kept.
    """
    kept = np.all(np.isfinite(corners), axis=1)
    if keep is not None:
        kept &= keep
    joined = kept[:-1] & kept[1:]
    starts, ends = corners[:-1][joined], corners[1:][joined]
    step = (ends - starts) / 3
    return np.stack([starts, starts + step, ends - step, ends], axis=1).reshape(-1, 3)


class SignedArea(VGroup):
    """The region between a sampled curve and the x-axis, filled by sign: above counts +, below counts -.

    ``set_samples`` re-shapes the two polygons in place, cheaply enough to
    follow a sweeping x every frame (the axes must not move meanwhile).
    """

    def __init__(self, axes: Axes, xs: np.ndarray, ys: np.ndarray, opacity: float = 0.4) -> None:
        super().__init__(*[VMobject(fill_color=color, fill_opacity=opacity, stroke_width=0) for color in (POSITIVE_AREA, NEGATIVE_AREA)])
        self.to_scene = fixed_map(axes)
        self.set_samples(xs, ys)

    def set_samples(self, xs: np.ndarray, ys: np.ndarray) -> "SignedArea":
        for part, heights in zip(self.submobjects, (np.maximum(ys, 0.0), np.minimum(ys, 0.0))):
            outline = np.column_stack([np.r_[xs[0], xs, xs[-1], xs[0]], np.r_[0.0, heights, 0.0, 0.0]])
            part.points = polyline_points(self.to_scene(outline))
        return self


def segments(starts, ends, color: str = MUTED, width: float = 1.5, opacity: float = 1.0) -> VMobject:
    """Straight segments start -> end (scene points) as one path of many pieces: drawn in one go each
    frame (a VGroup of Lines is drawn, and animated, line by line). Created, they appear in order."""
    starts, ends = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    thirds = [starts, starts + (ends - starts) / 3, starts + 2 * (ends - starts) / 3, ends]
    path = VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
    path.points = np.stack(thirds, axis=1).reshape(-1, 3)
    return path


def dashed_segments(starts, ends, color: str = MUTED, width: float = 1.5, dash: float = 0.05) -> VMobject:
    """Dashed segments start -> end (scene points) drawn as one path of many pieces.

    A DashedLine is one mobject per dash; redrawing dozens of them each frame
    of a play is slow.  Created, the dashes appear riser
    after riser, in order.
    """
    dash_starts, dash_ends = [], []
    for start, end in zip(starts, ends):
        count = max(1, int(np.linalg.norm(end - start) / (2 * dash)))
        for k in range(count):
            dash_starts.append(start + (end - start) * (k / count))
            dash_ends.append(start + (end - start) * ((k + 0.5) / count))
    return segments(np.reshape(dash_starts, (-1, 3)), np.reshape(dash_ends, (-1, 3)), color, width)

