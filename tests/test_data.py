"""helpers.data: seeded, balanced, needs hidden layers, bad arguments named."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data import make_spirals, split
from helpers.network import Network, train


def test_shapes_labels_and_balance():
    X, y = make_spirals(301, n_classes=4, seed=0)
    assert X.shape == (301, 2) and X.dtype == np.float64
    assert y.shape == (301,) and y.dtype == np.int64
    assert np.bincount(y).tolist() == [76, 75, 75, 75]
    assert np.all(np.isfinite(X))
    assert 0.6 < X.std(axis=0).min() and X.std(axis=0).max() < 1.2


def test_same_seed_same_data_other_seed_other_data():
    a, b, c = make_spirals(200, seed=5), make_spirals(200, seed=5), make_spirals(200, seed=6)
    assert a[0].tobytes() == b[0].tobytes() and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


def test_no_noise_puts_points_on_the_arms():
    X, y = make_spirals(90, n_classes=3, turns=0.5, noise=0.0, seed=0)
    r = np.hypot(X[:, 0], X[:, 1]) / 2
    angle = np.arctan2(X[:, 1], X[:, 0])
    expected = 2 * np.pi * (y / 3 + 0.5 * r)
    np.testing.assert_allclose(np.cos(angle), np.cos(expected), atol=1e-12)
    assert 0.05 <= r.min() and r.max() <= 1.0


def test_a_linear_model_fails_and_a_hidden_layer_net_learns_it():
    X, y = make_spirals(600, seed=0)
    X_train, y_train, X_test, y_test = split(X, y, 0.25, seed=0)
    linear = Network([2, 3], seed=0)  # no hidden layer: softmax regression
    train(linear, X_train, y_train, epochs=30, learning_rate=0.1, batch_size=10, seed=0)
    assert linear.accuracy(X_test, y_test) < 0.65
    for depth in (2, 4):
        net = Network([2] + [30] * depth + [3], activation="tanh", init="nielsen", seed=0)
        train(net, X_train, y_train, epochs=30, learning_rate=0.1, batch_size=10, seed=0)
        assert net.accuracy(X_test, y_test) > 0.85


def test_split_partitions_the_samples():
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10)
    X_train, y_train, X_test, y_test = split(X, y, 0.3, seed=1)
    assert len(y_test) == 3 and len(y_train) == 7
    assert sorted(np.concatenate([y_train, y_test]).tolist()) == list(range(10))
    np.testing.assert_array_equal(X_train[:, 0], 2 * y_train)
    np.testing.assert_array_equal(X_test[:, 0], 2 * y_test)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_samples": 1}, ValueError, "n_samples"),
        ({"n_samples": 10.0}, TypeError, "n_samples"),
        ({"n_classes": 1}, ValueError, "n_classes"),
        ({"turns": -1.0}, ValueError, "turns"),
        ({"turns": "1"}, TypeError, "turns"),
        ({"noise": 2.0}, ValueError, "noise"),
        ({"noise": float("nan")}, ValueError, "noise"),
        ({"seed": -3}, ValueError, "seed"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=rf"make_spirals\(\).*{match}"):
        make_spirals(**kwargs)


@pytest.mark.parametrize(
    ("X", "y", "fraction", "match"),
    [
        (np.ones(5), np.ones(5), 0.2, "X must have shape"),
        (np.ones((5, 2)), np.ones(4), 0.2, "y must have shape"),
        (np.ones((5, 2)), np.ones(5), 0.0, "test_fraction"),
        (np.ones((5, 2)), np.ones(5), 1.5, "test_fraction"),
    ],
)
def test_bad_split_arguments(X, y, fraction, match):
    with pytest.raises(ValueError, match=rf"split\(\).*{match}"):
        split(X, y, fraction)
