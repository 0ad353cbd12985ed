"""Titles from the course config checked against what LaTeX can set, before anything renders.

A scene shows its title and the week's title card shows the series, week
and scene titles made safe for LaTeX (:func:`latex_text`).  A character the template's
fonts and encodings cannot set (an emoji, ∂, 直) would stop the render midway, so every title is
typeset here the way it will be shown, all in one LaTeX run, and a failure is one
:class:`~scenes.course.ConfigError` naming the file, week, scene, key and the character.

Titles that typeset are remembered (``renders/.make/checked/``), so ``make check`` runs LaTeX only
for new or changed titles.  Without LaTeX nothing is checked here: the render then says it is missing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from scenes.course import ConfigError, Course
from scenes.failures import unset_character
from scenes.params import CHECKED_DIR

_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                   "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex_text(text: str) -> str:
    """Plain text made safe for a LaTeX text box (course titles are plain text).

    >>> print(latex_text("Q&A: 100% of x_1"))
    Q\\&A: 100\\% of x\\_1
    """
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


TIMEOUT = 60  # seconds for LaTeX to set every new title
_LINE = re.compile(r"^l\.(\d+) (.*)$")
_COMMENT = re.compile(r"(?<!\\)%")  # a % that is not \%


@dataclass(frozen=True)
class Shown:
    """A title as one renderer sets it: ``context`` names it in course.toml, ``tex`` is the LaTeX text."""

    context: str
    title: str
    tex: str


def shown_titles(course: Course) -> list[Shown]:
    """Every title, as each place that shows it sets it."""
    where = course.path.name
    shown = [Shown(f"{where}, key 'title'", course.title, latex_text(course.title))]
    for week in course.weeks:
        shown.append(Shown(f"{where}: week {week.number}, key 'title'", week.title, latex_text(week.title)))
        for entry in week.scenes:
            context = f"{where}: week {week.number}, scene {entry.name}, key 'title'"
            shown.append(Shown(context, entry.title, latex_text(entry.title)))  # the clip's card and the week's alike
    return shown


def check_titles(course: Course) -> None:
    """Raise a ConfigError for the first title LaTeX cannot set; remember the ones it can."""
    if shutil.which("latex") is None or importlib.util.find_spec("manim") is None:
        return
    unchecked = [s for s in shown_titles(course) if not _marker(s.tex).exists()]
    for shown in unchecked:
        if _COMMENT.search(shown.tex):  # no error from LaTeX: the scene would just show less
            raise ConfigError(f"{shown.context}: LaTeX cannot set the character % in {shown.title!r} (it starts a "
                              "comment: the scene's title would stop there); write 'percent'")
    if not unchecked:
        return
    failures = _typeset([s.tex for s in unchecked])
    if failures is None:  # LaTeX itself fails (a missing package): the render names that
        return
    for shown, failure in zip(unchecked, failures):
        if failure is not None:
            raise ConfigError(f"{shown.context}: {failure} in {shown.title!r}; use characters LaTeX can set (the template's "
                              "fonts hold Latin letters, accents and common punctuation, not emoji, CJK or math symbols)")
    for shown in unchecked:
        _marker(shown.tex).parent.mkdir(parents=True, exist_ok=True)
        _marker(shown.tex).touch()


@cache
def _fingerprint() -> str:
    """What a check depends on besides the text: manim (its template), the theme's font and this code."""
    from scenes.kit.palette import FONT_PREAMBLE

    return hashlib.sha256(f"{version('manim')}\0{FONT_PREAMBLE}\0{Path(__file__).read_text()}".encode()).hexdigest()


def _marker(tex: str) -> Path:
    return CHECKED_DIR / "titles" / hashlib.sha256(json.dumps([tex, _fingerprint()]).encode()).hexdigest()


def _typeset(texts: list[str]) -> list[str | None] | None:
    """Set each text in manim's template as a ``Tex`` does (a ``center`` environment), in one
    LaTeX run; for each, None or what LaTeX could not set.  None when LaTeX fails before the texts."""
    marker = "%% calcviz title {}"
    body = "\n".join(f"{marker.format(i)}\n\\begin{{center}}\n{text}\n\\end{{center}}" for i, text in enumerate(texts))
    source = _template().get_texcode_for_expression(body)
    lines = source.splitlines()
    starts = [lines.index(marker.format(i)) + 3 for i in range(len(texts))]  # 1-based line of each text
    with tempfile.TemporaryDirectory(prefix="calcviz-titles-") as folder:
        (Path(folder) / "titles.tex").write_text(source, encoding="utf-8")
        try:
            subprocess.run(["latex", "-interaction=nonstopmode", "-no-shell-escape", "titles.tex"], cwd=folder,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return ["LaTeX did not finish setting the titles"] + [None] * (len(texts) - 1)
        log_file = Path(folder) / "titles.log"
        log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else None
    if log is None:
        return None
    failures: list[str | None] = [None] * len(texts)
    for error in log.split("\n! ")[1:]:
        where = next((m for m in map(_LINE.match, error.splitlines()) if m), None)
        line = int(where[1]) if where else len(lines)
        if line < starts[0] - 2:  # in the preamble: not about a title
            return None
        index = max([i for i, start in enumerate(starts) if start - 2 <= line] or [0])
        if failures[index] is None:
            failures[index] = _what(error, where[2] if where else "")
    return failures


def _template():
    """The TeX template every ``Tex`` of a render uses (manim's, in the theme's font)."""
    return themed_template()


def themed_template():
    """Manim's TeX template with the course theme's font package (``[theme] font``) in its preamble."""
    from manim import TexTemplate  # a second or two, only when a title is new or a render starts

    from scenes.kit.palette import FONT_PREAMBLE

    template = TexTemplate()
    if FONT_PREAMBLE:
        template.add_to_preamble(FONT_PREAMBLE)
    return template


def _what(error: str, context: str) -> str:
    """What LaTeX could not set, from its error message and the input it had read when it stopped."""
    character = unset_character(error)
    if character:
        return f"LaTeX cannot set {character}"
    first = error.splitlines()[0].strip().rstrip(".")
    stopped = re.search(r"(\\[A-Za-z]+|\S)\s*$", context)  # the command or character LaTeX had just read
    if not stopped:
        return f"LaTeX cannot set it ({first})"
    what = "the command" if len(stopped[1]) > 1 else "the character"
    return f"LaTeX cannot set {what} {stopped[1]} ({first})"
