"""Where each frame's drawing landed (its damage), so pixels that did not change are not touched again.

A frame is the static background plus what the camera draws over it.  After
each frame its buffer was refilled with the whole background (an 8 MB copy at
1080p), and each frame was converted to yuv420p whole (1.9 ms), though most
frames of a lecture change a small part of the screen.  Here the camera notes
a rectangle that holds everything it drew into each buffer: cairo's extents
of each path, padded by the stroke (a miter join reaches out 5 stroke widths)
and 2 pixels of antialiasing.  The refill then copies back only that
rectangle, and :class:`IncrementalYuv` converts only the rectangles of a frame
and of the one before it.  What a rectangle cannot bound (images, point
clouds, background-coloured vmobjects and mobjects that paint themselves,
such as the 3D mesh) marks the whole frame.

Backgrounds are compared by identity: manim makes a new array for each
play's static image and never changes one in place.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
from manim import VMobject

FULL = "full"  # the whole frame may have changed
MITER_REACH = 5  # cairo's default miter limit (10) lets a join reach 5 stroke widths from the path
AA_PIXELS = 2


def union(a, b):
    """The smallest rectangle (top, bottom, left, right) holding ``a`` and ``b``; None is empty."""
    if a is None:
        return b
    if b is None:
        return a
    if a == FULL or b == FULL:
        return FULL
    return min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])


class DamageLog:
    """Per camera buffer: the background it was last made equal to, and the rectangle drawn over it since."""

    def __init__(self, camera) -> None:
        self.camera = camera
        self.background: dict[int, np.ndarray] = {}
        self.damage: dict[int, object] = {}

    def restored(self, buffer: np.ndarray, background: np.ndarray) -> None:
        self.background[id(buffer)] = background
        self.damage[id(buffer)] = None

    def forget(self, buffer: np.ndarray) -> None:
        self.background.pop(id(buffer), None)
        self.damage.pop(id(buffer), None)

    def drew(self, buffer: np.ndarray, rect) -> None:
        if id(buffer) in self.background:
            self.damage[id(buffer)] = union(self.damage[id(buffer)], rect)

    def state(self, buffer: np.ndarray):
        """(background, damage) of ``buffer``, or None when it is not known to be a background plus drawing."""
        background = self.background.get(id(buffer))
        return None if background is None else (background, self.damage[id(buffer)])

    def restore(self, buffer: np.ndarray, background: np.ndarray) -> None:
        """Make ``buffer`` equal to ``background``, copying only what was drawn when that is known."""
        state = self.state(buffer)
        if state is not None and state[0] is background and state[1] != FULL and background.shape == buffer.shape:
            if state[1] is not None:
                top, bottom, left, right = state[1]
                buffer[top:bottom, left:right] = background[top:bottom, left:right]
        else:
            np.copyto(buffer, background)
        self.restored(buffer, background)

    def rectangle(self, ctx, vmobject: VMobject):
        """The pixels the path just drawn for ``vmobject`` can have touched."""
        x0, y0, x1, y1 = ctx.path_extents()
        widths = max(vmobject.get_stroke_width(), vmobject.get_stroke_width(background=True))
        pad = MITER_REACH * widths * self.camera.cairo_line_width_multiple
        (ax, ay), (bx, by) = ctx.user_to_device(x0 - pad, y0 - pad), ctx.user_to_device(x1 + pad, y1 + pad)
        height, width = self.camera.pixel_height, self.camera.pixel_width
        top = max(0, math.floor(min(ay, by)) - AA_PIXELS)
        bottom = min(height, math.ceil(max(ay, by)) + AA_PIXELS)
        left = max(0, math.floor(min(ax, bx)) - AA_PIXELS)
        right = min(width, math.ceil(max(ax, bx)) + AA_PIXELS)
        return (top, bottom, left, right) if top < bottom and left < right else None


def track_damage(camera) -> DamageLog:
    """Make ``camera`` note in a :class:`DamageLog` where it draws."""
    log = DamageLog(camera)
    draw_vmobjects = camera.display_multiple_vectorized_mobjects

    def display_vmobjects(vmobjects, pixel_array) -> None:
        if any(vm.get_background_image() or hasattr(vm, "paint") for vm in vmobjects):
            log.drew(pixel_array, FULL)
            return draw_vmobjects(vmobjects, pixel_array)
        ctx = camera.get_cairo_context(pixel_array)
        rect = None
        for vmobject in vmobjects:
            camera.display_vectorized(vmobject, ctx)
            if len(vmobject.points):
                rect = union(rect, log.rectangle(ctx, vmobject))
        log.drew(pixel_array, rect)

    def marks_everything(display):
        def display_and_mark(mobjects, pixel_array):
            log.drew(pixel_array, FULL)
            return display(mobjects, pixel_array)
        return display_and_mark

    # manim's type_or_raise looks these up on the camera for every batch it draws
    camera.display_multiple_vectorized_mobjects = display_vmobjects
    for name in ("display_multiple_point_cloud_mobjects", "display_multiple_image_mobjects"):
        setattr(camera, name, marks_everything(getattr(camera, name)))
    return log


def rgba_to_yuv420p(pixels: np.ndarray, out: np.ndarray) -> None:
    """RGBA (h, w, 4) to yuv420p planes (h * 3/2, w) in ``out``: BT.601, limited range.

    The same matrix and range as swscale's default, which manim's encoder
    uses; luma matches it to ±1, chroma differs only in how 2×2 blocks are
    averaged (a box here, swscale's left-sited filter there).
    """
    cv2.cvtColor(pixels, cv2.COLOR_RGBA2YUV_I420, dst=out)  # even sizes only, as x264 needs for 4:2:0


def _even(rect, height: int, width: int):
    top, bottom, left, right = rect
    return top - top % 2, min(height, bottom + bottom % 2), left - left % 2, min(width, right + right % 2)


class IncrementalYuv:
    """RGBA frames to yuv420p planes (BT.601, limited range), reconverting only what changed since the last frame.

    Each 2x2 block's chroma depends only on its own four pixels, so a region
    aligned to even rows and columns converts to exactly the planes' values.
    """

    def __init__(self) -> None:
        self.planes: np.ndarray | None = None
        self.last = None  # (background, damage) of the last frame converted

    def convert(self, pixels: np.ndarray, state, out: np.ndarray) -> None:
        """``pixels`` into ``out``; ``state`` is (background, damage) from the :class:`DamageLog`, or None."""
        height, width = pixels.shape[:2]
        if self.planes is None or self.planes.shape != out.shape:
            self.planes, self.last = np.empty_like(out), None
        changed = FULL
        if state is not None and self.last is not None and state[0] is self.last[0]:
            changed = union(state[1], self.last[1])
        if changed == FULL:
            rgba_to_yuv420p(pixels, self.planes)
        elif changed is not None:
            self._convert_part(pixels, _even(changed, height, width))
        self.last = state
        np.copyto(out, self.planes)

    def _convert_part(self, pixels: np.ndarray, rect) -> None:
        top, bottom, left, right = rect
        h, w = bottom - top, right - left
        part = np.empty((h * 3 // 2, w), np.uint8)
        rgba_to_yuv420p(pixels[top:bottom, left:right], part)
        height, width = pixels.shape[:2]
        flat, part = self.planes.reshape(-1), part.reshape(-1)
        flat[: height * width].reshape(height, width)[top:bottom, left:right] = part[: h * w].reshape(h, w)
        quarter, part_quarter = height * width // 4, h * w // 4
        for plane in range(2):
            whole = flat[height * width + plane * quarter:][:quarter].reshape(height // 2, width // 2)
            piece = part[h * w + plane * part_quarter:][:part_quarter].reshape(h // 2, w // 2)
            whole[top // 2: bottom // 2, left // 2: right // 2] = piece
