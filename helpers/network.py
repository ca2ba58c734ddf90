"""A small fully connected network in numpy: forward pass, backpropagation, training.

Saved from the cells marked ``#@save`` in
``notebooks/03_vanishing_gradients.ipynb``: edit the notebook, then run ``make helpers``.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from helpers import relu, relu_derivative, sigmoid, sigmoid_derivative, tanh, tanh_derivative
from helpers.checks import as_real_array, check_int, check_real

ACTIVATIONS = {  # name -> (function, derivative), from helpers.activations
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
}
INITS = ("standard", "normalized", "nielsen")


def init_params(
    sizes: list[int], init: str = "normalized", seed: int = 0
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Weights W (n_in, n_out) and biases b (n_out,) of each layer, from a seeded generator."""
    if not isinstance(sizes, list | tuple) or len(sizes) < 2:
        raise ValueError(f"init_params(): sizes must list 2 or more layer sizes, got {sizes!r}")
    sizes = [check_int(n, "each entry of sizes", "init_params()", minimum=1) for n in sizes]
    if not isinstance(init, str) or init not in INITS:
        raise ValueError(f"init_params(): init must be one of {INITS}, got {init!r}")
    rng = np.random.default_rng(check_int(seed, "seed", "init_params()", minimum=0))
    params = []
    for n_in, n_out in pairwise(sizes):
        if init == "standard":  # Glorot & Bengio (2010), eq. 1
            W, b = rng.uniform(-1, 1, (n_in, n_out)) / np.sqrt(n_in), np.zeros(n_out)
        elif init == "normalized":  # Glorot & Bengio (2010), eq. 16
            W, b = rng.uniform(-1, 1, (n_in, n_out)) * np.sqrt(6 / (n_in + n_out)), np.zeros(n_out)
        else:  # Nielsen, ch. 3: W ~ N(0, 1/n_in), b ~ N(0, 1)
            W, b = rng.standard_normal((n_in, n_out)) / np.sqrt(n_in), rng.standard_normal(n_out)
        params.append((W, b))
    return params


def check_params(params, where):
    """Raise a clear error unless params is a list of (W, b) arrays whose shapes chain."""
    try:
        shapes = [(W.shape, b.shape) for W, b in params]
    except (TypeError, ValueError, AttributeError):
        shapes = []
    if (
        not shapes
        or any(len(w) != 2 or b != w[1:] for w, b in shapes)
        or any(v[1] != w[0] for (v, _), (w, _) in pairwise(shapes))
    ):
        raise ValueError(
            f"{where}: params must be a list of (W, b) arrays, W of shape "
            "(n_in, n_out) and b of shape (n_out,), each n_in the previous n_out"
        )


def check_inputs(params, X, y, activation, output, where):
    """X as floats, y as labels, both checked against params; else an error naming the problem."""
    check_params(params, where)
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ValueError(
            f"{where}: activation must be one of {list(ACTIVATIONS)}, got {activation!r}"
        )
    if output not in ("softmax", "sigmoid"):
        raise ValueError(f"{where}: output must be 'softmax' or 'sigmoid', got {output!r}")
    X = as_real_array(X, where)[0].astype(float, copy=False)
    n_in, n_classes = params[0][0].shape[0], params[-1][0].shape[1]
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] != n_in:
        raise ValueError(f"{where}: X must have shape (m >= 1, {n_in}), got {X.shape}")
    if not np.isfinite(X).all():
        raise ValueError(f"{where}: X contains nan or inf")
    if y is None:
        return X, None
    y = np.asarray(y)
    if y.dtype.kind not in "iu":
        raise TypeError(f"{where}: y must hold integer class labels, got dtype {y.dtype}")
    if y.shape != (len(X),):
        raise ValueError(
            f"{where}: y must have shape ({len(X)},), one label per row of X, got {y.shape}"
        )
    if y.min() < 0 or y.max() >= n_classes:
        raise ValueError(f"{where}: labels must be in 0..{n_classes - 1}, got {y.min()}..{y.max()}")
    return X, y


