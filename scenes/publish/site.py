"""The quality folder's ``manifest.json`` and ``index.html``, rebuilt from the published weeks.

Each published week leaves a record ``weekN/weekN.json`` (its manifest entry,
paths relative to the quality folder). The manifest is the series plus every
record of a week the course still lists, in course order; the page shows the
same. Both are written to a temporary file and moved into place, under a
lock so that two weeks published at once (``make -j2 publish``) do not race.
"""

from __future__ import annotations

import fcntl
import json
from contextlib import contextmanager
from pathlib import Path

from scenes.course import Course
from scenes.files import sha256, write_atomically  # noqa: F401 (re-exported for publishing)
from scenes.publish.page import index_html
from scenes.publish.scorm import install_glue

MANIFEST = "manifest.json"
INDEX = "index.html"


def record_path(quality_folder: Path, week_number: int) -> Path:
    return quality_folder / f"week{week_number}" / f"week{week_number}.json"


def slides_path(week_number: int) -> str:
    return f"week{week_number}/slides/index.html"


@contextmanager
def locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def manifest(course: Course, quality: str, quality_folder: Path) -> dict:
    weeks = []
    for week in course.weeks:
        record = record_path(quality_folder, week.number)
        if record.exists():
            entry = json.loads(record.read_text())
            slides = slides_path(week.number)
            entry["slides"] = slides if (quality_folder / slides).exists() else None
            entry["page"] = week_page_path(week.number)
            entry["practice"] = f"week{week.number}/practice.html" if week.exercises else None  # made with the PDFs
            weeks.append(entry)
    data = {"series": course.title, "quality": quality, "weeks": weeks}
    if any(clip.get("panel") for week in weeks for clip in week["clips"]):
        data["panel_libraries"] = _library_entries(quality_folder)
    return data


def _library_entries(quality_folder: Path) -> list[dict]:
    """The panels' libraries as published beside the page (``lib/``), with their sha256s."""
    from scenes.publish.panel_assets import LIBRARY_FOLDER

    files = sorted(p for p in (quality_folder / LIBRARY_FOLDER).rglob("*") if p.is_file() and not p.name.startswith("."))
    return [{"file": p.relative_to(quality_folder).as_posix(), "size": p.stat().st_size, "sha256": sha256(p)} for p in files]


def week_page_path(week_number: int) -> str:
    return f"week{week_number}/index.html"


def refresh(course: Course, quality: str, quality_folder: Path) -> dict:
    """Rewrite ``manifest.json`` and ``index.html`` from the published weeks; returns the manifest."""
    with locked(quality_folder / ".publish.lock"):
        install_glue(quality_folder)  # the pages' SCORM glue (a no-op outside a learning platform)
        data = manifest(course, quality, quality_folder)
        write_atomically(quality_folder / MANIFEST, json.dumps(data, indent=1) + "\n")
        write_atomically(quality_folder / INDEX, index_html(data, quality_folder))
        for week in data["weeks"]:  # each week's own page, the same sections
            alone = {**data, "weeks": [week]}
            write_atomically(quality_folder / week_page_path(week["number"]), index_html(alone, quality_folder, base="../"))
        return data
