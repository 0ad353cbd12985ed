"""Interactive companions: a live plot under a clip on the course page, computed by calcviz.

A scene's panel is declared beside the scene: ``scenes/weekN/panels.py`` holds
one function per scene, named like the scene's module (``secant_to_tangent``
for ``SecantToTangent``), that takes the scene's validated params and returns
a :class:`Panel`.  It never imports manim.

A panel is data, not code.  Its controls (range sliders, choices) index a
table of precomputed *frames*: every number the panel shows, and every moving
shape, is computed here with calcviz for each position of the controls, and
the readouts' text is formatted here too, by the series' number policy
(``scenes/kit/numbers.py``).  The browser only looks frames up
and draws them (``panels.js``, one generic renderer: JSXGraph boards in 2D,
Plotly's gl3d in 3D, KaTeX for TeX made by sympy).  Curves reach the browser
as sampled points, never as formulas, so no text from the course config is
ever compiled in the browser.

Shapes take *refs*: a number, or the name of a frame key whose value changes
with the controls.
"""

from __future__ import annotations

import importlib
import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, is_dataclass
from pathlib import Path

import numpy as np

from scenes.kit.numbers import KINDS, number
from scenes.kit.palette import (ACCENT, DERIVATIVE, FOREGROUND, FUNCTION, MUTED, NEGATIVE_AREA,  # noqa: F401 (the
                                 POSITIVE_AREA, SECANT, TANGENT)  # panels' colours, by the clips' names)
from scenes.params import SCENES_DIR, snake_case

Ref = float | str  # a constant, or the name of a frame key


MAX_FRAMES = 20_000  # keeps a panel's data file small
TINY = 1e-4  # a readout's value smaller than this (and not 0) is shown in scientific notation, as an error is


class PanelError(ValueError):
    """A panel declaration that cannot be published, and why."""


# ------------------------------------------------------------------ controls
@dataclass(frozen=True)
class Slider:
    """A range input over ``values`` (a grid: each value is one frame position)."""

    key: str
    label: str  # TeX
    values: Sequence[float]
    start: float  # shown first: the grid value nearest to it
    format: str = "step"  # the number policy's kind for its value (scenes.kit.numbers): a size picked, or "count"
    shown: Sequence[str] = ()  # the values as written, one each, where digits would mislead (√2, not 1.414)

    def size(self) -> int:
        return len(self.values)

    def start_index(self) -> int:
        return int(np.argmin(np.abs(np.asarray(self.values, float) - self.start)))

    def texts(self) -> list[str]:
        if self.shown:
            if len(self.shown) != len(self.values):
                raise PanelError(f"slider {self.key}: {len(self.shown)} written values for {len(self.values)} positions")
            return list(self.shown)
        return [number_text(v, self.format) for v in self.values]


@dataclass(frozen=True)
class Choice:
    """Radio buttons over named options (``labels`` as shown)."""

    key: str
    label: str
    options: Sequence[str]
    start: str
    labels: Sequence[str] = ()

    def size(self) -> int:
        return len(self.options)

    def start_index(self) -> int:
        return list(self.options).index(self.start)

    def texts(self) -> list[str]:
        return list(self.labels or self.options)


# ------------------------------------------------------------------ 2D shapes (a JSXGraph board)
@dataclass(frozen=True)
class Curve:
    """Polylines: sampled pieces (a list of (k, 2) arrays), or a frame key holding such a list."""

    pieces: object
    color: str = FUNCTION
    width: float = 3
    dash: bool = False
    shift: Ref = 0.0  # moved up by this (a frame key: one sampled curve slides, e.g. F + C)
    transform: tuple = ()  # (a, b, c, d) refs: each sampled (u, v) drawn at (u/b + c, a v + d), the graph of a f(b(x - c)) + d


@dataclass(frozen=True)
class Point:
    x: Ref
    y: Ref
    color: str = ACCENT
    label: str = ""
    size: float = 4
    hollow: bool = False  # a hole in the graph (e.g. where f is undefined)
    label_offset: tuple[float, float] = (8, 10)  # pixels right and up: two labelled points that meet keep their labels apart


