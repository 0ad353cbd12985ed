"""Hostile course configs: each ends in a valid course or one clear error naming the file, week, scene
and key, quickly, with no traceback."""

from __future__ import annotations

import math
import os
import re
import subprocess
import time
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from scenes.course import ROOT, ConfigError, Course, load_course

REAL = tomllib.loads((ROOT / "course.toml").read_text())
SECONDS = 5.0


# ---------------------------------------------------------------- a small TOML writer
def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return '"' + "".join(_escaped(c) for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def _escaped(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    return f"\\u{ord(char):04x}" if ord(char) < 0x20 or ord(char) == 0x7F else char


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_value(key)


def toml_document(data: dict) -> str:
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in data.items() if k != "weeks"]
    weeks = data.get("weeks")
    if not isinstance(weeks, list) or not all(isinstance(w, dict) for w in weeks):
        return "\n".join(lines + [f"weeks = {toml_value(weeks)}"]) + "\n"
    for week in weeks:
        lines.append("\n[[weeks]]")
        lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in week.items() if k != "scenes"]
        scenes = week.get("scenes", [])
        if not isinstance(scenes, list) or not all(isinstance(s, dict) for s in scenes):
            lines.append(f"scenes = {toml_value(scenes)}")
            continue
        for scene in scenes:
            lines.append("[[weeks.scenes]]")
            lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in scene.items()]
    return "\n".join(lines) + "\n"


def test_the_writer_round_trips_the_real_course():
    assert tomllib.loads(toml_document(REAL)) == REAL


# ---------------------------------------------------------------- hostile values
SLOW_EXPRESSIONS = [
    "exp(exp(exp(exp(x))))", "x^x^x^x^x^x", "sin(1/x)^(1/x)", "(x + 1)^999", "tan(tan(tan(tan(x))))",
    "log(log(log(log(x))))", "sqrt(sqrt(sqrt(sqrt(x - 1))))/(x - 1)", "cosh(sinh(cosh(sinh(x^9))))",
    "abs(sin(x))^(1/3) * exp(-1/x^2)", "((x^2 + 1)^7 - (x^2 + 1)^7)/x",
]
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, -0.0, 1e-320, 5e-324, 1e308, -1e308, 2**53 + 1]),
)
strings = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SLOW_EXPRESSIONS),
    st.integers(min_value=1001, max_value=200_000).map(lambda n: "x+" * (n // 2) + "x"),
    st.integers(min_value=1, max_value=400).map(lambda depth: "sin(" * depth + "x" + ")" * depth),
    st.sampled_from(["__import__('os')", "x.__class__", "lambda: 1", "x; import os", "exec('1')", "\u0661 + x"]),
)
scalars = st.one_of(numbers, strings, st.booleans())
hostile = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=12)


def scene_slots() -> list[tuple[int, int, str]]:
    """(week index, scene index, key) of every parameter in the real course."""
    return [(w, s, key) for w, week in enumerate(REAL["weeks"]) for s, scene in enumerate(week.get("scenes", []))
            for key in scene if key not in ("scene",)]


@st.composite
def hostile_documents(draw) -> tuple[dict, tuple | None]:
    """The real course with one hostile change; with where it was made when it was a scene's key."""
    import copy

    data = copy.deepcopy(REAL)
    kind = draw(st.sampled_from(["value", "value", "value", "new key", "duplicate", "week", "structure", "nesting"]))
    if kind in ("value", "new key"):
        w, s, key = draw(st.sampled_from(scene_slots()))
        key = key if kind == "value" else draw(st.sampled_from(["pointt", "functions", "h_value", "x_range", "pace", "steps"]))
        data["weeks"][w]["scenes"][s][key] = draw(hostile)
        return data, (data["weeks"][w]["number"], data["weeks"][w]["scenes"][s]["scene"], key)
    if kind == "duplicate":
        w, s, _ = draw(st.sampled_from(scene_slots()))
        target = draw(st.integers(min_value=0, max_value=len(data["weeks"]) - 1))
        data["weeks"][target].setdefault("scenes", []).append(copy.deepcopy(data["weeks"][w]["scenes"][s]))
    elif kind == "week":
        data["weeks"].append({"number": draw(st.one_of(numbers, strings, st.integers(min_value=-3, max_value=200))),
                              "title": draw(st.one_of(strings, numbers)),
                              "scenes": [{"scene": draw(st.sampled_from(["NoSuchScene", "SecantToTangent", ""])), "title": "t"}]})
    elif kind == "structure":
        where = draw(st.sampled_from(["title", "weeks", "week title", "week", "scenes", "defaults"]))
        value = draw(hostile)
        if where in ("title", "weeks"):
            data[where] = value
        elif where == "week title":
            data["weeks"][0]["title"] = value
        elif where == "week":
            data["weeks"][1] = value
        else:
            data["weeks"][2][where] = value
    else:
        depth = draw(st.integers(min_value=50, max_value=3000))
        return data, ("deep", depth)
    return data, None


def text_of(data: dict, where) -> str:
    text = toml_document(data)
    if where and where[0] == "deep":
        text = text.replace("point = 1.5", "point = " + "[" * where[1] + "]" * where[1])
    return text


@settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_documents())
def test_a_hostile_config_is_valid_or_one_clear_error(tmp_path_factory, case):
    data, where = case
    path = tmp_path_factory.mktemp("fuzz") / "course.toml"
    path.write_text(text_of(data, where), encoding="utf-8")
    started = time.process_time()
    try:
        course = load_course(path)
    except ConfigError as error:
        message = str(error)
        assert message.startswith("course.toml"), message
        assert "\n" not in message and len(message) < 600, message
        if where and where[0] != "deep":
            week, scene, key = where
            # The key named may be another one of the scene's, when the new value breaks a check across keys.
            assert f"week {week}, scene {scene}, key '" in message, message
    else:
        assert isinstance(course, Course)
    assert time.process_time() - started < SECONDS


@pytest.mark.parametrize("change", [
    ('point = 1.5', 'point = nan'),
    ('function = "x^3/3 - x"', 'function = "exp(exp(exp(exp(x))))"'),
    ('number = 1\n', 'number = 1000\n'),
    ('point = 1.5', 'point = ' + '[' * 5000 + ']' * 5000),
])
def test_make_check_reports_a_hostile_config_once_without_a_traceback(tmp_path, change):
    text = (ROOT / "course.toml").read_text()
    assert change[0] in text
    path = tmp_path / "course.toml"
    path.write_text(text.replace(change[0], change[1], 1))
    result = subprocess.run(["make", "-s", "check"], cwd=ROOT, env=dict(os.environ, CALCVIZ_COURSE=str(path)),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and errors[0].startswith("error: course.toml"), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
