"""Why all-positive inputs make gradient descent zig-zag: a two-weight toy and a sign count.

Introduced in ``notebooks/04_not_zero_centred.ipynb``.

The toy problem
---------------
One linear unit :math:`\\hat y = w_1 x_1 + w_2 x_2` learns, by gradient descent on the
squared error :math:`L = \\frac{1}{2}(\\hat y - y)^2`, the target weights
:math:`w^\\star`: every example is labelled :math:`y = w^\\star \\cdot x`. Its inputs are the
outputs of a sigmoid layer, shifted: :math:`x_i = \\sigma(s z_i) - \\tfrac12 + \\text{offset}`
with :math:`z_i \\sim N(0, 1)`. With ``offset = 0.5`` they are exactly sigmoid outputs, all
positive; with ``offset = 0`` they are :math:`\\tfrac12\\tanh(s z_i / 2)`, centred on 0.

On one example the gradient is :math:`\\partial L/\\partial w_i = \\delta\\, x_i` with
:math:`\\delta = \\hat y - y`: when both inputs are positive, both weights move in the same
direction (LeCun et al. 1998, *Efficient BackProp*, §4.3). A target with one weight up
and the other down can then only be reached by zig-zagging.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from helpers.activations import sigmoid
from helpers.network import Network
from helpers.plotting import OKABE_ITO, animate, draw_path, new_figure
from helpers.widgets import SliderFigure, float_slider, interactive_figure

__all__ = [
    "DIVERGED",
    "descent_path",
    "same_sign_fraction",
    "steps_over_seeds",
    "steps_to_target",
    "toy_inputs",
    "toy_loss",
    "toy_target",
    "zigzag_explorer",
]

# A path whose weights grow beyond this norm has diverged; it is stopped there.
DIVERGED = 1.0e3


def _real(value: Any, name: str, where: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a real number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{where}: {name} must be finite, got {value}")
    return float(value)


def _positive(value: Any, name: str, where: str) -> float:
    value = _real(value, name, where)
    if value <= 0:
        raise ValueError(f"{where}: {name} must be positive, got {value}")
    return value


def _integer(value: Any, name: str, where: str, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where}: {name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{where}: {name} must be at least {minimum}, got {value}")
    return int(value)


def _pair(value: Any, name: str, where: str) -> np.ndarray:
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{where}: {name} must be two real numbers, got {type(value).__name__}")
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{where}: {name} must be two real numbers, got dtype {arr.dtype}")
    if arr.shape != (2,):
        raise ValueError(f"{where}: {name} must have shape (2,), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{where}: {name} contains nan or inf")
    return arr.astype(np.float64)


def _inputs(value: Any, where: str) -> np.ndarray:
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{where}: inputs must be an array of real numbers")
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{where}: inputs must hold real numbers, got dtype {arr.dtype}")
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] == 0:
        raise ValueError(f"{where}: inputs must have shape (n_examples, 2), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{where}: inputs contain nan or inf")
    return arr.astype(np.float64)


def toy_inputs(
    n_examples: int = 200, offset: float = 0.5, *, spread: float = 2.0, seed: int = 0
) -> np.ndarray:
    """Inputs of the toy problem: shifted sigmoid outputs, ``σ(spread·z) − 0.5 + offset``.

    Parameters
    ----------
    n_examples : int
        Number of examples (rows).
    offset : float
        The mean of the inputs: 0.5 gives genuine sigmoid outputs (all in (0, 1)),
        0 gives inputs centred on 0, in (−0.5, 0.5).
    spread : float
        Standard deviation ``s`` of the pre-activations ``s·z``, ``z ~ N(0, 1)``.
    seed : int
        Seed of the generator of ``z``; ``offset`` only shifts the same draws.

    Returns
    -------
    ndarray, shape (n_examples, 2)

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.descent import toy_inputs
    >>> x = toy_inputs(10_000, offset=0.5, seed=0)
    >>> bool((x > 0).all()), round(float(x.mean()), 1)
    (True, 0.5)
    >>> bool(np.allclose(x - toy_inputs(10_000, offset=0.0, seed=0), 0.5))  # same draws
    True
    """
    where = "toy_inputs()"
    n_examples = _integer(n_examples, "n_examples", where, 1)
    offset = _real(offset, "offset", where)
    spread = _positive(spread, "spread", where)
    seed = _integer(seed, "seed", where, 0)
    z = np.random.default_rng(seed).standard_normal((n_examples, 2))
    return sigmoid(spread * z) - 0.5 + offset


def toy_target(angle_degrees: float = -45.0, length: float = math.sqrt(2.0)) -> np.ndarray:
    """The best weights ``w★ = length·(cos θ, sin θ)``; θ = −45° means w₁ up, w₂ down.

    Examples
    --------
    >>> from helpers.descent import toy_target
    >>> toy_target(-45.0).round(6)
    array([ 1., -1.])
    >>> toy_target(90.0, length=2.0).round(6)
    array([0., 2.])
    """
    where = "toy_target()"
    angle = math.radians(_real(angle_degrees, "angle_degrees", where))
    length = _positive(length, "length", where)
    return length * np.array([math.cos(angle), math.sin(angle)])


def toy_loss(inputs: Any, target: Any, w1: Any, w2: Any) -> np.ndarray:
    """Mean squared-error loss ``mean ½(x·w − x·w★)²`` of the toy problem at weights (w1, w2).

    ``w1`` and ``w2`` broadcast together (e.g. two ``np.meshgrid`` arrays for a contour plot).

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.descent import toy_inputs, toy_loss, toy_target
    >>> x, target = toy_inputs(50, seed=1), toy_target(-45.0)
    >>> round(float(toy_loss(x, target, 1.0, -1.0)), 12)  # zero at the target
    0.0
    >>> bool(toy_loss(x, target, 0.0, 0.0) > 0)
    True
    """
    where = "toy_loss()"
    x = _inputs(inputs, where)
    target = _pair(target, "target", where)
    e1, e2 = np.broadcast_arrays(
        np.asarray(w1, dtype=np.float64) - target[0], np.asarray(w2, dtype=np.float64) - target[1]
    )
    h = x.T @ x / x.shape[0]  # the Hessian of the loss, E[x xᵀ]
    return 0.5 * (h[0, 0] * e1 * e1 + 2.0 * h[0, 1] * e1 * e2 + h[1, 1] * e2 * e2)


def descent_path(
    inputs: Any,
    target: Any,
    *,
    learning_rate: float,
    batch_size: int = 1,
    max_steps: int = 200,
    tol: float = 0.1,
    start: Sequence[float] = (0.0, 0.0),
    seed: int = 0,
) -> np.ndarray:
    """Run (minibatch) stochastic gradient descent on the toy problem; return the weights visited.

    Each step takes the next ``batch_size`` examples of a shuffled pass over ``inputs``
    (reshuffled, with a generator seeded by ``seed``, whenever the examples run out) and
    moves ``w ← w − learning_rate · mean(δ·x)``, with ``δ = x·w − x·w★``.

    The path stops at the first point within ``tol`` of the target, after ``max_steps``
    steps, or when ``|w|`` exceeds ``DIVERGED`` (the learning rate is too large).

    Parameters
    ----------
    inputs : array_like, shape (n_examples, 2)
        From :func:`toy_inputs`.
    target : array_like, shape (2,)
        The best weights ``w★`` (:func:`toy_target`).
    learning_rate : float
        Step size, positive.
    batch_size : int
        Examples averaged per step: 1 is per-example descent.
    max_steps : int
        Longest path, in steps.
    tol : float
        Distance to the target at which the path stops.
    start : (float, float)
        Initial weights.
    seed : int
        Seed of the shuffles.

    Returns
    -------
    ndarray, shape (n_steps + 1, 2)
        Row 0 is ``start``; row k the weights after k steps.

    Examples
    --------
    >>> from helpers.descent import descent_path, steps_to_target, toy_inputs, toy_target
    >>> target = toy_target(-45.0)
    >>> path = descent_path(toy_inputs(offset=0.0), target, learning_rate=2.0)
    >>> path[0].tolist(), steps_to_target(path, target)
    ([0.0, 0.0], 11)
    """
    where = "descent_path()"
    x = _inputs(inputs, where)
    target = _pair(target, "target", where)
    learning_rate = _positive(learning_rate, "learning_rate", where)
    batch_size = _integer(batch_size, "batch_size", where, 1)
    max_steps = _integer(max_steps, "max_steps", where, 0)
    tol = _positive(tol, "tol", where)
    w = _pair(start, "start", where)
    seed = _integer(seed, "seed", where, 0)
    if batch_size > x.shape[0]:
        raise ValueError(
            f"{where}: batch_size ({batch_size}) is larger than the number of examples "
            f"({x.shape[0]})"
        )
    rng = np.random.default_rng(seed)
    y = x @ target
    path = [w.copy()]
    order = np.empty(0, dtype=np.intp)
    for _ in range(max_steps):
        if np.hypot(*(w - target)) <= tol or np.hypot(*w) > DIVERGED:
            break
        if order.size < batch_size:
            order = np.concatenate([order, rng.permutation(x.shape[0])])
        batch, order = order[:batch_size], order[batch_size:]
        xb = x[batch]
        delta = xb @ w - y[batch]
        w = w - learning_rate * (delta @ xb) / batch_size
        path.append(w.copy())
    return np.array(path)


def steps_to_target(path: Any, target: Any, tol: float = 0.1) -> int | None:
    """Number of steps until ``path`` first comes within ``tol`` of ``target``; None if never.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.descent import steps_to_target
    >>> path = np.array([[0.0, 0.0], [0.5, -0.5], [0.95, -0.95]])
    >>> steps_to_target(path, [1.0, -1.0])
    2
    >>> steps_to_target(path[:2], [1.0, -1.0]) is None
    True
    """
    where = "steps_to_target()"
    target = _pair(target, "target", where)
    tol = _positive(tol, "tol", where)
    arr = np.asarray(path, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] == 0:
        raise ValueError(f"{where}: path must have shape (n_points, 2), got {arr.shape}")
    close = np.flatnonzero(np.hypot(*(arr - target).T) <= tol)
    return int(close[0]) if close.size else None


def steps_over_seeds(
    offset: float,
    angle_degrees: float,
    learning_rate: float,
    *,
    batch_size: int = 1,
    seeds: Iterable[int] = range(10),
    n_examples: int = 200,
    max_steps: int = 500,
) -> np.ndarray:
    """Steps to the target for several seeds (data and shuffles); ``inf`` where it never arrives.

    One draw of the data can be lucky; the median over seeds is the number to quote.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.descent import steps_over_seeds
    >>> steps = steps_over_seeds(0.0, -45.0, 2.0, seeds=range(3))
    >>> steps.shape, bool(np.isfinite(steps).all())
    ((3,), True)
    """
    target = toy_target(angle_degrees)
    result = []
    for seed in seeds:
        x = toy_inputs(n_examples, offset, seed=seed)
        path = descent_path(
            x,
            target,
            learning_rate=learning_rate,
            batch_size=batch_size,
            max_steps=max_steps,
            seed=seed,
        )
        steps = steps_to_target(path, target)
        result.append(math.inf if steps is None else float(steps))
    if not result:
        raise ValueError("steps_over_seeds(): seeds is empty")
    return np.array(result)


def same_sign_fraction(net: Network, X: Any, y: Any, layer: int, *, batch_size: int = 1) -> float:
    """Fraction of (batch, unit) pairs whose incoming weight gradients all share one sign.

    For unit ``j`` of layer ``layer`` the weight gradient is ``δ_j · a`` (``a``: the layer's
    inputs). ``X`` is split into consecutive batches of ``batch_size`` samples (a last,
    smaller batch is dropped); for each batch and each unit, the row
    ``net.gradients(batch)[0][layer][j]`` counts when its entries are all > 0 or all < 0.
    With sigmoid inputs (all positive) and ``batch_size=1`` the fraction is 1.

    Parameters
    ----------
    net : helpers.network.Network
    X, y : array_like
        Samples and integer labels, as for ``net.gradients``.
    layer : int
        Index into ``net.weights``: 0 is fed by the data, ``l ≥ 1`` by hidden layer ``l``.
    batch_size : int
        Samples averaged per gradient: 1 is per-example.

    Examples
    --------
    >>> from helpers.data import make_spirals
    >>> from helpers.network import Network
    >>> from helpers.descent import same_sign_fraction
    >>> X, y = make_spirals(40, seed=0)
    >>> net = Network([2, 8, 8, 3], activation="sigmoid", seed=0)
    >>> same_sign_fraction(net, X, y, layer=1)  # fed by sigmoid outputs
    1.0
    >>> net = Network([2, 8, 8, 3], activation="tanh", seed=0)
    >>> same_sign_fraction(net, X, y, layer=1) < 0.1  # fed by tanh outputs
    True
    """
    where = "same_sign_fraction()"
    if not isinstance(net, Network):
        raise TypeError(f"{where}: net must be a helpers.network.Network, got {type(net).__name__}")
    layer = _integer(layer, "layer", where, 0)
    if layer >= len(net.weights):
        raise ValueError(
            f"{where}: layer must be below {len(net.weights)} (the number of weight "
            f"matrices), got {layer}"
        )
    batch_size = _integer(batch_size, "batch_size", where, 1)
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(
            f"{where}: X must have shape (n_samples, n_features) and y (n_samples,), "
            f"got {X.shape} and {y.shape}"
        )
    n_batches = X.shape[0] // batch_size
    if n_batches == 0:
        raise ValueError(
            f"{where}: batch_size ({batch_size}) is larger than the number of samples "
            f"({X.shape[0]})"
        )
    shared = 0
    for b in range(n_batches):
        rows = slice(b * batch_size, (b + 1) * batch_size)
        grad = net.gradients(X[rows], y[rows])[0][layer]
        shared += int(np.count_nonzero(np.all(grad > 0, axis=1) | np.all(grad < 0, axis=1)))
    return shared / (n_batches * net.weights[layer].shape[0])


def _steps_text(path: np.ndarray, target: np.ndarray) -> str:
    steps = steps_to_target(path, target)
    if steps is not None:
        return f"{steps} steps"
    if np.hypot(*path[-1]) > DIVERGED:
        return "diverged"
    return f"not there after {len(path) - 1} steps"


def zigzag_explorer(
    learning_rate: float = 2.0,
    offset: float = 0.5,
    angle: float = -45.0,
    *,
    max_steps: int = 150,
    seed: int = 0,
) -> SliderFigure:
    """Per-example gradient descent on the toy problem, with sliders for η, the offset and θ.

    Introduced in ``notebooks/04_not_zero_centred.ipynb``. The figure shows the loss
    contours for the chosen inputs, the path from (0, 0) with those inputs, and, dashed,
    the path with centred inputs (offset 0, same draws, same shuffles) for comparison.
    The readout gives the steps each path takes to come within 0.1 of the target.

    The sliders update on release. A change redraws only the paths, the target and the
    contours (recomputed when the offset or θ changes) over the cached axes, 7–10 ms
    here, kernel side.

    Parameters
    ----------
    learning_rate, offset, angle : float
        Initial slider values: step size η, mean of the inputs (:func:`toy_inputs`) and
        direction θ of the target in degrees (:func:`toy_target`).
    max_steps : int
        Longest path drawn.
    seed : int
        Seed of the inputs and of the order of the examples: one draw of the data.

    Examples
    --------
    >>> from helpers.descent import zigzag_explorer
    >>> w = zigzag_explorer(seed=4)
    >>> w.readout.value
    'η = 2.00; offset = 0.50; θ (°) = −45; these inputs: 29 steps; centred inputs: 11 steps'
    >>> w.update(learning_rate=3.0, offset=0.5, angle=-45.0)
    ['these inputs: diverged', 'centred inputs: 10 steps']
    >>> import matplotlib.pyplot as plt; plt.close(w.figure)
    """
    where = "zigzag_explorer()"
    max_steps = _integer(max_steps, "max_steps", where, 1)
    seed = _integer(seed, "seed", where, 0)
    base = toy_inputs(offset=0.0, seed=seed)
    fig, ax = new_figure(
        "Gradient descent, one example per step",
        "w₁",
        "w₂",
        figsize=(7.0, 6.0),
    )
    ax.set_xlim(-2.2, 2.2)
    ax.set_ylim(-2.0, 2.0)
    ax.set_aspect("equal")
    grid = np.linspace(-2.2, 2.2, 61)
    w1, w2 = np.meshgrid(grid, grid)
    start = np.zeros((1, 2))
    centred_line = draw_path(
        ax, start, label="centred inputs", color=OKABE_ITO["bluish_green"], linestyle="--"
    )
    line = draw_path(ax, start, label="these inputs", color=OKABE_ITO["vermillion"])
    (goal,) = ax.plot([], [], "*", color=OKABE_ITO["black"], markersize=18, label="target w★")
    quantiles = [0.01, 0.04, 0.1, 0.2, 0.35, 0.55, 0.8]

    def contour(axes: Any, offset: float, angle: float) -> Any:
        loss = toy_loss(base + offset, toy_target(angle), w1, w2)
        levels = np.unique(np.quantile(loss, quantiles))
        return axes.contour(w1, w2, loss, levels=levels, colors="0.7", linewidths=1.0)

    contours = contour(ax, offset, angle)
    ax.legend(loc="lower left", framealpha=0.9, fontsize=11)
    # Everything in the axes moves with some slider: all of it is drawn over a background
    # of the bare axes, and a change redraws only that (no ticks, labels or grid).
    animate(centred_line)
    # The contours change with the offset and θ: new ones are made on an axes of their
    # own, and the drawn set takes their paths, so that nothing is added to the figure.
    scratch = Figure().add_subplot()
    drawn = {"inputs": (offset, angle)}

    def update(learning_rate: float, offset: float, angle: float) -> list[str]:
        target = toy_target(angle)
        inputs = base + offset
        if drawn["inputs"] != (offset, angle):
            fresh = contour(scratch, offset, angle)
            contours.set_paths(fresh.get_paths())
            fresh.remove()
            drawn["inputs"] = (offset, angle)
        paths = []
        for this_line, x in ((line, inputs), (centred_line, base)):
            path = descent_path(
                x, target, learning_rate=learning_rate, max_steps=max_steps, seed=seed
            )
            this_line.set_data(path[:, 0], path[:, 1])
            paths.append(path)
        goal.set_data([target[0]], [target[1]])
        return [
            f"these inputs: {_steps_text(paths[0], target)}",
            f"centred inputs: {_steps_text(paths[1], target)}",
        ]

    return interactive_figure(
        fig,
        update,
        learning_rate=float_slider("η", learning_rate, 0.25, 5.0, 0.25, continuous_update=False),
        offset=float_slider("offset", offset, 0.0, 1.0, 0.05, continuous_update=False),
        angle=float_slider(
            "θ (°)", angle, -180.0, 180.0, 5.0, readout_format=".0f", continuous_update=False
        ),
    )