@dataclass(frozen=True)
class Dots:
    """Marked points: a (k, 2) array, or a frame key holding one (a sequence's terms, the examples on a line)."""

    points: object
    color: str = ACCENT
    size: float = 3


@dataclass(frozen=True)
class Segment:
    x1: Ref
    y1: Ref
    x2: Ref
    y2: Ref
    color: str = MUTED
    width: float = 2
    dash: bool = True
    arrow: bool = False  # a head at (x2, y2): a vector


@dataclass(frozen=True)
class Line:
    """The whole line through (x, y) with ``slope``."""

    x: Ref
    y: Ref
    slope: Ref
    color: str = TANGENT
    width: float = 2.5
    dash: bool = False


@dataclass(frozen=True)
class Rect:
    """An axis-parallel filled rectangle (bands and windows)."""

    x0: Ref
    x1: Ref
    y0: Ref
    y1: Ref
    color: str = ACCENT
    opacity: float = 0.2


@dataclass(frozen=True)
class Area:
    """The region between a sampled curve ((k, 2) points, x increasing) and the x-axis, from x0 to x1."""

    points: object
    x0: Ref
    x1: Ref
    color: str = POSITIVE_AREA
    opacity: float = 0.45


@dataclass(frozen=True)
class Polygons:
    """Filled polygons: a frame key holding a list of (k, 2) arrays (e.g. Riemann rectangles)."""

    key: str
    color: str = POSITIVE_AREA
    negative_color: str = NEGATIVE_AREA  # for polygons whose signed area is negative
    opacity: float = 0.45


@dataclass(frozen=True)
class Text:
    """Words at (x, y), centred there: ``key`` names a frame key holding the text (made in Python, e.g. a node's
    value), or ``text`` is fixed."""

    x: Ref
    y: Ref
    key: str = ""
    text: str = ""
    color: str = FOREGROUND
    size: float = 14


@dataclass(frozen=True)
class Board:
    """A 2D plot: ``box`` = (xmin, xmax, ymin, ymax), or the frame key of one (ranges that follow a choice),
    drawn shapes in order, its axes named (plain text)."""

    box: tuple[float, float, float, float] | str
    shapes: Sequence[object]
    aspect: float = 1.6  # width / height
    y_axis: bool = True  # False for a number line
    names: tuple[str, str] = ("x", "y")
    axes: bool = True  # False for a diagram (a network), which has no coordinates to read


# ------------------------------------------------------------------ 3D (Plotly gl3d)
@dataclass(frozen=True)
class Surface:
    """z over a grid: ``x`` (m,), ``y`` (n,), ``z`` (n, m); or frame keys for a moving sheet."""

    x: object
    y: object
    z: object
    color: str = FUNCTION
    opacity: float = 0.8  # below 1, so a path or point behind a fold still shows through
    shaded: bool = True  # coloured by height (a plane patch is one flat colour)


@dataclass(frozen=True)
class Path3D:
    """A polyline in space: a frame key holding a (k, 3) array (markers at its points unless ``markers=False``)."""

    key: str
    color: str = TANGENT
    markers: bool = True  # beads at the points: a run's steps; a curve (a slice) is drawn plain
    width: float = 7


@dataclass(frozen=True)
class Point3D:
    x: Ref
    y: Ref
    z: Ref
    color: str = ACCENT
    lifted: bool = True  # drawn a little above z, so it does not sink half into the sheet it sits on


@dataclass(frozen=True)
class Scene3D:
    shapes: Sequence[object]
    box: tuple[float, float, float, float, float, float]  # x, y, z ranges
    camera: tuple[float, float, float] = (1.6, -1.6, 1.1)  # Plotly's eye position
    names: tuple[str, str, str] = ("x", "y", "z")


