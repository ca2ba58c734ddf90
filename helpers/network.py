"""A small fully connected network in numpy: forward pass, backpropagation, training.

Saved from the cells marked ``#@save`` in
``notebooks/03_vanishing_gradients.ipynb``: edit the notebook, then run ``make helpers``.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from helpers import relu, relu_derivative, sigmoid, sigmoid_derivative, tanh, tanh_derivative
from helpers.checks import check_network_arguments, checked

ACTIVATIONS = {  # name -> (function, derivative), from helpers.activations
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
}
INITS = ("standard", "normalized", "nielsen")


def init_params(sizes, init="normalized", seed=0):
    """Weights W (n_in, n_out) and biases b (n_out,) of each layer, from a seeded generator."""
    rng, params = np.random.default_rng(seed), []
    for n_in, n_out in pairwise(sizes):
        if init == "nielsen":  # Nielsen, ch. 3: W ~ N(0, 1/n_in), b ~ N(0, 1)
            W, b = rng.standard_normal((n_in, n_out)) / np.sqrt(n_in), rng.standard_normal(n_out)
        else:  # Glorot & Bengio (2010): "standard" (eq. 1) or "normalized" (eq. 16) uniform
            W, b = rng.uniform(-1, 1, (n_in, n_out)), np.zeros(n_out)
            W = W / np.sqrt(n_in) if init == "standard" else W * np.sqrt(6 / (n_in + n_out))
        params.append((W, b))
    return params


def softmax(z):
    """Each row of z turned into probabilities (shifted by its maximum, so exp cannot overflow)."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def forward(params, X, activation="sigmoid", *, output="softmax"):
    """The lists zs and activations of every layer: activations[0] is X, the last the output."""
    f, last = ACTIVATIONS[activation][0], softmax if output == "softmax" else sigmoid
    zs, activations = [], [X]
    for layer, (W, b) in enumerate(params):
        zs.append(activations[-1] @ W + b)  # Zˡ = Aˡ⁻¹ Wˡ + bˡ
        activations.append(f(zs[-1]) if layer < len(params) - 1 else last(zs[-1]))
    return zs, activations


def cost(params, X, y, activation="sigmoid", *, output="softmax"):
    """Mean cross-entropy over the rows of X, from the output layer's z (so never log 0)."""
    z = forward(params, X, activation, output=output)[0][-1]
    z_y = z[np.arange(len(y)), y]  # each row's z of the right class
    if output == "sigmoid":  # −Σⱼ [yⱼ log σ(zⱼ) + (1 − yⱼ) log(1 − σ(zⱼ))] per row
        return float(np.mean(np.logaddexp(0, z).sum(axis=1) - z_y))
    return float(np.mean(np.logaddexp.reduce(z, axis=1) - z_y))  # −log pᵧ = log Σⱼ exp(zⱼ) − zᵧ


def backprop(params, X, y, activation="sigmoid", *, output="softmax"):
    """Gradients [(dW, db), ...] of the mean cross-entropy for every layer, by backpropagation."""
    zs, activations = forward(params, X, activation, output=output)
    delta = (activations[-1] - np.eye(zs[-1].shape[1])[y]) / len(y)  # δᴸ = (P − Y) / m
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        grads.append((activations[layer].T @ delta, delta.sum(axis=0)))
        if layer > 0:  # δˡ = (δˡ⁺¹ Wˡ⁺¹ᵀ) ⊙ f'(Zˡ)
            delta = (delta @ params[layer][0].T) * ACTIVATIONS[activation][1](zs[layer - 1])
    return grads[::-1]


def layer_speeds(params, X, y, activation="sigmoid", *, output="softmax"):
    """Nielsen's speed of learning of each hidden layer: the length ‖∂C/∂bˡ‖."""
    grads = backprop(params, X, y, activation, output=output)
    return np.array([np.linalg.norm(db) for dW, db in grads[:-1]])


def accuracy(params, X, y, activation="sigmoid"):
    """Fraction of the rows of X whose most probable class is their label."""
    return float(np.mean(forward(params, X, activation)[1][-1].argmax(axis=1) == y))


def train(
    params, X, y, activation="sigmoid", lr=0.5, epochs=10, batch_size=10, seed=0, on_epoch=None
):
    """Minibatch gradient descent from params (left unchanged); returns the trained params."""
    rng, report = np.random.default_rng(seed), on_epoch or (lambda epoch, params: None)
    report(0, params)  # on_epoch(epoch, params): before training and after each epoch
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(y))  # each epoch visits the examples in a new order
        for start in range(0, len(y), batch_size):
            batch = order[start : start + batch_size]
            grads = backprop(params, X[batch], y[batch], activation)
            steps = zip(params, grads, strict=True)  # one step of gradient descent:
            params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in steps]
        report(epoch, params)
    return params


PUBLIC = (init_params, forward, cost, backprop, layer_speeds, accuracy, train)
init_params, forward, cost, backprop, layer_speeds, accuracy, train = [
    checked(f, check_network_arguments, ACTIVATIONS, INITS) for f in PUBLIC
]


def deep_net_runs(X, y, seeds, epochs=10):
    """Per seed, one row of the measurements of section 9 (its table says what each holds)."""
    rows = []
    for seed in seeds:
        two, four = (init_params([X.shape[1], *[30] * n, 10], "nielsen", seed) for n in (2, 4))
        fixed = sigmoid(sigmoid(X @ four[0][0] + four[0][1]) @ four[1][0] + four[1][1])
        options = {"lr": 1.0, "epochs": epochs, "batch_size": 20, "seed": seed}
        nets = [(train(p, x, y, **options), x) for p, x in ((two, X), (four, X), (four[2:], fixed))]
        speeds = layer_speeds(four, X, y)
        accuracies = [accuracy(p, x, y) for p, x in nets]
        saturated = [np.mean(forward(p, x)[1][-2] < 0.1) for p, x in nets]
        rows.append([speeds[0] / speeds[-1], *accuracies, *saturated])
    return np.array(rows)


DEEP_NET_CLAIMS = {  # claim -> its test on deep_net_runs' rows for one block of seeds
    "start: layer 1 of 4 over 30 times slower than 4": lambda r: r[:, 0].max() < 1 / 30,
    "2 hidden layers: training accuracy above 0.9": lambda r: r[:, 1].min() > 0.9,
    "4 hidden layers: training accuracy below 0.5": lambda r: r[:, 2].max() < 0.5,
    "4, layers 1-2 frozen: accuracy below 0.5": lambda r: r[:, 3].max() < 0.5,
    "4 hidden layers: top layer mostly below 0.1": lambda r: np.median(r[:, 5]) > 0.5,
    "4, layers 1-2 frozen: top layer mostly below 0.1": lambda r: np.median(r[:, 6]) > 0.5,
}
