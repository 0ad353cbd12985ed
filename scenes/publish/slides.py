"""Slides for class: a manim-slides presentation of a week, one slide per beat.

Scenes keep one source. :func:`slide_class` builds, at run time, a class
named like the scene that derives from both ``manim_slides.Slide`` and the
lecture scene: manim-slides turns every ``next_section`` -- which
``LectureScene.beat`` calls -- into a new slide, and the beat's caption
becomes the slide's speaker notes.

``render_slides`` renders one scene's slides (its own process, like a clip),
``build_presentation`` converts a week's slides into one HTML presentation
(reveal.js) that works offline: reveal.js is copied beside it from the copy
that ``scripts/bootstrap.sh`` installs (``.venv/share/reveal.js``), and every
path in it is relative.

Two adaptations to manim 0.22, which manim-slides 5.7 predates: its
``Slide.__init__`` and ``Slide.render`` set config keys 0.22 no longer has or
accepts (``write_to_movie``, an infinite ``max_files_cached``), so the
generated class skips those two and sets the equivalent itself; and it reads
the background colour as a string, as ``LectureScene`` sets it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scenes.course import ROOT, Course, Week, check_theme, load_course
from scenes.narration.captions import shown

REVEAL_FILES = ("dist/reveal.css", "dist/reveal.js", "dist/theme/black.css", "dist/plugin/highlight/zenburn.css",
                "dist/plugin/notes.js", "dist/plugin/markdown.js")
RENDERS_FOLDER = ".slide-renders"  # per-scene slides (manim-slides' JSON + videos) inside the week folder


class SlidesError(RuntimeError):
    """Slides could not be made, and why."""


def reveal_folder() -> Path:
    return Path(os.environ.get("CALCVIZ_REVEALJS") or ROOT / ".venv" / "share" / "reveal.js")


def slide_output(entry, quality: str) -> str:
    return f"renders/{quality}/week{entry.week}/{RENDERS_FOLDER}/{entry.name}.json"


def presentation_output(week: int, quality: str) -> str:
    return f"renders/{quality}/week{week}/slides/index.html"


def slide_class(name: str) -> type:
    """The scene ``name`` as a manim-slides ``Slide`` (same class name: the course config is looked up by it)."""
    from manim_slides import Slide
    from manim_slides.slide.base import BaseSlide

    from scenes.kit import look as style
    from scenes.render import scene_class

    lecture = scene_class(load_course().scene(name).module, name)

    def __init__(self, *args, **kwargs):
        BaseSlide.__init__(self, *args, **kwargs)  # skips Slide.__init__: config["write_to_movie"] is gone in manim 0.22
        self._notes = ""

    def beat(self, beat_name: str, caption: str | None = None) -> None:
        self._notes = caption or ""  # a beat told sentence by sentence gets its notes once said (render_slides)
        lecture.beat(self, beat_name, caption)

    def next_section(self, *args, **kwargs) -> None:
        kwargs.setdefault("notes", self._notes)
        Slide.next_section(self, *args, **kwargs)

    def render(self, *args, **kwargs) -> None:
        lecture.render(self, *args, **kwargs)  # skips Slide.render's config changes (configure() made them)
        self._save_slides(use_cache=False, flush_cache=False, skip_reversing=True)

    return type(name, (Slide, lecture), {
        "__init__": __init__, "beat": beat, "next_section": next_section, "render": render,
        "skip_reversing": True, "_background_color": property(lambda self: style.BACKGROUND),
    })


def render_slides(name: str, quality: str, output: Path) -> int:
    """Render scene ``name``'s slides: ``output`` (manim-slides JSON) and its videos; returns the slide count.

    Works in a private folder; the videos go to a fresh folder the new JSON
    points to, the JSON is moved into place last, then older videos of the
    scene are removed. A failure leaves the previous slides as they were.
    """
    from manim import config

    from scenes.render import configure, tex_cache

    check_theme(load_course())  # as before a clip's render
    output = output.resolve()
    work = output.parent / f".{name}.work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        configure(quality, work / "media", tex_cache(name))
        config.max_files_cached = -1  # manim-slides joins the animations' segment files after the render
        scene = slide_class(name)(output_folder=work / "slides")
        scene.render()
        videos = f"files/{name}.{time.time_ns()}"
        (output.parent / "files").mkdir(parents=True, exist_ok=True)
        os.replace(work / "slides" / "files" / name, output.parent / videos)
        data = json.loads((work / "slides" / f"{name}.json").read_text())
        for slide, beat in zip(data["slides"], scene.narrator.beats):
            slide["notes"] = shown(beat.text)  # the whole beat as the captions write it (math as text)
        for slide in data["slides"]:  # relative to the JSON's parent's parent, as manim-slides reads them
            for key in ("file", "rev_file"):
                slide[key] = f"{output.parent.name}/{videos}/{Path(slide[key]).name}"
        temporary = work / "slides.json"
        temporary.write_text(json.dumps(data, indent=1))
        os.replace(temporary, output)
        for old in (output.parent / "files").glob(f"{name}.*"):
            if old.name != Path(videos).name:
                shutil.rmtree(old, ignore_errors=True)
        return len(data["slides"])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_presentation(slide_files: list[Path], output: Path, title: str) -> int:
    """Convert per-scene slides into one offline HTML presentation at ``output``; returns the slide count.

    ``output``'s folder is replaced as a whole (built beside it, then swapped in).
    """
    reveal = reveal_folder()
    missing = [f for f in REVEAL_FILES if not (reveal / f).exists()]
    if missing:
        raise SlidesError(f"reveal.js is not installed at {reveal} (missing {missing[0]}): run `make setup` (scripts/bootstrap.sh)")
    for path in slide_files:
        if not path.exists():
            raise SlidesError(f"{path} is missing: render the scene's slides first")
    folder = output.parent
    work = folder.with_name(f".{folder.name}.work")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        for name in REVEAL_FILES:
            (work / "assets" / "reveal.js" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(reveal / name, work / "assets" / "reveal.js" / name)
        command = [sys.executable, "-m", "manim_slides", "convert", "--to", "html",
                   "--folder", str(slide_files[0].parent), *[p.stem for p in slide_files], str(work / output.name),
                   "-c", "cdn_url=assets/reveal.js", "-c", "assets_dir=assets", "-c", f"title={title}",
                   "-c", "slide_number=true"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SlidesError(f"manim-slides convert failed: {(result.stderr or result.stdout).strip()[-2000:]}")
        count = (work / output.name).read_text(encoding="utf-8").count("data-background-video=")
        old = folder.with_name(f".{folder.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            os.replace(folder, old)
        os.replace(work, folder)
        shutil.rmtree(old, ignore_errors=True)
        return count
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_week(course: Course, week: Week, quality: str, root: Path = ROOT) -> Path:
    if not week.scenes:
        raise SlidesError(f"{course.path.name}: week {week.number} has no scenes: no slides to make")
    output = root / presentation_output(week.number, quality)
    title = f"Week {week.number}: {week.title}"
    build_presentation([root / slide_output(entry, quality) for entry in week.scenes], output, title)
    from scenes.publish.site import refresh

    refresh(course, quality, root / "renders" / quality)  # the course page links the slides
    return output


def main(argv: list[str]) -> int:
    import argparse

    from scenes.render import QUALITIES

    parser = argparse.ArgumentParser(prog="python -m scenes slides", description="manim-slides presentations of the lectures.")
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("render", help="render one scene's slides")
    one.add_argument("scene")
    one.add_argument("--quality", choices=QUALITIES, default="high")
    one.add_argument("--output", type=Path)
    week = commands.add_parser("build", help="the week's HTML presentation from its scenes' slides")
    week.add_argument("week", type=int)
    week.add_argument("--quality", choices=QUALITIES, default="high")
    args = parser.parse_args(argv)
    course = load_course()
    if args.command == "render":
        output = args.output or ROOT / slide_output(course.scene(args.scene), args.quality)
        count = render_slides(args.scene, args.quality, output)
        print(f"{os.path.relpath(output)}: {count} slides")
    else:
        output = build_week(course, course.week(args.week), args.quality)
        print(f"{os.path.relpath(output)}: the week's presentation (open it in a browser; S shows the speaker notes)")
    return 0
