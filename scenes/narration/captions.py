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

from scenes.narration.speech import math_spans

LINE = 42  # characters a caption line holds (broadcast standard)
LINES = 2
MAX_RATE = 20.0  # characters per second a viewer can read
MIN_SECONDS = 1.0  # the shortest time a cue stays on screen
# Where a line or cue may break, best first: after punctuation; before a word that starts a clause; before
# a preposition; before an article. A break before a verb ("which / is positive") reads as a cut phrase.
CLAUSE_STARTS = frozenset("and but or so because which where when while then if than as".split())
PREPOSITIONS = frozenset("to of with for from into at by on in over under along through".split())
ARTICLES = frozenset("the a an this that its their our".split())
DANGLING = frozenset("and or of the a an to".split())  # a line never ends on them while the sentence goes on
CLAUSE_BREAK = 0.25  # the cost of a break before a clause word; dearer breaks part a phrase
ORPHAN = LINE // 3  # a word shorter than this alone on a line is an orphan ("positive."); a formula may stand alone


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
    """Split narration into sentences (at . ! ? followed by a space; "1.5" and inline math "$n! = 1$" stay whole).

    >>> sentences("So $x = 1.5$. Then $n! = 2$ here.")
    ['So $x = 1.5$.', 'Then $n! = 2$ here.']
    """
    text = " ".join(text.split())
    spans = math_spans(text)  # an odd number of dollars raises, naming the text
    inside = {i for start, end in spans for i in range(start, end)}
    parts, begin = [], 0
    for match in re.finditer(r"(?<=[.!?])\s+", text):
        if match.start() not in inside:
            parts.append(text[begin:match.start()])
            begin = match.end()
    parts.append(text[begin:])
    return [p for p in parts if p]


def _bare(word: str) -> str:
    return word.lower().strip("\"'()[],;:.!?")


def _numeric(word: str) -> bool:
    return bool(re.fullmatch(r"[−+-]?\(?[0-9.]+\)?[,;]?", word))


def _forbidden(words: list[str], i: int) -> bool:
    """Whether a line may not break before ``words[i]``: after a dangling word, inside
    parentheses (a formula or an interval), or inside a list of numbers."""
    if i <= 0 or i >= len(words):
        return False
    before = words[i - 1]
    if before[-1] not in ",;:.!?" and _bare(before) in DANGLING:
        return True
    depth = sum(w.count("(") + w.count("[") - w.count(")") - w.count("]") for w in words[:i])
    if depth > 0:
        return True
    return before.endswith(",") and _numeric(before) and _numeric(words[i])


def _break_cost(words: list[str], i: int) -> float:
    """Cost of breaking before ``words[i]``: 0 after punctuation, 0.25 before a clause word, 0.5 before a
    preposition, 0.75 before an article, else 1."""
    if i <= 0 or i >= len(words):
        return 0.0
    following = words[i].lower().strip("\"'(")
    if words[i - 1][-1] in ",;:.!?":
        return 0.0
    if following in CLAUSE_STARTS:
        return CLAUSE_BREAK
    return 0.5 if following in PREPOSITIONS else 0.75 if following in ARTICLES else 1.0


def _length(words: list[str]) -> int:
    return len(" ".join(words))


def _split(text: str) -> list[str]:
    """Words at ordinary white space (a no-break space, as inside a formula, holds its word together)."""
    return [w for w in re.split(r"[ \t\n\r]+", text) if w]  # not str.split(): it splits at no-break spaces too


def two_lines(text: str) -> str | None:
    """``text`` laid out on at most two lines of at most 42 characters, or None if it does not fit.

    The break goes at a phrase boundary when one fits, then where the lines are most even.
    """
    laid = _two_lines(text)
    return None if laid is None else laid[2]


def _two_lines(text: str) -> tuple[int, float, str] | None:
    """(flaws, cost of the line break, layout): flaws count breaks a reader trips on (see :func:`_forbidden`)
    and lines of one short word (a formula standing alone on its line reads well)."""
    words = _split(text)
    if _length(words) <= LINE:
        return 0, 0.0, " ".join(words)
    best = None
    for i in range(1, len(words)):
        top, bottom = words[:i], words[i:]
        if _length(top) <= LINE and _length(bottom) <= LINE:
            flaws = _forbidden(words, i) + _orphan(top) + _orphan(bottom)
            cost = (flaws, _break_cost(words, i), abs(_length(top) - _length(bottom)))
            if best is None or cost < best[0]:
                best = (cost, " ".join(top) + "\n" + " ".join(bottom))
    return None if best is None else (best[0][0], best[0][1], best[1])


def _orphan(line: list[str]) -> bool:
    return len(line) == 1 and len(line[0]) < ORPHAN


def _hard_wrap(word: str) -> list[str]:
    return [word[i:i + LINE] for i in range(0, len(word), LINE)]


