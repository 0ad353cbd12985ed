"""The one shared look of every lecture scene, and the base class that gives
each scene its parameters, pacing, narration captions and chapters.

Scenes import what they need from here; nothing in here computes math: every
number and curve comes from :mod:`calcviz`.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UL,
    Axes,
    DecimalNumber,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    Scene,
    SingleStringMathTex,
    Tex,
    Text,
    VGroup,
    VMobject,
    config,
)

from calcviz import geometry
from calcviz.view import nice_step, value_window
from scenes import encoding
from scenes.course import load_course

# ------------------------------------------------------------------ palette
BACKGROUND = "#111318"
FOREGROUND = "#ece6e2"
MUTED = "#8a8f98"
AXIS = "#6b7280"
FUNCTION = "#58c4dd"  # f (a scene's `function_color` parameter overrides it)
DERIVATIVE = "#83c167"  # f'
TANGENT = "#ffd166"  # tangent lines, linear approximations
SECANT = "#fc6255"  # secants, errors
ACCENT = "#c59cf2"  # highlights, points of interest
CONVEX = "#83c167"
CONCAVE = "#fc6255"
POSITIVE_AREA = "#83c167"  # signed area above the x-axis (counts +)
NEGATIVE_AREA = "#fc6255"  # signed area below it (counts -)

TITLE_SIZE = 44
TEXT_SIZE = 34
FORMULA_SIZE = 38
LABEL_SIZE = 28
EDGE = 0.35  # margin kept free at the frame's edges



# ------------------------------------------------------------------ building blocks
def formula(*tex: str, size: float = FORMULA_SIZE, color: str = FOREGROUND) -> MathTex:
    return MathTex(*tex, font_size=size, color=color)


def words(text: str, size: float = TEXT_SIZE, color: str = FOREGROUND) -> Tex:
    return Tex(text, font_size=size, color=color)


def readout(value: float, decimals: int = 4, size: float = FORMULA_SIZE, color: str = FOREGROUND) -> "Readout":
    """A number that animates cheaply (see :class:`Readout`)."""
    return Readout(value, decimals=decimals, font_size=size, color=color)


_GLYPHS = "-0123456789."


@lru_cache(maxsize=None)
def _glyph_font(font_size: float) -> tuple[dict[str, tuple[np.ndarray, float]], float, float]:
    """Each readout glyph's outline (centred on x = 0) and width, the digits' advance and widest digit."""
    tex = SingleStringMathTex(_GLYPHS, font_size=font_size)
    glyphs = {}
    for char, part in zip(_GLYPHS, tex.submobjects):
        points = part.points.copy()
        points[:, 0] -= part.get_center()[0]
        glyphs[char] = (points, part.width)
    digits = tex.submobjects[1:11]
    advance = (digits[-1].get_center()[0] - digits[0].get_center()[0]) / 9
    return glyphs, advance, max(digit.width for digit in digits)


class Readout(VMobject):
    """A decimal number that changes every frame for the cost of a few array copies.

    manim's ``DecimalNumber.set_value`` deep-copies a glyph mobject per
    character on every call (~45 ms a frame here); this keeps one outline per
    glyph, rendered once by LaTeX, and only moves points.  Digits sit on a
    fixed-width grid so the number does not jitter as it changes.
    """

    def __init__(self, value: float, decimals: int = 3, font_size: float = FORMULA_SIZE, color: str = FOREGROUND) -> None:
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_width=0)
        self.decimals = decimals
        self.font_size_ = font_size
        self.value = value
        self._layout(self._text(value), np.zeros(3))

    def _text(self, value: float) -> str:
        if not np.isfinite(value):
            raise ValueError(f"a readout cannot show {value}")
        text = f"{value:.{self.decimals}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text  # no "-0.000"

    def _layout(self, text: str, origin: np.ndarray) -> None:
        """Lay ``text`` out with its first cell's baseline corner at ``origin``."""
        glyphs, advance, digit_width = _glyph_font(self.font_size_)
        while len(self.submobjects) < len(text):
            self.add(VMobject(fill_color=self.fill_color, fill_opacity=self.get_fill_opacity(), stroke_width=0))
        for spare in self.submobjects[len(text):]:
            # Emptied, not removed: a play that began with the longer number keeps drawing its glyphs.
            spare.clear_points()
        cursor = 0.0
        for char, glyph in zip(text, self.submobjects):  # spare glyphs beyond the text stay empty
            points, width = glyphs[char]
            cell = advance if char.isdigit() else width + (advance - digit_width)
            glyph.points = points + origin + np.array([cursor + cell / 2, 0.0, 0.0])
            cursor += cell
        self._corner_offset = self.get_corner(DOWN + LEFT) - origin

    def set_value(self, value: float) -> "Readout":
        self.value = value
        self._layout(self._text(value), self.get_corner(DOWN + LEFT) - self._corner_offset)
        return self

    def get_value(self) -> float:
        return self.value


