"""The week's narration script (``make script-week3``): one beat a line, with the id a
recording of it must be named by, the scene and the text.

The texts are read by running each scene's choreography with every animation
skipped (manim's last-frame mode: nothing is drawn or encoded), one process per
scene since manim's config is global, so scenes whose narration is computed
(f-strings of their parameters) give exactly what a render would say.

    python -m scenes script WEEK [--output FILE]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scenes.course import ROOT, Course, load_course
from scenes.files import write_atomically

HEADER = """\
# Narration script: week {week}, {title}
# One beat a line: id <TAB> scene <TAB> text.  Record a beat as narration/week{week}/<id>.wav (or .flac):
# the recording then replaces the synthetic voice for that beat (silence is trimmed, loudness normalised).
"""


def scene_beats(name: str) -> list[dict]:
    """Scene ``name``'s beats (id, scene, beat, text), from a run that skips every animation."""
    from manim import config

    from scenes.render import configure, scene_class, tex_cache

    os.environ["NARRATION"] = "off"  # texts only: no voice
    entry = load_course().scene(name)
    work = Path(tempfile.mkdtemp(prefix=f".{name}.script."))
    try:
        configure("tiny", work, tex_cache(name))
        config.format = "png"  # last frame only: manim skips every animation
        scene = scene_class(entry.module, name)()
        scene.render()
        return scene.narrator.script()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _one_scene(name: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "scenes", "script", "--scene", name],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"reading the narration of {name} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def week_beats(course: Course, week: int) -> list[dict]:
    """Every beat of the week in course order (two scenes at a time)."""
    names = [entry.name for entry in course.week(week).scenes]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return [beat for beats in pool.map(_one_scene, names) for beat in beats]


def script_text(course: Course, week: int, beats: list[dict]) -> str:
    lines = [HEADER.format(week=week, title=course.week(week).title)]
    lines += [f"{b['id']}\t{b['scene']}\t{b['text']}\n" for b in beats]
    return "".join(lines)


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m scenes script", description="Write a week's narration script.")
    parser.add_argument("week", type=int, nargs="?")
    parser.add_argument("--output", type=Path, help="default: narration/weekN/script.tsv")
    parser.add_argument("--scene", help=argparse.SUPPRESS)  # one scene's beats as JSON (run per scene)
    args = parser.parse_args(argv)
    if args.scene:
        print(json.dumps(scene_beats(args.scene)))
        return 0
    if args.week is None:
        parser.error("which week?")
    course = load_course()
    beats = week_beats(course, args.week)
    output = args.output or ROOT / "narration" / f"week{args.week}" / "script.tsv"
    output.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(output, script_text(course, args.week, beats))
    print(f"{os.path.relpath(output)}: {len(beats)} beats of week {args.week}")
    return 0
