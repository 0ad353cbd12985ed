"""Parameters of the week's scenes, beside the scenes themselves.

Each ``<Scene>Params`` class here belongs to the scene ``<Scene>`` in this
package's module of the same name in snake case; :func:`scenes.params.scene_specs`
finds them.  Never imports manim, so the course config validates quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calcviz import multivariate, networks
from scenes.params import Floats, ParamError, Point, Points, SceneParams, SurfaceParams, require_inside


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
