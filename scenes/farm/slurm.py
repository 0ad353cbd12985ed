"""A week as Slurm jobs (``make slurm-week3``): a job array that renders the clips ``make week3`` would
render (one per index), then a job that publishes the week once every task has ended.

Planning is ``make -n weekN`` here, before submission, so the settings stamps the clips depend on
are written before the clips: the publication's ``make`` finds the array's clips up to date.  The
publication runs after the array however it ended (``afterany``): if a task failed or was cancelled,
it names the clips not rendered and fails, rather than rendering them itself or waiting forever.
The scripts hold no absolute path: they run in the job's working directory, the checkout (the
submit script's ``--chdir``: this checkout, or ``$CALCVIZ_FARM_ROOT`` where the nodes see it
elsewhere), and carry the settings that shape a render (``NARRATION``, the course config in use).
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from scenes.course import Course
from scenes.farm.plan import stale_clips
from scenes.farm.site import SlurmSettings, site_of

# What shapes a render (or where its caches are) besides the quality: carried into the jobs as it was
# when the clips were planned, whatever the submitting shell has.
RENDER_ENVIRONMENT = ("NARRATION", "CALCVIZ_COURSE", "CALCVIZ_RECORDINGS", "CALCVIZ_CONSTANT_FRAME_RATE",
                      "CALCVIZ_TEX_CACHE", "CALCVIZ_VOICE_CACHE", "CALCVIZ_SPEECH_CACHE")
NARRATION_DEFAULT = "on"  # the Makefile's

COMMON = """#SBATCH --cpus-per-task={cpus}
#SBATCH --mem={memory}
#SBATCH --time={time}
{site}"""

PREAMBLE = """set -euo pipefail
# The job runs in the checkout (the submit script's --chdir): every path below is relative to it.
[ -f scenes/__main__.py ] || {{ echo "calcviz: $PWD is not the project checkout; submit with {submit}" >&2; exit 1; }}
{environment}
{setup}"""

ARRAY = """#!/bin/bash
#SBATCH --job-name={name}
#SBATCH --array=0-{last}%{limit}
#SBATCH --output={logs}/%x-%A_%a.log
{common}
# The clips `make week{week} QUALITY={quality}` found missing or stale when `make slurm-week{week}` wrote
# this script, one per array index, each rendered by the command make uses.
{preamble}
SCENES=({scenes})
OUTPUTS=({outputs})
i=${{SLURM_ARRAY_TASK_ID:?run this with sbatch}}
exec .venv/bin/python -m scenes render "${{SCENES[$i]}}" --quality {quality} --output "${{OUTPUTS[$i]}}"
"""

PUBLISH = """#!/bin/bash
#SBATCH --job-name={name}-publish
#SBATCH --output={logs}/%x-%j.log
{common}
# Runs once every task of the array has ended, however it ended: a clip still missing or stale is
# named (not rendered here), else the week's lecture, captions, chapters and page are made.
{preamble}
exec .venv/bin/python -m scenes farm slurm-publish {week} --quality {quality}
"""

SUBMIT = """#!/bin/bash
# Submit week {week}'s {count} clip(s) at {quality} quality as a job array, then its publication.
# Run it from anywhere on the cluster's login node; a previous submission of this week that is still
# queued is cancelled first (its publication, then its array).
set -euo pipefail
cd "$(dirname "$0")/../../.."  # the checkout: this script is in renders/{quality}/slurm/
root=${{CALCVIZ_FARM_ROOT:-$PWD}}  # where the nodes find the checkout
jobs={jobs}
if [ -s "$jobs" ]; then
    while read -r job; do
        if [ -n "$(squeue --noheader --jobs="$job" --states=PD,R,CF,S --format=%A 2>/dev/null)" ]; then
            scancel "$job"
            echo "cancelled job $job of the previous submission of week {week}"
        fi
    done < "$jobs"
fi
{submit_array}
publish=$(sbatch --parsable --chdir="$root" {dependency}{publish})
printf '%s\\n' "${{publish%%;*}}" {array_id} > "$jobs"
echo "submitted week {week} ({quality}): {what}publication job ${{publish%%;*}}; logs in {logs}/"
"""


def plan(week_number: int, quality: str, root: Path) -> list[tuple[str, str]]:
    """(scene, output) of each clip ``make weekN`` would render now; writes the settings stamps too."""
    return stale_clips(f"week{week_number}", quality, root)


def write_scripts(course: Course, week_number: int, quality: str, root: Path, limit: int = 4,
                  site: SlurmSettings | None = None, clips: list[tuple[str, str]] | None = None) -> Path:
    """Write the array (if any clip is stale), publish and submit scripts into ``renders/<quality>/slurm/``;
    returns the submit script.  ``clips`` defaults to the plan of ``make -n weekN``."""
    if not course.week(week_number).scenes:
        raise ValueError(f"{course.path.name}: week {week_number} has no scenes: nothing to submit")
    clips = plan(week_number, quality, root) if clips is None else clips
    site = site or site_of(course)
    folder = Path("renders") / quality / "slurm"
    (root / folder / "logs").mkdir(parents=True, exist_ok=True)
    array, publish, submit = (folder / f"week{week_number}-{kind}" for kind in ("array.sbatch", "publish.sbatch", "submit.sh"))
    values = {"week": week_number, "quality": quality, "name": f"calcviz-week{week_number}-{quality}",
              "logs": folder / "logs", "common": _common(site), "preamble": _preamble(site, submit)}
    (root / array).unlink(missing_ok=True)
    if clips:
        (root / array).write_text(ARRAY.format(**values, last=len(clips) - 1, limit=max(1, limit),
                                               scenes=" ".join(shlex.quote(s) for s, _ in clips),
                                               outputs=" ".join(shlex.quote(o) for _, o in clips)))
    (root / publish).write_text(PUBLISH.format(**values))
    (root / submit).write_text(SUBMIT.format(**values, count=len(clips), jobs=folder / f"week{week_number}.jobs",
                                             publish=publish, **_submission(array if clips else None)))
    for script in (array, publish, submit):
        if (root / script).exists():
            (root / script).chmod(0o755)
    return root / submit


def _submission(array: Path | None) -> dict:
    """The submit script's array line and the publication's dependency on it (none without stale clips)."""
    if array is None:
        return {"submit_array": "# nothing to render: every clip was up to date when this was written",
                "dependency": "", "array_id": "", "what": "no clips to render; "}
    return {"submit_array": f"array=$(sbatch --parsable --chdir=\"$root\" {array})\narray=${{array%%;*}}",
            "dependency": "--dependency=afterany:\"$array\" --kill-on-invalid-dep=yes ", "array_id": '"$array"',
            "what": "array job $array, then "}


def _common(site: SlurmSettings) -> str:
    lines = [f"#SBATCH --partition={site.partition}"] if site.partition else []
    lines += [f"#SBATCH --account={site.account}"] if site.account else []
    lines += [f"#SBATCH {option}" for option in site.sbatch]
    return COMMON.format(cpus=site.cpus, memory=site.memory, time=site.time, site="\n".join(lines)).rstrip("\n")


def _preamble(site: SlurmSettings, submit: Path) -> str:
    environment = {"NARRATION": NARRATION_DEFAULT} | {k: os.environ[k] for k in RENDER_ENVIRONMENT if os.environ.get(k)}
    exports = "\n".join(f"export {key}={shlex.quote(value)}" for key, value in environment.items())
    setup = ("# The site's set-up ([slurm] setup in the course config)\n" + "\n".join(site.setup)) if site.setup else ""
    return PREAMBLE.format(submit=submit, environment=exports, setup=setup).rstrip("\n")
