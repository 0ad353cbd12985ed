"""Every cache heals itself: a damaged entry (truncated, as a full disk or a killed process leaves it) is
discarded with one warning line naming it, made again, and the render goes on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scenes.course import ROOT, load_course
from scenes.narration import voices
from scenes.publish import titlecard

CACHE_PATH = titlecard.cache_path


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def warnings_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("warning: ")]


@pytest.mark.parametrize("suffix", [".flac", ".json"])
def test_a_truncated_voice_cache_entry_is_spoken_again(tmp_path, monkeypatch, capsys, suffix):
    monkeypatch.setenv("CALCVIZ_VOICE_CACHE", str(tmp_path))
    text = "The slope of the secant. Then the tangent."
    first = voices.FakeVoice().speak(text)
    cached = voices.FakeVoice().speak(text)  # from the cache: 16-bit
    (damaged,) = tmp_path.glob(f"*{suffix}")
    truncate(damaged)
    again = voices.FakeVoice().speak(text)
    assert np.array_equal(again.samples, first.samples) and again.sentences == first.sentences
    (line,) = warnings_in(capsys.readouterr().err)
    assert f"voice cache file {damaged} is damaged" in line and line.count(str(tmp_path)) == 1
    assert np.array_equal(voices.FakeVoice().speak(text).samples, cached.samples), "made again, whole"
    assert not warnings_in(capsys.readouterr().err)


def render(folder: Path, tex: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CALCVIZ_TEX_CACHE=str(tex), NARRATION="off")
    env.pop("VERBOSE", None)
    return subprocess.run([sys.executable, "-m", "scenes", "render", "SecantToTangent", "--quality", "tiny",
                           "--output", str(folder / "SecantToTangent.mp4")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def test_truncated_tex_svg_and_parsed_formula_files_are_made_again(tmp_path):
    tex = tmp_path / "tex"
    first = render(tmp_path, tex)
    assert first.returncode == 0, first.stderr[-3000:]
    folder = tex / "SecantToTangent"
    svg, source = sorted(folder.glob("*.svg"))[0], sorted(folder.glob("*.tex"))[1]
    parsed = sorted(folder.with_name("SecantToTangent.parsed").glob("*.pickle"))[0]
    whole = {path: path.read_bytes() for path in (svg, source, parsed)}
    for path in whole:
        truncate(path)
    again = render(tmp_path, tex)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr[-3000:]
    lines = warnings_in(again.stderr)
    assert len(lines) == 3, again.stderr[-3000:]
    for path, what in ((svg, "TeX cache file"), (source, "TeX cache file"), (parsed, "parsed formula cache file")):
        (line,) = [line for line in lines if str(path) in line]
        assert f"{what} {path} is damaged" in line and line.count(str(tmp_path)) == 1
    assert svg.read_bytes() == whole[svg] and source.read_bytes() == whole[source], "made again"
    assert parsed.read_bytes().endswith(b".") and len(parsed.read_bytes()) > len(whole[parsed]) // 2
    third = render(tmp_path, tex)
    assert third.returncode == 0 and not warnings_in(third.stderr), "healed: nothing to discard any more"


def test_a_truncated_title_card_is_rendered_again(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(titlecard, "cache_path", lambda *args: tmp_path / "cache" / CACHE_PATH(*args).name)
    monkeypatch.setenv("CALCVIZ_TEX_CACHE", str(tmp_path / "tex"))
    course = load_course()
    week = course.week(3)
    first = titlecard.render_title_card(course, week, "tiny", tmp_path / "first.mp4").read_bytes()
    (cached,) = (tmp_path / "cache").glob("*.mp4")
    truncate(cached)
    second = titlecard.render_title_card(course, week, "tiny", tmp_path / "second.mp4")
    (line,) = warnings_in(capsys.readouterr().err)
    assert f"title card cache file {cached} is damaged" in line and line.count(str(tmp_path)) == 1
    assert len(second.read_bytes()) == len(first) and cached.read_bytes() == second.read_bytes()
