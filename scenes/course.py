"""The course config (``course.toml``): the series, its weeks, and each scene's parameters.

This module never imports manim, so ``make list`` and the Makefile's
dependency generation stay fast.  Every problem in the file is reported as a
:class:`ConfigError` naming the file, the week, the scene, the key and what is
wrong -- before anything renders.
"""

from __future__ import annotations

import difflib
import importlib
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scenes.params import ParamError, build_params, scene_specs
from scenes.theme import Theme, ThemeError, default_theme, resolve

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COURSE = ROOT / "course.toml"


class ConfigError(ValueError):
    """A problem in the course config, with enough context to find and fix it."""


@dataclass(frozen=True)
class SceneEntry:
    week: int
    name: str
    title: str
    module: str  # path relative to the project root
    params: object  # the scene's frozen params dataclass
    settings: str  # the scene's raw config values as canonical JSON (what a re-render depends on)

    def output(self, quality: str) -> str:
        return f"renders/{quality}/week{self.week}/{self.name}.mp4"


@dataclass(frozen=True)
class Week:
    number: int
    title: str
    scenes: tuple[SceneEntry, ...]
    exercises: tuple = ()  # the week's exercise templates (scenes.exercises.Template)


@dataclass(frozen=True)
class Course:
    title: str
    weeks: tuple[Week, ...]
    path: Path
    voice: Path | None = None  # a Piper .onnx voice ([narration] voice); None: the packaged default
    # [slurm]: a cluster's site settings, checked by scenes.farm.site (`make check`, `make slurm-week3`) and not
    # here: every clip depends on this module's imports, and none on the farm's code.
    slurm: object = field(default_factory=dict)
    theme: Theme = field(default_factory=default_theme)  # [theme]: palette, font, logo (scenes/theme.py)

    def scene(self, name: str) -> SceneEntry:
        for week in self.weeks:
            for entry in week.scenes:
                if entry.name == name:
                    return entry
        raise ConfigError(f"{self.path.name}: no scene named {name!r} in the course")

    def week(self, number: int) -> Week:
        for week in self.weeks:
            if week.number == number:
                return week
        raise ConfigError(f"{self.path.name}: no week {number} in the course")


def course_path() -> Path:
    """The course config in use: ``$CALCVIZ_COURSE`` or the project's ``course.toml``."""
    return Path(os.environ.get("CALCVIZ_COURSE", DEFAULT_COURSE))


MAX_WEEK = 99
MAX_TITLE = 150  # characters: a title goes on a title card, a thumbnail and a chapter list


def load_course(path: Path | str | None = None) -> Course:
    """Read and validate the whole course config."""
    path = Path(path) if path is not None else course_path()
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: course config not found") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{where}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{where}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{where}: not valid here: arrays or tables nested too deeply") from None
    _require_keys(data, {"title", "weeks"}, where, optional={"description", "narration", "slurm", "theme"})
    title = _title(data["title"], where)
    raw_weeks = _as_list(data["weeks"], where, "weeks")
    for index, raw in enumerate(raw_weeks):
        _week_number(raw, f"{where}: weeks[{index}]")
    _refuse_repeats(raw_weeks, where)
    theme = _load_theme(data.get("theme", {}), path)
    look = theme.digest()  # in every clip's settings: a theme change re-renders every clip
    weeks = tuple(_load_week(raw, i, where, look) for i, raw in enumerate(raw_weeks))
    return Course(title=title, weeks=weeks, path=path, voice=_load_voice(data.get("narration", {}), path),
                  slurm=data.get("slurm", {}), theme=theme)


def _load_theme(raw: object, path: Path) -> Theme:
    """``[theme]``, key by key (its colours are judged by :func:`check_theme`)."""
    try:
        return resolve(raw, path)
    except ThemeError as error:
        raise ConfigError(str(error)) from None


def check_theme(course: Course) -> None:
    """The theme's text contrast and colour-blind safety (scenes/theme_check.py): before every render and in
    ``make check``. Not in :func:`load_course`: the Makefile's rules are made without colorspacious."""
    # By name: the Makefile follows imports to a clip's dependencies, and the check decides whether a clip
    # renders, not what it shows (editing it must not re-render every clip).
    check = importlib.import_module("scenes.theme_check").check
    try:
        check(course.theme, course.path.name)
    except ThemeError as error:
        raise ConfigError(str(error)) from None


def _refuse_repeats(raw_weeks: list, where: str) -> None:
    """Repeated week numbers or scenes, found before any scene is validated (so the message is about them)."""
    numbers = [raw["number"] for raw in raw_weeks]
    repeated = [n for n in numbers if numbers.count(n) > 1]
    if repeated:
        raise ConfigError(f"{where}: week {repeated[0]} is listed more than once")
    seen: dict[str, object] = {}
    for raw in raw_weeks:
        scenes = raw.get("scenes", [])
        for scene in scenes if isinstance(scenes, list) else []:
            name = scene.get("scene") if isinstance(scene, dict) else None
            if not isinstance(name, str):
                continue
            if name in seen:
                raise ConfigError(f"{where}: week {raw['number']}, scene {name if len(name) <= 60 else _shown(name)}: listed more than once "
                                  f"(also in week {seen[name]}); each scene is one clip")
            seen[name] = raw.get("number")


