"""Network gradients against sympy differentiation of the composed expression
and a central finite difference."""

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcviz.networks import Network

_SYMPY_ACTIVATIONS = {
    "sigmoid": lambda z: 1 / (1 + sympy.exp(-z)),
    "tanh": sympy.tanh,
    "identity": lambda z: z,
}


def _symbolic_loss(shape, activation):
    """The loss written out as one sympy expression in inputs, weights and biases."""
    act = _SYMPY_ACTIVATIONS[activation]
    xs = sympy.symbols(f"x1:{shape[0] + 1}")
    a, ws, bs = list(xs), [], []
    for l, (n_in, n_out) in enumerate(itertools.pairwise(shape)):
        w = sympy.Matrix(
            [[sympy.Symbol(f"w{l}_{r}_{c}") for c in range(n_in)] for r in range(n_out)]
        )
        b = [sympy.Symbol(f"b{l}_{r}") for r in range(n_out)]
        a = [act(sum(w[r, c] * a[c] for c in range(n_in)) + b[r]) for r in range(n_out)]
        ws.append(w)
        bs.append(b)
    ts = sympy.symbols(f"t1:{shape[-1] + 1}")
    return sum((y - t) ** 2 for y, t in zip(a, ts)), xs, ws, bs, ts


def _random_network(rng, shape, activation):
    weights = [rng.normal(size=(m, n)) for n, m in itertools.pairwise(shape)]
    biases = [rng.normal(size=m) for m in shape[1:]]
    return Network.from_layers(weights, biases, activation), weights, biases


@pytest.mark.parametrize(
    "shape, activation",
    [((2, 2, 1), "sigmoid"), ((3, 2, 2), "tanh"), ((2, 3, 2, 1), "identity")],
)
def test_gradients_match_sympy_of_the_composed_loss(shape, activation):
    rng = np.random.default_rng(sum(shape))
    net, weights, biases = _random_network(rng, shape, activation)
    inputs, target = rng.normal(size=shape[0]), rng.normal(size=shape[-1])
    loss, xs, ws, bs, ts = _symbolic_loss(shape, activation)
    at = {s: sympy.Float(v) for s, v in zip(xs + ts, [*inputs, *target])}
    for l, (w, b) in enumerate(zip(ws, bs)):
        at |= {
            w[r, c]: sympy.Float(weights[l][r, c])
            for r in range(w.rows)
            for c in range(w.cols)
        }
        at |= {s: sympy.Float(v) for s, v in zip(b, biases[l])}
    grads = net.backward(inputs, target)
    assert grads.loss == pytest.approx(float(loss.xreplace(at)), rel=1e-10)
    for l, w in enumerate(ws):
        for r in range(w.rows):
            for c in range(w.cols):
                exact = float(sympy.diff(loss, w[r, c]).xreplace(at))
                assert grads.weights[l][r, c] == pytest.approx(
                    exact, rel=1e-9, abs=1e-12
                )
            assert grads.biases[l][r] == pytest.approx(
                float(sympy.diff(loss, bs[l][r]).xreplace(at)), rel=1e-9, abs=1e-12
            )
    for name, x in zip(net.layers[0], xs):
        assert grads.nodes[name] == pytest.approx(
            float(sympy.diff(loss, x).xreplace(at)), rel=1e-9, abs=1e-12
        )


def _loss_with(net_args, inputs, target, activation):
    weights, biases = net_args
    return (
        Network.from_layers(weights, biases, activation).backward(inputs, target).loss
    )


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_gradients_match_a_central_finite_difference(seed):
    rng = np.random.default_rng(seed)
    net, weights, biases = _random_network(rng, (2, 2, 1), "sigmoid")
    inputs, target = rng.normal(size=2), rng.normal(size=1)
    grads = net.backward(inputs, target)
    h = 1e-5
    for l, w in enumerate(weights):
        for index in np.ndindex(w.shape):
            up = [m.copy() for m in weights]
            down = [m.copy() for m in weights]
            up[l][index] += h
            down[l][index] -= h
            difference = (
                _loss_with((up, biases), inputs, target, "sigmoid")
                - _loss_with((down, biases), inputs, target, "sigmoid")
            ) / (2 * h)
            assert grads.weights[l][index] == pytest.approx(
                difference, rel=1e-6, abs=1e-9
            )


def test_a_node_gradient_sums_the_paths_that_meet_there():
    net = Network.from_layers(
        [[[1.0, 2.0], [3.0, -1.0]], [[0.5, -2.0]]], [[0.1, 0.2], [0.0]]
    )
    grads = net.backward([0.4, -0.3], [1.0])
    for x in ("x1", "x2"):
        paths = sum(
            grads.nodes["y"] * grads.local[("h" + k, "y")] * grads.local[(x, "h" + k)]
            for k in "12"
        )
        assert grads.nodes[x] == pytest.approx(paths, rel=1e-12)


def test_the_forward_pass_is_sigmoid_of_the_weighted_sum():
    net = Network.from_layers([[[2.0, -1.0]]], [[0.5]])
    assert net.forward([1.0, 1.0]).values["y"] == pytest.approx(1 / (1 + np.exp(-1.5)))


@pytest.mark.parametrize(
    "weights, biases, message",
    [
        (
            [[[1, 2]], [[1, 2]]],
            [[0], [0]],
            "layer 2: takes 2 inputs, the layer before has 1",
        ),
        ([[[1, float("nan")]]], [[0]], "must be finite"),
        ([], [], "one bias vector per weight matrix"),
    ],
)
def test_bad_layers_are_named(weights, biases, message):
    with pytest.raises(ValueError, match=message):
        Network.from_layers(weights, biases)


def test_inputs_of_the_wrong_size_are_refused():
    with pytest.raises(ValueError, match="inputs must be 2 finite numbers"):
        Network.from_layers([[[1, 2]]], [[0]]).forward([1.0])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_the_central_difference_in_an_input_matches_sympy(activation):
    rng = np.random.default_rng(7)
    net, weights, biases = _random_network(rng, (2, 2, 1), activation)
    inputs, target = rng.normal(size=2), rng.normal(size=1)
    loss, xs, ws, bs, ts = _symbolic_loss((2, 2, 1), activation)
    at = {s: sympy.Float(v) for s, v in zip(xs + ts, [*inputs, *target])}
    for l, (w, b) in enumerate(zip(ws, bs)):
        at |= {w[r, c]: sympy.Float(weights[l][r, c]) for r in range(w.rows) for c in range(w.cols)}
        at |= {s: sympy.Float(v) for s, v in zip(b, biases[l])}
    assert net.loss(inputs, target) == pytest.approx(float(loss.xreplace(at)), rel=1e-12)
    for name, x in zip(net.layers[0], xs):
        exact = float(sympy.diff(loss, x).xreplace(at))
        assert net.central_difference(inputs, target, name) == pytest.approx(exact, rel=1e-6, abs=1e-9)


def test_a_central_difference_needs_an_input_and_a_positive_step():
    net = Network.from_layers([[[1, 2]]], [[0]])
    with pytest.raises(ValueError, match="'y' is not an input"):
        net.central_difference([1.0, 1.0], [0.0], "y")
    with pytest.raises(ValueError, match="h must be positive"):
        net.central_difference([1.0, 1.0], [0.0], "x1", h=0.0)