class Panel:
    """The column beside the axes where text stacks top-down, left-aligned, always inside the frame.

    ``place`` shrinks a mobject that is too wide for the column, then puts it
    below the previously placed one (or below ``below``).
    """

    def __init__(self, left: float, top: float, right: float | None = None) -> None:
        self.left = left
        self.top = top
        self.right = config.frame_width / 2 - EDGE if right is None else right
        self.last = None

    @classmethod
    def beside(cls, axes: Axes, gap: float = 0.6) -> "Panel":
        return cls(left=axes.get_right()[0] + gap, top=axes.get_top()[1])

    def place(self, mob, below=None, buff: float = 0.45):
        width = self.right - self.left
        if mob.width > width:
            mob.scale_to_fit_width(width)
        anchor = below if below is not None else self.last
        top = self.top if anchor is None else anchor.get_bottom()[1] - buff
        room = top - (-config.frame_height / 2 + EDGE)
        if mob.height > room > 0.5 * mob.height:  # squeeze a little rather than leave the frame
            mob.scale_to_fit_height(room)
        mob.move_to([self.left + mob.width / 2, top - mob.height / 2, 0])
        self.last = mob
        return mob


def tex_number(x: float, digits: int = 4) -> str:
    """LaTeX for a number: up to ``digits`` significant digits, scientific when tiny or huge."""
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e5:
        text = f"{x:.{digits}g}"
        return text if "e" not in text else f"{x:.{digits}f}".rstrip("0").rstrip(".")
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def make_axes(
    x_window: tuple[float, float, float],
    y_window: tuple[float, float, float],
    width: float,
    height: float,
    x_label: str = "x",
    y_label: str = "y",
    numbers: bool = True,
) -> Axes:
    """Axes in the house style; windows are ``(lo, hi, step)`` from :mod:`calcviz.view`."""
    axes = Axes(
        x_range=list(x_window),
        y_range=list(y_window),
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": AXIS, "stroke_width": 2, "include_numbers": numbers, "font_size": 22,
                     "line_to_number_buff": 0.15, "decimal_number_config": {"num_decimal_places": _decimals(x_window[2]), "color": MUTED}},
        y_axis_config={"decimal_number_config": {"num_decimal_places": _decimals(y_window[2]), "color": MUTED}},
    )
    labels = axes.get_axis_labels(MathTex(x_label, font_size=LABEL_SIZE, color=MUTED), MathTex(y_label, font_size=LABEL_SIZE, color=MUTED))
    axes.add(labels)
    return axes


def _decimals(step: float) -> int:
    digits = 0
    while abs(step * 10**digits - round(step * 10**digits)) > 1e-9 and digits < 6:
        digits += 1
    return digits


def window_for(f, lo: float, hi: float, samples: int = 400) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """Nice x and y windows (lo, hi, step) showing f over [lo, hi]."""
    xs = np.linspace(lo, hi, samples)
    x_window = (lo, hi, nice_step(hi - lo))
    return x_window, value_window(f(xs))


def axes_box(axes: Axes) -> tuple[float, float, float, float]:
    (x0, x1, _), (y0, y1, _) = axes.x_range, axes.y_range
    return (x0, x1, y0, y1)


