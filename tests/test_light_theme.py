"""One scene per week rendered in the light theme (palette = "light" in a copy of course.toml), tiny, narrated by
the fake voice, its key frames held to references recorded and looked at like the dark ones (tests/test_scenes.py):
tests/references_light/<Scene>/. Re-record them with `make update-references` after an intended visual change."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scenes.course import load_course
from scenes.theme import PALETTES
from tests.conftest import TinyRender
from tests.test_scenes import match_references

REFERENCES = Path(__file__).parent / "references_light"
# One per week; each draws what the light palette changes most: curves named by colour in the narration, the
# sets' and rules' own colours, a surface and its lines.
SCENES = ["SequenceLimits", "LimitsViaSequences", "SecantToTangent", "HessianConvexity", "ImproperIntegrals", "DirectionalDerivative"]
SERIES_TITLE = 'title = "Calculus and Optimization for Machine Learning"\n'
_renders: dict[str, TinyRender] = {}


@pytest.fixture(scope="session")
def light_course(tmp_path_factory) -> Path:
    text = (Path(__file__).parent.parent / "course.toml").read_text()
    assert SERIES_TITLE in text
    path = tmp_path_factory.mktemp("light") / "course.toml"
    path.write_text(text.replace(SERIES_TITLE, f'{SERIES_TITLE}\n[theme]\npalette = "light"\n', 1))
    return path


def light_frames(name: str, course: Path, folder: Path) -> list[np.ndarray]:
    if name not in _renders:
        _renders[name] = TinyRender(name, folder, course=course)
    render = _renders[name]
    assert render.result.returncode == 0, render.result.stderr[-3000:]
    with np.load(render.probe.with_suffix(".npz")) as data:
        return [data[f"arr_{i}"] for i in range(len(data.files))]


def test_one_scene_a_week():
    weeks = {week.number: {entry.name for entry in week.scenes} for week in load_course().weeks}
    assert [next(n for n, names in weeks.items() if scene in names) for scene in SCENES] == sorted(weeks)


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xdist_group(f"light-{n}")) for n in SCENES])
def test_light_key_frames_match_references(name, light_course, tmp_path_factory, update_references):
    frames = light_frames(name, light_course, tmp_path_factory.mktemp(f"light-{name}"))
    paper = np.array([int(PALETTES["light"]["BACKGROUND"][i:i + 2], 16) for i in (1, 3, 5)])
    for i, frame in enumerate(frames):  # light paper, whatever the references say
        assert np.median(frame.reshape(-1, 3), axis=0).tolist() == paper.tolist(), f"{name} beat {i} is not on light paper"
    match_references(frames, REFERENCES / name, update_references, f"{name} (light)")
