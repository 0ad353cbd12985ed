"""A small feed-forward network as a computation graph: values forward,
gradients backward by the chain rule, edge by edge.

Nodes are named ``x1, x2, ...`` (inputs), ``h1, h2, ...`` (one hidden
layer; ``h1_1, h1_2, ...`` for layer 1 when there are several) and ``y``
(or ``y1, y2, ...``).  Each non-input node computes
``a = activation(z)`` with ``z = sum_i w_i a_i + b``.  The loss is the
squared error ``sum (y_k - target_k)^2``.

Examples
--------
>>> net = Network.from_layers([[[1.0, -1.0], [0.5, 2.0]], [[1.0, 1.0]]], [[0.0, 0.0], [0.0]],
...                           activation="identity")
>>> net.forward([1.0, 2.0]).values
{'x1': 1.0, 'x2': 2.0, 'h1': -1.0, 'h2': 4.5, 'y': 3.5}
>>> grads = net.backward([1.0, 2.0], [3.0])
>>> grads.loss, grads.nodes["y"], grads.nodes["h1"]
(0.25, 1.0, 1.0)
>>> grads.weights[0]
array([[1., 2.],
       [1., 2.]])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["ACTIVATIONS", "Backward", "Edge", "Forward", "Network", "SlopeWork", "activation_slope_work"]


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# name -> (activation, its derivative in terms of z)
ACTIVATIONS = {
    "sigmoid": (_sigmoid, lambda z: _sigmoid(z) * (1.0 - _sigmoid(z))),
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "identity": (lambda z: z, lambda z: np.ones_like(z)),
}


@dataclass(frozen=True)
class Edge:
    """The weight ``weights[layer][row, column]`` from ``source`` into ``target``."""

    source: str
    target: str
    layer: int
    row: int
    column: int


@dataclass(frozen=True)
class Forward:
    """Every node's value (``values``) and pre-activation (``sums``, non-input nodes)."""

    values: dict
    sums: dict


@dataclass(frozen=True)
class Backward:
    """Gradients of the loss.

    ``nodes``: d loss / d (node value); ``weights`` and ``biases``: per layer,
    shaped like the network's; ``local``: each edge's local derivative
    d target / d source = activation'(z_target) * w, the factor the chain
    rule multiplies along that edge.
    """

    loss: float
    forward: Forward
    nodes: dict
    weights: tuple
    biases: tuple
    local: dict


