"""A small, honest fully connected network in numpy, with backpropagation written out.

Introduced in ``notebooks/03_vanishing_gradients.ipynb``; notebooks 04 and 05 use it too.

The network
-----------
``Network([n_in, h_1, ..., h_k, n_out])`` has ``k`` hidden layers with the chosen
activation (``"sigmoid"``, ``"tanh"`` or ``"relu"``, from :mod:`helpers.activations`) and
a **softmax output layer** of ``n_out`` units, one per class. Layer ``l`` computes

.. math:: z^l = W^l a^{l-1} + b^l, \\qquad a^l = f(z^l),

with ``weights[l]`` of shape ``(n_out, n_in)`` and ``biases[l]`` of shape ``(n_out,)``.
The cost is the **mean cross-entropy** over the batch,
:math:`C = -\\frac{1}{m}\\sum_i \\log p_{i, y_i}`, where :math:`p_i` is the softmax output
for sample ``i`` and :math:`y_i` its integer label. With a softmax output and this cost the
error of the output layer is simply :math:`\\delta^L = p - \\mathrm{onehot}(y)` (Nielsen,
ch. 3, uses sigmoid outputs with a cross-entropy cost, which gives the same formula).

Backpropagation: :math:`\\delta^l = (W^{l+1})^T \\delta^{l+1} \\odot f'(z^l)`,
:math:`\\partial C/\\partial b^l = \\delta^l` and
:math:`\\partial C/\\partial W^l = \\delta^l (a^{l-1})^T`, averaged over the batch.
Each hidden layer multiplies the backward signal by a weight and a derivative
:math:`f'(z)`; for the sigmoid :math:`f' \\le 1/4`, which is why early layers learn slowly.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

from helpers.activations import (
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

__all__ = ["ACTIVATIONS", "INITS", "Network", "layer_speeds", "train"]

# name -> (function, derivative)
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
}
INITS = ("standard", "normalized", "nielsen")


def _check_int(value: Any, name: str, where: str, minimum: int = 1) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where}: {name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{where}: {name} must be at least {minimum}, got {value}")
    return int(value)


def _init_layer(
    rng: np.random.Generator, init: str, n_in: int, n_out: int
) -> tuple[np.ndarray, np.ndarray]:
    if init == "standard":  # Glorot & Bengio (2010), eq. 1: their baseline
        bound = 1.0 / np.sqrt(n_in)
        return rng.uniform(-bound, bound, size=(n_out, n_in)), np.zeros(n_out)
    if init == "normalized":  # Glorot & Bengio (2010), eq. 16 ("Xavier")
        bound = np.sqrt(6.0 / (n_in + n_out))
        return rng.uniform(-bound, bound, size=(n_out, n_in)), np.zeros(n_out)
    # "nielsen": Nielsen, ch. 3 and 5 (network2.py default_weight_initializer)
    weights = rng.standard_normal(size=(n_out, n_in)) / np.sqrt(n_in)
    return weights, rng.standard_normal(size=n_out)


class Network:
    """A fully connected network: hidden layers with one activation, a softmax output.

    Introduced in ``notebooks/03_vanishing_gradients.ipynb``. See the module docstring for
    the equations of the forward pass, the cost and backpropagation.

    Parameters
    ----------
    sizes : sequence of int
        Units per layer, input first and output (number of classes, at least 2) last,
        e.g. ``[2, 30, 30, 3]`` for two hidden layers of 30 units.
    activation : {"sigmoid", "tanh", "relu"}
        Activation of every hidden layer.
    init : {"standard", "normalized", "nielsen"}
        Initialisation of every layer, output included.
        ``"standard"``: weights U[−1/√n_in, 1/√n_in], biases 0 (Glorot & Bengio 2010's baseline);
        ``"normalized"``: weights U[−√6/√(n_in+n_out), +√6/√(n_in+n_out)], biases 0
        (Glorot & Bengio's normalised, "Xavier", initialisation);
        ``"nielsen"``: weights N(0, 1/n_in), biases N(0, 1) (Nielsen, ch. 3 and 5).
    seed : int
        Seed of the generator that draws the initial parameters: the same seed gives
        the same network, bit for bit.

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l]`` has shape ``(sizes[l+1], sizes[l])``.
    biases : list of ndarray
        ``biases[l]`` has shape ``(sizes[l+1],)``.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.network import Network
    >>> net = Network([2, 4, 3], activation="sigmoid", init="nielsen", seed=0)
    >>> [w.shape for w in net.weights], [b.shape for b in net.biases]
    ([(4, 2), (3, 4)], [(4,), (3,)])
    >>> X = np.array([[0.5, -1.0], [1.0, 2.0]])
    >>> net.forward(X).sum(axis=1).round(12)  # softmax: each row sums to 1
    array([1., 1.])
    >>> round(net.loss(X, np.array([0, 2])), 4)
    1.3112
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str = "sigmoid",
        init: str = "standard",
        seed: int = 0,
    ) -> None:
        where = "Network()"
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, (Sequence, np.ndarray)):
            raise TypeError(f"{where}: sizes must be a sequence of integers, got {sizes!r}")
        if len(sizes) < 2:
            raise ValueError(
                f"{where}: sizes needs at least an input and an output size, got {list(sizes)}"
            )
        self.sizes = [_check_int(n, "each entry of sizes", where) for n in sizes]
        if self.sizes[-1] < 2:
            raise ValueError(
                f"{where}: the last entry of sizes is the number of classes and must be "
                f"at least 2, got {self.sizes[-1]}"
            )
        if not isinstance(activation, str) or activation not in ACTIVATIONS:
            raise ValueError(
                f"{where}: unknown activation {activation!r}; use one of {sorted(ACTIVATIONS)}"
            )
        if not isinstance(init, str) or init not in INITS:
            raise ValueError(f"{where}: unknown init {init!r}; use one of {list(INITS)}")
        self.seed = _check_int(seed, "seed", where, minimum=0)
        self.activation = activation
        self.init = init
        self._f, self._df = ACTIVATIONS[activation]
        rng = np.random.default_rng(self.seed)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            w, b = _init_layer(rng, init, n_in, n_out)
            self.weights.append(w)
            self.biases.append(b)

    def __repr__(self) -> str:
        return (
            f"Network({self.sizes}, activation={self.activation!r}, init={self.init!r}, "
            f"seed={self.seed})"
        )

    @property
    def n_hidden(self) -> int:
        """Number of hidden layers."""
        return len(self.sizes) - 2

    # ---- input checks -------------------------------------------------------------
    def _check_X(self, X: Any, where: str) -> np.ndarray:
        if isinstance(X, (str, bytes)) or X is None:
            raise TypeError(f"{where}: X must be an array of real numbers, got {type(X).__name__}")
        arr = np.asarray(X)
        if arr.dtype.kind not in "biuf":
            raise TypeError(f"{where}: X must hold real numbers, got dtype {arr.dtype}")
        if arr.ndim != 2 or arr.shape[1] != self.sizes[0]:
            raise ValueError(
                f"{where}: X must have shape (n_samples, {self.sizes[0]}), got {arr.shape}"
            )
        if arr.shape[0] == 0:
            raise ValueError(f"{where}: X has no samples")
        arr = arr.astype(np.float64, copy=False)
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{where}: X contains nan or inf")
        return arr

    def _check_y(self, y: Any, n_samples: int, where: str) -> np.ndarray:
        arr = np.asarray(y)
        if arr.dtype.kind not in "iu":
            raise TypeError(f"{where}: y must hold integer class labels, got dtype {arr.dtype}")
        if arr.shape != (n_samples,):
            raise ValueError(
                f"{where}: y must have shape ({n_samples},), one label per row of X, "
                f"got {arr.shape}"
            )
        n_classes = self.sizes[-1]
        if arr.min() < 0 or arr.max() >= n_classes:
            raise ValueError(
                f"{where}: labels in y must be in 0..{n_classes - 1}, "
                f"got values from {arr.min()} to {arr.max()}"
            )
        return arr.astype(np.intp, copy=False)

    # ---- forward pass -------------------------------------------------------------
    def _forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        """Return the hidden pre-activations zs, hidden activations, and the output log-probs."""
        zs, activations = [], []
        a = X
        for w, b in zip(self.weights[:-1], self.biases[:-1], strict=True):
            z = a @ w.T + b
            a = self._f(z)
            zs.append(z)
            activations.append(a)
        logits = a @ self.weights[-1].T + self.biases[-1]
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return zs, activations, log_probs

    def forward(self, X: Any) -> np.ndarray:
        """Class probabilities (softmax outputs), shape ``(n_samples, n_classes)``.

        Parameters
        ----------
        X : array_like, shape (n_samples, n_features)
            Real, finite inputs; ``n_features`` must equal ``sizes[0]``.
        """
        X = self._check_X(X, "Network.forward()")
        return np.exp(self._forward(X)[2])

    def activations(self, X: Any) -> list[np.ndarray]:
        """Each layer's outputs: the hidden layers' activations, then the softmax output.

        Returns a list of ``len(sizes) - 1`` arrays of shape ``(n_samples, sizes[l+1])``.
        """
        X = self._check_X(X, "Network.activations()")
        _, hidden, log_probs = self._forward(X)
        return [*hidden, np.exp(log_probs)]

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class of each sample, shape ``(n_samples,)``."""
        X = self._check_X(X, "Network.predict()")
        return self._forward(X)[2].argmax(axis=1)

    def loss(self, X: Any, y: Any) -> float:
        """Mean cross-entropy :math:`-\\frac{1}{m}\\sum_i \\log p_{i, y_i}` over the batch."""
        X = self._check_X(X, "Network.loss()")
        y = self._check_y(y, X.shape[0], "Network.loss()")
        log_probs = self._forward(X)[2]
        return float(-log_probs[np.arange(len(y)), y].mean())

    def accuracy(self, X: Any, y: Any) -> float:
        """Fraction of samples whose most probable class is their label."""
        X = self._check_X(X, "Network.accuracy()")
        y = self._check_y(y, X.shape[0], "Network.accuracy()")
        return float((self._forward(X)[2].argmax(axis=1) == y).mean())

    # ---- backpropagation ----------------------------------------------------------
    def _gradients(self, X: np.ndarray, y: np.ndarray) -> tuple[list, list, list, np.ndarray]:
        """Backpropagation; also return the hidden activations and output log-probabilities."""
        zs, hidden, log_probs = self._forward(X)
        m = X.shape[0]
        delta = np.exp(log_probs)
        delta[np.arange(m), y] -= 1.0
        delta /= m  # the cost is a mean: average the per-sample gradients
        inputs = [X, *hidden]
        weight_grads: list[np.ndarray] = [np.empty(0)] * len(self.weights)
        bias_grads: list[np.ndarray] = [np.empty(0)] * len(self.biases)
        for layer in range(len(self.weights) - 1, -1, -1):
            weight_grads[layer] = delta.T @ inputs[layer]
            bias_grads[layer] = delta.sum(axis=0)
            if layer > 0:
                delta = (delta @ self.weights[layer]) * self._df(zs[layer - 1])
        return weight_grads, bias_grads, hidden, log_probs

    def gradients(self, X: Any, y: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Gradients of :meth:`loss` by backpropagation, averaged over the batch.

        Returns
        -------
        (weight_grads, bias_grads)
            Lists of arrays with the shapes of :attr:`weights` and :attr:`biases`.

        Examples
        --------
        >>> import numpy as np
        >>> from helpers.network import Network
        >>> net = Network([2, 3, 2], seed=1)
        >>> dW, db = net.gradients(np.array([[1.0, 2.0]]), np.array([1]))
        >>> [g.shape for g in dW], [g.shape for g in db]
        ([(3, 2), (2, 3)], [(3,), (2,)])
        """
        X = self._check_X(X, "Network.gradients()")
        y = self._check_y(y, X.shape[0], "Network.gradients()")
        weight_grads, bias_grads, _, _ = self._gradients(X, y)
        return weight_grads, bias_grads