def softmax(z: np.ndarray) -> np.ndarray:
    """Each row of z turned into probabilities (shifted by its maximum, so exp cannot overflow)."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def forward(params, X, activation="sigmoid", *, output="softmax"):
    """The lists zs and activations of every layer: activations[0] is X, the last the output."""
    X, _ = check_inputs(params, X, None, activation, output, "forward()")
    f = ACTIVATIONS[activation][0]
    last = softmax if output == "softmax" else sigmoid  # the output layer's function
    zs, activations = [], [X]
    for layer, (W, b) in enumerate(params):
        z = activations[-1] @ W + b
        zs.append(z)
        activations.append(f(z) if layer < len(params) - 1 else last(z))
    return zs, activations


def cost(params, X, y, activation="sigmoid", *, output="softmax") -> float:
    """Mean cross-entropy over the rows of X, from the output layer's z (so never log 0)."""
    X, y = check_inputs(params, X, y, activation, output, "cost()")
    z = forward(params, X, activation, output=output)[0][-1]
    z_y = z[np.arange(len(y)), y]  # each row's z of the right class
    if output == "sigmoid":  # −Σⱼ [yⱼ log σ(zⱼ) + (1 − yⱼ) log(1 − σ(zⱼ))] per row
        return float(np.mean(np.logaddexp(0, z).sum(axis=1) - z_y))
    z_max = z.max(axis=1)  # −log softmax(z)_y = log Σⱼ exp(zⱼ) − z_y
    return float(np.mean(z_max + np.log(np.exp(z - z_max[:, None]).sum(axis=1)) - z_y))


def backprop(params, X, y, activation="sigmoid", *, output="softmax"):
    """Gradients [(dW, db), ...] of the mean cross-entropy for every layer, by backpropagation."""
    X, y = check_inputs(params, X, y, activation, output, "backprop()")
    f_prime = ACTIVATIONS[activation][1]
    zs, activations = forward(params, X, activation, output=output)
    delta = activations[-1].copy()  # δᴸ = (a − onehot(y)) / m, one row per example
    delta[np.arange(len(y)), y] -= 1
    delta /= len(y)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        grads.append((activations[layer].T @ delta, delta.sum(axis=0)))
        if layer > 0:  # δˡ = (δˡ⁺¹ Wˡ⁺¹ᵀ) ⊙ f'(zˡ)
            delta = (delta @ params[layer][0].T) * f_prime(zs[layer - 1])
    return grads[::-1]


def layer_speeds(params, X, y, activation="sigmoid", *, output="softmax") -> np.ndarray:
    """Nielsen's speed of learning of each hidden layer: the length ‖∂C/∂bˡ‖."""
    grads = backprop(params, X, y, activation, output=output)
    return np.array([np.linalg.norm(db) for dW, db in grads[:-1]])


def accuracy(params, X, y, activation="sigmoid") -> float:
    """Fraction of the rows of X whose most probable class is their label."""
    X, y = check_inputs(params, X, y, activation, "softmax", "accuracy()")
    return float(np.mean(forward(params, X, activation)[1][-1].argmax(axis=1) == y))


def train(
    params, X, y, activation="sigmoid", lr=0.5, epochs=10, batch_size=10, seed=0, on_epoch=None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Minibatch gradient descent from params (left unchanged); returns the trained params.

    on_epoch(epoch, params), if given, runs before training (epoch 0) and after each epoch.
    """
    X, y = check_inputs(params, X, y, activation, "softmax", "train()")
    epochs = check_int(epochs, "epochs", "train()", minimum=0)
    batch_size = check_int(batch_size, "batch_size", "train()", minimum=1)
    lr = check_real(lr, "lr", "train()", low=0.0)
    if on_epoch is not None and not callable(on_epoch):
        raise TypeError(f"train(): on_epoch must be a function or None, got {on_epoch!r}")
    rng = np.random.default_rng(check_int(seed, "seed", "train()", minimum=0))
    if on_epoch is not None:
        on_epoch(0, params)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(y))
        for start in range(0, len(y), batch_size):
            batch = order[start : start + batch_size]
            grads = backprop(params, X[batch], y[batch], activation)
            params = [
                (W - lr * dW, b - lr * db)  # new arrays: one step of gradient descent
                for (W, b), (dW, db) in zip(params, grads, strict=True)
            ]
        if on_epoch is not None:
            on_epoch(epoch, params)
    return params
