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

from scenes import encoding
from scenes.damage import rgba_to_yuv420p
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


def shown(path: Path) -> tuple[list[np.ndarray], Fraction]:
    """The picture on screen in each frame period, and the video's length in seconds."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        period = 1 / SPEC.frame_rate
        timed = [(f.pts * stream.time_base, f.to_ndarray(format="rgb24")) for f in container.decode(stream)]
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        end = max((p.pts + p.duration) * stream.time_base for p in container.demux(stream) if p.pts is not None)
    count = round(end / period)
    pictures = [next(img for start, img in reversed(timed) if start <= i * period) for i in range(count)]
    return pictures, end


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


@pytest.mark.parametrize("constant_rate", [False, True])
def test_same_pictures_as_in_process_encoding_with_a_held_frame_stored_long(tmp_path, monkeypatch, constant_rate):
    monkeypatch.setattr(encoding, "CONSTANT_FRAME_RATE", constant_rate)  # before the worker forks
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
    expected, expected_end = shown(tmp_path / "local.mp4")
    got, end = shown(tmp_path / "remote.mp4")
    assert end == expected_end == Fraction(9, 10)
    assert len(decoded(tmp_path / "local.mp4")) == 9
    # The held frame once for 3 periods, then again for its last one; or all 4 times at a constant rate.
    assert len(decoded(tmp_path / "remote.mp4")) == (9 if constant_rate else 7)
    for a, b in zip(expected, got, strict=True):
        # The same picture; only the RGB->YUV chroma filter differs (OpenCV's box vs swscale's).
        assert np.abs(a.astype(int) - b.astype(int)).mean() < 1.0


def test_rgba_to_yuv420p_matches_swscale():
    rng = np.random.default_rng(1)
    pixels = np.zeros((96, 160, 4), dtype=np.uint8)
    pixels[..., 3] = 255
    for _ in range(12):  # flat rectangles on even coordinates, like most of a lecture frame
        y, x = rng.integers(0, 48, 2) * 2
        pixels[y : y + 20, x : x + 40, :3] = rng.integers(0, 256, 3)
    pixels[60:90, 100:150, :3] = rng.integers(0, 256, (30, 50, 3))  # and a noisy patch
    reference = av.VideoFrame.from_numpy_buffer(pixels, format="rgba").reformat(format="yuv420p").to_ndarray()
    out = np.empty_like(reference)
    rgba_to_yuv420p(pixels, out)
    luma, chroma = np.abs(out.astype(int) - reference.astype(int))[:96], np.abs(out.astype(int) - reference.astype(int))[96:]
    assert luma.max() <= 1
    flat = np.ones((48, 80), bool)
    flat[28:47, 48:77] = False  # chroma rows/columns touched by the noisy patch
    for plane in (chroma[:24].reshape(48, 80), chroma[24:].reshape(48, 80)):
        assert np.median(plane[flat]) == 0


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
    assert len(shown(tmp_path / "a.mp4")[0]) == 3
    assert len(shown(tmp_path / "b.mp4")[0]) == 6


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


HANDOVER = "tests/farm/handover_scene.py"  # as the project root sees it


def _render_handover(tmp_path: Path, variant: str) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Render tests/farm/handover_scene.py (``stock``: manim's own encoding); (pictures per period, get_frame reads)."""
    import os
    import subprocess
    import sys

    clip, seen = tmp_path / f"{variant}.mp4", tmp_path / f"{variant}-seen.npz"
    env = dict(os.environ, HANDOVER_FRAMES=str(seen), CALCVIZ_TEX_CACHE=str(tmp_path / "tex"))
    command = [sys.executable, "-m", "scenes", "render", "Handover", "--module", HANDOVER, "--quality", "tiny",
               "--output", str(clip)] + (["--stock"] if variant == "stock" else [])
    done = subprocess.run(command, env=env, cwd=Path(__file__).parent.parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        timed = [(f.pts * stream.time_base, f.to_ndarray(format="rgb24").astype(int)) for f in container.decode(stream)]
    period = Fraction(1, 5)
    pictures = [next(img for start, img in reversed(timed) if start <= i * period) for i in range(int(timed[-1][0] / period) + 1)]
    with np.load(seen) as data:
        return pictures, [data[f"arr_{i}"][..., :3].astype(int) for i in range(len(data.files))]


def test_frames_drawn_while_the_last_is_handed_over_are_the_frames_manim_draws(tmp_path):
    """The renderer draws into three buffers while a thread converts and refills them: the video and
    ``get_frame`` must show exactly what manim's own one-buffer path shows, frame by frame."""
    ours, our_reads = _render_handover(tmp_path, "project")
    stock, stock_reads = _render_handover(tmp_path, "stock")
    assert len(ours) == len(stock) >= 12
    for a, b in zip(ours, stock):  # lossy encodes with other settings: near, not equal
        assert np.abs(a - b).mean() < 2.0
    for a, b in zip(our_reads, stock_reads, strict=True):
        assert np.array_equal(a, b)  # the last frame drawn, before any encoding
    moved = [np.abs(ours[i + 1] - ours[i]).mean() for i in range(len(ours) - 1)]
    assert sum(m > 0.5 for m in moved) >= 8, "the square moves in most frames"
