"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calcviz import Field, multivariate, networks
from scenes.params import (Floats, ParamError, Point, Points, SceneParams, SurfaceParams, require_field_defined,
                           require_inside)


@dataclass(frozen=True, kw_only=True)
class TangentPlaneParams(SurfaceParams):
    point: Point
    zoom_factors: Floats = (4.0, 16.0)  # type: ignore[assignment]

    def check(self) -> None:
        super().check()
        require_tangent_plane(self.function, self.point, self.x_range, self.y_range)
        if any(z <= 1 for z in self.zoom_factors) or list(self.zoom_factors) != sorted(self.zoom_factors):
            raise ParamError("zoom_factors", "expected growing magnifications above 1, e.g. [4, 16]")
        self.check_plane_above()

    def check_plane_above(self) -> None:
        """The scene paints the plane over the surface (seen from above), so near the point the surface must not
        rise above its tangent plane: f bends down there."""
        F, (a, b) = self.function, self.point
        plane = multivariate.tangent_plane(F, self.point)
        half = PLANE_HALF_WIDTH * min(np.ptp(self.x_range), np.ptp(self.y_range))
        xs, ys = np.meshgrid(np.linspace(a - half, a + half, 21), np.linspace(b - half, b + half, 21))
        with np.errstate(all="ignore"):
            gap = np.broadcast_to(plane(xs, ys), xs.shape) - np.broadcast_to(F(xs, ys), xs.shape)
        if np.any(gap < -1e-9 * max(1.0, float(np.nanmax(np.abs(gap))))):
            raise ParamError("point", f"the surface rises above its tangent plane near {_shown_point(self.point)}: the "
                                      "scene draws the plane over the surface, so f must bend down around the point, "
                                      "as 4 - x^2/2 - y^2/3 + x*y/4 does")


PLANE_HALF_WIDTH = 0.22  # TangentPlane's drawn plane: its half-width, as a part of the smaller range


def _shown_point(point) -> str:
    return f"({point[0]:g}, {point[1]:g})"


NETWORK_ACTIVATIONS = ("sigmoid", "tanh")
NETWORK_LIMIT = 10.0  # inputs and weights beyond this make unreadable, saturated numbers


@dataclass(frozen=True, kw_only=True)
class ChainRuleNetworkParams(SceneParams):
    """A 2-2-1 network: ``hidden_weights[i]`` are the weights from (x1, x2) into hidden unit i+1."""

    inputs: Point
    hidden_weights: Points
    hidden_biases: Point
    output_weights: Point  # from (h1, h2) into y
    output_bias: float = 0.0
    target: float
    activation: str = "sigmoid"

    def check(self) -> None:
        super().check()
        if self.activation not in NETWORK_ACTIVATIONS:
            raise ParamError("activation", f"{self.activation!r}: expected one of {', '.join(NETWORK_ACTIVATIONS)}")
        if len(self.hidden_weights) != 2:
            raise ParamError("hidden_weights", f"expected two rows [[w11, w12], [w21, w22]] (one per hidden unit), got {len(self.hidden_weights)}")
        for key in ("inputs", "hidden_weights", "hidden_biases", "output_weights", "output_bias", "target"):
            values = np.ravel(getattr(self, key))
            if np.any(np.abs(values) > NETWORK_LIMIT):
                raise ParamError(key, f"{max(np.abs(values)):g} is too large: keep inputs, weights and the target within ±{NETWORK_LIMIT:g}")
        network = self.network()
        output = network.forward(self.inputs).values["y"]
        if abs(output - self.target) < 1e-3:
            raise ParamError("target", f"the network already outputs {output:.4g}: the loss and every gradient are about 0")

    def network(self) -> networks.Network:
        """The network as calcviz builds it."""
        return networks.Network.from_layers([self.hidden_weights, [self.output_weights]],
                                            [self.hidden_biases, [self.output_bias]], activation=self.activation)


@dataclass(frozen=True, kw_only=True)
class PartialDerivativesParams(SurfaceParams):
    """A smooth surface sliced through ``point`` by the planes y = b and x = a; each slice's slope there is a
    partial derivative."""

    point: Point

    def check(self) -> None:
        super().check()
        require_tangent_plane(self.function, self.point, self.x_range, self.y_range)


def require_tangent_plane(field, point, x_range, y_range) -> None:
    """``point`` lies in the region and ``field`` has a tangent plane there (an error names the key "point")."""
    require_inside("point", point, x_range, y_range)
    try:
        multivariate.tangent_plane(field, point)
    except ValueError as error:
        raise ParamError("point", str(error)) from None


SHAPE_KINDS = {"bowl": "positive definite", "ridge": "semidefinite", "saddle": "indefinite"}
SHAPE_SQUARE = (-1.0, 1.0)  # each small example surface is drawn over this square in x and y


@dataclass(frozen=True, kw_only=True)
class HessianConvexityParams(SurfaceParams):
    """Three small examples (``bowl``, ``ridge``, ``saddle``), then ``function``: not convex over the
    ranges, with the region where its Hessian is positive definite shaded; ``point`` is probed."""

    bowl: Field
    ridge: Field
    saddle: Field
    point: Point

    def check(self) -> None:
        super().check()
        for key, kind in SHAPE_KINDS.items():
            shape = getattr(self, key)
            require_field_defined(shape, SHAPE_SQUARE, SHAPE_SQUARE, key=key)
            region = multivariate.hessian_classification(shape, SHAPE_SQUARE, SHAPE_SQUARE, resolution=9)
            if region.fraction(kind) < 1:
                raise ParamError(key, f"{shape.expr}: expected a Hessian that is {kind} all over [-1, 1] x [-1, 1], "
                                      f"as for {EXAMPLE_SHAPES[key]}")
        if multivariate.hessian_at(self.ridge, (0, 0)).trace >= 0:
            raise ParamError("ridge", f"{self.ridge.expr} bends up (its Hessian's trace is not negative): "
                                      f"a ridge bends down one way, as {EXAMPLE_SHAPES['ridge']} does")
        region = multivariate.hessian_classification(self.function, self.x_range, self.y_range)
        if region.convex:
            raise ParamError("function", f"{self.function.expr} is convex on the whole region: "
                                         "the scene shades where a non-convex field is convex, e.g. x^4 - 4*x*y + y^4")
        if region.fraction("positive definite") == 0:
            raise ParamError("function", f"{self.function.expr} is nowhere convex in the ranges: nothing to shade")
        require_inside("point", self.point, self.x_range, self.y_range)


EXAMPLE_SHAPES = {"bowl": "x^2 + y^2", "ridge": "-x^2", "saddle": "x^2 - y^2"}
