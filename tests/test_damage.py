"""Damage tracking (scenes/damage.py): the rectangle noted for a drawing holds every pixel it changed,
restoring a buffer gives back exactly its background, and converting only what changed gives exactly
the planes a whole-frame conversion gives."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Circle, Dot, ImageMobject, Polygon, Square, Text, VGroup,
                   VMobject, tempconfig)
from manim.camera.camera import Camera

from scenes.damage import FULL, IncrementalYuv, track_damage, union

HEIGHT, WIDTH = 180, 320


def zigzag() -> VMobject:
    """Thick strokes with sharp joins: cairo's miter joins reach far beyond the path."""
    path = VMobject(stroke_width=30).set_points_as_corners([LEFT * 3 + DOWN, UP * 0.2, RIGHT * 0.3 + DOWN, UP * 0.4])
    return path.shift(RIGHT * 2)


SHAPES = {  # built in the test, under the camera fixture's own media folder (Text writes an SVG there)
    "zigzag": zigzag,
    "dot": lambda: Dot(UP * 2 + LEFT * 5, radius=0.05),
    "thick circle": lambda: Circle(0.4, stroke_width=16).set_fill("#55aa33", 0.8).to_corner(UP + RIGHT),
    "background stroke": lambda: Square(0.6).set_stroke(width=4, background=False)
                                            .set_stroke("#000000", width=40, background=True).shift(DOWN * 2),
    "gradient": lambda: Polygon(LEFT, RIGHT, UP * 0.5).set_fill(["#ff0000", "#0000ff"], 1).shift(LEFT * 4),
    "arrow": lambda: Arrow(DOWN * 3 + LEFT * 6, DOWN * 2 + LEFT * 4),
    "text": lambda: Text("f(x) = x^2", font_size=30).to_edge(DOWN),
    "off the frame": lambda: Circle(1.0, stroke_width=8).shift(RIGHT * 7.5 + UP * 3.8),
}


@pytest.fixture
def camera(tmp_path):
    # a media folder of its own: manim writes Text's SVG there, and parallel tests would race on a shared one
    with tempconfig({"pixel_width": WIDTH, "pixel_height": HEIGHT, "media_dir": str(tmp_path)}):
        camera = Camera()
        camera.background_color = "#111318"
        camera.init_background()
        yield camera


def _draw(camera, log, mobjects) -> np.ndarray:
    camera.reset()
    log.restored(camera.pixel_array, camera.background)
    camera.capture_mobjects(mobjects)
    return camera.pixel_array


@pytest.mark.parametrize("name", list(SHAPES))
def test_the_noted_rectangle_holds_every_pixel_the_drawing_changed(camera, name):
    log = track_damage(camera)
    mobject = SHAPES[name]()
    pixels = _draw(camera, log, [mobject])
    changed = np.argwhere(np.any(pixels != camera.background, axis=2))
    assert len(changed), "the shape is drawn"
    background, rect = log.state(pixels)
    assert background is camera.background
    top, bottom, left, right = rect
    assert top <= changed[:, 0].min() and changed[:, 0].max() < bottom
    assert left <= changed[:, 1].min() and changed[:, 1].max() < right
    assert (bottom - top) * (right - left) < 0.6 * HEIGHT * WIDTH, "a small shape gets a small rectangle"


def test_a_group_gets_the_union_and_restoring_copies_it_back_exactly(camera):
    log = track_damage(camera)
    group = [make() for make in SHAPES.values()]
    background = camera.background.copy()
    background[::7, ::5] = 200  # a background with detail, not one colour
    camera.set_frame_to_background(background)
    log.restored(camera.pixel_array, background)
    camera.capture_mobjects(group)
    pixels = camera.pixel_array
    drawn = pixels.copy()
    rect = log.state(pixels)[1]
    assert rect != FULL and not np.array_equal(drawn, background)
    log.restore(pixels, background)
    assert np.array_equal(pixels, background)
    assert log.state(pixels) == (background, None)

    # outside the rectangle nothing is copied: a pixel changed there behind the log's back stays changed
    top, bottom, left, right = rect
    if top > 0:
        camera.capture_mobjects([SHAPES["dot"]()])
        pixels[0, 0] = 1
        log.restore(pixels, background)
        assert pixels[0, 0, 0] == 1


def test_images_and_self_painting_mobjects_mark_the_whole_frame(camera):
    class Painter(VMobject):
        def paint(self, ctx) -> None:  # like the 3D kit's MeshLayer
            ctx.paint()

    log = track_damage(camera)
    pixels = _draw(camera, log, [Dot()])
    assert log.state(pixels)[1] not in (None, FULL)
    camera.capture_mobjects([VGroup(Painter().set_points_as_corners([LEFT, RIGHT, UP, LEFT]))])
    assert log.state(pixels)[1] == FULL
    log.restore(pixels, camera.background)
    assert np.array_equal(pixels, camera.background)

    camera.capture_mobjects([ImageMobject(np.full((4, 4, 4), 255, np.uint8)).scale(0.5)])
    assert log.state(pixels)[1] == FULL
    log.restore(pixels, camera.background)
    assert np.array_equal(pixels, camera.background)


def test_union():
    assert union(None, (1, 2, 3, 4)) == (1, 2, 3, 4)
    assert union((0, 5, 10, 20), (3, 9, 1, 12)) == (0, 9, 1, 20)
    assert union((0, 5, 10, 20), FULL) == FULL
    assert union(None, None) is None


def _whole(pixels: np.ndarray) -> np.ndarray:
    out = np.empty((pixels.shape[0] * 3 // 2, pixels.shape[1]), np.uint8)
    cv2.cvtColor(pixels, cv2.COLOR_RGBA2YUV_I420, dst=out)
    return out


def test_converting_only_what_changed_gives_exactly_the_whole_frame_conversion():
    rng = np.random.default_rng(7)
    backgrounds = [rng.integers(0, 256, (HEIGHT, WIDTH, 4), dtype=np.uint8) for _ in range(2)]
    converter = IncrementalYuv()
    out = np.empty((HEIGHT * 3 // 2, WIDTH), np.uint8)
    for i in range(60):
        background = backgrounds[i // 25 % 2]  # the background changes twice
        frame = background.copy()
        rect = None
        for _ in range(rng.integers(0, 3)):  # odd edges too: the converter widens them to whole 2x2 blocks
            top, left = rng.integers(0, HEIGHT - 1), rng.integers(0, WIDTH - 1)
            bottom, right = rng.integers(top + 1, HEIGHT + 1), rng.integers(left + 1, WIDTH + 1)
            frame[top:bottom, left:right] = rng.integers(0, 256, (bottom - top, right - left, 4), dtype=np.uint8)
            rect = union(rect, (top, bottom, left, right))
        state = None if i % 17 == 16 else (background, rect)  # now and then a frame the log does not know
        converter.convert(frame, state, out)
        assert np.array_equal(out, _whole(frame)), f"frame {i}"
