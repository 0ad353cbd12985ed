"""Every scene in the course config: a tiny render that decodes, has captions and chapters,
speaks its narration in sync (the fake voice: a tone per sentence), keeps every text inside
the frame and apart from the others, and matches its key frames.

Key-frame references live in tests/references/<Scene>/; re-record them after an
intended visual change with `make update-references` (and look at the diff).
"""

from __future__ import annotations

import itertools
import re
import json
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from scenes.course import ROOT, load_course
from scenes.kit.choreography import LONGEST_STILL, still_seconds
from scenes.narration.captions import shown
from tests.conftest import TinyRender

REFERENCES = Path(__file__).parent / "references"
SCENES = [entry.name for week in load_course().weeks for entry in week.scenes]
per_scene = pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xdist_group(n)) for n in SCENES])


def probe_data(render) -> dict:
    return json.loads(render.probe.with_suffix(".json").read_text())


def probe_frames(render) -> list[np.ndarray]:
    with np.load(render.probe.with_suffix(".npz")) as data:
        return [data[f"arr_{i}"] for i in range(len(data.files))]


def parse_srt(text: str, lines: bool = False) -> list[tuple[float, float, str]]:
    """(start, end, text) per cue; the text's lines joined by spaces, or kept as a list with ``lines``."""
    cues = []
    for block in text.strip().split("\n\n"):
        rows = block.splitlines()
        start, end = (_seconds(t) for t in rows[1].split(" --> "))
        cues.append((start, end, rows[2:] if lines else " ".join(rows[2:])))
    return cues


def spoken_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def _seconds(stamp: str) -> float:
    hours, minutes, rest = stamp.strip().split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest.replace(",", "."))


@per_scene
def test_clip_decodes_with_lecture_length(tiny_render, name):
    render = tiny_render(name)
    with av.open(str(render.clip)) as container:
        stream = container.streams.video[0]
        last = None
        for last in container.decode(stream):
            pass
        assert (stream.codec_context.width, stream.codec_context.height) == (320, 180)
        duration = container.duration / av.time_base
    assert last is not None and last.time == pytest.approx(duration - 1 / 5, abs=1e-3), "ends one frame after its last"
    assert 45 <= duration <= 120, f"{name} lasts {duration:.1f} s at normal pacing"


@per_scene
def test_every_beat_is_captioned_and_chaptered(tiny_render, name):
    render = tiny_render(name)
    cues = parse_srt(render.captions.read_text())
    beats = probe_data(render)["beats"]
    assert len(beats) >= 4
    with av.open(str(render.clip)) as container:
        chapters = container.chapters()
    assert [c["metadata"]["title"] for c in chapters] == [b["name"] for b in beats], "a chapter per beat"
    assert [float(c["start"] * c["time_base"]) for c in chapters] == pytest.approx([b["start"] for b in beats], abs=1e-3)
    assert [float(c["end"] * c["time_base"]) for c in chapters] == pytest.approx([b["time"] for b in beats], abs=1e-3)
    placed = 0
    for beat in beats:
        own = [c for c in cues if beat["start"] - 1e-3 <= c[0] < beat["time"] - 1e-3]
        assert " ".join(c[2] for c in own) == shown(beat["caption"]), "the beat's narration, whole, in its cues"
        assert own[0][0] == pytest.approx(beat["speech_start"], abs=1e-3), "the first cue starts with the speech"
        assert own[-1][1] <= beat["time"] + 1e-3
        placed += len(own)
    assert placed == len(cues), "every cue lies within a beat"


@per_scene
def test_every_sentence_lands_on_its_picture(tiny_render, name):
    """A sentence told with ``say`` starts its animations with its first word (its cue starts then),
    and the picture never stands still for more than 6 s while it is spoken."""
    render = tiny_render(name)
    starts = [start for start, _, _ in parse_srt(render.captions.read_text())]
    for beat in probe_data(render)["beats"]:
        for said in beat.get("said", []):
            assert min(abs(s - said["onset"]) for s in starts) <= 0.1, f"{said['text']!r} is not captioned as it starts"
            assert still_seconds(said) <= LONGEST_STILL, f"{still_seconds(said):.1f} s still while saying {said['text']!r}"


SOFTWARE = ("calcviz", "sympy", "numpy", "manim", "python", "piper")


@per_scene
def test_no_software_is_named_on_screen(tiny_render, name):
    """Students see the mathematics, not the tools that made the clip (the voice: tests/test_speech.py)."""
    labels = [t["label"] for beat in probe_data(tiny_render(name))["beats"] for t in beat["texts"]]
    named = [(label, tool) for label in labels for tool in SOFTWARE if tool in label.lower()]
    assert not named, named


