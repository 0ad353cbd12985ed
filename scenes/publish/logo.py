"""The course logo (``[theme] logo``, an SVG or PNG) on title cards, thumbnails and the page.

It goes in the bottom-right corner: of the four, the one the clips leave emptiest (over every key frame
in tests/references, a box of 6% of the width in that corner has ink in 7 frames of 182; the top-left
corner holds every scene's title). Manim-free: thumbnails and pages are made without it.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
from PIL import Image

WIDTH = 0.06  # of the frame's width: the largest box the clips leave nearly empty in that corner
MARGIN = 0.015  # of the frame's width, from the right and bottom edges


def rgba(logo: Path, height: int) -> Image.Image:
    """The logo as an RGBA image ``height`` pixels tall (an SVG rasterised by cairosvg at that size)."""
    if logo.suffix.lower() == ".svg":
        import cairosvg  # here: only a course with an SVG logo needs it

        image = Image.open(io.BytesIO(cairosvg.svg2png(url=str(logo), output_height=height * 2))).convert("RGBA")
    else:
        image = Image.open(logo).convert("RGBA")
    return image.resize((max(1, round(image.width * height / image.height)), height), Image.Resampling.LANCZOS)


def box(size: tuple[int, int], logo: Path) -> tuple[int, int, Image.Image]:
    """Where (left, top) and as what image the logo sits on a ``size`` picture: bottom-right, WIDTH wide at most."""
    width, height = size
    fitted = rgba(logo, max(1, round(width * WIDTH * 0.5)))  # a first, wide-enough guess of its height
    scale = min(1.0, width * WIDTH / fitted.width)
    if scale < 1:
        fitted = fitted.resize((max(1, round(fitted.width * scale)), max(1, round(fitted.height * scale))), Image.Resampling.LANCZOS)
    margin = round(width * MARGIN)
    return width - margin - fitted.width, height - margin - fitted.height, fitted


def stamped(image: Image.Image, logo: Path | None) -> Image.Image:
    """``image`` (RGB) with the logo in its corner; unchanged without a logo."""
    if logo is None:
        return image
    left, top, fitted = box(image.size, logo)
    out = image.convert("RGBA")
    out.alpha_composite(fitted, (left, top))
    return out.convert("RGB")


def on_background(logo: Path, height: int, background: str) -> np.ndarray:
    """The logo flattened onto ``background`` (an RGB array), for a renderer without alpha (the title card)."""
    picture = rgba(logo, height)
    canvas = Image.new("RGBA", picture.size, background)
    canvas.alpha_composite(picture)
    return np.asarray(canvas.convert("RGB"))


def data_url(logo: Path) -> str:
    """The logo file as a ``data:`` URL (the page works from disk, with no file beside it)."""
    mime = "image/svg+xml" if logo.suffix.lower() == ".svg" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(logo.read_bytes()).decode()}"
