"""Publishing a week: the lecture video, captions, chapters, thumbnails, manifest and course page.

Three layers:
- captions and chapters as text (properties, error messages);
- the pipeline on small synthetic clips (joined without re-encoding, bad inputs, a failed step);
- end to end: `make -j2 publish-week3 QUALITY=tiny` in a copy of the project renders week 3 and
  publishes it; the result is checked against the clips decoded independently, and the page is
  loaded in Debian's headless Chromium (screenshot kept in renders/test-artifacts/index.png).
"""

from __future__ import annotations

import fcntl
import hashlib
import itertools
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import av
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from scenes.course import ROOT, load_course
from scenes.publish import PublishError, publish_week
from scenes.publish import thumbnails as thumbnails_module
from scenes.publish.captions import CaptionError, Cue, parse_srt, shift, to_srt, to_vtt
from scenes.publish.chapters import Chapter, ChapterError, youtube_description
from scenes.publish.video import FormatError, frame_at, is_blank, read_chapters

ARTIFACTS = ROOT / "renders" / "test-artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# ------------------------------------------------------------------ captions and chapters as text
cue_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40).filter(str.strip)


@st.composite
def cue_lists(draw):
    times = sorted(draw(st.lists(st.integers(0, 10_000_000), min_size=2, max_size=20, unique=True)))
    return [Cue(a / 1000, b / 1000, draw(cue_text).strip()) for a, b in itertools.pairwise(times)]


@given(cue_lists(), st.integers(0, 100_000))
def test_srt_round_trip_keeps_times_to_the_millisecond(cues, offset_ms):
    shifted = shift(cues, offset_ms / 1000)
    back = parse_srt(to_srt(shifted))
    assert [c.text for c in back] == [c.text for c in cues]
    for original, read in zip(cues, back):
        assert round(read.start * 1000) == round(original.start * 1000) + offset_ms
        assert round(read.end * 1000) == round(original.end * 1000) + offset_ms


def test_vtt_has_its_header_dot_timestamps_and_escaped_markup():
    vtt = to_vtt([Cue(3661.5, 3662.25, "f'' > 0 & x < 1")])
    assert vtt.splitlines() == ["WEBVTT", "", "1", "01:01:01.500 --> 01:01:02.250", "f'' &gt; 0 &amp; x &lt; 1"]


def test_srt_with_windows_line_ends_and_a_bom_reads():
    cues = parse_srt("\ufeff1\r\n00:00:00,000 --> 00:00:02,500\r\nHello\r\nthere\r\n\r\n2\r\n00:00:02,500 --> 00:00:04,000\r\nBye\r\n")
    assert cues == [Cue(0.0, 2.5, "Hello\nthere"), Cue(2.5, 4.0, "Bye")]


@pytest.mark.parametrize("text, message", [
    ("1\n00:00:01,000 -> 00:00:02,000\nHi\n", "X.srt, cue 1: no 'start --> end' line"),
    ("1\n00:00:01,000 --> 00:0x:02,000\nHi\n", "X.srt, cue 1: bad timestamp '00:0x:02,000'"),
    ("1\n00:00:03,000 --> 00:00:02,000\nHi\n", "X.srt, cue 1: ends (2.000 s) before it starts (3.000 s)"),
    ("\n\n", "X.srt: no caption cues"),
])
def test_bad_srt_is_named_with_its_cue(text, message):
    with pytest.raises(CaptionError, match=re.escape(message)):
        parse_srt(text, source="X.srt")


def test_youtube_chapter_list_format():
    chapters = [Chapter("Intro", 0, 59.9), Chapter("Secants", 59.9, 3600), Chapter("Late", 3600, 3725.4), Chapter("Last", 3725.4, 3800)]
    assert youtube_description(chapters) == "0:00 Intro\n0:59 Secants\n1:00:00 Late\n1:02:05 Last\n"


@pytest.mark.parametrize("chapters, message", [
    ([Chapter("A", 1, 30), Chapter("B", 30, 60)], "the first chapter ('A') must start at 0:00"),
    ([Chapter("A", 0, 30), Chapter("B", 30, 39)], "chapter 'B' lasts 9.0 s; YouTube needs at least 10 s"),
    ([Chapter("A", 0, 9.5), Chapter("B", 9.5, 60)], "chapter 'A' lasts 9.5 s"),
    ([Chapter("A", 0, 30), Chapter("B", 30, 60), Chapter("C", 25, 70)], "chapter 'C' does not start after 'B'"),
])
def test_chapters_youtube_would_reject_are_refused(chapters, message):
    with pytest.raises(ChapterError, match=re.escape(message)):
        youtube_description(chapters)


