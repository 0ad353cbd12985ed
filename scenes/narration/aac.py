"""A clip's AAC track, encoded while the clip renders.

Encoding 90 s of narration takes about 2.3 s of one core, and it used to run
after the last frame, when the other core idles.  Every sample before a
beat's start is final once the beat starts (a beat holds until its speech is
over), so the scene hands each settled stretch to :class:`AacWriter`, a
forked process that encodes it into an audio-only MP4 beside the clip; at the
end only the last beat is left to encode, and the muxer copies the packets.

The frames are cut exactly as a one-shot encode cuts them (1024 samples from
sample 0), so the packets are the same bytes.
"""

from __future__ import annotations

import multiprocessing
from contextlib import suppress
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.lifeline import leave_interrupts_to_parent
from scenes.narration import audio

FRAME = 1024  # AAC-LC samples per frame


class AacFrames:
    """Cuts samples that arrive in pieces into the frames of a one-shot encode, and encodes them."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.pending = np.zeros(0, np.float32)
        self.at = 0  # samples encoded so far

    def add(self, samples: np.ndarray):
        """Packets for every whole frame now available."""
        self.pending = np.concatenate([self.pending, samples.astype(np.float32)])
        whole = len(self.pending) // FRAME * FRAME
        for start in range(0, whole, FRAME):
            yield from self._encode(self.pending[start:start + FRAME])
        self.pending = self.pending[whole:]

    def finish(self):
        """Packets for the last, partial frame and whatever the encoder still holds."""
        if len(self.pending):
            yield from self._encode(self.pending)
            self.pending = self.pending[:0]
        yield from self.stream.encode(None)

    def _encode(self, samples: np.ndarray):
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(samples)[None, :], format="flt", layout="mono")
        frame.sample_rate = audio.RATE
        frame.pts = self.at
        frame.time_base = Fraction(1, audio.RATE)
        self.at += len(samples)
        yield from self.stream.encode(frame)


def add_aac_stream(container):
    stream = container.add_stream("aac", rate=audio.RATE, layout="mono")
    stream.bit_rate = audio.AAC_BITRATE
    return stream


def _serve(connection, unused_end, path: str) -> None:
    """The worker: samples in, packets into ``path``; None finishes. EOF (the renderer died) just stops."""
    leave_interrupts_to_parent()
    unused_end.close()
    try:
        with av.open(path, "w", format="mp4") as container:
            frames = AacFrames(add_aac_stream(container))
            while (samples := connection.recv()) is not None:
                for packet in frames.add(samples):
                    container.mux(packet)
            for packet in frames.finish():
                container.mux(packet)
        connection.send(None)
    except EOFError:
        return
    except Exception as error:  # noqa: BLE001 - reported to the renderer at finish, if it still listens
        with suppress(OSError):
            connection.send(f"{type(error).__name__}: {error}")


class AacWriter:
    """A background process that encodes a track, fed in order, into an audio-only MP4 at ``path``.

    Start it before the renderer starts threads (it forks).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fed = 0  # samples handed over so far
        self.failed = False
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        self.worker = context.Process(target=_serve, args=(child_end, self.connection, str(path)), daemon=True)
        self.worker.start()
        child_end.close()

    def write(self, samples: np.ndarray) -> None:
        if len(samples) and not self.failed:
            try:
                self.connection.send(samples.astype(np.float32))
            except OSError:  # the worker failed (a full disk, say) and left
                self.failed = True
            self.fed += len(samples)

    def finish(self) -> Path | None:
        """Wait for the encode to end; returns the file, or None when the worker failed (the muxer then
        encodes the track itself, and meets the same error with its real cause if it lasts)."""
        error = "the worker stopped early"
        if not self.failed:
            with suppress(OSError, EOFError):
                self.connection.send(None)
                error = self.connection.recv()
        self.close()
        self.error = error
        return self.path if error is None else None

    def close(self) -> None:
        """Stop the worker (whatever it was doing) and drop the pipe."""
        self.connection.close()
        self.worker.join(timeout=10)
        if self.worker.is_alive():
            self.worker.kill()
            self.worker.join()