def _check_net(net: Any, where: str) -> None:
    if not isinstance(net, Network):
        raise TypeError(f"{where}: net must be a helpers.network.Network, got {type(net).__name__}")


def layer_speeds(net: Network, X: Any, y: Any) -> np.ndarray:
    """Nielsen's "speed of learning" of each hidden layer: the norm ‖∂C/∂b‖ of its biases' gradient.

    Introduced in ``notebooks/03_vanishing_gradients.ipynb`` (Nielsen, *Neural Networks and
    Deep Learning*, ch. 5). The gradient is averaged over the samples of ``X``.

    Returns
    -------
    ndarray, shape (n_hidden,)
        One speed per hidden layer, first hidden layer first.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.network import Network, layer_speeds
    >>> from helpers.data import make_spirals
    >>> X, y = make_spirals(300, seed=0)
    >>> net = Network([2, 30, 30, 30, 3], init="nielsen", seed=0)
    >>> speeds = layer_speeds(net, X, y)
    >>> speeds.shape, bool(speeds[0] < speeds[1] < speeds[2])
    ((3,), True)
    """
    _check_net(net, "layer_speeds()")
    X = net._check_X(X, "layer_speeds()")
    y = net._check_y(y, X.shape[0], "layer_speeds()")
    _, bias_grads, _, _ = net._gradients(X, y)
    return np.array([np.linalg.norm(g) for g in bias_grads[:-1]])


