"""The farm's client: plan the clips, check the workers, submit one task per clip, show progress,
collect the records into ``renders/<quality>/farm-report.json``.

Faults: a worker that dies mid-render has its task re-run elsewhere by the
scheduler (one farm line says so; Dask's own log shows only with ``VERBOSE=1``); a render that fails is retried ``retries`` times, then reported by
scene with the last lines of its log while the other clips finish; one that
runs past ``timeout`` has its process group killed (a failure, retried).
Ctrl-C cancels everything and leaves no process behind.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import warnings
from pathlib import Path

from scenes import leftovers
from scenes.farm import plan as planning
from scenes.lifeline import note_interrupts, raise_if_interrupted
from scenes.farm.task import RenderFailed, VersionMismatch, mismatch, render_clip, versions


class FarmError(RuntimeError):
    """The farm could not run (no usable worker, a bad plan) or clips failed (named)."""


class FarmInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the farm; ``unfinished`` are the outputs of the clips it did not render."""

    def __init__(self, unfinished: list[str]) -> None:
        super().__init__()
        self.unfinished = unfinished


def run_farm(weeks: list[int] | None, quality: str, scheduler: str | None = None, retries: int = 2,
             timeout: float = 3600.0, destination: str | None = None, root: Path | None = None,
             expected: dict | None = None, out=sys.stdout) -> dict:
    """Render the stale clips of ``weeks`` on a cluster; returns the report (also written to disk)."""
    from scenes.course import ROOT

    root = Path(root or ROOT)
    leftovers.sweep(root)  # what renders killed with their workers left here
    expected = expected or versions()
    jobs = planning.plan(weeks, quality, expected, root)
    report_path = root / "renders" / quality / "farm-report.json"
    if not jobs:
        print(f"farm: nothing to render at {quality} quality: every clip is up to date", file=out)
        return {"quality": quality, "clips": [], "failures": []}
    with _client(scheduler) as client:
        workers = _usable_workers(client, expected)
        print(f"farm: {len(jobs)} clip(s) on {len(workers)} worker(s) at {client.scheduler.address}", file=out)
        report = _run(client, jobs, workers, retries, timeout, destination, out, _expected_seconds(jobs, root))
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(report, indent=1) + "\n")
    if report["failures"]:
        names = ", ".join(f["scene"] for f in report["failures"])
        raise FarmError(f"{len(report['failures'])} clip(s) failed: {names} (details in {report_path})\n"
                        + "\n\n".join(f["error"] for f in report["failures"]))
    return report


class _client:
    """A client of ``scheduler``, or of a LocalCluster on this machine (a process per core, a thread each)."""

    def __init__(self, scheduler: str | None) -> None:
        self.scheduler, self.cluster, self.client = scheduler, None, None

    def __enter__(self):
        from scenes.lifeline import verbose

        quiet = not verbose()
        self.variable = os.environ.get(DASK_LOG_LEVEL)
        if quiet:  # Dask's INFO and WARNING lines (a lost worker: _LostWorkers says it in one line)
            os.environ[DASK_LOG_LEVEL] = "critical"  # for the LocalCluster's worker processes too
        # Dask's own default; left as set in this process, where its shutdown may still log
        logging.getLogger("distributed").setLevel(logging.CRITICAL if quiet else logging.INFO)
        import dask
        from distributed import Client, LocalCluster

        dask.config.set(QUIET_DASK)  # clips are handed out by _run, one per free worker thread
        if quiet:  # the scheduler's HTTP server moves to another port when 8787 is taken: nothing to tell the user
            warnings.filterwarnings("ignore", message=r"Port \d+ is already in use")
        if self.scheduler:
            self.client = Client(self.scheduler, timeout="30s")
        else:
            self.cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.CRITICAL if quiet else False)
            self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self.variable is None:  # other programs this process starts keep Dask's defaults
            os.environ.pop(DASK_LOG_LEVEL, None)
        else:
            os.environ[DASK_LOG_LEVEL] = self.variable


DASK_LOG_LEVEL = "DASK_LOGGING__DISTRIBUTED"


def _usable_workers(client, expected: dict) -> list[str]:
    """Workers whose manim and TeX Live match the client's; the others are refused, by name."""
    found = client.run(versions)
    refused = {w: mismatch(v, expected) for w, v in found.items() if mismatch(v, expected)}
    for worker, why in refused.items():
        print(f"farm: refusing worker {worker}: {why}", file=sys.stderr)
    usable = [w for w in found if w not in refused]
    if not usable:
        raise FarmError("no worker has the client's manim and TeX Live versions: "
                        + "; ".join(f"{w}: {why}" for w, why in refused.items()))
    return usable


# Dask's housekeeping, made occasional: with its defaults an idle worker burns 6% of a core (a stack sample
# every 10 ms, event-loop ticks every 20 ms, memory polls every 100 ms), taken from the renders beside it.
# Separately started schedulers and workers take the same settings as DASK_... variables (see the README).
QUIET_DASK = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
PROGRESS_EVERY = 5.0  # seconds between progress lines while nothing finishes


