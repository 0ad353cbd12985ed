"""Captions a reader can follow: no one-word line, no line left hanging on "and" or "of",
no break inside parentheses, a formula or a list of numbers."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from scenes.narration.captions import LINE, chunks, timed_cues

DANGLING = {"and", "or", "of", "the", "a", "to"}
# Sentences as a lecture writes them: content phrases (some with parentheses, intervals or lists of
# numbers, which must stay whole) joined by function words (which must not end a line).
content = st.sampled_from(["slope", "secant line", "derivative", "f(x, y)", "the point (0, 0)", "values 1, 2, 3, 4",
                           "the interval [0, 2]", "height", "limit", "curve quickly", "surface z = f(x, y)"])
joiner = st.sampled_from(["of the", "and", "to a", "or", "settles to", "is", "as", "grows along"])
sentence = st.lists(st.tuples(content, joiner), min_size=1, max_size=9).flatmap(
    lambda pairs: content.map(lambda last: " ".join(c + " " + j for c, j in pairs) + " " + last)
).map(lambda text: text[0].upper() + text[1:] + ".")


def lines_of(cues) -> list[str]:
    return [line for cue in cues for line in cue.split("\n")]


def assert_readable_breaks(text: str, shown: list[str]) -> None:
    lines = lines_of(shown)
    for k, line in enumerate(lines):
        words = line.split(" ")
        last = k == len(lines) - 1
        assert len(words) > 1 or len(text.split()) == 1, f"a one-word line {line!r} in {shown}"
        if not last:
            assert words[-1].lower() not in DANGLING, f"{line!r} hangs on {words[-1]!r}"
    so_far = ""
    for line in lines[:-1]:
        so_far += " " + line
        assert so_far.count("(") == so_far.count(")"), f"a break inside parentheses after {line!r}"
        assert so_far.count("[") == so_far.count("]"), f"a break inside an interval after {line!r}"
        assert not re.search(r"\d,$", line.strip()), f"a break inside a list of numbers after {line!r}"


@settings(max_examples=200, deadline=None)
@given(sentence)
@example("The surface z = f(x, y) rises from the floor and the plane through (1, 2) is tangent.")
@example("Take the numbers 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 11 and watch the sequence settle to its limit of 1.")
def test_no_break_a_reader_trips_on(text):
    shown = chunks(text)
    assert " ".join(c.replace("\n", " ") for c in shown) == text
    assert all(len(line) <= LINE for line in lines_of(shown))
    assert_readable_breaks(text, shown)


def test_a_known_bad_break_is_gone():
    # was "... the function z = f(x," / "y) ..." and a lone "and" at the end of a line
    shown = chunks("Picture the graph of the function z = f(x, y) as a landscape above the floor, and walk on it.")
    assert all("(x," not in line.split(" ")[-1] for line in lines_of(shown)), shown
    assert_readable_breaks("", shown)


def test_an_inline_formula_is_one_unbreakable_word():
    text = "Along the path the height is $f(x, m x) = m^2 x / (1 + m^4 x^2)$ which tends to zero as x shrinks."
    cues = timed_cues([(text, 0.0, 8.0)], 9.0)
    formula_lines = [line for cue in cues for line in cue.text.split("\n") if "=" in line]
    assert len(formula_lines) == 1, [c.text for c in cues]
    assert "$" not in " ".join(c.text for c in cues), "captions show math as text, never its dollars"
    assert "m^2" not in formula_lines[0] and "1 + m" in formula_lines[0], "the whole formula, as text, on one line"


def test_a_cue_ends_on_a_clause_when_a_readable_split_there_exists():
    # Before: "... nudge x both ways" / "by a tiny e, and divide ...": the same two cues, cut mid-phrase.
    text = "Check it without the chain rule: nudge the input both ways by a tiny step, and divide the change in the loss by two steps."
    cues = timed_cues([(text, 0.0, len(text) / 14)], len(text) / 14 + 1)
    assert len(cues) >= 2
    assert all(cue.text[-1] in ",;:." for cue in cues), [cue.text for cue in cues]


def test_a_short_sentence_is_not_cut_at_its_commas():
    text = "Here, at x = 1, the slope is 2."
    cues = timed_cues([(text, 0.0, 3.0)], 4.0)
    assert [cue.text.replace("\n", " ") for cue in cues] == [text]


def test_a_line_breaks_at_a_comma_rather_than_before_a_verb():
    # Reviewed: "which / is positive", "add 1 / to the output" read as cut phrases.
    [cue] = timed_cues([("Multiply the output by 2, then add 1 to the output.", 0.0, 4.0)], 5.0)
    assert cue.text == "Multiply the output by 2,\nthen add 1 to the output.", cue.text
    [cue] = timed_cues([("Its square is a number which is positive for every x.", 0.0, 4.0)], 5.0)
    assert not cue.text.split("\n")[0].endswith("which"), cue.text


def test_a_formula_may_stand_alone_on_its_line():
    """'Now a harder / surface, z = …' parted a phrase to keep the formula company (the twelfth review)."""
    assert chunks(r"Now a harder surface, $z = \frac{x y^2}{x^2 + y^4}$.") == ["Now a harder surface,\nz\u00a0=\u00a0(x\u00a0y²)/(x²\u00a0+\u00a0y⁴)."]


def test_a_sentence_splits_at_its_colon_rather_than_part_a_phrase_across_lines():
    """Two lines of one cue would part 'it is / bounded'; two cues part at the colon."""
    text = r"But it stays between $-1$ and $1$: it is bounded, as $f$ stays between $-g$ and $g$."
    cues = timed_cues([(text, 0.0, 6.0)], 6.5)
    assert [cue.text for cue in cues] == ["But it stays between −1 and 1:", "it is bounded,\nas f stays between −g and g."]
