"""The instructor's own words: ``narration/weekN/text.tsv`` replaces beats' narration without Python.

The file is the instructor's, never written by the project: a line is a beat's id and its new text,
copied from the week's generated script (``make script-weekN`` -> ``script.tsv``) and edited there::

    SecantToTangent-02-a-secant <TAB> The line through both points is a secant. ...

(``id <TAB> scene <TAB> text``, the script's own three columns, is read too.)  Blank lines and lines
starting with ``#`` are skipped.  A beat told sentence by sentence keeps its number of sentences:
sentence i of the new text replaces sentence i of the scene's, and lands on that sentence's picture.
Removing a line gives the beat the scene's text back.

Checked before anything renders (:func:`read`, also by the Makefile's rules): every line names a beat of
a scene of the week, once, with a text, and balanced ``$...$``.  Checked against the scene's own beat
(:func:`check_beat`, by the render and by ``make script-weekN``): its number of sentences, and a
spoken length at most :data:`LONGEST` times the scene's.

A recording ``<id>.wav`` speaks the text it was recorded from: its hash is kept beside it in
``<id>.txt`` (:func:`register`), so a recording whose beat's text has changed since is reported.

    python -m scenes.narration.words register WEEK    # the week's recordings speak its current texts
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from scenes.narration import RECORDING_TYPES
from scenes.narration.captions import sentences
from scenes.narration.speech import SpeechError, pieces, spoken_all

TEXT_FILE = "text.tsv"
SCRIPT_FILE = "script.tsv"
LONGEST = 3.0  # an edited text may be spoken at most this many times as long as the scene's
_ID = re.compile(r"([A-Z][A-Za-z0-9]*)-\d{2,}-[a-z0-9-]+")  # narrator.beat_id: Scene-NN-slug


class WordsError(ValueError):
    """A line of the instructor's text file that cannot be spoken as it is: file, line, id and why."""


def folder(week: int) -> Path:
    """The week's narration folder: ``narration/weekN/`` (``$CALCVIZ_RECORDINGS`` replaces ``narration``)."""
    from scenes.course import ROOT

    return Path(os.environ.get("CALCVIZ_RECORDINGS") or ROOT / "narration") / f"week{week}"


@dataclass(frozen=True)
class Line:
    """One beat's new text, and where it was written."""

    path: Path
    number: int
    id: str
    text: str

    @property
    def scene(self) -> str:
        return self.id.split("-", 1)[0]

    def where(self) -> str:
        return f"{self.path}, line {self.number} ({self.id})"


def read(path: Path, scenes: list[str] | set[str]) -> dict[str, Line]:
    """The lines of ``path`` by beat id (none if it does not exist); ``scenes`` are the week's scene names.

    Raises :class:`WordsError` for the first bad line: no beat named, a beat named twice, an empty
    text, an odd number of ``$`` (or an empty ``$$``).
    """
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet's byte-order mark is not part of the first id
    except UnicodeDecodeError as error:
        raise WordsError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    lines: dict[str, Line] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        line = _parse(path, number, raw, scenes)
        if line.id in lines:
            raise WordsError(f"{line.where()}: beat repeated (line {lines[line.id].number} names it too); keep one line")
        lines[line.id] = line
    return lines


def _parse(path: Path, number: int, raw: str, scenes) -> Line:
    fields = raw.split("\t")
    where = f"{path}, line {number}"
    if len(fields) not in (2, 3):
        raise WordsError(f"{where}: expected a beat id, a tab and the text (or the script's id, scene and text), "
                         f"found {len(fields)} tab-separated fields")
    identity = fields[0].strip()
    where = f"{where} ({identity or 'no id'})"
    scene = identity.split("-", 1)[0]
    if not _ID.fullmatch(identity) or scene not in scenes:
        raise WordsError(f"{where}: names no beat of this week (the beats' ids are in {path.with_name(SCRIPT_FILE)})")
    if len(fields) == 3 and fields[1].strip() != scene:
        raise WordsError(f"{where}: the scene column says {fields[1].strip()!r}, the id names {scene}")
    words = " ".join(fields[-1].split())
    if not words:
        raise WordsError(f"{where}: empty text (remove the line to keep the scene's text)")
    try:
        pieces(words)
    except SpeechError as error:
        problem = "unbalanced $ (an odd number of dollars)" if "unbalanced" in str(error) else "empty math ($$)"
        raise WordsError(f"{where}: {problem}: math goes between a pair of dollars, as $f'(a)$") from None
    return Line(path, number, identity, words)


def for_week(week: int, scenes: list[str] | set[str]) -> dict[str, Line]:
    return read(folder(week) / TEXT_FILE, scenes)


def spoken_length(text: str) -> int:
    """Characters the voice says (math in words): what a beat's length follows."""
    return len(spoken_all([text])[0])


