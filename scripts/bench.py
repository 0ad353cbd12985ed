"""Render benchmark: seconds of render per second of video, peak memory and file size.

Renders every scene of the chosen weeks (default: all that have scenes) at each
quality -- with ``--stock`` also with manim's stock encoder settings -- one
scene per process, sequentially.  Then renders one 3D shot
(scenes/bench/surface_shot.py) two ways, this project's 3D path and manim's
stock Surface/ThreeDCamera, and prints the ratio.  Writes
renders/bench/results.{md,json}; also times a `make weekN` that has nothing to do.

A busy host moves a render's time by 10-20% from run to run: ``--repeat N``
renders every scene N times, round after round (so a slow spell hits them all
alike), and reports the median with the range.  Scenes not measured in this
run keep their earlier figures in the results, marked with their date.

    .venv/bin/python scripts/bench.py [--weeks 3,4] [--qualities low,high] [--scenes A,B] [--stock]
                                      [--repeat N] [--shot-qualities medium,high] [--no-shot]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scenes.course import load_course  # noqa: E402
from scenes.publish.video import duration as video_duration  # noqa: E402

OUT = ROOT / "renders" / "bench"


def run_measured(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss * 1024


def video_seconds(path: Path) -> float:
    return float(video_duration(path))


def bench_scene(name: str, quality: str, stock: bool) -> dict:
    variant = "stock" if stock else "project"
    clip = OUT / quality / variant / f"{name}.mp4"
    command = [sys.executable, "-m", "scenes", "render", name, "--quality", quality, "--output", str(clip)]
    seconds, memory = run_measured(command + (["--stock"] if stock else []))
    video = video_seconds(clip)
    return {"scene": name, "quality": quality, "variant": variant, "render_s": seconds, "video_s": video,
            "s_per_video_s": seconds / video, "peak_mb": memory / 2**20, "size_mb": clip.stat().st_size / 2**20}


SHOT_MODULE = "scenes/bench/surface_shot.py"


def bench_shot(quality: str, stock: bool) -> dict:
    """The 3D shot: this project's path (SurfaceShot) or manim's stock one (StockSurfaceShot, stock encoder too)."""
    name = "StockSurfaceShot" if stock else "SurfaceShot"
    clip = OUT / quality / "shot" / f"{name}.mp4"
    command = [sys.executable, "-m", "scenes", "render", name, "--module", SHOT_MODULE, "--quality", quality,
               "--output", str(clip)] + (["--stock"] if stock else [])
    seconds, memory = run_measured(command)
    video = video_seconds(clip)
    return {"scene": "3D shot", "quality": quality, "variant": "stock" if stock else "project", "render_s": seconds,
            "video_s": video, "s_per_video_s": seconds / video, "peak_mb": memory / 2**20,
            "size_mb": clip.stat().st_size / 2**20}


def noop_make_seconds(week: int) -> float:
    target = [ "make", "--no-print-directory", f"week{week}", "QUALITY=low"]
    subprocess.run(target, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    subprocess.run(target, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def combined(runs: list[dict]) -> dict:
    """One row from repeated renders of a scene: the median render time, each run's figure kept."""
    row = dict(runs[0])
    row["render_s"] = statistics.median(r["render_s"] for r in runs)
    row["s_per_video_s"] = row["render_s"] / row["video_s"]
    row["runs"] = [round(r["s_per_video_s"], 3) for r in runs]
    row["peak_mb"] = max(r["peak_mb"] for r in runs)
    return row


def merged(earlier: list[dict], latest: list[dict]) -> list[dict]:
    """The latest rows, then the earlier ones they do not replace (same scene, quality and variant)."""
    def key(r: dict) -> tuple:
        return r["scene"], r["quality"], r["variant"]

    measured = {key(r) for r in latest}
    return latest + [r for r in earlier if key(r) not in measured]


def figure(row: dict) -> str:
    runs = row.get("runs", [])
    spread = f" ({min(runs):.2f}-{max(runs):.2f}, {len(runs)} runs)" if len(runs) > 1 else ""
    return f"{row['s_per_video_s']:.2f}{spread}"


