"""Chapters of a lecture and their YouTube description list.

YouTube reads chapters from timestamps in a video's description when the
first is at 0:00, they ascend, and each chapter lasts at least 10 seconds.

>>> print(youtube_description([Chapter("Secants", 0, 57.4), Chapter("Tangents", 57.4, 3725)]), end="")
0:00 Secants
0:57 Tangents
"""

from __future__ import annotations

from dataclasses import dataclass

YOUTUBE_MIN_CHAPTER = 10  # seconds
YOUTUBE_MIN_CHAPTERS = 3  # fewer, and YouTube shows none


class ChapterError(ValueError):
    """Chapters that a video platform would reject, naming the chapter."""


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float  # seconds
    end: float


def youtube_timestamp(seconds: float) -> str:
    """``M:SS`` below an hour, ``H:MM:SS`` from there (seconds rounded down, as YouTube shows them)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def check_chapters(chapters: list[Chapter]) -> None:
    """Raise :class:`ChapterError` unless the list is a valid YouTube chapter list."""
    if not chapters:
        raise ChapterError("no chapters")
    if chapters[0].start != 0:
        raise ChapterError(f"the first chapter ({chapters[0].title!r}) must start at 0:00, not at {chapters[0].start:.3f} s")
    for chapter, following in zip(chapters, chapters[1:] + [None]):
        end = following.start if following else chapter.end
        if following and int(following.start) <= int(chapter.start):
            raise ChapterError(f"chapter {following.title!r} does not start after {chapter.title!r}")
        if end - chapter.start < YOUTUBE_MIN_CHAPTER:
            raise ChapterError(
                f"chapter {chapter.title!r} lasts {end - chapter.start:.1f} s; YouTube needs at least {YOUTUBE_MIN_CHAPTER} s per chapter"
            )


def youtube_description(chapters: list[Chapter]) -> str:
    """The chapter list to paste into a YouTube description, one ``M:SS Title`` a line."""
    check_chapters(chapters)
    return "".join(f"{youtube_timestamp(c.start)} {c.title}\n" for c in chapters)


def too_few_chapters(week: int, count: int) -> str | None:
    """A warning for a lecture with fewer chapters than YouTube shows, or None.

    >>> too_few_chapters(1, 2)
    'week 1 has 2 chapters: YouTube shows chapters only for 3 or more, so this lecture will have none there (add scenes to the week in course.toml)'
    >>> too_few_chapters(3, 4) is None
    True
    """
    if count >= YOUTUBE_MIN_CHAPTERS:
        return None
    noun = "chapter" if count == 1 else "chapters"
    return (f"week {week} has {count} {noun}: YouTube shows chapters only for {YOUTUBE_MIN_CHAPTERS} or more, "
            "so this lecture will have none there (add scenes to the week in course.toml)")
