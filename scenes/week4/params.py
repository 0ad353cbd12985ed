"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

from calcviz import multivariate
from scenes.params import Floats, ParamError, Point, SurfaceParams, require_inside


@dataclass(frozen=True, kw_only=True)
class TangentPlaneParams(SurfaceParams):
    point: Point
    zoom_factors: Floats = (4.0, 16.0)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_inside("point", self.point, self.x_range, self.y_range)
        try:
            multivariate.tangent_plane(self.function, self.point)
        except ValueError as error:
            raise ParamError("point", str(error)) from None
        if any(z <= 1 for z in self.zoom_factors) or list(self.zoom_factors) != sorted(self.zoom_factors):
            raise ParamError("zoom_factors", "expected growing magnifications above 1, e.g. [4, 16]")
