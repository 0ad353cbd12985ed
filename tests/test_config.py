"""The course config: the real one loads; bad values stop with a message naming file, scene and key."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.course import ROOT, ConfigError, load_course
from scenes.params import SCENES

REAL = (ROOT / "course.toml").read_text()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.toml"
    path.write_text(text)
    return path


def with_change(old: str, new: str) -> str:
    assert old in REAL, f"test setup: {old!r} not in course.toml"
    return REAL.replace(old, new, 1)


def test_real_course_loads_with_six_weeks():
    course = load_course()
    assert [w.number for w in course.weeks] == [1, 2, 3, 4, 5, 6]
    week3 = course.week(3)
    assert [s.name for s in week3.scenes] == ["SecantToTangent", "DerivativeAsFunction", "LinearApproximation", "ExtremaAndConvexity"]
    for entry in week3.scenes:
        assert (ROOT / entry.module).exists()


def test_week_defaults_apply_and_scenes_override():
    week3 = load_course().week(3)
    secant, _, linear, _ = week3.scenes
    assert str(secant.params.function.expr) == "x**3/3 - x"
    assert secant.params.interval == (-2.5, 2.5)
    assert str(linear.params.function.expr) == "sqrt(x)"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('scene = "SecantToTangent"', 'scene = "SecantToTangnet"', r"week 3, scene 'SecantToTangnet': unknown scene"),
        ('function = "x^3/3 - x"', 'function = "x^3/3 - import(x)"', r"scene SecantToTangent, key 'function': .*'import'.*position 8"),
        ('function = "x^3/3 - x"', 'function = "x^3/3 - x +"', r"scene SecantToTangent, key 'function':"),
        ("point = 1.5", "point = 3.5", r"scene SecantToTangent, key 'point': 3.5 is outside the interval \[-2.5, 2.5\]"),
        ("point = 1.5", 'point = "one"', r"scene SecantToTangent, key 'point': expected a finite number"),
        ("point = 1.5", "pointt = 1.5", r"scene SecantToTangent, key 'pointt': unknown key"),
        ('function = "sqrt(x)"', 'function = "log(x - 1)"', r"scene LinearApproximation, key 'interval': .*not defined"),
        ("interval = [0, 9]", "interval = [9, 0]", r"scene LinearApproximation, key 'interval': expected lo < hi"),
        ("estimate_at = 4.1", "estimate_at = 12", r"scene LinearApproximation, key 'estimate_at': 12 is outside"),
        ("zoom_widths = [4, 1, 0.25]", "zoom_widths = [1, 4]", r"key 'zoom_widths': expected shrinking"),
        ("h_values = [1.0, 0.5, 0.2, 0.05, 0.01]", "h_values = [1.0, 0.0]", r"key 'h_values': h must not be 0"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  function = "exp(x)"', r"scene ExtremaAndConvexity, key 'function': .*no critical point"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  pace = -1', r"scene ExtremaAndConvexity, key 'pace': expected positive"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  function_color = "blue"', r"scene ExtremaAndConvexity, key 'function_color': expected a color"),
    ],
)
def test_bad_values_name_file_scene_and_key(tmp_path, old, new, expected):
    path = write(tmp_path, with_change(old, new))
    with pytest.raises(ConfigError) as caught:
        load_course(path)
    message = str(caught.value)
    assert message.startswith("course.toml: ")
    assert re.search(expected, message), message


def test_missing_required_key(tmp_path):
    path = write(tmp_path, with_change("  point = 1.5\n", ""))
    with pytest.raises(ConfigError, match=r"scene SecantToTangent, key 'point': missing"):
        load_course(path)


def test_invalid_toml_names_the_line(tmp_path):
    path = write(tmp_path, REAL + "\n[[weeks]\n")
    with pytest.raises(ConfigError, match=r"course.toml: not valid TOML: .*line"):
        load_course(path)


def test_repeated_scene_is_refused(tmp_path):
    extra = '\n  [[weeks.scenes]]\n  scene = "SecantToTangent"\n  title = "again"\n  point = 1\n'
    text = REAL.replace('[[weeks]]\nnumber = 4', extra + '\n[[weeks]]\nnumber = 4')
    with pytest.raises(ConfigError, match="listed more than once: SecantToTangent"):
        load_course(write(tmp_path, text))


def test_cli_reports_error_before_rendering(tmp_path):
    """A bad config stops `render` with the message and a non-zero exit, and writes no clip."""
    path = write(tmp_path, with_change("point = 1.5", "point = 99"))
    out = tmp_path / "clip.mp4"
    result = subprocess.run(
        [sys.executable, "-m", "scenes", "render", "SecantToTangent", "--quality", "tiny", "--output", str(out)],
        cwd=ROOT, env={"CALCVIZ_COURSE": str(path), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "key 'point': 99 is outside the interval" in result.stderr
    assert not out.exists()


def test_every_registered_scene_module_defines_its_class():
    for name, spec in SCENES.items():
        source = (ROOT / spec.module).read_text()
        assert f"class {name}(" in source
