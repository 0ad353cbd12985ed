"""The week's narration script (``make script-week3``): one beat a line, with the id a
recording of it must be named by, the scene and the text.

The texts are read by running each scene's choreography with every animation
skipped (manim's last-frame mode: nothing is drawn or encoded), one process per
scene since manim's config is global, so scenes whose narration is computed
(f-strings of their parameters) give exactly what a render would say.

    python -m scenes script WEEK [--output FILE]

The script is the scenes' own words and is rewritten whenever they change: the instructor's edits
go in ``text.tsv`` beside it (``scenes/narration/words.py``), and each edited beat is followed here
by a comment with the text spoken instead.  The script carries a checksum of its lines, so a script
edited in place is never overwritten: writing it again stops and says where the edits belong.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scenes.course import ROOT, Course, load_course
from scenes.files import write_atomically
from scenes.narration import words

HEADER = """\
# Narration script: week {week}, {title}
# One beat a line: id <TAB> scene <TAB> text.  Record a beat as narration/week{week}/<id>.wav (or .flac):
# the recording then replaces the synthetic voice for that beat (silence is trimmed, loudness normalised).
# Written by `make script-week{week}`: do not edit it here.  To change what a beat says, copy its line into
# narration/week{week}/text.tsv and edit the text there (as many sentences as the line has); '# spoken:' below a
# line shows its text from there.  Then `make recorded-week{week}` once a beat's recording speaks its text.
# checksum {checksum}
"""
CHECKSUM = re.compile(r"^# checksum ([0-9a-f]{64})$", re.M)


class ScriptEdited(RuntimeError):
    """The script was edited in place: writing it again would lose the edits."""


def _lines(text: str) -> list[str]:
    """The script's beat lines (comments left out)."""
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _checksum(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def scene_beats(name: str) -> list[dict]:
    """Scene ``name``'s beats (id, scene, beat, text), from a run that skips every animation."""
    from manim import config

    from scenes.render import configure, scene_class, tex_cache

    from scenes.narration.narrator import Narrator

    os.environ["NARRATION"] = "off"  # texts only: no voice
    Narrator.apply_edits = False  # the scene's own words: the instructor's edits are compared with them
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


def script_text(course: Course, week: int, beats: list[dict], edits: dict[str, words.Line] | None = None) -> str:
    edits = edits or {}
    lines = [f"{b['id']}\t{b['scene']}\t{b['text']}" for b in beats]
    out = [HEADER.format(week=week, title=course.week(week).title, checksum=_checksum(lines))]
    for beat, line in zip(beats, lines):
        out.append(line + "\n")
        if beat["id"] in edits:
            edit = edits[beat["id"]]
            out.append(f"# spoken: {edit.text}    ({edit.path.name}, line {edit.number})\n")
    return "".join(out)


def edit_problems(week: int, beats: list[dict]) -> tuple[dict[str, words.Line], list[str]]:
    """The instructor's lines for the week, and what is wrong with them (a render would stop on each)."""
    scenes = sorted({b["scene"] for b in beats})
    try:
        edits = words.for_week(week, scenes)
    except words.WordsError as error:
        return {}, [str(error)]
    by_id = {b["id"]: b for b in beats}
    problems = []
    for line in edits.values():
        beat = by_id.get(line.id)
        try:
            if beat is None:
                raise words.WordsError(f"{line.where()}: names no beat of {line.scene} (the script lists its beats)")
            words.check_beat(line, beat["sentences"], beat["sentence_led"])
        except words.WordsError as error:
            problems.append(str(error))
    return {k: v for k, v in edits.items() if k in by_id}, problems


def refuse_edited(path: Path, beats: list[dict]) -> None:
    """Stop if ``path`` was edited since it was written (its lines no longer match its checksum)."""
    if not path.is_file():
        return
    old = path.read_text(encoding="utf-8", errors="replace")
    kept = CHECKSUM.search(old)
    lines = _lines(old)
    if kept and kept.group(1) == _checksum(lines):
        return
    texts = {b["id"]: b["text"] for b in beats}
    changed = [(n, line) for n, line in enumerate(old.splitlines(), start=1) if line in lines
               and len(line.split("\t")) == 3 and texts.get(line.split("\t")[0]) not in (None, line.split("\t")[2])]
    if not kept and not changed:
        return  # written before scripts had checksums, and not edited
    where = f", line {changed[0][0]} ({changed[0][1].split(chr(9))[0]})" if changed else ""
    raise ScriptEdited(f"{path}{where}: edited since it was written, and writing it again would lose the edits: "
                       f"move them into {path.with_name(words.TEXT_FILE)} (the file the voice reads), "
                       f"then delete {path.name} and run again")


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
    refuse_edited(output, beats)
    edits, problems = edit_problems(args.week, beats)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(output, script_text(course, args.week, beats, edits))
    print(f"{os.path.relpath(output)}: {len(beats)} beats of week {args.week}"
          + (f", {len(edits)} spoken from {words.TEXT_FILE}" if edits else ""))
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0
