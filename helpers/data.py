"""Small classification data: spirals made in numpy from a seed, and 1,000 MNIST digits.

Nothing is downloaded: the digits ship with the package (``helpers/mnist_1000.npz``; source
and licence in ``helpers/MNIST_NOTICE.md``). Notebooks 03 to 05 use this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from helpers.checks import check_int, check_real

__all__ = ["load_mnist_subset", "make_spirals", "split"]


def make_spirals(
    n_samples: int = 600,
    n_classes: int = 3,
    *,
    turns: float = 0.75,
    noise: float = 0.1,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms in the plane, one arm per class.

    Sample ``i`` of class ``k`` lies at radius ``r`` (uniform in [0.05, 1]) and angle
    ``2π (k / n_classes + turns · r)``, plus Gaussian noise of standard deviation ``noise``
    on each coordinate; the coordinates are then scaled by 2 so that each has a standard
    deviation near 1. No straight line separates the arms, so a network needs hidden
    layers to classify them.

    Parameters
    ----------
    n_samples : int
        Total number of points (at least ``n_classes``); the classes get equal shares,
        the first ones one more point when the division is not exact.
    n_classes : int
        Number of arms (classes), at least 2.
    turns : float
        How far each arm winds, in full turns, from the centre to radius 1 (0 to 3).
    noise : float
        Standard deviation of the noise added to each coordinate (0 to 1).
    seed : int
        Seed of the random generator: the same arguments give the same data.

    Returns
    -------
    X : ndarray of float64, shape (n_samples, 2)
    y : ndarray of int64, shape (n_samples,)
        Class labels 0, 1, …, ``n_classes - 1``.

    Raises
    ------
    TypeError, ValueError
        For a bad argument; the message names it.

    Examples
    --------
    >>> from helpers.data import make_spirals
    >>> X, y = make_spirals(300, n_classes=3, seed=0)
    >>> X.shape, y.shape, sorted(set(y.tolist()))
    ((300, 2), (300,), [0, 1, 2])
    >>> bool((make_spirals(300, seed=0)[0] == X).all())  # same seed, same data
    True
    """
    where = "make_spirals()"
    n_classes = check_int(n_classes, "n_classes", where, minimum=2)
    n_samples = check_int(n_samples, "n_samples", where, minimum=n_classes)
    turns = check_real(turns, "turns", where, low=0.0, high=3.0)
    noise = check_real(noise, "noise", where, low=0.0, high=1.0)
    seed = check_int(seed, "seed", where, minimum=0)
    rng = np.random.default_rng(seed)
    y = np.arange(n_samples) % n_classes
    r = rng.uniform(0.05, 1.0, size=n_samples)
    angle = 2.0 * np.pi * (y / n_classes + turns * r)
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    X += noise * rng.standard_normal(size=X.shape)
    X *= 2.0
    order = rng.permutation(n_samples)
    return X[order], y[order].astype(np.int64)


def split(
    X: Any, y: Any, test_fraction: float = 0.25, *, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle and split data into a training and a test part.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
    test_fraction : float
        Share of the samples put in the test part, strictly between 0 and 1; each part
        gets at least one sample.
    seed : int
        Seed of the shuffle.

    Returns
    -------
    X_train, y_train, X_test, y_test : ndarray

    Examples
    --------
    >>> from helpers.data import make_spirals, split
    >>> X, y = make_spirals(400, seed=0)
    >>> X_train, y_train, X_test, y_test = split(X, y, 0.25, seed=0)
    >>> X_train.shape, X_test.shape
    ((300, 2), (100, 2))
    """
    where = "split()"
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError(f"{where}: X must have shape (n_samples >= 2, n_features), got {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"{where}: y must have shape ({X.shape[0]},), got {y.shape}")
    test_fraction = check_real(test_fraction, "test_fraction", where, low=0.0, high=1.0)
    if test_fraction in (0.0, 1.0):
        raise ValueError(f"{where}: test_fraction must be strictly between 0 and 1")
    seed = check_int(seed, "seed", where, minimum=0)
    n = X.shape[0]
    n_test = min(max(round(n * test_fraction), 1), n - 1)
    order = np.random.default_rng(seed).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]


def load_mnist_subset() -> tuple[np.ndarray, np.ndarray]:
    """1,000 handwritten digits from MNIST, 100 of each class, in a fixed shuffled order.

    Returns
    -------
    X : ndarray of float64, shape (1000, 784)
        Each row a 28 × 28 image, row by row, pixel intensities scaled to [0, 1] (0 is white).
    y : ndarray of int64, shape (1000,)
        The digit shown, 0 to 9.

    Examples
    --------
    >>> from helpers.data import load_mnist_subset
    >>> X, y = load_mnist_subset()
    >>> X.shape, float(X.min()), float(X.max()), np.bincount(y).tolist()
    ((1000, 784), 0.0, 1.0, [100, 100, 100, 100, 100, 100, 100, 100, 100, 100])
    """
    with np.load(Path(__file__).with_name("mnist_1000.npz")) as data:
        return data["X"] / 255.0, data["y"].astype(np.int64)
