"""Slurm (scenes/farm/slurm.py): the scripts `make slurm-week3` writes, and those scripts on a real
single-node Slurm that the last test starts here (munged, slurmctld and slurmd from Debian, with a
configuration generated in a temporary folder) and stops afterwards."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from scenes.course import ConfigError, load_course
from scenes.farm.site import SlurmSettings, site_of
from scenes.farm.slurm import write_scripts
from tests.test_publish import _copy_project

pytestmark = pytest.mark.xdist_group("slurm")


# ------------------------------------------------------------------ the scripts, without Slurm
def _fake_checkout(root: Path) -> Path:
    """A checkout whose python prints what it was asked to do, and the environment that shapes a render."""
    (root / "scenes").mkdir(parents=True)
    (root / "scenes" / "__main__.py").touch()
    python = root / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "NARRATION=$NARRATION CALCVIZ_COURSE=$CALCVIZ_COURSE $*"\n')
    python.chmod(0o755)
    return root


SITE = SlurmSettings(partition="short", account="math101", time="45:00", memory="3G", cpus=3,
                     sbatch=("--qos=normal",), setup=("echo site set-up ran",))
CLIPS = [("DerivativeAsFunction", "renders/high/week3/DerivativeAsFunction.mp4"),
         ("SecantToTangent", "renders/high/week3/SecantToTangent.mp4")]


def _without(*names: str) -> dict:
    return {key: value for key, value in os.environ.items() if key not in names}


def test_the_scripts_carry_the_plan_the_site_and_the_render_settings_but_no_absolute_path(tmp_path, monkeypatch):
    root, course = _fake_checkout(tmp_path / "checkout"), load_course()
    monkeypatch.setenv("NARRATION", "off")
    monkeypatch.setenv("CALCVIZ_COURSE", "/courses/math101.toml")
    submit = write_scripts(course, 3, "high", root, limit=2, site=SITE, clips=CLIPS)
    folder = root / "renders" / "high" / "slurm"
    array, publish = folder / "week3-array.sbatch", folder / "week3-publish.sbatch"
    for script in (array, publish, submit):
        subprocess.run(["bash", "-n", str(script)], check=True)
        assert str(tmp_path) not in script.read_text(), f"{script.name} names the checkout's path"
    directives = [line for line in array.read_text().splitlines() if line.startswith("#SBATCH")]
    for expected in ("--array=0-1%2", "--output=renders/high/slurm/logs/%x-%A_%a.log", "--partition=short",
                     "--account=math101", "--time=45:00", "--mem=3G", "--cpus-per-task=3", "--qos=normal"):
        assert f"#SBATCH {expected}" in directives, expected
    assert "#SBATCH --output=renders/high/slurm/logs/%x-%j.log" in publish.read_text()
    plain = _without("NARRATION", "CALCVIZ_COURSE")  # the submitting shell's own settings do not matter
    for index, (scene, output) in enumerate(CLIPS):
        result = subprocess.run(["bash", str(array)], cwd=root, env=dict(plain, SLURM_ARRAY_TASK_ID=str(index)),
                                capture_output=True, text=True, check=True)
        assert result.stdout.splitlines() == [
            "site set-up ran",
            f"NARRATION=off CALCVIZ_COURSE=/courses/math101.toml -m scenes render {scene} --quality high --output {output}"]
    result = subprocess.run(["bash", str(publish)], cwd=root, env=plain, capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1].endswith("-m scenes farm slurm-publish 3 --quality high")
    elsewhere = subprocess.run(["bash", str(array)], cwd=tmp_path, env=dict(plain, SLURM_ARRAY_TASK_ID="0"),
                               capture_output=True, text=True)
    assert elsewhere.returncode == 1 and "is not the project checkout" in elsewhere.stderr
    text = submit.read_text()
    assert '--dependency=afterany:"$array" --kill-on-invalid-dep=yes' in text


def _fake_slurm(bin_folder: Path, log: Path, queued: Path) -> None:
    """sbatch, squeue and scancel that log their calls; squeue lists the ids in ``queued``."""
    bin_folder.mkdir()
    scripts = {
        "sbatch": f'n=$(( $(grep -c ^sbatch {log}) + 100 )); echo "sbatch $*" >> {log}; echo "$n;cluster"',
        "squeue": f'id=$(printf "%s\\n" "$@" | sed -n "s/^--jobs=//p"); echo "squeue $id" >> {log}; grep -qx "$id" {queued} && echo "$id"; true',
        "scancel": f'echo "scancel $*" >> {log}',
    }
    for name, body in scripts.items():
        (bin_folder / name).write_text(f"#!/bin/bash\n{body}\n")
        (bin_folder / name).chmod(0o755)


def test_a_resubmission_cancels_the_queued_publication_then_the_array_of_the_last(tmp_path):
    root = _fake_checkout(tmp_path / "checkout")
    submit = write_scripts(load_course(), 3, "high", root, site=SITE, clips=CLIPS)
    log, queued = tmp_path / "calls.log", tmp_path / "queued"
    log.touch()
    _fake_slurm(tmp_path / "bin", log, queued)
    env = dict(os.environ, PATH=f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    first = subprocess.run([str(submit)], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert "array job 100, then publication job 101" in first.stdout
    assert (root / "renders/high/slurm/week3.jobs").read_text().split() == ["101", "100"]
    queued.write_text("101\n100\n")  # both still in the queue
    second = subprocess.run([str(submit)], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    calls = log.read_text().splitlines()
    assert [c for c in calls if c.startswith("scancel")] == ["scancel 101", "scancel 100"], "publication first: else afterany starts it"
    assert "cancelled job 101" in second.stdout and "array job 102, then publication job 103" in second.stdout
    sbatched = [c for c in calls if c.startswith("sbatch")]
    assert sbatched[0] == f"sbatch --parsable --chdir={root} renders/high/slurm/week3-array.sbatch"
    assert sbatched[1] == (f"sbatch --parsable --chdir={root} --dependency=afterany:100 --kill-on-invalid-dep=yes "
                           "renders/high/slurm/week3-publish.sbatch")
    moved = subprocess.run([str(submit)], cwd=tmp_path, env=dict(env, CALCVIZ_FARM_ROOT="/nodes/see/it/here"),
                           capture_output=True, text=True, check=True)
    assert moved.returncode == 0 and log.read_text().splitlines()[-1].startswith("sbatch --parsable --chdir=/nodes/see/it/here ")


def test_with_every_clip_up_to_date_only_the_publication_is_submitted(tmp_path):
    root = _fake_checkout(tmp_path / "checkout")
    submit = write_scripts(load_course(), 3, "high", root, site=SITE, clips=[])
    assert not (root / "renders/high/slurm/week3-array.sbatch").exists()
    log = tmp_path / "calls.log"
    log.touch()
    _fake_slurm(tmp_path / "bin", log, tmp_path / "queued")
    result = subprocess.run([str(submit)], cwd=tmp_path, env=dict(os.environ, PATH=f"{tmp_path / 'bin'}:{os.environ['PATH']}"),
                            capture_output=True, text=True, check=True)
    assert "no clips to render; publication job 100" in result.stdout
    assert [c for c in log.read_text().splitlines() if c.startswith("sbatch")] == [
        f"sbatch --parsable --chdir={root} renders/high/slurm/week3-publish.sbatch"]
    assert (root / "renders/high/slurm/week3.jobs").read_text().split() == ["100"]


@pytest.mark.parametrize("table, expected", [
    ('time = "soon"', "course.toml: [slurm], key 'time': expected a Slurm time limit"),
    ('memory = "lots"', "course.toml: [slurm], key 'memory': expected a Slurm memory size"),
    ("cpus = 0", "course.toml: [slurm], key 'cpus': expected a number of CPUs from 1 to 256, got 0"),
    ('partition = "short; rm -rf ~"', "course.toml: [slurm], key 'partition': expected a Slurm name"),
    ('sbatch = ["--qos=normal\\n#SBATCH --x"]', "course.toml: [slurm], key 'sbatch': expected sbatch options"),
    ('setup = ["module load a\\nmodule load b"]', "course.toml: [slurm], key 'setup': expected one non-empty shell line each"),
    ('queue = "short"', "course.toml: [slurm]: unknown key 'queue'"),
])
def test_bad_slurm_settings_are_named(tmp_path, table, expected):
    path = tmp_path / "course.toml"
    path.write_text(f'title = "Series"\n\n[slurm]\n{table}\n\n[[weeks]]\nnumber = 1\ntitle = "Sets"\n')
    with pytest.raises(ConfigError) as caught:
        site_of(load_course(path))
    assert str(caught.value).startswith(expected) and "\n" not in str(caught.value)


def test_make_check_names_a_bad_slurm_setting_and_clips_do_not_depend_on_the_farm(tmp_path):
    from scenes.makegen import clip_dependencies

    path = tmp_path / "course.toml"
    path.write_text(load_course().path.read_text().replace("\n[[weeks]]", '\n[slurm]\ncpus = "many"\n\n[[weeks]]', 1))
    result = subprocess.run([sys.executable, "-m", "scenes", "check"], cwd=load_course().path.parent,
                            env=dict(os.environ, CALCVIZ_COURSE=str(path)), capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == "error: course.toml: [slurm], key 'cpus': expected a number of CPUs from 1 to 256, got 'many'\n"
    assert "scenes/farm" not in clip_dependencies(load_course().scene("SecantToTangent").module), \
        "editing the farm's code must not re-render every clip"


def test_good_slurm_settings_are_read(tmp_path):
    path = tmp_path / "course.toml"
    path.write_text('title = "Series"\n\n[slurm]\npartition = "short"\ntime = "1-00:00:00"\nmemory = "4000M"\ncpus = 4\n'
                    'sbatch = ["--qos=normal"]\nsetup = ["module load ffmpeg"]\n\n[[weeks]]\nnumber = 1\ntitle = "Sets"\n')
    assert site_of(load_course(path)) == SlurmSettings(partition="short", time="1-00:00:00", memory="4000M", cpus=4,
                                                    sbatch=("--qos=normal",), setup=("module load ffmpeg",))


def planned(project: Path, env: dict) -> list[str]:
    """The scenes `make week3` would render in ``project`` now (make -n), in make's order."""
    result = subprocess.run(["make", "-n", "week3", "QUALITY=tiny"], cwd=project, env=env, capture_output=True, text=True, check=True)
    return [line.split(" render ")[1].split()[0] for line in result.stdout.splitlines() if " -m scenes render " in line]


