"""The week's title card: a few seconds of video that open the lecture.

Rendered by manim in the house style at the clips' quality, with the
project's encoder settings, so its packets can be joined to the clips'
without re-encoding anything. Titles come from the course config. A card is
cached like a clip: rendered again only when what it shows (or its code) changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from scenes import caches, leftovers
from scenes.course import Course, Week
from scenes.typeset import latex_text

FADE_IN, HOLD, FADE_OUT = 0.8, 2.6, 0.6
SECONDS = FADE_IN + HOLD + FADE_OUT

def title_lines(title: str) -> tuple[str, str | None]:
    """A long week title splits at its colon: "Derivatives: Single-variable" -> heading, subheading."""
    heading, colon, rest = title.partition(":")
    return (heading.strip(), rest.strip()) if colon and rest.strip() else (title, None)


def render_title_card(course: Course, week: Week, quality: str, output: Path) -> Path:
    """The card at ``output``: copied from the cache when the series and week titles, the list of
    scenes, the quality and the card's code are unchanged; else rendered and cached."""
    cached = cache_path(course, week, quality)
    damage = _damage(cached) if cached.exists() else None
    if damage:
        caches.discard(cached, "title card cache file", damage)
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        rendering = cached.with_name(f".{cached.stem}.{leftovers.work_tag()}.mp4")  # swept if this process is killed
        try:
            _render(course, week, quality, rendering)
            os.replace(rendering, cached)
        finally:
            rendering.unlink(missing_ok=True)
    shutil.copyfile(cached, output)
    return output


def _damage(card: Path) -> str | None:
    """What is wrong with a cached card (truncated, not a video, too short), or None."""
    from av import FFmpegError

    from scenes.narration.audio import AudioError, video_seconds

    try:
        seconds = float(video_seconds(card))
    except (AudioError, FFmpegError, OSError) as error:  # their reason, without the path again
        return f"not a readable video: {getattr(error, 'strerror', None) or error}"
    return None if abs(seconds - SECONDS) < 0.5 else f"{seconds:.2f} s long, not {SECONDS:g} s"


CARD_CODE = ("scenes/publish/titlecard.py", "scenes/kit/look.py", "scenes/kit/palette.py", "scenes/theme.py", "scenes/publish/logo.py", "scenes/render.py", "scenes/encoding.py", "manim.cfg")


def cache_path(course: Course, week: Week, quality: str) -> Path:
    """Where the card for these titles, scenes, quality and code is kept (``renders/.cache/titlecards``)."""
    from scenes.course import ROOT

    digest = hashlib.sha256(json.dumps([course.title, week.number, week.title, [s.title for s in week.scenes], quality,
                                        course.theme.digest()]).encode())  # the theme: colours, font, logo
    for name in CARD_CODE:
        digest.update((ROOT / name).read_bytes())
    return ROOT / "renders" / ".cache" / "titlecards" / f"week{week.number}-{quality}-{digest.hexdigest()[:16]}.mp4"


def _render(course: Course, week: Week, quality: str, output: Path) -> Path:
    """Render the card to ``output`` (in this process: manim's config is set for it)."""
    from scenes.render import configure, tex_cache

    work = output.parent / f".{output.stem}.work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        configure(quality, work, tex_cache(f"TitleCard-week{week.number}"))
        card = _title_card_class()(course.title, week, _logo_plate(work))
        card.render()
        shutil.move(card.renderer.file_writer.movie_file_path, output)
        return output
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _logo_plate(folder: Path) -> Path | None:
    """The card's background with the course logo in its corner (``[theme] logo``), or None without a logo."""
    from manim import config
    from PIL import Image

    from scenes.kit import palette
    from scenes.publish import logo

    if palette.LOGO is None:
        return None
    plate = Image.new("RGB", (config.pixel_width, config.pixel_height), palette.BACKGROUND)
    path = folder / "logo-plate.png"
    logo.stamped(plate, palette.LOGO).save(path)
    return path


def _title_card_class() -> type:
    from functools import partial

    from manim import DOWN, LEFT, UP, Camera, FadeIn, FadeOut, Scene, VGroup, config

    from scenes.kit import look as style

    class TitleCard(Scene):
        def __init__(self, series: str, week: Week, plate: Path | None = None) -> None:
            self.series, self.week = series, week
            super().__init__(camera_class=partial(Camera, background_image=str(plate)) if plate else Camera)

        def construct(self) -> None:
            self.camera.background_color = style.BACKGROUND
            heading, subheading = title_lines(self.week.title)
            parts = [
                style.words(latex_text(self.series), size=style.LABEL_SIZE, color=style.MUTED),
                style.words(f"Week {self.week.number}", size=style.TEXT_SIZE, color=style.ACCENT),
                style.words(latex_text(heading), size=style.TITLE_SIZE + 8),
            ]
            if subheading:
                parts.append(style.words(latex_text(subheading), size=style.TITLE_SIZE - 6))
            contents = [style.words(f"{i}. {latex_text(s.title)}", size=style.LABEL_SIZE, color=style.MUTED)
                        for i, s in enumerate(self.week.scenes, start=1)]
            card = VGroup(*parts).arrange(DOWN, buff=0.35)
            if contents:
                listing = VGroup(*contents).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
                step = max(item.height for item in contents) + 0.12
                for i, item in enumerate(contents):  # even baselines: each row's number on a fixed step
                    item.shift((contents[0][0][0].get_bottom()[1] - i * step - item[0][0].get_bottom()[1]) * UP)
                card = VGroup(card, listing).arrange(DOWN, buff=0.7)
            room = (config.frame_width - 2 * style.EDGE, config.frame_height - 2 * style.EDGE)
            if card.width > room[0]:
                card.scale_to_fit_width(room[0])
            if card.height > room[1]:
                card.scale_to_fit_height(room[1])
            card.move_to([0, 0, 0])
            self.play(FadeIn(card, shift=0.2 * UP), run_time=FADE_IN)
            self.wait(HOLD, frozen_frame=True)
            self.play(FadeOut(card), run_time=FADE_OUT)

    return TitleCard