def train(
    net: Network,
    X: Any,
    y: Any,
    epochs: int,
    learning_rate: float,
    batch_size: int,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Train ``net`` in place by mini-batch stochastic gradient descent; return its history.

    Introduced in ``notebooks/03_vanishing_gradients.ipynb``. Each epoch shuffles the
    samples (with a generator seeded by ``seed``), splits them into batches of
    ``batch_size`` (the last one may be smaller) and takes one step
    ``θ ← θ − learning_rate · ∂C/∂θ`` per batch.

    Returns
    -------
    dict of ndarray
        Measured on all of ``X, y`` at initialisation (row 0) and after each epoch, so
        every array has ``epochs + 1`` rows:
        ``"epoch"`` (0, 1, …, epochs); ``"loss"`` (mean cross-entropy); ``"accuracy"``;
        ``"speeds"`` (shape ``(epochs + 1, n_hidden)``, see :func:`layer_speeds`);
        ``"activation_mean"`` and ``"activation_std"`` (same shape: the mean and standard
        deviation of each hidden layer's activations over samples and units).

    Raises
    ------
    TypeError, ValueError
        For a bad argument; the message names it.

    Examples
    --------
    >>> from helpers.data import make_spirals
    >>> from helpers.network import Network, train
    >>> X, y = make_spirals(300, seed=0)
    >>> net = Network([2, 30, 30, 3], activation="tanh", seed=0)
    >>> history = train(net, X, y, epochs=5, learning_rate=0.1, batch_size=10, seed=0)
    >>> history["speeds"].shape
    (6, 2)
    >>> bool(history["loss"][-1] < history["loss"][0])
    True
    """
    where = "train()"
    _check_net(net, where)
    X = net._check_X(X, where)
    y = net._check_y(y, X.shape[0], where)
    epochs = _check_int(epochs, "epochs", where, minimum=0)
    batch_size = _check_int(batch_size, "batch_size", where)
    seed = _check_int(seed, "seed", where, minimum=0)
    if isinstance(learning_rate, (bool, np.bool_)) or not isinstance(learning_rate, numbers.Real):
        raise TypeError(
            f"{where}: learning_rate must be a real number, got {type(learning_rate).__name__}"
        )
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(f"{where}: learning_rate must be positive and finite, got {learning_rate}")

    rng = np.random.default_rng(seed)
    n, k = X.shape[0], net.n_hidden
    history = {
        "epoch": np.arange(epochs + 1),
        "loss": np.empty(epochs + 1),
        "accuracy": np.empty(epochs + 1),
        "speeds": np.empty((epochs + 1, k)),
        "activation_mean": np.empty((epochs + 1, k)),
        "activation_std": np.empty((epochs + 1, k)),
    }

    def record(row: int) -> None:
        _, bias_grads, hidden, log_probs = net._gradients(X, y)
        history["loss"][row] = -log_probs[np.arange(n), y].mean()
        history["accuracy"][row] = (log_probs.argmax(axis=1) == y).mean()
        history["speeds"][row] = [np.linalg.norm(g) for g in bias_grads[:-1]]
        history["activation_mean"][row] = [a.mean() for a in hidden]
        history["activation_std"][row] = [a.std() for a in hidden]

    record(0)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            weight_grads, bias_grads, _, _ = net._gradients(X[batch], y[batch])
            for layer in range(len(net.weights)):
                net.weights[layer] -= learning_rate * weight_grads[layer]
                net.biases[layer] -= learning_rate * bias_grads[layer]
        record(epoch)
    return history
