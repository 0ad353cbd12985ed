"""Interactive panels of week 2's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations

import math

import numpy as np

from calcviz import Function, asymptotics, limits, multivariate
from calcviz.view import value_window
from scenes.kit.palette import FOREGROUND, colour_name
from scenes.publish.panels import (ACCENT, MUTED, SECANT, TANGENT, Board, Choice, Curve, Dots, Panel, Path3D, Point, Point3D,
                                   Readout, Rect, Scene3D, Segment, Slider, Text, camera, frames_over, graph_box, graph_pieces, grid,
                                   exact_tex, log_grid, thinned)
from scenes.kit.numbers import distinct, number, number_tex
from scenes.week4.panels import stem, surface_box


def epsilon_delta(p) -> Panel:
    f, a, (lo, hi) = p.function, p.point, p.interval
    limit = limits.limit(f, a)
    epsilon = Slider("epsilon", r"\varepsilon", log_grid(p.epsilons[0], p.epsilons[-1] / 2, 40, include=p.epsilons), start=p.epsilons[0])
    xs = np.linspace(lo, hi, 400)
    with np.errstate(all="ignore"):
        values = np.concatenate([f(xs), [limit - p.epsilons[0], limit + p.epsilons[0]]])
    y0, y1, _ = value_window(values)
    box = (lo, hi, y0, y1)

    def frame(eps):
        delta = limits.delta_for_epsilon(f, a, eps, limit=limit)
        return {"epsilon": eps, "delta": delta, "limit": limit, "band_lo": limit - eps, "band_hi": limit + eps,
                "window_lo": max(a - delta, lo), "window_hi": min(a + delta, hi)}

    board = Board(box, [
        Rect(lo, hi, "band_lo", "band_hi", color=TANGENT, opacity=0.18),
        Rect("window_lo", "window_hi", y0, y1, color=ACCENT, opacity=0.18),
        Curve(graph_pieces(f, box), color=p.function_color),
        Point(a, limit, color=FOREGROUND, label="(a, L)", hollow=not np.isfinite(f(a))),
        Text(hi - 0.06 * (hi - lo), limit, text="L ± ε", color=TANGENT),  # one label: two would meet when ε is small
    ], names=("x", "f(x)"))
    return Panel(controls=[epsilon], views=[board], frames=frames_over([epsilon], frame),
                 formula=rf"f(x) = {f.latex}, \qquad 0 < |x - a| < \delta \;\Rightarrow\; |f(x) - L| < \varepsilon",  # 0 <: f need not be defined at a
                 readouts=[Readout("delta", r"\delta"), Readout("limit", "L", format="exact")],
                 note=f"Narrow the ε-band around L ({colour_name(TANGENT)}): the δ-window around a ({colour_name(ACCENT)}), inside which the graph stays "
                      "in the band, shrinks too; a smaller ε always has its δ.")


CONTOUR_LEVELS = 12
PATH_SAMPLES = 30
FIELD_LABELS = ("f1", "f2")  # the clip's two fields, in its order (their formulas are above the plot)  # per side of the point, for the path and f along it (drawing only)


def functions_of_two_variables(p) -> Panel:
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    first = p.tour[0]  # where the clip's tour starts: its level curve is a curve (the tour ends on the peak, a point)
    x0 = Slider("x0", "x", grid(x_lo, x_hi, 21, include=[first[0]]), start=first[0])
    y0 = Slider("y0", "y", grid(y_lo, y_hi, 21, include=[first[1]]), start=first[1])
    sheet, box = surface_box(F, p.x_range, p.y_range)
    _, _, Z = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
    lo, hi = float(np.nanmin(Z)), float(np.nanmax(Z))
    levels = lo + (hi - lo) * np.linspace(0, 1, CONTOUR_LEVELS + 2)[1:-1]
    contours = [piece for pieces in multivariate.contour_lines(F, p.x_range, p.y_range, levels, resolution=121) for piece in pieces]

    points = [(x, y) for x in x0.values for y in y0.values]  # every position of the sliders: their level curves at once
    heights = [float(F(x, y)) for x, y in points]
    through = dict(zip(points, multivariate.contour_lines(F, p.x_range, p.y_range, heights, resolution=81)))

    def frame(x, y):
        z = float(F(x, y))
        return {"x0": x, "y0": y, "z0": z, "level": [thinned(line, 60) for line in through[(x, y)]], "stem": stem(x, y, z, box)}

    # behind the hill (x = 2.5, y = 1.5) the point is hidden: the stem rising from it above the hill shows where it is
    surface = Scene3D([sheet, Path3D("stem", color=ACCENT), Point3D("x0", "y0", "z0", color=ACCENT)], box, camera(p.phi, p.theta))
    level_map = Board((x_lo, x_hi, y_lo, y_hi), [Curve(contours, color=p.function_color, width=1.5),
                                                 Curve("level", color=TANGENT, width=3), Point("x0", "y0", color=ACCENT)],
                      aspect=(x_hi - x_lo) / (y_hi - y_lo))
    return Panel(controls=[x0, y0], views=[surface, level_map], frames=frames_over([x0, y0], frame),
                 formula=rf"f(x, y) = {F.latex}",
                 readouts=[Readout("z0", "f(x, y)")],
                 note="Move the point: its height f(x, y) on the surface picks the level curve it sits on in the map "
                      f"({colour_name(TANGENT)}): every point of that curve has the same height. At a peak or a pit the curve shrinks to the point itself. "
                      f"The {colour_name(ACCENT)} line rises from the point, so it shows where the point is when the hill hides it.")


def limits_along_paths(p) -> Panel:
    fields = {"function": p.function, "curve_function": p.curve_function}
    field = Choice("field", "f", list(fields), start="function", labels=list(FIELD_LABELS))
    paths = p.paths()
    path = Choice("path", r"\text{path } (x, y) =", [str(k) for k in range(len(paths))], start="0",
                  labels=[path_text(q, p.point) for q in paths])
    (x0, x1), (y0, y1) = p.x_range, p.y_range
    t_start = _longest_t_inside(paths, (x0, x1, y0, y1))
    t = Slider("t", "t", log_grid(t_start, 0.001, 10), start=t_start)
    restricted = {(key, str(k)): q.restrict(F) for key, F in fields.items() for k, q in enumerate(paths)}
    lines = {(key, str(k)): p.path_limit(key, q) for key in fields for k, q in enumerate(paths)}
    ts = np.geomspace(t_start, 1e-3, PATH_SAMPLES)
    values = np.concatenate([np.asarray(g(np.concatenate([ts, -ts])), float) for g in restricted.values()])
    y_lo, y_hi, _ = value_window(values)
    along_box = (-t_start, t_start, y_lo, y_hi)

    def frame(key, k, step):
        route, g = paths[int(k)], restricted[(key, k)]
        xs, ys = route.at([step])
        both = [np.column_stack(route.at(sign * ts)) for sign in (1, -1)]
        return {"t": step, "x": float(xs[0]), "y": float(ys[0]), "f": float(g(step)), "limit": lines[(key, k)],
                "route": both, "along": [np.column_stack([sign * ts, g(sign * ts)]) for sign in (1, -1)], "a": p.point[0],
                "b": p.point[1]}

    plane = Board((x0, x1, y0, y1), [Curve("route", color=TANGENT), Point("x", "y", color=ACCENT), Point("a", "b", color=SECANT, hollow=True)],
                  names=("x", "y"),
                  aspect=(x1 - x0) / (y1 - y0))
    along = Board(along_box, [Curve("along", color=p.function_color), Point("t", "f", color=ACCENT),
                              Point(0.0, "limit", color=SECANT, hollow=True, label="limit")], names=("t", "f(x(t), y(t))"))
    return Panel(controls=[field, path, t], views=[plane, along], frames=frames_over([field, path, t], frame),
                 formula=rf"f_1 = {p.function.latex}, \qquad f_2 = {p.curve_function.latex}",
                 readouts=[Readout("x", "x(t)", format="step"), Readout("y", "y(t)", format="step"), Readout("f", r"f\bigl(x(t), y(t)\bigr)"),
                           Readout("limit", r"\text{limit along the path}", format="exact")],
                 note="Pick a field and a path into the point, and slide t towards 0: the limits along different paths "
                      "must all agree for f to have a limit. Two paths with different limits prove there is none."
                      + (" Agreeing along every straight line is not enough: compare f₂ along the lines with f₂ along the "
                         "parabolas." if _lines_fool(lines, paths) else ""))


def _longest_t_inside(paths, box, longest: float = 1.0) -> float:
    """The largest t <= ``longest`` for which every path stays on the map for all |t| up to it: (2t, t) at t = 1
    would be (2, 1), off a map that ends at 1.5, and its point would vanish without a word."""
    x0, x1, y0, y1 = box
    for candidate in np.round(np.arange(longest, 0.0, -0.01), 2):  # round values: the slider shows t as it is
        ts = np.linspace(-candidate, candidate, 201)
        if all(np.all((xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1))
               for xs, ys in (map(np.asarray, q.at(ts)) for q in paths)):
            return float(candidate)
    raise ValueError(f"the paths leave the map [{x0}, {x1}] × [{y0}, {y1}] even for |t| < 0.01")


def _lines_fool(lines, paths) -> bool:
    """Whether the second field agrees along every straight path but not along some curved one (the clip's lesson)."""
    import sympy

    t = sympy.Symbol("t")
    straight = {str(k): all(sympy.degree(sympy.expand(e), t) <= 1 for e in (q.x, q.y)) for k, q in enumerate(paths)}
    on_lines = {lines[("curve_function", k)] for k, flat in straight.items() if flat}
    on_curves = {lines[("curve_function", k)] for k, flat in straight.items() if not flat}
    return len(on_lines) == 1 and bool(on_curves - on_lines)


def path_text(path, point) -> str:
    """A path as plain text for a radio label: (x(t), y(t)), e.g. (t, 2t) or (t^2, t)."""
    import sympy

    def plain(expr) -> str:
        return sympy.sstr(sympy.expand(expr)).replace("**2", "²").replace("**3", "³").replace("*", "").replace("-", "−")

    return f"({plain(path.x)}, {plain(path.y)})"


# ------------------------------------------------------------------ LimitsViaSequences
SEQUENCE_COLORS = (ACCENT, TANGENT)  # as in the clip, for the first and the second sequence in both parts
MAX_N = 24  # the slider's last n


def _snapped(value: float) -> float:
    """Rounding noise (sin(pi n) = 1e-16) shown as the 0 it is."""
    return 0.0 if abs(value) < 1e-12 else value


def limits_via_sequences(p) -> Panel:
    """Slide n: x_n closes in on the point along each sequence, and f(x_n) heads for the limit (or, for the
    oscillating function, for two different values)."""
    f, a, (lo, hi) = p.function, p.point, p.interval
    g = p.oscillating_function
    limit = limits.limit(f, a)
    terms = [Function(text, variable="n") for text in p.sequences]
    wobbly = [Function(text, variable="n") for text in p.oscillating_sequences]
    n = Slider("n", "n", grid(1, max(MAX_N, p.terms), max(MAX_N, p.terms)), start=1)

    def along(h, term, count, prefix):
        xs = np.array([float(term(float(k))) for k in range(1, count + 1)])
        ys = np.array([_snapped(float(h(x))) for x in xs])
        return {f"{prefix}x": xs[-1], f"{prefix}f": ys[-1], f"{prefix}trail": np.column_stack([xs, ys])}

    def frame(count):
        values = {"n": count, "limit": limit}
        for i, term in enumerate(terms):
            values |= along(f, term, int(count), f"s{i}")
        for i, term in enumerate(wobbly):
            values |= along(g, term, int(count), f"w{i}")
        return values

    box = graph_box(f, lo, hi, np.zeros_like)  # with y = 0: the x_n on the x-axis
    first = Board(box, [
        Curve(graph_pieces(f, box), color=p.function_color),
        Point(a, limit, color=p.function_color, hollow=True, size=5),
        *[shape for i, color in zip(range(len(terms)), SEQUENCE_COLORS * len(terms))
          for shape in (Dots(f"s{i}trail", color=color, size=2), Point(f"s{i}x", f"s{i}f", color=color, size=5))],
    ], names=("x", "f(x)"))
    wide = graph_box(g, *p.oscillating_interval)
    second = Board(wide, [
        Curve(graph_pieces(g, wide, samples=2000), color=p.function_color, width=1.5),
        *[shape for i, color in enumerate(SEQUENCE_COLORS)
          for shape in (Dots(f"w{i}trail", color=color, size=2), Point(f"w{i}x", f"w{i}f", color=color, size=5))],
    ], aspect=2.2, names=("x", "g(x)"))
    readouts = []
    for i, term in enumerate(terms):
        readouts += [Readout(f"s{i}x", rf"x_n = {term.latex}"), Readout(f"s{i}f", r"f(x_n)")]
    readouts.append(Readout("limit", rf"L = \lim_{{x \to {a:g}}} f(x)", format="exact"))
    readouts += [Readout(f"w{i}f", rf"g\big({term.latex}\big)") for i, term in enumerate(wobbly)]
    return Panel(controls=[n], views=[first, second], frames=frames_over([n], frame),
                 formula=rf"f(x) = {f.latex}, \qquad g(x) = {g.latex}",
                 readouts=readouts,
                 note=f"Top: every sequence into {a:g} carries f(x_n) to the same L. Bottom: two sequences into "
                      f"{p.oscillating_point:g} carry g(x_n) to two different values, so g has no limit there.")


# ------------------------------------------------------------------ FamousLimits
SINE, TANGENT_F, COSINE = Function("sin(x)"), Function("tan(x)"), Function("cos(x)")
ARC_POINTS = 12


def famous_limits(p) -> Panel:
    """x toward 0 on the unit circle: sin x, the arc x and tan x squeezed, and sin x / x between cos x and 1 (the
    clip's one limit; it no longer tells (e^x - 1)/x or (1 + 1/x)^x, so neither does its panel)."""
    ratio = Function("sin(x)/x")
    small = Slider("x", r"x \to 0", log_grid(p.angles[0], min(p.angles) / 5, 24, include=p.angles), start=p.angles[0])
    sine_limit = limits.limit(ratio, 0)

    def frame(x):
        ts = np.linspace(0, x, ARC_POINTS)
        # sin x < x < tan x, the squeeze, shown with the digits that keep them apart (0.01999 < 0.02 < 0.02000 would not)
        below, _, above = distinct([SINE(x), x, TANGENT_F(x)])
        return {"x": x, "sin": SINE(x), "tan": TANGENT_F(x), "cos": COSINE(x), "ratio": ratio(x),
                "sin_shown": below, "tan_shown": above, "arc": [np.column_stack([COSINE(ts), SINE(ts)])]}

    quarter = np.linspace(0, math.pi / 2, 60)
    top = 1.05 * max(1.0, TANGENT_F(p.angles[0]))
    circle = Board((-0.05, 1.3 * top, -0.05, top), [
        Curve([np.column_stack([COSINE(quarter), SINE(quarter)])], color=MUTED, width=1.5),
        Segment(0, 0, 1, "tan", color=MUTED, dash=False, width=1.5),
        Segment("cos", 0, "cos", "sin", color=SECANT, dash=False, width=4),
        Curve("arc", color=ACCENT, width=4),
        Segment(1, 0, 1, "tan", color=TANGENT, dash=False, width=4),
        Point("cos", "sin", color=ACCENT, size=3),
    ], aspect=1.3, names=("u", "v"))  # x is the angle here, not a coordinate
    return Panel(controls=[small], views=[circle], frames=frames_over([small], frame),
                 formula=rf"\lim_{{x \to 0}} \frac{{\sin x}}{{x}} = {exact_tex(sine_limit)}",
                 readouts=[Readout("sin_shown", r"\sin x"), Readout("tan_shown", r"\tan x"), Readout("cos", r"\cos x"),
                           Readout("ratio", r"\frac{\sin x}{x}")],
                 note=f"Shrink x: sin x ({colour_name(SECANT)}), the arc x ({colour_name(ACCENT)}) and tan x ({colour_name(TANGENT)}) shrink together, always in the order "
                      "sin x < x < tan x (the readouts keep enough digits to show it), so sin x / x is squeezed between "
                      "cos x and 1; near 0 the three are too short to see, but their ratios are read out.")


# ------------------------------------------------------------------ AsymptoticComparison
G_COLOR, RATIO_COLOR = TANGENT, ACCENT  # as in the clip


def _toward(at: float, lo: float, hi: float, count: int = 16) -> list[float]:
    """x from lo in to ``at`` and from ``at`` out to hi, closer and closer (log-spaced distances), never at itself."""
    left = [at - d for d in log_grid(at - lo, (at - lo) / 1000, count)] if at > lo else []
    right = [at + d for d in log_grid((hi - at) / 1000, hi - at, count)] if hi > at else []
    return left + right


def asymptotic_comparison(p) -> Panel:
    """x toward the point: f/g shrinks to 0 (little o); x toward infinity: the other ratio stays in a band (big O)."""
    f, g, at, (lo, hi) = p.little_f, p.little_g, p.little_at, p.little_interval
    near = asymptotics.ratio(f, g)
    big_f, big_g, (big_lo, big_hi) = p.big_f, p.big_g, p.big_interval
    far = asymptotics.ratio(big_f, big_g)
    x = Slider("x", rf"x \to {at:g}", _toward(at, lo, hi), start=hi)
    step = (big_hi - big_lo) / 30  # from one step in: the ratio may be undefined at the left end (x sin x / x at 0)
    big = Slider("X", r"x \to \infty", grid(big_lo + step, big_hi, 30), start=big_lo + step)

    def frame(value, big_x):
        return {"x": value, "X": big_x, "fx": f(value), "gx": g(value), "ratio": near(value), "far": far(big_x)}

    box = graph_box(f, lo, hi, g)
    little = Board(box, [
        Curve(graph_pieces(f, box), color=p.function_color, width=2.5),
        Curve(graph_pieces(g, box), color=G_COLOR, width=2.5),
        Segment("x", "fx", "x", "gx"),
        Point("x", "fx", color=p.function_color, label="f(x)"), Point("x", "gx", color=G_COLOR, label="g(x)", label_offset=(8, -14)),
    ], aspect=2.2, names=("x", "y"))
    ratio_box = graph_box(near, lo, hi, np.zeros_like)  # on axes of its own, as in the clip: f/g may coincide with g
    ratio = Board(ratio_box, [
        Curve(graph_pieces(near, ratio_box), color=RATIO_COLOR, width=2.5),
        Point(at, 0.0, color=RATIO_COLOR, hollow=True),
        Point("x", "ratio", color=RATIO_COLOR, label="f/g"),
    ], aspect=2.2, names=("x", "f/g"))
    _, ys = asymptotics.ratio_samples(big_f, big_g, math.inf, big_lo, big_hi)
    bound = float(np.nanmax(np.abs(ys)))
    far_box = (float(big_lo), float(big_hi), -1.3 * bound, 1.3 * bound)
    band = Board(far_box, [
        Segment(big_lo, -bound, big_hi, -bound), Segment(big_lo, bound, big_hi, bound),
        Curve(graph_pieces(far, far_box, samples=800), color=RATIO_COLOR, width=2.5),
        Point("X", "far", color=RATIO_COLOR),
    ], aspect=2.2, names=("x", "F/G"))
    shown_bound = str(round(bound)) if abs(bound - round(bound)) < 1e-3 else number(bound)  # as the clip says it
    # The clip calls both pairs f and g; side by side on one page they need names of their own: F and G far out.
    return Panel(controls=[x, big], views=[little, ratio, band], frames=frames_over([x, big], frame),
                 formula=(rf"\text{{as }} x \to {at:g}\text{{:}}\;\; f(x) = {f.latex},\; g(x) = {g.latex},\; "
                          rf"\tfrac{{f(x)}}{{g(x)}} = {near.latex} \qquad \text{{as }} x \to \infty\text{{:}}\;\; "
                          rf"F(x) = {big_f.latex},\; G(x) = {big_g.latex},\; \tfrac{{F(x)}}{{G(x)}} = {far.latex}"),
                 readouts=[Readout("fx", "f(x)"), Readout("gx", "g(x)"), Readout("ratio", r"f(x)/g(x)"), Readout("far", r"F(x)/G(x)")],
                 note=f"Top: f and g as x moves toward {at:g}; middle: their ratio f/g ({colour_name(RATIO_COLOR)}), on axes of its own, "
                      f"goes to 0 there, so f = o(g): f is negligible next to g near {at:g}. Bottom: far out, the ratio "
                      f"F/G of the second pair keeps swinging between −{shown_bound} and {shown_bound} (dashed): it stays "
                      "bounded, so F = O(G), big O, but it does not go to 0, so F is not o(G).")


__all__ = ["asymptotic_comparison", "epsilon_delta", "famous_limits", "functions_of_two_variables", "limits_along_paths",
           "limits_via_sequences"]
