"""Encode video in a second process, so rendering and encoding use both cores.

manim encodes each animation's frames in a thread of the rendering process.
PyAV's conversion and x264 calls keep taking the GIL back from the renderer,
so on this 2-core machine the two halves mostly take turns (measured: a busy
Python thread halves the encoder's frame rate).  Here a forked worker owns
the encoders; frames travel through a ring of shared-memory slots, so the
renderer's cost per frame is one memcpy.  The worker encodes with manim's own
``VideoSegmentEncoder`` and settings, so the bytes are the same as in-process.

Enabled for every :class:`~scenes.style.LectureScene` by
:func:`use_encoder_process`.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from fractions import Fraction
from multiprocessing import shared_memory
from pathlib import Path

import av
import numpy as np

ENABLED = True  # render.py --stock turns it off to measure manim's own encoding
SLOTS = 8  # frames in flight between renderer and encoder (8 MB each at 1080p)


def _segment_encoder_class():
    """manim's segment encoder with a cheaper route from RGBA pixels to the encoder.

    ``VideoFrame.from_ndarray`` copies the frame row by row (~24 ms at 1080p
    here); ``from_numpy_buffer`` wraps it without a copy, and the explicit
    ``reformat`` is the very conversion ``encode`` would otherwise apply, so
    the output bytes do not change.  A repeated (paused) frame is converted once.
    """
    import av
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    class FastSegmentEncoder(VideoSegmentEncoder):
        def write_frame(self, pixels, *, repeat: int = 1) -> None:
            rate = self.spec.frame_rate
            try:
                if pixels.ndim == 2:  # already yuv420p planes, converted by the renderer
                    frame = av.VideoFrame.from_numpy_buffer(pixels, format="yuv420p")
                else:
                    self._validate_frame(pixels, repeat)
                    frame = av.VideoFrame.from_numpy_buffer(pixels, format="rgba").reformat(format=self._stream.pix_fmt)
                frame.time_base = Fraction(rate.denominator, rate.numerator)
                for _ in range(repeat):
                    frame.pts = self._next_pts
                    self._next_pts += 1
                    for packet in self._stream.encode(frame):
                        self._container.mux(packet)
            except BaseException as error:
                raise self._operation_error("encode", error) from error

    return FastSegmentEncoder


def _yuv_view(slot: np.ndarray) -> np.ndarray:
    """The start of an RGBA-sized slot seen as yuv420p planes: (height * 3/2, width)."""
    height, width = slot.shape[:2]
    return slot.reshape(-1)[: height * width * 3 // 2].reshape(height * 3 // 2, width)


def _serve(commands, results, unused_ends, memory_name: str, shape: tuple[int, ...]) -> None:
    """The worker: open/frame/finish/abort commands for any number of segments.

    It holds only the reading end of the command pipe, so it sees EOF and
    exits when the renderer dies, however it dies.
    """
    for end in unused_ends:
        end.close()
    VideoSegmentEncoder = _segment_encoder_class()

    memory = shared_memory.SharedMemory(name=memory_name)
    frames = np.ndarray(shape, dtype=np.uint8, buffer=memory.buf)
    encoders: dict[int, VideoSegmentEncoder] = {}
    errors: dict[int, str] = {}
    while True:
        try:
            command, segment, *args = commands.recv()
        except EOFError:
            break
        try:
            if command == "open":
                target, spec = args
                encoders[segment] = VideoSegmentEncoder(target=Path(target), spec=spec)
            elif command == "frame":
                slot, repeat, planes = args
                if segment in encoders and segment not in errors:
                    encoders[segment].write_frame(_yuv_view(frames[slot]) if planes else frames[slot], repeat=repeat)
            elif command == "finish":
                if segment not in errors:
                    encoders.pop(segment).finish()
            elif command == "abort":
                encoder = encoders.pop(segment, None)
                if encoder is not None:
                    encoder.abort()
        except Exception as error:  # reported to the renderer at finish
            errors[segment] = f"{type(error).__name__}: {error}"
        finally:
            if command == "frame":
                results.send(("free", args[0], None))
            elif command in ("finish", "abort"):
                results.send(("done", segment, errors.pop(segment, None)))
    memory.close()


class EncoderProcess:
    """One worker process and its frame slots, for frames of one shape."""

    def __init__(self, shape: tuple[int, int, int]) -> None:
        context = multiprocessing.get_context("fork")
        size = SLOTS * int(np.prod(shape))
        self.memory = shared_memory.SharedMemory(create=True, size=size)
        self.frames = np.ndarray((SLOTS, *shape), dtype=np.uint8, buffer=self.memory.buf)
        command_reader, self.commands = context.Pipe(duplex=False)
        self.results, result_writer = context.Pipe(duplex=False)
        self.free_slots: queue.Queue[int] = queue.Queue()
        for slot in range(SLOTS):
            self.free_slots.put(slot)
        self.finished: dict[int, tuple[threading.Event, list]] = {}
        self.lock = threading.Lock()
        self.next_segment = 0
        self.worker = context.Process(
            target=_serve,
            args=(command_reader, result_writer, (self.commands, self.results), self.memory.name, (SLOTS, *shape)),
            daemon=True,
        )
        self.worker.start()
        command_reader.close()
        result_writer.close()
        self.reader = threading.Thread(target=self._read_results, daemon=True)
        self.reader.start()

    def _read_results(self) -> None:
        while True:
            try:
                kind, key, error = self.results.recv()
            except (EOFError, OSError):
                return  # the worker is gone; writers notice through _check_alive
            if kind == "free":
                self.free_slots.put(key)
            elif kind == "done":
                event, outcome = self.finished[key]
                outcome.append(error)
                event.set()

    def _send(self, *command) -> None:
        with self.lock:  # several encoder threads share the pipe
            try:
                self.commands.send(command)
            except (BrokenPipeError, OSError):
                self._check_alive()
                raise

    def open(self, target: Path, spec) -> int:
        with self.lock:
            segment = self.next_segment
            self.next_segment += 1
            self.finished[segment] = (threading.Event(), [])
        self._send("open", segment, str(target), spec)
        return segment

    def write(self, segment: int, pixels: np.ndarray, repeat: int, to_yuv420p: bool) -> None:
        """Hand a frame to the worker; with ``to_yuv420p`` convert it here first.

        Converting on this side balances the two cores: the renderer waits on
        the encoder otherwise, and yuv420p is 3/8 of the bytes to copy.
        """
        if to_yuv420p:
            # The same conversion PyAV's encode() applies to an RGBA frame.
            pixels = av.VideoFrame.from_numpy_buffer(pixels, format="rgba").reformat(format="yuv420p").to_ndarray()
        while True:
            try:
                slot = self.free_slots.get(timeout=1.0)
                break
            except queue.Empty:
                self._check_alive()
        np.copyto(_yuv_view(self.frames[slot]) if to_yuv420p else self.frames[slot], pixels)
        self._send("frame", segment, slot, repeat, to_yuv420p)

    def close(self, segment: int, abort: bool = False) -> None:
        if segment not in self.finished:
            return  # already closed
        self._send("abort" if abort else "finish", segment)
        event, outcome = self.finished[segment]
        while not event.wait(1.0):
            self._check_alive()
        del self.finished[segment]
        if outcome[0] is not None:
            raise RuntimeError(f"encoding a video segment failed: {outcome[0]}")

    def _check_alive(self) -> None:
        if not self.worker.is_alive():
            raise RuntimeError(f"the video encoder process died (exit code {self.worker.exitcode})")

    def stop(self) -> None:
        self.commands.close()  # the worker reads EOF and exits
        self.worker.join(timeout=30)
        self.reader.join(timeout=5)
        self.results.close()
        self.memory.close()
        self.memory.unlink()


class RemoteSegmentEncoder:
    """Drop-in for manim's ``VideoSegmentEncoder`` that forwards frames to the worker."""

    def __init__(self, process: EncoderProcess, target: Path, spec) -> None:
        self.target = target
        self.spec = spec
        self.process = process
        self.segment = process.open(target, spec)

    def write_frame(self, pixels: np.ndarray, *, repeat: int = 1) -> None:
        self.process.write(self.segment, pixels, repeat, to_yuv420p=self.spec.pixel_format == "yuv420p")

    def finish(self) -> None:
        self.process.close(self.segment)

    def abort(self) -> None:
        self.process.close(self.segment, abort=True)


def use_encoder_process(file_writer) -> EncoderProcess | None:
    """Make ``file_writer`` encode in a worker process; returns it (None for non-video output)."""
    spec = getattr(file_writer, "video_encoder", None)
    if spec is None:
        return None
    process = EncoderProcess((spec.height, spec.width, 4))
    file_writer._create_segment_encoder = lambda target: RemoteSegmentEncoder(process, target, spec)
    return process
