"""What a render killed outright (SIGKILL of its process group, a lost farm worker, a power cut) leaves
behind, swept by the next run: its shared-memory frame ring in ``/dev/shm`` and its work folders.

No ``finally`` runs in a killed process, so ownership is in the names instead: each segment and
folder carries its creator's *owner tag*, ``<pid>-<start>`` (the process's start time in clock
ticks, so a recycled pid is not mistaken for the owner).  Work folders, which may sit on a
filesystem that several machines share, add the host.  A later run removes what belongs to a
process of this host that no longer runs; what a live render owns is never touched.  Imports
nothing heavy.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path

SHM = Path("/dev/shm")
SHM_PREFIX = "calcviz-"
_TAG = re.compile(r"(?P<pid>\d+)-(?P<start>\d+)")


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (None: no such process, or a zombie)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] in "ZX" else fields[19]


def owner_tag(pid: int | None = None) -> str:
    """``<pid>-<start>`` of this process (or ``pid``)."""
    pid = os.getpid() if pid is None else pid
    return f"{pid}-{_start_time(pid) or 0}"


def host() -> str:
    """This machine's name as it may appear in a file name."""
    return re.sub(r"[^A-Za-z0-9_]+", "_", socket.gethostname()) or "host"


def work_tag() -> str:
    """The tag of a work folder this process owns: ``<host>-<pid>-<start>``."""
    return f"{host()}-{owner_tag()}"


def shared_memory_name() -> str:
    """A name for a new shared-memory segment of this process."""
    return f"{SHM_PREFIX}{owner_tag()}-{os.urandom(4).hex()}"


def _gone(tag: str) -> bool:
    """Whether the process a ``<pid>-<start>`` tag names has ended."""
    found = _TAG.fullmatch(tag)
    if not found:
        return False
    start = _start_time(int(found["pid"]))
    return start is None or found["start"] not in ("0", start)


def sweep_shared_memory(folder: Path = SHM) -> list[Path]:
    """Unlink the segments whose creator has ended; returns them."""
    swept = []
    for segment in folder.glob(f"{SHM_PREFIX}*"):
        tag = segment.name[len(SHM_PREFIX):].rsplit("-", 1)[0]
        if _gone(tag):
            segment.unlink(missing_ok=True)
            swept.append(segment)
    return swept


def sweep_folders(pattern: str, root: Path) -> list[Path]:
    """Remove the files and folders matching ``pattern`` under ``root`` whose names end in a work tag
    (``<name>.<host>-<pid>-<start>``, then any suffix) of this host whose process has ended."""
    mine = re.compile(rf"\.{re.escape(host())}-(\d+-\d+)(?:\.[^.]*)?$")
    swept = []
    for path in root.glob(pattern):
        found = mine.search(path.name)
        if found and _gone(found[1]):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            swept.append(path)
    return swept


# Where renders, the farm and title cards keep their work (relative to the project root).
WORK_PATTERNS = ("renders/*/week*/.*.work", "renders/*/week*/.*.part", "renders/.farm/*", "renders/.cache/titlecards/.*")


def sweep(root: Path) -> None:
    """Remove everything dead renders of this host left: shared memory, then work folders under ``root``."""
    sweep_shared_memory()
    for pattern in WORK_PATTERNS:
        sweep_folders(pattern, root)
