"""Thumbnails: 1280x720 PNGs from frames that have the idea on screen.

A clip's thumbnail is the last frame of its middle beat (found from the
clip's chapters, one per beat): by then that beat's picture is complete, and it
is well past the opening title. Should that frame be blank, the other beats'
last frames are tried, nearest the middle first. A week's thumbnail is its
clip frame with the most on screen, under a band with the week's number and title.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from scenes.publish.chapters import Chapter
from scenes.publish.video import FormatError, frame_at, is_blank

SIZE = (1280, 720)


def beat_end_times(beats: list[Chapter], fps: float) -> list[float]:
    """Times of each beat's last frame, middle beat first, then outwards."""
    middle = len(beats) // 2
    order = sorted(range(len(beats)), key=lambda i: (abs(i - middle), i))
    return [max(beats[i].end - 0.5 / fps, beats[i].start) for i in order]


def clip_frame(clip: Path, beats: list[Chapter], fps: float) -> np.ndarray:
    """The frame a clip's thumbnail shows (RGB array at the clip's size)."""
    for seconds in beat_end_times(beats, fps):
        frame = frame_at(clip, seconds)
        if not is_blank(frame):
            return frame
    raise FormatError(f"{clip.name}: every beat ends on a blank frame; no thumbnail to take")


def fit(frame: np.ndarray, background: str) -> Image.Image:
    """The frame scaled to 1280x720, centred on ``background`` if its shape is not 16:9."""
    image = Image.fromarray(frame)
    scale = min(SIZE[0] / image.width, SIZE[1] / image.height)
    scaled = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", SIZE, background)
    canvas.paste(scaled, ((SIZE[0] - scaled.width) // 2, (SIZE[1] - scaled.height) // 2))
    return canvas


def with_banner(frame: np.ndarray, heading: str, title: str, background: str, foreground: str, muted: str) -> Image.Image:
    """A 1280x720 card: a band with a small heading and a large title, the frame below it, whole."""
    band = 150
    image = Image.new("RGB", SIZE, background)
    picture = Image.fromarray(frame)
    scale = min(SIZE[0] / picture.width, (SIZE[1] - band) / picture.height)
    picture = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.Resampling.LANCZOS)
    image.paste(picture, ((SIZE[0] - picture.width) // 2, band))
    draw = ImageDraw.Draw(image)
    draw.text((40, 22), heading, font=ImageFont.load_default(size=36), fill=muted)
    draw.text((40, 68), title, font=_fitting_font(draw, title, SIZE[0] - 80, start=56), fill=foreground)
    return image


def _fitting_font(draw: ImageDraw.ImageDraw, text: str, width: int, start: int) -> ImageFont.ImageFont:
    size = start
    font = ImageFont.load_default(size=size)
    while size > 18 and draw.textlength(text, font=font) > width:
        size -= 2
        font = ImageFont.load_default(size=size)
    return font


def save_png(image: Image.Image, path: Path) -> None:
    image.save(path, format="PNG", optimize=True)
