"""Transcripts: a clip's narration as text, in paragraphs under its beats' headings, for students who read
rather than watch (WCAG 1.2.1/1.2.3) and for search.

Made from what the clip shows and says, its captions and its chapters, so a transcript never disagrees with
them: formulas are in the captions' Unicode (A′ = f), as on screen.

>>> from scenes.narration.captions import Cue
>>> from scenes.publish.chapters import Chapter
>>> cues = [Cue(0.5, 2.0, "A secant joins"), Cue(2.0, 3.0, "two points."), Cue(4.0, 6.0, "Let h shrink.")]
>>> print(transcript("Secants", [Chapter("A secant", 0.0, 3.5), Chapter("The limit", 3.5, 6.0)], cues))
Secants
<BLANKLINE>
A secant
A secant joins two points.
<BLANKLINE>
The limit
Let h shrink.
<BLANKLINE>
"""

from __future__ import annotations

from dataclasses import dataclass

from scenes.narration.captions import Cue
from scenes.publish.chapters import Chapter


@dataclass(frozen=True)
class Section:
    heading: str
    text: str  # the section's narration, one paragraph


def sections(beats: list[Chapter], cues: list[Cue]) -> list[Section]:
    """Each beat with the words spoken in it: a cue belongs to the beat its middle falls in (a line can start a
    breath before its beat); a beat with no words is left out."""
    found = []
    for i, beat in enumerate(beats):
        last = i == len(beats) - 1
        words = [cue.text.replace("\n", " ") for cue in cues
                 if beat.start <= (cue.start + cue.end) / 2 < beat.end or (last and (cue.start + cue.end) / 2 >= beat.end)]
        if i == 0:  # words before the first beat (none today) are not lost
            words = [cue.text.replace("\n", " ") for cue in cues if (cue.start + cue.end) / 2 < beat.start] + words
        if words:
            found.append(Section(beat.title, " ".join(" ".join(words).split())))
    return found


def transcript(title: str, beats: list[Chapter], cues: list[Cue]) -> str:
    """A clip's transcript as plain text: its title, then each beat's heading and paragraph."""
    parts = [title, ""]
    for section in sections(beats, cues):
        parts += [section.heading, section.text, ""]
    return "\n".join(parts)


def lecture_transcript(title: str, clips: list[str]) -> str:
    """A week's lecture: its title, then each clip's transcript in order."""
    return "\n".join([title, "", *clips])


__all__ = ["Section", "lecture_transcript", "sections", "transcript"]
