from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
collect_ignore = ["farm/fake_render.py"]  # a stand-in program for the farm's tests, not a test module

# `make test` runs pytest inside make: the makes the tests start would inherit its level ("make[1]:") and
# flags. They should see what an instructor's shell gives them.
for _inherited in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKE_TERMOUT", "MAKE_TERMERR"):
    os.environ.pop(_inherited, None)


def pytest_addoption(parser):
    parser.addoption("--update-references", action="store_true", help="re-record the key-frame references")


@pytest.fixture(scope="session")
def update_references(request) -> bool:
    return request.config.getoption("--update-references")


class TinyRender:
    """One scene rendered at 320x180, 5 fps, with the layout probe on, narrated by the fake voice
    (a tone per sentence: the real voice's timing rules at no synthesis cost)."""

    def __init__(self, name: str, folder: Path, course: Path | None = None, narration: str = "fake") -> None:
        self.name = name
        self.clip = folder / f"{name}.mp4"
        self.captions = folder / f"{name}.srt"
        self.track = folder / f"{name}.flac"
        self.probe = folder / name
        env = dict(os.environ, CALCVIZ_PROBE=str(self.probe), CALCVIZ_TEX_CACHE=str(folder / "tex"),
                   NARRATION=narration, CALCVIZ_VOICE_CACHE=str(folder / "voice"), CALCVIZ_RECORDINGS=str(folder / "no-recordings"),
                   CALCVIZ_PROGRESS="1")
        if course is not None:
            env["CALCVIZ_COURSE"] = str(course)
        self.result = subprocess.run(
            [sys.executable, "-m", "scenes", "render", name, "--quality", "tiny", "--output", str(self.clip)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
        )


_renders: dict[str, TinyRender] = {}


@pytest.fixture(scope="session")
def render_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tiny")


@pytest.fixture
def tiny_render(render_folder):
    """Render a scene once per test session (tests of one scene share an xdist group)."""

    def get(name: str) -> TinyRender:
        if name not in _renders:
            _renders[name] = TinyRender(name, render_folder)
        render = _renders[name]
        assert render.result.returncode == 0, render.result.stderr[-3000:]
        return render

    return get
