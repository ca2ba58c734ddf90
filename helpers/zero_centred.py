"""Notebook 04: the zig-zag of two weights, and the saturation of the top hidden layer.

Saved from the cells marked ``#@save`` in
``notebooks/04_not_zero_centred.ipynb``: edit the notebook, then run ``make helpers``.
"""

from __future__ import annotations

import math

import numpy as np

from helpers import sigmoid, sigmoid_derivative, tanh, tanh_derivative
from helpers.data import make_spirals
from helpers.network import init_params


def toy_inputs(n, offset, seed):  # n examples of two inputs σ(2z) − ½ + offset, z ~ N(0, 1)
    z = np.random.default_rng(seed).standard_normal((n, 2))
    return sigmoid(2 * z) - 0.5 + offset


def descend(x, w_star, lr, batch_size=1, max_steps=300, seed=0):
    # the weights visited by minibatch gradient descent from (0, 0)
    rng = np.random.default_rng(seed)
    y = x @ w_star  # the labels: w★ fits every example exactly
    w = np.zeros(2)
    path = [w]
    for _ in range(max_steps):
        rows = rng.integers(len(x), size=batch_size)  # a random minibatch
        gradient = (x[rows] @ w - y[rows]) @ x[rows] / batch_size  # the mean of δ·x
        w = w - lr * gradient
        path.append(w)
        if np.linalg.norm(w - w_star) < 0.1 or np.linalg.norm(w) > 100:  # arrived, or diverged
            break
    return np.array(path)


RATES = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)


def steps_to_target(path, w_star):
    # the steps a path took to come within 0.1 of w★; inf if it never did
    return len(path) - 1 if np.linalg.norm(path[-1] - w_star) < 0.1 else math.inf


def toy_steps(draws):
    # (batch, offset, η) -> the steps to w★ = (1, −1) of each draw
    w_star = np.array([1.0, -1.0])
    inputs = {(offset, s): toy_inputs(200, offset, s) for offset in (0.5, 0.0) for s in draws}
    return {
        (batch, offset, lr): np.array(
            [
                steps_to_target(descend(inputs[offset, s], w_star, lr, batch, seed=s), w_star)
                for s in draws
            ]
        )
        for batch in (1, 8)
        for offset in (0.5, 0.0)
        for lr in RATES
    }


def centring_verdicts(draws):
    # four questions about centred against all-positive inputs, each answered True or False
    steps = toy_steps(draws)

    def median(batch, offset, lr):
        return float(np.median(steps[batch, offset, lr]))

    def best(batch, offset):
        return min(median(batch, offset, lr) for lr in RATES)

    return {
        "η = 2, one example per step: centred needs ≤ 2/3 of the steps": median(1, 0.0, 2.0)
        <= median(1, 0.5, 2.0) * 2 / 3,
        "each at its best η, one example per step: centred needs ≤ 2/3": best(1, 0.0)
        <= best(1, 0.5) * 2 / 3,
        "each at its best η, 8 examples per step: centred needs ≤ 1/2": best(8, 0.0)
        <= best(8, 0.5) / 2,
        "η ≤ 2, 8 examples per step: the two within 20 % of each other": all(
            abs(median(8, 0.5, lr) - median(8, 0.0, lr)) <= 0.2 * median(8, 0.0, lr)
            for lr in RATES
            if lr <= 2.0
        ),
    }


def centred_sigmoid(z):
    return sigmoid(z) - 0.5


def stacked_params(sizes, init, seeds):
    # one network per seed, stacked: each W of shape (seeds, n_in, n_out), b (seeds, 1, n_out)
    nets = [init_params(sizes, init, seed) for seed in seeds]
    return [
        (np.stack([net[k][0] for net in nets]), np.stack([net[k][1][None] for net in nets]))
        for k in range(len(sizes) - 1)
    ]


def forward_with(params, X, f):
    # the pre-activations and outputs of every layer: hidden activation f, softmax output
    zs, outputs = [], [X]
    for W, b in params:
        zs.append(outputs[-1] @ W + b)
        outputs.append(f(zs[-1]))
    e = np.exp(zs[-1] - zs[-1].max(axis=-1, keepdims=True))
    outputs[-1] = e / e.sum(axis=-1, keepdims=True)
    return zs, outputs


def train_with(params, X, y, f, f_prime, lr, epochs, batch_size, seeds, on_epoch):
    # minibatch gradient descent on the mean cross-entropy, as helpers.network.train, for a
    # stack of networks at once: network k draws its batches with seeds[k]
    rngs = [np.random.default_rng(seed) for seed in seeds]
    on_epoch(params)
    for _ in range(epochs):
        orders = np.array([rng.permutation(len(y)) for rng in rngs])
        for start in range(0, len(y), batch_size):
            rows = orders[:, start : start + batch_size]  # (networks, examples)
            zs, outputs = forward_with(params, X[rows], f)
            delta = (outputs[-1] - np.eye(outputs[-1].shape[-1])[y[rows]]) / rows.shape[1]
            grads = []
            for layer in range(len(params) - 1, -1, -1):
                grads.insert(
                    0, (outputs[layer].swapaxes(1, 2) @ delta, delta.sum(axis=1, keepdims=True))
                )
                if layer > 0:
                    delta = (delta @ params[layer][0].swapaxes(1, 2)) * f_prime(zs[layer - 1])
            params = [
                (W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads, strict=True)
            ]
        on_epoch(params)
    return params


VARIANTS = {  # name -> (activation, its derivative, initialisation)
    "sigmoid, standard": (sigmoid, sigmoid_derivative, "standard"),
    "sigmoid, normalized": (sigmoid, sigmoid_derivative, "normalized"),
    "tanh, standard": (tanh, tanh_derivative, "standard"),
    "centred sigmoid, standard": (centred_sigmoid, sigmoid_derivative, "standard"),
}


def saturation_runs(seeds, epochs=20):
    # variant -> (saturated share of the top hidden layer, accuracy): arrays (seed, epoch)
    X, y = make_spirals(300, seed=0)
    runs = {}
    for name, (f, f_prime, init) in VARIANTS.items():
        record = []

        def on_epoch(params, f=f, f_prime=f_prime, record=record):
            zs, outputs = forward_with(params, X, f)
            record.append(
                (
                    np.mean(f_prime(zs[-2]) < 0.5 * f_prime(0.0), axis=(1, 2)),
                    np.mean(outputs[-1].argmax(axis=-1) == y, axis=1),
                )
            )

        train_with(
            stacked_params([2, 50, 50, 50, 50, 3], init, seeds),
            X,
            y,
            f,
            f_prime,
            lr=0.3,
            epochs=epochs,
            batch_size=10,
            seeds=seeds,
            on_epoch=on_epoch,
        )
        saturated, accuracy = (np.array(column).T for column in zip(*record, strict=True))
        runs[name] = saturated, accuracy
    return runs


def saturation_verdicts(runs):
    # per variant, after the last epoch: is the top layer saturated, and has the network learned?
    return {
        name: {
            "saturated": bool(np.median(saturated[:, -1]) > 0.5),
            "learned": bool(np.median(accuracy[:, -1]) > 0.5),
        }
        for name, (saturated, accuracy) in runs.items()
    }