@per_scene
def test_captions_are_readable(tiny_render, name):
    """At most 2 lines of 42 characters, 20 characters a second, 1 s on screen; no overlaps."""
    cues = parse_srt(tiny_render(name).captions.read_text(), lines=True)
    problems = []
    for start, end, rows in cues:
        text = " ".join(rows)
        if len(rows) > 2 or max(map(len, rows)) > 42:
            problems.append(f"{start:.1f}s: {rows} is over 2 lines x 42 characters")
        if end - start < 1 - 1e-3 or len(text) / (end - start) > 20 + 1e-3:
            problems.append(f"{start:.1f}s: {text!r} shows {len(text)} characters for {end - start:.2f} s")
    for (_, end, _), (start, _, rows) in itertools.pairwise(cues):
        if start < end - 1e-3:
            problems.append(f"{start:.1f}s: {rows} starts before the previous cue ends ({end:.2f} s)")
    assert not problems, "\n".join(problems)


def audio_onsets(samples: np.ndarray, rate: int, silence: float = 0.2) -> list[float]:
    """Where sound starts after at least ``silence`` seconds without it (10 ms windows)."""
    window = rate // 100
    loud = np.abs(samples[: len(samples) // window * window]).reshape(-1, window).max(axis=1) > 0.01
    onsets, quiet = [], int(silence * 100)
    for i in np.flatnonzero(loud):
        if i == 0 or not loud[max(0, i - quiet):i].any():
            onsets.append(i / 100)
    return onsets


def decode_audio(path: Path) -> tuple[np.ndarray, int]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(stream)])
        return samples.astype(np.float32), stream.rate


@per_scene
def test_narration_is_in_sync(tiny_render, name):
    """The fake voice's tones: one per sentence, each heard where its cue starts; the track as long as the video."""
    import pyloudnorm

    render = tiny_render(name)
    with av.open(str(render.clip)) as container:
        video, sound = container.streams.video[0], container.streams.audio[0]
        assert (sound.codec_context.name, sound.rate) == ("aac", 48000)
        assert float(sound.duration * sound.time_base) == pytest.approx(float(video.duration * video.time_base), abs=1 / 5)
    samples, rate = decode_audio(render.clip)
    beats = probe_data(render)["beats"]
    # what the voice spoke piece by piece: each say() of a sentence-led beat, else the beat's whole text
    pieces = [text for b in beats for text in ([said["text"] for said in b["said"]] if b.get("said") else [b["caption"]])]
    sentences = [s for text in pieces for s in spoken_sentences(text)]
    onsets = audio_onsets(samples, rate)
    assert len(onsets) == len(sentences), "a tone per sentence"
    starts = [c[0] for c in parse_srt(render.captions.read_text())]
    for onset in onsets:
        assert min(abs(onset - s) for s in starts) <= 1 / 5, f"no cue starts within a frame of the sentence heard at {onset:.2f} s"
    assert pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)) == pytest.approx(-16, abs=1)


@per_scene
def test_layout_no_text_off_frame_or_overlapping(tiny_render, name):
    assert_clean_layout(probe_data(tiny_render(name)))


WEEK3_DEFAULT_FUNCTION = ["SecantToTangent", "DerivativeAsFunction", "ExtremaAndConvexity"]


@pytest.mark.parametrize("name", WEEK3_DEFAULT_FUNCTION)
def test_a_new_week_function_gives_new_correct_clips(tmp_path, name):
    """The instructor's edit from the design: week 3's function becomes x**3 - 2*x."""
    text = (ROOT / "course.toml").read_text()
    assert 'function = "x^3/3 - x"' in text
    course = tmp_path / "course.toml"
    course.write_text(text.replace('function = "x^3/3 - x"', 'function = "x**3 - 2*x"'))
    render = TinyRender(name, tmp_path, course=course)
    assert render.result.returncode == 0, render.result.stderr[-3000:]
    data = probe_data(render)
    assert_clean_layout(data)
    assert " ".join(c[2] for c in parse_srt(render.captions.read_text())) == " ".join(shown(b["caption"]) for b in data["beats"])
    labels = " ".join(t["label"] for beat in data["beats"] for t in beat["texts"])
    assert "2 x" in labels and "x^{3}" in labels, "the new function is what is shown"
    if name == "ExtremaAndConvexity":
        assert r"\frac{\sqrt{6}}{3}" in labels, "critical points at x = ±sqrt(6)/3, computed exactly"
    if name == "DerivativeAsFunction":
        assert "3 x^{2} - 2" in labels


