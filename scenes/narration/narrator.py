"""A scene's narration while it renders: each beat's speech, how long the beat must last,
the captions, chapters and the clip's audio track.

``LectureScene.beat`` calls :meth:`Narrator.start`; at the beat's end the scene holds its
last frame until :meth:`Beat.hold_until` (speech plus a lead-in and a tail); the speech is
never stretched.  ``NARRATION`` chooses the voice: ``on`` (default: recordings, else Piper),
``fake`` (recordings, else a tone per sentence; for tests), ``off`` (silent; timing from a
reading-rate estimate).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from scenes.narration import RECORDING_TYPES, audio, voices, words
from scenes.narration.captions import Cue, sentences, timed_cues
from scenes.narration.speech import caption

LEAD_IN = 0.3  # seconds from a beat's start to its first word (a beat given its whole text)
TAIL = 0.7  # seconds a beat holds after its last word
GAP = voices.SENTENCE_GAP  # seconds of silence before a sentence that follows another
RECORDED_BREAK = 0.45  # a pause at least this long in a recording ends a sentence
MODES = ("on", "fake", "off")


class NarrationError(RuntimeError):
    """Narration that cannot be made: a bad setting, voice or recording."""


def mode() -> str:
    value = os.environ.get("NARRATION", "on").strip().lower() or "on"
    if value not in MODES:
        raise NarrationError(f"NARRATION={value} is not one of: {' '.join(MODES)}")
    return value


def recordings_folder(week: int) -> Path:
    """Where the instructor's recordings of a week are: ``narration/weekN/`` (``$CALCVIZ_RECORDINGS`` replaces ``narration``)."""
    return words.folder(week)


