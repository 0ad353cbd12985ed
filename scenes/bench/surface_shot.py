"""One 3D shot drawn two ways, for `make bench`: this project's 3D path and manim's stock one.

The shot: a shaded 32x32 surface with axes, a point rolling along a path that
it traces, and a camera that orbits the whole time (the worst case: every
frame re-shades the surface).  Not a lecture: it has no course entry.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    Create,
    Dot,
    Dot3D,
    MoveAlongPath,
    Surface,
    ThreeDAxes,
    ThreeDScene,
    VMobject,
    linear,
)

from calcviz import Field
from scenes.kit.lecture import EncodedScene
from scenes.kit.look import ACCENT, BACKGROUND, TANGENT
from scenes.kit.three_d import Curve3D, MeshLayer, Stage, SurfaceCamera, marker, surface_sheet

FIELD = Field("(x^2 - 1)^2/2 + y^2/2 + x/5")
RANGE = (-2.0, 2.0)
Z_RANGE = (-1.0, 5.0)
DURATION = 10.0  # long enough that start-up (imports, config) weighs as little as in a real scene
PHI, THETA, TURN = 65 * DEGREES, -130 * DEGREES, 100 * DEGREES


def path_points(samples: int = 240) -> np.ndarray:
    """The point's path on the surface, in graph coordinates."""
    t = np.linspace(0, 1, samples)
    x = 1.8 * np.cos(3 * t) * (1 - 0.6 * t)
    y = 1.6 * np.sin(4 * t) * (1 - 0.5 * t)
    return np.column_stack([x, y, FIELD(x, y)])


class SurfaceShot(EncodedScene):
    """This project's 3D path (scenes/three_d.py)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(camera_class=SurfaceCamera, **kwargs)

    def construct(self) -> None:
        stage = Stage(RANGE, RANGE, Z_RANGE, lengths=(6, 6, 4), phi=PHI, theta=THETA)
        layer = MeshLayer(stage, [surface_sheet(stage, FIELD, resolution=32)])
        lo, hi = RANGE
        axes = [Curve3D(stage, [[lo, 0, 0], [hi, 0, 0]]), Curve3D(stage, [[0, lo, 0], [0, hi, 0]]),
                Curve3D(stage, [[0, 0, Z_RANGE[0]], [0, 0, Z_RANGE[1]]])]
        path = Curve3D(stage, path_points(), color=TANGENT, width=4, progress=0, lift=0.02)
        dot = Dot(color=ACCENT, radius=0.09)
        dot.add_updater(lambda d: _follow(d, stage, path.visible_path()[-1]))
        self.add(layer, *axes, path, dot)
        self.play(path.progress.animate.set_value(1), stage.theta.animate.set_value(THETA + TURN),
                  run_time=DURATION, rate_func=linear)


def _follow(dot: Dot, stage: Stage, xyz: np.ndarray) -> None:
    spot = marker(stage, xyz)
    dot.move_to(spot.frame).set_opacity(0.35 if spot.hidden else 1.0)


class StockSurfaceShot(ThreeDScene):
    """The same shot with manim's Surface, ThreeDAxes and ThreeDCamera."""

    def construct(self) -> None:
        self.camera.background_color = BACKGROUND
        self.set_camera_orientation(phi=PHI, theta=THETA)
        lo, hi = RANGE
        axes = ThreeDAxes(x_range=[lo, hi, 1], y_range=[lo, hi, 1], z_range=[*Z_RANGE, 1],
                          x_length=6, y_length=6, z_length=4)
        surface = Surface(lambda u, v: axes.c2p(u, v, FIELD(u, v)), u_range=RANGE, v_range=RANGE,
                          resolution=(32, 32))
        curve = VMobject(stroke_color=TANGENT, stroke_width=4).set_points_smoothly(axes.c2p(path_points()))
        dot = Dot3D(curve.get_start(), color=ACCENT, radius=0.09)
        self.add(axes, surface, dot)
        self.begin_ambient_camera_rotation(rate=TURN / DURATION)
        self.play(Create(curve), MoveAlongPath(dot, curve), run_time=DURATION, rate_func=linear)