def lighter(color: str, amount: float) -> str:
    """``color`` (#rrggbb) mixed toward white by ``amount`` (0 to 1): the same hue, a lighter shade.

    >>> lighter("#ff4b3c", 0.5)  # dark's secant colour, halfway to white
    '#ffa59e'
    """
    channels = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def camera(phi: float, theta: float, distance: float = 2.5) -> tuple[float, float, float]:
    """Plotly's eye for a surface scene's camera angles in degrees (phi from straight above, theta around z); far
    enough that the box's corner numbers stay inside the plot."""
    phi, theta = math.radians(phi), math.radians(theta)
    return (distance * math.sin(phi) * math.cos(theta), distance * math.sin(phi) * math.sin(theta), distance * math.cos(phi))


# ------------------------------------------------------------------ the panel
@dataclass(frozen=True)
class Readout:
    """A number shown beside the plot: ``frame[key]``, formatted here by the number policy: ``format`` is its
    kind (value, step, error or count; words pass through)."""

    key: str
    label: str  # TeX
    format: str = "value"


@dataclass(frozen=True)
class Panel:
    controls: Sequence[object]
    views: Sequence[object]
    readouts: Sequence[Readout]
    frames: Sequence[dict]  # one per combination of control positions, the last control varying fastest
    formula: str = ""  # TeX shown above the plot
    note: str = ""  # plain words under the controls

    def frame_count(self) -> int:
        return math.prod(c.size() for c in self.controls)


def frames_over(controls: Sequence[object], frame) -> list[dict]:
    """``frame(*values)`` for every combination of the controls' values, in the order :class:`Panel` expects."""
    grids = [list(c.values) if isinstance(c, Slider) else list(c.options) for c in controls]
    return [frame(*combination) for combination in itertools.product(*grids)]


def number_text(value, kind: str = "value") -> str:
    """A readout's text by the series' number policy (scenes.kit.numbers): exact zero and float noise as 0 (a value's
    with the digits of the values beside it, 0.000), a true minus sign, no e-notation.

    >>> [number_text(v) for v in (1.0, -2/3, 6.123233995736766e-17, float("inf"), "convex")]
    ['1.000', '−0.6667', '0.000', '∞', 'convex']
    >>> number_text(-0.000154, "error"), number_text(0.05, "step"), number_text(12.0, "count"), number_text(1.168e-11)
    ('−1.54 × 10⁻⁴', '0.05', '12', '1.17 × 10⁻¹¹')
    >>> number_text(-4.0, "exact"), number_text(0.5, "exact")
    ('−4', '0.5000')
    """
    if isinstance(value, str):
        return value
    value = float(value)
    if not math.isfinite(value):
        return "undefined" if math.isnan(value) else ("∞" if value > 0 else "−∞")
    if kind == "exact":  # a limit or an integral calcviz found exactly: a whole one as it is, as the clips write it
        kind = "count" if value.is_integer() else "value"
    if kind not in KINDS:
        raise PanelError(f"no number format for a {kind!r}; kinds: {', '.join(KINDS)}, exact")
    a_value = kind == "value"
    if a_value and 0 < abs(value) < TINY:  # 4 digits after nine zeros would not fit a readout's line
        kind = "error"
    text = number(value, kind)
    if a_value and text.lstrip("−-") == "0":
        # a value that is 0 has its neighbours' digits: "0.000" beside "1.000", not a bare "0" (the review: u_y, w)
        return "0" + number(1.0, "value")[1:]
    return text


def grid(lo: float, hi: float, count: int, figures: int = 3, include: Sequence[float] = ()) -> list[float]:
    """``count`` values from lo to hi rounded to ``figures`` significant figures (so shown exactly), plus
    ``include`` (e.g. the clip's own values), in order, without repeats."""
    return _ordered(np.linspace(lo, hi, count), figures, include, descending=lo > hi)


def log_grid(lo: float, hi: float, count: int, figures: int = 3, include: Sequence[float] = ()) -> list[float]:
    """Like :func:`grid`, spaced evenly on a log scale (for h, epsilon, learning rates)."""
    return _ordered(np.geomspace(lo, hi, count), figures, include, descending=lo > hi)


def _ordered(values, figures: int, include: Sequence[float], descending: bool) -> list[float]:
    rounded = {float(f"{v:.{figures}g}") for v in values} | {float(v) for v in include}
    return sorted(rounded, reverse=descending)


