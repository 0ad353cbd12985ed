"""A render's progress on the terminal: ``SecantToTangent: beat 3 of 8, frame 1240 (20.7 s)``.

Shown on one line that updates in place, on stderr when it is a terminal (or
with ``CALCVIZ_PROGRESS=1``), and cleared at the end so that ``make`` keeps one
line per clip.  The number of beats is the last render's count, or, before the
first render, the ``self.beat(...)`` calls in the scene's source.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import sys
import time

from scenes.course import ROOT

COUNTS = ROOT / "renders" / ".make" / "beats"
EVERY = 0.25  # seconds of wall time between updates


def wanted() -> bool:
    setting = os.environ.get("CALCVIZ_PROGRESS")
    return setting not in ("", "0") if setting is not None else sys.stderr.isatty()


def beat_calls(scene_type: type) -> int:
    """How many ``self.beat(...)`` calls the scene's module has (a loop may make more beats)."""
    try:
        tree = ast.parse(inspect.getsource(inspect.getmodule(scene_type)))
    except (OSError, TypeError):
        return 0
    return sum(1 for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr == "beat" and isinstance(node.func.value, ast.Name) and node.func.value.id == "self")


class Progress:
    def __init__(self, scene: str, expected_beats: int) -> None:
        self.scene = scene
        self.counts = COUNTS / f"{scene}.json"
        try:
            self.total = int(json.loads(self.counts.read_text())["beats"])
        except (OSError, ValueError, KeyError, TypeError):
            self.total = expected_beats
        self.beat, self.last = 0, 0.0

    @classmethod
    def for_scene(cls, scene) -> "Progress | None":
        return cls(type(scene).__name__, beat_calls(type(scene))) if wanted() else None

    def next_beat(self) -> None:
        self.beat += 1

    def show(self, seconds: float, frame_rate: float, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < EVERY:
            return
        self.last = now
        total = f" of {max(self.total, self.beat)}" if self.total else ""
        sys.stderr.write(f"\r{self.scene}: beat {self.beat}{total}, frame {round(seconds * frame_rate)} ({seconds:.1f} s)\033[K")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
        try:
            self.counts.parent.mkdir(parents=True, exist_ok=True)
            self.counts.write_text(json.dumps({"beats": self.beat}))
        except OSError:
            pass
