"""A render farm on Dask: the clips ``make weekN`` would render, rendered on a cluster's workers.

    python -m scenes farm WEEK|all [--quality Q] [--scheduler tcp://host:8786] [--retries N] [--timeout S]
                                   [--destination URL]
    python -m scenes farm slurm WEEK [--quality Q] [--limit N]

Without a scheduler a ``LocalCluster`` starts on this machine (a worker process per
core, one thread each).  The clips to render are exactly the ones ``make`` finds
missing or stale, rendered by the same command into the same paths, so ``make``
afterwards has nothing to do.  See :mod:`scenes.farm.client`.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    import argparse

    from scenes.render import QUALITIES

    if argv[:1] == ["slurm"]:
        return _slurm(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m scenes farm", description="Render stale clips on a Dask cluster.")
    parser.add_argument("week", help="a week number, or 'all'")
    parser.add_argument("--quality", choices=QUALITIES, default="high")
    parser.add_argument("--scheduler", default=None, help="tcp://host:8786 (default: a LocalCluster on this machine)")
    parser.add_argument("--retries", type=int, default=2, help="re-runs of a render that fails (default 2)")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds before a render's process group is killed")
    parser.add_argument("--destination", default=None, help="fsspec URL of the folder holding renders/ (default: this project)")
    args = parser.parse_args(argv)
    from scenes.farm.client import FarmError, FarmInterrupted, run_farm
    from scenes.lifeline import INTERRUPTED, verbose

    weeks = None if args.week == "all" else [int(args.week)]
    try:
        run_farm(weeks, args.quality, args.scheduler or None, args.retries, args.timeout, args.destination)
    except FarmError as error:
        print(f"error: farm: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as interrupt:
        if verbose():
            raise
        unfinished = ", ".join(interrupt.unfinished) if isinstance(interrupt, FarmInterrupted) else "the farm's clips"
        print(f"interrupted: {unfinished or 'nothing'} not rendered; previous clips kept", file=sys.stderr)
        return INTERRUPTED
    return 0


def _slurm(argv: list[str]) -> int:
    import argparse

    from scenes.course import ROOT, load_course
    from scenes.farm.slurm import write_scripts
    from scenes.render import QUALITIES

    parser = argparse.ArgumentParser(prog="python -m scenes farm slurm", description="Write a week's Slurm job array.")
    parser.add_argument("week", type=int)
    parser.add_argument("--quality", choices=QUALITIES, default="high")
    parser.add_argument("--limit", type=int, default=4, help="array tasks running at once")
    args = parser.parse_args(argv)
    submit = write_scripts(load_course(), args.week, args.quality, ROOT, args.limit)
    print(f"wrote {submit.parent.relative_to(ROOT)}/week{args.week}-*.sbatch; on the cluster's login node run:\n    {submit.relative_to(ROOT)}")
    return 0


