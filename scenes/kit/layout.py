"""Where text goes: the column beside the axes (``Panel``), and the probe the tests use to
check that no text leaves the frame or overlaps another (``LayoutProbe``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, DecimalNumber, Scene, SingleStringMathTex, Text, config

from scenes.kit.look import EDGE
from scenes.kit.readouts import Readout

class Panel:
    """The column beside the axes where text stacks top-down, left-aligned, always inside the frame.

    ``place`` shrinks a mobject that is too wide for the column, then puts it
    below the previously placed one (or below ``below``).
    """

    def __init__(self, left: float, top: float, right: float | None = None) -> None:
        self.left = left
        self.top = top
        self.right = config.frame_width / 2 - EDGE if right is None else right
        self.last = None

    @classmethod
    def beside(cls, axes: Axes, gap: float = 0.6) -> "Panel":
        return cls(left=axes.get_right()[0] + gap, top=axes.get_top()[1])

    def place(self, mob, below=None, buff: float = 0.45):
        width = self.right - self.left
        if mob.width > width:
            mob.scale_to_fit_width(width)
        anchor = below if below is not None else self.last
        top = self.top if anchor is None else anchor.get_bottom()[1] - buff
        room = top - (-config.frame_height / 2 + EDGE)
        if mob.height > room > 0.5 * mob.height:  # squeeze a little rather than leave the frame
            mob.scale_to_fit_height(room)
        mob.move_to([self.left + mob.width / 2, top - mob.height / 2, 0])
        self.last = mob
        return mob


TEXT_TYPES = (Text, SingleStringMathTex, DecimalNumber, Readout)  # what the layout check treats as text


class LayoutProbe:
    """Records, at the end of each beat, the frame and the box of every text on screen.

    Enabled by ``$CALCVIZ_PROBE`` (an output path prefix); the tests use it to
    check that no text leaves the frame or overlaps another, and to compare
    key frames against references.
    """

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.beats: list[dict] = []
        self.frames: list[np.ndarray] = []

    @classmethod
    def from_environment(cls) -> "LayoutProbe | None":
        prefix = os.environ.get("CALCVIZ_PROBE")
        return cls(Path(prefix)) if prefix else None

    def record(self, scene: Scene, caption: str, **timing) -> None:
        """The beat ending now: its narration, end time, text boxes and frame (``timing``: more about the beat)."""
        boxes = [self._box(m) for m in _visible_texts(scene.mobjects)]
        self.beats.append({"caption": caption, "time": scene.time, "texts": boxes, **timing})
        self.frames.append(scene.renderer.get_frame()[:, :, :3].copy())  # the last frame the viewer saw

    @staticmethod
    def _box(mob) -> dict:
        (x0, y0, _), (x1, y1, _) = mob.get_corner(LEFT + DOWN), mob.get_corner(RIGHT + UP)
        label = getattr(mob, "tex_string", None) or getattr(mob, "text", None) or type(mob).__name__
        return {"label": str(label)[:60], "box": [float(x0), float(y0), float(x1), float(y1)]}

    def write(self) -> None:
        frame = {"width": config.frame_width, "height": config.frame_height}
        self.prefix.with_suffix(".json").write_text(json.dumps({"frame": frame, "beats": self.beats}, indent=1))
        np.savez_compressed(self.prefix.with_suffix(".npz"), *self.frames)


def _visible_texts(mobjects) -> list:
    found = []
    for mob in mobjects:
        if isinstance(mob, TEXT_TYPES):
            if _is_visible(mob):
                found.append(mob)
        else:
            found.extend(_visible_texts(mob.submobjects))
    return found


def _is_visible(mob) -> bool:
    family = mob.family_members_with_points()
    return any(m.get_fill_opacity() > 0.05 or m.get_stroke_opacity() > 0.05 for m in family)
