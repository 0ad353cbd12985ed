"""The render farm: the clips make would render, on Dask workers, published atomically, with
failures retried and reported, hangs and killed workers survived, and nothing left running.

Most tests use a stand-in renderer (tests/farm/fake_render.py) in a copy of the project; one
renders a real tiny clip through a LocalCluster.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import av
import numpy as np
import pytest

from scenes.course import load_course
from scenes.farm.client import FarmError, run_farm
from tests.test_make import _processes_mentioning
from tests.test_publish import _copy_project

FAKE = Path(__file__).parent / "farm" / "fake_render.py"
WEEK3 = [entry.name for entry in load_course().week(3).scenes]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project copy the farm renders into with the fake renderer (workers inherit this environment)."""
    copy = _copy_project(tmp_path / "project")
    monkeypatch.setenv("CALCVIZ_FARM_ROOT", str(copy))
    monkeypatch.setenv("CALCVIZ_FARM_RENDERER", f"{sys.executable} {FAKE}")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "renders.log"))
    return copy


def farm(project: Path, **options) -> dict:
    lines: list[str] = []

    class Out:
        def write(self, text):
            lines.append(text)

        def flush(self):
            pass

    report = run_farm([3], "tiny", root=project, out=Out(), **options)
    report["printed"] = "".join(lines)
    return report


def renders_of(tmp_path: Path) -> list[str]:
    log = tmp_path / "renders.log"
    return [line.split()[0] for line in log.read_text().splitlines()] if log.exists() else []


def planned(project: Path) -> list[str]:
    result = subprocess.run(["make", "-n", "week3", "QUALITY=tiny"], cwd=project, capture_output=True, text=True, check=True)
    return [line.split(" render ")[1].split()[0] for line in result.stdout.splitlines() if " -m scenes render " in line]


def test_the_farm_renders_what_make_would_then_nothing(project, tmp_path):
    report = farm(project)
    folder = project / "renders" / "tiny" / "week3"
    assert sorted(r["scene"] for r in report["clips"]) == sorted(WEEK3) and not report["failures"]
    for record in report["clips"]:
        clip = project / record["output"]
        assert clip.read_bytes().startswith(f"complete clip of {record['scene']}".encode())
        assert clip.with_suffix(".srt").exists() and clip.with_suffix(".srt").stat().st_mtime <= clip.stat().st_mtime
        assert len(record["output_sha256"]) == 64 and len(record["input_hash"]) == 64
        assert record["manim"] and record["texlive"] and record["python"] and record["worker"] and record["seconds"] > 0
    saved = json.loads((project / "renders" / "tiny" / "farm-report.json").read_text())
    assert [c["scene"] for c in saved["clips"]] == [c["scene"] for c in report["clips"]]
    assert f"{len(WEEK3)}/{len(WEEK3)} clips done" in report["printed"] and "ETA" in report["printed"]
    assert not list(folder.glob(".*.part")) and not (project / "renders" / ".farm").exists() or \
        not list((project / "renders" / ".farm").iterdir())
    assert planned(project) == [], "make has nothing left to do"
    again = farm(project)
    assert again["clips"] == [] and "nothing to render" in again["printed"]
    assert sorted(renders_of(tmp_path)) == sorted(WEEK3), "each clip rendered once"