class Network:
    """A fully connected feed-forward network given by its weights.

    Use :meth:`from_layers`.  ``weights[l]`` has shape (units out, units in).
    """

    def __init__(self, weights, biases, activation: str):
        self.weights = tuple(weights)
        self.biases = tuple(biases)
        self.activation = activation
        self._act, self._slope = ACTIVATIONS[activation]
        self.layers = _node_names(
            [w.shape[1] for w in self.weights[:1]] + [w.shape[0] for w in self.weights]
        )

    @classmethod
    def from_layers(cls, weights, biases, activation: str = "sigmoid") -> Network:
        """Build from per-layer weight matrices and bias vectors.

        Examples
        --------
        >>> Network.from_layers([[[1, 2]]], [[0]]).layers
        (('x1', 'x2'), ('y',))
        >>> Network.from_layers([[[1, 2]]], [[0, 1]])
        Traceback (most recent call last):
        ...
        ValueError: layer 1: 1 weight rows but 2 biases
        >>> Network.from_layers([[[1, 2]]], [[0]], activation="relu6")
        Traceback (most recent call last):
        ...
        ValueError: unknown activation 'relu6'; expected one of sigmoid, tanh, identity
        """
        if activation not in ACTIVATIONS:
            raise ValueError(
                f"unknown activation {activation!r}; expected one of {', '.join(ACTIVATIONS)}"
            )
        ws = [np.atleast_2d(np.asarray(w, dtype=float)) for w in weights]
        bs = [np.atleast_1d(np.asarray(b, dtype=float)) for b in biases]
        if not ws or len(ws) != len(bs):
            raise ValueError(
                f"need one bias vector per weight matrix, got {len(ws)} and {len(bs)}"
            )
        for layer, (w, b) in enumerate(zip(ws, bs), start=1):
            if w.ndim != 2 or b.ndim != 1 or w.shape[0] != b.shape[0]:
                raise ValueError(
                    f"layer {layer}: {w.shape[0]} weight rows but {b.shape[0]} biases"
                )
            if layer > 1 and w.shape[1] != ws[layer - 2].shape[0]:
                raise ValueError(
                    f"layer {layer}: takes {w.shape[1]} inputs, the layer before has {ws[layer - 2].shape[0]}"
                )
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
                raise ValueError(f"layer {layer}: weights and biases must be finite")
        return cls(ws, bs, activation)

    @property
    def edges(self) -> tuple[Edge, ...]:
        """Every weighted edge, layer by layer."""
        return tuple(
            Edge(self.layers[l][c], self.layers[l + 1][r], l, r, c)
            for l, w in enumerate(self.weights)
            for r in range(w.shape[0])
            for c in range(w.shape[1])
        )

    def forward(self, inputs) -> Forward:
        """Every node's value for these inputs."""
        a = self._checked(inputs, len(self.layers[0]), "inputs")
        values = dict(zip(self.layers[0], a.tolist()))
        sums = {}
        for names, w, b in zip(self.layers[1:], self.weights, self.biases):
            z = w @ a + b
            a = self._act(z)
            sums.update(zip(names, z.tolist()))
            values.update(zip(names, a.tolist()))
        return Forward(values, sums)

    def backward(self, inputs, target) -> Backward:
        """Gradients of the squared error, by the chain rule edge by edge:
        a node's gradient is the sum, over its outgoing edges, of the
        target's gradient times the edge's local derivative."""
        forward = self.forward(inputs)
        goal = self._checked(target, len(self.layers[-1]), "target")
        outputs = np.array([forward.values[n] for n in self.layers[-1]])
        nodes = dict(zip(self.layers[-1], (2.0 * (outputs - goal)).tolist()))
        local, weight_grads, bias_grads = {}, [], []
        for l in reversed(range(len(self.weights))):
            w, sources, targets = self.weights[l], self.layers[l], self.layers[l + 1]
            slope = self._slope(np.array([forward.sums[n] for n in targets]))
            upstream = np.array([nodes[n] for n in targets]) * slope  # d loss / d z
            values = np.array([forward.values[n] for n in sources])
            weight_grads.append(np.outer(upstream, values))
            bias_grads.append(upstream)
            for c, source in enumerate(sources):
                total = 0.0
                for r, target_name in enumerate(targets):
                    local[(source, target_name)] = float(slope[r] * w[r, c])
                    total += nodes[target_name] * local[(source, target_name)]
                nodes[source] = total
        loss = float(np.sum((outputs - goal) ** 2))
        return Backward(
            loss,
            forward,
            nodes,
            tuple(reversed(weight_grads)),
            tuple(reversed(bias_grads)),
            local,
        )

    def loss(self, inputs, target) -> float:
        """The squared error ``sum (y_k - target_k)^2`` for these inputs (a forward pass only)."""
        forward = self.forward(inputs)
        goal = self._checked(target, len(self.layers[-1]), "target")
        outputs = np.array([forward.values[n] for n in self.layers[-1]])
        return float(np.sum((outputs - goal) ** 2))

    def central_difference(self, inputs, target, wrt: str, h: float = 1e-4) -> float:
        """The loss's slope in one input, ``(L(wrt + h) - L(wrt - h)) / 2h``,
        from two forward passes: the check on :meth:`backward` that uses no chain rule.

        Examples
        --------
        >>> net = Network.from_layers([[[2.0, -1.0]]], [[0.0]], activation="identity")
        >>> round(net.central_difference([1.0, 1.0], [0.0], "x1"), 6)  # L = (2 x1 - x2)^2
        4.0
        >>> net.central_difference([1.0, 1.0], [0.0], "h1")
        Traceback (most recent call last):
        ...
        ValueError: 'h1' is not an input; expected one of x1, x2
        """
        if wrt not in self.layers[0]:
            raise ValueError(f"{wrt!r} is not an input; expected one of {', '.join(self.layers[0])}")
        if not h > 0:
            raise ValueError(f"h must be positive, got {h!r}")
        base = self._checked(inputs, len(self.layers[0]), "inputs")
        step = np.zeros_like(base)
        step[self.layers[0].index(wrt)] = h
        return (self.loss(base + step, target) - self.loss(base - step, target)) / (2.0 * h)

    @staticmethod
    def _checked(values, size: int, name: str) -> np.ndarray:
        array = np.atleast_1d(np.asarray(values, dtype=float))
        if array.shape != (size,) or not np.all(np.isfinite(array)):
            raise ValueError(f"{name} must be {size} finite numbers, got {values!r}")
        return array


