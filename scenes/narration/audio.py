"""Sound for the narration: read and write audio files, measure and normalise loudness
(ITU-R BS.1770 via pyloudnorm; true peak by 4x oversampling), trim silence, find pauses,
and put one AAC track beside a video's copied packets.

All audio here is mono float32 at 48 kHz.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from pathlib import Path

import av
import numpy as np

RATE = 48_000
TARGET_LUFS = -16.0
PEAK_DBTP = -1.0  # the most a track's true peak may reach
LIMIT_DBTP = -3.0  # where the limiter holds it: AAC encoding adds to the peak (0.63 dB, and once 1.30 dB, measured in CI)
AAC_BITRATE = 128_000
SILENCE = 0.03  # a 10 ms window quieter than 3% of the loudest one (-30 dB) is silence
WINDOW = RATE // 100


class AudioError(ValueError):
    """Audio that cannot be read or used: what is wrong with it (the caller names the file, once)."""


def read(path: Path) -> np.ndarray:
    """Any audio file PyAV reads (WAV, FLAC, ...) as mono float32 at 48 kHz."""
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioError("no audio stream")
            resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
            parts = []
            for frame in container.decode(audio=0):
                frame.pts = None
                parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
            parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    except av.FFmpegError as error:
        # FFmpeg's own text, without its errno and the path again
        raise AudioError(f"not a readable audio file ({error.strerror or type(error).__name__})") from None
    return np.concatenate(parts).astype(np.float32) if parts else np.zeros(0, np.float32)


def write_flac(path: Path, samples: np.ndarray) -> None:
    """Lossless 16-bit FLAC (the cache, and a clip's track kept for the lecture's single encode)."""
    with av.open(str(path), "w", format="flac") as container:
        stream = container.add_stream("flac", rate=RATE, layout="mono")
        stream.format = "s16"
        pcm = np.clip(np.round(samples * 32767), -32768, 32767).astype(np.int16)
        for start in range(0, len(pcm), 4608):
            frame = av.AudioFrame.from_ndarray(pcm[None, start:start + 4608], format="s16", layout="mono")
            frame.sample_rate = RATE
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """``samples`` at ``rate`` Hz brought to 48 kHz (polyphase filter)."""
    if rate == RATE:
        return samples.astype(np.float32)
    from scipy.signal import resample_poly

    common = gcd(rate, RATE)
    return resample_poly(samples, RATE // common, rate // common).astype(np.float32)


def loudness(samples: np.ndarray) -> float:
    """Integrated loudness in LUFS (BS.1770-4 gating); -inf for silence."""
    import pyloudnorm

    padded = samples if len(samples) >= RATE // 2 else np.pad(samples, (0, RATE // 2 - len(samples)))
    return float(pyloudnorm.Meter(RATE).integrated_loudness(padded.astype(np.float64)))


def _oversampled_peaks(samples: np.ndarray) -> np.ndarray:
    """Per sample, the largest magnitude of the 4x oversampled signal around it (the true peak)."""
    from scipy.signal import resample_poly

    over = np.abs(resample_poly(samples.astype(np.float32), 4, 1))
    return over.reshape(-1, 4).max(axis=1)


def true_peak(samples: np.ndarray) -> float:
    """True peak in dBTP."""
    if not len(samples):
        return -np.inf
    peak = float(_oversampled_peaks(samples).max())
    return 20 * np.log10(peak) if peak > 0 else -np.inf


def limit(samples: np.ndarray, ceiling_db: float) -> np.ndarray:
    """Lower the gain smoothly (5 ms) around every peak above ``ceiling_db`` dBTP; elsewhere unchanged.

    The gain at a sample is an average of gains each low enough for every
    peak within 5 ms, so it never exceeds what that sample's own peak needs.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = 10 ** (ceiling_db / 20)
    need = np.minimum(1.0, ceiling / np.maximum(_oversampled_peaks(samples), 1e-12))
    if need.min() >= 1.0:
        return samples
    width = 2 * (RATE // 200) + 1
    gain = uniform_filter1d(minimum_filter1d(need, width), width)
    return (samples * gain).astype(np.float32)


def normalise(samples: np.ndarray) -> np.ndarray:
    """``samples`` at -16 LUFS integrated with a true peak at or below -1 dBTP."""
    if not np.any(samples):
        return samples.astype(np.float32)
    out = samples.astype(np.float32)
    for _ in range(4):  # limiting lowers the loudness a little; gain up and limit again
        out = (out * 10 ** ((TARGET_LUFS - loudness(out)) / 20)).astype(np.float32)
        out = limit(out, LIMIT_DBTP)
        if abs(loudness(out) - TARGET_LUFS) < 0.1:
            break
    return out


def _envelope(samples: np.ndarray) -> np.ndarray:
    """The loudest magnitude of each 10 ms window."""
    whole = len(samples) // WINDOW * WINDOW
    windows = np.abs(samples[:whole]).reshape(-1, WINDOW).max(axis=1) if whole else np.zeros(0)
    if whole < len(samples):
        windows = np.append(windows, np.abs(samples[whole:]).max())
    return windows


def voiced(samples: np.ndarray) -> np.ndarray:
    """Per 10 ms window: is there sound (louder than -30 dB from the loudest window)?"""
    envelope = _envelope(samples)
    if not len(envelope) or envelope.max() <= 0:
        return np.zeros(len(envelope), bool)
    return envelope > max(SILENCE * envelope.max(), 1e-4)


def trim(samples: np.ndarray, pad: float = 0.05) -> np.ndarray:
    """Leading and trailing silence removed, keeping ``pad`` seconds on each side."""
    sound = np.flatnonzero(voiced(samples))
    if not len(sound):
        raise AudioError("the recording is silent")
    keep = round(pad * RATE)
    start = max(0, sound[0] * WINDOW - keep)
    end = min(len(samples), (sound[-1] + 1) * WINDOW + keep)
    return samples[start:end]


def pauses(samples: np.ndarray, shortest: float = 0.2) -> list[tuple[float, float]]:
    """Silent stretches of at least ``shortest`` seconds between sounds, as (start, end) in seconds."""
    sound = voiced(samples)
    found, run = [], None
    for i, loud in enumerate(sound):
        if not loud and run is None:
            run = i
        elif loud and run is not None:
            if run > 0 and (i - run) * WINDOW >= shortest * RATE:
                found.append((run * WINDOW / RATE, i * WINDOW / RATE))
            run = None
    return found


def video_seconds(path: Path) -> Fraction:
    """A video's length: from its first frame's start to its last frame's end (packet timestamps)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        first, end = None, 0
        for packet in container.demux(stream):
            if packet.pts is None:
                continue
            first = packet.pts if first is None else min(first, packet.pts)
            end = max(end, packet.pts + (packet.duration or 0))
        if first is None:
            raise AudioError("no video frames")
        return (end - first) * stream.time_base


def mux(video: Path, output: Path, samples: np.ndarray | None, chapters: list[tuple[str, float, float]],
        encoded: Path | None = None) -> None:
    """``video``'s packets copied into ``output`` with ``samples`` as one AAC track, and chapters.

    The audio is encoded once, here or beforehand into ``encoded`` (an
    audio-only MP4 of the same samples, from :class:`~scenes.narration.aac.AacWriter`),
    whose packets are then copied.  The AAC encoder's priming is recorded in
    the MP4's edit list, so the track lasts exactly ``len(samples)`` samples.
    """
    from contextlib import ExitStack

    from scenes.narration.aac import AacFrames, add_aac_stream

    with ExitStack() as stack:
        source = stack.enter_context(av.open(str(video)))
        out = stack.enter_context(av.open(str(output), "w", format="mp4", options={"movflags": "+faststart"}))
        video_in = source.streams.video[0]
        video_out = out.add_stream_from_template(video_in)
        if encoded is not None:
            sound = stack.enter_context(av.open(str(encoded)))
            audio_out = out.add_stream_from_template(sound.streams.audio[0])
        elif samples is not None:
            audio_out = add_aac_stream(out)
        if chapters:
            base = Fraction(1, 1000)
            out.set_chapters([{"id": i, "start": round(Fraction(start) / base), "end": round(Fraction(end) / base),
                               "time_base": base, "metadata": {"title": title}}
                              for i, (title, start, end) in enumerate(chapters, start=1)])
        out.start_encoding()
        if encoded is not None:
            audio_packets = [p for p in sound.demux(sound.streams.audio[0]) if p.dts is not None]
        elif samples is not None:
            frames = AacFrames(audio_out)
            audio_packets = [*frames.add(samples), *frames.finish()]
        else:
            audio_packets = []
        for packet in audio_packets:
            packet.stream = audio_out
        pending = iter(audio_packets)
        next_audio = next(pending, None)
        for packet in source.demux(video_in):
            if packet.dts is None:
                continue
            seconds = packet.dts * packet.time_base
            while next_audio is not None and next_audio.dts * next_audio.time_base <= seconds:
                out.mux(next_audio)
                next_audio = next(pending, None)
            packet.stream = video_out
            out.mux(packet)
        while next_audio is not None:
            out.mux(next_audio)
            next_audio = next(pending, None)