def chunks(sentence: str) -> list[str]:
    """A sentence as the fewest cues that each fit two lines, split at phrase boundaries where possible.

    >>> [c.replace("\\n", " / ") for c in chunks("Take a second point a distance h away, and the line "
    ...                                          "through both points is a secant whose slope is rise over run.")]
    ['Take a second point a distance h away,', 'and the line through both points is / a secant whose slope is rise over run.']
    """
    words = _words(sentence, 0.0, 0.0)
    return [text for text, _, _ in _layout(words, 0.0)]


NO_BREAK = "\u00a0"  # joins a formula's words: a caption never breaks inside one


def _tokens(text: str) -> list[str]:
    """``text``'s words for a caption: each inline formula ``$...$`` (with the punctuation stuck to it)
    is one word, shown as readable text with no-break spaces."""
    tokens = []
    for token in re.findall(r"(?:[^ \t\n\r$]*\$[^$]*\$)+[^ \t\n\r$]*|[^ \t\n\r]+", text):
        if "$" in token:
            token = _shown(token).replace(" ", NO_BREAK)
        tokens.append(token)
    return tokens


def shown(text: str) -> str:
    """Narration as its captions show it, words joined by spaces (inline math as readable text)."""
    return " ".join(_tokens(text)).replace(NO_BREAK, " ")


def _shown(text: str) -> str:
    """Inline math as readers see it (``scenes.narration.speech.caption``), when that layer is present."""
    try:
        from scenes.narration.speech import caption
    except ImportError:
        return text
    return caption(text)


def _words(text: str, onset: float, finish: float) -> list[tuple[str, float, bool]]:
    """``text``'s words (over-long ones wrapped) as (word, time it is spoken, starts the sentence)."""
    words, offset = [], 0
    tokens = _tokens(text)
    text = " ".join(tokens)
    for word in tokens:
        for piece in (_hard_wrap(word) if len(word) > LINE else [word]):
            words.append((piece, onset + (finish - onset) * offset / max(len(text), 1), not words))
            offset += len(piece) + 1
    return words


def _layout(words: list[tuple[str, float, bool]], end: float) -> list[tuple[str, float, float]]:
    """The best split of timed words into cues (text, start, end), by dynamic programming.

    In order of weight: no break a reader trips on (after "and", inside parentheses
    or a list of numbers, a one-word line), no cue too short to read, no cue holding
    the end of one sentence and the start of the next, cues that end on a clause
    (a sentence is cut mid-clause only when no readable split at its commas exists),
    the fewest cues, breaks at phrase boundaries, even cues.  So a sentence shares a
    cue only when it is too short to stand alone.
    """
    plain = [w for w, _, _ in words]
    times = [t for _, t, _ in words] + [end]
    cost: list[tuple | None] = [None] * len(words) + [((0, 0, 0, 0, 0, 0.0, 0), [])]
    for i in range(len(words) - 1, -1, -1):
        for j in range(i + 1, len(words) + 1):
            laid = _two_lines(" ".join(plain[i:j]))
            if laid is None:
                break
            flaws, inner, text = laid
            (tripping, short, joined, unclausal, count, breaks, uneven), rest = cost[j]
            cut = inner > CLAUSE_BREAK  # its two lines part mid-phrase ("it is / bounded")
            ends_sentence = j == len(words) or words[j][2]
            flaws += (not ends_sentence and _forbidden(plain, j)) + (j - i == 1 and not (ends_sentence and words[i][2]))
            here = ((tripping + flaws, short + (times[j] - times[i] < _seconds_to_read(text) - 1e-9),
                     joined + any(starts for _, _, starts in words[i + 1:j]),
                     unclausal + (not ends_sentence and plain[j - 1][-1] not in ",;:") + cut,
                     count + 1, breaks + _break_cost(plain, j) + inner,
                     uneven + (LINES * LINE - _length(plain[i:j])) ** 2), [(text, times[i], times[j])] + rest)
            if cost[i] is None or here[0] < cost[i][0]:
                cost[i] = here
    return cost[0][1] if words else []


def timed_cues(spoken: list[tuple[str, float, float]], end: float) -> list[Cue]:
    """Cues for sentences spoken at ``(text, onset, finish)``; the last cue stays until ``end``.

    Words are timed in proportion to their characters within their sentence;
    a cue starts with its first word and lasts until the next cue starts.  A
    cue is never too short to read (under 1 s, or over 20 characters per
    second) when a split exists that avoids it, so a sentence too short to
    stand alone shares a cue with its neighbour.
    """
    words = [w for text, onset, finish in spoken for w in _words(text, onset, finish)]
    return [Cue(start, stop, text.replace(NO_BREAK, " ")) for text, start, stop in _layout(words, end)]


def _seconds_to_read(text: str) -> float:
    return max(MIN_SECONDS, len(text.replace("\n", " ")) / MAX_RATE)


def _readable(cue: Cue) -> bool:
    return cue.end - cue.start >= _seconds_to_read(cue.text) - 1e-9

