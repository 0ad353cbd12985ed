"""A render farm on Dask: the clips ``make weekN`` would render, rendered on a cluster's workers.

    python -m scenes farm WEEK|all [--quality Q] [--scheduler tcp://host:8786] [--retries N] [--timeout S]
                                   [--destination URL]
    python -m scenes farm slurm WEEK|all [--quality Q] [--limit N] [--partition P] [--account A] [--time T]
                                         [--memory M] [--cpus N]
    python -m scenes farm slurm-publish WEEK [--quality Q]      (the publication job of a submission)

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
    if argv[:1] == ["slurm-publish"]:
        return _slurm_publish(argv[1:])
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
    from scenes.farm.plan import PlanError
    from scenes.farm.site import SiteError, override, site_of
    from scenes.farm.slurm import plan, write_scripts
    from scenes.render import QUALITIES

    parser = argparse.ArgumentParser(prog="python -m scenes farm slurm", description="Write a week's Slurm job array.")
    parser.add_argument("week", help="a week number, or 'all'")
    parser.add_argument("--quality", choices=QUALITIES, default="high")
    parser.add_argument("--limit", type=int, default=4, help="array tasks running at once")
    for key in ("partition", "account", "time", "memory", "cpus"):  # the make variables SLURM_PARTITION ...
        parser.add_argument(f"--{key}", default=None, help=f"overrides [slurm] {key} of the course config")
    args = parser.parse_args(argv)
    course = load_course()
    try:
        site = override(site_of(course), {k: getattr(args, k) or None for k in ("partition", "account", "time", "memory", "cpus")},
                        lambda key: f"make variable SLURM_{'MEM' if key == 'memory' else key.upper()}")
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.week != "all" and not args.week.isdigit():
        print(f"error: slurm: expected a week number or 'all', got {args.week!r}", file=sys.stderr)
        return 2
    weeks = [w.number for w in course.weeks if w.scenes] if args.week == "all" else [course.week(int(args.week)).number]
    for week in weeks:
        try:
            clips = plan(week, args.quality, ROOT)
            submit = write_scripts(course, week, args.quality, ROOT, args.limit, site, clips)
        except (PlanError, ValueError) as error:
            print(f"error: slurm: {error}", file=sys.stderr)
            return 1
        print(f"week {week}: {len(clips) or 'no'} clip(s) to render at {args.quality} quality; "
              f"on the cluster's login node run:\n    {submit.relative_to(ROOT)}")
    return 0


def _slurm_publish(argv: list[str]) -> int:
    """The publication job of a Slurm submission: publish the week, unless a clip is still missing or stale."""
    import argparse
    import os

    from scenes.course import ROOT
    from scenes.farm.plan import PlanError, stale_clips
    from scenes.render import QUALITIES

    parser = argparse.ArgumentParser(prog="python -m scenes farm slurm-publish")
    parser.add_argument("week", type=int)
    parser.add_argument("--quality", choices=QUALITIES, default="high")
    args = parser.parse_args(argv)
    try:
        missing = [scene for scene, _ in stale_clips(f"week{args.week}", args.quality, ROOT)]
    except PlanError as error:
        print(f"error: slurm: {error}", file=sys.stderr)
        return 1
    if missing:
        print(f"error: week {args.week} not published: {len(missing)} clip(s) missing or stale after the array: "
              f"{', '.join(missing)} (their tasks failed or were cancelled: see renders/{args.quality}/slurm/logs/); "
              f"run `make slurm-week{args.week} QUALITY={args.quality}` and submit again", file=sys.stderr)
        return 1
    os.execvp("make", ["make", f"publish-week{args.week}", f"QUALITY={args.quality}"])
