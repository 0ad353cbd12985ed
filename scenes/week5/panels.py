"""Interactive panels of week 5's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations

import numpy as np

from calcviz import integrals
from scenes.publish.panels import (ACCENT, DERIVATIVE, Board, Choice, Curve, Panel, Point, Polygons, Readout, Segment, Slider,
                                   frames_over, graph_box, graph_pieces, grid)

RULE_NAMES = {"left": "left", "right": "right", "midpoint": "midpoint", "trapezoid": "trapezoid", "simpson": "Simpson"}


def riemann_sums(p) -> Panel:
    f, (lo, hi) = p.function, p.interval
    exact = integrals.definite_integral(f, lo, hi)
    rule = Choice("rule", r"\text{rule}", p.rules, start=p.rules[0], labels=[RULE_NAMES[r] for r in p.rules])
    step = 2 if "simpson" in p.rules else 1
    n = Slider("n", "n", list(range(step, max(p.n_values) + 1, step)), start=p.n_values[0])

    def frame(name, pieces):
        riemann = integrals.riemann_sum(f, lo, hi, int(pieces), rule=name)
        return {"n": int(pieces), "rule": RULE_NAMES[name], "sum": riemann.value, "integral": exact,
                "error": riemann.value - exact, "shapes": list(riemann.shapes)}

    box = graph_box(f, lo, hi)
    box = (box[0], box[1], min(box[2], 0.0), max(box[3], 0.0))
    board = Board(box, [Polygons("shapes"), Curve(graph_pieces(f, box), color=p.function_color)])
    return Panel(controls=[rule, n], views=[board], frames=frames_over([rule, n], frame),
                 formula=rf"\int_{{{lo:g}}}^{{{hi:g}}} {f.latex} \, dx",
                 readouts=[Readout("n", "n"), Readout("rule", r"\text{rule}"), Readout("sum", r"\text{sum}"),
                           Readout("integral", r"\text{integral}"), Readout("error", r"\text{sum} - \text{integral}")],
                 note="More pieces, smaller error; the midpoint, trapezoid and Simpson rules close in faster.")


AREA_SAMPLES = 40  # points along the curve per shaded region (drawing only)


def _signed_regions(f, lo: float, x: float) -> list[np.ndarray]:
    """The regions between f and the axis from lo to x: the part above (counter-clockwise) and below."""
    if x <= lo:
        return []
    xs = np.linspace(lo, x, AREA_SAMPLES)
    ys = np.asarray(f(xs), float)
    regions = []
    for part in (np.maximum(ys, 0), np.minimum(ys, 0)):
        if np.any(part != 0):
            axis = np.column_stack([xs, np.zeros_like(xs)])
            curve = np.column_stack([xs, part])[::-1]
            regions.append(np.vstack([axis, curve]))
    return regions


def area_accumulation(p) -> Panel:
    f, (lo, hi) = p.function, p.interval
    area = integrals.accumulation(f, lo)
    x = Slider("x", "x", grid(lo, hi, 101, include=[p.point]), start=p.point)

    def frame(at):
        return {"x": at, "area": area(at), "fx": f(at), "regions": _signed_regions(f, lo, at)}

    top = graph_box(f, lo, hi)
    top = (top[0], top[1], min(top[2], 0.0), max(top[3], 0.0))
    bottom = graph_box(area, lo, hi)
    return Panel(
        controls=[x], frames=frames_over([x], frame),
        formula=rf"f(x) = {f.latex}, \qquad A(x) = \int_{{{lo:g}}}^{{x}} f(t)\,dt = {area.latex}",
        views=[Board(top, [Polygons("regions"), Curve(graph_pieces(f, top), color=p.function_color),
                           Segment("x", 0, "x", "fx", color=ACCENT, dash=False), Point("x", "fx", label="f(x)")], aspect=2.2),
               Board(bottom, [Curve(graph_pieces(area, bottom), color=DERIVATIVE), Point("x", "area", color=DERIVATIVE, label="A(x)")],
                     aspect=2.2)],
        readouts=[Readout("x", "x"), Readout("area", "A(x)"), Readout("fx", r"f(x) = A'(x)")],
        note="Area above the axis counts plus, below it minus; A grows at the rate f(x).")


__all__ = ["area_accumulation", "riemann_sums"]
