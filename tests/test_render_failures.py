"""A render that fails for lack of disk space, or because LaTeX, dvisvgm or a TeX Live package is
missing, keeps the previous clip and says in one line what is missing; one that is interrupted says so in
one line; one that is killed outright leaves nothing the next render does not sweep."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from scenes.course import ROOT

SCENE = "SecantToTangent"
PREVIOUS = b"the previous good clip"


def render_into(folder: Path, tex: Path, path: str | None = None) -> subprocess.CompletedProcess:
    clip = folder / f"{SCENE}.mp4"
    clip.write_bytes(PREVIOUS)
    env = dict(os.environ, CALCVIZ_TEX_CACHE=str(tex))  # a fresh TeX cache: LaTeX really runs
    env.pop("VERBOSE", None)
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "scenes", "render", SCENE, "--quality", "tiny", "--output", str(clip)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def assert_explained(result: subprocess.CompletedProcess, folder: Path, words: str) -> None:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and f"error: rendering {SCENE} failed: " in lines[0] and words in lines[0], result.stderr[-2000:]
    assert "previous clip" in lines[0]
    assert (folder / f"{SCENE}.mp4").read_bytes() == PREVIOUS
    assert not list(folder.glob(f".{SCENE}.*work")), "no work folder left behind"


@pytest.fixture
def small_disk(tmp_path):
    """A 150 kB filesystem (tmpfs; CI runs as root): the render fills it part way."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=150k", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_keeps_the_previous_clip_and_says_so(small_disk, tmp_path):
    result = render_into(small_disk, tmp_path / "tex")
    assert_explained(result, small_disk, "no space left on device")


def test_missing_latex_is_named(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = render_into(tmp_path, tmp_path / "tex", path=str(empty))
    assert_explained(result, tmp_path, "LaTeX is not installed (no `latex` command)")


def test_missing_dvisvgm_is_named(tmp_path):
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "latex").symlink_to("/usr/bin/latex")
    result = render_into(tmp_path, tmp_path / "tex", path=f"{tools}")
    assert_explained(result, tmp_path, "dvisvgm is not installed")


MISSING_CLASS = ("! LaTeX Error: File `standalone.cls' not found.\n\nType X to quit or <RETURN> to proceed,\n"
                 "or enter new name. (Default extension: cls)\n\nEnter file name: \n! Emergency stop.\n<read *> \n\n"
                 "l.1 \\documentclass[preview]{standalone}\n")
MISSING_FONT = ("! Font U/msa/m/n/10=msam10 at 10.0pt not loadable: Metric (TFM) file not found.\n"
                "<to be read again> \n                   relax \nl.5 \\begin{document}\n")


@pytest.mark.parametrize("log, words", [(MISSING_CLASS, "LaTeX cannot find standalone.cls"),
                                        (MISSING_FONT, "LaTeX cannot load the font msam10 (Metric (TFM) file not found.)")])
def test_a_missing_tex_live_package_or_font_is_named(tmp_path, log, words):
    """LaTeX fails the way it does when TeX Live lacks a package or a font; its log is read."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tmp_path / "failure.log").write_text(log)
    fake = tools / "latex"
    fake.write_text(f'#!/bin/sh\nfor last; do :; done\ncp {tmp_path / "failure.log"} "${{last%.tex}}.log"\nexit 1\n')
    fake.chmod(0o755)
    result = render_into(tmp_path, tmp_path / "tex", path=f"{tools}:{os.environ['PATH']}")
    assert_explained(result, tmp_path, words)


def _start_render(folder: Path, tex: Path, verbose: bool = False) -> subprocess.Popen:
    """A tiny render in a process group of its own (as a terminal's job, or a farm's render)."""
    clip = folder / f"{SCENE}.mp4"
    clip.write_bytes(PREVIOUS)
    env = dict(os.environ, CALCVIZ_TEX_CACHE=str(tex), NARRATION="fake")
    env.pop("VERBOSE", None)
    if verbose:
        env["VERBOSE"] = "1"
    return subprocess.Popen([sys.executable, "-m", "scenes", "render", SCENE, "--quality", "tiny", "--output", str(clip)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _frame_ring(pid: int, timeout: float = 300) -> list[Path]:
    """The render's shared-memory segments, once its encoder process has started."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = list(Path("/dev/shm").glob(f"calcviz-{pid}-*"))
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"render {pid} made no frame ring in /dev/shm")


