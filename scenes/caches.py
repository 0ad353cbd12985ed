"""Caches heal themselves: an entry that is damaged (truncated by a full disk or a killed process,
or edited by hand) is discarded with one warning line naming it, and made again by the render.

A cache holds copies of what a render can always rebuild, so a bad entry is never a reason to stop.
"""

from __future__ import annotations

import hashlib
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path


def discard(path: Path, what: str, why: str, *companions: Path) -> None:
    """Remove a damaged cache entry (and files that belong to it), saying so once."""
    print(f"warning: {what} {path} is damaged ({why}): discarded, it is made again", file=sys.stderr, flush=True)
    for each in (path, *companions):
        each.unlink(missing_ok=True)


def check_tex_folder(tex_dir: Path) -> None:
    """Discard what is damaged in a scene's TeX cache before manim reads it: ``<hash>.tex`` files (named by the
    hash of their text, so checked exactly), ``.svg`` files (must parse as XML) and the parsed formulas beside
    the folder (``<folder>.parsed/*.pickle``, see scenes/kit/speedups.py: a whole pickle ends in its STOP opcode)."""
    if tex_dir.is_dir():
        for tex in tex_dir.glob("*.tex"):
            if hashlib.sha256(tex.read_bytes()).hexdigest()[:16] != tex.stem:
                discard(tex, "TeX cache file", "its text does not match its name")
        for svg in tex_dir.glob("*.svg"):
            try:
                ElementTree.parse(svg)
            except ElementTree.ParseError as error:
                discard(svg, "TeX cache file", f"not a whole SVG: {error}")
    parsed = tex_dir.with_name(tex_dir.name + ".parsed")
    if parsed.is_dir():
        for pickle in parsed.glob("*.pickle"):
            with open(pickle, "rb") as file:
                head = file.read(2)
                file.seek(max(pickle.stat().st_size - 1, 0))
                tail = file.read(1)
            if head[:1] != b"\x80" or tail != b".":
                discard(pickle, "parsed formula cache file", "truncated")
