"""Encode video in a second process, so rendering and encoding use both cores.

manim encodes each animation's frames in a thread of the rendering process.
PyAV's conversion and x264 calls keep taking the GIL back from the renderer,
so on this 2-core machine the two halves mostly take turns (measured: a busy
Python thread halves the encoder's frame rate).  Here a forked worker owns
the encoders; frames travel through a ring of shared-memory slots.  The
renderer hands each frame over synchronously, straight from the camera's
pixels: OpenCV converts RGBA to yuv420p directly into a free slot (1.9 ms at
1080p, against 8 ms for swscale's conversion plus two 8 MB copies before).
The worker encodes with manim's own ``VideoSegmentEncoder`` and settings.

The hand-over runs in a thread of the renderer, beside the next frame's
drawing: the camera draws into two buffers in turn, and the thread converts
one while the other is drawn, then refills it with the static background
(OpenCV and numpy release the GIL; measured, the two cost 2.9 ms of a 1080p
frame's main thread before).

Enabled for every :class:`~scenes.kit.lecture.LectureScene` by
:func:`use_encoder_process`.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from fractions import Fraction
from multiprocessing import shared_memory
from pathlib import Path

import av
import numpy as np

from scenes import leftovers
from scenes.lifeline import leave_interrupts_to_parent
from scenes.damage import DamageLog, IncrementalYuv, track_damage

ENABLED = True  # render.py --stock turns it off to measure manim's own encoding
# A pause is stored as one long frame; CALCVIZ_CONSTANT_FRAME_RATE=1 encodes every
# frame of it instead (for editors that want constant frame rate; ~35% slower).
CONSTANT_FRAME_RATE = os.environ.get("CALCVIZ_CONSTANT_FRAME_RATE") == "1"
SLOTS = 8  # frames in flight between renderer and encoder (8 MB each at 1080p)


def _segment_encoder_class():
    """manim's segment encoder, taking yuv420p planes and encoding a held frame once.

    ``VideoFrame.from_numpy_buffer`` wraps the planes without a copy.  A frame
    repeated ``repeat`` times (a pause) is stored as one long frame, the way
    screen recorders store a still screen: x264 spends as long on an unchanged
    frame as on a new one (16 ms at 1080p here), and 40-47% of a lecture's
    frames are held.  Playback is the same; the stream keeps its nominal 60 fps
    and every moving frame.
    """
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    class FastSegmentEncoder(VideoSegmentEncoder):
        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            self._durations: dict[int, int] = {}  # frame periods of frames x264 still holds, by pts

        def write_frame(self, pixels, *, repeat: int = 1) -> None:
            rate = self.spec.frame_rate
            try:
                if pixels.ndim == 2:  # already yuv420p planes, converted by the renderer
                    frame = av.VideoFrame.from_numpy_buffer(pixels, format="yuv420p")
                else:
                    self._validate_frame(pixels, repeat)
                    frame = av.VideoFrame.from_numpy_buffer(pixels, format="rgba").reformat(format=self._stream.pix_fmt)
                frame.time_base = Fraction(rate.denominator, rate.numerator)
                # A held frame is stored twice: for all but its last period, then
                # for that one, so every file still ends one period after its last
                # frame starts (players and frame-stepping tools rely on that).
                for periods in _frame_periods(repeat):
                    frame.pts = self._next_pts
                    self._durations[self._next_pts] = periods
                    self._next_pts += periods
                    self._mux(self._stream.encode(frame))
            except BaseException as error:
                raise self._operation_error("encode", error) from error

        def finish(self) -> None:
            if self._closed:
                return
            self._closed = True
            try:
                self._mux(self._stream.encode())  # flush the frames x264 still holds
                self._container.close()
            except BaseException as error:
                with suppress(BaseException):
                    self._container.close()
                raise self._operation_error("finish", error) from error

        def _mux(self, packets) -> None:
            rate = self.spec.frame_rate
            for packet in packets:
                pts = round(packet.pts * packet.time_base * rate)
                packet.duration = round(self._durations.pop(pts) / rate / packet.time_base)  # x264 drops it
                self._container.mux(packet)

    return FastSegmentEncoder


def _frame_periods(repeat: int) -> tuple[int, ...]:
    """How long each stored copy of a frame shown ``repeat`` times lasts, in frame periods."""
    if CONSTANT_FRAME_RATE or repeat == 1:
        return (1,) * repeat
    return (repeat - 1, 1)


def _yuv_view(slot: np.ndarray) -> np.ndarray:
    """The start of an RGBA-sized slot seen as yuv420p planes: (height * 3/2, width)."""
    height, width = slot.shape[:2]
    return slot.reshape(-1)[: height * width * 3 // 2].reshape(height * 3 // 2, width)


def _serve(commands, results, unused_ends, memory_name: str, shape: tuple[int, ...]) -> None:
    """The worker: open/frame/finish/abort commands for any number of segments.

    It holds only the reading end of the command pipe, so it sees EOF and
    exits when the renderer dies, however it dies.
    """
    leave_interrupts_to_parent()
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
        # Named for this process: if it is killed outright, the next run unlinks the ring (scenes/leftovers.py).
        self.memory = shared_memory.SharedMemory(create=True, size=size, name=leftovers.shared_memory_name())
        self.frames = np.ndarray((SLOTS, *shape), dtype=np.uint8, buffer=self.memory.buf)
        command_reader, self.commands = context.Pipe(duplex=False)
        self.results, result_writer = context.Pipe(duplex=False)
        self.free_slots: queue.Queue[int] = queue.Queue()
        for slot in range(SLOTS):
            self.free_slots.put(slot)
        self.finished: dict[int, tuple[threading.Event, list]] = {}
        self.lock = threading.Lock()
        self.next_segment = 0
        self.handover = ThreadPoolExecutor(max_workers=1, thread_name_prefix="frame-handover")  # in order
        self.handover_error: BaseException | None = None
        self.damage: DamageLog | None = None  # set by _draw_while_handing_over
        self.yuv = IncrementalYuv()  # used only in the hand-over thread
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
        """Hand a frame to the worker, from the hand-over thread; with ``to_yuv420p`` convert it on the way
        into the slot (only what changed since the last frame, when the damage log knows ``pixels``).

        ``pixels`` must stay unchanged until :meth:`after_handover`'s future is done.
        Converting on this side balances the two cores: x264 alone keeps the
        worker busy at 1080p60.
        """
        if self.handover_error is not None:
            raise self.handover_error
        state = self.damage.state(pixels) if self.damage is not None else None
        self.handover.submit(self._hand_over, segment, pixels, repeat, to_yuv420p, state)

    def after_handover(self, task, *args) -> Future:
        """Run ``task`` in the hand-over thread once the frames written so far are handed over."""
        return self.handover.submit(task, *args)

    def _hand_over(self, segment: int, pixels: np.ndarray, repeat: int, to_yuv420p: bool, state) -> None:
        try:
            self._hand_over_now(segment, pixels, repeat, to_yuv420p, state)
        except BaseException as error:
            self.handover_error = self.handover_error or error
            raise

    def _hand_over_now(self, segment: int, pixels: np.ndarray, repeat: int, to_yuv420p: bool, state) -> None:
        while True:
            try:
                slot = self.free_slots.get(timeout=1.0)
                break
            except queue.Empty:
                self._check_alive()
        if to_yuv420p:
            self.yuv.convert(pixels, state, _yuv_view(self.frames[slot]))
        else:
            np.copyto(self.frames[slot], pixels)
        self._send("frame", segment, slot, repeat, to_yuv420p)

    def flush(self) -> None:
        """Wait until every frame written is handed over; raises the hand-over's error, if any."""
        self.after_handover(lambda: None).result()
        if self.handover_error is not None:
            raise self.handover_error

    def close(self, segment: int, abort: bool = False) -> None:
        if segment not in self.finished:
            return  # already closed
        if not abort:
            self.flush()
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
        self.handover.shutdown(wait=True)
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