def exact_tex(value: float) -> str:
    """TeX of an exact value for a formula: a whole one as it is (1, not 1.000), any other by the number policy."""
    from scenes.kit.numbers import number_tex

    return str(int(value)) if float(value).is_integer() else number_tex(value)


def graph_box(f, lo: float, hi: float, *more) -> tuple[float, float, float, float]:
    """A board box showing f (and any ``more`` functions) over [lo, hi], as the clips frame it."""
    from calcviz.view import value_window

    xs = np.linspace(lo, hi, 400)
    with np.errstate(all="ignore"):
        values = np.concatenate([np.asarray(g(xs), float).ravel() for g in (f, *more)])
    y0, y1, _ = value_window(values)
    return (float(lo), float(hi), y0, y1)


def graph_pieces(f, box, samples: int = 400) -> list[np.ndarray]:
    """f's graph inside the box, broken at poles (calcviz.geometry)."""
    from calcviz.geometry import graph_segments

    x0, x1, y0, y1 = box
    return graph_segments(f, x0, x1, (y0, y1), samples=samples)


def thinned(points: np.ndarray, most: int = 50) -> np.ndarray:
    """At most about ``most`` of a polyline's points, the ends kept (drawing only: keeps the panel's data small)."""
    every = max(1, int(np.ceil(len(points) / most)))
    return np.vstack([points[:-1:every], points[-1:]])


# ------------------------------------------------------------------ discovery and serialisation
def panel_function(scene: str, module: str):
    """The function declaring ``scene``'s panel in its week's ``panels.py``, or None."""
    week_folder = Path(module).parent.name
    if not (SCENES_DIR / week_folder / "panels.py").exists():
        return None
    panels = importlib.import_module(f"scenes.{week_folder}.panels")
    return getattr(panels, snake_case(scene), None)


def build_panel(entry) -> Panel | None:
    """The panel of a course entry (a :class:`scenes.course.SceneEntry`), checked; None if its scene has none."""
    declare = panel_function(entry.name, entry.module)
    if declare is None:
        return None
    panel = declare(entry.params)
    check(panel, entry.name)
    return panel


def check(panel: Panel, scene: str) -> None:
    where = f"the panel of {scene}"
    if not panel.controls:
        raise PanelError(f"{where} has no control")
    if len(panel.frames) != panel.frame_count():
        raise PanelError(f"{where} has {len(panel.frames)} frames for {panel.frame_count()} control positions")
    if panel.frame_count() > MAX_FRAMES:
        raise PanelError(f"{where} has {panel.frame_count()} frames (at most {MAX_FRAMES}): use coarser slider grids")
    keys = set(panel.frames[0])
    for readout in panel.readouts:
        if readout.key not in keys:
            raise PanelError(f"{where}: readout {readout.key!r} is not a key of its frames ({', '.join(sorted(keys))})")
    for view in panel.views:
        if isinstance(getattr(view, "box", None), str) and view.box not in keys:
            raise PanelError(f"{where}: {type(view).__name__}.box refers to {view.box!r}, not a key of its frames")
        for shape in view.shapes:
            for name, value in [(n, v) for n, vs in vars(shape).items() for v in (vs if n == "transform" else [vs])]:
                if isinstance(value, str) and value and name in _REF_FIELDS | {"transform"} and value not in keys:
                    raise PanelError(f"{where}: {type(shape).__name__}.{name} refers to {value!r}, not a key of its frames")


_REF_FIELDS = {"x", "y", "z", "x1", "y1", "x2", "y2", "x0", "slope", "key", "pieces", "points", "shift"}


def _plain(value):
    """Numbers and arrays as JSON: arrays to lists rounded to 6 significant figures (drawing only), non-finite to None."""
    if is_dataclass(value):
        return {"kind": type(value).__name__, **{k: _plain(v) for k, v in vars(value).items()}}
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return float(f"{value:.6g}") if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def natural_logs(tex: str) -> str:
    """sympy's TeX with the natural log written ln, as the clips write it.

    >>> print(natural_logs(r"\\log{\\left(x^{2} + 1 \\right)} + \\logical"))
    \\ln{\\left(x^{2} + 1 \\right)} + \\logical
    """
    return re.sub(r"\\log(?![A-Za-z])", r"\\ln", tex)


