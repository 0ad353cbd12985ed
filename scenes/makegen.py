"""Generate the Makefile's per-clip rules from the course config.

Each clip depends on its scene module, on the shared code, and on a small
per-scene settings file that is rewritten only when that scene's values in
the course config change -- so editing one scene's function re-renders only
that scene.
"""

from __future__ import annotations

import os
from pathlib import Path

from scenes.course import Course

SETTINGS_DIR = "renders/.make/settings"


def write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text() == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text)
    os.replace(temporary, path)


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
        for entry, clip in zip(week.scenes, clips):
            settings = f"{SETTINGS_DIR}/{entry.name}.json"
            lines.append(f"{clip}: {entry.module} {settings} $(SCENE_DEPS) | $(VENV)")
            lines.append(f"\t$(PY) -m scenes render {entry.name} --quality $(QUALITY) --output $@")
        lines.append("")
    lines.append(f"WEEKS := {' '.join(weeks)}")
    lines.append(f"ALL_CLIPS := {' '.join(f'$({w}_CLIPS)' for w in weeks)}")
    return "\n".join(lines) + "\n"


def write_makefile(course: Course, output: str | Path) -> None:
    for week in course.weeks:
        for entry in week.scenes:
            write_if_changed(Path(SETTINGS_DIR) / f"{entry.name}.json", entry.settings + "\n")
    write_if_changed(Path(output), makefile_text(course))
    Path(output).touch()  # up to date now, even if unchanged: make must not regenerate it every run
