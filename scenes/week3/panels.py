"""Interactive panels of week 3's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations


from calcviz import derivatives, rules
import numpy as np

from scenes.kit.palette import FOREGROUND, colour_name
from scenes.publish.panels import (ACCENT, DERIVATIVE, SECANT, TANGENT, Board, Choice, Curve, Line, Panel, Point,
                                   Readout, Segment, Slider, frames_over, graph_box, graph_pieces, grid, log_grid, natural_logs)
from scenes.narration.speech import caption


def _differentiable_grid(f, lo: float, hi: float, count: int = 81, include=()) -> list[float]:
    """A slider grid over [lo, hi] without the points where f has no tangent (e.g. sqrt at 0)."""
    values = []
    for a in grid(lo, hi, count, include=include):
        try:
            derivatives.tangent_line(f, a)
        except ValueError:
            continue
        values.append(a)
    return values


def secant_to_tangent(p) -> Panel:
    f, a = p.function, p.point
    tangent = derivatives.tangent_line(f, a)
    lo, hi = p.interval
    reach = min(max(p.h_values), hi - a)
    h = Slider("h", "h", log_grid(reach, min(p.h_values), 60, include=p.h_values), start=max(p.h_values))

    def frame(step):
        return {"h": step, "b": a + step, "fb": f(a + step), "secant": derivatives.secant_slope(f, a, step),
                "tangent": tangent.slope, "gap": derivatives.secant_slope(f, a, step) - tangent.slope}

    box = graph_box(f, lo, hi)
    board = Board(box, [
        Curve(graph_pieces(f, box), color=p.function_color),
        Line(a, tangent.y0, tangent.slope, color=TANGENT, dash=True, width=2),
        Line(a, tangent.y0, "secant", color=SECANT),
        Segment(a, tangent.y0, "b", tangent.y0), Segment("b", tangent.y0, "b", "fb"),
        Point("b", "fb", color=SECANT, label="a + h"), Point(a, tangent.y0, color=ACCENT, label="a", label_offset=(-18, -14)),
    ], names=("x", "y"))
    return Panel(controls=[h], views=[board], frames=frames_over([h], frame),
                 formula=rf"f(x) = {f.latex}, \quad a = {a:g}, \quad \text{{slope}} = \frac{{f(a+h) - f(a)}}{{h}}",
                 readouts=[Readout("fb", "f(a+h)"), Readout("secant", r"\text{secant slope}"),
                           Readout("tangent", r"f'(a)"), Readout("gap", r"\text{secant} - f'(a)", format="error")],
                 note="Drag h toward 0: the secant turns into the tangent.")


def derivative_as_function(p) -> Panel:
    f, (lo, hi) = p.function, p.interval
    df = f.derivative()
    a = Slider("a", "a", _differentiable_grid(f, lo, hi), start=(lo + hi) / 2)

    def frame(x):
        line = derivatives.tangent_line(f, x)
        return {"a": x, "fa": line.y0, "slope": line.slope}

    top, bottom = graph_box(f, lo, hi), graph_box(df, lo, hi)
    return Panel(
        controls=[a], frames=frames_over([a], frame), formula=rf"f(x) = {f.latex}, \qquad f'(x) = {df.latex}",
        views=[Board(top, [Curve(graph_pieces(f, top), color=p.function_color), Line("a", "fa", "slope"),
                           Point("a", "fa", label="(a, f(a))")], aspect=2.2, names=("x", "f(x)")),
               Board(bottom, [Curve(graph_pieces(df, bottom), color=DERIVATIVE), Segment("a", 0, "a", "slope"),
                              Point("a", "slope", color=DERIVATIVE, label="(a, f'(a))")], aspect=2.2, names=("x", "f'(x)"))],
        readouts=[Readout("fa", "f(a)"), Readout("slope", r"f'(a) = \text{tangent slope}")],
        note="The tangent's slope at a is the height of the derivative's graph at a.")


def linear_approximation(p) -> Panel:
    f, (lo, hi), x0 = p.function, p.interval, p.estimate_at
    a = Slider("a", "a", _differentiable_grid(f, lo, hi, include=[p.point]), start=p.point)

    def frame(x):
        line = derivatives.tangent_line(f, x)
        return {"a": x, "fa": line.y0, "slope": line.slope, "estimate": line(x0), "true": f(x0), "error": f(x0) - line(x0)}

    box = graph_box(f, lo, hi)
    frames = frames_over([a], frame)
    return Panel(
        controls=[a], frames=frames,
        formula=rf"f(x) = {f.latex}, \qquad L(x) = f(a) + f'(a)\,(x - a), \qquad x_0 = {x0:g}",
        views=[Board(box, [Curve(graph_pieces(f, box), color=p.function_color), Line("a", "fa", "slope"),
                           Segment(x0, "estimate", x0, "true", color=SECANT, dash=False, width=3),
                           Point("a", "fa", label="a"), Point(x0, "estimate", color=TANGENT, size=3, label="L(x₀)"),
                           Point(x0, "true", color=SECANT, size=3)], names=("x", "y"))],
        readouts=[Readout("slope", "f'(a)"), Readout("estimate", "L(x_0)"), Readout("true", "f(x_0)"),
                  Readout("error", "f(x_0) - L(x_0)", format="error")],
        note=f"Move a: the tangent line L estimates f best near where it touches, and the {colour_name(SECANT)} bar at x₀, the error, "
             "shrinks as a comes to x₀. Far from x₀ the estimate L(x₀) is poor" + _where_estimates_go([fr["error"] for fr in frames]))


def _where_estimates_go(errors) -> str:
    """Where a poor estimate lands, as the errors f(x₀) − L(x₀) at every slider position say (a concave f's tangents
    all lie above it, a convex f's below), and that it may leave the window."""
    if all(e <= 0 for e in errors):
        return (": always above f(x₀) here (f bends down, so its tangent lines lie above it), and it can leave the "
                f"window at the top (the {colour_name(TANGENT)} point is then off the plot, but its value is still read out).")
    if all(e >= 0 for e in errors):
        return (": always below f(x₀) here (f bends up, so its tangent lines lie below it), and it can leave the "
                f"window at the bottom (the {colour_name(TANGENT)} point is then off the plot, but its value is still read out).")
    return (f" and can lie above or below f(x₀), even outside the window (the {colour_name(TANGENT)} point is then off the plot, but "
            "its value is still read out).")


# What the first-derivative test says at a critical point, by calcviz's kind (the clip's verdict there)
CRITICAL_WORDS = {"maximum": "critical point: local max (f' goes + to −)",
                  "minimum": "critical point: local min (f' goes − to +)",
                  "stationary inflection": "critical point: no extremum (f' keeps its sign)"}
INFLECTION_WORDS = "inflection point: f'' changes sign"
FLAT_WORDS = "f'' = 0, no sign change: no verdict"


def _at_one_of(x: float, marked, lo: float, hi: float) -> float | None:
    """The marked abscissa x is on (to within float noise of the interval's width), or None."""
    return next((m for m in marked if abs(x - m) <= 1e-9 * (hi - lo)), None)


def extrema_and_convexity(p) -> Panel:
    f, (lo, hi) = p.function, p.interval
    d1, d2 = f.derivative(), f.derivative(2)
    critical = derivatives.critical_points(f, lo, hi)
    inflections = derivatives.inflection_points(f, lo, hi)
    kinds = {c.x: c.kind for c in critical}
    # the critical and inflection points are slider positions, so a student can stop on them
    x = Slider("x", "x", grid(lo, hi, 101, include=[*kinds, *inflections]), start=lo)

    def trend(at: float, slope: float) -> str:
        here = _at_one_of(at, kinds, lo, hi)
        if here is not None:  # f' = 0: the first-derivative test, not "level" (f is not constant there)
            return CRITICAL_WORDS[kinds[here]]
        return "f is increasing" if slope > 0 else "f is decreasing"

    def shape(at: float, bend: float) -> str:
        if _at_one_of(at, inflections, lo, hi) is not None:  # f'' = 0 gives no verdict; its sign change does
            return INFLECTION_WORDS
        if bend == 0:
            return FLAT_WORDS
        return "f is convex (bends up)" if bend > 0 else "f is concave (bends down)"

    def frame(at):
        slope, bend = d1(at), d2(at)
        return {"x": at, "fx": f(at), "slope": slope, "bend": bend, "trend": trend(at, slope), "shape": shape(at, bend)}

    box = graph_box(f, lo, hi)
    names = {"minimum": "local min", "maximum": "local max"}
    low, high = derivatives.interval_extremes(f, lo, hi)
    globals_ = {e.x: word for e, word in ((low, "global min"), (high, "global max"))}
    marked = [Point(c.x, f(c.x), color=ACCENT, size=4,
                    label=names.get(c.kind, c.kind) + (" and " + globals_.pop(c.x).split()[0] if c.x in globals_ else ""))
              for c in critical]
    extremes = [Point(x, f(x), color=FOREGROUND, size=3, hollow=True, label=word) for x, word in globals_.items()]
    return Panel(
        controls=[x], frames=frames_over([x], frame), formula=rf"f(x) = {f.latex}",
        views=[Board(box, [Curve(graph_pieces(f, box), color=p.function_color), Line("x", "fx", "slope"), *marked, *extremes,
                           Point("x", "fx", color=TANGENT, label="x")], names=("x", "y"))],
        readouts=[Readout("fx", "f(x)"), Readout("slope", "f'(x)"), Readout("bend", "f''(x)"),
                  Readout("trend", r"\text{by } f'"), Readout("shape", r"\text{by } f''")],
        note=f"Where f' changes sign f has a local extremum ({colour_name(ACCENT)}): the highest or lowest point nearby only. The "
             f"global min and max on [{lo:g}, {hi:g}] ({colour_name(FOREGROUND)} rings) are found by comparing those with the endpoints. "
             "The sign of f'' tells convex from concave; where f'' = 0 it gives no verdict by itself: only where f'' "
             "changes sign is there an inflection point.")


DRILL_SAMPLES = 101  # points of each curve (drawing) and where the largest gap is measured


def differentiation_drill(p) -> Panel:
    functions, (lo, hi) = p.parsed_functions(), p.interval
    options = [str(i) for i in range(1, len(functions) + 1)]
    which = Choice("function", r"f", options, start="1", labels=[f"f{o}" for o in options])
    h = Slider("h", "h", log_grid(max(p.h_values), min(p.h_values), 20, include=p.h_values), start=max(p.h_values))
    # the dashes over the whole plot: f(x + h) is sampled past its right end (where f is not defined there, they stop)
    xs = np.linspace(lo, hi, DRILL_SAMPLES)
    # each function its own ranges, from its own values (f2' spans [-0.13, 1]: in f1's [-6, 6] it was a flat line);
    # the slope plot's also holds the secants at the largest h, so the dashes start inside it
    f_boxes = [graph_box(f, lo, hi) for f in functions]
    slope_boxes = [graph_box(f.derivative(), lo, hi, lambda x, f=f: derivatives.secant_slopes(f, x, max(p.h_values)))
                   for f in functions]
    # the answer to check one's own against: the derivation's last line, as the clip writes it
    derived = [caption(f"${natural_logs(rules.board_latex(rules.derivative_steps(f)[-1].after))}$") for f in functions]

    def frame(option, step):
        k = int(option) - 1
        f, f_box, box = functions[k], f_boxes[k], slope_boxes[k]
        exact = f.derivative()(xs)
        secants = derivatives.secant_slopes(f, xs, step)
        return {"function": option, "h": step, "f_box": f_box, "slope_box": box,
                "graph": graph_pieces(f, f_box, samples=DRILL_SAMPLES),
                "derivative": graph_pieces(f.derivative(), box, samples=DRILL_SAMPLES),
                "secants": [np.column_stack([xs, np.clip(secants, box[2], box[3])])],
                "gap": float(np.nanmax(np.abs(secants - exact))), "derived": derived[k]}

    return Panel(
        controls=[which, h], frames=frames_over([which, h], frame),
        formula=r",\quad ".join(rf"f_{i}(x) = {f.latex}" for i, f in enumerate(functions, start=1)),
        views=[Board("f_box", [Curve("graph", color=p.function_color)], aspect=2.6, names=("x", "f(x)")),
               Board("slope_box", [Curve("derivative", color=DERIVATIVE), Curve("secants", color=SECANT, dash=True)], aspect=2.0,
                     names=("x", "slope"))],
        readouts=[Readout("derived", "f'(x)"), Readout("gap", r"\text{largest gap}", format="error")],
        note=f"Pick a function from the drill: top, f itself; bottom, the f' the rules derived ({colour_name(DERIVATIVE)}) and the secant "
             f"slopes (f(x + h) − f(x))/h ({colour_name(SECANT)}, dashed). Shrink h: the dashes close in on f', and the largest gap "
             "between them over the plot shrinks with h.")


__all__ = ["derivative_as_function", "differentiation_drill", "extrema_and_convexity", "linear_approximation", "secant_to_tangent"]
