"""Notebook 05's race of sigmoid, tanh and ReLU networks, and its verdicts.

Saved from the cells marked ``#@save`` in
``notebooks/05_sigmoid_vs_tanh.ipynb``: edit the notebook, then run ``make helpers``.
"""

from __future__ import annotations

import numpy as np

from helpers.data import make_spirals, split
from helpers.network import accuracy, cost, init_params, train

SIZES = [2, 16, 16, 3]
RACED = ["sigmoid", "tanh", "relu"]
LEARNING_RATES = [0.3, 1.0, 3.0, 10.0]
EPOCHS, BATCH_SIZE = 15, 48


def race_data():
    # 1,440 spiral points split into training, validation and test sets of 480
    X, y = make_spirals(1440, n_classes=3, seed=0)
    X_train, y_train, X_rest, y_rest = split(X, y, 2 / 3, seed=0)
    X_val, y_val, X_test, y_test = split(X_rest, y_rest, 0.5, seed=1)
    return X_train, y_train, X_val, y_val, X_test, y_test


MARGIN = 0.02


def bootstrap_interval(differences, level=0.95, resamples=10_000, seed=0):
    # Percentile bootstrap interval for the mean of paired differences.
    d = np.asarray(differences, dtype=float)
    rng = np.random.default_rng(seed)
    means = d[rng.integers(0, d.size, size=(resamples, d.size))].mean(axis=1)
    return np.quantile(means, [(1 - level) / 2, (1 + level) / 2])


def compare(a, b):
    # Mean of a − b over paired seeds, its interval, and the verdict: +1, −1 or 0 (no winner).
    d = np.asarray(a) - np.asarray(b)
    low, high = bootstrap_interval(d)
    winner = 1 if low > MARGIN else -1 if high < -MARGIN else 0
    return d.mean(), (low, high), winner


def run(activation, lr, seed, data):
    # Train one network; return its validation cost, test accuracy and training-cost curve.
    X_train, y_train, X_val, y_val, X_test, y_test = data
    curve = []

    def record(epoch, params):
        curve.append(cost(params, X_train, y_train, activation))

    start = init_params(SIZES, "normalized", seed)  # the same for every activation
    trained = train(
        start,
        X_train,
        y_train,
        activation,
        lr=lr,
        epochs=EPOCHS,
        batch_size=BATCH_SIZE,
        seed=seed,
        on_epoch=record,
    )
    return (
        cost(trained, X_val, y_val, activation),
        accuracy(trained, X_test, y_test, activation),
        curve,
    )


def race(seeds):
    # Every activation at every rate and seed; each rate chosen on validation, with its ties.
    data = race_data()
    runs = {(a, lr, s): run(a, lr, s, data) for a in RACED for lr in LEARNING_RATES for s in seeds}

    def table(column, a):  # rows are learning rates, columns seeds
        return np.array([[runs[a, lr, s][column] for s in seeds] for lr in LEARNING_RATES])

    result = {
        "runs": runs,
        "seeds": list(seeds),
        "chosen": {},
        "tied": {},
        "val_cost": {a: table(0, a) for a in RACED},
        "test_acc": {a: table(1, a) for a in RACED},
    }
    for a in RACED:
        costs = result["val_cost"][a]
        best = int(np.argmin(costs.mean(axis=1)))
        result["chosen"][a] = best
        result["tied"][a] = [
            i for i in range(len(LEARNING_RATES)) if compare(costs[i], costs[best])[2] != 1
        ]
    return result


PAIRS = [("tanh", "sigmoid"), ("relu", "tanh"), ("relu", "sigmoid")]


def race_verdicts(result):
    # Each pair's verdict on the test data, if every pairing of tied rates gives the same one.
    acc, tied, verdicts = result["test_acc"], result["tied"], {}
    for a, b in PAIRS:
        winners = {compare(acc[a][i], acc[b][j])[2] for i in tied[a] for j in tied[b]}
        verdicts[a, b] = (
            "no winner: the tied rates disagree"
            if len(winners) > 1
            else {1: f"clear: {a} better", -1: f"clear: {b} better", 0: "within the noise"}[
                winners.pop()
            ]
        )
    return verdicts
