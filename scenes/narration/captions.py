"""Readable captions from narration: sentences, cues of at most 2 lines x 42 characters
broken at phrase boundaries, timed at the sentences' spoken onsets.

Pure text and arithmetic (no manim, no audio), so it is cheap to test.

>>> sentences("The slope is 1.5 here. Now let h shrink!  Why?")
['The slope is 1.5 here.', 'Now let h shrink!', 'Why?']
>>> print(two_lines("As h vanishes the secant becomes the tangent line, touching the curve at a"))
As h vanishes the secant becomes
the tangent line, touching the curve at a
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE = 42  # characters a caption line holds (broadcast standard)
LINES = 2
MAX_RATE = 20.0  # characters per second a viewer can read
MIN_SECONDS = 1.0  # the shortest time a cue stays on screen
# Words a phrase starts with: a line or cue may break before them.
PHRASE_STARTS = frozenset(
    "and but or so because which that where when while as to of with for from into then if than at by on in"
    " is are was were".split()
)
ARTICLES = frozenset("the a an this that its their our".split())  # a break before them is second best


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str  # at most LINES lines of at most LINE characters


def stamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    whole, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{separator}{millis:03d}"


def to_srt(cues: list[Cue]) -> str:
    return "".join(
        f"{i}\n{stamp(c.start, ',')} --> {stamp(c.end, ',')}\n{c.text}\n\n" for i, c in enumerate(cues, start=1)
    ).rstrip("\n") + "\n"


def sentences(text: str) -> list[str]:
    """Split narration into sentences (at . ! ? followed by a space; "1.5" stays whole)."""
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [p for p in parts if p]


def _break_cost(words: list[str], i: int) -> float:
    """Cost of breaking before ``words[i]``: 0 after punctuation or before a phrase word, else 1."""
    if i <= 0 or i >= len(words):
        return 0.0
    following = words[i].lower().strip("\"'(")
    if words[i - 1][-1] in ",;:" or following in PHRASE_STARTS:
        return 0.0
    return 0.5 if following in ARTICLES else 1.0


def _length(words: list[str]) -> int:
    return len(" ".join(words))


def two_lines(text: str) -> str | None:
    """``text`` laid out on at most two lines of at most 42 characters, or None if it does not fit.

    The break goes at a phrase boundary when one fits, then where the lines are most even.
    """
    words = text.split()
    if _length(words) <= LINE:
        return " ".join(words)
    best = None
    for i in range(1, len(words)):
        top, bottom = words[:i], words[i:]
        if _length(top) <= LINE and _length(bottom) <= LINE:
            cost = (_break_cost(words, i), abs(_length(top) - _length(bottom)))
            if best is None or cost < best[0]:
                best = (cost, " ".join(top) + "\n" + " ".join(bottom))
    return None if best is None else best[1]


def _hard_wrap(word: str) -> list[str]:
    return [word[i:i + LINE] for i in range(0, len(word), LINE)]


def chunks(sentence: str) -> list[str]:
    """A sentence as the fewest cues that each fit two lines, split at phrase boundaries where possible.

    >>> [c.replace("\\n", " / ") for c in chunks("Take a second point a distance h away, and the line "
    ...                                          "through both points is a secant whose slope is rise over run.")]
    ['Take a second point a distance h away, / and the line through both points', 'is a secant whose slope is rise over run.']
    """
    words = [piece for word in sentence.split() for piece in (_hard_wrap(word) if len(word) > LINE else [word])]
    if not words:
        return []
    # cost[i]: the cheapest way to caption words[i:], as (cues, breaks off phrase boundaries, unevenness)
    cost: list[tuple | None] = [None] * len(words) + [((0, 0.0, 0), [])]
    for i in range(len(words) - 1, -1, -1):
        for j in range(i + 1, len(words) + 1):
            text = two_lines(" ".join(words[i:j]))
            if text is None:
                break
            (count, breaks, uneven), rest = cost[j]
            here = ((count + 1, breaks + _break_cost(words, j), uneven + (LINES * LINE - _length(words[i:j])) ** 2), [text] + rest)
            if cost[i] is None or here[0] < cost[i][0]:
                cost[i] = here
    return cost[0][1]


def timed_cues(spoken: list[tuple[str, float, float]], end: float) -> list[Cue]:
    """Cues for sentences spoken at ``(text, onset, finish)``; the last cue stays until ``end``.

    A sentence longer than one cue is split, its pieces timed in proportion to
    their characters within the sentence.  Each cue lasts until the next one
    starts; a cue too short to read (under 1 s, or over 20 characters per
    second) is merged with its neighbour when the two still fit one cue.
    """
    cues: list[Cue] = []
    for index, (text, onset, finish) in enumerate(spoken):
        pieces = chunks(text)
        total = sum(len(p) for p in pieces)
        done = 0
        for piece in pieces:
            cues.append(Cue(onset + (finish - onset) * done / total, 0.0, piece))
            done += len(piece)
    cues = [Cue(c.start, following.start if following else end, c.text)
            for c, following in zip(cues, cues[1:] + [None])]
    return _merge_short(cues)


def _readable(cue: Cue) -> bool:
    seconds = cue.end - cue.start
    return seconds >= MIN_SECONDS - 1e-9 and len(cue.text.replace("\n", " ")) <= MAX_RATE * seconds + 1e-9


def _merge_short(cues: list[Cue]) -> list[Cue]:
    changed = True
    while changed:
        changed = False
        for i, cue in enumerate(cues):
            if _readable(cue):
                continue
            for a, b in ((i, i + 1), (i - 1, i)):
                if 0 <= a and b < len(cues):
                    text = two_lines(cues[a].text.replace("\n", " ") + " " + cues[b].text.replace("\n", " "))
                    if text is not None:
                        cues[a:b + 1] = [Cue(cues[a].start, cues[b].end, text)]
                        changed = True
                        break
            if changed:
                break
    return cues
