"""Slides for a 3D week: `make slides-week4` in a copy of the project (the fast 3D stage under
manim-slides), one slide per beat with its narration as the speaker notes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import av
import pytest

from scenes.course import load_course
from tests.test_publish import _copy_project
from tests.test_scenes import parse_srt

SCENE = "TangentPlane"


def seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        return container.duration / av.time_base


def normalized(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.xdist_group(SCENE)
def test_slides_for_a_3d_week(tmp_path):
    project = _copy_project(tmp_path / "project")
    week = load_course().scene(SCENE).week
    course = project / "course.toml"
    text = course.read_text()
    # Only the 3D scene this test is about; the week's other scenes have their own tests.
    entries = text.split("[[weeks]]")
    index = next(i for i, part in enumerate(entries) if f"number = {week}\n" in part)
    scenes = entries[index].split("[[weeks.scenes]]")
    entries[index] = "[[weeks.scenes]]".join([scenes[0]] + [s for s in scenes[1:] if f'scene = "{SCENE}"' in s])
    course.write_text("[[weeks]]".join(entries))
    env = dict(os.environ, CALCVIZ_TEX_CACHE=str(tmp_path / "tex"), NARRATION="fake")
    result = subprocess.run(["make", f"slides-week{week}", "QUALITY=tiny"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]

    folder = project / "renders" / "tiny" / f"week{week}"
    html = (folder / "slides" / "index.html").read_text()
    data = json.loads((folder / ".slide-renders" / f"{SCENE}.json").read_text())
    slides = data["slides"]
    assert len(slides) >= 4 and html.count("data-background-video=") == len(slides)
    assert all(s["notes"].strip() for s in slides), "every slide has speaker notes"
    for slide in slides:
        assert seconds(folder / slide["file"]) > 0

    # The same scene's clip: as many beats, and the slides hold all of it.
    subprocess.run(["make", f"week{week}", "QUALITY=tiny"], cwd=project, env=env, capture_output=True, check=True, timeout=900)
    clip = folder / f"{SCENE}.mp4"
    spoken = normalized(" ".join(text for _, _, text in parse_srt(clip.with_suffix(".srt").read_text())))
    assert all(normalized(s["notes"]) in spoken for s in slides), "each slide's notes are its beat's narration"
    assert sum(seconds(folder / s["file"]) for s in slides) == pytest.approx(seconds(clip), abs=len(slides) / 5)
