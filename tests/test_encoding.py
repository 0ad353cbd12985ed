"""The encoder process writes the same video as manim's in-process encoder, and fails loudly, not silently."""

from __future__ import annotations

import threading
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from manim._config.video_encoder import VideoEncoderSpec
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from scenes.encoding import EncoderProcess, RemoteSegmentEncoder

SPEC = VideoEncoderSpec(container_format="mp4", codec="libx264", pixel_format="yuv420p", width=160, height=96,
                        frame_rate=Fraction(10), options=(("preset", "veryfast"),))


def frames(count: int) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    out = []
    for i in range(count):
        pixels = np.zeros((96, 160, 4), dtype=np.uint8)
        pixels[..., 3] = 255
        pixels[10 + i : 30 + i, 20:60, :3] = rng.integers(0, 255, 3)
        out.append(pixels)
    return out


def decoded(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def with_timeout(function, seconds=60):
    """Run ``function`` in a thread; fail (instead of hanging the suite) if it does not return."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the encoder hung"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def test_same_frames_as_in_process_encoding_including_repeats(tmp_path):
    stills = frames(6)
    local = VideoSegmentEncoder(target=tmp_path / "local.mp4", spec=SPEC)
    process = EncoderProcess((96, 160, 4))
    try:
        remote = RemoteSegmentEncoder(process, tmp_path / "remote.mp4", SPEC)
        for i, pixels in enumerate(stills):
            repeat = 4 if i == 3 else 1
            local.write_frame(pixels, repeat=repeat)
            remote.write_frame(pixels, repeat=repeat)
        local.finish()
        with_timeout(remote.finish)
    finally:
        process.stop()
    expected, got = decoded(tmp_path / "local.mp4"), decoded(tmp_path / "remote.mp4")
    assert len(got) == len(expected) == 9
    for a, b in zip(expected, got):
        assert np.array_equal(a, b)


def test_two_segments_in_flight_at_once(tmp_path):
    process = EncoderProcess((96, 160, 4))
    try:
        first = RemoteSegmentEncoder(process, tmp_path / "a.mp4", SPEC)
        second = RemoteSegmentEncoder(process, tmp_path / "b.mp4", SPEC)
        for pixels in frames(3):
            first.write_frame(pixels)
            second.write_frame(pixels, repeat=2)
        with_timeout(second.finish)
        with_timeout(first.finish)
    finally:
        process.stop()
    assert len(decoded(tmp_path / "a.mp4")) == 3
    assert len(decoded(tmp_path / "b.mp4")) == 6


def test_encoder_error_is_raised_at_finish_not_hung(tmp_path):
    broken = VideoEncoderSpec(container_format="mp4", codec="no-such-codec", pixel_format="yuv420p", width=160,
                              height=96, frame_rate=Fraction(10), options=())
    process = EncoderProcess((96, 160, 4))
    try:
        segment = RemoteSegmentEncoder(process, tmp_path / "bad.mp4", broken)
        for pixels in frames(20):  # more frames than slots: errors must not leak slots
            with_timeout(lambda: segment.write_frame(pixels))
        with pytest.raises(RuntimeError, match="encoding a video segment failed"):
            with_timeout(segment.finish)
    finally:
        process.stop()
    assert not (tmp_path / "bad.mp4").exists()


def test_a_dead_worker_is_reported(tmp_path):
    process = EncoderProcess((96, 160, 4))
    try:
        segment = RemoteSegmentEncoder(process, tmp_path / "x.mp4", SPEC)
        process.worker.kill()
        process.worker.join()
        with pytest.raises(RuntimeError, match="encoder process died"):
            with_timeout(segment.finish)
    finally:
        process.stop()