def to_scene(axes: Axes, xy: np.ndarray) -> np.ndarray:
    """Map an (n, 2) array of graph coordinates to scene points (linear axes)."""
    origin = axes.c2p(0, 0)
    ex = axes.c2p(1, 0) - origin
    ey = axes.c2p(0, 1) - origin
    xy = np.atleast_2d(xy)
    return origin + np.outer(xy[:, 0], ex) + np.outer(xy[:, 1], ey)


def graph(axes: Axes, f, lo: float | None = None, hi: float | None = None, color: str = FUNCTION, width: float = 4) -> VGroup:
    """The graph of a calcviz Function, clipped to the axes and broken at poles."""
    x0, x1, y0, y1 = axes_box(axes)
    lo = x0 if lo is None else max(lo, x0)
    hi = x1 if hi is None else min(hi, x1)
    pieces = VGroup()
    for segment in geometry.graph_segments(f, lo, hi, (y0, y1)):
        piece = VMobject(stroke_color=color, stroke_width=width)
        piece.set_points_smoothly(to_scene(axes, segment)) if len(segment) > 2 else piece.set_points_as_corners(to_scene(axes, segment))
        piece.x_span = (float(segment[0, 0]), float(segment[-1, 0]))
        pieces.add(piece)
    return pieces


def line_ends(axes: Axes, x: float, y: float, slope: float) -> np.ndarray:
    """Scene endpoints of the line through (x, y) with ``slope``, clipped to the axes' box."""
    p0, p1 = geometry.line_in_box((x, y), slope, axes_box(axes))
    return to_scene(axes, np.array([p0, p1]))


def line_through(axes: Axes, x: float, y: float, slope: float, color: str = TANGENT, width: float = 3) -> Line:
    """The line through (x, y) with ``slope``, clipped to the axes' box."""
    start, end = line_ends(axes, x, y, slope)
    return Line(start, end, color=color, stroke_width=width)


def move_line(line: Line, start: np.ndarray, end: np.ndarray) -> Line:
    """Re-point a line in place: far cheaper per frame than ``put_start_and_end_on``."""
    line.set_points_as_corners(np.array([start, end]))
    return line


def point_at(axes: Axes, x: float, y: float) -> np.ndarray:
    return to_scene(axes, np.array([[x, y]]))[0]


def segment(axes: Axes, p0, p1, color: str = SECANT, width: float = 3) -> Line:
    """The segment p0-p1 extended across the axes' box (a secant line), clipped to it."""
    (x0, y0), (x1, y1) = p0, p1
    return line_through(axes, x0, y0, (y1 - y0) / (x1 - x0), color=color, width=width)


def fixed_map(axes: Axes):
    """:func:`to_scene` for axes that stay put, with the map worked out once.

    ``axes.c2p`` costs about half a millisecond a call, which adds up in
    updaters that run every frame.
    """
    origin = axes.c2p(0, 0)
    basis = np.array([axes.c2p(1, 0) - origin, axes.c2p(0, 1) - origin])

    def mapped(xy: np.ndarray) -> np.ndarray:
        return origin + np.atleast_2d(xy) @ basis

    return mapped


