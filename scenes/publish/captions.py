"""Captions: read a clip's ``.srt``, shift cues in time, write ``.srt`` and WebVTT.

Pure text processing (no manim, no video), so it is cheap to test.

>>> cues = parse_srt("1\\n00:00:01,500 --> 00:00:04,000\\nHello & <welcome>\\n")
>>> print(to_vtt(shift(cues, 60)), end="")
WEBVTT
<BLANKLINE>
1
00:01:01.500 --> 00:01:04.000
Hello &amp; &lt;welcome&gt;
"""

from __future__ import annotations

from dataclasses import replace

from scenes.narration.captions import Cue, stamp as _stamp, to_srt

__all__ = ["CaptionError", "Cue", "parse_srt", "shift", "to_srt", "to_vtt"]


class CaptionError(ValueError):
    """A captions file that cannot be read, with the file and the cue that is wrong."""


def parse_srt(text: str, source: str = "captions") -> list[Cue]:
    """The cues of an SRT file; ``source`` names the file in error messages."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    cues = []
    for number, block in enumerate(_blocks(text), start=1):
        timing = next((i for i, line in enumerate(block) if "-->" in line), None)
        if timing is None:
            raise CaptionError(f"{source}, cue {number}: no 'start --> end' line in {block[0]!r}")
        start, _, end = block[timing].partition("-->")
        cue = Cue(_seconds(start, source, number), _seconds(end.split()[0] if end.split() else "", source, number),
                  "\n".join(block[timing + 1:]).strip())
        if cue.end < cue.start:
            raise CaptionError(f"{source}, cue {number}: ends ({cue.end:.3f} s) before it starts ({cue.start:.3f} s)")
        cues.append(cue)
    if not cues:
        raise CaptionError(f"{source}: no caption cues")
    return cues


def _blocks(text: str) -> list[list[str]]:
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _seconds(stamp: str, source: str, number: int) -> float:
    try:
        clock, _, millis = stamp.strip().replace(".", ",").partition(",")
        hours, minutes, seconds = (int(part) for part in clock.split(":"))
        return hours * 3600 + minutes * 60 + seconds + int(millis or 0) / 10 ** len(millis or "0")
    except ValueError:
        raise CaptionError(f"{source}, cue {number}: bad timestamp {stamp.strip()!r} (expected HH:MM:SS,mmm)") from None


def shift(cues: list[Cue], seconds: float) -> list[Cue]:
    return [replace(cue, start=cue.start + seconds, end=cue.end + seconds) for cue in cues]


def to_vtt(cues: list[Cue]) -> str:
    body = "".join(
        f"{i}\n{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n{_vtt_text(c.text)}\n\n" for i, c in enumerate(cues, start=1)
    )
    return ("WEBVTT\n\n" + body).rstrip("\n") + "\n"


def _vtt_text(text: str) -> str:
    """WebVTT reads ``<`` and ``&`` as markup; a blank line would end the cue."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join(line for line in text.split("\n") if line.strip())
