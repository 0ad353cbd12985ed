"""A cluster's Slurm settings: ``course.toml``'s ``[slurm]`` table, overridden by ``make`` variables.

    [slurm]
    partition = "short"          # default: the cluster's default partition
    account = "math101"          # default: the user's default account
    time = "30:00"               # per clip (each array task), and for the publication job
    memory = "2G"                # per clip
    cpus = 2                     # per clip: the render and its video encoder each keep a core busy
    sbatch = ["--qos=normal"]    # more #SBATCH options, one each
    setup = ["module load ffmpeg"]   # shell lines run before rendering and publishing

Every value is checked before a script is written; a bad one is one error line naming the
file (or the make variable) and the key.  Imports nothing heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from scenes.course import ConfigError, Course

_NAME = re.compile(r"[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*")  # a partition (or a comma-separated list), an account
_TIME = re.compile(r"\d+(:\d{1,2}){0,2}|\d+-\d+(:\d{1,2}){0,2}")  # sbatch --time: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S
_MEMORY = re.compile(r"[1-9]\d*[KMGT]?")
_OPTION = re.compile(r"--[a-z][a-z-]*(=\S+)?")  # one long sbatch option, as on its command line
MAX_CPUS = 256


class SiteError(ConfigError):
    """A bad Slurm setting; the message names where it came from and the key."""


@dataclass(frozen=True)
class SlurmSettings:
    partition: str | None = None
    account: str | None = None
    time: str = "30:00"  # a 1080p60 clip renders in 0.35-0.65 s per video-second (make bench): 1-2 min; 4k ~4x
    memory: str = "2G"  # a 1080p60 render peaks near 400 MB (make bench), plus its encoder; 4k ~4x the frames
    cpus: int = 2
    sbatch: tuple[str, ...] = ()
    setup: tuple[str, ...] = ()


KEYS = {"partition", "account", "time", "memory", "cpus", "sbatch", "setup"}


def site_of(course: Course) -> SlurmSettings:
    """The course config's ``[slurm]`` table, checked."""
    return load_slurm(course.slurm, course.path.name)


def load_slurm(raw: object, where: str) -> SlurmSettings:
    """``[slurm]`` of the course config ``where`` (its file name), checked."""
    context = f"{where}: [slurm]"
    if not isinstance(raw, dict):
        raise SiteError(f"{context}: expected a table")
    unknown = sorted(raw.keys() - KEYS)
    if unknown:
        raise SiteError(f"{context}: unknown key {unknown[0]!r} (known: {', '.join(sorted(KEYS))})")
    return override(SlurmSettings(), raw, lambda key: f"{context}, key {key!r}")


def override(settings: SlurmSettings, values: dict, where) -> SlurmSettings:
    """``settings`` with ``values`` (key: value) checked and applied; ``where(key)`` names a key in an error."""
    checked = {}
    for key, value in values.items():
        if value is None:
            continue
        if key in ("partition", "account"):
            checked[key] = _matching(value, _NAME, where(key), "a Slurm name such as 'short' (letters, digits, _ . -)")
        elif key == "time":
            checked[key] = _matching(value, _TIME, where(key), "a Slurm time limit such as '30', '1:00:00' or '1-00:00:00'")
        elif key == "memory":
            checked[key] = _matching(value, _MEMORY, where(key), "a Slurm memory size such as '4G' or '4000M'")
        elif key == "cpus":
            checked[key] = _cpus(value, where(key))
        elif key == "sbatch":
            checked[key] = tuple(_matching(v, _OPTION, where(key), "sbatch options such as '--qos=normal', one a string")
                                 for v in _strings(value, where(key)))
        elif key == "setup":
            checked[key] = tuple(_line(v, where(key)) for v in _strings(value, where(key)))
    return replace(settings, **checked)


def _matching(value: object, pattern: re.Pattern, where: str, expected: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise SiteError(f"{where}: expected {expected}, got {value!r}")
    return value


def _cpus(value: object, where: str) -> int:
    if isinstance(value, str) and value.isdigit():
        value = int(value)  # from a make variable
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_CPUS:
        raise SiteError(f"{where}: expected a number of CPUs from 1 to {MAX_CPUS}, got {value!r}")
    return value


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SiteError(f"{where}: expected a list of strings, got {value!r}")
    return value


def _line(value: str, where: str) -> str:
    """A set-up line is the site's own shell command (``module load ...``): one line, written as given."""
    if not value.strip() or any(c in value for c in "\n\r\0"):
        raise SiteError(f"{where}: expected one non-empty shell line each, got {value!r}")
    return value
