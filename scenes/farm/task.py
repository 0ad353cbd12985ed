"""What a farm worker runs for one clip: the render in its own process group, then the outputs
published atomically (captions and audio first, the video last, each renamed into place).

Runs on any worker that has the project checked out at the same path (or at
``$CALCVIZ_FARM_ROOT``) with its set-up done.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from scenes import leftovers
from scenes.farm.plan import Job, input_hash
from scenes.files import sha256

LOG_LINES = 15  # of a failed render's output, in its report


class RenderFailed(RuntimeError):
    """A render exited with an error (retried by the farm, then reported with its log)."""


class RenderTimedOut(RenderFailed):
    """A render ran past its timeout; its whole process group was killed."""


class VersionMismatch(RuntimeError):
    """This worker's manim or TeX Live differs from the client's: its clips would not match."""


class CheckoutMismatch(RuntimeError):
    """This worker's project differs from the client's for a clip (code, settings or manim.cfg)."""


def versions() -> dict:
    """The versions that shape a clip: manim, TeX Live, Python."""
    from importlib.metadata import version

    try:
        tex = subprocess.run(["latex", "--version"], capture_output=True, text=True, timeout=30).stdout.splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        tex = "none"
    return {"manim": version("manim"), "texlive": tex, "python": platform.python_version()}


def mismatch(mine: dict, wanted: dict) -> str | None:
    """What differs in manim or TeX Live (Python's patch level does not change a clip), or None."""
    differ = [f"{key} {mine.get(key)!r} (client: {wanted.get(key)!r})" for key in ("manim", "texlive")
              if wanted and mine.get(key) != wanted.get(key)]
    return ", ".join(differ) or None


def project_root() -> Path:
    from scenes.course import ROOT

    return Path(os.environ.get("CALCVIZ_FARM_ROOT", ROOT))


def render_command(job: Job, output: Path) -> list[str]:
    """The render, as make runs it; ``$CALCVIZ_FARM_RENDERER`` (a command line) replaces the program (the tests' fake)."""
    program = os.environ.get("CALCVIZ_FARM_RENDERER")
    base = shlex.split(program) if program else [sys.executable, "-m", "scenes", "render"]
    return base + [job.scene, "--quality", job.quality, "--output", str(output)]


def render_clip(job: Job, destination: str | None = None, timeout: float = 3600.0) -> dict:
    """Render ``job`` on this worker and publish it; returns its record.

    Dask runs a task again when the worker holding its result dies, even after the clip was
    published: a clip this farm run already published (its record says so, and the file is the
    one recorded) is taken as done, and its record, naming the worker that rendered it, returned.
    """
    mine = versions()
    differs = mismatch(mine, job.versions)
    if differs:
        raise VersionMismatch(f"worker {socket.gethostname()} refused {job.scene}: {differs}")
    root = project_root()
    _check_inputs(job, root)
    destination = destination or str(root)
    done = _published_record(job, destination)
    if done is not None:
        return done
    leftovers.sweep(root)  # scratch folders of workers of this host that were killed
    scratch = root / "renders" / ".farm" / f"{job.scene}.{leftovers.work_tag()}"
    shutil.rmtree(scratch, ignore_errors=True)  # this worker's own earlier attempt at the clip
    scratch.mkdir(parents=True)
    started = time.perf_counter()
    try:
        clip = scratch / Path(job.output).name
        _run(render_command(job, clip), root, timeout, job.scene)
        digest = sha256(clip)
        record = {"scene": job.scene, "week": job.week, "quality": job.quality, "input_hash": job.input_hash,
                  "output": job.output, "output_sha256": digest, **mine, "seconds": round(time.perf_counter() - started, 3),
                  "worker": f"{socket.gethostname()}:{os.getpid()}"}
        clip.with_name(f".{clip.stem}.farm.json").write_text(json.dumps({**record, "run": job.run}))
        _publish(clip, destination, job.output)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return record


def _record_path(target: str) -> str:
    """Where a published clip's farm record is kept: ``.<Scene>.farm.json`` beside it."""
    folder, name = target.rsplit("/", 1)
    return f"{folder}/.{name.rsplit('.', 1)[0]}.farm.json"


def _published_record(job: Job, destination: str) -> dict | None:
    """The record of ``job``'s clip if this farm run published it and the file is the one recorded."""
    import fsspec

    if not job.run:
        return None
    fs, base = fsspec.core.url_to_fs(destination)
    target = f"{base.rstrip('/')}/{job.output}"
    try:
        with fs.open(_record_path(target), "r") as file:
            record = json.load(file)
        if record.get("run") != job.run or record.get("input_hash") != job.input_hash:
            return None
        with fs.open(target, "rb") as clip:
            if hashlib.file_digest(clip, "sha256").hexdigest() != record.get("output_sha256"):
                return None
    except (OSError, ValueError):  # none yet, or unreadable: render
        return None
    return {key: value for key, value in record.items() if key != "run"}


def _check_inputs(job: Job, root: Path) -> None:
    """Refuse a clip whose inputs differ here: another commit would render (and publish) another clip."""
    from scenes.course import ConfigError, load_course

    try:
        here = input_hash(load_course(root / "course.toml").scene(job.scene), job.quality, root)
    except (ConfigError, OSError) as error:
        here = f"unreadable ({error})"
    if here != job.input_hash:
        raise CheckoutMismatch(f"worker {socket.gethostname()} refused {job.scene}: the project at {root} differs from "
                               "the client's (the scene's code, settings or manim.cfg); check out the same commit there")


def _run(command: list[str], root: Path, timeout: float, scene: str) -> None:
    """Run in a new process group that dies with this worker (CALCVIZ_PARENT_PID) and on timeout."""
    env = dict(os.environ, CALCVIZ_PARENT_PID=str(os.getpid()))
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise RenderTimedOut(f"{scene}: still rendering after {timeout:g} s; its process group was killed") from None
    except BaseException:  # cancelled or interrupted: leave nothing running
        _kill_group(process)
        raise
    if process.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-LOG_LINES:])
        raise RenderFailed(f"{scene}: render exited with {process.returncode}; last lines of its log:\n{tail}")


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _publish(clip: Path, destination: str, output: str) -> None:
    """Captions and audio first, the video next, its farm record last; each written beside its place,
    then renamed into it."""
    import fsspec

    fs, base = fsspec.core.url_to_fs(destination)
    target = f"{base.rstrip('/')}/{output}"
    fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
    extras = [p for p in sorted(clip.parent.glob(f"{clip.stem}.*")) if p != clip]
    record = clip.with_name(f".{clip.stem}.farm.json")
    for source in extras + [clip, record]:
        final = _record_path(target) if source == record else target[: -len(clip.suffix)] + source.suffix
        partial = f"{final.rsplit('/', 1)[0]}/.{final.rsplit('/', 1)[1]}.{leftovers.work_tag()}.part"
        fs.put_file(str(source), partial)
        fs.mv(partial, final)


