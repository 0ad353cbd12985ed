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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scenes.narration import RECORDING_TYPES, audio, voices
from scenes.narration.captions import Cue, timed_cues

LEAD_IN = 0.3  # seconds from a beat's start to its first word
TAIL = 0.7  # seconds a beat holds after its last word
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
    from scenes.course import ROOT

    return Path(os.environ.get("CALCVIZ_RECORDINGS") or ROOT / "narration") / f"week{week}"


def beat_id(scene: str, index: int, name: str) -> str:
    """``SecantToTangent-03-a-secant``: the scene, the beat's number, its name (a recording's file name)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "beat"
    return f"{scene}-{index:02d}-{slug}"


@dataclass
class Beat:
    id: str
    name: str
    text: str
    start: float  # scene seconds
    speech: voices.Speech
    end: float | None = None

    @property
    def speech_start(self) -> float:
        return self.start + LEAD_IN

    def hold_until(self) -> float:
        return self.speech_start + self.speech.duration + TAIL


class Narrator:
    def __init__(self, scene: str, week: int, narration: str, voice_file: Path | None = None) -> None:
        self.scene, self.week, self.mode = scene, week, narration
        self.voice_file = voice_file
        self.beats: list[Beat] = []
        self._voice: voices.Voice | None = None
        self.folder = recordings_folder(week)

    @classmethod
    def for_scene(cls, entry, course) -> "Narrator":
        return cls(entry.name, entry.week, mode(), course.voice)

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

    def start(self, name: str, text: str, time: float) -> Beat:
        if not text.strip():
            raise NarrationError(f"{self.scene}: beat {name!r} has no narration")
        identity = beat_id(self.scene, len(self.beats) + 1, name)
        recording = self.recording(identity) if self.mode != "off" else None
        if recording is not None:
            speech = voices.recorded(recording, text)
        elif self.mode == "off":
            speech = voices.estimated(text)
        else:
            speech = self.voice().speak(text)
        beat = Beat(identity, name, " ".join(text.split()), time, speech)
        self.beats.append(beat)
        return beat

    def finish(self, beat: Beat, time: float) -> None:
        beat.end = time

    def cues(self) -> list[Cue]:
        """Sentence-level captions: each starts when its sentence is spoken."""
        cues = []
        for beat in self.beats:
            spoken = [(text, beat.speech_start + onset, beat.speech_start + finish)
                      for text, onset, finish in beat.speech.sentences]
            cues += timed_cues(spoken, beat.end)
        return cues

    def chapters(self) -> list[tuple[str, float, float]]:
        return [(beat.name, beat.start, beat.end) for beat in self.beats]

    def track(self, seconds: float) -> np.ndarray | None:
        """The clip's audio: every beat's speech at its place, silence between; None when silent."""
        if self.mode == "off" or not any(b.speech.samples is not None for b in self.beats):
            return None
        return self.span(0, round(seconds * audio.RATE))

    def span(self, start: int, end: int) -> np.ndarray:
        """Samples ``start`` to ``end`` of the track (the speech of the beats so far, silence between)."""
        samples = np.zeros(max(0, end - start), np.float32)
        for beat in self.beats:
            if beat.speech.samples is None:
                continue
            at = round(beat.speech_start * audio.RATE)
            low, high = max(start, at), min(end, at + len(beat.speech.samples))
            if low < high:
                samples[low - start: high - start] += beat.speech.samples[low - at: high - at]
        return samples

    def script(self) -> list[dict]:
        return [{"id": b.id, "scene": self.scene, "beat": b.name, "text": b.text} for b in self.beats]

    def warn_unused_recordings(self) -> None:
        """A recording named for no beat of this scene is probably misnamed (or its beat was renamed)."""
        if self.mode == "off" or not self.folder.is_dir():
            return
        used = {b.id for b in self.beats}
        for path in sorted(self.folder.glob(f"{self.scene}-*")):
            if path.suffix in RECORDING_TYPES and path.stem not in used:
                print(f"warning: {path} matches no beat of {self.scene}; the beats' ids are in `make script-week{self.week}`",
                      file=sys.stderr)
