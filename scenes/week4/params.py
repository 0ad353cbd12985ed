"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calcviz import Field, limits, multivariate, networks
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
    """A smooth surface sliced through ``point``; then ``counterexample``, whose formula has a hole at
    ``hole`` filled with ``hole_value``: partials there, but no limit, so no tangent plane."""

    point: Point
    counterexample: Field  # e.g. x*y/(x^2 + y^2)
    hole: Point = (0.0, 0.0)  # type: ignore[assignment]
    hole_value: float = 0.0

    def check(self) -> None:
        super().check()
        require_tangent_plane(self.function, self.point, self.x_range, self.y_range)
        require_inside("hole", self.hole, self.x_range, self.y_range)
        require_defined_except_at("counterexample", self.counterexample, self.x_range, self.y_range, self.hole)
        self.check_hole()

    def check_hole(self) -> None:
        G, hole = self.counterexample, self.hole
        with np.errstate(all="ignore"):
            there = float(G(*hole))
        if np.isfinite(there) and not np.isclose(there, self.hole_value):
            raise ParamError("hole_value", f"{self.hole_value:g}, but the formula gives {there:g} at {_shown_point(hole)}")
        try:
            multivariate.partials_by_definition(G, hole, self.hole_value)
        except ValueError as error:
            # A value chosen for a hole in the formula is the likelier culprit than the formula.
            key = "counterexample" if np.isfinite(there) else "hole_value"
            raise ParamError(key, f"{error}: the scene needs both partials at the hole") from None
        try:
            limits.multivariate_limit(G, hole)
        except limits.NoLimitError:
            return
        raise ParamError("counterexample", f"{G.expr} has the same limit at {_shown_point(hole)} along every path tried, "
                                           "so there is no tear to show: use one whose limit differs along lines, "
                                           "e.g. x*y/(x^2 + y^2)")


def require_tangent_plane(field, point, x_range, y_range) -> None:
    """``point`` lies in the region and ``field`` has a tangent plane there (an error names the key "point")."""
    require_inside("point", point, x_range, y_range)
    try:
        multivariate.tangent_plane(field, point)
    except ValueError as error:
        raise ParamError("point", str(error)) from None


def require_defined_except_at(key: str, field, x_range, y_range, hole) -> None:
    """The surface is finite on a fine grid over the ranges, except at the one point under study."""
    xs, ys = np.meshgrid(np.linspace(*x_range, 81), np.linspace(*y_range, 81))
    with np.errstate(all="ignore"):
        z = np.broadcast_to(field(xs, ys), xs.shape)
    spacing = min(x_range[1] - x_range[0], y_range[1] - y_range[0]) / 80
    away = np.hypot(xs - hole[0], ys - hole[1]) > 1e-9 * spacing
    bad = ~np.isfinite(z) & away
    if bad.any():
        x, y = xs[bad][0], ys[bad][0]
        raise ParamError(key, f"{field.expr} is not defined at (x, y) = ({x:g}, {y:g}): it may be undefined only "
                              f"at the hole {_shown_point(hole)}, inside the drawn ranges")


def _shown_point(point) -> str:
    return f"({point[0]:g}, {point[1]:g})"


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
