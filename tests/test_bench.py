"""scripts/bench.py: repeated runs give the median, and a partial run keeps the other scenes' figures."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("bench", Path(__file__).resolve().parent.parent / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def run(scene: str, render_s: float, video_s: float = 50.0, variant: str = "project", peak: float = 300) -> dict:
    return {"scene": scene, "quality": "high", "variant": variant, "render_s": render_s, "video_s": video_s,
            "s_per_video_s": render_s / video_s, "peak_mb": peak, "size_mb": 3.0}


def test_repeated_renders_report_the_median_and_every_run():
    row = bench.combined([run("A", 30.0, peak=290), run("A", 20.0, peak=310), run("A", 26.0)])
    assert row["render_s"] == 26.0 and row["s_per_video_s"] == pytest.approx(0.52)
    assert row["runs"] == [0.6, 0.4, 0.52] and row["peak_mb"] == 310
    assert "0.52 (0.40-0.60, 3 runs)" in bench.report([row], None)


def test_a_partial_run_replaces_only_the_scenes_it_measured():
    earlier = [dict(run("A", 30.0), measured="2026-11-01 10:00"), dict(run("B", 20.0), measured="2026-11-01 10:00")]
    latest = [dict(run("A", 25.0), measured="2026-11-29 17:30")]
    rows = bench.merged(earlier, latest)
    assert [(r["scene"], r["render_s"]) for r in rows] == [("A", 25.0), ("B", 20.0)]
    text = bench.report(rows, None, today="2026-11-29 17:30")
    assert "| A | high | 0.50 |" in text and "this run" in text
    assert "| B | high | 0.40 |" in text and "2026-11-01 10:00" in text
