"""Narration: captions cut for reading, loudness, the speech cache, recordings, muxing, and the
real Piper voice end to end.  The fake voice (a tone per sentence) stands in for speech, so
nothing here needs listening; its sync with the captions in every scene is in test_scenes.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pyloudnorm
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.signal import resample_poly

from scenes.course import ROOT
from scenes.narration import audio, voices
from scenes.narration.captions import LINE, chunks, timed_cues
from scenes.narration.narrator import LEAD_IN, TAIL, Narrator, beat_id
from tests.conftest import TinyRender

RATE = 48_000


def measured_lufs(samples: np.ndarray) -> float:
    return pyloudnorm.Meter(RATE).integrated_loudness(samples.astype(np.float64))


def measured_dbtp(samples: np.ndarray) -> float:
    return 20 * np.log10(np.abs(resample_poly(samples.astype(np.float64), 4, 1)).max())


# ------------------------------------------------------------------ captions
words = st.sampled_from("the slope of a secant line settles to the derivative, which is the limit: "
                        "as h goes to zero and x squared grows quickly".split())
sentence = st.lists(words, min_size=1, max_size=40).map(lambda w: " ".join(w).capitalize() + ".")


@given(sentence)
def test_a_sentence_becomes_cues_of_two_lines_of_42_that_keep_every_word(text):
    pieces = chunks(text)
    assert " ".join(p.replace("\n", " ") for p in pieces) == text
    for piece in pieces:
        lines = piece.split("\n")
        assert len(lines) <= 2 and all(len(line) <= LINE for line in lines)


def test_breaks_fall_at_phrase_boundaries():
    pieces = chunks("The same happens from the other side, with h negative: the slope approaches the same number.")
    assert pieces == ["The same happens from the other side,", "with h negative:\nthe slope approaches the same number."]


@settings(max_examples=50)
@given(st.lists(sentence, min_size=1, max_size=6))
@example(["The the limit: the the the the the the slope the the the the slope secant squared."])  # found by CI
@example(["The.", "The the the slope slope secant squared the the the the slope slope squared."])
def test_timed_cues_start_at_onsets_never_overlap_and_are_readable(texts):
    spoken, at = [], 0.5
    for text in texts:  # read at 15 characters a second with 0.35 s between sentences, like the voices
        spoken.append((text, at, at + len(text) / 15))
        at += len(text) / 15 + 0.35
    cues = timed_cues(spoken, at + TAIL)
    shown = [c.text.replace("\n", " ") for c in cues]
    assert " ".join(shown) == " ".join(text for text, _, _ in spoken), "every word, in order"
    firsts = [sum(len(s.split()) for s, _, _ in spoken[:k]) for k in range(len(spoken))]  # word index of each start
    cue_of_word = [k for k, text in enumerate(shown) for _ in text.split()]
    for (text, onset, _), first in zip(spoken, firsts):
        showing = next(k for k, c in enumerate(cues) if c.start - 1e-9 <= onset < c.end)
        assert cue_of_word[first] == showing, "when a sentence is spoken, the cue on screen holds its first word"
    for a, b in zip(cues, cues[1:]):
        assert b.start >= a.end - 1e-9
    for cue in cues:
        assert cue.end - cue.start >= 1 - 1e-9
        assert len(cue.text.replace("\n", " ")) / (cue.end - cue.start) <= 20 + 1e-9


def test_sentences_that_can_be_read_alone_get_cues_starting_at_their_onsets():
    spoken = [("The slope of the secant is rise over run.", 0.0, 2.8),
              ("Now let h shrink towards zero and watch the secant line turn.", 3.2, 7.4)]
    cues = timed_cues(spoken, 8.0)
    assert [(c.start, c.text.replace("\n", " ")) for c in cues] == [(0.0, spoken[0][0]), (3.2, spoken[1][0])]


def test_a_short_sentence_is_merged_with_the_next_to_stay_on_screen_a_second():
    cues = timed_cues([("Yes.", 0.0, 0.3), ("And then the slope settles.", 0.6, 2.4)], 3.0)
    assert [(c.start, c.end, c.text) for c in cues] == [(0.0, 3.0, "Yes. And then the slope settles.")]


# ------------------------------------------------------------------ loudness
def test_normalised_speech_is_at_minus_16_lufs_with_true_peak_below_minus_1():
    rng = np.random.default_rng(3)
    t = np.arange(4 * RATE) / RATE
    bursts = (np.sin(2 * np.pi * 3 * t) > 0.3) * (0.05 * rng.standard_normal(len(t)))  # speech-like: bursts and gaps
    bursts[RATE:RATE + 20] = 0.9  # a click far above the rest
    out = audio.normalise(bursts.astype(np.float32))
    assert measured_lufs(out) == pytest.approx(-16, abs=0.5)
    assert measured_dbtp(out) <= -1.0


def test_trim_keeps_the_sound_and_a_short_pad():
    samples = np.zeros(3 * RATE, np.float32)
    samples[RATE:2 * RATE] = 0.5 * np.sin(np.arange(RATE) / 5)
    trimmed = audio.trim(samples, pad=0.05)
    assert len(trimmed) / RATE == pytest.approx(1.1, abs=0.011)


# ------------------------------------------------------------------ the cache
class CountingFake(voices.FakeVoice):
    def __init__(self) -> None:
        self.calls = 0

    def sentence_audio(self, sentence: str) -> np.ndarray:
        self.calls += 1
        return super().sentence_audio(sentence)


def test_speech_is_cached_by_everything_that_shapes_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CALCVIZ_VOICE_CACHE", str(tmp_path))
    voice = CountingFake()
    first = voice.speak("A slope needs two points. So we start with two.")
    assert voice.calls == 2
    again = voice.speak("A slope needs two points. So we start with two.")
    assert voice.calls == 2, "an unchanged text is never synthesised again"
    assert again.sentences == first.sentences
    assert np.allclose(again.samples, first.samples, atol=1 / 32767)
    voice.speak("A slope needs two points. So we start with three.")
    assert voice.calls == 4, "a changed text is synthesised"
    monkeypatch.setattr(voices, "LOUDNESS", {**voices.LOUDNESS, "lufs": -23.0})
    voice.speak("A slope needs two points. So we start with two.")
    assert voice.calls == 6, "a changed loudness target misses the cache"
    monkeypatch.setattr(voices, "SENTENCE_GAP", 0.5)
    voice.speak("A slope needs two points. So we start with two.")
    assert voice.calls == 8, "changed synthesis settings miss the cache"


def test_the_piper_cache_key_follows_the_voice_file(tmp_path):
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"weights one")
    Path(f"{model}.json").write_text("{}")
    before = voices.PiperVoice(model).cache_parts()
    voices.file_hash.cache_clear()
    model.write_bytes(b"weights two")
    assert voices.PiperVoice(model).cache_parts() != before


def test_a_missing_voice_says_what_to_do(tmp_path):
    with pytest.raises(voices.VoiceError, match=r"voice file .*nothing\.onnx is missing.*\[narration\] voice in course\.toml"):
        voices.PiperVoice(tmp_path / "nothing.onnx")


def test_a_broken_voice_says_what_it_should_be(tmp_path, monkeypatch):
    monkeypatch.setenv("CALCVIZ_VOICE_CACHE", str(tmp_path / "cache"))
    model = tmp_path / "broken.onnx"
    model.write_bytes(b"not a model")
    Path(f"{model}.json").write_text("{}")
    with pytest.raises(voices.VoiceError, match="broken.onnx does not load .*Piper .onnx voice with its .onnx.json"):
        voices.PiperVoice(model).speak("Hello there.")


# ------------------------------------------------------------------ recordings
def click_recording(path: Path, clicks: list[float], seconds: float) -> None:
    """Silence with a 100 ms burst at each of ``clicks`` seconds, as 44.1 kHz 16-bit WAV."""
    rate = 44_100
    samples = np.zeros(round(seconds * rate), np.int16)
    burst = (8000 * np.sin(2 * np.pi * 1000 * np.arange(rate // 10) / rate)).astype(np.int16)
    for at in clicks:
        samples[round(at * rate): round(at * rate) + len(burst)] = burst
    with av.open(str(path), "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(samples[None, :], format="s16", layout="mono")
        frame.sample_rate = rate
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


def bursts(samples: np.ndarray) -> list[float]:
    """Start of each sound after at least 0.2 s of silence, in seconds (1 ms resolution)."""
    loud = np.abs(samples) > 0.02
    found, last = [], -RATE
    for i in np.flatnonzero(loud):
        if i - last > RATE // 5:
            found.append(i / RATE)
        last = i
    return found


def test_a_recording_replaces_the_voice_trimmed_and_lands_after_the_lead_in(tmp_path, monkeypatch):
    monkeypatch.setenv("CALCVIZ_RECORDINGS", str(tmp_path / "narration"))
    monkeypatch.setenv("CALCVIZ_VOICE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "narration" / "week3"
    folder.mkdir(parents=True)
    # a click for the first sentence, two for the second, 1.6 s later, after the recording's longest pause
    click_recording(folder / f"{beat_id('Demo', 2, 'The curve')}.wav", [0.8, 2.4, 2.9], 3.5)
    narrator = Narrator("Demo", 3, "fake")
    first = narrator.start("Title", "A tone stands in for this beat.", 0.0)
    narrator.finish(first, 4.0)
    second = narrator.start("The curve", "Here is the curve. And here is its slope.", 4.0)
    assert second.speech.source.startswith("recording Demo-02-the-curve.wav")
    end = second.hold_until()
    narrator.finish(second, end)
    track = narrator.track(end)
    clicks = [t for t in bursts(track) if t >= 4.0]
    pad = 0.05  # trimming keeps 50 ms before the first sound
    first_click = 4.0 + LEAD_IN + pad
    assert clicks == pytest.approx([first_click, first_click + 1.6, first_click + 2.1], abs=0.011)
    assert end == pytest.approx(first_click + 2.1 + 0.1 + pad + TAIL, abs=0.011), "the beat lasts until the recording ends, plus its tail"
    cues = narrator.cues()
    assert [c.start for c in cues if c.start >= 4.0][:2] == pytest.approx([4.0 + LEAD_IN, clicks[1] - 0.011], abs=0.011), \
        "the second sentence's cue starts at the recording's second onset"
    assert measured_lufs(second.speech.samples) == pytest.approx(-16, abs=1)


# ------------------------------------------------------------------ muxing
def encode_video(path: Path, seconds: float, fps: int = 5) -> None:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps, options={"x264-params": "bframes=0"})
        stream.width, stream.height, stream.pix_fmt = 160, 96, "yuv420p"
        for i in range(round(seconds * fps)):
            image = np.full((96, 160, 3), (i * 13) % 255, np.uint8)
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        container.mux(stream.encode())


def video_packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(video=0) if p.size]


def test_muxing_copies_the_h264_packets_and_the_audio_lasts_as_long_as_the_video(tmp_path):
    video, clip = tmp_path / "video.mp4", tmp_path / "clip.mp4"
    encode_video(video, 3.2)
    t = np.arange(round(3.2 * RATE)) / RATE
    tone = audio.normalise((0.3 * np.sin(2 * np.pi * 440 * t) * (t > 1)).astype(np.float32))
    audio.mux(video, clip, tone, [("One", 0, 1.6), ("Two", 1.6, 3.2)])
    assert video_packets(clip) == video_packets(video), "the video is copied, never re-encoded"
    with av.open(str(clip)) as container:
        sound = container.streams.audio[0]
        assert (sound.codec_context.name, sound.rate) == ("aac", RATE)
        assert float(sound.duration * sound.time_base) == pytest.approx(3.2, abs=1 / 5)
        assert [c["metadata"]["title"] for c in container.chapters()] == ["One", "Two"]
    decoded = audio.read(clip)
    assert bursts(decoded)[0] == pytest.approx(1.0, abs=0.005), "no priming delay: the sound starts where it was placed"
    assert measured_lufs(decoded) == pytest.approx(-16, abs=1)
    assert measured_dbtp(decoded) <= -1.0, "still under -1 dBTP once encoded"


def audio_packets(path: Path) -> list[tuple]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return [(bytes(p), p.pts, p.dts, p.duration) for p in container.demux(stream) if p.size]


def test_a_track_encoded_in_pieces_while_the_clip_renders_gives_the_same_packets(tmp_path):
    """The background encoder cuts AAC frames as a one-shot encode does, and the muxer copies its packets."""
    from scenes.narration.aac import AacWriter

    video, once, pieces = tmp_path / "video.mp4", tmp_path / "once.mp4", tmp_path / "pieces.mp4"
    encode_video(video, 3.2)
    rng = np.random.default_rng(3)
    tone = audio.normalise((0.2 * rng.standard_normal(round(3.2 * RATE))).astype(np.float32))
    chapters = [("One", 0, 1.6), ("Two", 1.6, 3.2)]
    audio.mux(video, once, tone, chapters)
    writer = AacWriter(tmp_path / "narration.m4a")
    for cut in (0, 1, 1000, 1025, 50_000, 50_001, 120_000):  # pieces shorter and longer than a frame, and empty
        writer.write(tone[writer.fed:cut])
    writer.write(tone[writer.fed:])
    audio.mux(video, pieces, tone, chapters, encoded=writer.finish())
    assert audio_packets(pieces) == audio_packets(once)
    assert video_packets(pieces) == video_packets(video)
    assert np.array_equal(audio.read(pieces), audio.read(once))


def test_a_failed_background_encode_is_reported_and_its_worker_ends(tmp_path):
    """A failure falls back to encoding at the end (where a lasting cause, such as a full disk, is reported)."""
    from scenes.narration.aac import AacWriter

    writer = AacWriter(tmp_path / "no-such-folder" / "narration.m4a")
    writer.write(np.zeros(5000, np.float32))
    assert writer.finish() is None, "the muxer encodes the track itself"
    assert "no-such-folder" in writer.error or "No such file" in writer.error
    assert not writer.worker.is_alive()

    writer = AacWriter(tmp_path / "narration.m4a")  # a render that fails half-way closes it unfinished
    writer.write(np.zeros(5000, np.float32))
    writer.close()
    assert not writer.worker.is_alive()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 3), st.integers(1, 30_000)), min_size=1, max_size=4),
       st.lists(st.integers(0, 200_000), max_size=5))
def test_spans_of_the_track_cut_anywhere_join_into_the_track(beats, cuts):
    narrator = Narrator("Spans", 1, "fake")
    rng = np.random.default_rng(len(beats))
    for i, (start, length) in enumerate(sorted(beats)):
        speech = voices.Speech(rng.standard_normal(length).astype(np.float32), (("Hi.", 0.0, 0.1),), length / RATE, "test")
        narrator.beats.append(narrator_beat(f"b{i}", start, speech))
    total = 200_000
    track = narrator.track(total / RATE)
    bounds = sorted({0, total, *(min(c, total) for c in cuts)})
    joined = np.concatenate([narrator.span(a, b) for a, b in zip(bounds, bounds[1:])])
    assert np.array_equal(joined, track)


def narrator_beat(name: str, start: float, speech):
    from scenes.narration.narrator import Beat

    return Beat(name, name, "Hi.", start, speech)


# ------------------------------------------------------------------ the real voice, end to end
def test_piper_narrates_a_scene_end_to_end(tmp_path):
    """SecantToTangent at 320x180 spoken by the packaged Piper voice (the README's set-up installs it)."""
    render = TinyRender("SecantToTangent", tmp_path, narration="on")
    assert render.result.returncode == 0, render.result.stderr[-3000:]
    with av.open(str(render.clip)) as container:
        video, sound = container.streams.video[0], container.streams.audio[0]
        assert float(sound.duration * sound.time_base) == pytest.approx(float(video.duration * video.time_base), abs=1 / 5)
    samples = audio.read(render.clip)
    assert measured_lufs(samples) == pytest.approx(-16, abs=1)
    assert measured_dbtp(samples) <= -1.0
    beats = json.loads(render.probe.with_suffix(".json").read_text())["beats"]
    srt = render.captions.read_text()
    starts = [float(m[0]) * 3600 + float(m[1]) * 60 + float(m[2].replace(",", ".")) for m in re.findall(r"(\d+):(\d+):([\d,]+) -->", srt)]
    window = RATE // 100
    voiced = np.abs(samples[: len(samples) // window * window]).reshape(-1, window).max(axis=1) > 0.02
    for beat in beats:
        at = round(beat["speech_start"] * 100)
        assert voiced[at: at + 30].any(), f"the voice speaks within 0.3 s of {beat['name']!r}'s first cue"
        assert not voiced[round(beat["time"] * 100) - 30: round(beat["time"] * 100)].any(), "each beat ends in its quiet tail"
    assert len(starts) >= sum(len(b["sentences"]) for b in beats)
    cached = list((tmp_path / "voice").glob("*.flac"))
    assert len(cached) == sum(len(b.get("said", [])) or 1 for b in beats), "one cached speech per sentence said (per beat when told whole)"


def test_an_unknown_narration_mode_is_named(monkeypatch):
    from scenes.narration.narrator import NarrationError, mode

    monkeypatch.setenv("NARRATION", "loud")
    with pytest.raises(NarrationError, match="NARRATION=loud is not one of: on fake off"):
        mode()


def test_off_is_timed_like_the_fake_voice_but_silent(tmp_path, monkeypatch):
    monkeypatch.setenv("CALCVIZ_VOICE_CACHE", str(tmp_path))
    text = "Take a second point a distance h away. The line through both is a secant."
    silent, fake = voices.estimated(text), voices.FakeVoice().speak(text)
    assert silent.samples is None
    assert [t for s in silent.sentences for t in s[1:]] == pytest.approx([t for s in fake.sentences for t in s[1:]], abs=1e-6)
