"""Interactive panels of week 1's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations

import math

import numpy as np

from calcviz import Function, limits, mappings, sets
from calcviz.view import value_window
from scenes.narration.speech import caption
from scenes.kit.palette import colour_name
from scenes.publish.panels import (ACCENT, DERIVATIVE, FUNCTION, MUTED, SECANT, TANGENT, Board, Curve, Dots, Panel, Point, Readout,
                                   Rect, Segment, Slider, frames_over, exact_tex, graph_box, graph_pieces, grid, log_grid)

# ------------------------------------------------------------------ NumberSets
SET_COLORS = {"N": FUNCTION, "Z": DERIVATIVE, "Q": TANGENT, "R": ACCENT}  # as in the clip
SET_WORDS = {"N": "N, natural numbers", "Z": "Z, integers", "Q": "Q, rationals", "R": "R, real numbers"}


def number_sets(p) -> Panel:
    """Pick one of the clip's numbers on the line: its smallest set, and its k-th continued-fraction convergent p/q."""
    exact = {}
    for text in p.examples:  # one per value: the slider moves along the line
        exact.setdefault(float(Function(text).expr.evalf()), text)
    values = sorted(exact)
    # start on the clip's irrational, where every k gives a better fraction (on a whole number k changes nothing)
    # each number as the clip writes it: √2 on the slider, not 1.414, which is rational
    written = [caption(f"${Function(exact[v]).latex}$") for v in values]
    number = Slider("x", "x", values, start=float(Function(p.irrational).expr.evalf()), shown=written)
    k = Slider("k", "k", [float(i) for i in range(1, p.approximations + 1)], start=2, format="count")

    def frame(x, count):
        text = exact[x]
        fraction = sets.rational_approximations(text, int(count))[-1]  # a rational's list stops at itself
        gap = float(abs(fraction - Function(text).expr).evalf())
        return {"x": x, "k": count, "set": SET_WORDS[sets.number_set(text)], "fraction": _fraction_text(fraction),
                "fraction_x": float(fraction), "gap": gap}

    lo, hi = math.floor(min(values + [0])) - 1, math.ceil(max(values + [0])) + 1
    kinds = {text: sets.number_set(text) for text in exact.values()}
    board = Board((lo, hi, -1, 1), [
        *[Dots(np.array([[x, 0.0] for x, text in exact.items() if kinds[text] == key]).reshape(-1, 2), color=SET_COLORS[key], size=4)
          for key in SET_COLORS],
        Point("fraction_x", 0.45, color=TANGENT, label="p/q", size=4, hollow=True),
        Segment("fraction_x", 0.0, "fraction_x", 0.45, color=TANGENT, width=1.5),
        Point("x", 0.0, color=MUTED, label="x", size=7, hollow=True),
    ], aspect=3.2, y_axis=False, names=("x", ""))
    return Panel(controls=[number, k], views=[board], frames=frames_over([number, k], frame),
                 formula=r"\mathbb{N} \subset \mathbb{Z} \subset \mathbb{Q} \subset \mathbb{R}",
                 readouts=[Readout("set", r"\text{smallest set}"), Readout("fraction", r"p_k/q_k"),
                           Readout("gap", r"|p/q - x|", format="error")],
                 note=f"Slide along the clip's numbers; each dot is coloured by its smallest set: {colour_name(SET_COLORS['N'])} N = "
                      f"{{1, 2, 3, ...}}, {colour_name(SET_COLORS['Z'])} Z, {colour_name(SET_COLORS['Q'])} Q, {colour_name(SET_COLORS['R'])} R (irrational). p_k/q_k is the k-th continued-fraction convergent of x: it reaches a rational exactly; "
                      "for an irrational the gap shrinks but never closes.")


def _fraction_text(fraction) -> str:
    return (f"{fraction.p}/{fraction.q}" if fraction.q != 1 else f"{fraction.p}").replace("-", "−")


# ------------------------------------------------------------------ FunctionsAsMappings
def functions_as_mappings(p) -> Panel:
    """x in the domain, its image f(x), and what the inverse on the one-to-one part sends f(x) back to."""
    f, (lo, hi), (small_lo, small_hi) = p.function, p.interval, p.one_to_one_interval
    inverse = mappings.inverse(f, small_lo, small_hi)
    reach = mappings.image(f, small_lo, small_hi)
    low, high = mappings.image(f, lo, hi)
    x = Slider("x", "x", grid(lo, hi, 61, include=p.samples), start=p.collision[0])

    def frame(value):
        y = f(value)
        back = float(inverse(y)) if reach[0] <= y <= reach[1] else math.nan
        return {"x": value, "fx": y, "back": back, "back_x": value if math.isnan(back) else back}

    box = graph_box(f, lo, hi)
    board = Board(box, [
        Rect(small_lo, small_hi, box[2], box[3], color=DERIVATIVE, opacity=0.12),
        Curve(graph_pieces(f, box), color=p.function_color),
        Segment("x", "fx", "back_x", "fx", color=DERIVATIVE),
        Segment("x", 0.0, "x", "fx"),
        Point("back_x", "fx", color=DERIVATIVE),
        Point("x", "fx", color=ACCENT, label="x"),
    ], names=("x", "f(x)"))
    return Panel(controls=[x], views=[board], frames=frames_over([x], frame),
                 formula=rf"f(x) = {f.latex}, \quad f\big([{lo:g}, {hi:g}]\big) = [{exact_tex(low)}, {exact_tex(high)}]",
                 readouts=[Readout("fx", "f(x)"), Readout("back", rf"f^{{-1}}(f(x)) \text{{ on }} [{small_lo:g}, {small_hi:g}]")],
                 note=f"The {colour_name(DERIVATIVE)} strip is where f is one-to-one; the {colour_name(DERIVATIVE)} point is where its inverse sends f(x). "
                      "Outside the strip that is a different input with the same output.")