def _node_names(sizes: list[int]) -> tuple[tuple[str, ...], ...]:
    hidden = len(sizes) - 2

    def names(prefix: str, size: int) -> tuple[str, ...]:
        return (
            (prefix,)
            if prefix == "y" and size == 1
            else tuple(f"{prefix}{i}" for i in range(1, size + 1))
        )

    layers = [names("x", sizes[0])]
    for l in range(1, hidden + 1):
        layers.append(names("h" if hidden == 1 else f"h{l}_", sizes[l]))
    layers.append(names("y", sizes[-1]))
    return tuple(layers)


@dataclass(frozen=True)
class SlopeWork:
    """Why an activation's slope is written with the activation itself, line by line: ``lines`` (LaTeX, each
    line's pieces equal) and ``forms`` (the same pieces as sympy expressions in ``z``, to check them)."""

    lines: tuple[str, ...]
    forms: tuple[tuple[object, ...], ...]


def activation_slope_work(activation: str) -> SlopeWork:
    """The derivative of ``activation`` worked out: the sigmoid by the chain rule (outer power, inner 1 + e^-z, each
    factor written) and a split fraction, tanh by
    the quotient rule and cosh^2 - sinh^2 = 1.

    >>> activation_slope_work("sigmoid").lines[-1]
    '= \\\\frac{1}{1 + e^{-z}} \\\\cdot \\\\frac{e^{-z}}{1 + e^{-z}} = \\\\sigma(z)\\\\,\\\\big(1 - \\\\sigma(z)\\\\big)'
    """
    import sympy

    z = sympy.Symbol("z", real=True)
    if activation == "sigmoid":
        s = 1 / (1 + sympy.exp(-z))
        return SlopeWork(
            (r"\sigma(z) = \frac{1}{1 + e^{-z}} = \left(1 + e^{-z}\right)^{-1}, \qquad "
             r"1 - \sigma(z) = \frac{e^{-z}}{1 + e^{-z}}",
             r"\sigma'(z) = -\left(1 + e^{-z}\right)^{-2} \cdot \left(-e^{-z}\right) = \frac{e^{-z}}{(1 + e^{-z})^2}",
             r"= \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}} = \sigma(z)\,\big(1 - \sigma(z)\big)"),  # goes on
            ((s, (1 + sympy.exp(-z)) ** -1), (1 - s, sympy.exp(-z) / (1 + sympy.exp(-z))),
             (sympy.diff(s, z), -((1 + sympy.exp(-z)) ** -2) * (-sympy.exp(-z)), sympy.exp(-z) / (1 + sympy.exp(-z)) ** 2),
             (sympy.diff(s, z), s * sympy.exp(-z) / (1 + sympy.exp(-z)), s * (1 - s))))
    if activation == "tanh":
        t = sympy.sinh(z) / sympy.cosh(z)
        return SlopeWork(
            (r"\tanh z = \frac{\sinh z}{\cosh z}",
             r"\tanh' z = \frac{\cosh z \cdot \cosh z - \sinh z \cdot \sinh z}{\cosh^2 z} = 1 - \tanh^2 z"),
            ((sympy.tanh(z), t),
             (sympy.diff(sympy.tanh(z), z), (sympy.cosh(z) ** 2 - sympy.sinh(z) ** 2) / sympy.cosh(z) ** 2,
              1 - t ** 2)))
    raise ValueError(f"no worked slope for the activation {activation!r}; expected sigmoid or tanh")
