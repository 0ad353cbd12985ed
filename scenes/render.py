"""Render one scene of the course to a clip with its narration, safely.

``python -m scenes render SecantToTangent --quality high --output renders/high/week3/SecantToTangent.mp4``

manim's config is global to a process, so this renders exactly one scene per
process, in a private media folder beside the clip (``.<Scene>.<owner>.work``,
named for this process: scenes/leftovers.py) that no other job shares.  The
clip and its captions are moved into place only when the render succeeded; a
failed or interrupted render leaves the previous good clip untouched and no
partial file behind.

After manim has written the video, the narration is added: the video's packets
are copied (never re-encoded) into the clip beside one AAC track encoded from
the beats' speech, with the beats as MP4 chapters.  The track is also kept
losslessly beside the clip (``<Scene>.flac``) so the lecture's audio can be
encoded once from it.  Captions (``<Scene>.srt``) are the narration's sentences.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from scenes import caches, encoding, leftovers
from scenes.failures import leave_tex_errors_to_explain
from scenes.typeset import themed_template
from scenes.lifeline import INTERRUPTED, exit_with_parent, note_interrupts, raise_if_interrupted, verbose
from scenes.course import ROOT, check_theme, load_course

QUALITIES = {  # name: (width, height, frames per second)
    "tiny": (320, 180, 5),
    "low": (854, 480, 15),
    "medium": (1280, 720, 30),
    "high": (1920, 1080, 60),
    "4k": (3840, 2160, 60),
}


def tex_cache(name: str) -> Path:
    """LaTeX outputs are kept per scene between renders (a scene renders in one process at a time)."""
    base = os.environ.get("CALCVIZ_TEX_CACHE") or ROOT / "renders" / ".cache" / "tex"
    return Path(base) / name


def configure(quality: str, media_dir: Path, tex_dir: Path, stock: bool = False) -> None:
    """Set manim's global config for one render; ``stock`` drops this project's tuning."""
    from manim import config

    if not verbose():
        logging.getLogger("manim").setLevel(logging.WARNING)  # else digest_file logs "Reading config file" lines
    config.digest_file(ROOT / "manim.cfg")
    if stock:
        config.video_encoder_options = {}
        config.max_inflight_encoders = 1
        encoding.ENABLED = False
    width, height, fps = QUALITIES[quality]
    config.pixel_width, config.pixel_height, config.frame_rate = width, height, fps
    config.media_dir = str(media_dir)
    config.tex_dir = str(tex_dir)
    config.tex_template = themed_template()  # the theme's font for every Tex and MathTex
    caches.check_tex_folder(tex_dir)  # manim takes an existing SVG as it is
    leave_tex_errors_to_explain(verbose())
    config.disable_caching = True
    config.progress_bar = "none"
    config.verbosity = "INFO" if verbose() else "WARNING"


def scene_class(module_path: str, name: str) -> type:
    dotted = module_path.removesuffix(".py").replace("/", ".")
    return getattr(importlib.import_module(dotted), name)


def render(name: str, quality: str, output: Path, stock: bool = False) -> float:
    """Render scene ``name`` to ``output`` (+ ``.srt``, and ``.flac`` when narrated); returns seconds of video."""
    from scenes.typeset import check_titles

    course = load_course()  # validates the whole config before any work
    check_theme(course)  # readable text, curves a colour-blind viewer tells apart
    check_titles(course)  # remembered: LaTeX runs only for a title not checked before
    entry = course.scene(name)
    return render_class(entry.module, name, quality, output, stock, captions=True)


def render_class(module: str, name: str, quality: str, output: Path, stock: bool = False, captions: bool = True) -> float:
    """Render class ``name`` of ``module`` (a path) to ``output`` safely; returns seconds of video."""
    output = output.resolve()
    leftovers.sweep_folders(f".{output.stem}.*.work", output.parent)  # this clip's, from renders killed outright
    work = output.parent / f".{output.stem}.{leftovers.work_tag()}.work"  # private to this run; same filesystem as output
    work.mkdir(parents=True)
    scene = None
    try:
        configure(quality, work, tex_cache(name), stock)
        scene_type = scene_class(module, name)
        gc.freeze()  # manim's import leaves ~1M objects; without this every full collection walks them all
        scene = scene_type()
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
        output.parent.mkdir(parents=True, exist_ok=True)
        if captions:
            movie = _narrate(scene, movie, work, output)
        raise_if_interrupted()  # an interrupted render never replaces the clip
        os.replace(movie, output)  # last: the clip's mtime says the set is complete
        return scene.time
    finally:
        if hasattr(scene, "close_audio"):
            scene.close_audio()
        shutil.rmtree(work, ignore_errors=True)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _narrate(scene, movie: Path, work: Path, output: Path) -> Path:
    """Captions beside ``output``, the track beside it (or no stale one), and the clip with its audio in ``work``."""
    from scenes.narration import audio
    from scenes.narration.captions import to_srt

    narrator = scene.narrator
    if not narrator.beats:
        raise RuntimeError(f"{type(scene).__name__} produced no captions: every beat needs narration")
    srt = work / "clip.srt"
    srt.write_text(to_srt(narrator.cues()), encoding="utf-8")
    track = narrator.track(float(audio.video_seconds(movie)))
    clip = work / "clip.mp4"
    encoded = scene.encoded_audio(track) if hasattr(scene, "encoded_audio") else None
    audio.mux(movie, clip, track, narrator.chapters(), encoded=encoded)
    os.replace(srt, output.with_suffix(".srt"))
    if track is None:
        output.with_suffix(".flac").unlink(missing_ok=True)
    else:
        audio.write_flac(work / "clip.flac", track)
        os.replace(work / "clip.flac", output.with_suffix(".flac"))
    return clip


def main(argv: list[str]) -> int:
    import argparse

    exit_with_parent()
    note_interrupts(terminate=True)  # Slurm's scancel
    leftovers.sweep(ROOT)  # what renders killed outright left behind

    parser = argparse.ArgumentParser(prog="python -m scenes render", description=__doc__.splitlines()[0])
    parser.add_argument("scene")
    parser.add_argument("--quality", choices=QUALITIES, default="high")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--stock", action="store_true", help="manim's stock encoder settings (benchmarks)")
    parser.add_argument("--module", help="render a class of this module that is not in the course (benchmark shots)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    output = args.output or (ROOT / "renders" / "bench" / f"{args.scene}.mp4" if args.module
                             else ROOT / load_course().scene(args.scene).output(args.quality))
    try:
        if args.module:
            seconds = render_class(args.module, args.scene, args.quality, output, args.stock, captions=False)
        else:
            seconds = render(args.scene, args.quality, output, args.stock)
    except KeyboardInterrupt:
        if verbose():
            raise
        print(f"interrupted: {_shown(output)} not rendered; previous clip kept", file=sys.stderr)
        return INTERRUPTED
    took = time.perf_counter() - started
    print(f"rendered {_shown(output)} ({args.quality}): {seconds:.1f} s of video in {took:.1f} s "
          f"({took / max(seconds, 1e-9):.2f} s per video-second)")
    return 0
