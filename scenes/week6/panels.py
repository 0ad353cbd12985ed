"""Interactive panels of week 6's scenes, shown under each clip on the course page.

One function per scene, named like the scene's module; each takes the scene's
validated params and returns a :class:`scenes.publish.panels.Panel` whose every
number comes from calcviz.  Never imports manim.  The descent paths are
computed here for every position of the sliders (start and learning rate).
"""

from __future__ import annotations

import numpy as np

from calcviz import optimize
from scenes.publish.panels import TANGENT, Panel, Path3D, Readout, Scene3D, Slider, camera, frames_over, grid, log_grid
from scenes.week4.panels import surface_box
from scenes.week6.params import inside_map, settled


def _status(run) -> str:
    if run.diverged:
        return "diverged"
    return "converged" if settled(run) else "still moving"


def gradient_descent_surface(p) -> Panel:
    F, (x_lo, x_hi), (y_lo, y_hi) = p.function, p.x_range, p.y_range
    slow, _, fast = p.learning_rates
    rate = Slider("rate", r"\eta", log_grid(slow, fast, 6, include=p.learning_rates), start=p.learning_rates[1])
    sx = Slider("sx", r"x_\text{start}", grid(x_lo, x_hi, 5, include=[p.start[0]]), start=p.start[0])
    sy = Slider("sy", r"y_\text{start}", grid(y_lo, y_hi, 5, include=[p.start[1]]), start=p.start[1])
    sheet, box = surface_box(F, p.x_range, p.y_range)
    lift = 0.01 * (box[5] - box[4])  # the path just above the sheet (drawing only)

    def frame(eta, x, y):
        run = optimize.gradient_descent(F, (x, y), eta, p.steps, p.momentum)
        shown = run.points[: np.argmin(inside_map(run.points, p.x_range, p.y_range)) or len(run.points)]
        path = np.column_stack([shown, run.values[: len(shown)] + lift])
        return {"rate": eta, "sx": x, "sy": y, "steps": run.iterations, "end_x": run.x[0], "end_y": run.x[1], "loss": run.fun,
                "status": _status(run), "path": path}

    return Panel(controls=[rate, sx, sy], views=[Scene3D([sheet, Path3D("path", color=TANGENT)], box, camera(p.phi, p.theta))],
                 frames=frames_over([rate, sx, sy], frame),
                 formula=rf"z = {F.latex}, \qquad (x, y) \leftarrow (x, y) - \eta\, \nabla f(x, y)",
                 readouts=[Readout("steps", r"\text{steps}"), Readout("end_x", r"x_\text{end}"), Readout("end_y", r"y_\text{end}"),
                           Readout("loss", r"f(x_\text{end}, y_\text{end})"), Readout("status", r"\text{the run}")],
                 note="Too small a step crawls, a good one settles in a valley, too large a one overshoots.")


__all__ = ["gradient_descent_surface"]
