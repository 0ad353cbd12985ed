"""scenes/kit/speedups.py: manim's drawing and formula parsing, faster, with the same results."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from manim import Circle, VMobject, config
from manim.mobject.svg import svg_mobject

from scenes.kit import speedups
from scenes.kit.look import formula


def test_a_remembered_subpath_split_follows_points_changed_in_place():
    mob = VMobject()
    mob.set_points_as_corners([[0, 0, 0], [1, 0, 0], [1, 1, 0]])
    first = mob.get_subpath_split_indices_from_points(mob.points)
    assert mob.get_subpath_split_indices_from_points(mob.points) is first  # unchanged points: reused
    mob.points[4:8] += 5.0  # the second segment moves away in place: two subpaths now
    split = mob.get_subpath_split_indices_from_points(mob.points)
    assert split.tolist() == [[0, 4], [4, 8]]
    assert np.array_equal(split, speedups._split_subpaths(mob, mob.points))
    circle = Circle()
    assert np.array_equal(circle.get_subpath_split_indices_from_points(circle.points, n_dims=2),
                          speedups._split_subpaths(circle, circle.points, 2))


@pytest.mark.parametrize("seed", range(4))
def test_the_lean_subpath_split_equals_manims_on_any_points(seed):
    """Random corners on a small grid (so anchors often coincide), at any scale, some not finite."""
    rng = np.random.default_rng(seed)
    mob = VMobject()
    for _ in range(500):
        n = int(rng.integers(0, 40))
        points = rng.integers(0, 3, size=(n, 3)).astype(float) * rng.choice([1.0, 1e-9, 1e6])
        if n and rng.random() < 0.1:
            points[rng.integers(n)] = rng.choice([np.nan, np.inf, -np.inf])
        for n_dims in (2, 3):
            lean, manims = speedups._lean_split(mob, points, n_dims), speedups._split_subpaths(mob, points, n_dims)
            assert lean.shape == manims.shape and lean.dtype == manims.dtype and np.array_equal(lean, manims), points


def test_the_lean_subpath_split_equals_manims_on_a_formula():
    for glyph in formula(r"\frac{d}{dx}\left(x \sin(2x)\right)").family_members_with_points():
        assert np.array_equal(speedups._lean_split(glyph, glyph.points, 2), speedups._split_subpaths(glyph, glyph.points, 2))


@pytest.fixture
def tex_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "tex_dir", str(tmp_path / "tex"))
    monkeypatch.setattr(svg_mobject, "SVG_HASH_TO_MOB_MAP", {})
    return tmp_path / "tex"


def _points(mob) -> np.ndarray:
    return np.concatenate([m.points for m in mob.family_members_with_points()])


def test_parsed_formulas_are_kept_beside_the_tex_folder_and_equal_a_fresh_parse(tex_dir, monkeypatch):
    parsed = formula(r"\frac{d}{dx} x^2 = 2x", "+ 1")
    kept = list((tex_dir.parent / "tex.parsed").glob("*.pickle"))
    assert len(kept) == 1 and not list(tex_dir.glob("*.pickle"))  # manim deletes non-SVG files in its folder
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    monkeypatch.setattr(speedups, "_init_svg_mobject", lambda *a: pytest.fail("parsed again"))
    again = formula(r"\frac{d}{dx} x^2 = 2x", "+ 1")
    assert [len(part) for part in again] == [len(part) for part in parsed]
    assert np.array_equal(_points(again), _points(parsed))
    assert again[1].get_center() == pytest.approx(parsed[1].get_center())


def test_a_damaged_parsed_formula_is_parsed_again_and_replaced(tex_dir):
    parsed = formula("y = 3")
    [kept] = (tex_dir.parent / "tex.parsed").glob("*.pickle")
    kept.write_bytes(b"not a pickle")
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    again = formula("y = 3")
    assert np.array_equal(_points(again), _points(parsed))
    assert kept.read_bytes() != b"not a pickle"


def test_updaters_get_dt_only_when_they_ask_for_it_and_the_answer_is_kept(monkeypatch):
    calls = []
    mob, child = VMobject(), VMobject()
    mob.add(child)
    mob.add_updater(lambda m, dt: calls.append(("timed", dt)))
    mob.add_updater(lambda m: calls.append(("plain",)))
    child.add_updater(functools.partial(lambda tag, m, dt: calls.append((tag, dt)), "partial"))
    mob.update(0.25)
    assert calls == [("timed", 0.25), ("plain",), ("partial", 0.25)]
    monkeypatch.setattr(speedups.inspect, "signature", lambda f: pytest.fail("looked up again"))
    mob.update(0.5)
    assert calls[3:] == [("timed", 0.5), ("plain",), ("partial", 0.5)]
    mob.suspend_updating()
    mob.update(1.0)
    assert len(calls) == 6


def test_an_updater_that_cannot_be_weakly_referenced_is_still_run():
    seen = []
    mob = VMobject()
    mob.add_updater(seen.append)  # a builtin method: no weak references, asked about every time
    mob.update(0.1)
    mob.update(0.2)
    assert seen == [mob, mob]


def _shapes() -> list[VMobject]:
    """Closed and open paths, several subpaths, a trailing partial curve, points that are not finite, glyphs."""
    gaps = VMobject().set_points_as_corners([[0, 0, 0], [1, 0, 0], [1, 1, 0]])
    gaps.append_points(np.array([[2, 2, 0], [2.5, 2, 0], [3, 2.5, 0], [3, 3, 0], [3, 3, 0]]))  # a new subpath, a stray point
    broken = VMobject().set_points_as_corners([[0, 0, 0], [1, 1, 0], [2, 0, 0]])
    broken.points[5] = np.nan
    rng = np.random.default_rng(7)
    scattered = VMobject().set_points(rng.integers(-3, 4, size=(40, 3)).astype(float) * [1, 1, 0])
    return [Circle(), gaps, broken, scattered, VMobject(), *formula(r"\int_1^\infty \frac{dx}{x^2} = 1").family_members_with_points()]


def test_the_lean_path_makes_manims_cairo_path_exactly():
    """Same Cairo path, point for point: the frames are the same to the bit."""
    import cairo
    from manim import Camera

    camera = Camera(pixel_width=320, pixel_height=180)
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, 320, 180)
    ctx = cairo.Context(surface)
    for mob in _shapes():
        ctx.new_path()
        speedups._manims_path(camera, ctx, mob)
        manims = list(ctx.copy_path())
        ctx.new_path()
        speedups._lean_path(camera, ctx, mob)
        assert list(ctx.copy_path()) == manims, mob
    assert Camera.set_cairo_context_path is speedups._lean_path
