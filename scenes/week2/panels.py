"""Interactive panels of week 2's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations

import numpy as np

from calcviz import limits
from calcviz.view import value_window
from scenes.publish.panels import ACCENT, DERIVATIVE, TANGENT, Board, Curve, Panel, Point, Readout, Rect, Slider, frames_over, graph_pieces, log_grid


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
        Rect("window_lo", "window_hi", y0, y1, color=DERIVATIVE, opacity=0.18),
        Curve(graph_pieces(f, box), color=p.function_color),
        Point(a, limit, color=ACCENT, label="(a, L)", hollow=not np.isfinite(f(a))),
    ])
    return Panel(controls=[epsilon], views=[board], frames=frames_over([epsilon], frame),
                 formula=rf"f(x) = {f.latex}, \qquad |x - a| < \delta \;\Rightarrow\; |f(x) - L| < \varepsilon",
                 readouts=[Readout("epsilon", r"\varepsilon"), Readout("delta", r"\delta"), Readout("limit", "L")],
                 note="Narrow the band around L: the window around a that keeps the graph inside it shrinks too.")


__all__ = ["epsilon_delta"]