def assert_clean_layout(data: dict) -> None:
    half_w, half_h = data["frame"]["width"] / 2, data["frame"]["height"] / 2
    problems = []
    for beat in data["beats"]:
        texts = beat["texts"]
        for text in texts:
            x0, y0, x1, y1 = text["box"]
            if x0 < -half_w or x1 > half_w or y0 < -half_h or y1 > half_h:
                problems.append(f"at {beat['time']:.1f}s {text['label']!r} leaves the frame: {text['box']}")
        for a, b in itertools.combinations(texts, 2):
            if _overlap(a["box"], b["box"]) > 0.02:
                problems.append(f"at {beat['time']:.1f}s {a['label']!r} overlaps {b['label']!r}")
    assert not problems, "\n".join(problems)


def _overlap(a, b) -> float:
    """The smaller side of the boxes' intersection (0 if they do not meet)."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, min(width, height))


@per_scene
def test_key_frames_match_references(tiny_render, update_references, name):
    match_references(probe_frames(tiny_render(name)), REFERENCES / name, update_references, name)


def match_references(frames: list[np.ndarray], folder: Path, update_references: bool, name: str) -> None:
    """Each beat's last frame against ``folder``'s beat_NN.png (or recorded there, with --update-references)."""
    if update_references:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("beat_*.png"):
            old.unlink()
        for i, frame in enumerate(frames):
            Image.fromarray(frame).save(folder / f"beat_{i:02d}.png")
        return
    references = sorted(folder.glob("beat_*.png"))
    assert references, f"no references for {name}: run `make update-references`"
    assert len(references) == len(frames), "the number of beats changed: re-record the references"
    for i, (frame, path) in enumerate(zip(frames, references)):
        expected = np.asarray(Image.open(path).convert("RGB"))
        differing = np.mean(np.abs(frame.astype(int) - expected.astype(int)).max(axis=2) > 40)
        assert differing < 0.003, f"{name} beat {i}: {differing:.2%} of pixels differ from {path.name}"


def top_level_boxes(path: Path) -> list[str]:
    """The MP4's top-level box types, in file order."""
    boxes, data = [], path.read_bytes()
    at = 0
    while at + 8 <= len(data):
        size, kind = int.from_bytes(data[at:at + 4], "big"), data[at + 4:at + 8].decode("latin-1")
        if size == 1:
            size = int.from_bytes(data[at + 8:at + 16], "big")
        boxes.append(kind)
        if size < 8:
            break
        at += size
    return boxes


@per_scene
def test_clip_is_web_ready_with_its_index_first(tiny_render, name):
    """`moov` before `mdat` ("faststart"): a page served over HTTP plays before the whole file arrives."""
    boxes = top_level_boxes(tiny_render(name).clip)
    assert "moov" in boxes and "mdat" in boxes
    assert boxes.index("moov") < boxes.index("mdat"), boxes


def test_a_render_shows_its_progress_by_beat_and_frame(tiny_render):
    render = tiny_render("SecantToTangent")
    updates = [line for line in render.result.stderr.replace("\r", "\n").splitlines() if line.startswith("SecantToTangent: beat ")]
    beats = len(probe_data(render)["beats"])
    shown = [re.match(r"SecantToTangent: beat (\d+) of (\d+), frame (\d+) \(([\d.]+) s\)", line) for line in updates]
    assert updates and all(shown), updates[:3]
    assert [int(m[1]) for m in shown] == sorted(int(m[1]) for m in shown), "beats count up"
    assert int(shown[-1][1]) == beats and int(shown[-1][3]) > int(shown[0][3]), "the last beat, frames counted"
    assert all(int(m[1]) <= int(m[2]) for m in shown), "never beyond the total"


def test_clips_are_encoded_with_the_x264_settings_in_manim_cfg(tiny_render):
    """The encoder worker passes manim.cfg's x264 settings on: x264 writes the ones it used into the stream."""
    import configparser

    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "manim.cfg")
    wanted = dict(item.replace("-", "_").split("=") for item in cfg["video_encoder.options"]["x264-params"].split(":"))
    used = re.search(rb"x264 - core .*? options: ([^\x00]*)", tiny_render("SecantToTangent").clip.read_bytes()).group(1).decode()
    used = dict(item.split("=", 1) for item in used.split())
    reported = set(wanted) & set(used)  # x264 leaves out what its mode ignores (no lookahead without CRF)
    assert {"qp", "subme", "me", "bframes", "threads"} <= reported
    assert {key: used[key] for key in reported} == {key: wanted[key] for key in reported}
    assert used["rc"] == "cqp"
