"""The lecture base class for scenes with surfaces: raising a surface, orbiting the camera, resting 3D scenery.

Most of a 3D scene's cost per frame is re-projecting and repainting its 3D
mobjects.  While the camera does not move they cannot change, so they *rest*:
their updaters are suspended and they are painted once with the static frame.
``scenery`` lists the 3D things that follow the camera; :meth:`turn_camera`
wakes them for the turn and rests them after it.
"""

from __future__ import annotations

import numpy as np
from manim import FadeIn, smooth

from scenes.kit.lecture import LectureScene
from scenes.kit.three_d import MeshLayer, SurfaceCamera, stage_axes


class SurfaceScene(LectureScene):
    """A lecture scene that shows surfaces on ``self.stage``."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("camera_class", SurfaceCamera)
        super().__init__(**kwargs)
        self.scenery: list = []  # 3D things that follow the camera; they rest while it does

    def raise_surface(self, sheets, *alongside, hidden=(), labels=("x", "y", "z"), avoid=(), **layer_options):
        """Draw the stage's axes (their labels kept off the texts in ``avoid``), then raise ``sheets`` from the
        floor while ``alongside`` animations play.

        ``hidden`` sheets join the same layer (depth-sorted with the others) without being raised.
        The layer and the axes become scenery. Returns ``(layer, axes)``.
        """
        for sheet in sheets:
            sheet.lift.set_value(0)
        layer = MeshLayer(self.stage, [*sheets, *hidden], **layer_options)
        axes = stage_axes(self.stage, labels, avoid)
        self.add(layer)
        self.play(FadeIn(axes), run_time=self.t(1.2))
        self.play(*(sheet.lift.animate.set_value(1) for sheet in sheets), *alongside, run_time=self.t(2.5))
        self.scenery.extend([layer, axes])
        return layer, axes

    def turn_camera(self, degrees: float, seconds: float, *alongside, stages=None) -> None:
        """Orbit the camera (of each of ``stages``, together; default ``self.stage``) while ``alongside``
        animations play; the scenery follows it, then rests, drawn once at full detail."""
        if degrees:
            self.wake(*self.scenery)
            turns = (stage.theta.animate(rate_func=smooth).increment_value(np.radians(degrees))
                     for stage in stages or [self.stage])
            self.play(*turns, *alongside, run_time=self.t(seconds))  # alongside keep their own rate
        self.rest(*self.scenery)
        self.wait(1.5 / self.camera.frame_rate, frozen_frame=False)  # one frame drawn at rest: a pause repeats it

    def remove(self, *mobjects):
        """Remove ``mobjects``; scenery among them (or inside them) is no longer woken for turns."""
        super().remove(*mobjects)
        removed = {id(part) for m in mobjects for part in m.get_family()}
        self.scenery = [m for m in self.scenery if id(m) not in removed]
        return self

    def settle(self, *mobs) -> None:
        """New 3D things, done moving: scenery from now on, at rest."""
        self.scenery.extend(mobs)
        self.rest(*mobs)