def polyline_points(corners: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """Bezier points of the straight polyline through ``corners`` (scene points), for ``vmobject.points``.

    Much cheaper per frame than ``set_points_as_corners``.  With ``keep``,
    only segments joining two kept corners are drawn: each run where ``keep``
    holds becomes its own subpath.  Non-finite corners are never kept.
    """
    kept = np.all(np.isfinite(corners), axis=1)
    if keep is not None:
        kept &= keep
    joined = kept[:-1] & kept[1:]
    starts, ends = corners[:-1][joined], corners[1:][joined]
    step = (ends - starts) / 3
    return np.stack([starts, starts + step, ends - step, ends], axis=1).reshape(-1, 3)


class LiveReadout(Readout):
    """A :class:`Readout` drawn as one path (all its glyphs' outlines in one VMobject).

    A readout that changes every frame is redrawn every frame; one path
    instead of a mobject per glyph makes that several times cheaper, and
    leaves no glyph behind when the number gets shorter (manim fixes the
    list of mobjects it redraws when a play starts).
    """

    def _layout(self, text: str, origin: np.ndarray) -> None:
        glyphs, advance, digit_width = _glyph_font(self.font_size_)
        outlines, cursor = [], 0.0
        for char in text:
            points, width = glyphs[char]
            cell = advance if char.isdigit() else width + (advance - digit_width)
            outlines.append(points + origin + np.array([cursor + cell / 2, 0.0, 0.0]))
            cursor += cell
        self.points = np.concatenate(outlines)
        self._corner_offset = self.get_corner(DOWN + LEFT) - origin


def live_readout(value, decimals: int = 4, size: float = FORMULA_SIZE, color: str = FOREGROUND) -> LiveReadout:
    """A :class:`LiveReadout` that follows ``value()`` (a callable) every frame; frames where the value rests cost nothing."""
    number = LiveReadout(value(), decimals=decimals, font_size=size, color=color)
    number.add_updater(lambda mob: mob.set_value(value()) if value() != mob.get_value() else None)
    return number


def live_row(label: str, value, decimals: int = 4, color: str = FOREGROUND) -> VGroup:
    """``label`` (LaTeX) followed by a :func:`live_readout` of ``value()``, in one colour."""
    return VGroup(formula(label, color=color), live_readout(value, decimals=decimals, color=color)).arrange(RIGHT, buff=0.2)


class SignedArea(VGroup):
    """The region between a sampled curve and the x-axis, filled by sign: above counts +, below counts -.

    ``set_samples`` re-shapes the two polygons in place, cheaply enough to
    follow a sweeping x every frame (the axes must not move meanwhile).
    """

    def __init__(self, axes: Axes, xs: np.ndarray, ys: np.ndarray, opacity: float = 0.4) -> None:
        super().__init__(*[VMobject(fill_color=color, fill_opacity=opacity, stroke_width=0) for color in (POSITIVE_AREA, NEGATIVE_AREA)])
        self.to_scene = fixed_map(axes)
        self.set_samples(xs, ys)

    def set_samples(self, xs: np.ndarray, ys: np.ndarray) -> "SignedArea":
        for part, heights in zip(self.submobjects, (np.maximum(ys, 0.0), np.minimum(ys, 0.0))):
            outline = np.column_stack([np.r_[xs[0], xs, xs[-1], xs[0]], np.r_[0.0, heights, 0.0, 0.0]])
            part.points = polyline_points(self.to_scene(outline))
        return self


TEXT_TYPES = (Text, SingleStringMathTex, DecimalNumber, Readout)  # what the layout check treats as text


# ------------------------------------------------------------------ the base scene
class EncodedScene(Scene):
    """A scene on the house background whose video is encoded in a second process (scenes/encoding.py)."""

    def setup(self) -> None:
        self.camera.background_color = BACKGROUND
        self._encoder = encoding.use_encoder_process(self.renderer) if encoding.ENABLED else None

    def render(self, preview: bool = False) -> bool:
        try:
            return super().render(preview)
        finally:
            if self._encoder is not None:
                self._encoder.stop()


class LectureScene(EncodedScene):
    """A lecture segment: parameters from the course config, paced, captioned, chaptered.

    A scene is told as *beats*: ``self.beat(name, caption)`` starts a chapter
    (a manim section) and its narration caption, which lasts until the next
    beat.  ``self.t(seconds)`` scales a duration by the scene's ``pace``.
    """

    def setup(self) -> None:
        super().setup()
        self.entry = load_course().scene(type(self).__name__)
        self.params = self.entry.params
        self._caption: tuple[str, float] | None = None
        self._probe = LayoutProbe.from_environment()

    def get_moving_mobjects(self, *animations):
        """Redraw per frame only what animates or has an updater.

        manim treats everything after the first moving mobject as moving, so
        a static label added after a live readout was redrawn every frame.
        Here moving mobjects are drawn over the static frame instead: the only
        difference is stacking where a moving thing crosses a later static one.
        """
        animated = set()
        for animation in animations:
            animated.update(animation.mobject.get_family())
            for inner in getattr(animation, "animations", ()):
                animated.update(inner.mobject.get_family())
        foreground = set(self.foreground_mobjects)
        family = self.get_mobject_family_members()
        moving = [m for m in family if m in animated or m.updaters or m in foreground]
        if not moving:
            return []
        lowest = min(m.z_index for m in moving)  # static things raised above a moving one stay above it
        return [m for m in family if m in animated or m.updaters or m in foreground or m.z_index > lowest]

    def t(self, seconds: float) -> float:
        return seconds * self.params.pace

    def pause(self, seconds: float = 1.0) -> None:
        """Hold still: one frozen frame, repeated (updaters only follow trackers, which rest now)."""
        self.wait(self.t(seconds), frozen_frame=True)

    def beat(self, name: str, caption: str) -> None:
        """Start a chapter called ``name``, narrated by ``caption`` until the next beat."""
        self._end_beat()
        self.next_section(name)
        self._caption = (caption, self.time)

    def _end_beat(self) -> None:
        if self._caption is None:
            return
        text, start = self._caption
        duration = self.time - start
        if duration > 0:
            self.add_subcaption(text, duration=duration, offset=-duration)
        if self._probe:
            self._probe.record(self, text)
        self._caption = None

    def tear_down(self) -> None:
        self._end_beat()
        if self._probe:
            self._probe.write()

    def show_title(self) -> Tex:
        """The opening card: week and title; returns the small header kept on screen."""
        week = words(f"Week {self.entry.week}", size=TEXT_SIZE, color=MUTED)
        title = words(self.entry.title, size=TITLE_SIZE + 8)
        card = VGroup(week, title).arrange(DOWN, buff=0.3)
        self.play(FadeIn(card, shift=0.3 * UP), run_time=self.t(1.2))
        self.pause(1.5)
        header = words(self.entry.title, size=TEXT_SIZE, color=MUTED).to_corner(UL, buff=EDGE)
        self.play(FadeOut(week), title.animate.become(header), run_time=self.t(1.0))
        return title


# ------------------------------------------------------------------ layout probe (tests)
class LayoutProbe:
    """Records, at the end of each beat, the frame and the box of every text on screen.

    Enabled by ``$CALCVIZ_PROBE`` (an output path prefix); the tests use it to
    check that no text leaves the frame or overlaps another, and to compare
    key frames against references.
    """

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.beats: list[dict] = []
        self.frames: list[np.ndarray] = []

    @classmethod
    def from_environment(cls) -> "LayoutProbe | None":
        prefix = os.environ.get("CALCVIZ_PROBE")
        return cls(Path(prefix)) if prefix else None

    def record(self, scene: Scene, caption: str) -> None:
        boxes = [self._box(m) for m in _visible_texts(scene.mobjects)]
        self.beats.append({"caption": caption, "time": scene.time, "texts": boxes})
        self.frames.append(scene.renderer.get_frame()[:, :, :3].copy())  # the last frame the viewer saw

    @staticmethod
    def _box(mob) -> dict:
        (x0, y0, _), (x1, y1, _) = mob.get_corner(LEFT + DOWN), mob.get_corner(RIGHT + UP)
        label = getattr(mob, "tex_string", None) or getattr(mob, "text", None) or type(mob).__name__
        return {"label": str(label)[:60], "box": [float(x0), float(y0), float(x1), float(y1)]}

    def write(self) -> None:
        frame = {"width": config.frame_width, "height": config.frame_height}
        self.prefix.with_suffix(".json").write_text(json.dumps({"frame": frame, "beats": self.beats}, indent=1))
        np.savez_compressed(self.prefix.with_suffix(".npz"), *self.frames)


def _visible_texts(mobjects) -> list:
    found = []
    for mob in mobjects:
        if isinstance(mob, TEXT_TYPES):
            if _is_visible(mob):
                found.append(mob)
        else:
            found.extend(_visible_texts(mob.submobjects))
    return found


def _is_visible(mob) -> bool:
    family = mob.family_members_with_points()
    return any(m.get_fill_opacity() > 0.05 or m.get_stroke_opacity() > 0.05 for m in family)
