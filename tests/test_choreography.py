"""Sentence-led choreography: a sentence's animations start with its first word, are slowed (up to
twice) to cover it, and the next sentence waits for this one's last word."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import av
import numpy as np
import pytest
from manim import Circle, Create, FadeIn, ValueTracker

from scenes.course import ROOT
from scenes.kit import choreography
from scenes.narration.narrator import GAP
from scenes.narration.voices import READING_RATE
from tests.demo.choreography_demo import LONG
from tests.test_scenes import parse_srt

FPS = 5  # the tiny quality


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("choreography")
    clip, probe = folder / "demo.mp4", folder / "demo"
    env = dict(os.environ, NARRATION="fake", CALCVIZ_PROBE=str(probe), CALCVIZ_TEX_CACHE=str(folder / "tex"),
               CALCVIZ_VOICE_CACHE=str(folder / "voice"), CALCVIZ_RECORDINGS=str(folder / "none"))
    code = ("import sys; from pathlib import Path; from scenes.render import render_class; "
            "render_class('tests/demo/choreography_demo.py', 'SecantToTangent', 'tiny', Path(sys.argv[1]))")
    result = subprocess.run([sys.executable, "-c", code, str(clip)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    said = [s for beat in json.loads(probe.with_suffix(".json").read_text())["beats"] for s in beat["said"]]
    return clip, said, parse_srt(clip.with_suffix(".srt").read_text()), result.stderr


def spoken_seconds(text: str) -> float:
    return len(text) / READING_RATE  # the fake voice: a tone as long as the text at 15 characters a second


def test_each_sentence_is_captioned_from_the_moment_its_animations_start(demo):
    _, said, cues, _ = demo
    starts = [start for start, _, _ in cues]
    for record in said:
        assert min(abs(s - record["onset"]) for s in starts) <= 0.1, record["text"]


def test_the_title_card_is_silent_and_short(demo):
    _, said, cues, _ = demo
    assert 1.2 <= cues[0][0] < 2.0, "the first word comes right after a silent title card shorter than 2 s"
    assert said[0]["onset"] == pytest.approx(cues[0][0], abs=0.1)


def test_a_long_animation_delays_the_next_sentence(demo):
    _, said, _, _ = demo
    first, second = said[0], said[1]
    assert first["shown_until"] - first["onset"] == pytest.approx(6.0, abs=1 / FPS), "not cut short by a shorter sentence"
    assert second["onset"] >= first["shown_until"] - 1e-6
    assert second["onset"] >= first["spoken_until"] + GAP - 1e-6


def test_a_short_animation_is_slowed_at_most_twice_then_held(demo):
    _, said, _, _ = demo
    long = said[1]
    assert long["text"] == LONG
    assert spoken_seconds(LONG) > 2.5, "the sentence outlasts twice its animation"
    assert long["shown_until"] - long["onset"] == pytest.approx(2.0, abs=1 / FPS), "one second of fading, slowed to two"
    assert choreography.still_seconds(long) == pytest.approx(spoken_seconds(LONG) - 2.0, abs=0.25)


def test_a_still_sentence_says_why(demo):
    _, said, _, _ = demo
    assert said[2]["hold"] == "the square is read"


def test_two_tracker_moves_in_one_sentence_both_happen(demo):
    _, said, _, _ = demo
    moves = said[3]
    assert moves["shown_until"] - moves["onset"] == pytest.approx(2.0, abs=1 / FPS), "0.5 + 0.5 + 1 s, not slowed"


def test_the_picture_changes_as_the_sentence_starts(demo):
    clip, said, _, _ = demo
    with av.open(str(clip)) as container:
        frames = [(f.time, f.to_ndarray(format="gray").astype(int)) for f in container.decode(video=0)]

    def at(t):
        return min(frames, key=lambda f: abs(f[0] - t))[1]

    for record in said[:2]:
        before, after = at(record["onset"] - 0.2), at(record["onset"] + 0.6)
        assert np.abs(after - before).max() > 40, f"nothing moved when {record['text']!r} began"


def test_a_sentence_with_nothing_to_show_is_refused_unless_it_says_why():
    assert not choreography.plan([]).moves
    assert not choreography.plan([0.5, lambda: None]).moves
    assert choreography.plan([Create(Circle())]).moves
    assert choreography.plan([choreography.plays(lambda: None)]).moves, "a callable that plays (a camera turn) shows something"


def test_two_unbuilt_animate_of_one_mobject_are_refused():
    tracker = ValueTracker(0)
    with pytest.raises(choreography.ChoreographyError, match="value_to"):
        choreography.plan([tracker.animate.set_value(1), tracker.animate.set_value(2)])
    plan = choreography.plan([choreography.value_to(tracker, 1, 0.5), choreography.value_to(tracker, 2, 0.5)])
    assert plan.natural == pytest.approx(1.0)


def test_stretch_covers_the_speech_up_to_twice():
    plan = choreography.plan([FadeIn(Circle(), run_time=1), 0.5], pace=2)
    assert plan.natural == pytest.approx(3.0), "pace scales animations and pauses"
    assert plan.stretch(2.0) == 1.0
    assert plan.stretch(4.5) == pytest.approx(1.5)
    assert plan.stretch(60) == choreography.MAX_STRETCH


def test_long_stills_are_reported(capsys):
    said = [{"beat": "b", "text": "short", "onset": 0, "shown_until": 1, "spoken_until": 2},
            {"beat": "b", "text": "too long", "onset": 0, "shown_until": 1, "spoken_until": 8}]
    assert [s["text"] for s in choreography.warn_long_stills("Demo", said)] == ["too long"]
    assert "7.0 s still while saying 'too long'" in capsys.readouterr().err


def test_a_recording_is_cut_at_its_pauses_and_each_piece_spoken_with_its_sentence(tmp_path, monkeypatch):
    from scenes.narration.narrator import Narrator, beat_id
    from tests.test_narration import bursts, click_recording

    monkeypatch.setenv("CALCVIZ_RECORDINGS", str(tmp_path / "narration"))
    monkeypatch.setenv("CALCVIZ_VOICE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "narration" / "week3"
    folder.mkdir(parents=True)
    # three sentences: clicks at 0.5, 1.5 and 2.5 s, each followed by 0.9 s of silence
    click_recording(folder / f"{beat_id('Demo', 1, 'Recorded')}.wav", [0.5, 1.5, 2.5], 3.0)
    narrator = Narrator("Demo", 3, "fake")
    beat = narrator.start("Recorded", None, 0.0)
    first = narrator.say(beat, "One.", 1.0)
    second = narrator.say(beat, "Two.", 5.0)  # the picture took longer: the voice waits for it
    narrator.close(beat)  # the third piece follows the second
    narrator.finish(beat, beat.hold_until())
    track = narrator.track(beat.end)
    pad = 0.05  # trimming keeps 50 ms before the first sound
    assert bursts(track) == pytest.approx([1.0 + pad, 5.0, 5.0 + second.duration + GAP], abs=0.02)
    assert first.duration == pytest.approx(0.1 + pad, abs=0.02)
    assert [text for text, _, _ in beat.sentences] == ["One.", "Two."]
