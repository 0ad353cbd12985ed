"""A Slurm job array for a week: one clip per array index (at most ``limit`` at once), then a job
that publishes the week once every clip has rendered (``make slurm-week3``)."""

from __future__ import annotations

import shlex
from pathlib import Path

from scenes.course import Course

ARRAY = """#!/bin/bash
#SBATCH --job-name=calcviz-week{week}-{quality}
#SBATCH --array=0-{last}%{limit}
#SBATCH --cpus-per-task=2
#SBATCH --output={logs}/%x-%a.log
# One clip per array index, rendered exactly as `make week{week}` would render it.
set -euo pipefail
cd {root}
SCENES=({scenes})
OUTPUTS=({outputs})
i=${{SLURM_ARRAY_TASK_ID:?run this with sbatch}}
exec .venv/bin/python -m scenes render "${{SCENES[$i]}}" --quality {quality} --output "${{OUTPUTS[$i]}}"
"""

PUBLISH = """#!/bin/bash
#SBATCH --job-name=calcviz-week{week}-{quality}-publish
#SBATCH --output={logs}/%x.log
# Runs after every clip of the array succeeded: the week's lecture, captions, chapters and page.
set -euo pipefail
cd {root}
exec make publish-week{week} QUALITY={quality}
"""

SUBMIT = """#!/bin/bash
# Submit week {week}'s clips as a job array, then its publication once they all succeed.
set -euo pipefail
cd "$(dirname "$0")"
array=$(sbatch --parsable {array})
sbatch --dependency=afterok:"${{array%%;*}}" {publish}
echo "submitted week {week}: array job $array, then its publication"
"""


def clip_table(course: Course, week_number: int, quality: str) -> list[tuple[str, str]]:
    """(scene, output) for each array index, in course order."""
    return [(entry.name, entry.output(quality)) for entry in course.week(week_number).scenes]


def write_scripts(course: Course, week_number: int, quality: str, root: Path, limit: int = 4) -> Path:
    """Write the array, publish and submit scripts into ``renders/<quality>/slurm/``; returns the submit script."""
    table = clip_table(course, week_number, quality)
    if not table:
        raise ValueError(f"{course.path.name}: week {week_number} has no scenes: nothing to submit")
    folder = root / "renders" / quality / "slurm"
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    values = {"week": week_number, "quality": quality, "root": shlex.quote(str(root)), "logs": shlex.quote(str(logs)),
              "last": len(table) - 1, "limit": max(1, limit),
              "scenes": " ".join(shlex.quote(s) for s, _ in table), "outputs": " ".join(shlex.quote(o) for _, o in table)}
    array, publish, submit = (folder / f"week{week_number}-{kind}" for kind in ("array.sbatch", "publish.sbatch", "submit.sh"))
    array.write_text(ARRAY.format(**values))
    publish.write_text(PUBLISH.format(**values))
    submit.write_text(SUBMIT.format(**values, array=array.name, publish=publish.name))
    for script in (array, publish, submit):
        script.chmod(0o755)
    return submit
