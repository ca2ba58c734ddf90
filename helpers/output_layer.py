"""Nielsen's learning slowdown: one sigmoid neuron, two costs, random starts.

Saved from the cells marked ``#@save`` in
``notebooks/07_output_layer.ipynb``: edit the notebook, then run ``make helpers``.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, log_expit


def train_neuron(w, b, cost, eta, epochs=300):
    """Nielsen's neuron (input 1, target 0) trained with `cost` from w, b (floats or arrays of
    starts): its output and its cost before each step, one row per epoch."""
    if cost not in ("quadratic", "cross-entropy"):
        raise ValueError(
            f"train_neuron(): cost must be 'quadratic' or 'cross-entropy', not {cost!r}"
        )
    x, y = 1.0, 0.0
    outputs, costs = [], []
    for _ in range(epochs + 1):
        z = w * x + b
        a = expit(z)
        if cost == "quadratic":
            costs.append((a - y) ** 2 / 2)
            delta = (a - y) * a * (1 - a)  # ∂C/∂z = (a − y)·σ'(z)
        else:
            costs.append(-(y * log_expit(z) + (1 - y) * log_expit(-z)))
            delta = a - y  # ∂C/∂z = a − y
        outputs.append(a)
        w, b = w - eta * delta * x, b - eta * delta
    return np.array(outputs), np.array(costs)


def epochs_to_half(outputs):
    """The first epoch whose output is below ½, per run (the number of rows if none is)."""
    below = np.asarray(outputs) < 0.5
    return np.where(below.any(axis=0), below.argmax(axis=0), len(below))


def slowdown_verdict(seeds, eta=0.15, epochs=3000):
    """Nielsen's neuron from one random start per seed (w, b uniform in [1, 3]): the epochs
    each cost needs to bring the output below ½, and the two verdicts."""
    w, b = np.array([np.random.default_rng(seed).uniform(1.0, 3.0, 2) for seed in seeds]).T
    quadratic = epochs_to_half(train_neuron(w, b, "quadratic", eta, epochs)[0])
    entropy = epochs_to_half(train_neuron(w, b, "cross-entropy", eta, epochs)[0])
    order = np.argsort(w + b)  # from the least to the most wrong start
    return {
        "start outputs": expit(w + b),
        "ratios": quadratic / entropy,
        "quadratic slower from every start": bool(np.all(quadratic > entropy)),
        "slower the more wrong the start": bool(np.all(np.diff(quadratic[order]) >= 0)),
    }
