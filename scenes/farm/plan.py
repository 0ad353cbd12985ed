"""Which clips a farm run renders: the ones make finds missing or stale (``make -n``), so the
farm and ``make weekN`` share one set of up-to-date rules."""

from __future__ import annotations

import hashlib
import re
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from scenes.course import ROOT, load_course
from scenes.makegen import RENDER_COMMAND, project_imports

_RENDER = re.compile(r"-m scenes render (\S+) --quality (\S+) --output (\S+)")


@dataclass(frozen=True)
class Job:
    """One clip to render: everything a worker needs, and nothing it could not pickle."""

    scene: str
    week: int
    quality: str
    output: str  # the clip's path relative to the project root (renders/<quality>/weekN/<Scene>.mp4)
    input_hash: str  # of what the clip is made from: its code, its settings, the quality
    versions: dict = field(default_factory=dict)  # the client's manim / TeX Live / Python
    run: str = ""  # the farm run's id: a clip this run already published is not rendered again


class PlanError(RuntimeError):
    """The course config or the Makefile refused to say what to render."""


def stale_clips(target: str, quality: str, root: Path = ROOT) -> list[tuple[str, str]]:
    """(scene, output) of every clip ``make <target>`` would render now, in make's order."""
    result = subprocess.run(["make", "-n", target, f"QUALITY={quality}"], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise PlanError(result.stderr.strip() or f"make -n {target} failed")
    return [(m[1], m[3]) for m in map(_RENDER.search, result.stdout.splitlines()) if m and m[2] == quality]


def plan(weeks: list[int] | None, quality: str, versions: dict, root: Path = ROOT) -> list[Job]:
    """The jobs for ``weeks`` (None: every week with scenes)."""
    course = load_course(root / "course.toml")
    numbers = [w.number for w in course.weeks if w.scenes] if weeks is None else weeks
    jobs, run = [], uuid.uuid4().hex
    for number in numbers:
        course.week(number)  # an unknown week is a ConfigError that names it
        for scene, output in stale_clips(f"week{number}", quality, root):
            entry = course.scene(scene)
            jobs.append(Job(scene, number, quality, output, input_hash(entry, quality, root), versions, run))
    return jobs


def input_hash(entry, quality: str, root: Path = ROOT) -> str:
    """sha256 of the scene's code (its imports), its settings and the quality: equal inputs, equal clip."""
    digest = hashlib.sha256(f"{entry.name}\0{quality}\0{entry.settings}\0".encode())
    for name in project_imports(entry.module, RENDER_COMMAND) + ["manim.cfg"]:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    return digest.hexdigest()