def test_a_render_killed_outright_leaves_nothing_once_the_next_starts(tmp_path):
    render = _start_render(tmp_path, tmp_path / "tex")
    ring = _frame_ring(render.pid)
    os.killpg(render.pid, signal.SIGKILL)  # the whole group: renderer, encoder, resource tracker; no finally runs
    render.wait()
    work = list(tmp_path.glob(f".{SCENE}.*.work"))
    assert all(segment.exists() for segment in ring) and work, "the kill left the ring and the work folder"
    empty = tmp_path / "bin"
    empty.mkdir()
    result = render_into(tmp_path, tmp_path / "tex-again", path=str(empty))  # the next render: starts, then lacks LaTeX
    assert_explained(result, tmp_path, "LaTeX is not installed")
    assert not any(segment.exists() for segment in ring), "the dead render's frame ring was unlinked"
    assert not any(folder.exists() for folder in work)


def test_ctrl_c_says_one_line_keeps_the_clip_and_leaves_nothing(tmp_path):
    render = _start_render(tmp_path, tmp_path / "tex")
    ring = _frame_ring(render.pid)
    time.sleep(1.0)  # inside the scene: encoders, LaTeX and narration at work
    os.killpg(render.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends to the foreground group
    _, stderr = render.communicate(timeout=60)
    assert render.returncode == -signal.SIGINT, "it ends as Ctrl-C ends a program: make and shells see an interrupt"
    assert stderr.strip().splitlines() == [f"interrupted: {tmp_path / SCENE}.mp4 not rendered; previous clip kept"], stderr[-3000:]
    assert (tmp_path / f"{SCENE}.mp4").read_bytes() == PREVIOUS
    assert not any(segment.exists() for segment in ring) and not list(tmp_path.glob(f".{SCENE}.*work"))


def test_ctrl_c_with_verbose_keeps_the_traceback(tmp_path):
    render = _start_render(tmp_path, tmp_path / "tex", verbose=True)
    _frame_ring(render.pid)
    time.sleep(1.0)
    os.killpg(render.pid, signal.SIGINT)
    _, stderr = render.communicate(timeout=60)
    assert "Traceback" in stderr and "KeyboardInterrupt" in stderr and "interrupted:" not in stderr, stderr[-3000:]
    assert (tmp_path / f"{SCENE}.mp4").read_bytes() == PREVIOUS


def test_ctrl_c_on_make_says_one_line_per_clip_and_leaves_nothing(tmp_path):
    from tests.test_publish import _copy_project

    project = _copy_project(tmp_path / "project")
    env = dict(os.environ, NARRATION="fake", CALCVIZ_TEX_CACHE=str(tmp_path / "tex"))
    env.pop("VERBOSE", None)
    make = subprocess.Popen(["make", "-j2", "week3", "QUALITY=tiny"], cwd=project, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    week = project / "renders" / "tiny" / "week3"
    deadline = time.time() + 300
    while not (week.exists() and len(list(week.glob(".*.work"))) == 2) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    rendering = sorted(path.name.split(".")[1] for path in week.glob(".*.work"))
    assert len(rendering) == 2, "two clips were rendering"
    os.killpg(make.pid, signal.SIGINT)
    _, stderr = make.communicate(timeout=60)
    ours = [line for line in stderr.splitlines() if not line.startswith("make: ")]
    assert sorted(ours) == [f"interrupted: renders/tiny/week3/{scene}.mp4 not rendered; previous clip kept" for scene in rendering], stderr[-3000:]
    assert not list(week.glob(".*")) and not list(week.glob("*.mp4")), "nothing left, nothing partial"