def _array_scenes(project: Path) -> list[str]:
    text = (project / "renders/tiny/slurm/week3-array.sbatch").read_text()
    return re.search(r"^SCENES=\((.*)\)$", text, re.M)[1].split()


def test_make_slurm_week_plans_what_make_would_render_with_its_settings_written_first(tmp_path):
    project = _copy_project(tmp_path / "project")
    env = dict(_without("CALCVIZ_COURSE"), NARRATION="off")
    result = subprocess.run(["make", "-s", "slurm-week3", "QUALITY=tiny", "SLURM_TIME=20:00", "SLURM_MEM=1G"], cwd=project,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    week3 = [entry.name for entry in load_course().week(3).scenes]
    assert result.stdout.splitlines() == [f"week 3: {len(week3)} clip(s) to render at tiny quality; on the cluster's login node run:",
                                          "    renders/tiny/slurm/week3-submit.sh"]
    settings = project / "renders/.make/settings"
    assert all((settings / f"{scene}.json").exists() and (settings / f"{scene}.narration.json").exists() for scene in week3)
    assert _array_scenes(project) == planned(project, env) and sorted(_array_scenes(project)) == sorted(week3)
    array = (project / "renders/tiny/slurm/week3-array.sbatch").read_text()
    assert "export NARRATION=off" in array and "#SBATCH --time=20:00" in array and "#SBATCH --mem=1G" in array
    for scene in week3[1:]:  # every clip but the first rendered since: only the first is planned
        clip = project / "renders/tiny/week3" / f"{scene}.mp4"
        clip.parent.mkdir(parents=True, exist_ok=True)
        clip.write_bytes(b"a clip newer than everything it is made from")
    again = subprocess.run(["make", "-s", "slurm-week3", "QUALITY=tiny"], cwd=project, env=env, capture_output=True, text=True, check=True)
    assert again.stdout.startswith("week 3: 1 clip(s)") and _array_scenes(project) == [week3[0]] == planned(project, env)
    bad = subprocess.run(["make", "-s", "slurm-week3", "QUALITY=tiny", "SLURM_TIME=soon"], cwd=project, env=env, capture_output=True, text=True)
    assert bad.returncode != 0 and bad.stderr.splitlines()[0].startswith(
        "error: make variable SLURM_TIME: expected a Slurm time limit such as '30', '1:00:00' or '1-00:00:00', got 'soon'")


def test_a_render_sent_sigterm_as_scancel_sends_it_cleans_up_at_once_and_keeps_the_clip(tmp_path):
    """Slurm ends a cancelled or timed-out task with SIGTERM to all its processes, and SIGKILL only KillWait later."""
    from tests.test_render_failures import PREVIOUS, SCENE, _frame_ring, _start_render

    render = _start_render(tmp_path, tmp_path / "tex")
    ring = _frame_ring(render.pid)
    time.sleep(1.0)  # inside the scene
    os.killpg(render.pid, signal.SIGTERM)
    _, stderr = render.communicate(timeout=60)
    assert render.returncode != 0
    assert stderr.strip().splitlines()[-1] == f"interrupted: {tmp_path / SCENE}.mp4 not rendered; previous clip kept", stderr[-3000:]
    assert (tmp_path / f"{SCENE}.mp4").read_bytes() == PREVIOUS
    assert not any(segment.exists() for segment in ring) and not list(tmp_path.glob(f".{SCENE}.*work")), "nothing left behind"


# ------------------------------------------------------------------ a real single-node Slurm
DAEMONS = ("munged", "mungekey", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "scontrol")
SCENES = ["DerivativeAsFunction", "SecantToTangent"]  # two of week 3's quickest tiny renders (15-25 s)
CANCELLED = SCENES[0]


def _tool(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def _free_ports(count: int) -> list[int]:
    probes = [socket.socket() for _ in range(count)]
    for probe in probes:  # all bound at once: distinct ports
        probe.bind(("127.0.0.1", 0))
    ports = [probe.getsockname()[1] for probe in probes]
    for probe in probes:
        probe.close()
    return ports


class SingleNodeSlurm:
    """munged, slurmctld and slurmd of this machine, configured in ``folder``, run in the foreground as our children."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.env = dict(os.environ, SLURM_CONF=str(folder / "slurm.conf"))

    def start(self) -> None:
        munge = self.folder / "munge"
        munge.mkdir(mode=0o700)
        subprocess.run([_tool("mungekey"), "--create", "--keyfile", str(munge / "munge.key")], check=True)
        socket_path = munge / "munge.socket"
        self._run("munged", [_tool("munged"), "--foreground", "--force", "--key-file", str(munge / "munge.key"),
                             "--socket", str(socket_path), "--pid-file", str(munge / "munged.pid"),
                             "--seed-file", str(munge / "munged.seed"), "--log-file", str(munge / "munged.log")])
        self._wait_for(socket_path.exists, "munged's socket")
        node = socket.gethostname().split(".")[0]
        controller_port, node_port = _free_ports(2)
        (self.folder / "state").mkdir()
        (self.folder / "spool").mkdir()
        (self.folder / "slurm.conf").write_text(f"""\
ClusterName=calcviztest
SlurmctldHost={node}(127.0.0.1)
SlurmctldPort={controller_port}
SlurmdPort={node_port}
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={socket_path}
StateSaveLocation={self.folder / 'state'}
SlurmdSpoolDir={self.folder / 'spool'}
SlurmctldPidFile={self.folder / 'slurmctld.pid'}
SlurmdPidFile={self.folder / 'slurmd.pid'}
SlurmctldLogFile={self.folder / 'slurmctld.log'}
SlurmdLogFile={self.folder / 'slurmd.log'}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=3600
KillWait=10
NodeName={node} NodeAddr=127.0.0.1 CPUs={os.cpu_count()} RealMemory=1000 State=UNKNOWN
PartitionName=test Nodes={node} Default=YES MaxTime=INFINITE State=UP
""")
        conf = str(self.folder / "slurm.conf")
        self._run("slurmctld", [_tool("slurmctld"), "-D", "-f", conf])
        self._run("slurmd", [_tool("slurmd"), "-D", "-f", conf])
        self._wait_for(lambda: "idle" in self.command("sinfo", "--noheader", "--format=%t", check=False), "an idle node")

    def _run(self, name: str, command: list[str]) -> None:
        log = open(self.folder / f"{name}.out", "w")
        self.processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=self.env))

    def _wait_for(self, ready, what: str, timeout: float = 60) -> None:
        deadline = time.time() + timeout
        while not ready():
            for process in self.processes:
                assert process.poll() is None, f"{process.args[0]} ended: see {self.folder}"
            assert time.time() < deadline, f"no {what} after {timeout} s: see {self.folder}"
            time.sleep(0.3)

    def command(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 or not check, f"{args}: {result.stderr}"
        return result.stdout

    def queue(self) -> list[str]:
        return self.command("squeue", "--noheader", "--format=%i").split()

    def job(self, job_id: str) -> dict[str, str]:
        """``scontrol show job``'s Key=Value fields (finished jobs stay known for MinJobAge)."""
        return dict(re.findall(r"(\w+)=(\S*)", self.command("scontrol", "show", "job", job_id)))

    def stop(self) -> None:
        if len(self.processes) == 3:  # jobs a failed test left behind
            for job in set(self.command("squeue", "--noheader", "--format=%A", check=False).split()):
                self.command("scancel", job, check=False)
            deadline = time.time() + 30
            while self.command("squeue", "--noheader", check=False).strip() and time.time() < deadline:
                time.sleep(0.5)
        for process in reversed(self.processes):  # slurmd, slurmctld, then munged
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _installable() -> str | None:
    """Why Slurm cannot be installed here, or None."""
    if os.geteuid() != 0:
        return "not root: slurmd must start the jobs, and apt-get install Slurm (scripts/bootstrap.sh --test)"
    if not shutil.which("apt-get"):
        return "no apt-get: scripts/bootstrap.sh installs Debian's slurmctld, slurmd and munge"
    return None


@pytest.fixture(scope="module")
def slurm(tmp_path_factory):
    missing = [name for name in DAEMONS if not _tool(name)]
    if missing:
        reason = _installable()
        if reason:
            pytest.skip(f"Slurm cannot be installed here ({reason})")
        pytest.fail(f"{', '.join(missing)} missing: `make test` installs them (scripts/bootstrap.sh --test)")
    cluster = SingleNodeSlurm(tmp_path_factory.mktemp("slurm"))
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


def _week3_of(scenes: list[str], folder: Path) -> Path:
    """A course config whose week 3 has only ``scenes``, with a site fitting this node."""
    text = load_course().path.read_text()
    week3 = text.split("[[weeks]]\nnumber = 3")[1].split("[[weeks]]")[0]
    parts = week3.split("[[weeks.scenes]]")
    kept = [part for part in parts[1:] if any(f'scene = "{scene}"' in part for scene in scenes)]
    site = '[slurm]\ntime = "10:00"\nmemory = "500M"\ncpus = 1\n\n'
    course = folder / "course.toml"
    course.write_text(text.replace(week3, "[[weeks.scenes]]".join([parts[0]] + kept)).replace("\n[[weeks]]", f"\n{site}[[weeks]]", 1))
    return course


class Submission:
    def __init__(self, slurm: SingleNodeSlurm, project: Path, printed: str) -> None:
        found = re.search(r"array job (\d+), then publication job (\d+)", printed)
        assert found, printed
        self.slurm, self.project, self.array, self.publish = slurm, project, found[1], found[2]

    def clips(self) -> dict[str, tuple[int, int]]:
        return {scene: (path.stat().st_ino, path.stat().st_mtime_ns) for scene in SCENES
                if (path := self.project / "renders/tiny/week3" / f"{scene}.mp4").exists()}

    def wait(self, timeout: float = 600) -> dict[str, tuple[int, int]]:
        """Wait for the queue to empty; returns the clips as they were when the array had left it."""
        deadline, when_array_ended = time.time() + timeout, None
        while queue := self.slurm.queue():
            if when_array_ended is None and not any(job.startswith(f"{self.array}_") or job == self.array for job in queue):
                when_array_ended = self.clips()
            assert time.time() < deadline, f"still queued after {timeout} s: {queue}"
            time.sleep(0.2)
        return self.clips() if when_array_ended is None else when_array_ended

    def log(self, job: str, index: int | None = None) -> str:
        name = f"calcviz-week3-tiny-{self.array}_{index}.log" if index is not None else f"calcviz-week3-tiny-publish-{job}.log"
        return (self.project / "renders/tiny/slurm/logs" / name).read_text()


@pytest.fixture(scope="module")
def week(slurm, tmp_path_factory):
    """A project copy with a two-clip week 3, planned by `make slurm-week3` and submitted once, the queue empty again."""
    folder = tmp_path_factory.mktemp("slurm-project")
    project = _copy_project(folder / "project")
    course = _week3_of(SCENES, folder)
    env = dict(os.environ, NARRATION="fake", CALCVIZ_COURSE=str(course))

    def plan() -> str:
        return subprocess.run(["make", "-s", "slurm-week3", "QUALITY=tiny"], cwd=project, env=env, capture_output=True, text=True,
                              check=True).stdout

    def submit() -> Submission:
        # As from a login shell that never set NARRATION or CALCVIZ_COURSE: the scripts carry them.
        shell = {k: v for k, v in slurm.env.items() if k not in ("NARRATION", "CALCVIZ_COURSE")}
        result = subprocess.run(["renders/tiny/slurm/week3-submit.sh"], cwd=project, env=shell, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        submission = Submission(slurm, project, result.stdout)
        submission.printed = result.stdout
        return submission

    printed = plan()
    first = submit()
    return {"project": project, "env": env, "plan": plan, "submit": submit, "printed": printed, "first": first,
            "array_ended": first.wait()}


def _decodes(clip: Path) -> bool:
    """Whether every frame of the clip's 320x180 video decodes, and it lasts as a lecture clip does (40 s or more)."""
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        return (stream.codec_context.width, stream.codec_context.height) == (320, 180) and frames > 0 \
            and container.duration / av.time_base > 40


def test_a_week_submitted_to_slurm_renders_once_and_publishes(week, slurm):
    first, project = week["first"], week["project"]
    assert week["printed"].startswith("week 3: 2 clip(s) to render at tiny quality")
    assert slurm.job(first.publish)["JobState"] == "COMPLETED", first.log(first.publish)
    assert {slurm.job(f"{first.array}_{i}")["JobState"] for i in range(len(SCENES))} == {"COMPLETED"}
    assert slurm.job(f"{first.array}_0")["TimeLimit"] == "00:10:00", "the course's [slurm] table reached the job"
    for scene in SCENES:
        assert _decodes(project / "renders/tiny/week3" / f"{scene}.mp4"), scene
    assert first.clips() == week["array_ended"], "the publication job rendered nothing again"
    assert "rendered " not in first.log(first.publish)
    logs = [first.log(first.array, index) for index in range(len(SCENES))]  # named for the job and the task
    assert all(sum(f"rendered renders/tiny/week3/{scene}.mp4" in log for log in logs) == 1 for scene in SCENES)
    assert (project / "renders/tiny/week3/week3.json").exists() and (project / "renders/tiny/index.html").exists()
    assert planned(project, week["env"]) == []


def test_a_cancelled_task_keeps_the_old_clip_and_never_leaves_the_publication_pending(week, slurm):
    project, env = week["project"], week["env"]
    folder = project / "renders/tiny/week3"
    clip = folder / f"{CANCELLED}.mp4"
    old = clip.read_bytes()
    os.utime(clip, (1, 1))  # older than what it is made from: stale
    assert week["plan"]().startswith("week 3: 1 clip(s)")
    replaced = week["submit"]()
    second = week["submit"]()  # at once: the first is replaced, its publication cancelled before it could start
    assert f"cancelled job {replaced.publish} " in second.printed and slurm.job(replaced.publish)["JobState"] == "CANCELLED"
    work = None
    deadline = time.time() + 120
    while work is None or not list(Path("/dev/shm").glob(f"calcviz-{work[1]}-*")):  # mid-render: frames being encoded
        queue = slurm.queue()
        assert time.time() < deadline and queue, "the task never got to encoding"
        time.sleep(0.1)
        if f"{second.array}_0" not in queue or any(job.split("_")[0] not in (second.array, second.publish) for job in queue):
            continue  # not started yet, or the replaced submission's task is still ending
        found = [re.fullmatch(rf"\.{CANCELLED}\.\w+-(\d+)-\d+\.work", p.name) for p in folder.glob(f".{CANCELLED}.*.work")]
        work = next(((m[0], m[1]) for m in found if m), None)
    slurm.command("scancel", f"{second.array}_0")
    second.wait(timeout=120)
    assert slurm.job(f"{second.array}_0")["JobState"] == "CANCELLED"
    assert clip.read_bytes() == old, "the old clip is intact"
    assert not (folder / work[0]).exists() and not list(Path("/dev/shm").glob(f"calcviz-{work[1]}-*")), "nothing left behind"
    assert slurm.job(second.publish)["JobState"] == "FAILED", "ended, not pending"
    assert f"week 3 not published: 1 clip(s) missing or stale after the array: {CANCELLED}" in second.log(second.publish)
    assert week["plan"]().startswith("week 3: 1 clip(s)")
    third = week["submit"]()
    third.wait()
    assert slurm.job(third.publish)["JobState"] == "COMPLETED", third.log(third.publish)
    assert _decodes(clip) and clip.stat().st_mtime > 1
    assert planned(project, env) == []
