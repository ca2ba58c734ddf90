"""helpers.network: backpropagation checked against finite differences, determinism, bad input."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data import make_spirals
from helpers.network import ACTIVATIONS, INITS, Network, layer_speeds, train


def _small_problem(seed: int = 0, n_in: int = 3, n_classes: int = 3, m: int = 7):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n_in))
    y = rng.integers(0, n_classes, size=m)
    return X, y


def _relative_error(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("sizes", [[3, 4, 3], [3, 5, 4, 3], [3, 4, 4, 4, 2]])
def test_backprop_matches_finite_differences_on_every_parameter(activation, sizes):
    X, y = _small_problem(n_in=sizes[0], n_classes=sizes[-1])
    net = Network(sizes, activation=activation, init="nielsen", seed=3)
    weight_grads, bias_grads = net.gradients(X, y)
    h = 1e-5
    checked = 0
    for params, grads in ((net.weights, weight_grads), (net.biases, bias_grads)):
        for p, g in zip(params, grads, strict=True):
            assert g.shape == p.shape
            numeric = np.empty_like(p)
            for index in np.ndindex(p.shape):
                original = p[index]
                p[index] = original + h
                plus = net.loss(X, y)
                p[index] = original - h
                minus = net.loss(X, y)
                p[index] = original
                numeric[index] = (plus - minus) / (2 * h)
            assert _relative_error(g, numeric).max() < 1e-6, (activation, sizes)
            checked += p.size
    n_params = sum(w.size + b.size for w, b in zip(net.weights, net.biases, strict=True))
    assert checked == n_params


def test_relu_gradient_check_is_not_hiding_a_kink():
    # The relu case above is only a fair check if no hidden pre-activation sits within
    # the finite-difference step of the kink at 0.
    for sizes in ([3, 4, 3], [3, 5, 4, 3], [3, 4, 4, 4, 2]):
        X, _ = _small_problem(n_in=sizes[0], n_classes=sizes[-1])
        net = Network(sizes, activation="relu", init="nielsen", seed=3)
        a = X
        for w, b in zip(net.weights[:-1], net.biases[:-1], strict=True):
            z = a @ w.T + b
            assert np.abs(z).min() > 1e-3
            a = np.maximum(z, 0)


def test_gradient_is_the_mean_of_per_sample_gradients():
    X, y = _small_problem(m=5)
    net = Network([3, 4, 3], seed=0)
    dW, db = net.gradients(X, y)
    per_sample = [net.gradients(X[i : i + 1], y[i : i + 1]) for i in range(5)]
    for layer in range(2):
        np.testing.assert_allclose(dW[layer], np.mean([g[0][layer] for g in per_sample], axis=0))
        np.testing.assert_allclose(db[layer], np.mean([g[1][layer] for g in per_sample], axis=0))


def test_loss_is_mean_cross_entropy_of_softmax():
    X, y = _small_problem(m=6)
    net = Network([3, 5, 3], activation="tanh", seed=2)
    a = np.tanh(X @ net.weights[0].T + net.biases[0])
    logits = a @ net.weights[1].T + net.biases[1]
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(net.forward(X), p, rtol=1e-12)
    assert net.loss(X, y) == pytest.approx(-np.log(p[np.arange(6), y]).mean(), rel=1e-12)
    assert net.accuracy(X, y) == pytest.approx((p.argmax(axis=1) == y).mean())
    np.testing.assert_array_equal(net.predict(X), p.argmax(axis=1))


def test_loss_stays_finite_for_huge_logits():
    net = Network([1, 2, 2], activation="relu", seed=0)
    net.weights[-1][:] = [[1e6, 1e6], [-1e6, -1e6]]
    X = np.array([[1e3], [-1e3]])
    assert np.isfinite(net.loss(X, np.array([1, 0])))
    assert all(np.isfinite(g).all() for g in net.gradients(X, np.array([1, 0]))[0])


@pytest.mark.parametrize("init", INITS)
def test_same_seed_same_network_bit_for_bit(init):
    a = Network([4, 6, 5, 3], init=init, seed=7)
    b = Network([4, 6, 5, 3], init=init, seed=7)
    c = Network([4, 6, 5, 3], init=init, seed=8)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases, strict=True):
        assert p.tobytes() == q.tobytes()
    assert any(not np.array_equal(p, q) for p, q in zip(a.weights, c.weights, strict=True))


def test_training_is_deterministic():
    X, y = make_spirals(120, seed=1)
    histories = []
    for _ in range(2):
        net = Network([2, 8, 8, 3], seed=0)
        histories.append((train(net, X, y, 3, 0.5, 10, seed=4), net.weights[0].copy()))
    assert histories[0][1].tobytes() == histories[1][1].tobytes()
    for key in histories[0][0]:
        np.testing.assert_array_equal(histories[0][0][key], histories[1][0][key])


def test_shapes():
    net = Network([5, 7, 6, 4], seed=0)
    assert [w.shape for w in net.weights] == [(7, 5), (6, 7), (4, 6)]
    assert [b.shape for b in net.biases] == [(7,), (6,), (4,)]
    X, y = _small_problem(n_in=5, n_classes=4, m=9)
    assert net.forward(X).shape == (9, 4)
    assert [a.shape for a in net.activations(X)] == [(9, 7), (9, 6), (9, 4)]
    assert layer_speeds(net, X, y).shape == (2,)
    assert net.n_hidden == 2
    assert "Network([5, 7, 6, 4]" in repr(net)


def test_activations_use_the_chosen_function():
    X, _ = _small_problem(m=4)
    for activation, low in (("sigmoid", 0.0), ("relu", 0.0), ("tanh", -1.0)):
        net = Network([3, 6, 2], activation=activation, seed=0)
        hidden = net.activations(X)[0]
        z = X @ net.weights[0].T + net.biases[0]
        np.testing.assert_allclose(hidden, ACTIVATIONS[activation][0](z))
        assert hidden.min() >= low


def test_initialisations_have_the_documented_ranges():
    n_in, n_out = 400, 100
    std = Network([n_in, n_out, 2], init="standard", seed=0)
    assert np.abs(std.weights[0]).max() <= 1 / np.sqrt(n_in)
    assert np.abs(std.weights[0]).max() > 0.99 / np.sqrt(n_in)
    assert not std.biases[0].any()
    norm = Network([n_in, n_out, 2], init="normalized", seed=0)
    bound = np.sqrt(6 / (n_in + n_out))
    assert 0.99 * bound < np.abs(norm.weights[0]).max() <= bound
    niel = Network([n_in, n_out, 2], init="nielsen", seed=0)
    assert niel.weights[0].std() == pytest.approx(1 / np.sqrt(n_in), rel=0.02)
    assert niel.biases[0].std() == pytest.approx(1.0, rel=0.25)


def test_layer_speeds_are_bias_gradient_norms():
    X, y = make_spirals(200, seed=0)
    net = Network([2, 10, 10, 10, 3], init="nielsen", seed=0)
    _, db = net.gradients(X, y)
    np.testing.assert_allclose(layer_speeds(net, X, y), [np.linalg.norm(g) for g in db[:-1]])


def test_sigmoid_speeds_fall_towards_the_input_averaged_over_seeds():
    X, y = make_spirals(300, seed=0)
    speeds = np.mean(
        [
            layer_speeds(Network([2, 30, 30, 30, 30, 3], init="nielsen", seed=s), X, y)
            for s in range(5)
        ],
        axis=0,
    )
    assert np.all(np.diff(speeds) > 0)
    assert speeds[-1] / speeds[0] > 20


def test_train_history_and_learning():
    X, y = make_spirals(300, seed=0)
    net = Network([2, 30, 30, 3], activation="tanh", init="nielsen", seed=0)
    before = [w.copy() for w in net.weights]
    history = train(net, X, y, epochs=20, learning_rate=0.1, batch_size=10, seed=0)
    assert set(history) == {
        "epoch",
        "loss",
        "accuracy",
        "speeds",
        "activation_mean",
        "activation_std",
    }
    np.testing.assert_array_equal(history["epoch"], np.arange(21))
    assert history["speeds"].shape == history["activation_mean"].shape == (21, 2)
    assert history["loss"][0] == pytest.approx(
        Network([2, 30, 30, 3], "tanh", "nielsen", 0).loss(X, y)
    )
    assert history["loss"][-1] == pytest.approx(net.loss(X, y))
    assert history["accuracy"][-1] == pytest.approx(net.accuracy(X, y))
    assert history["accuracy"][-1] > 0.85 > history["accuracy"][0]
    assert not np.array_equal(before[0], net.weights[0])
    hidden = net.activations(X)
    np.testing.assert_allclose(history["activation_mean"][-1], [a.mean() for a in hidden[:-1]])
    np.testing.assert_allclose(history["activation_std"][-1], [a.std() for a in hidden[:-1]])


def test_zero_epochs_only_measures():
    X, y = make_spirals(60, seed=0)
    net = Network([2, 4, 3], seed=0)
    history = train(net, X, y, epochs=0, learning_rate=0.1, batch_size=10)
    assert history["loss"].shape == (1,)
    np.testing.assert_array_equal(net.weights[0], Network([2, 4, 3], seed=0).weights[0])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"sizes": [3]}, ValueError, "sizes"),
        ({"sizes": "3,4"}, TypeError, "sizes"),
        ({"sizes": 5}, TypeError, "sizes"),
        ({"sizes": [3, 0, 2]}, ValueError, "sizes"),
        ({"sizes": [3, 2.5, 2]}, TypeError, "sizes"),
        ({"sizes": [3, 4, 1]}, ValueError, "classes"),
        ({"activation": "softplus"}, ValueError, "activation"),
        ({"activation": None}, ValueError, "activation"),
        ({"init": "he"}, ValueError, "init"),
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
    ],
)
def test_bad_network_arguments(kwargs, error, match):
    arguments = {"sizes": [3, 4, 2], **kwargs}
    with pytest.raises(error, match=rf"Network\(\).*{match}"):
        Network(**arguments)


@pytest.mark.parametrize(
    ("X", "y", "error", "match"),
    [
        (np.ones((4, 2)), np.zeros(4, int), ValueError, r"X must have shape \(n_samples, 3\)"),
        (np.ones(3), np.zeros(1, int), ValueError, "X must have shape"),
        (np.ones((0, 3)), np.zeros(0, int), ValueError, "X has no samples"),
        (np.array([[1.0, np.nan, 0.0]]), np.zeros(1, int), ValueError, "X contains nan"),
        (np.array([[1.0, np.inf, 0.0]]), np.zeros(1, int), ValueError, "X contains nan or inf"),
        ("abc", np.zeros(1, int), TypeError, "X must be"),
        (np.array([["a", "b", "c"]]), np.zeros(1, int), TypeError, "X must hold real"),
        (np.ones((4, 3)), np.zeros(3, int), ValueError, r"y must have shape \(4,\)"),
        (np.ones((2, 3)), np.array([0, 2]), ValueError, r"labels in y must be in 0\.\.1"),
        (np.ones((2, 3)), np.array([0, -1]), ValueError, "labels in y"),
        (np.ones((2, 3)), np.array([0.0, 1.0]), TypeError, "y must hold integer"),
    ],
)
def test_bad_data(X, y, error, match):
    net = Network([3, 4, 2], seed=0)
    for call in (net.loss, net.gradients, net.accuracy, lambda a, b: layer_speeds(net, a, b)):
        with pytest.raises(error, match=match):
            call(X, y)
    if "y" not in match:
        with pytest.raises(error, match=match):
            net.forward(X)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"epochs": -1}, ValueError, "epochs"),
        ({"epochs": 2.0}, TypeError, "epochs"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate"),
        ({"learning_rate": float("nan")}, ValueError, "learning_rate"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"seed": None}, TypeError, "seed"),
    ],
)
def test_bad_training_arguments(kwargs, error, match):
    X, y = make_spirals(30, seed=0)
    arguments = {"epochs": 1, "learning_rate": 0.1, "batch_size": 10, "seed": 0, **kwargs}
    with pytest.raises(error, match=rf"train\(\).*{match}"):
        train(Network([2, 4, 3], seed=0), X, y, **arguments)


def test_functions_want_a_network():
    X, y = make_spirals(30, seed=0)
    with pytest.raises(TypeError, match=r"layer_speeds\(\): net must be"):
        layer_speeds("net", X, y)
    with pytest.raises(TypeError, match=r"train\(\): net must be"):
        train(None, X, y, 1, 0.1, 10)