def check_beat(line: Line, original: list[str], sentence_led: bool) -> None:
    """``line`` can replace a beat whose text is the sentences ``original`` (raises :class:`WordsError`).

    A beat told sentence by sentence needs as many sentences as it has pictures to land them on.
    """
    edited = sentences(line.text)
    if sentence_led and len(edited) != len(original):
        listed = " | ".join(f"{i}. {s}" for i, s in enumerate(original, start=1))
        raise WordsError(f"{line.where()}: {len(edited)} sentence(s), the beat has {len(original)}: "
                         f"write one sentence for each of the scene's ({listed})")
    said, limit = spoken_all([line.text, " ".join(original)])
    if len(said) > LONGEST * len(limit):
        raise WordsError(f"{line.where()}: too long for the beat: {len(said)} characters spoken, "
                         f"over {LONGEST:g}x the scene's {len(limit)}")


class SentenceSource:
    """Hands a sentence-led beat its edited sentences, as many for each ``say`` as the scene's text has."""

    def __init__(self, line: Line) -> None:
        self.line = line
        self.edited = sentences(line.text)
        self.original: list[str] = []

    def take(self, scene_text: str) -> str:
        """The edited text for the scene's ``say(scene_text)``: its sentences' counterparts.

        When the edited sentences run out the scene's text stands in until :meth:`check` reports the counts.
        """
        count = len(sentences(scene_text))
        start = len(self.original)
        self.original += sentences(scene_text)
        taken = self.edited[start:start + count]
        return " ".join(taken) if len(taken) == count else scene_text

    def check(self) -> None:
        check_beat(self.line, self.original, sentence_led=True)


# ---------------------------------------------------------------------------------------------
# Recordings and the text they speak

def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def record_file(recording: Path) -> Path:
    """``<id>.txt`` beside ``<id>.wav``: the hash of the text the recording speaks, and that text."""
    return recording.with_suffix(".txt")


def write_record(recording: Path, text: str) -> None:
    from scenes.files import write_atomically

    write_atomically(record_file(recording), f"sha256 {text_hash(text)}\n{' '.join(text.split())}\n")


def recorded_hash(recording: Path) -> str | None:
    """The hash kept beside ``recording``; None when there is none (or it is not one)."""
    path = record_file(recording)
    if not path.is_file():
        return None
    first = path.read_text(encoding="utf-8", errors="replace").partition("\n")[0].split()
    return first[1] if len(first) == 2 and first[0] == "sha256" else ""


def stale_recording(recording: Path, text: str, edited: bool = False) -> str | None:
    """Why ``recording`` may not speak ``text`` (None when it does).

    A recording without a record of its text, of a beat the instructor has not edited, is taken to speak
    the scene's text (what the script showed) and gets its record now; of an edited beat, nobody knows.
    """
    kept = recorded_hash(recording)
    week = recording.parent.name.removeprefix("week")
    if kept is None and edited:
        return (f"{recording} has no record of the text it speaks ({record_file(recording).name}) and its beat's "
                f"text is edited in {TEXT_FILE}: run `make recorded-week{week}` once it speaks that text")
    if kept is None:
        write_record(recording, text)
        return None
    if kept == text_hash(text):
        return None
    return (f"{recording} was recorded for another text than its beat's now ({record_file(recording)} keeps the "
            f"text it speaks); record it again, or run `make recorded-week{week}` if it already speaks the new text")


def script_texts(week: int) -> dict[str, str]:
    """The scene's text of each beat, from the week's generated script (beside the recordings, else where
    `make script-weekN` writes it)."""
    from scenes.course import ROOT

    path = next((p for p in (folder(week) / SCRIPT_FILE, ROOT / "narration" / f"week{week}" / SCRIPT_FILE) if p.is_file()),
                folder(week) / SCRIPT_FILE)
    texts = {}
    if path.is_file():
        for raw in path.read_text(encoding="utf-8").splitlines():
            fields = raw.split("\t")
            if len(fields) == 3 and not raw.startswith("#"):
                texts[fields[0]] = fields[2]
    return texts


def register(week: int, scenes: list[str]) -> list[str]:
    """Keep beside each of the week's recordings the hash of its beat's text now (edited, else the script's)."""
    place = folder(week)
    edited = for_week(week, scenes)
    script = script_texts(week)
    done = []
    for recording in sorted(p for p in place.glob("*-*") if p.suffix in RECORDING_TYPES):
        identity = recording.stem
        text = edited[identity].text if identity in edited else script.get(identity)
        if text is None:
            print(f"warning: {recording} matches no beat of the script; not registered (`make script-week{week}`)",
                  file=sys.stderr)
            continue
        write_record(recording, text)
        done.append(identity)
    return done


def main(argv: list[str]) -> int:
    import argparse

    from scenes.course import load_course

    parser = argparse.ArgumentParser(prog="python -m scenes.narration.words")
    parser.add_argument("command", choices=["register"])
    parser.add_argument("week", type=int)
    args = parser.parse_args(argv)
    scenes = [entry.name for entry in load_course().week(args.week).scenes]
    try:
        done = register(args.week, scenes)
    except WordsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{folder(args.week)}: {len(done)} recording(s) registered as speaking their beats' texts now")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
