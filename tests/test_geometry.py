"""Tests for calcviz.geometry: graph pieces, segment clipping, lines in boxes."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calcviz import Function
from calcviz.geometry import clip_segment, graph_segments, line_in_box

TOL = 1e-9


def _assert_well_formed(pieces, lo, hi, y_range):
    for piece in pieces:
        assert piece.ndim == 2 and piece.shape[1] == 2 and piece.shape[0] >= 2
        assert piece.dtype == np.float64
        assert np.all(np.diff(piece[:, 0]) > 0)
        assert np.all(piece[:, 0] >= lo - TOL) and np.all(piece[:, 0] <= hi + TOL)
        assert np.all(piece[:, 1] >= y_range[0] - TOL) and np.all(piece[:, 1] <= y_range[1] + TOL)


def test_reciprocal_gives_two_clipped_pieces():
    pieces = graph_segments("1/x", -2, 2, (-3, 3))
    _assert_well_formed(pieces, -2, 2, (-3, 3))
    assert len(pieces) == 2
    first, second = pieces
    np.testing.assert_allclose(first[0], [-2.0, -0.5])
    np.testing.assert_allclose(first[-1], [-1 / 3, -3.0], atol=1e-12)
    np.testing.assert_allclose(second[0], [1 / 3, 3.0], atol=1e-12)
    np.testing.assert_allclose(second[-1], [2.0, 0.5])
    assert first[-1, 1] == -3.0 and second[0, 1] == 3.0  # exactly on the boundary


def test_points_lie_on_the_graph():
    for piece in graph_segments("1/x", -2, 2, (-3, 3)):
        np.testing.assert_allclose(1 / piece[:, 0], piece[:, 1], rtol=1e-9)


def test_tan_is_cut_at_its_poles():
    pieces = graph_segments("tan(x)", -math.pi, math.pi, (-4, 4))
    _assert_well_formed(pieces, -math.pi, math.pi, (-4, 4))
    assert len(pieces) == 3
    edge = math.atan(4)
    np.testing.assert_allclose(pieces[0][[0, -1], 0], [-math.pi, -math.pi + edge], atol=1e-12)
    np.testing.assert_allclose(pieces[1][[0, -1], 0], [-edge, edge], atol=1e-12)
    np.testing.assert_allclose(pieces[2][[0, -1], 0], [math.pi - edge, math.pi], atol=1e-12)
    for piece in pieces:
        for pole in (-math.pi / 2, math.pi / 2):
            assert not (piece[0, 0] < pole < piece[-1, 0])


def test_log_starts_where_it_enters_the_band():
    (piece,) = graph_segments("log(x)", -1, 2, (-3, 3))
    np.testing.assert_allclose(piece[0], [math.exp(-3), -3.0], atol=1e-12)
    np.testing.assert_allclose(piece[-1], [2.0, math.log(2)])


def test_sqrt_includes_its_domain_boundary_exactly():
    (piece,) = graph_segments("sqrt(x)", -1, 1, (-1, 2))
    assert tuple(piece[0]) == (0.0, 0.0)
    assert tuple(piece[-1]) == (1.0, 1.0)


def test_steep_pass_through_the_band_between_samples():
    pieces = graph_segments("1000x", -1, 1, (-1, 1), samples=4)
    assert len(pieces) == 1
    np.testing.assert_allclose(pieces[0], [[-0.001, -1.0], [0.001, 1.0]], atol=1e-12)


def test_graph_fully_outside_the_band_is_empty():
    assert graph_segments("x^2 + 10", -1, 1, (-1, 1)) == []
    assert graph_segments("sqrt(x)", -2, -1, (-1, 1)) == []


def test_invalid_windows():
    with pytest.raises(ValueError):
        graph_segments("x", 1, 0, (-1, 1))
    with pytest.raises(ValueError):
        graph_segments("x", 0, 1, (1, -1))


FAMILY = st.sampled_from(
    ["1/(x - {c})", "tan({k}x)", "{c}x^2 - {k}", "log(x - {c})", "sin({k}x)/x",
     "1/(x^2 - {k})", "sqrt({k} - x^2)", "{c}/((x-{c})*(x+{k}))", "exp({c}x)"]
)


@settings(max_examples=40, deadline=None)
@given(
    FAMILY,
    st.integers(-2, 2),
    st.integers(1, 3),
    st.floats(-4, 0),
    st.floats(0.1, 4),
    st.floats(0.5, 10),
)
def test_pieces_stay_in_the_box_and_avoid_singularities(template, c, k, lo, width, height):
    f = Function(template.format(c=c, k=k))
    hi = lo + width
    y_range = (-height, height / 2)
    pieces = graph_segments(f, lo, hi, y_range, samples=200)
    _assert_well_formed(pieces, lo, hi, y_range)
    singular = f.singularities(lo, hi)
    for piece in pieces:
        for point in singular:
            assert not (piece[0, 0] < point < piece[-1, 0])
        np.testing.assert_allclose(f(piece[:, 0]), piece[:, 1], rtol=1e-6, atol=1e-6)


# -- clip_segment -------------------------------------------------------------------
BOX = (0.0, 2.0, -1.0, 1.0)


@pytest.mark.parametrize(
    "p0, p1, expected",
    [
        ((0.5, 0.0), (1.5, 0.5), ((0.5, 0.0), (1.5, 0.5))),  # inside
        ((-1.0, 0.0), (3.0, 0.0), ((0.0, 0.0), (2.0, 0.0))),  # horizontal through
        ((1.0, -5.0), (1.0, 5.0), ((1.0, -1.0), (1.0, 1.0))),  # vertical through
        ((3.0, 0.0), (-1.0, 0.0), ((2.0, 0.0), (0.0, 0.0))),  # direction kept
        ((-1.0, -2.0), (3.0, 2.0), ((0.0, -1.0), (2.0, 1.0))),  # diagonal corner to corner
        ((1.0, 0.0), (1.0, 0.0), ((1.0, 0.0), (1.0, 0.0))),  # a point inside
        ((1.0, 0.0), (5.0, 0.0), ((1.0, 0.0), (2.0, 0.0))),  # leaves the box
    ],
)
def test_clip_segment_simple_cases(p0, p1, expected):
    start, end = clip_segment(p0, p1, BOX)
    np.testing.assert_allclose(start, expected[0], atol=1e-15)
    np.testing.assert_allclose(end, expected[1], atol=1e-15)


@pytest.mark.parametrize(
    "p0, p1",
    [((3.0, 0.0), (4.0, 0.0)), ((-1.0, 2.0), (3.0, 2.0)), ((5.0, 5.0), (5.0, 5.0)),
     ((-1.0, 0.0), (0.0, 2.0))],
)
def test_clip_segment_outside_is_none(p0, p1):
    assert clip_segment(p0, p1, BOX) is None


coordinate = st.floats(-10, 10)


@settings(max_examples=100, deadline=None)
@given(coordinate, coordinate, coordinate, coordinate)
def test_clipped_segment_is_inside_and_on_the_original(x0, y0, x1, y1):
    result = clip_segment((x0, y0), (x1, y1), BOX)
    if result is None:
        return
    direction = np.array([x1 - x0, y1 - y0])
    for point in result:
        assert BOX[0] - TOL <= point[0] <= BOX[1] + TOL
        assert BOX[2] - TOL <= point[1] <= BOX[3] + TOL
        offset = point - np.array([x0, y0])
        cross = direction[0] * offset[1] - direction[1] * offset[0]
        assert abs(cross) <= 1e-9 * (1 + np.dot(direction, direction))
    inside = all(BOX[0] <= px <= BOX[1] and BOX[2] <= py <= BOX[3] for px, py in ((x0, y0), (x1, y1)))
    if inside:
        np.testing.assert_allclose(result, [(x0, y0), (x1, y1)])


# -- line_in_box ----------------------------------------------------------------------
def test_line_in_box_cases():
    start, end = line_in_box((0, 0), 1.0, (-1, 2, -1, 1))
    np.testing.assert_allclose([start, end], [(-1, -1), (1, 1)])
    start, end = line_in_box((1, 0.5), 0.0, BOX)
    np.testing.assert_allclose([start, end], [(0, 0.5), (2, 0.5)])
    start, end = line_in_box((0.5, 7), math.inf, BOX)
    np.testing.assert_allclose([start, end], [(0.5, -1), (0.5, 1)])
    start, end = line_in_box((0.5, 7), -math.inf, BOX)
    np.testing.assert_allclose([start, end], [(0.5, -1), (0.5, 1)])


def test_line_missing_the_box():
    with pytest.raises(ValueError):
        line_in_box((0, 5), 0.0, BOX)
    with pytest.raises(ValueError):
        line_in_box((5, 0), math.inf, BOX)
    with pytest.raises(ValueError):
        line_in_box((0, 0), math.nan, BOX)


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 2), st.floats(-1, 1), st.floats(-1e6, 1e6))
def test_line_through_an_inside_point_ends_on_the_boundary(px, py, slope):
    assume(slope == 0 or abs(slope) > 1e-12)
    start, end = line_in_box((px, py), slope, BOX)
    for point in (start, end):
        on_x_edge = min(abs(point[0] - BOX[0]), abs(point[0] - BOX[1])) <= 1e-9
        on_y_edge = min(abs(point[1] - BOX[2]), abs(point[1] - BOX[3])) <= 1e-9
        assert on_x_edge or on_y_edge
        assert BOX[0] - TOL <= point[0] <= BOX[1] + TOL and BOX[2] - TOL <= point[1] <= BOX[3] + TOL
        assert abs((point[1] - py) - slope * (point[0] - px)) <= 1e-6 * (1 + abs(slope))
    assert start[0] <= end[0]