def use_encoder_process(renderer) -> EncoderProcess | None:
    """Make ``renderer``'s video encode in a worker process; returns it (None for non-video output).

    manim copies every frame (8 MB at 1080p) and queues the copy to a
    writer thread.  Here the segment's frames skip that queue: they go to
    the worker as they are rendered, converted straight from the camera's
    pixels, so no copy is needed.  The segment's thread only finishes it.
    """
    file_writer = renderer.file_writer
    spec = getattr(file_writer, "video_encoder", None)
    if spec is None:
        return None
    process = EncoderProcess((spec.height, spec.width, 4))
    file_writer._create_segment_encoder = lambda target: RemoteSegmentEncoder(process, target, spec)
    queued_write = file_writer.write_frame

    def write_frame(pixels: np.ndarray, *, repeat: int = 1) -> None:
        job = file_writer._current_encode_job
        if job is not None and isinstance(job.encoder, RemoteSegmentEncoder):
            job.encoder.write_frame(pixels, repeat=repeat)  # read in the hand-over thread: see render()
        else:
            queued_write(pixels.copy(), repeat=repeat)

    file_writer.write_frame = write_frame
    _draw_while_handing_over(renderer, process)
    return process


def _draw_while_handing_over(renderer, process: EncoderProcess) -> None:
    """The camera draws into three buffers in turn. While one is drawn, the hand-over thread converts
    the one drawn before it, then restores the one before that to the static background, which the
    next ``set_frame_to_background`` then skips. A :class:`~scenes.damage.DamageLog` keeps where each
    buffer was drawn on, so restoring and converting touch only those pixels. The last drawn frame
    stays intact until the next frame is drawn, for ``get_frame`` (pauses, the tests' probe)."""
    camera = renderer.camera
    log = process.damage = track_damage(camera)
    buffers: list[np.ndarray] = []
    ready: dict[int, Future] = {}  # id(buffer) -> its restoring, the last thing the thread does with it
    drawn: list[np.ndarray] = []  # the buffer drawn last
    set_background, reset_camera, update_frame = camera.set_frame_to_background, camera.reset, renderer.update_frame

    def set_frame_to_background(background: np.ndarray) -> None:
        if background.shape == camera.pixel_array.shape and background.dtype == camera.pixel_array.dtype:
            log.restore(camera.pixel_array, background)  # copies nothing when the hand-over thread did it
        else:
            set_background(background)
            log.forget(camera.pixel_array)

    def reset():
        log.forget(camera.pixel_array)
        reset_camera()
        log.restored(camera.pixel_array, camera.background)
        return camera

    def update_and_remember(*args, **kwargs) -> None:
        update_frame(*args, **kwargs)
        drawn[:] = [camera.pixel_array]

    def get_frame() -> np.ndarray:
        return (drawn[0] if drawn else camera.pixel_array).copy()

    def restore(frame: np.ndarray, background: np.ndarray | None) -> None:
        if background is not None and background.shape == frame.shape and background.dtype == frame.dtype:
            log.restore(frame, background)

    def render(scene, time: float, moving_mobjects=None) -> None:
        frame = camera.pixel_array
        if not any(frame is b for b in buffers):  # the first frame, or manim replaced the array
            buffers[:] = [frame, np.empty_like(frame), np.empty_like(frame)]
            ready.clear()
        at = next(i for i, b in enumerate(buffers) if b is frame)
        renderer.update_frame(scene, moving_mobjects)
        renderer.add_frame(frame)
        before = buffers[at - 1]
        ready[id(before)] = process.after_handover(restore, before, renderer.static_image)
        following = buffers[(at + 1) % len(buffers)]
        pending = ready.pop(id(following), None)
        if pending is not None:
            pending.result()
        camera.pixel_array = following

    camera.set_frame_to_background = set_frame_to_background
    camera.reset = reset
    renderer.update_frame = update_and_remember
    renderer.get_frame = get_frame
    renderer.render = render