def beat_id(scene: str, index: int, name: str) -> str:
    """``SecantToTangent-03-a-secant``: the scene, the beat's number, its name (a recording's file name)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "beat"
    return f"{scene}-{index:02d}-{slug}"


@dataclass
class Beat:
    """A chapter of a scene and its speech, placed as pieces on the scene's clock.

    A beat given its whole text at its start (``LectureScene.beat(name, text)``) is one piece
    spoken from ``start + LEAD_IN``.  A beat told sentence by sentence (``LectureScene.say``)
    gets one piece per ``say``, placed when that sentence's animations start.
    """

    id: str
    name: str
    text: str
    start: float  # scene seconds
    speech: voices.Speech | None  # the whole-beat speech (None for a beat told sentence by sentence)
    end: float | None = None
    pieces: list = field(default_factory=list)  # (scene seconds, Speech), in order
    recording: list | None = None  # a recording's unplaced sentence pieces (sentence-led beats only)
    source: str = ""  # what spoke the sentences of a sentence-led beat
    recording_path: Path | None = None  # the instructor's recording that speaks it
    edit: words.SentenceSource | None = None  # the instructor's text replacing a sentence-led beat's
    scene_sentences: list = field(default_factory=list)  # the scene's own sentences, one list per say

    def __post_init__(self) -> None:
        if self.speech is not None and not self.pieces:
            self.pieces.append((self.speech_start, self.speech))

    @property
    def speech_start(self) -> float:
        return self.pieces[0][0] if self.pieces else self.start + LEAD_IN

    def speech_end(self) -> float:
        """When the last word placed so far ends (the beat's start when nothing is placed yet)."""
        return max((at + speech.duration for at, speech in self.pieces), default=self.start)

    def hold_until(self) -> float:
        if not self.pieces:
            return self.start
        return self.speech_end() + TAIL

    @property
    def sentences(self) -> list[tuple[str, float, float]]:
        """Every sentence placed, as (text, onset, finish) in scene seconds."""
        return [(text, at + onset, at + finish)
                for at, speech in self.pieces for text, onset, finish in speech.sentences if text]


class Narrator:
    apply_edits = True  # the instructor's text.tsv replaces beats' text (not while the script reads the scene's own)

    def __init__(self, scene: str, week: int, narration: str, voice_file: Path | None = None,
                 edits: dict[str, words.Line] | None = None) -> None:
        self.scene, self.week, self.mode = scene, week, narration
        self.voice_file = voice_file
        self.beats: list[Beat] = []
        self._voice: voices.Voice | None = None
        self.folder = recordings_folder(week)
        self.edits = {key: line for key, line in (edits or {}).items() if line.scene == scene}

    @classmethod
    def for_scene(cls, entry, course) -> "Narrator":
        scenes = [other.name for other in course.week(entry.week).scenes]
        edits = words.for_week(entry.week, scenes) if cls.apply_edits else {}  # a bad line stops here, before any frame
        return cls(entry.name, entry.week, mode(), course.voice, edits)

    def voice(self) -> voices.Voice:
        if self._voice is None:
            self._voice = voices.FakeVoice() if self.mode == "fake" else voices.PiperVoice(self.voice_file)
        return self._voice

    def recording(self, beat: str) -> Path | None:
        for suffix in RECORDING_TYPES:
            path = self.folder / f"{beat}{suffix}"
            if path.is_file():
                return path
        return None

    def start(self, name: str, text: str | None, time: float) -> Beat:
        """Open a beat at ``time``: spoken whole from now if ``text`` is given, else sentence by sentence (:meth:`say`)."""
        identity = beat_id(self.scene, len(self.beats) + 1, name)
        recording = self.recording(identity) if self.mode != "off" else None
        edit = self.edits.get(identity)
        if text is None:
            beat = Beat(identity, name, "", time, None, recording_path=recording,
                        edit=words.SentenceSource(edit) if edit else None)
            if recording is not None:
                beat.recording = voices.recorded_pieces(recording, RECORDED_BREAK)
                beat.source = f"recording {recording.name}"
            self.beats.append(beat)
            return beat
        if not text.strip():
            raise NarrationError(f"{self.scene}: beat {name!r} has no narration")
        scene_sentences = [sentences(text)]
        if edit is not None:  # spoken whole: any number of sentences
            words.check_beat(edit, scene_sentences[0], sentence_led=False)
            text = edit.text
        if recording is not None:
            speech = voices.recorded(recording, text)
        elif self.mode == "off":
            speech = voices.estimated(text)
        else:
            speech = self.voice().speak(text)
        beat = Beat(identity, name, " ".join(text.split()), time, speech, recording_path=recording,
                    scene_sentences=scene_sentences)
        self.beats.append(beat)
        return beat

    def say(self, beat: Beat, text: str, time: float) -> voices.Speech:
        """Place the speech of ``text`` (one or more sentences) in ``beat`` at ``time``; returns it."""
        if beat.speech is not None:
            raise NarrationError(f"{self.scene}: beat {beat.name!r} was given its whole text; it cannot also say {text!r}")
        if not text.strip():
            raise NarrationError(f"{self.scene}: beat {beat.name!r} says an empty sentence")
        beat.scene_sentences.append(sentences(text))
        if beat.edit is not None:
            text = beat.edit.take(text)
        if beat.recording is not None:
            speech = self._recorded_sentence(beat, text)
        elif self.mode == "off":
            speech = voices.estimated(text)
        else:
            speech = self.voice().speak(text)
        beat.pieces.append((time, speech))
        beat.text = " ".join((beat.text + " " + text).split())
        return speech

    def _recorded_sentence(self, beat: Beat, text: str) -> voices.Speech:
        """The next piece of the beat's recording (cut at its pauses) speaks ``text``."""
        if not beat.recording:
            print(f"warning: {beat.source} has fewer pauses than {beat.id} has sentences; "
                  f"{text!r} is shown unspoken (pause at least {RECORDED_BREAK} s between sentences)", file=sys.stderr)
            timing = voices.estimated(text)
            return voices.Speech(None, timing.sentences, timing.duration, "unspoken")
        samples = beat.recording.pop(0)
        seconds = len(samples) / audio.RATE
        shown = caption(" ".join(text.split()), keep_together=True)  # math captioned as Unicode, as a voice's is
        return voices.Speech(samples, ((shown, 0.0, seconds),), seconds, beat.source)

    def close(self, beat: Beat) -> None:
        """Check the instructor's text against the beat it replaced, report a recording made for another
        text, and place what is left of a recording after the beat's last sentence (more pauses than sentences)."""
        if beat.edit is not None:
            beat.edit.check()
        if beat.recording_path is not None:
            stale = words.stale_recording(beat.recording_path, beat.text, edited=beat.id in self.edits)
            if stale:
                print(f"warning: {stale}", file=sys.stderr)
        if beat.recording:
            gap = np.zeros(round(GAP * audio.RATE), np.float32)
            rest = np.concatenate([part for piece in beat.recording for part in (gap, piece)])
            seconds = len(rest) / audio.RATE
            beat.pieces.append((beat.speech_end(), voices.Speech(rest, (("", 0.0, seconds),), seconds, beat.source)))
            beat.recording = []

    def finish(self, beat: Beat, time: float) -> None:
        beat.end = time

    def cues(self) -> list[Cue]:
        """Sentence-level captions: each starts when its sentence is spoken."""
        cues = []
        for beat in self.beats:
            cues += timed_cues(beat.sentences, beat.end)
        return cues

    def chapters(self) -> list[tuple[str, float, float]]:
        return [(beat.name, beat.start, beat.end) for beat in self.beats]

    def track(self, seconds: float) -> np.ndarray | None:
        """The clip's audio: every beat's speech at its place, silence between; None when silent."""
        if self.mode == "off" or not any(speech.samples is not None for b in self.beats for _, speech in b.pieces):
            return None
        return self.span(0, round(seconds * audio.RATE))

    def span(self, start: int, end: int) -> np.ndarray:
        """Samples ``start`` to ``end`` of the track (the speech of the beats so far, silence between)."""
        samples = np.zeros(max(0, end - start), np.float32)
        for seconds, speech in (piece for beat in self.beats for piece in beat.pieces):
            if speech.samples is None:
                continue
            at = round(seconds * audio.RATE)
            low, high = max(start, at), min(end, at + len(speech.samples))
            if low < high:
                samples[low - start: high - start] += speech.samples[low - at: high - at]
        return samples

    def script(self) -> list[dict]:
        return [{"id": b.id, "scene": self.scene, "beat": b.name, "text": b.text,
                 "sentences": [s for said in b.scene_sentences for s in said], "sentence_led": b.speech is None}
                for b in self.beats]

    def check_edits_used(self) -> None:
        """Every line of the instructor's text for this scene named one of its beats."""
        ids = {b.id for b in self.beats}
        for line in self.edits.values():
            if line.id not in ids:
                raise words.WordsError(f"{line.where()}: names no beat of {self.scene} (its beats' ids are in "
                                       f"`make script-week{self.week}`)")

    def warn_unused_recordings(self) -> None:
        """A recording named for no beat of this scene is probably misnamed (or its beat was renamed)."""
        if self.mode == "off" or not self.folder.is_dir():
            return
        used = {b.id for b in self.beats}
        for path in sorted(self.folder.glob(f"{self.scene}-*")):
            if path.suffix in RECORDING_TYPES and path.stem not in used:
                print(f"warning: {path} matches no beat of {self.scene}; the beats' ids are in `make script-week{self.week}`",
                      file=sys.stderr)