def test_failures_are_retried_then_reported_while_the_rest_finish(project, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_PLAN", json.dumps({WEEK3[0]: "fail", WEEK3[1]: "fail-once"}))
    clip = project / "renders" / "tiny" / "week3" / f"{WEEK3[0]}.mp4"
    clip.parent.mkdir(parents=True)
    clip.write_bytes(b"the previous good clip")
    os.utime(clip, (1, 1))  # older than its code: stale, so the farm renders it
    with pytest.raises(FarmError) as caught:
        farm(project, retries=2)
    message = str(caught.value)
    assert f"1 clip(s) failed: {WEEK3[0]}" in message and f"fake failure of {WEEK3[0]}" in message
    assert "LaTeX said something odd" in message, "the last lines of its log"
    assert renders_of(tmp_path).count(WEEK3[0]) == 3, "tried once and retried twice"
    assert renders_of(tmp_path).count(WEEK3[1]) == 2, "a failure that passes on retry"
    assert clip.read_bytes() == b"the previous good clip"
    saved = json.loads((project / "renders" / "tiny" / "farm-report.json").read_text())
    assert sorted(c["scene"] for c in saved["clips"]) == sorted(WEEK3[1:])
    assert [f["scene"] for f in saved["failures"]] == [WEEK3[0]]


def test_a_hung_render_has_its_process_group_killed(project, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_PLAN", json.dumps({WEEK3[2]: "hang"}))
    with pytest.raises(FarmError, match=rf"{WEEK3[2]}: still rendering after 8 s; its process group was killed"):
        farm(project, retries=0, timeout=8)
    hung = [line.split()[1] for line in (tmp_path / "renders.log").read_text().splitlines() if line.startswith(WEEK3[2])]
    assert hung and not any(alive(pid) for pid in hung)


def test_workers_with_another_manim_or_tex_are_refused(project):
    with pytest.raises(FarmError, match=r"no worker has the client's manim and TeX Live versions: .*manim '0\.22"):
        farm(project, expected={"manim": "0.19.0", "texlive": "pdfTeX (TeX Live 2019)", "python": "3.11.7"})


def alive(pid) -> bool:
    """Running (a zombie waiting for its new parent to reap it is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(command, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def test_a_worker_killed_mid_render_has_its_clip_rendered_elsewhere(project, tmp_path, monkeypatch):
    """A scheduler and two workers started as separate processes on 127.0.0.1; one is killed mid-render."""
    monkeypatch.setenv("FAKE_PLAN", json.dumps({name: "slow" for name in WEEK3}))
    monkeypatch.setenv("FAKE_SECONDS", "3")
    port = _free_port()
    dask = str(Path(sys.executable).parent / "dask")
    env = dict(os.environ)
    scheduler = _start([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], env, tmp_path / "s.log")
    workers = [_start([dask, "worker", f"tcp://127.0.0.1:{port}", "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                       "--name", f"w{i}", "--no-nanny"], env, tmp_path / f"w{i}.log") for i in range(2)]
    outcome: dict = {}
    clips = project / "renders" / "tiny" / "week3"
    try:
        _wait_for_workers(port, 2)
        runner = threading.Thread(target=lambda: outcome.update(report=farm(project, scheduler=f"tcp://127.0.0.1:{port}")))
        runner.start()
        victim, seen, left = None, [], []
        deadline = time.time() + 120
        while runner.is_alive() and time.time() < deadline:
            for clip in clips.glob("*.mp4") if clips.exists() else []:
                seen.append(clip.read_bytes().startswith(b"complete clip of "))  # never a partial file
            started = renders_of(tmp_path)
            if victim is None and started:
                victim = _worker_rendering(workers, tmp_path)
                if victim is not None:  # its scratch folder, listed before it dies: another task may sweep it at once
                    left = [p for p in (project / "renders" / ".farm").iterdir() if f"-{victim.pid}-" in p.name]
                    _stop(victim)
            time.sleep(0.05)
        runner.join(timeout=120)
    finally:
        for process in workers + [scheduler]:
            _stop(process)
    assert victim is not None, "a worker was killed while it rendered"
    report = outcome["report"]
    assert sorted(r["scene"] for r in report["clips"]) == sorted(WEEK3) and not report["failures"]
    assert all(seen) and seen, "the clip paths only ever held complete clips"
    assert len(renders_of(tmp_path)) > len(WEEK3), "the killed worker's clip was rendered again"
    assert planned(project) == []
    name = "w0" if victim is workers[0] else "w1"
    assert f"farm: worker {name} died; its clip " in report["printed"] and " goes to another worker" in report["printed"]
    assert left, "the killed worker left its scratch folder (nothing ran its clean-up)"
    assert "nothing to render" in farm(project)["printed"]
    assert not any(path.exists() for path in left), "a later render, or the next farm run, swept it"


def _wait_for_workers(port: int, count: int) -> None:
    from distributed import Client

    with Client(f"tcp://127.0.0.1:{port}", timeout="30s") as client:
        client.wait_for_workers(count, timeout=60)


def _worker_rendering(workers: list[subprocess.Popen], tmp_path: Path):
    """The worker (a process group of its own) that started a fake render still running, if any."""
    for line in (tmp_path / "renders.log").read_text().splitlines():
        _, pid, parent = line.split()
        if not Path(f"/proc/{pid}").exists():
            continue
        try:
            group = os.getpgid(int(parent))
        except ProcessLookupError:
            continue
        for worker in workers:
            if worker.pid == group:
                return worker
    return None


def test_ctrl_c_leaves_no_process_behind(project, tmp_path):
    env = dict(os.environ, FAKE_PLAN=json.dumps({name: "hang" for name in WEEK3}))
    farm_client = subprocess.Popen([sys.executable, "-m", "scenes", "farm", "3", "--quality", "tiny"], cwd=project, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 90
    while len(renders_of(tmp_path)) < 2 and time.time() < deadline and farm_client.poll() is None:
        time.sleep(0.1)
    assert len(renders_of(tmp_path)) >= 2, farm_client.stderr.read().decode()[-2000:] if farm_client.poll() is not None else ""
    os.killpg(farm_client.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the client and its LocalCluster's processes
    farm_client.wait(timeout=60)
    lines = farm_client.stderr.read().decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted: renders/tiny/week3/") and lines[0].endswith(
        " not rendered; previous clips kept"), lines[-40:]
    deadline = time.time() + 60  # a loaded machine (CI, two test workers) can take a while to stop Dask's workers
    while time.time() < deadline and (_processes_mentioning(str(FAKE)) or _processes_mentioning("distributed")):
        time.sleep(0.2)
    assert not _processes_mentioning(str(FAKE)), "a render outlived the farm"
    pids = [int(line.split()[1]) for line in (tmp_path / "renders.log").read_text().splitlines()]
    assert not any(alive(pid) for pid in pids)


def test_a_real_tiny_render_through_the_farm(tmp_path, monkeypatch):
    copy = _copy_project(tmp_path / "project")
    course = copy / "course.toml"
    text = course.read_text()
    week3 = text.split("[[weeks]]\nnumber = 3")[1].split("[[weeks]]")[0]
    parts = week3.split("[[weeks.scenes]]")
    course.write_text(text.replace(week3, "[[weeks.scenes]]".join([parts[0]] + [p for p in parts[1:] if f'scene = "{WEEK3[0]}"' in p])))
    monkeypatch.setenv("CALCVIZ_FARM_ROOT", str(copy))
    monkeypatch.setenv("NARRATION", "fake")
    monkeypatch.setenv("CALCVIZ_TEX_CACHE", str(tmp_path / "tex"))
    report = run_farm([3], "tiny", root=copy, out=open(os.devnull, "w"))
    clip = copy / "renders" / "tiny" / "week3" / f"{WEEK3[0]}.mp4"
    assert [r["scene"] for r in report["clips"]] == [WEEK3[0]]
    with av.open(str(clip)) as container:
        assert container.streams.video[0].codec_context.width == 320 and container.duration / av.time_base > 40
    assert clip.with_suffix(".srt").exists()
    assert planned(copy) == []


def test_a_worker_whose_checkout_differs_refuses_the_clip_before_rendering(monkeypatch, tmp_path):
    from scenes.farm.plan import Job, input_hash
    from scenes.farm.task import CheckoutMismatch, render_clip, versions

    entry = load_course().scene("SecantToTangent")
    monkeypatch.setenv("CALCVIZ_FARM_RENDERER", f"{sys.executable} -c 'raise SystemExit(\"must not render\")'")
    stale = Job("SecantToTangent", 3, "tiny", "renders/tiny/week3/SecantToTangent.mp4", "0" * 64, versions())
    with pytest.raises(CheckoutMismatch, match="refused SecantToTangent: the project at .* differs from the client's"):
        render_clip(stale)
    assert len(input_hash(entry, "tiny")) == 64
    monkeypatch.setenv("CALCVIZ_FARM_ROOT", str(tmp_path))  # a worker whose project has no course at all
    same = Job("SecantToTangent", 3, "tiny", "renders/tiny/week3/SecantToTangent.mp4", input_hash(entry, "tiny"), versions())
    with pytest.raises(CheckoutMismatch, match="differs"):
        render_clip(same)
    assert not (tmp_path / "renders").exists(), "nothing was started"


def _write_video(path: Path, seconds: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for _ in range(10 * seconds):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), np.uint8), format="rgb24")))
        container.mux(stream.encode())


def test_the_farm_starts_the_clips_whose_old_versions_are_longest_first(project, tmp_path, monkeypatch):
    monkeypatch.setenv("FAKE_PLAN", json.dumps({scene: "slow" for scene in WEEK3}))
    monkeypatch.setenv("FAKE_SECONDS", "2")  # long beside a render's start-up, so pairs stay pairs
    for seconds, scene in enumerate(WEEK3, start=1):  # the course's last scene had the longest clip
        clip = project / "renders" / "tiny" / "week3" / f"{scene}.mp4"
        _write_video(clip, seconds)
        os.utime(clip, (1, 1))  # older than its code: stale
    farm(project)
    started, longest = renders_of(tmp_path), WEEK3[::-1]
    # Two workers: clips start in pairs (a pair that finishes together hands out the next two at once).
    assert set(started[:2]) == set(longest[:2]), "the two longest first, one on each worker"
    assert set(started[2:4]) == set(longest[2:4]) and started[4:] == longest[4:], "then the rest, longest first"


def test_the_longest_clips_are_started_first(tmp_path):
    from scenes.farm.client import _expected_seconds
    from scenes.farm.plan import Job

    jobs = [Job(name, 3, "tiny", f"renders/tiny/week3/{name}.mp4", "") for name in ("Short", "Long", "New", "Broken")]
    _write_video(tmp_path / jobs[0].output, 1)
    _write_video(tmp_path / jobs[1].output, 3)
    (tmp_path / jobs[3].output).write_bytes(b"not a video")
    guesses = _expected_seconds(jobs, tmp_path)
    assert guesses == pytest.approx({"Short": 1.0, "Long": 3.0, "New": 0.0, "Broken": 0.0}, abs=0.15)


def _published_by(project: Path, worker_pid: int, log: Path) -> list[str]:
    """Clips whose farm record is published and that were rendered by the worker with this pid."""
    rendered_by = {line.split()[0] for line in log.read_text().splitlines() if int(line.split()[2]) == worker_pid} if log.exists() else set()
    folder = project / "renders" / "tiny" / "week3"
    return sorted(scene for scene in rendered_by if (folder / f".{scene}.farm.json").exists())


def test_a_worker_killed_after_publishing_a_clip_does_not_have_it_rendered_again(project, tmp_path, monkeypatch, capfd):
    """The LocalCluster of `make farm-week3`; one worker is killed (SIGKILL) once it has published a clip and
    started another: the published clip is not rendered again, and its record names the killed worker."""
    import psutil

    monkeypatch.setenv("FAKE_PLAN", json.dumps({name: "slow" for name in WEEK3}))
    monkeypatch.setenv("FAKE_SECONDS", "2")
    monkeypatch.delenv("VERBOSE", raising=False)
    log, outcome, killed = tmp_path / "renders.log", {}, {}
    runner = threading.Thread(target=lambda: outcome.update(report=farm(project)))
    runner.start()
    deadline = time.time() + 120
    while runner.is_alive() and time.time() < deadline and not killed:
        for child in psutil.Process().children(recursive=True):
            done = _published_by(project, child.pid, log)
            busy = [line.split()[0] for line in log.read_text().splitlines()
                    if int(line.split()[2]) == child.pid and line.split()[0] not in done] if done else []
            if done and busy:
                killed.update(pid=child.pid, done=done, busy=busy)
                child.kill()
                break
        time.sleep(0.05)
    runner.join(timeout=120)
    assert killed, "a worker was killed after publishing a clip, while rendering another"
    report = outcome["report"]
    assert sorted(r["scene"] for r in report["clips"]) == sorted(WEEK3) and not report["failures"]
    for scene in killed["done"]:
        assert renders_of(tmp_path).count(scene) == 1, f"{scene} was published before the kill: rendered once"
        record = next(r for r in report["clips"] if r["scene"] == scene)
        assert record["worker"].endswith(f":{killed['pid']}"), "the record names the worker that rendered it"
    assert renders_of(tmp_path).count(killed["busy"][-1]) == 2, "the clip it was rendering went to another worker"
    lost = [line for line in report["printed"].splitlines() if " died" in line]
    assert lost and all(line.startswith("farm: worker ") for line in lost), report["printed"]
    assert f"; its clip {killed['busy'][-1]} goes to another worker" in report["printed"]
    captured = capfd.readouterr()
    assert "distributed." not in captured.err + captured.out, "Dask's own log is quiet by default"
    assert planned(project) == []


def test_a_clip_this_run_published_is_taken_as_done(project, tmp_path):
    """What a task re-run by Dask after its worker died finds: the clip published by this run, unchanged."""
    from scenes.farm.plan import plan
    from scenes.farm.task import render_clip, versions

    job = next(j for j in plan([3], "tiny", versions(), project) if j.scene == WEEK3[0])
    first = render_clip(job)
    again = render_clip(job)
    assert renders_of(tmp_path) == [WEEK3[0]] and again == first
    clip = project / job.output
    clip.write_bytes(b"changed since")
    render_clip(job)
    assert renders_of(tmp_path) == [WEEK3[0]] * 2, "a clip that is not the one recorded is rendered"
    later = next(j for j in plan([3], "tiny", versions(), project) if j.scene == WEEK3[1])
    assert later.run != job.run, "each farm run has its own id"
    import dataclasses
    render_clip(dataclasses.replace(job, run=later.run))
    assert renders_of(tmp_path) == [WEEK3[0]] * 3, "another farm run renders what make finds stale"


@pytest.mark.parametrize("verbose", [False, True])
def test_dask_logs_only_with_verbose(project, tmp_path, verbose):
    """`make farm-week3` prints the farm's own lines; Dask's INFO and WARNING lines only with VERBOSE=1."""
    env = {key: value for key, value in os.environ.items() if key != "VERBOSE"}
    if verbose:
        env["VERBOSE"] = "1"
    result = subprocess.run([sys.executable, "-m", "scenes", "farm", "3", "--quality", "tiny"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    printed = result.stdout + result.stderr
    if verbose:
        assert "distributed.worker - INFO" in printed and "scheduler.py" in printed, printed[-3000:]
    else:
        assert result.stderr == "" and all(line.startswith("farm: ") for line in result.stdout.splitlines()), printed[-3000:]