def _expected_seconds(jobs, root: Path) -> dict[str, float]:
    """A guess at each clip's render time, so the longest start first and no worker idles at the end
    while another renders a long clip: the length of the clip it replaces (0 for a new clip)."""
    from av import FFmpegError

    from scenes.publish.video import FormatError, duration

    guesses = {}
    for job in jobs:
        try:
            guesses[job.scene] = float(duration(root / job.output))
        except (FormatError, FFmpegError, OSError):  # no old clip, or not a readable one
            guesses[job.scene] = 0.0
    return guesses


def _run(client, jobs, workers, retries, timeout, destination, out, expected: dict[str, float]) -> dict:
    """Keep every worker thread busy with one clip, handing out the longest first.

    Clips are handed out here, one per free thread, rather than all submitted at once: Dask assigns
    independent tasks to workers as they arrive, so its priorities would not decide what runs next.
    A finished clip's future is released at once: Dask would render it again if the worker holding
    its result died.
    """
    from distributed import wait

    note_interrupts()
    started = time.monotonic()
    waiting = sorted(jobs, key=lambda job: -expected.get(job.scene, 0.0))
    threads = max(sum(n for worker, n in client.nthreads().items() if worker in workers), 1)
    futures, records, failures = {}, [], []
    lost = _LostWorkers(client, out)

    def hand_out() -> None:
        while waiting and len(futures) < threads:
            job = waiting.pop(0)
            future = client.submit(render_clip, job, destination, timeout, key=f"render-{job.quality}-{job.scene}",
                                   retries=retries, workers=workers, pure=False)
            futures[future] = job

    try:
        hand_out()
        while futures:
            raise_if_interrupted()  # a Ctrl-C that Python dropped still stops the farm
            try:
                finished, _ = wait(list(futures), timeout=PROGRESS_EVERY, return_when="FIRST_COMPLETED")
            except TimeoutError:
                finished = set()
            lost.report(futures)  # before the finished leave: a lost worker's clip may be done again already
            for future in finished:
                job = futures.pop(future)
                if future.status == "finished":
                    records.append(future.result())
                else:
                    failures.append(_failure(job, future.exception()))
                future.release()
            hand_out()
            _progress(out, len(records) + len(failures), len(jobs), futures, started)
    except KeyboardInterrupt:
        client.cancel(list(futures), force=True)
        raise FarmInterrupted([job.output for job in [*futures.values(), *waiting]]) from None
    records.sort(key=lambda r: [j.scene for j in jobs].index(r["scene"]))
    return {"quality": jobs[0].quality, "clips": records, "failures": failures,
            "seconds": round(time.monotonic() - started, 3), "workers": len(workers)}


class _LostWorkers:
    """One farm line per worker that left the cluster, naming the clips it was rendering (from the
    scheduler's ``remove-worker`` events, which list the tasks the worker was processing)."""

    def __init__(self, client, out) -> None:
        self.client, self.out = client, out
        self.since = max((stamp for stamp, _ in client.get_events("all")), default=0.0)  # the scheduler's clock
        self.names: dict[str, str] = {}
        self._learn_names()

    def _learn_names(self) -> None:
        for address, info in self.client.scheduler_info()["workers"].items():
            self.names[address] = str(info.get("name", address))

    def report(self, futures: dict) -> None:
        scenes = {future.key: job.scene for future, job in futures.items()}
        for stamp, event in self.client.get_events("all"):
            if stamp <= self.since or not isinstance(event, dict) or event.get("action") != "remove-worker":
                continue
            self.since = stamp
            if event.get("expected"):  # retired on purpose, not lost
                continue
            name = self.names.get(event["worker"], event["worker"])
            clips = sorted(scenes[key] for key in event.get("processing-tasks", ()) if key in scenes)
            for scene in clips or [None]:
                print(f"farm: worker {name} died" + (f"; its clip {scene} goes to another worker" if scene else ""),
                      file=self.out, flush=True)
        self._learn_names()


def _failure(job, error: BaseException) -> dict:
    kind = "version" if isinstance(error, VersionMismatch) else "render" if isinstance(error, RenderFailed) else "task"
    return {"scene": job.scene, "week": job.week, "kind": kind, "error": str(error)}


def _progress(out, done: int, total: int, futures: dict, started: float) -> None:
    running = [job.scene for future, job in futures.items() if not future.done()]
    elapsed = time.monotonic() - started
    eta = elapsed / done * (total - done) if done else 0.0
    now = ", ".join(running[:3]) + (" ..." if len(running) > 3 else "")
    print(f"farm: {done}/{total} clips done, {elapsed:.0f} s elapsed, ETA {eta:.0f} s"
          + (f"; rendering {now}" if running else ""), file=out, flush=True)
