"""Publish one week: the lecture video, captions, chapters, thumbnails and manifest entry.

Every output is made in a private staging folder beside the clips, and
moved into place only when every step has succeeded; a failure removes the
staging folder and leaves what was published before untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from scenes.course import Course, SceneEntry, Week
from scenes.kit import palette
from scenes.publish import captions as cc
from scenes.publish import logo, thumbnails, transcripts
from scenes.publish.chapters import Chapter, youtube_description
from scenes.publish.site import locked, record_path, refresh, sha256, write_atomically
from scenes.publish.video import VideoFormat, check_joinable, duration, ink, join, lecture_track, probe, read_chapters

TitleCard = Callable[[Course, Week, str, Path], Path]


class PublishError(RuntimeError):
    """Publishing stopped: what failed, and that the previous publication is intact."""


@dataclass(frozen=True)
class Clip:
    entry: SceneEntry
    video: Path
    cues: list[cc.Cue]
    beats: list[Chapter]  # the clip's beats, stored as its MP4 chapters
    format: VideoFormat
    track: Path | None  # the clip's narration, lossless (None: a silent clip)


def publish_week(course: Course, number: int, quality: str, renders: Path, title_card: TitleCard | None = None) -> dict:
    """Publish week ``number`` from ``renders/<quality>/week<number>/``; returns the refreshed manifest."""
    week = course.week(number)
    if not week.scenes:
        raise PublishError(f"{course.path.name}: week {number} has no scenes: nothing to publish")
    quality_folder = renders / quality
    folder = quality_folder / f"week{number}"
    clips = _read_clips(week, folder, quality)
    check_joinable([(_shown(c.video, renders), c.format) for c in clips])
    if title_card is None:
        from scenes.publish.titlecard import render_title_card as title_card
    with locked(folder / ".publish.lock"):
        staging = folder / ".publish.work"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            record = _build(course, week, quality, clips, staging, quality_folder, title_card)
            _move_into_place(staging, folder)
            write_atomically(record_path(quality_folder, number), json.dumps(record, indent=1) + "\n")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return refresh(course, quality, quality_folder)


def _has_audio(video: Path) -> bool:
    import av

    with av.open(str(video)) as container:
        return bool(container.streams.audio)


def _shown(path: Path, renders: Path) -> str:
    """A path as the user knows it: from the project root when possible."""
    try:
        return str(path.relative_to(renders.parent))
    except ValueError:
        return str(path)


def _read_clips(week: Week, folder: Path, quality: str) -> list[Clip]:
    clips = []
    for entry in week.scenes:
        video = folder / f"{entry.name}.mp4"
        srt = video.with_suffix(".srt")
        if not video.exists():
            raise PublishError(f"week {week.number}: clip {video} is missing: render it first (make week{week.number} QUALITY={quality})")
        if not srt.exists():
            raise PublishError(
                f"week {week.number}: captions {srt} are missing beside {video.name}: "
                f"render the clip again (delete {video.name}, then make week{week.number} QUALITY={quality})"
            )
        try:
            cues = cc.parse_srt(srt.read_text(encoding="utf-8"), source=str(srt))
        except cc.CaptionError as error:
            raise PublishError(f"week {week.number}: {error}") from None
        beats = read_chapters(video) or [Chapter(cue.text, cue.start, cue.end) for cue in cues]  # older clips: a cue per beat
        track = video.with_suffix(".flac")
        if _has_audio(video) and not track.exists():
            raise PublishError(f"week {week.number}: {track} (the narration of {video.name}) is missing: "
                               f"render the clip again (delete {video.name}, then make week{week.number} QUALITY={quality})")
        clips.append(Clip(entry, video, cues, beats, probe(video), track if _has_audio(video) else None))
    return clips


class _Steps:
    """Names the step in progress, so a failure says what failed."""

    def __init__(self, week: int) -> None:
        self.week = week

    def __call__(self, name: str):
        self.name = name
        return self

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if error is not None and not isinstance(error, (PublishError, KeyboardInterrupt)):
            raise PublishError(
                f"publishing week {self.week} failed while {self.name}: {error}. The previously published week is unchanged."
            ) from error
        return False


def _build(course: Course, week: Week, quality: str, clips: list[Clip], staging: Path, quality_folder: Path, title_card: TitleCard) -> dict:
    step = _Steps(week.number)
    stem = f"week{week.number}"
    where = f"week{week.number}/"
    with step("rendering the title card"):
        title = title_card(course, week, quality, staging / "title.mp4")
        check_joinable([(_shown(clips[0].video, quality_folder.parent), clips[0].format), ("the title card", probe(title))])
    with step("measuring the clips"):
        segments = [title] + [c.video for c in clips]
        lengths = [duration(s) for s in segments]
        starts = [sum(lengths[:i], Fraction(0)) for i in range(len(segments))]
        total = sum(lengths, Fraction(0))
        chapters = [
            Chapter(c.entry.title, 0.0 if i == 0 else float(starts[i + 1]), float(starts[i + 2]) if i + 2 < len(starts) else float(total))
            for i, c in enumerate(clips)
        ]
    with step("writing the chapter list"):
        (staging / f"{stem}-chapters.txt").write_text(youtube_description(chapters), encoding="utf-8")
    with step("joining the lecture video"):
        lecture = staging / f"{stem}.mp4"
        tracks = [None] + [c.track for c in clips]
        audio = lecture_track(tracks, lengths) if any(tracks) else None
        joined_starts = join(segments, lecture, chapters, audio)
        if joined_starts != starts:
            raise RuntimeError(f"segments landed at {joined_starts}, expected {starts}")
    with step("merging the captions"):
        merged = [cc.Cue(0.0, float(lengths[0]), f"Week {week.number}: {week.title}")]
        for clip, start in zip(clips, starts[1:]):
            merged += cc.shift(clip.cues, float(start))
            (staging / f"{clip.entry.name}.vtt").write_text(cc.to_vtt(clip.cues), encoding="utf-8")
        (staging / f"{stem}.srt").write_text(cc.to_srt(merged), encoding="utf-8")
        (staging / f"{stem}.vtt").write_text(cc.to_vtt(merged), encoding="utf-8")
    with step("writing the transcripts"):
        texts = [transcripts.transcript(clip.entry.title, clip.beats, clip.cues) for clip in clips]
        for clip, text in zip(clips, texts):
            (staging / f"{clip.entry.name}.txt").write_text(text, encoding="utf-8")
        (staging / f"{stem}.txt").write_text(transcripts.lecture_transcript(f"Week {week.number}: {week.title}", texts), encoding="utf-8")
    with step("making the thumbnails"):
        frames = {}
        for clip in clips:
            frames[clip.entry.name] = thumbnails.clip_frame(clip.video, clip.beats, float(clip.format.fps))
            thumbnail = logo.stamped(thumbnails.fit(frames[clip.entry.name], palette.BACKGROUND), palette.LOGO)
            thumbnails.save_png(thumbnail, staging / f"{clip.entry.name}.png")
        fullest = max(frames.values(), key=ink)
        banner = thumbnails.with_banner(fullest, f"Week {week.number}", week.title, palette.BACKGROUND, palette.FOREGROUND, palette.MUTED)
        thumbnails.save_png(logo.stamped(banner, palette.LOGO), staging / f"{stem}.png")
    with step("writing the interactive panels"):
        from scenes.publish.panel_assets import install_libraries
        from scenes.publish.panels import build_panel, panel_script, Scene3D

        panels = {}
        for clip in clips:
            panel = build_panel(clip.entry)
            if panel is not None:
                path = staging / f"{clip.entry.name}.panel.js"
                path.write_text(panel_script(clip.entry.name, panel), encoding="utf-8")
                panels[clip.entry.name] = {"file": where + path.name, "size": path.stat().st_size, "sha256": sha256(path),
                                           "three_d": any(isinstance(v, Scene3D) for v in panel.views)}
        if panels:
            install_libraries(quality_folder)
    with step("writing the manifest entry"):
        fmt = clips[0].format
        return {
            "number": week.number,
            "title": week.title,
            "published": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "lecture": {
                "title": f"Week {week.number}: {week.title}",
                **_file_entry(where + lecture.name, lecture, total),
                "width": fmt.width, "height": fmt.height, "fps": float(fmt.fps),
                "captions": {"srt": f"{where}{stem}.srt", "vtt": f"{where}{stem}.vtt", "language": "en"},
                "thumbnail": f"{where}{stem}.png",
                "chapters": [{"title": c.title, "scene": clip.entry.name, "start": round(c.start, 3), "end": round(c.end, 3)}
                             for c, clip in zip(chapters, clips)],
                "chapters_text": f"{where}{stem}-chapters.txt",
                "transcript": f"{where}{stem}.txt",
                "audio": audio is not None,
                "title_card": round(float(lengths[0]), 3),
            },
            "clips": [
                {
                    "scene": clip.entry.name,
                    "title": clip.entry.title,
                    **_file_entry(where + clip.video.name, clip.video, length),
                    "captions": {"srt": f"{where}{clip.entry.name}.srt", "vtt": f"{where}{clip.entry.name}.vtt", "language": "en"},
                    "transcript": f"{where}{clip.entry.name}.txt",
                    "thumbnail": f"{where}{clip.entry.name}.png",
                    "chapters": [{"title": beat.title, "start": round(beat.start, 3), "end": round(beat.end, 3)} for beat in clip.beats],
                    "lecture_start": round(float(start), 3),
                    "panel": panels.get(clip.entry.name),
                }
                for clip, length, start in zip(clips, lengths[1:], starts[1:])
            ],
        }


def _file_entry(relative: str, path: Path, length: Fraction) -> dict:
    return {"file": relative, "duration": round(float(length), 3), "size": path.stat().st_size, "sha256": sha256(path)}


def _move_into_place(staging: Path, folder: Path) -> None:
    """Clip extras first, the lecture video last but for its record (written by the caller)."""
    (staging / "title.mp4").unlink(missing_ok=True)
    files = sorted(staging.iterdir(), key=lambda p: (p.name.startswith("week"), p.suffix == ".mp4", p.name))
    for path in files:
        if path.is_file():
            os.replace(path, folder / path.name)