# ------------------------------------------------------------------ GraphTransformations
PARAMETER_VALUES = {"a": (-2, -1, -0.5, 0.5, 1, 1.5, 2, 3), "b": (-2, -1, -0.5, 0.5, 1, 1.5, 2, 3),
                    "c": (-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3), "d": (-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3)}  # b never 0
NEUTRAL = {"a": 1.0, "b": 1.0, "c": 0.0, "d": 0.0}
STEP_KEYS = {"scale_y": "a", "scale_x": "b", "shift_x": "c", "shift_y": "d"}


def graph_transformations(p) -> Panel:
    """Set a, b, c and d of a f(b(x - c)) + d: the base graph's samples drawn stretched and moved, until they lie
    on the clip's target."""
    base, target, (lo, hi) = p.base, p.target, p.interval
    goal = dict(NEUTRAL)
    for kind, value in mappings.transform_steps(base, target):
        goal[STEP_KEYS[kind]] = float(value)
    sliders = [Slider(key, key, sorted({*map(float, PARAMETER_VALUES[key]), goal[key], NEUTRAL[key]}), start=NEUTRAL[key])
               for key in "abcd"]
    reach = max(map(abs, PARAMETER_VALUES["b"])) * (max(abs(lo), abs(hi)) + max(map(abs, PARAMETER_VALUES["c"])))
    xs = np.linspace(lo, hi, 300)
    with np.errstate(all="ignore"):
        heights = np.concatenate([np.asarray(g(xs), float) * np.ones_like(xs) for g in (base, target)])
    y0, y1, _ = value_window(heights[np.isfinite(heights)])
    box = (lo, hi, y0, y1)
    samples = graph_pieces(base, (-reach, reach, -1e6, 1e6), samples=4000)  # f over every u = b(x - c) the sliders reach

    aim = np.asarray(target(xs), float) * np.ones_like(xs)

    def frame(a, b, c, d):  # on the target when the graphs agree, however reached (-2 sin(-2(x - 1)) + 1 is one)
        with np.errstate(all="ignore"):
            done = bool(np.allclose(a * np.asarray(base(b * (xs - c)), float) + d, aim, atol=1e-9))
        return {"a": a, "b": b, "c": c, "d": d, "match": "on the target" if done else "not yet"}

    board = Board(box, [
        Curve(graph_pieces(base, box), color=MUTED, width=1.5, dash=True),
        Curve(graph_pieces(target, box), color=ACCENT, width=1.5, dash=True),
        Curve(samples, color=p.function_color, transform=("a", "b", "c", "d")),
    ], names=("x", "y"))
    return Panel(controls=sliders, views=[board], frames=frames_over(sliders, frame),
                 formula=rf"y = a\,f\big(b(x - c)\big) + d, \quad f(x) = {base.latex} \;\to\; {target.latex}",
                 readouts=[Readout("match", r"\text{the graph is}")],
                 note=f"Set a, b, c, d to reach the {colour_name(ACCENT)} target from the {colour_name(MUTED)} base. b and c act on x: b squeezes "
                      "the graph sideways by b, c moves it right by c; a and d act on the output: a stretches it "
                      "vertically (a negative a flips it), d moves it up. Big values can push the graph past the "
                      "window's edge, where it is cut off.")


# ------------------------------------------------------------------ SequenceLimits
def sequence_limits(p) -> Panel:
    """Shrink epsilon: the strip narrows and N(epsilon), from which every term stays inside, moves out."""
    term, count = p.term, p.terms
    limit = limits.sequence_limit(term)
    ns = np.arange(1, count + 1, dtype=float)
    values = np.asarray(term(ns), float) * np.ones_like(ns)
    epsilons = p.epsilons
    eps = Slider("epsilon", r"\varepsilon", log_grid(2 * epsilons[0], epsilons[-1], 40, include=epsilons), start=epsilons[0])
    y0, y1, _ = value_window(np.concatenate([values, [limit - 2 * epsilons[0], limit + 2 * epsilons[0]]]))

    def frame(e):
        n = limits.n_for_epsilon(term, e, limit=limit)
        inside = np.abs(values - limit) < e
        points = np.column_stack([ns, values])
        return {"epsilon": e, "N": n, "limit": limit, "gap": abs(float(term(float(n))) - limit),
                "band_lo": limit - e, "band_hi": limit + e, "inside": points[inside], "outside": points[~inside]}

    board = Board((0, count + 1, y0, y1), [
        Rect(0, count + 1, "band_lo", "band_hi", color=TANGENT, opacity=0.18),
        Segment(0, limit, count + 1, limit, color=TANGENT),
        Segment("N", y0, "N", y1, color=ACCENT, dash=False),
        Dots("outside", color=SECANT, size=3), Dots("inside", color=DERIVATIVE, size=3),
    ], names=("n", "aₙ"))
    return Panel(controls=[eps], views=[board], frames=frames_over([eps], frame),
                 formula=rf"a_n = {term.latex}, \qquad |a_n - L| < \varepsilon \text{{ for all }} n \ge N(\varepsilon)",
                 readouts=[Readout("limit", "L", format="exact"), Readout("N", r"N(\varepsilon)", format="count"), Readout("gap", r"|a_N - L|", format="error")],
                 note="Narrow the strip: N moves further out, but there always is one. "
                      f"{colour_name(DERIVATIVE).capitalize()} terms are inside the strip, {colour_name(SECANT)} ones outside.")


__all__ = ["functions_as_mappings", "graph_transformations", "number_sets", "sequence_limits"]
