"""helpers.network (saved from notebook 03): gradients checked against finite differences,
shapes, determinism, the vanishing-gradient pattern on MNIST, and clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from helpers.data import load_mnist_subset, make_spirals
from helpers.network import (
    ACTIVATIONS,
    INITS,
    accuracy,
    backprop,
    cost,
    forward,
    init_params,
    layer_speeds,
    train,
)


def _problem(seed=0, n_in=3, n_classes=3, m=7):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(m, n_in)), rng.integers(0, n_classes, size=m)


def _numerical_gradient(params, X, y, activation, output, h=1e-6):
    grads = []
    for W, b in params:
        pair = []
        for array in (W, b):
            g = np.empty_like(array)
            for i in np.ndindex(array.shape):
                saved = array[i]
                array[i] = saved + h
                plus = cost(params, X, y, activation, output=output)
                array[i] = saved - h
                minus = cost(params, X, y, activation, output=output)
                array[i] = saved
                g[i] = (plus - minus) / (2 * h)
            pair.append(g)
        grads.append(tuple(pair))
    return grads


@pytest.mark.parametrize("output", ["softmax", "sigmoid"])
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("sizes", [[3, 4, 3], [3, 5, 4, 3], [3, 4, 4, 4, 2]])
def test_backprop_matches_finite_differences_on_every_parameter(activation, sizes, output):
    X, y = _problem(n_in=sizes[0], n_classes=sizes[-1])
    params = init_params(sizes, "nielsen", seed=3)
    exact = backprop(params, X, y, activation, output=output)
    numeric = _numerical_gradient(params, X, y, activation, output)
    assert len(exact) == len(params)
    for (W, b), (dW, db), (nW, nb) in zip(params, exact, numeric, strict=True):
        assert dW.shape == W.shape and db.shape == b.shape
        for g, n in ((dW, nW), (db, nb)):
            assert np.linalg.norm(g - n) / (np.linalg.norm(g) + np.linalg.norm(n)) < 1e-6
            np.testing.assert_allclose(g, n, rtol=1e-5, atol=1e-8)


def test_relu_gradient_check_is_not_hiding_a_kink():
    # The relu case above is a fair check only if no hidden z sits within the
    # finite-difference step of relu's kink at 0.
    for sizes in ([3, 4, 3], [3, 5, 4, 3], [3, 4, 4, 4, 2]):
        X, _ = _problem(n_in=sizes[0], n_classes=sizes[-1])
        zs, _ = forward(init_params(sizes, "nielsen", seed=3), X, "relu")
        assert min(np.abs(z).min() for z in zs[:-1]) > 1e-3


def test_gradient_is_the_mean_of_per_example_gradients():
    X, y = _problem(m=5)
    params = init_params([3, 4, 3], seed=0)
    together = backprop(params, X, y)
    alone = [backprop(params, X[i : i + 1], y[i : i + 1]) for i in range(5)]
    for layer, (dW, db) in enumerate(together):
        np.testing.assert_allclose(dW, np.mean([g[layer][0] for g in alone], axis=0), atol=1e-15)
        np.testing.assert_allclose(db, np.mean([g[layer][1] for g in alone], axis=0), atol=1e-15)


def test_forward_and_cost_are_the_textbook_formulas():
    X, y = _problem(m=6)
    params = init_params([3, 5, 3], "nielsen", seed=2)
    (W1, b1), (W2, b2) = params
    hidden = np.tanh(X @ W1 + b1)
    logits = hidden @ W2 + b2
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    zs, activations = forward(params, X, "tanh")
    assert np.array_equal(activations[0], X)
    np.testing.assert_allclose(zs[-1], logits, rtol=1e-12)
    np.testing.assert_allclose(activations[-1], p, rtol=1e-12)
    assert cost(params, X, y, "tanh") == pytest.approx(-np.log(p[np.arange(6), y]).mean())
    assert accuracy(params, X, y, "tanh") == pytest.approx(np.mean(p.argmax(axis=1) == y))
    a = 1 / (1 + np.exp(-logits))  # Nielsen's output layer: a sigmoid per unit
    onehot = np.eye(3)[y]
    expected = -np.mean(np.sum(onehot * np.log(a) + (1 - onehot) * np.log(1 - a), axis=1))
    assert cost(params, X, y, "tanh", output="sigmoid") == pytest.approx(expected, rel=1e-12)


def test_cost_and_gradients_stay_finite_for_huge_logits():
    params = init_params([1, 2, 2], seed=0)
    params[-1] = (np.array([[1e6, 1e6], [-1e6, -1e6]]), np.zeros(2))
    X, y = np.array([[1e3], [-1e3]]), np.array([1, 0])
    for output in ("softmax", "sigmoid"):
        assert np.isfinite(cost(params, X, y, "relu", output=output))
        assert all(np.isfinite(g).all() for pair in backprop(params, X, y, "relu") for g in pair)


@pytest.mark.parametrize("init", INITS)
def test_same_seed_same_parameters_bit_for_bit(init):
    a, b = init_params([4, 6, 5, 3], init, seed=7), init_params([4, 6, 5, 3], init, seed=7)
    c = init_params([4, 6, 5, 3], init, seed=8)
    for (Wa, ba), (Wb, bb) in zip(a, b, strict=True):
        assert Wa.tobytes() == Wb.tobytes() and ba.tobytes() == bb.tobytes()
    assert not np.array_equal(a[0][0], c[0][0])


def test_training_is_deterministic_and_leaves_its_input_alone():
    X, y = make_spirals(120, seed=1)
    start = init_params([2, 8, 8, 3], seed=0)
    copy = [(W.copy(), b.copy()) for W, b in start]
    one = train(start, X, y, lr=0.5, epochs=3, batch_size=10, seed=4)
    two = train(start, X, y, lr=0.5, epochs=3, batch_size=10, seed=4)
    other = train(start, X, y, lr=0.5, epochs=3, batch_size=10, seed=5)
    for (W1, b1), (W2, b2) in zip(one, two, strict=True):
        assert W1.tobytes() == W2.tobytes() and b1.tobytes() == b2.tobytes()
    assert not np.array_equal(one[0][0], other[0][0])  # the seed shuffles the batches
    for (W, b), (W0, b0) in zip(start, copy, strict=True):
        assert np.array_equal(W, W0) and np.array_equal(b, b0)


def test_on_epoch_sees_every_epoch_and_training_learns():
    X, y = make_spirals(300, seed=0)
    seen = []
    params = train(
        init_params([2, 30, 30, 3], "nielsen", seed=0),
        X,
        y,
        "tanh",
        lr=0.1,
        epochs=20,
        batch_size=10,
        seed=0,
        on_epoch=lambda epoch, p: seen.append((epoch, accuracy(p, X, y, "tanh"))),
    )
    assert [epoch for epoch, _ in seen] == list(range(21))
    assert seen[-1][1] == accuracy(params, X, y, "tanh")
    assert seen[0][1] < 0.5 and seen[-1][1] > 0.85
    assert train(params, X, y, "tanh", epochs=0) is params  # zero epochs: nothing changes


def test_shapes():
    params = init_params([5, 7, 6, 4], seed=0)
    assert [(W.shape, b.shape) for W, b in params] == [
        ((5, 7), (7,)),
        ((7, 6), (6,)),
        ((6, 4), (4,)),
    ]
    X, y = _problem(n_in=5, n_classes=4, m=9)
    zs, activations = forward(params, X)
    assert [z.shape for z in zs] == [(9, 7), (9, 6), (9, 4)]
    assert [a.shape for a in activations] == [(9, 5), (9, 7), (9, 6), (9, 4)]
    np.testing.assert_allclose(activations[-1].sum(axis=1), 1.0)
    assert layer_speeds(params, X, y).shape == (2,)


def test_initialisations_have_the_documented_distributions():
    n_in, n_out = 400, 100
    (W, b), _ = init_params([n_in, n_out, 2], "standard", seed=0)
    assert 0.99 / np.sqrt(n_in) < np.abs(W).max() <= 1 / np.sqrt(n_in) and not b.any()
    (W, b), _ = init_params([n_in, n_out, 2], "normalized", seed=0)
    bound = np.sqrt(6 / (n_in + n_out))
    assert 0.99 * bound < np.abs(W).max() <= bound and not b.any()
    assert W.var() == pytest.approx(2 / (n_in + n_out), rel=0.02)
    (W, b), _ = init_params([n_in, n_out, 2], "nielsen", seed=0)
    assert W.std() == pytest.approx(1 / np.sqrt(n_in), rel=0.02)
    assert b.std() == pytest.approx(1.0, rel=0.25)


def test_layer_speeds_are_the_hidden_layers_bias_gradient_norms():
    X, y = make_spirals(200, seed=0)
    params = init_params([2, 10, 10, 10, 3], "nielsen", seed=0)
    grads = backprop(params, X, y)
    np.testing.assert_allclose(
        layer_speeds(params, X, y), [np.linalg.norm(db) for _, db in grads[:-1]]
    )


def test_sigmoid_layers_learn_ever_more_slowly_towards_the_input_on_mnist():
    # Nielsen's measurement (ch. 5): at initialisation, each hidden layer's ‖∂C/∂b‖ is
    # smaller than the next one's, and the first of four is far slower than the last.
    X, y = load_mnist_subset()
    for seed in range(3):
        params = init_params([784, 30, 30, 30, 30, 10], "nielsen", seed)
        speeds = layer_speeds(params, X, y, output="sigmoid")
        assert np.all(np.diff(speeds) > 0)
        assert speeds[-1] / speeds[0] > 30
        assert 0.15 < speeds[-1] < 0.5  # Nielsen's last hidden layer: 0.285


BAD_PARAMS = [
    "params",
    [],
    [(np.ones((3, 4)), np.ones(3))],  # b must have n_out entries
    [(np.ones((3, 4)), np.ones(4)), (np.ones((5, 2)), np.ones(2))],  # 4 outputs feed 5 inputs
    [(np.ones(3), np.ones(3))],
    [np.ones((3, 4))],
]


@pytest.mark.parametrize("params", BAD_PARAMS, ids=range(len(BAD_PARAMS)))
def test_bad_params_are_named(params):
    X, y = _problem()
    for name, call in (
        ("forward", lambda: forward(params, X)),
        ("backprop", lambda: backprop(params, X, y)),
        ("train", lambda: train(params, X, y)),
    ):
        with pytest.raises(ValueError, match=rf"{name}\(\): params must be a list of \(W, b\)"):
            call()


@pytest.mark.parametrize(
    ("X", "y", "error", "match"),
    [
        (np.ones((4, 2)), np.zeros(4, int), ValueError, r"X must have shape \(m >= 1, 3\)"),
        (np.ones(3), np.zeros(1, int), ValueError, "X must have shape"),
        (np.ones((0, 3)), np.zeros(0, int), ValueError, "X must have shape"),
        (np.array([[1.0, np.nan, 0.0]]), np.zeros(1, int), ValueError, "X contains nan or inf"),
        (np.array([[1.0, np.inf, 0.0]]), np.zeros(1, int), ValueError, "X contains nan or inf"),
        ("abc", np.zeros(1, int), TypeError, "expected real numbers"),
        (np.array([["a", "b", "c"]]), np.zeros(1, int), TypeError, "expected real numbers"),
        (np.ones((4, 3)), np.zeros(3, int), ValueError, r"y must have shape \(4,\)"),
        (np.ones((2, 3)), np.array([0, 2]), ValueError, r"labels must be in 0\.\.1"),
        (np.ones((2, 3)), np.array([0, -1]), ValueError, r"labels must be in 0\.\.1"),
        (np.ones((2, 3)), np.array([0.0, 1.0]), TypeError, "y must hold integer class labels"),
    ],
)
def test_bad_data_is_named(X, y, error, match):
    params = init_params([3, 4, 2], seed=0)
    calls = [
        ("backprop", backprop),
        ("cost", cost),
        ("accuracy", accuracy),
        ("train", train),
        ("layer_speeds", layer_speeds),
    ]
    for name, function in calls:
        with pytest.raises(error, match=rf"{name}\(\): {match}"):
            function(params, X, y)
    if "y" not in match and "labels" not in match:
        with pytest.raises(error, match=rf"forward\(\): {match}"):
            forward(params, X)


def test_unknown_activation_or_output_is_named():
    params = init_params([3, 4, 2], seed=0)
    X, y = _problem(n_classes=2)
    for bad in ("softplus", None, ["sigmoid"]):
        with pytest.raises(ValueError, match=r"backprop\(\): activation must be one of"):
            backprop(params, X, y, bad)
    with pytest.raises(
        ValueError, match=r"cost\(\): output must be one of \('softmax', 'sigmoid'\)"
    ):
        cost(params, X, y, output="tanh")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"sizes": [3]}, ValueError, "sizes must list 2 or more"),
        ({"sizes": "34"}, ValueError, "sizes must list 2 or more"),
        ({"sizes": 5}, ValueError, "sizes must list 2 or more"),
        ({"sizes": [3, 0, 2]}, ValueError, "each entry of sizes must be at least 1"),
        ({"sizes": [3, 2.5, 2]}, TypeError, "each entry of sizes must be an integer"),
        ({"init": "he"}, ValueError, "init must be one of"),
        ({"init": ["nielsen"]}, ValueError, "init must be one of"),
        ({"seed": -1}, ValueError, "seed must be at least 0"),
        ({"seed": 1.5}, TypeError, "seed must be an integer"),
    ],
)
def test_bad_init_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=rf"init_params\(\): {match}"):
        init_params(**{"sizes": [3, 4, 2], **kwargs})


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"epochs": -1}, ValueError, "epochs must be at least 0"),
        ({"epochs": 2.0}, TypeError, "epochs must be an integer"),
        ({"lr": -0.1}, ValueError, "lr must be in"),
        ({"lr": float("nan")}, ValueError, "lr must be finite"),
        ({"lr": "0.1"}, TypeError, "lr must be a real number"),
        ({"batch_size": 0}, ValueError, "batch_size must be at least 1"),
        ({"seed": None}, TypeError, "seed must be an integer"),
        ({"on_epoch": "print"}, TypeError, "on_epoch must be a function or None"),
    ],
)
def test_bad_training_arguments_are_named(kwargs, error, match):
    X, y = make_spirals(30, seed=0)
    with pytest.raises(error, match=rf"train\(\): {match}"):
        train(init_params([2, 4, 3], seed=0), X, y, **kwargs)


def test_training_checks_its_arguments_once_not_per_minibatch(monkeypatch):
    import helpers.checks

    calls = []
    check = helpers.checks.check_network_arguments
    monkeypatch.setattr(
        helpers.checks, "check_network_arguments", lambda *a: calls.append(a[0]) or check(*a)
    )
    import importlib

    import helpers.network

    network = importlib.reload(helpers.network)  # wrap the functions with the counting check
    try:
        X, y = make_spirals(60, seed=0)
        network.train(network.init_params([2, 4, 3], seed=0), X, y, epochs=2, batch_size=10)
        assert calls == ["init_params()", "train()"]  # 12 minibatches, no check among them
        with pytest.raises(ValueError, match=r"backprop\(\): labels must be in 0\.\.2"):
            network.backprop(network.init_params([2, 4, 3], seed=0), X, y + 1)
    finally:
        monkeypatch.undo()
        importlib.reload(helpers.network)


def test_the_saved_network_code_is_short_and_holds_only_the_mathematics():
    import helpers.network

    source = Path(helpers.network.__file__).read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 130
    assert "raise " not in source  # the input checks live in helpers.checks, run once per call
