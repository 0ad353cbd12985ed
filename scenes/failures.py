"""What went wrong in a failed render, said in one line an instructor can act on.

A render that fails keeps the previous clip (scenes/render.py moves outputs into
place only on success); this turns the usual environmental causes -- a full
disk, a missing LaTeX or dvisvgm, a LaTeX package or font that is not installed
-- into that one line instead of a traceback.  Anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

SETUP_HINT = "run `make setup` (it installs TeX Live and dvisvgm), or apt-get install texlive-latex-extra texlive-fonts-recommended dvisvgm"
_TOOLS = {"latex": "LaTeX", "pdflatex": "LaTeX", "xelatex": "XeLaTeX", "lualatex": "LuaLaTeX", "dvisvgm": "dvisvgm"}
_LOG_FILE = re.compile(r"the log file: (\S+\.log)")
_MISSING_FILE = re.compile(r"! LaTeX Error: File `([^']+)' not found")
_MISSING_FONT = re.compile(r"! Font \S+=(\S+)(?: at \S+)? not loadable: (.*)")
_UNICODE = re.compile(r"Unicode character .*? \(U\+([0-9A-Fa-f]+)\)", re.S)


def explain(error: BaseException) -> str | None:
    """The cause of a failed render in plain words, or None if it is not an environmental one."""
    for link in _chain(error):
        if isinstance(link, OSError) and link.errno == errno.ENOSPC or "No space left on device" in str(link):
            where = getattr(link, "filename", None) or _quoted_path(str(link))
            place = f" (writing {where})" if where else ""
            return f"no space left on device{place}: free some space, then run make again"
        if isinstance(link, FileNotFoundError) and link.filename in _TOOLS:
            return f"{_TOOLS[link.filename]} is not installed (no `{link.filename}` command): {SETUP_HINT}"
        log = _LOG_FILE.search(str(link))
        if log:
            return _latex_failure(Path(log.group(1)))
    return None


def unset_character(log: str) -> str | None:
    """'the character 📈 (U+1F4C8)' when LaTeX's log says it has no glyph for a character (the log may
    break its line inside the character: the code point names it)."""
    found = _UNICODE.search(log)
    if not found:
        return None
    character = chr(int(found.group(1), 16))
    return f"the character {character} (U+{ord(character):04X})"


def _chain(error: BaseException):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _quoted_path(text: str) -> str | None:
    found = re.search(r"'(/[^']+)'", text)
    return found.group(1) if found else None


def _latex_failure(log: Path) -> str:
    text = log.read_text(errors="replace") if log.exists() else ""
    missing = _MISSING_FILE.search(text)
    if missing:
        return f"LaTeX cannot find {missing.group(1)} (a TeX Live package is missing): {SETUP_HINT}"
    character = unset_character(text)
    if character:
        return f"LaTeX cannot set {character} in a formula or text: remove it, or write it as a LaTeX command (see {log})"
    font = _MISSING_FONT.search(text)
    if font:
        return f"LaTeX cannot load the font {font.group(1)} ({font.group(2).strip()}): {SETUP_HINT}"
    first = next((line.strip() for line in text.splitlines() if line.startswith("!")), "no error line in its log")
    return f"LaTeX failed on a formula: {first} (see {log})"


def leave_tex_errors_to_explain(verbose: bool) -> None:
    """manim prints LaTeX's errors itself, reading the log as strict UTF-8; LaTeX breaks log lines
    inside a character, and the UnicodeDecodeError then replaces the error with a traceback.  Here
    :func:`explain` says the cause in one line; ``VERBOSE=1`` shows manim's account, read leniently."""
    from manim.utils import tex_file_writing as writing

    def print_all_tex_errors(log_file: Path, tex_compiler: str, tex_file: Path) -> None:
        if not verbose or not log_file.exists():
            return
        log = log_file.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
        tex = tex_file.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
        for index, line in enumerate(log):
            if line.startswith("!"):
                writing.print_tex_error(log, index, tex)

    writing.print_all_tex_errors = print_all_tex_errors