def panel_data(panel: Panel) -> dict:
    """The JSON a page's panel is drawn from; each frame carries its readouts' text, made here, and every formula,
    label and slider position its spoken form, for a screen reader."""
    frames = []
    for frame in panel.frames:
        texts = {r.key: number_text(frame[r.key], r.format) for r in panel.readouts}
        drawn = {k: v for k, v in frame.items()}
        frames.append({"values": _plain(drawn), "texts": texts})
    speech = _spoken_forms(panel)
    return {
        "formula": natural_logs(panel.formula),
        "formula_spoken": speech["formula"],
        "note": panel.note,
        "controls": [{**_plain(c), "label": natural_logs(c.label), "texts": c.texts(), "start_index": c.start_index(),
                      "spoken_label": speech["controls"][i], "spoken_texts": speech["positions"][i]}
                     for i, c in enumerate(panel.controls)],
        "views": [_plain(v) for v in panel.views],
        "readouts": [{**_plain(r), "label": natural_logs(r.label), "spoken_label": speech["readouts"][i]}
                     for i, r in enumerate(panel.readouts)],
        "frames": frames,
    }


SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def number_words(text: str) -> str:
    """A number as the number policy writes it, in the words the lectures' voice uses for it.

    >>> [number_words(t) for t in ("−0.6667", "10⁻³", "−1.54 × 10⁻⁴", "∞", "12")]
    ['negative 0.6667', '10 to the minus 3', 'negative 1.54 times 10 to the minus 4', 'infinity', '12']
    """
    def power(match: re.Match) -> str:
        exponent = match.group(1).translate(SUPERSCRIPTS)
        return f"10 to the {'minus ' + exponent[1:] if exponent.startswith('-') else exponent}"

    words = re.sub(r"10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)", power, text).replace(" × ", " times ").replace("∞", "infinity")
    return re.sub(r"(^|\s)−", r"\1negative ", words)


def slider_variable(slider: Slider) -> str:
    """The TeX of the variable a slider sets: ``x \\to 0`` sets x."""
    return slider.label.split(r"\to")[0].strip()


def _spoken_forms(panel: Panel) -> dict:
    """The words a screen reader gets for the formula, each control's label and each slider position, and each
    readout's label: the clips' own math speech (ClearSpeak from the Speech Rule Engine), in one batch."""
    from scenes.narration.speech import say_math

    wanted = [panel.formula] if panel.formula else []
    for control in panel.controls:
        wanted += [control.label, slider_variable(control) if isinstance(control, Slider) else control.label]
    wanted += [r.label for r in panel.readouts]
    words = iter(say_math([natural_logs(t) for t in wanted]))
    formula = next(words) if panel.formula else ""
    controls, positions = [], []
    for control in panel.controls:
        controls.append(next(words))
        variable = next(words)
        positions.append([f"{variable} equals {number_words(t)}" for t in control.texts()] if isinstance(control, Slider)
                         else list(control.texts()))
    return {"formula": formula, "controls": controls, "positions": positions, "readouts": [next(words) for _ in panel.readouts]}


def panel_script(scene: str, panel: Panel) -> str:
    """The generated ``<Scene>.panel.js``: the panel's data as one JSON literal (no code from the config)."""
    data = json.dumps(panel_data(panel), separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return (f"// Interactive panel of {json.dumps(scene)}: data computed by calcviz (scenes/publish/panels.py).\n"
            f"(window.calcvizPanels = window.calcvizPanels || {{}})[{json.dumps(scene)}] = {data};\n")


__all__ = ["Area", "Board", "Choice", "Curve", "Dots", "Line", "Panel", "PanelError", "Path3D", "Point", "Point3D", "Polygons",
           "Readout", "Rect", "Scene3D", "camera", "exact_tex", "lighter", "Segment", "Slider", "Surface", "Text", "build_panel", "frames_over", "grid",
           "graph_box", "graph_pieces", "log_grid", "thinned", "number_text", "panel_data", "panel_script"]