def _load_voice(raw: object, path: Path) -> Path | None:
    """``[narration] voice``: a Piper voice file, relative to the course config."""
    context = f"{path.name}: [narration]"
    if not isinstance(raw, dict):
        raise ConfigError(f"{context}: expected a table")
    _require_keys(raw, set(), context, optional={"voice"})
    if "voice" not in raw:
        return None
    voice = raw["voice"]
    if not isinstance(voice, str) or not voice.endswith(".onnx"):
        raise ConfigError(f"{context}, key 'voice': expected the path of a Piper voice ending in .onnx, got {voice!r}")
    file = (path.parent / voice).resolve()
    for needed in (file, Path(f"{file}.json")):
        if not needed.is_file():
            raise ConfigError(f"{context}, key 'voice': {needed} not found (a Piper voice is an .onnx file with its .onnx.json beside it)")
    return file


def _title(value: object, context: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{context}, key 'title': expected a non-empty string, got {_shown(value)}")
    if len(value) > MAX_TITLE:
        raise ConfigError(f"{context}, key 'title': {len(value)} characters; at most {MAX_TITLE}")
    return value


def _shown(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _week_number(raw: object, context: str) -> int:
    if not isinstance(raw, dict):
        raise ConfigError(f"{context}: expected a table")
    _require_keys(raw, {"number", "title"}, context, optional={"defaults", "scenes", "exercises"})
    number = raw["number"]
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= MAX_WEEK:
        raise ConfigError(f"{context}, key 'number': expected a week number from 1 to {MAX_WEEK}, got {_shown(number)}")
    return number


def _load_week(raw: object, index: int, where: str, look: dict) -> Week:
    number = _week_number(raw, f"{where}: weeks[{index}]")
    context = f"{where}: week {number}"
    title = _title(raw["title"], context)
    defaults = raw.get("defaults", {})
    if not isinstance(defaults, dict):
        raise ConfigError(f"{context}, key 'defaults': expected a table")
    scenes = _as_list(raw.get("scenes", []), context, "scenes")
    entries = tuple(_load_scene(s, number, defaults, context, look) for s in scenes)
    from scenes.exercises import load_templates  # here: scenes.exercises reports through ConfigError

    exercises = load_templates(raw.get("exercises", []), context)
    return Week(number=number, title=title, scenes=entries, exercises=exercises)


def _load_scene(raw: object, week: int, defaults: dict, context: str, look: dict) -> SceneEntry:
    if not isinstance(raw, dict) or "scene" not in raw:
        raise ConfigError(f"{context}: each [[weeks.scenes]] entry needs a 'scene' key")
    name = raw["scene"]
    spec = scene_specs().get(name) if isinstance(name, str) else None
    if spec is None:
        close = difflib.get_close_matches(str(name), scene_specs(), n=3)
        hint = f"did you mean {' or '.join(close)}? " if close else ""
        raise ConfigError(f"{context}, scene {_shown(name)}: unknown scene ({hint}the scenes are listed in README.md and by `make list`)")
    context = f"{context}, scene {name}"
    if "title" not in raw:
        raise ConfigError(f"{context}: missing key 'title'")
    title = _title(raw["title"], context)
    values = {k: v for k, v in defaults.items() if k in spec.keys()}
    values.update({k: v for k, v in raw.items() if k not in ("scene", "title")})
    try:
        params = build_params(spec, values)
    except ParamError as error:
        raise ConfigError(f"{context}, key {error.key!r}: {error.message}") from None
    except (ArithmeticError, ValueError, TypeError, RecursionError, MemoryError) as error:
        # A check that failed in an unforeseen way still gets a message, not a traceback.
        raise ConfigError(f"{context}: these parameters could not be checked ({type(error).__name__}: {error})") from None
    settings = json.dumps({"week": week, "title": title, **values, "theme": look}, sort_keys=True)
    return SceneEntry(week=week, name=name, title=title, module=spec.module, params=params, settings=settings)


def _as_list(value: object, context: str, key: str) -> list:
    if not isinstance(value, list):
        raise ConfigError(f"{context}, key {key!r}: expected a list of tables")
    return value


def _require_keys(table: dict, required: set[str], context: str, optional: set[str] = frozenset()) -> None:
    missing = sorted(required - table.keys())
    if missing:
        raise ConfigError(f"{context}: missing key {missing[0]!r}")
    unknown = sorted(table.keys() - required - optional)
    if unknown:
        raise ConfigError(f"{context}: unknown key {unknown[0]!r}")