def report(rows: list[dict], noop: float | None, today: str = "") -> str:
    lines = ["# Render benchmark", "", f"Machine: {os.cpu_count()} cores. One scene per process, sequential. "
             "With several runs, the figure is the median and the range follows it.", "",
             "| scene | quality | s/video-s | stock s/video-s | ratio | peak MB | size MB | stock size MB | measured |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    stock = {(r["scene"], r["quality"]): r for r in rows if r["variant"] == "stock"}
    for r in (r for r in rows if r["variant"] == "project"):
        s = stock.get((r["scene"], r["quality"]))
        when = r.get("measured", "")
        lines.append(
            f"| {r['scene']} | {r['quality']} | {figure(r)} | "
            + (f"{figure(s)} | {s['s_per_video_s'] / r['s_per_video_s']:.2f}x | " if s else "- | - | ")
            + f"{r['peak_mb']:.0f} | {r['size_mb']:.2f} | " + (f"{s['size_mb']:.2f} |" if s else "- |")
            + (f" {when} |" if when != today else " this run |"))
    lines.append("")
    scenes = [r for r in rows if r["scene"] != "3D shot"]
    for quality in sorted({r["quality"] for r in scenes}):
        for variant in ("project", "stock"):
            picked = [r for r in scenes if r["quality"] == quality and r["variant"] == variant]
            if picked:
                total = sum(r["render_s"] for r in picked)
                video = sum(r["video_s"] for r in picked)
                lines.append(f"- all {len(picked)} scenes above at {quality}, {variant}: {total:.1f} s wall "
                             f"for {video:.1f} s of video")
    lines.append("- 3D shot: 'stock' is manim's Surface + ThreeDCamera with stock encoding; 'project' is scenes/three_d.py")
    if noop is not None:
        lines.append(f"- `make weekN` with nothing to do: {noop:.2f} s")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", default="", help="comma-separated week numbers (default: every week with scenes)")
    parser.add_argument("--qualities", default="low,high")
    parser.add_argument("--scenes", default="", help="only these scenes (comma-separated)")
    parser.add_argument("--stock", action="store_true", help="also render each scene with manim's stock encoder settings")
    parser.add_argument("--repeat", type=int, default=1, help="render each scene this many times (median reported)")
    parser.add_argument("--shot-qualities", default="medium,high")
    parser.add_argument("--no-shot", action="store_true", help="skip the 3D shot")
    args = parser.parse_args()
    course = load_course()
    weeks = [int(w) for w in args.weeks.split(",")] if args.weeks else [w.number for w in course.weeks if w.scenes]
    names = [e.name for w in weeks for e in course.week(w).scenes]
    if args.scenes:
        names = [n for n in names if n in args.scenes.split(",")]
    rows = []

    def show(r: dict) -> None:
        print(f"{r['scene']:<22} {r['quality']:<6} {r['variant']:<7} {r['s_per_video_s']:.2f} s/video-s, "
              f"{r['peak_mb']:.0f} MB peak, {r['size_mb']:.2f} MB", flush=True)

    today = time.strftime("%Y-%m-%d %H:%M")
    for quality in args.qualities.split(","):
        runs: dict[tuple, list[dict]] = {}
        for _ in range(max(args.repeat, 1)):  # whole rounds, so a slow spell of the host hits every scene
            for name in names:
                for stock in (False, True) if args.stock else (False,):
                    run = bench_scene(name, quality, stock)
                    runs.setdefault((name, stock), []).append(run)
                    show(run)
        rows.extend(dict(combined(found), measured=today) for found in runs.values())
    if not args.no_shot:
        for quality in args.shot_qualities.split(","):
            for stock in (False, True):
                rows.append(dict(bench_shot(quality, stock), measured=today))
                show(rows[-1])
            fast, slow = rows[-2], rows[-1]
            print(f"3D shot at {quality}: {slow['s_per_video_s'] / fast['s_per_video_s']:.1f}x faster than stock", flush=True)
    noop = noop_make_seconds(weeks[0]) if weeks else None
    OUT.mkdir(parents=True, exist_ok=True)
    saved = OUT / "results.json"
    earlier = json.loads(saved.read_text()).get("rows", []) if saved.exists() else []
    rows = merged(earlier, rows)
    saved.write_text(json.dumps({"rows": rows, "noop_make_s": noop}, indent=1))
    text = report(rows, noop, today)
    (OUT / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
