"""Video plumbing for publishing, on PyAV: probe clips, join them without
re-encoding (packet copy with shifted timestamps), embed chapters, and pick
frames for thumbnails.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.narration import audio
from scenes.narration.audio import AudioError, video_seconds
from scenes.publish.chapters import Chapter

CHAPTER_TIME_BASE = Fraction(1, 1000)


class FormatError(ValueError):
    """Clips that cannot be joined by copying their packets, naming the clip and what differs."""


@dataclass(frozen=True)
class VideoFormat:
    codec: str
    width: int
    height: int
    fps: Fraction
    pix_fmt: str
    extradata: bytes  # the encoder's parameter sets: joined packets must share them

    def describe(self) -> str:
        return f"{self.codec} {self.width}x{self.height} {float(self.fps):g} fps {self.pix_fmt}"


def probe(path: Path) -> VideoFormat:
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise FormatError(f"{path.name}: no video stream")
            stream = container.streams.video[0]
            context = stream.codec_context
            rate = context.framerate or stream.guessed_rate  # nominal: a held frame is one long frame
            return VideoFormat(context.name, context.width, context.height, Fraction(rate),
                               str(context.pix_fmt), bytes(context.extradata or b""))
    except av.FFmpegError as error:
        raise FormatError(f"{path.name}: not a readable video ({error})") from None


def check_joinable(named: list[tuple[str, VideoFormat]]) -> None:
    """Every format must equal the first one; the error names the first clip that differs and how."""
    (first_name, first), *rest = named
    for name, fmt in rest:
        differences = [
            f"{what} {mine} instead of {theirs}"
            for what, mine, theirs in (
                ("codec", fmt.codec, first.codec),
                ("size", f"{fmt.width}x{fmt.height}", f"{first.width}x{first.height}"),
                ("frame rate", f"{float(fmt.fps):g} fps", f"{float(first.fps):g} fps"),
                ("pixel format", fmt.pix_fmt, first.pix_fmt),
            )
            if mine != theirs
        ]
        if not differences and fmt.extradata != first.extradata:
            differences.append("different encoder settings (H.264 parameter sets)")
        if differences:
            raise FormatError(
                f"{name} cannot be joined to {first_name} without re-encoding: {'; '.join(differences)}. "
                "Render every clip of the week at the same quality with the project's settings (make weekN)."
            )


def duration(path: Path) -> Fraction:
    """Seconds from the first frame's start to the last frame's end, from the packets' timestamps."""
    try:
        return video_seconds(path)
    except AudioError as error:
        raise FormatError(f"{path.name}: {error}") from None


def lecture_track(tracks: list[Path | None], lengths: list[Fraction]) -> np.ndarray:
    """One audio track for the joined segments: each clip's lossless narration, silence for a silent one."""
    parts = []
    for track, length in zip(tracks, lengths):
        samples = round(length * audio.RATE)
        try:
            sound = audio.read(track) if track is not None else np.zeros(0, np.float32)
        except AudioError as error:
            raise FormatError(f"{track}: {error}: render its clip again") from None
        if track is not None and abs(len(sound) - samples) > audio.RATE // 100:
            raise FormatError(f"{track.name} lasts {len(sound) / audio.RATE:.3f} s but its clip {float(length):.3f} s: render the clip again")
        parts.append(np.pad(sound[:samples], (0, max(0, samples - len(sound)))))
    return np.concatenate(parts)


def join(segments: list[Path], output: Path, chapters: list[Chapter], track: np.ndarray | None = None) -> list[Fraction]:
    """Concatenate ``segments`` into ``output`` by copying packets; returns each segment's start in seconds.

    The segments must share one format (see :func:`check_joinable`). Chapters
    are written to the MP4 (a chapter track plus Nero ``chpl``), which PyAV
    and ffprobe read back.  ``track`` (the whole lecture's audio) is encoded
    once into the result, beside the copied video.
    """
    starts = []
    joined = output.with_name(f".{output.stem}.video.mp4") if track is not None else output
    with av.open(str(segments[0])) as template, av.open(str(joined), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        target = out.add_stream_from_template(template.streams.video[0])
        out.set_chapters(_chapter_entries(chapters))
        out.start_encoding()
        offset = Fraction(0)
        for segment in segments:
            starts.append(offset)
            offset += _copy_packets(segment, out, target, offset)
    if track is not None:
        try:
            audio.mux(joined, output, track, [(c.title, c.start, c.end) for c in chapters])
        finally:
            joined.unlink(missing_ok=True)
    return starts


def _chapter_entries(chapters: list[Chapter]) -> list[dict]:
    return [{"id": i, "start": round(Fraction(c.start) / CHAPTER_TIME_BASE), "end": round(Fraction(c.end) / CHAPTER_TIME_BASE),
             "time_base": CHAPTER_TIME_BASE, "metadata": {"title": c.title}} for i, c in enumerate(chapters, start=1)]


def _copy_packets(segment: Path, out, target, offset: Fraction) -> Fraction:
    """Mux ``segment``'s packets shifted by ``offset`` seconds; returns the segment's length."""
    with av.open(str(segment)) as container:
        stream = container.streams.video[0]
        source_base, target_base = stream.time_base, target.time_base
        first, end = None, 0
        for packet in container.demux(stream):
            if packet.dts is None:  # the demuxer's final empty packet
                continue
            if first is None:
                first = packet.pts
            end = max(end, packet.pts + (packet.duration or 0))
            shift = offset - first * source_base
            packet.pts = round((packet.pts * source_base + shift) / target_base)
            packet.dts = round((packet.dts * source_base + shift) / target_base)
            packet.duration = round(packet.duration * source_base / target_base)
            packet.stream = target
            out.mux(packet)
        if first is None:
            raise FormatError(f"{segment.name}: no video frames")
        return (end - first) * source_base


def read_chapters(path: Path) -> list[Chapter]:
    """The chapters stored in a video file, as PyAV reads them."""
    with av.open(str(path)) as container:
        return [
            Chapter(c["metadata"].get("title", ""), float(c["start"] * c["time_base"]), float(c["end"] * c["time_base"]))
            for c in container.chapters()
        ]


def frame_at(path: Path, seconds: float) -> np.ndarray:
    """The RGB frame on screen at ``seconds`` (the last one starting at or before it)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        target = Fraction(seconds).limit_denominator(10**6)
        container.seek(int(target / stream.time_base), stream=stream, backward=True, any_frame=False)
        chosen = None
        for frame in container.decode(stream):
            if chosen is not None and frame.pts * stream.time_base > target:
                break
            chosen = frame
        if chosen is None:
            raise FormatError(f"{path.name}: no frame at {seconds:.2f} s")
        return chosen.to_ndarray(format="rgb24")


def ink(rgb: np.ndarray) -> float:
    """The share of the frame that differs from its background (its median colour): how much is on screen."""
    background = np.median(rgb.reshape(-1, 3), axis=0).astype(np.int16)
    return float((np.abs(rgb.astype(np.int16) - background).max(axis=2) > 24).mean())


def is_blank(rgb: np.ndarray) -> bool:
    """A frame with (almost) nothing on it: nearly uniform, or under 1% away from the background colour."""
    return float(rgb.astype(np.float32).mean(axis=2).std()) < 4 or ink(rgb) < 0.01
