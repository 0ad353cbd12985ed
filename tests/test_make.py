"""The Makefile renders only what changed; a failed or interrupted render keeps the previous clip."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCENE_FILES = {
    "SecantToTangent": "scenes/week3/secant_to_tangent.py",
    "DerivativeAsFunction": "scenes/week3/derivative_as_function.py",
    "LinearApproximation": "scenes/week3/linear_approximation.py",
    "ExtremaAndConvexity": "scenes/week3/extrema_and_convexity.py",
    "DifferentiationDrill": "scenes/week3/differentiation_drill.py",
}
WEEK4_2D = ["ChainRuleNetwork"]  # week 4's scenes that do not import the 3D helpers
WEEK4_3D = ["HessianConvexity", "PartialDerivatives", "TangentPlane"]  # and those that do


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project (sharing the virtualenv) whose files the test may touch."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("calcviz", "scenes", "scripts"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "course.toml", "manim.cfg", "pyproject.toml"):
        shutil.copy2(ROOT / name, copy / name)
    old = time.time() - 3600  # sources an hour old, so fresh clips are newer
    for folder, _, files in os.walk(copy):
        for name in files:
            os.utime(Path(folder) / name, (old, old))
    # A venv of its own whose python is the project's: set-up must never run on (or repoint) the real one.
    (copy / ".venv" / "bin").mkdir(parents=True)
    (copy / ".venv" / "bin" / "python").symlink_to(ROOT / ".venv" / "bin" / "python")
    (copy / ".venv" / ".installed").touch()
    return copy


def planned_renders(project: Path, target: str = "week3") -> list[str]:
    result = subprocess.run(["make", "-n", target, "QUALITY=tiny"], cwd=project, capture_output=True, text=True, check=True)
    return sorted(line.split(" render ")[1].split()[0] for line in result.stdout.splitlines() if " -m scenes render " in line)


def fake_clips(project: Path) -> None:
    folder = project / "renders" / "tiny" / "week3"
    folder.mkdir(parents=True, exist_ok=True)
    for name in SCENE_FILES:
        (folder / f"{name}.mp4").write_bytes(b"clip")


def settle(project: Path) -> None:
    """Everything made so far a second older, its order kept: a file the next step writes (the narration stamp
    make rewrites, a voice) is then surely newer than every clip, not within the same clock tick as the last."""
    for path in (project / "renders").rglob("*"):
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))


def test_renders_all_then_nothing_then_only_what_changed(project):
    assert planned_renders(project) == sorted(SCENE_FILES)
    fake_clips(project)
    assert planned_renders(project) == []

    module = project / SCENE_FILES["LinearApproximation"]
    module.write_text(module.read_text() + "\n")
    assert planned_renders(project) == ["LinearApproximation"]

    fake_clips(project)
    course = project / "course.toml"
    course.write_text(course.read_text().replace("point = 1.5", "point = 1.25"))
    assert planned_renders(project) == ["SecantToTangent"]
    generated = project / "renders" / ".make" / "course.mk"
    assert generated.stat().st_mtime >= course.stat().st_mtime, "else make rebuilds the rules on every run"


def test_a_shared_change_renders_every_clip(project):
    fake_clips(project)
    style = project / "scenes" / "kit" / "look.py"
    style.write_text(style.read_text() + "\n")
    assert planned_renders(project) == sorted(SCENE_FILES)


def test_a_change_to_the_3d_helpers_renders_only_the_scenes_that_import_them(project):
    planned_renders(project)  # writes the rules and the per-scene settings files
    fake_clips(project)
    week4 = project / "renders" / "tiny" / "week4"
    week4.mkdir(parents=True)
    for name in WEEK4_3D + WEEK4_2D:
        (week4 / f"{name}.mp4").write_bytes(b"clip")
    three_d = project / "scenes" / "kit" / "three_d.py"
    three_d.write_text(three_d.read_text() + "\n")
    assert planned_renders(project) == []
    assert planned_renders(project, "week4") == WEEK4_3D

    for name in WEEK4_3D:
        (week4 / f"{name}.mp4").write_bytes(b"clip")
    fake_clips(project)
    module = project / SCENE_FILES["LinearApproximation"]
    module.write_text("import scenes.kit.three_d  # noqa: F401\n" + module.read_text())  # a new import ...
    fake_clips(project)
    three_d.write_text(three_d.read_text() + "\n")  # ... is followed at once
    assert planned_renders(project) == ["LinearApproximation"]


def test_a_recording_renders_only_its_scene_again(project):
    planned_renders(project)
    fake_clips(project)
    folder = project / "narration" / "week3"
    folder.mkdir(parents=True)
    recording = folder / "SecantToTangent-02-the-curve.wav"
    recording.write_bytes(b"take one")
    old = time.time() - 7200
    os.utime(recording, (old, old))  # copied in with an old date: still new to the clip
    assert planned_renders(project) == ["SecantToTangent"]
    fake_clips(project)
    assert planned_renders(project) == []
    recording.write_bytes(b"take two")  # recorded again
    assert planned_renders(project) == ["SecantToTangent"]
    fake_clips(project)
    (folder / "script.tsv").write_text("the script is not a recording\n")
    assert planned_renders(project) == []
    recording.unlink()
    assert planned_renders(project) == ["SecantToTangent"]


def test_the_narration_mode_and_the_voice_render_every_clip_again(project):
    planned_renders(project)
    fake_clips(project)
    settle(project)
    assert planned_renders(project) == []
    silent = subprocess.run(["make", "-n", "week3", "QUALITY=tiny", "NARRATION=off"], cwd=project, capture_output=True, text=True, check=True)
    assert silent.stdout.count(" -m scenes render ") == len(SCENE_FILES)
    fake_clips(project)
    settle(project)
    assert planned_renders(project) == sorted(SCENE_FILES), "back to the voice: every clip again"
    fake_clips(project)
    settle(project)
    voice = project / "voices" / "mine.onnx"
    voice.parent.mkdir()
    voice.write_bytes(b"weights")
    Path(f"{voice}.json").write_text("{}")
    course = project / "course.toml"
    course.write_text(course.read_text().replace("\n[[weeks]]", '\n[narration]\nvoice = "voices/mine.onnx"\n\n[[weeks]]', 1))
    assert planned_renders(project) == sorted(SCENE_FILES)
    fake_clips(project)
    settle(project)
    voice.write_bytes(b"better weights")
    assert planned_renders(project) == sorted(SCENE_FILES)


def test_list_prints_the_series(project):
    result = subprocess.run(["make", "-s", "list", "QUALITY=low"], cwd=project, capture_output=True, text=True, check=True)
    assert "Week 3: Derivatives and Linear Approximations" in result.stdout
    assert "SecantToTangent" in result.stdout and "renders/low/week3/SecantToTangent.mp4" in result.stdout
    assert "Week 1: Numerical Sets" in result.stdout and "renders/low/week1/NumberSets.mp4" in result.stdout


def test_unknown_quality_is_refused(project):
    result = subprocess.run(["make", "week3", "QUALITY=ultra"], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert "QUALITY=ultra is not one of: tiny low medium high 4k" in result.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_render_keeps_the_previous_clip(tmp_path, sig):
    clip = tmp_path / "SecantToTangent.mp4"
    clip.write_bytes(b"the previous good clip")
    clip.with_suffix(".srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nold\n")
    work = f".{clip.stem}.*.work"  # named for the render's process (scenes/leftovers.py)
    env = dict(os.environ, CALCVIZ_TEX_CACHE=str(tmp_path / "tex"), NARRATION="fake", CALCVIZ_VOICE_CACHE=str(tmp_path / "voice"))
    process = subprocess.Popen(
        [sys.executable, "-m", "scenes", "render", "SecantToTangent", "--quality", "tiny", "--output", str(clip)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.time() + 120
    while not any(tmp_path.glob(f"{work}/**/*.mp4")) and time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the render finished before it could be interrupted"
    process.send_signal(sig)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert clip.read_bytes() == b"the previous good clip"
    assert "old" in clip.with_suffix(".srt").read_text()
    leftovers = {p.name for p in tmp_path.iterdir()} - {clip.name, clip.with_suffix(".srt").name, "tex", "voice"}
    assert leftovers == ({p.name for p in tmp_path.glob(work)} if sig == signal.SIGKILL else set()), \
        "an interrupted render cleans up its work folder; a killed one leaves only that (the next run sweeps it)"
    deadline = time.time() + 20
    while time.time() < deadline and _processes_mentioning(str(clip)):
        time.sleep(0.2)
    assert not _processes_mentioning(str(clip)), "the encoder process outlived its renderer"


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and text in (proc / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_a_ctrl_c_that_python_drops_still_fails_the_render():
    """A KeyboardInterrupt raised while a finaliser runs is dropped by Python ("Exception ignored"); the
    render checks before publishing, so an interrupted render never replaces the clip."""
    code = (
        "import os, signal\n"
        "from scenes.lifeline import note_interrupts, raise_if_interrupted\n"
        "note_interrupts()\n"
        "class Finaliser:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        sum(range(1000))  # the handler runs here, inside the finaliser\n"
        "Finaliser()\n"
        "print('carried on', flush=True)\n"
        "raise_if_interrupted()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "carried on" in result.stdout, "the interrupt was dropped, as Python does in a finaliser"
    assert result.returncode != 0 and "KeyboardInterrupt" in result.stderr


def test_a_new_run_forgets_the_last_runs_ctrl_c():
    """The farm client is long-lived: a Ctrl-C handled in one run must not fail the next."""
    code = (
        "import os, signal\n"
        "from scenes.lifeline import note_interrupts, raise_if_interrupted\n"
        "note_interrupts()\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    sum(range(1000))\n"
        "except KeyboardInterrupt:\n"
        "    print('first run interrupted', flush=True)\n"
        "note_interrupts()\n"
        "raise_if_interrupted()\n"
        "print('second run carried on', flush=True)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.split("\n")[:2] == ["first run interrupted", "second run carried on"], result.stderr


def test_no_clip_depends_on_the_publishing_farm_or_practice_code():
    """An edit to the page, the slides, the farm or the exercises must not re-render a clip (a title check
    that imported scenes.publish once made every clip depend on all of it)."""
    from scenes.course import load_course
    from scenes.makegen import clip_dependencies

    for week in load_course().weeks:
        for entry in week.scenes:
            found = [path for path in clip_dependencies(entry.module).split()
                     if path.startswith(("scenes/publish/", "scenes/farm/")) or path.endswith("problem_set.py")]
            assert not found, f"{entry.name} depends on {found}"


# The scenes that use calcviz.limits (or calcviz.asymptotics, which builds on it): weeks 1 and 2 but the
# number sets, the mappings, the transformations and the two-variable functions.
LIMIT_SCENES = ["AsymptoticComparison", "EpsilonDelta", "FamousLimits", "LimitsAlongPaths", "LimitsViaSequences",
                "SequenceLimits"]


def test_a_change_to_one_calcviz_module_renders_only_the_clips_that_import_it(project):
    """calcviz loads lazily, so a clip depends only on the calcviz modules its scene really imports: the
    regression module is one clip's alone, the sequence limits those of the scenes that use limits."""
    planned = subprocess.run(["make", "-n", "all", "QUALITY=tiny"], cwd=project, capture_output=True, text=True)
    assert planned.returncode == 0, planned.stderr
    outputs = [line.split("--output ")[1].split()[0] for line in planned.stdout.splitlines() if " -m scenes render " in line]
    assert len(outputs) == 30

    def render_all_then_touch(module: str) -> list[str]:
        for output in outputs:
            (project / output).parent.mkdir(parents=True, exist_ok=True)
            (project / output).write_bytes(b"clip")
        source = project / "calcviz" / module
        source.write_text(source.read_text() + "\n")
        return planned_renders(project, "all")

    assert render_all_then_touch("regression.py") == ["LinearRegressionByDescent"]
    assert render_all_then_touch("sequence_limits.py") == LIMIT_SCENES
