"""Command line of the lecture series.

    python -m scenes list [--quality Q]        the series: week, scene, title, output
    python -m scenes check                     validate the course config
    python -m scenes makefile --output FILE    the Makefile's per-clip rules
    python -m scenes render SCENE [--quality Q] [--output FILE]
    python -m scenes publish WEEK [--quality Q]                    lecture video, captions, chapters, page
    python -m scenes slides render SCENE [--quality Q] [--output FILE]   one scene's slides
    python -m scenes slides build WEEK [--quality Q]               the week's HTML presentation
    python -m scenes script WEEK [--output FILE]                   the week's narration script
    python -m scenes panels [SCENE ...] [--output DIR]             preview interactive panels (no clips needed)
    python -m scenes exercises WEEK [--quality Q] [--variant V]    the week's exercise and solution PDFs
    python -m scenes scorm [--quality Q]                           the published weeks as a SCORM 2004 package
"""

from __future__ import annotations

import sys

from scenes.course import ConfigError, check_theme, load_course
from scenes.lifeline import INTERRUPTED, end_as_interrupted, verbose


def _list(argv: list[str]) -> int:
    quality = argv[argv.index("--quality") + 1] if "--quality" in argv else "high"
    course = load_course()
    print(course.title)
    for week in course.weeks:
        print(f"\nWeek {week.number}: {week.title}")
        if not week.scenes:
            print("  (no scenes yet)")
        for entry in week.scenes:
            print(f"  {entry.name:<24} {entry.title:<36} {entry.output(quality)}")
    return 0


def _check(argv: list[str]) -> int:
    from scenes.farm.site import site_of
    from scenes.typeset import check_titles

    course = load_course()
    check_theme(course)
    site_of(course)  # the [slurm] table, if any
    check_titles(course)
    count = sum(len(week.scenes) for week in course.weeks)
    print(f"{course.path.name}: {len(course.weeks)} weeks, {count} scenes, all parameters valid")
    return 0


def _makefile(argv: list[str]) -> int:
    from scenes.makegen import write_makefile
    from scenes.typeset import check_titles

    course = load_course()
    check_titles(course)  # a title LaTeX cannot set stops `make weekN` before any clip renders
    write_makefile(course, argv[argv.index("--output") + 1])
    return 0


def _render(argv: list[str]) -> int:
    from scenes.failures import explain
    from scenes.render import main

    try:
        return main(argv)
    except Exception as error:
        cause = explain(error)
        if cause is None or verbose():
            raise
        scene = argv[0] if argv else "the scene"
        print(f"error: rendering {scene} failed: {cause}. The previous clip, if any, is kept.", file=sys.stderr)
        return 1


def _publish(argv: list[str]) -> int:
    from scenes.publish import main

    return main(argv)


def _slides(argv: list[str]) -> int:
    from scenes.publish.slides import main

    return main(argv)


def _script(argv: list[str]) -> int:
    from scenes.narration.script import main

    return main(argv)


def _panels(argv: list[str]) -> int:
    from scenes.publish.panel_assets import main

    return main(argv)


def _exercises(argv: list[str]) -> int:
    from scenes.publish.exercise_sheets import main

    return main(argv)


def _scorm(argv: list[str]) -> int:
    from scenes.publish.scorm import main

    return main(argv)


def _farm(argv: list[str]) -> int:
    from scenes.farm import main

    return main(argv)


COMMANDS = {"list": _list, "check": _check, "makefile": _makefile, "render": _render, "publish": _publish, "slides": _slides, "farm": _farm, "script": _script,
            "panels": _panels, "exercises": _exercises, "scorm": _scorm}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except KeyboardInterrupt:  # render and farm say which clips were not made; the rest stop as they are
        if verbose():
            raise
        print(f"interrupted: `python -m scenes {argv[0]}` stopped", file=sys.stderr)
        return INTERRUPTED
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        if not type(error).__module__.startswith(("scenes.publish.", "scenes.narration.")):  # their errors explain bad input
            raise
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    status = main(sys.argv[1:])
    if status == INTERRUPTED:
        end_as_interrupted()
    sys.exit(status)
