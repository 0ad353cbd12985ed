"""Slides for class: one scene's manim-slides render at tiny quality, built into the offline HTML
presentation, checked against the clip of the same scene and loaded in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from scenes.course import ROOT, load_course
from scenes.publish.captions import parse_srt
from scenes.publish.slides import SlidesError, build_presentation, build_week
from tests.test_publish import ARTIFACTS, chromium, local_urls, network_urls, once_per_run, publish_week3_once

SCENE = "SecantToTangent"


@pytest.fixture(scope="session")
def published(tmp_path_factory, worker_id) -> Path:
    """Week 3 published at tiny quality (the same run as tests/test_publish.py's, shared by all workers)."""
    return publish_week3_once(tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def presentation(published, tmp_path_factory, worker_id) -> tuple[Path, Path]:
    """SCENE's slides rendered by the command line, then built into a presentation; (JSON, HTML)."""

    def build(folder: Path) -> dict:
        slides = folder / ".slide-renders" / f"{SCENE}.json"
        tex = published.parent.parent.parent / "tex"  # the publish run's LaTeX cache: same formulas
        result = subprocess.run([sys.executable, "-m", "scenes", "slides", "render", SCENE, "--quality", "tiny", "--output", str(slides)],
                                cwd=ROOT, env=dict(os.environ, CALCVIZ_TEX_CACHE=str(tex), NARRATION="fake",  # timed like the published clips
                                                   CALCVIZ_VOICE_CACHE=str(tex.parent / "voice")),
                                capture_output=True, text=True, timeout=900, check=False)
        if result.returncode == 0:
            build_presentation([slides], folder / "presentation" / "index.html", "Week 3 (test)")
        return {"returncode": result.returncode, "stderr": result.stderr[-3000:]}

    folder, result = once_per_run(tmp_path_factory, worker_id, "slides-" + SCENE, build)
    assert result["returncode"] == 0, result["stderr"]
    return folder / ".slide-renders" / f"{SCENE}.json", folder / "presentation" / "index.html"


def video_seconds(path: Path) -> float:
    with av.open(str(path)) as container:
        return container.duration / av.time_base


def beats_of(clip: Path) -> list[str]:
    with av.open(str(clip)) as container:
        return [c["metadata"]["title"] for c in container.chapters()]


def test_one_slide_per_beat_with_the_narration_as_notes(presentation, published):
    slides, html = presentation
    captions = parse_srt((published / "week3" / f"{SCENE}.srt").read_text())
    beats = beats_of(published / "week3" / f"{SCENE}.mp4")
    data = json.loads(slides.read_text())
    assert len(data["slides"]) == len(beats) >= 4
    assert " ".join(s["notes"] for s in data["slides"]) == " ".join(c.text.replace("\n", " ") for c in captions)
    assert html.read_text().count("data-background-video=") == len(beats)


def test_slides_hold_the_whole_clip(presentation, published):
    slides, _ = presentation
    data = json.loads(slides.read_text())
    files = [slides.parent.parent / s["file"] for s in data["slides"]]
    clip = video_seconds(published / "week3" / f"{SCENE}.mp4")
    assert sum(video_seconds(f) for f in files) == pytest.approx(clip, abs=len(files) / 5)


def test_presentation_works_offline_in_chromium(presentation, published):
    _, html = presentation
    text = html.read_text()
    assert network_urls(text) == []
    local = local_urls(text)
    assert local and all((html.parent / url).exists() for url in local), "every asset is beside the page"
    beats = len(beats_of(published / "week3" / f"{SCENE}.mp4"))
    with tempfile.TemporaryDirectory() as profile:
        browser = chromium(Path(profile), 1280, 720)
        try:
            browser.get(html.as_uri())
            state = browser.execute_async_script("""
const done = arguments[arguments.length - 1];
const wait = () => (typeof Reveal !== "undefined" && Reveal.isReady()) ? go() : setTimeout(wait, 50);
function go() {
  Reveal.slide(Reveal.getTotalSlides() - 1);
  const poll = () => {
    const video = Reveal.getSlideBackground(Reveal.getIndices().h).querySelector("video");
    if (video && video.readyState >= 2) done({total: Reveal.getTotalSlides(), index: Reveal.getIndices().h, duration: video.duration});
    else setTimeout(poll, 50);
  };
  poll();
}
wait();
""")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(ARTIFACTS / "slides.png"))
        finally:
            browser.quit()
    assert state["total"] == beats and state["index"] == beats - 1
    assert state["duration"] > 0
    shot = np.asarray(Image.open(ARTIFACTS / "slides.png").convert("L"), dtype=np.float32)
    assert shot.std() > 5, "the last slide's picture is on screen"


def test_missing_reveal_js_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("CALCVIZ_REVEALJS", str(tmp_path / "nowhere"))
    with pytest.raises(SlidesError, match=re.escape(f"reveal.js is not installed at {tmp_path / 'nowhere'}")):
        build_presentation([tmp_path / "X.json"], tmp_path / "out" / "index.html", "t")


def test_missing_scene_slides_are_named(tmp_path):
    with pytest.raises(SlidesError, match=re.escape(f"{tmp_path / 'X.json'} is missing: render the scene's slides first")):
        build_presentation([tmp_path / "X.json"], tmp_path / "out" / "index.html", "t")


def test_week_without_scenes_has_no_slides(tmp_path):
    path = tmp_path / "course.toml"
    path.write_text('title = "Series"\n\n[[weeks]]\nnumber = 1\ntitle = "Sets"\n')
    course = load_course(path)
    with pytest.raises(SlidesError, match="course.toml: week 1 has no scenes: no slides to make"):
        build_week(course, course.week(1), "tiny", tmp_path)
