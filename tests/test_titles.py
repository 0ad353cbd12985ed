"""Titles are checked against what LaTeX can set before anything renders: one line naming the file,
the week, the scene, the key and the character; and no LaTeX failure reaches the user as manim's
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.course import ROOT

SCENE_TITLE = 'title = "The derivative as a function"'
WEEK_TITLE = 'title = "Derivatives and Linear Approximations: Single-variable Functions"'
SERIES_TITLE = 'title = "Calculus and Optimization for Machine Learning"'


def make_check(tmp_path: Path, old: str, new: str) -> subprocess.CompletedProcess:
    text = (ROOT / "course.toml").read_text()
    assert old in text
    path = tmp_path / "course.toml"
    path.write_text(text.replace(old, new, 1))
    return subprocess.run(["make", "-s", "check"], cwd=ROOT, env=dict(os.environ, CALCVIZ_COURSE=str(path)),
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("old, new, where, what", [
    (SCENE_TITLE, 'title = "The derivative 📈 as a function"', ": week 3, scene DerivativeAsFunction, key 'title'", "the character 📈 (U+1F4C8)"),
    (SCENE_TITLE, 'title = "The derivative ∂f as a function"', ": week 3, scene DerivativeAsFunction, key 'title'", "the character ∂ (U+2202)"),
    (WEEK_TITLE, 'title = "Derivatives 直 and more"', ": week 3, key 'title'", "the character 直 (U+76F4)"),
    (SERIES_TITLE, 'title = "Calculus 📈"', ", key 'title'", "the character 📈 (U+1F4C8)"),
])
def test_make_check_names_a_title_character_latex_cannot_set(tmp_path, old, new, where, what):
    result = make_check(tmp_path, old, new)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert line.startswith(f"error: course.toml{where}: LaTeX cannot set {what}"), line


@pytest.mark.parametrize("title", ['title = "Café — naïve “slopes”: ½ … at 45°"',
                                   # plain text: LaTeX's special characters are set as themselves, on the clip's card too
                                   'title = "Slopes & tangents at 50% of the way, \\\\slope, x_1 ~ {#}"'])
def test_titles_latex_can_set_pass(tmp_path, title):
    result = make_check(tmp_path, SCENE_TITLE, title)
    assert result.returncode == 0, result.stderr


SPLIT_CHARACTER = ("! LaTeX Error: Unicode character \xf0\x9f\n\x93\x88 (U+1F4C8)\n               not set up for use with LaTeX.\n\n"
                   "See the LaTeX manual or LaTeX Companion for explanation.\nl.6 \xf0\x9f\x93\x88\n").encode("latin-1")


def test_a_latex_failure_in_a_render_is_one_line_even_when_its_log_splits_a_character(tmp_path):
    """LaTeX breaks log lines inside a character; manim's error printer then died on the log's UTF-8."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tmp_path / "failure.log").write_bytes(SPLIT_CHARACTER)
    fake = tools / "latex"  # fails on the render's formulas; the title check (titles.tex) gets the real LaTeX
    fake.write_text(f'#!/bin/sh\nfor last; do :; done\ncase "$last" in *titles.tex) exec /usr/bin/latex "$@";; esac\n'
                    f'cp {tmp_path / "failure.log"} "${{last%.tex}}.log"\nexit 1\n')
    fake.chmod(0o755)
    clip = tmp_path / "SecantToTangent.mp4"
    env = dict(os.environ, CALCVIZ_TEX_CACHE=str(tmp_path / "tex"), PATH=f"{tools}:{os.environ['PATH']}", NARRATION="off")
    env.pop("VERBOSE", None)
    result = subprocess.run([sys.executable, "-m", "scenes", "render", "SecantToTangent", "--quality", "tiny", "--output", str(clip)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.stderr.strip().splitlines() == [line for line in result.stderr.strip().splitlines() if line.startswith("error: ")]
    (line,) = result.stderr.strip().splitlines()
    assert "LaTeX cannot set the character 📈 (U+1F4C8)" in line and not clip.exists()
