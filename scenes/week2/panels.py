"""Interactive panels of week 2's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.
"""

from __future__ import annotations

import numpy as np

from calcviz import limits, multivariate
from calcviz.view import value_window
from scenes.publish.panels import (ACCENT, DERIVATIVE, SECANT, TANGENT, Board, Choice, Curve, Panel, Point, Point3D, Readout, Rect, Scene3D,
                                   Slider, camera, frames_over, graph_pieces, grid, log_grid)
from scenes.week4.panels import surface_box


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


CONTOUR_LEVELS = 12
PATH_SAMPLES = 30
FIELD_LABELS = ("f1", "f2")  # the clip's two fields, in its order (their formulas are above the plot)  # per side of the point, for the path and f along it (drawing only)


def functions_of_two_variables(p) -> Panel:
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    end = p.tour[-1]
    x0 = Slider("x0", "x", grid(x_lo, x_hi, 21, include=[end[0]]), start=end[0])
    y0 = Slider("y0", "y", grid(y_lo, y_hi, 21, include=[end[1]]), start=end[1])
    sheet, box = surface_box(F, p.x_range, p.y_range)
    _, _, Z = multivariate.surface_grid(F, p.x_range, p.y_range, resolution=81)
    lo, hi = float(np.nanmin(Z)), float(np.nanmax(Z))
    levels = lo + (hi - lo) * np.linspace(0, 1, CONTOUR_LEVELS + 2)[1:-1]
    contours = [piece for pieces in multivariate.contour_lines(F, p.x_range, p.y_range, levels, resolution=121) for piece in pieces]

    def frame(x, y):
        return {"x0": x, "y0": y, "z0": F(x, y)}

    surface = Scene3D([sheet, Point3D("x0", "y0", "z0", color=ACCENT)], box, camera(p.phi, p.theta))
    level_map = Board((x_lo, x_hi, y_lo, y_hi), [Curve(contours, color=p.function_color, width=1.5), Point("x0", "y0", color=ACCENT)],
                      aspect=(x_hi - x_lo) / (y_hi - y_lo))
    return Panel(controls=[x0, y0], views=[surface, level_map], frames=frames_over([x0, y0], frame),
                 formula=rf"f(x, y) = {F.latex}",
                 readouts=[Readout("x0", "x"), Readout("y0", "y"), Readout("z0", "f(x, y)")],
                 note="Move the point: its height on the surface is the level curve it sits on in the map.")


def limits_along_paths(p) -> Panel:
    fields = {"function": p.function, "curve_function": p.curve_function}
    field = Choice("field", "f", list(fields), start="function", labels=list(FIELD_LABELS))
    paths = p.paths()
    path = Choice("path", r"\text{path } (x, y) =", [str(k) for k in range(len(paths))], start="0",
                  labels=[path_text(q, p.point) for q in paths])
    t = Slider("t", "t", log_grid(1.0, 0.001, 10), start=1.0)
    restricted = {(key, str(k)): q.restrict(F) for key, F in fields.items() for k, q in enumerate(paths)}
    lines = {(key, str(k)): p.path_limit(key, q) for key in fields for k, q in enumerate(paths)}
    ts = np.geomspace(1.0, 1e-3, PATH_SAMPLES)
    values = np.concatenate([np.asarray(g(np.concatenate([ts, -ts])), float) for g in restricted.values()])
    y_lo, y_hi, _ = value_window(values)
    along_box = (-1.0, 1.0, y_lo, y_hi)
    (x0, x1), (y0, y1) = p.x_range, p.y_range

    def frame(key, k, step):
        route, g = paths[int(k)], restricted[(key, k)]
        xs, ys = route.at([step])
        both = [np.column_stack(route.at(sign * ts)) for sign in (1, -1)]
        return {"t": step, "x": float(xs[0]), "y": float(ys[0]), "f": float(g(step)), "limit": lines[(key, k)],
                "route": both, "along": [np.column_stack([sign * ts, g(sign * ts)]) for sign in (1, -1)], "a": p.point[0],
                "b": p.point[1]}

    plane = Board((x0, x1, y0, y1), [Curve("route", color=TANGENT), Point("x", "y", color=ACCENT), Point("a", "b", color=SECANT, hollow=True)],
                  aspect=(x1 - x0) / (y1 - y0))
    along = Board(along_box, [Curve("along", color=p.function_color), Point("t", "f", color=ACCENT),
                              Point(0.0, "limit", color=SECANT, hollow=True, label="limit")])
    return Panel(controls=[field, path, t], views=[plane, along], frames=frames_over([field, path, t], frame),
                 formula=rf"f_1 = {p.function.latex}, \qquad f_2 = {p.curve_function.latex}",
                 readouts=[Readout("t", "t"), Readout("x", "x(t)"), Readout("y", "y(t)"), Readout("f", r"f\bigl(x(t), y(t)\bigr)"),
                           Readout("limit", r"\text{limit along the path}")],
                 note="Pick a field and a path into the point, and slide t towards 0: the limits along different paths "
                      "must all agree for f to have a limit.")


def path_text(path, point) -> str:
    """A path as plain text for a radio label: (x(t), y(t)), e.g. (t, 2t) or (t^2, t)."""
    import sympy

    def plain(expr) -> str:
        return sympy.sstr(sympy.expand(expr)).replace("**", "^").replace("*", "")

    return f"({plain(path.x)}, {plain(path.y)})"


__all__ = ["epsilon_delta", "functions_of_two_variables", "limits_along_paths"]