# ------------------------------------------------------------------ the pipeline on synthetic clips
FPS = 5
SIZE = (320, 180)
CLIP_SECONDS = 12  # each chapter must last 10 s or more
TITLE_SECONDS = 2


def encode_clip(path: Path, seconds: float, size=SIZE, fps=FPS, color=(88, 196, 221), shown_until: float | None = None) -> None:
    """A clip like the renders: H.264 yuv420p, a box moving over the dark background (until ``shown_until`` s)."""
    width, height = size
    frames = round(seconds * fps)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps, options={"preset": "veryfast", "x264-params": "bframes=0"})
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for i in range(frames):
            image = np.full((height, width, 3), (17, 19, 24), np.uint8)
            left = (width - width // 4) * i // max(frames - 1, 1)
            if shown_until is None or i / fps < shown_until:
                image[height // 4: height // 2, left: left + width // 4] = color
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        container.mux(stream.encode())


def write_captions(path: Path, seconds: float, name: str, beats: int = 4) -> None:
    step = seconds / beats
    path.write_text(to_srt([Cue(i * step, (i + 1) * step, f"{name}, beat {i + 1}") for i in range(beats)]))


def fake_title_card(size=SIZE, fps=FPS):
    def make(course, week, quality, output: Path) -> Path:
        encode_clip(output, TITLE_SECONDS, size=size, fps=fps, color=(197, 156, 242))
        return output

    return make


@pytest.fixture
def synthetic(tmp_path):
    """Week 3 of the real course with synthetic clips in tmp/renders/tiny/week3."""
    course = load_course()
    week = course.week(3)
    folder = tmp_path / "renders" / "tiny" / "week3"
    folder.mkdir(parents=True)
    for entry in week.scenes:
        encode_clip(folder / f"{entry.name}.mp4", CLIP_SECONDS)
        write_captions(folder / f"{entry.name}.srt", CLIP_SECONDS, entry.name)
    return course, week, tmp_path / "renders", folder


def packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(video=0) if p.size]


def count_frames(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def seconds_of(path: Path) -> float:
    """A video's length as its MP4 header states it (a held frame is stored once, with its duration)."""
    with av.open(str(path)) as container:
        return container.duration / av.time_base


def test_synthetic_week_is_joined_by_copying_packets(synthetic):
    course, week, renders, folder = synthetic
    manifest = publish_week(course, 3, "tiny", renders, title_card=fake_title_card())
    lecture = folder / "week3.mp4"
    copied = packets(lecture)
    title_packets = round(TITLE_SECONDS * FPS)
    expected = [p for entry in week.scenes for p in packets(folder / f"{entry.name}.mp4")]
    assert copied[title_packets:] == expected, "the clips' packets are in the lecture byte for byte, in course order"
    assert count_frames(lecture) == title_packets + len(week.scenes) * CLIP_SECONDS * FPS
    entry = manifest["weeks"][0]["lecture"]
    assert entry["duration"] == pytest.approx(TITLE_SECONDS + len(week.scenes) * CLIP_SECONDS)
    starts = [c["start"] for c in entry["chapters"]]
    assert starts == pytest.approx([0] + [TITLE_SECONDS + i * CLIP_SECONDS for i in range(1, len(week.scenes))])


def test_synthetic_captions_are_offset_by_the_title_and_previous_clips(synthetic):
    course, week, renders, folder = synthetic
    publish_week(course, 3, "tiny", renders, title_card=fake_title_card())
    merged = parse_srt((folder / "week3.srt").read_text())
    assert merged[0].start == 0 and "Week 3" in merged[0].text
    for index, entry in enumerate(week.scenes):
        own = parse_srt((folder / f"{entry.name}.srt").read_text())
        placed = [c for c in merged if c.text.startswith(f"{entry.name},")]
        begin = TITLE_SECONDS + index * CLIP_SECONDS
        assert [c.start for c in placed] == pytest.approx([c.start + begin for c in own])
        assert [c.end for c in placed] == pytest.approx([c.end + begin for c in own])
    vtt = (folder / "week3.vtt").read_text()
    assert vtt.startswith("WEBVTT\n") and vtt.count(" --> ") == len(merged)


def test_mismatched_clip_size_is_refused_naming_the_clip(synthetic):
    course, week, renders, folder = synthetic
    odd = week.scenes[2].name
    encode_clip(folder / f"{odd}.mp4", CLIP_SECONDS, size=(256, 144))
    with pytest.raises(FormatError) as caught:
        publish_week(course, 3, "tiny", renders, title_card=fake_title_card())
    assert f"renders/tiny/week3/{odd}.mp4 cannot be joined" in str(caught.value)
    assert "size 256x144 instead of 320x180" in str(caught.value)
    assert not (folder / "week3.mp4").exists()


def test_mismatched_frame_rate_is_refused_naming_the_clip(synthetic):
    course, week, renders, folder = synthetic
    odd = week.scenes[1].name
    encode_clip(folder / f"{odd}.mp4", CLIP_SECONDS, fps=10)
    with pytest.raises(FormatError, match=rf"{odd}\.mp4 cannot be joined .*frame rate 10 fps instead of 5 fps"):
        publish_week(course, 3, "tiny", renders, title_card=fake_title_card())


def test_a_title_card_that_does_not_match_is_named(synthetic):
    course, _, renders, _ = synthetic
    with pytest.raises(PublishError, match="while rendering the title card: the title card cannot be joined"):
        publish_week(course, 3, "tiny", renders, title_card=fake_title_card(size=(256, 144)))


def test_thumbnail_skips_beats_that_end_on_a_blank_frame(tmp_path):
    clip = tmp_path / "clip.mp4"
    encode_clip(clip, 12, shown_until=4.8)  # four beats of 3 s: only the first ends with the box on screen
    cues = [Cue(3 * i, 3 * (i + 1), f"beat {i}") for i in range(4)]
    frame = thumbnails_module.clip_frame(clip, cues, FPS)
    assert np.array_equal(frame, frame_at(clip, 3 - 1 / FPS)), "the last frame of beat 0, the only one with ink"
    assert not is_blank(frame)
    encode_clip(clip, 12, shown_until=0)
    with pytest.raises(FormatError, match="clip.mp4: every beat ends on a blank frame"):
        thumbnails_module.clip_frame(clip, cues, FPS)


def test_missing_captions_are_named(synthetic):
    course, week, renders, folder = synthetic
    srt = folder / f"{week.scenes[1].name}.srt"
    srt.unlink()
    with pytest.raises(PublishError, match=rf"captions {re.escape(str(srt))} are missing beside {week.scenes[1].name}\.mp4"):
        publish_week(course, 3, "tiny", renders, title_card=fake_title_card())


def test_missing_clip_is_named(synthetic):
    course, week, renders, folder = synthetic
    (folder / f"{week.scenes[3].name}.mp4").unlink()
    with pytest.raises(PublishError, match=rf"{week.scenes[3].name}\.mp4 is missing: render it first \(make week3 QUALITY=tiny\)"):
        publish_week(course, 3, "tiny", renders, title_card=fake_title_card())


def test_week_without_scenes_says_so(tmp_path):
    path = tmp_path / "course.toml"
    path.write_text('title = "Series"\n\n[[weeks]]\nnumber = 1\ntitle = "Sets"\n')
    with pytest.raises(PublishError, match="course.toml: week 1 has no scenes: nothing to publish"):
        publish_week(load_course(path), 1, "tiny", tmp_path / "renders", title_card=fake_title_card())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


def test_a_failed_step_keeps_the_previous_publication(synthetic, monkeypatch):
    course, week, renders, folder = synthetic
    publish_week(course, 3, "tiny", renders, title_card=fake_title_card())
    before = snapshot(renders)
    assert "tiny/week3/week3.mp4" in before and "tiny/index.html" in before

    encode_clip(folder / f"{week.scenes[0].name}.mp4", CLIP_SECONDS + 3)  # a re-rendered clip, then a failure
    write_captions(folder / f"{week.scenes[0].name}.srt", CLIP_SECONDS + 3, week.scenes[0].name)
    before = snapshot(renders)

    def broken(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr(thumbnails_module, "clip_frame", broken)
    with pytest.raises(PublishError) as caught:
        publish_week(course, 3, "tiny", renders, title_card=fake_title_card())
    assert str(caught.value) == ("publishing week 3 failed while making the thumbnails: No space left on device. "
                                 "The previously published week is unchanged.")
    assert snapshot(renders) == before
    assert not (folder / ".publish.work").exists()


def test_publish_command_reports_bad_input_without_a_traceback(tmp_path):
    path = tmp_path / "course.toml"
    path.write_text('title = "Series"\n\n[[weeks]]\nnumber = 1\ntitle = "Sets"\n')
    result = subprocess.run([sys.executable, "-m", "scenes", "publish", "1", "--quality", "tiny", "--renders", str(tmp_path / "renders")],
                            cwd=ROOT, env=dict(os.environ, CALCVIZ_COURSE=str(path)), capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: course.toml: week 1 has no scenes: nothing to publish"


# ------------------------------------------------------------------ end to end: make publish-week3 on tiny renders
def _copy_project(destination: Path) -> Path:
    """A copy of the project sharing the virtualenv's packages (bootstrap never runs on the real one)."""
    destination.mkdir(parents=True)
    for name in ("calcviz", "scenes", "scripts"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "course.toml", "manim.cfg", "pyproject.toml"):
        shutil.copy2(ROOT / name, destination / name)
    old = time.time() - 3600
    for folder, _, files in os.walk(destination):
        for name in files:
            os.utime(Path(folder) / name, (old, old))
    (destination / ".venv" / "bin").mkdir(parents=True)
    (destination / ".venv" / "bin" / "python").symlink_to(ROOT / ".venv" / "bin" / "python")
    shutil.copy2(ROOT / ".venv" / "pyvenv.cfg", destination / ".venv" / "pyvenv.cfg")  # a venv python needs both
    (destination / ".venv" / "lib").symlink_to(ROOT / ".venv" / "lib")
    (destination / ".venv" / "share").symlink_to(ROOT / ".venv" / "share")  # reveal.js and the panels' libraries
    (destination / ".venv" / ".installed").touch()
    return destination


def once_per_run(tmp_path_factory, worker_id: str, name: str, build) -> tuple[Path, dict]:
    """Run ``build(folder) -> dict`` once per test run, however many xdist workers ask; returns (folder, its result)."""
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    folder = shared / name
    with open(shared / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        outcome = shared / f"{name}.json"
        if not outcome.exists():
            folder.mkdir()
            outcome.write_text(json.dumps(build(folder)))
    return folder, json.loads(outcome.read_text())


def _publish_week3(folder: Path) -> dict:
    project = _copy_project(folder / "project")
    env = dict(os.environ, CALCVIZ_TEX_CACHE=str(folder / "tex"), NARRATION="fake", CALCVIZ_VOICE_CACHE=str(folder / "voice"))
    started = time.perf_counter()
    result = subprocess.run(["make", "-j2", "publish-week3", "QUALITY=tiny"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=1800, check=False)
    return {"returncode": result.returncode, "stderr": result.stderr[-4000:], "stdout": result.stdout[-8000:],
            "seconds": time.perf_counter() - started}


def publish_week3_once(tmp_path_factory, worker_id) -> Path:
    """`make -j2 publish-week3 QUALITY=tiny` in a project copy; the quality folder it published."""
    folder, result = once_per_run(tmp_path_factory, worker_id, "published-week3", _publish_week3)
    assert result["returncode"] == 0, result["stderr"]
    return folder / "project" / "renders" / "tiny"


@pytest.fixture(scope="session")
def published(tmp_path_factory, worker_id) -> Path:
    return publish_week3_once(tmp_path_factory, worker_id)


def manifest_of(published: Path) -> dict:
    return json.loads((published / "manifest.json").read_text())


def week3_of(published: Path) -> dict:
    return next(w for w in manifest_of(published)["weeks"] if w["number"] == 3)


def test_make_prints_one_line_per_clip(published, tmp_path_factory, worker_id):
    _, result = once_per_run(tmp_path_factory, worker_id, "published-week3", _publish_week3)
    output = result["stdout"] + result["stderr"]
    scenes = [entry.name for entry in load_course().week(3).scenes]
    for name in scenes:
        lines = [line for line in output.splitlines() if f"week3/{name}.mp4" in line]
        assert len(lines) == 1 and lines[0].startswith(f"rendered renders/tiny/week3/{name}.mp4 (tiny): "), output
        assert re.search(r"s of video in [\d.]+ s \([\d.]+ s per video-second\)$", lines[0])
    assert "Reading config file" not in output and " -m scenes render " not in output
    assert "warning:" not in output, "a week of four chapters publishes without a warning"


def test_lecture_lasts_the_sum_of_its_parts(published):
    week = week3_of(published)
    fps = week["lecture"]["fps"]
    clip_seconds = [seconds_of(published / clip["file"]) for clip in week["clips"]]
    lecture_seconds = seconds_of(published / week["lecture"]["file"])
    title_seconds = lecture_seconds - sum(clip_seconds)
    assert 1 / fps <= title_seconds <= 10, "a short title card, then exactly the clips"
    assert week["lecture"]["duration"] == pytest.approx(lecture_seconds, abs=1e-3)
    for clip, seconds in zip(week["clips"], clip_seconds):
        assert clip["duration"] == pytest.approx(seconds, abs=1e-3)
        assert seconds * fps == pytest.approx(round(seconds * fps), abs=1e-3), "a whole number of frame periods"


def test_lecture_carries_the_clips_packets_unchanged(published):
    week = week3_of(published)
    lecture = packets(published / week["lecture"]["file"])
    clips = [p for clip in week["clips"] for p in packets(published / clip["file"])]
    assert lecture[len(lecture) - len(clips):] == clips


def test_a_cue_of_the_second_clip_starts_after_the_first_clip_ends(published):
    week = week3_of(published)
    fps = week["lecture"]["fps"]
    lecture = published / week["lecture"]["file"]
    title_seconds = seconds_of(lecture) - sum(seconds_of(published / c["file"]) for c in week["clips"])
    first_end = title_seconds + seconds_of(published / week["clips"][0]["file"])
    merged = parse_srt((published / week["lecture"]["captions"]["srt"]).read_text())
    second = parse_srt((published / week["clips"][1]["captions"]["srt"]).read_text())
    placed = [c for c in merged if c.text == second[0].text]
    assert len(placed) == 1
    assert placed[0].start == pytest.approx(first_end + second[0].start, abs=1e-3)
    assert placed[0].start >= first_end - 1e-3
    for clip in week["clips"]:
        own = parse_srt((published / clip["captions"]["srt"]).read_text())
        vtt = (published / clip["captions"]["vtt"]).read_text()
        assert vtt.startswith("WEBVTT") and vtt.count(" --> ") == len(own)


def test_chapters_read_back_from_the_mp4_match_the_manifest(published):
    week = week3_of(published)
    stored = read_chapters(published / week["lecture"]["file"])
    listed = week["lecture"]["chapters"]
    course_titles = [entry.title for entry in load_course().week(3).scenes]
    assert [c.title for c in stored] == [c["title"] for c in listed] == course_titles
    assert [c.start for c in stored] == pytest.approx([c["start"] for c in listed], abs=1e-3)
    assert [c.end for c in stored] == pytest.approx([c["end"] for c in listed], abs=1e-3)
    assert listed[0]["start"] == 0 and listed[-1]["end"] == pytest.approx(week["lecture"]["duration"], abs=1e-3)
    lines = (published / week["lecture"]["chapters_text"]).read_text().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == course_titles
    assert lines[0].startswith("0:00 ")
    seconds = [int(m) * 60 + int(s) for m, s in (line.split(" ", 1)[0].split(":") for line in lines)]
    assert seconds == sorted(seconds) and min(b - a for a, b in itertools.pairwise(seconds)) >= 10


def test_lecture_audio_is_one_track_encoded_once_from_the_clips(published):
    """One AAC track as long as the video, each clip's narration at the clip's place, at -16 LUFS."""
    import pyloudnorm

    from scenes.narration.audio import read

    week = week3_of(published)
    lecture = published / week["lecture"]["file"]
    with av.open(str(lecture)) as container:
        assert len(container.streams.audio) == 1
        sound, video = container.streams.audio[0], container.streams.video[0]
        assert float(sound.duration * sound.time_base) == pytest.approx(seconds_of(lecture), abs=1 / week["lecture"]["fps"])
        first_pts = next(p.pts for p in container.demux(sound) if p.pts is not None)
        assert first_pts <= 0, "a single encode: the track starts once (its priming skipped by the edit list)"
    samples = read(lecture)
    assert pyloudnorm.Meter(48000).integrated_loudness(samples.astype(np.float64)) == pytest.approx(-16, abs=1)
    for clip in week["clips"]:
        start = round(clip["lecture_start"] * 48000)
        own = read(published / clip["file"])
        length = min(len(own), round(clip["duration"] * 48000))
        placed = samples[start:start + length]
        # the same speech at the same place: lossy both ways, so compare loudness envelopes per 100 ms
        envelope = lambda x: np.abs(x[: len(x) // 4800 * 4800]).reshape(-1, 4800).max(axis=1)
        assert np.corrcoef(envelope(placed), envelope(own[:length]))[0, 1] > 0.95, clip["scene"]


def test_manifest_sha256s_and_sizes_match_the_files(published):
    week = week3_of(published)
    for entry in [week["lecture"], *week["clips"]]:
        data = (published / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
        assert len(data) == entry["size"]
        for path in (entry["thumbnail"], entry["captions"]["srt"], entry["captions"]["vtt"]):
            assert (published / path).is_file(), path
    assert all(not Path(p).is_absolute() for p in re.findall(r'"(?:file|thumbnail|srt|vtt|chapters_text)": "([^"]+)"',
                                                             (published / "manifest.json").read_text()))


def test_thumbnails_show_the_idea_not_a_blank_or_the_title(published):
    week = week3_of(published)
    lecture = published / week["lecture"]["file"]
    with av.open(str(lecture)) as container:
        title_frame = next(f for f in container.decode(video=0) if f.time >= 2).to_ndarray(format="rgb24")  # faded in
    title_small = np.asarray(Image.fromarray(title_frame).resize((320, 180)), dtype=np.int16)
    for entry in [week["lecture"], *week["clips"]]:
        image = Image.open(published / entry["thumbnail"])
        assert image.format == "PNG" and image.size == (1280, 720)
        pixels = np.asarray(image.convert("RGB"), dtype=np.float32)
        assert pixels.mean(axis=2).std() > 10, f"{entry['thumbnail']} is nearly uniform"
        assert len(np.unique(pixels.reshape(-1, 3)[::97], axis=0)) > 50, f"{entry['thumbnail']} has few colours"
        small = np.asarray(image.convert("RGB").resize((320, 180)), dtype=np.int16)
        changed = (np.abs(small - title_small).max(axis=2) > 40).mean()
        assert changed > 0.01, f"{entry['thumbnail']} looks like the title card"


def test_publishing_again_with_nothing_changed_does_nothing(published):
    project = published.parent.parent
    result = subprocess.run(["make", "-n", "publish-week3", "QUALITY=tiny", "NARRATION=fake"], cwd=project, capture_output=True, text=True, check=True)
    assert " -m scenes " not in result.stdout, "nothing to render or publish again"
    settings = project / "renders" / ".make" / "settings" / "week3.json"
    assert json.loads(settings.read_text())["title"] == load_course().week(3).title


class _Links(HTMLParser):
    LINKING = ("src", "href", "poster", "data-background-video", "data-background-image", "data-background-iframe")

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if value and name in self.LINKING]


def network_urls(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    css = re.findall(r"url\(\s*['\"]?([^'\")]+)", " ".join(re.findall(r"<style[^>]*>(.*?)</style>", html, re.DOTALL)))
    return [u for u in parser.urls + css if re.match(r"^(https?:|ftp:|//)", u.strip(), re.IGNORECASE)]


def local_urls(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [u for u in parser.urls if not re.match(r"^([a-z]+:|#|//)", u, re.IGNORECASE)]


def chromium(profile: Path, width: int = 1280, height: int = 1600, flags: tuple[str, ...] = ()):
    """Debian's headless Chromium through its chromedriver (both installed by scripts/bootstrap.sh); console kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert browser and driver, "chromium and chromium-driver are not installed: run scripts/bootstrap.sh as root"
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in [*CHROMIUM_FLAGS, *flags, f"--user-data-dir={profile}", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_script_timeout(120)
    return session


VIDEO_CHECK = """
const done = arguments[arguments.length - 1];
const videos = Array.from(document.querySelectorAll("video"));
Promise.all(videos.map(video => new Promise(resolve => {
  const track = video.textTracks[0];
  if (track) track.mode = "hidden";  // a hidden track loads its cues too
  const report = () => resolve({id: video.id, duration: video.duration, error: video.error ? video.error.code : null,
    cues: track && track.cues ? track.cues.length : 0, trackState: video.querySelector("track").readyState});
  const started = Date.now();
  (function poll() {
    const ready = video.readyState >= 1 && track && track.cues && track.cues.length > 0;
    if (ready || video.error || Date.now() - started > 60000) report(); else setTimeout(poll, 50);
  })();
}))).then(done);
"""

SEEK_TO_END = """
const done = arguments[arguments.length - 1];
const video = document.getElementById(arguments[0]);
video.addEventListener("seeked", () => {
  const wait = () => video.readyState >= 2 ? done({time: video.currentTime, readyState: video.readyState}) : setTimeout(wait, 50);
  wait();
}, {once: true});
video.addEventListener("error", () => done({error: video.error.code}), {once: true});
video.currentTime = video.duration - 0.3;
"""

PLAY_SOUND = """
const done = arguments[arguments.length - 1];
const video = document.getElementById(arguments[0]);
video.muted = true;  // headless autoplay; muted audio is still decoded
video.currentTime = arguments[1];
video.play().then(() => setTimeout(() => { video.pause(); done({audio: video.webkitAudioDecodedByteCount, error: null}); }, 1500),
                  error => done({audio: 0, error: String(error)}));
"""


def test_course_page_in_headless_chromium(published):
    html = (published / "index.html").read_text()
    assert network_urls(html) == []
    for url in local_urls(html):
        assert (published / url).exists(), f"index.html links to missing {url}"
    week = week3_of(published)
    expected = {"week3-lecture": week["lecture"], **{f"week3-{c['scene']}": c for c in week["clips"]}}
    with tempfile.TemporaryDirectory() as profile:
        browser = chromium(Path(profile))
        try:
            browser.get((published / "index.html").as_uri())
            videos = browser.execute_async_script(VIDEO_CHECK)
            end = browser.execute_async_script(SEEK_TO_END, "week3-lecture")
            speech = week["clips"][0]["lecture_start"] + 0.3  # the first clip's first words
            sound = browser.execute_async_script(PLAY_SOUND, "week3-lecture", speech)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "index.png"
            browser.save_screenshot(str(shot))
        finally:
            browser.quit()
    assert sorted(v["id"] for v in videos) == sorted(expected)
    fps = week["lecture"]["fps"]
    for video in videos:
        entry = expected[video["id"]]
        assert video["error"] is None, video
        assert abs(video["duration"] - entry["duration"]) <= 1 / fps, video
        cues = parse_srt((published / entry["captions"]["srt"]).read_text())
        assert video["cues"] == len(cues), video
    assert end.get("readyState", 0) >= 2 and end["time"] > week["lecture"]["duration"] - 1, end
    assert sound["error"] is None and sound["audio"] > 0, f"the lecture's audio plays: {sound}"
    image = Image.open(shot)
    assert image.size[0] >= 1000 and np.asarray(image.convert("L"), dtype=np.float32).std() > 10


def test_a_week_with_fewer_than_three_chapters_is_published_with_a_warning(published, tmp_path):
    text = (ROOT / "course.toml").read_text()
    two = ["SecantToTangent", "DerivativeAsFunction"]
    week3 = text.split("[[weeks]]\nnumber = 3")[1].split("[[weeks]]")[0]
    kept = "[[weeks.scenes]]".join([week3.split("[[weeks.scenes]]")[0]] + [s for s in week3.split("[[weeks.scenes]]")[1:]
                                                                          if any(f'scene = "{n}"' in s for n in two)])
    course = tmp_path / "course.toml"
    course.write_text(text.replace(week3, kept))
    folder = tmp_path / "renders" / "tiny" / "week3"
    folder.mkdir(parents=True)
    for name in two:
        for suffix in (".mp4", ".srt", ".flac"):
            shutil.copy2(published / "week3" / f"{name}{suffix}", folder / f"{name}{suffix}")
    result = subprocess.run([sys.executable, "-m", "scenes", "publish", "3", "--quality", "tiny", "--renders", str(tmp_path / "renders")],
                            cwd=ROOT, env=dict(os.environ, CALCVIZ_COURSE=str(course), CALCVIZ_TEX_CACHE=str(tmp_path / "tex")),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "warning: week 3 has 2 chapters: YouTube shows chapters only for 3 or more" in result.stderr


PANELS_READY = """
const done = arguments[arguments.length - 1];
const started = Date.now();
(function poll() {
  const panels = Array.from(document.querySelectorAll(".panel[data-scene]"));
  if (panels.length && panels.every(p => p.dataset.ready === "true") || Date.now() - started > 30000) {
    done(panels.map(panel => {
      const video = panel.closest("article").querySelector("video").getBoundingClientRect();
      const box = panel.getBoundingClientRect();
      return {scene: panel.dataset.scene, ready: panel.dataset.ready, videoBottom: video.bottom, panelTop: box.top,
              panelWidth: box.width, pageWidth: document.documentElement.clientWidth,
              sliders: panel.querySelectorAll("input[type=range]").length, readouts: panel.querySelectorAll("[data-readout]").length};
    }));
  } else setTimeout(poll, 50);
})();
"""


def test_panels_are_published_with_their_sha256s_beside_the_clips(published):
    manifest = manifest_of(published)
    week = week3_of(published)
    entries = [clip["panel"] for clip in week["clips"]]
    assert all(entries), "every scene of week 3 has a panel"
    assert [e["file"] for e in entries] == [f"week3/{c['scene']}.panel.js" for c in week["clips"]]
    libraries = {e["file"] for e in manifest["panel_libraries"]}
    assert {"lib/jsxgraph/jsxgraphcore.js", "lib/katex/katex.min.js", "lib/katex/katex.min.css", "lib/calcviz-panels.js",
            "lib/katex/fonts/KaTeX_Main-Regular.woff2"} <= libraries
    for entry in entries + manifest["panel_libraries"]:
        data = (published / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"], entry["file"]
    css = (published / "lib/katex/katex.min.css").read_text()
    fonts = set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", css))
    assert fonts and all((published / "lib/katex" / font).is_file() for font in fonts), "KaTeX's fonts are offline"
    for page, base in (("index.html", published), (week["page"], published)):
        html = (published / page).read_text()
        assert network_urls(html) == []
        for url in local_urls(html):
            assert (base / url).exists(), f"{page} links to missing {url}"
        assert all(f'data-scene="{c["scene"]}"' in html for c in week["clips"])


def test_editing_a_weeks_panels_publishes_it_again(published):
    project = published.parent.parent
    panels = project / "scenes" / "week3" / "panels.py"
    before = panels.stat()
    try:
        os.utime(panels)
        # The same NARRATION as the publication (make keeps a stamp of it, even with -n).
        result = subprocess.run(["make", "-n", "publish-week3", "QUALITY=tiny", "NARRATION=fake"], cwd=project, capture_output=True,
                                text=True, check=True)
    finally:
        os.utime(panels, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert " -m scenes publish 3 " in result.stdout
    assert " -m scenes render " not in result.stdout, "the clips stay as they are"


def test_week_page_at_phone_width_stacks_each_panel_under_its_video(published):
    week = week3_of(published)
    with tempfile.TemporaryDirectory() as profile:
        browser = chromium(Path(profile), width=420, height=2400)
        try:
            browser.get((published / week["page"]).as_uri())
            panels = browser.execute_async_script(PANELS_READY)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(ARTIFACTS / "week3-phone.png"))
            errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        finally:
            browser.quit()
    assert [p["scene"] for p in panels] == [c["scene"] for c in week["clips"]]
    for panel in panels:
        assert panel["ready"] == "true", panel
        assert panel["panelTop"] >= panel["videoBottom"], f"{panel['scene']}: the panel is not under its video"
        assert panel["panelWidth"] <= panel["pageWidth"], f"{panel['scene']}: the panel is wider than the phone"
        assert panel["sliders"] >= 1 and panel["readouts"] >= 1, panel
    assert errors == []


def test_every_clip_and_the_lecture_have_a_transcript_of_what_is_said(published):
    """Each clip's .txt holds every caption's words in order, under its beats' headings (chapters read back from
    the MP4); the lecture's is the week's title and the clips' transcripts in course order."""
    week = week3_of(published)
    clips = []
    for clip in week["clips"]:
        text = (published / clip["transcript"]).read_text(encoding="utf-8")
        clips.append(text)
        assert text.startswith(clip["title"] + "\n\n")
        said = " ".join(" ".join(c.text.split()) for c in parse_srt((published / clip["captions"]["srt"]).read_text()))
        body = [line for line in text.splitlines()[2:] if line]
        paragraphs = body[1::2]
        assert " ".join(paragraphs) == said, f"{clip['scene']}: the transcript's paragraphs are its captions' words, in order"
        headings = body[0::2]
        assert headings and all(h in [c["title"] for c in clip["chapters"]] for h in headings)
    lecture = (published / week["lecture"]["transcript"]).read_text(encoding="utf-8")
    assert lecture == f"Week 3: {week['title']}\n\n" + "\n".join(clips)
    page = (published / "index.html").read_text(encoding="utf-8")
    assert page.count('<details class="transcript">') == len(week["clips"]), "every clip's transcript on the page, folded"
    assert page.count("<video ") == page.count('<track kind="captions" srclang="en" label="English" default ') > 0, \
        "captions on by default in every player"
    first = clips[0].split("\n\n")[1].split("\n")
    assert f"<h5>{html.escape(first[0])}</h5>\n<p>{html.escape(first[1])}</p>" in page


REFLOW = """
const wide = Array.from(document.querySelectorAll("body *"))
  .filter(e => !e.closest(".katex-mathml") && e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + "." + String(e.className) + " to " + Math.round(e.getBoundingClientRect().right));
return {scroll: document.documentElement.scrollWidth, width: window.innerWidth, wide: wide};
"""


def test_every_published_page_reflows_at_320_css_pixels(published):
    """WCAG 1.4.10, which axe does not check: at 320 px nothing makes the page scroll sideways (a long formula
    scrolls inside its own box)."""
    pages = [published / "index.html", *sorted((published / "week3").glob("*.html"))]
    assert len(pages) >= 2
    with tempfile.TemporaryDirectory() as profile:
        browser = chromium(Path(profile), width=800, height=900)
        try:
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 900, "deviceScaleFactor": 1, "mobile": False})
            found = {}
            for page in pages:
                browser.get(page.as_uri())
                time.sleep(1.0)  # panels and KaTeX drawn
                found[page.name] = browser.execute_script(REFLOW)
        finally:
            browser.quit()
    for name, page in found.items():
        assert page["width"] == 320 and page["scroll"] <= 320, f"{name} is {page['scroll']} px wide at 320: {page['wide']}"
