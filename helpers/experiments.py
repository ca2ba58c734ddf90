"""Measured comparisons of activation functions: expected gradients and fair training runs.

Introduced in ``notebooks/05_sigmoid_vs_tanh.ipynb``. Three kinds of question:

* where a derivative falls below a level (:func:`saturation_point`), and how wide the band
  of inputs is where it is still "alive";
* the expected derivative ``E[f'(Z)]`` for ``Z ~ N(0, v)`` (:func:`expected_derivative`);
* a training comparison that gives every configuration the same learning-rate search budget
  and the same seeds (:func:`compare_configurations`), summarised as a table with the
  seed-to-seed spread (:func:`summarise`, :func:`format_table`, :func:`difference`,
  :func:`speed_falloff`).

The notebook's two interactive figures, built on :mod:`helpers.widgets`, are here too:
:func:`activation_explorer` (the six curves, a shared x range, toggles) and
:func:`expected_derivative_explorer` (a slider for the variance v).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import numpy as np

from helpers.activations import (
    _as_real_array,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from helpers.network import ACTIVATIONS, INITS, Network, train
from helpers.plotting import (
    OKABE_ITO,
    animate,
    animated_legend,
    curves_figure,
    new_figure,
    set_centred_xlim,
)
from helpers.widgets import SliderFigure, float_slider, interactive_figure, range_slider, z_grid

__all__ = [
    "CURVES",
    "Run",
    "Summary",
    "activation_explorer",
    "compare_configurations",
    "difference",
    "expected_derivative",
    "expected_derivative_explorer",
    "format_table",
    "saturation_point",
    "search_learning_rate",
    "speed_falloff",
    "summarise",
]

# expected_derivative integrates over |z| < 12 standard deviations (the normal density
# beyond is below 1e-31 of its peak) with a step that resolves both the density (sd / 10)
# and the derivative (0.05; the sigmoid's derivative varies on a scale of 1).
_SPAN_SD = 12.0
_MAX_STEP = 0.05
_MIN_NODES = 240


def _check_callable(function: Any, caller: str) -> None:
    if not callable(function):
        raise TypeError(
            f"{caller}() expects a function such as sigmoid_derivative, got "
            f"{type(function).__name__}"
        )


def expected_derivative(derivative: Callable[[Any], Any], variance: Any) -> Any:
    """Return ``E[f'(Z)]`` for ``Z ~ N(0, variance)``: the average gradient factor of a unit.

    When a unit's pre-activation ``z`` is spread like a normal distribution of variance
    ``v``, backpropagation multiplies the gradient by ``f'(z)`` on average by this much.
    Computed with the midpoint rule over ``|z| < 12 sqrt(v)`` on a grid fine enough for
    both the density and the derivative; for these smooth, quickly decaying integrands the
    rule is accurate to about 1e-12, and a step such as ReLU's at 0 costs nothing, as no
    node sits at 0. ``variance = 0`` gives ``f'(0)``.

    Parameters
    ----------
    derivative : callable
        A derivative that takes an array, e.g. ``sigmoid_derivative``.
    variance : float or array_like
        The variance ``v >= 0`` of the pre-activation (not its standard deviation).

    Returns
    -------
    float or ndarray
        A Python float for a scalar ``variance``; otherwise an array of its shape.

    Raises
    ------
    TypeError
        If ``derivative`` is not callable or ``variance`` is not made of real numbers.
    ValueError
        If a variance is negative, infinite or nan.

    Examples
    --------
    >>> from helpers import sigmoid_derivative, tanh_derivative
    >>> from helpers.experiments import expected_derivative
    >>> round(expected_derivative(sigmoid_derivative, 1.0), 7)
    0.206621
    >>> round(expected_derivative(tanh_derivative, 1.0), 7)
    0.6057055
    >>> expected_derivative(sigmoid_derivative, [0.0, 4.0]).round(4)
    array([0.25  , 0.1514])
    """
    _check_callable(derivative, "expected_derivative")
    v, _ = _as_real_array(variance, "expected_derivative")
    v = v.astype(np.float64)
    if not np.all(np.isfinite(v)) or np.any(v < 0):
        raise ValueError(f"expected_derivative() needs finite variances >= 0, got {variance!r}")
    result = np.empty(v.shape)
    for index, var in np.ndenumerate(v):
        result[index] = _expected_one(derivative, float(var))
    return float(result) if v.ndim == 0 else result


def _expected_one(derivative: Callable[[Any], Any], variance: float) -> float:
    if variance == 0.0:
        return float(derivative(0.0))
    sd = math.sqrt(variance)
    half = max(_MIN_NODES // 2, math.ceil(_SPAN_SD * sd / _MAX_STEP))
    step = _SPAN_SD * sd / half
    z = (np.arange(-half, half) + 0.5) * step
    density = np.exp(-0.5 * (z / sd) ** 2) / (sd * math.sqrt(2.0 * math.pi))
    return float(np.sum(np.asarray(derivative(z), dtype=np.float64) * density) * step)


def saturation_point(
    derivative: Callable[[Any], Any], level: float, *, upper: float = 1e3
) -> float:
    """Return the ``x > 0`` where an even, bell-shaped derivative falls to ``level``.

    For ``|x|`` beyond this point, ``f'(x) < level``: the unit is saturated and passes back
    less than ``level`` of the gradient. The "live band" is ``(-x, x)``, of width ``2x``.
    Found by bisection to full float64 precision, assuming ``f'`` decreases on ``x > 0``.

    Parameters
    ----------
    derivative : callable
        E.g. ``sigmoid_derivative`` or ``tanh_derivative``.
    level : float
        Strictly between 0 and ``f'(0)``.
    upper : float, optional
        Where to stop looking; ``f'(upper)`` must be below ``level``.

    Raises
    ------
    TypeError
        If ``derivative`` is not callable or ``level`` is not a real number.
    ValueError
        If ``level`` is not strictly between ``f'(upper)`` and ``f'(0)``.

    Examples
    --------
    >>> from helpers import sigmoid_derivative, tanh_derivative
    >>> from helpers.experiments import saturation_point
    >>> round(saturation_point(sigmoid_derivative, 0.01), 7)
    4.5848633
    >>> round(saturation_point(tanh_derivative, 0.01), 7)
    2.9932228
    """
    _check_callable(derivative, "saturation_point")
    if isinstance(level, (bool, np.bool_)) or not isinstance(level, (int, float, np.number)):
        raise TypeError(f"saturation_point() expects a real level, got {type(level).__name__}")
    level = float(level)
    top, bottom = float(derivative(0.0)), float(derivative(float(upper)))
    if not bottom < level < top:
        raise ValueError(
            f"saturation_point() needs a level strictly between f'({upper:g}) = {bottom:.3g} "
            f"and f'(0) = {top:.3g}, got {level!r}"
        )
    lo, hi = 0.0, float(upper)
    while True:
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            return hi
        if float(derivative(mid)) > level:
            lo = mid
        else:
            hi = mid


# ---- interactive figures ------------------------------------------------------------------

# The six curves of activation_explorer: keyword -> (toggle label, legend label, function).
CURVES: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    "sigma": ("σ", "σ(x)", sigmoid),
    "dsigma": ("σ'", "σ'(x)", sigmoid_derivative),
    "tanh": ("tanh", "tanh(x)", tanh),
    "dtanh": ("tanh'", "tanh'(x)", tanh_derivative),
    "relu": ("ReLU", "ReLU(x)", relu),
    "drelu": ("ReLU'", "ReLU'(x)", relu_derivative),
}
_LIVE = 0.01  # a derivative below this passes back less than 1 % of the gradient


def _live_fraction(band: tuple[float, float], low: float, high: float) -> float:
    """Share of [low, high] inside the interval ``band``."""
    overlap = min(high, band[1]) - max(low, band[0])
    return max(overlap, 0.0) / (high - low)


def activation_explorer(
    x_range: tuple[float, float] = (-6.0, 6.0),
    shown: Sequence[str] = ("sigma", "dsigma", "tanh", "dtanh"),
) -> SliderFigure:
    """σ, tanh and ReLU and their derivatives on one figure: a shared x range and six toggles.

    Introduced in ``notebooks/05_sigmoid_vs_tanh.ipynb``. The readout gives, for each
    derivative shown, the share of the x range where it is at least 0.01 (where the unit
    still passes back at least 1 % of the gradient): ``|x| < 4.585`` for σ',
    ``|x| < 2.993`` for tanh', ``x > 0`` for ReLU'.

    Parameters
    ----------
    x_range : (float, float)
        The initial interval, within [−10, 10].
    shown : sequence of str
        Keys of :data:`CURVES` shown at first.

    Examples
    --------
    >>> from helpers.experiments import activation_explorer
    >>> w = activation_explorer()
    >>> print(w.readout.value)  # doctest: +NORMALIZE_WHITESPACE
    x range = −6.0 – 6.0; σ = on; σ' = on; tanh = on; tanh' = on; ReLU = off; ReLU' = off;
    σ' ≥ 0.01 on 76 % of the range; tanh' ≥ 0.01 on 50 % of the range
    >>> for text in w.update(x_range=(-10.0, 10.0), sigma=False, dsigma=True, tanh=False,
    ...                      dtanh=True, relu=False, drelu=True):
    ...     print(text)
    σ' ≥ 0.01 on 46 % of the range
    tanh' ≥ 0.01 on 30 % of the range
    ReLU' ≥ 0.01 on 50 % of the range
    >>> import matplotlib.pyplot as plt; plt.close(w.figure)
    """
    unknown = set(shown) - set(CURVES)
    if isinstance(shown, str) or unknown:
        raise ValueError(
            f"activation_explorer(): shown must list keys of CURVES {list(CURVES)}, got {shown!r}"
        )
    x = z_grid(x_range)
    fig, ax, lines = curves_figure(
        "Sigmoid, tanh and ReLU, and their derivatives",
        x,
        {legend: function(x) for _, legend, function in CURVES.values()},
        xlabel="x",
        ylabel="y",
        ylim=(-1.15, 1.6),
        animated=True,
    )
    lines = dict(zip(CURVES, lines.values(), strict=True))
    for level in (-1.0, 1.0):
        ax.axhline(level, color=OKABE_ITO["black"], linewidth=1.0, linestyle=":", zorder=1)
    bands = {
        "dsigma": (
            -saturation_point(sigmoid_derivative, _LIVE),
            saturation_point(sigmoid_derivative, _LIVE),
        ),
        "dtanh": (
            -saturation_point(tanh_derivative, _LIVE),
            saturation_point(tanh_derivative, _LIVE),
        ),
        "drelu": (0.0, math.inf),
    }

    def update(
        x_range: tuple[float, float],
        sigma: bool,
        dsigma: bool,
        tanh: bool,
        dtanh: bool,
        relu: bool,
        drelu: bool,
    ) -> list[str]:
        show = {
            "sigma": sigma,
            "dsigma": dsigma,
            "tanh": tanh,
            "dtanh": dtanh,
            "relu": relu,
            "drelu": drelu,
        }
        x = z_grid(x_range)
        low, high = float(x[0]), float(x[-1])
        for key, (_, _, function) in CURVES.items():
            lines[key].set_data(x, function(x))
            lines[key].set_visible(show[key])
        set_centred_xlim(ax, low, high)
        visible = [line for line in lines.values() if line.get_visible()]
        # The curves and the legend are animated: a toggle is drawn over the cached
        # background. A new legend replaces the old one; none is hidden, not removed.
        if visible:
            animated_legend(ax, handles=visible, loc="upper left", framealpha=0.9)
        else:
            ax.get_legend().set_visible(False)
        numbers = [
            f"{CURVES[key][0]} ≥ 0.01 on {100 * _live_fraction(band, low, high):.0f} % of the range"
            for key, band in bands.items()
            if show[key]
        ]
        return numbers or ["no derivative shown"]

    toggles = {
        key: widgets.ToggleButton(value=key in shown, description=name, layout={"width": "6em"})
        for key, (name, _, _) in CURVES.items()
    }
    explorer = interactive_figure(
        fig,
        update,
        x_range=range_slider("x range", value=x_range, limits=(-10.0, 10.0), step=0.5),
        **toggles,
    )
    # One row of toggles under the slider, instead of one toggle per row.
    slider, *rest = explorer.children
    explorer.children = (slider, widgets.HBox(list(toggles.values())), *rest[len(toggles) :])
    return explorer


def expected_derivative_explorer(variance: float = 1.0) -> SliderFigure:
    """E[σ'(z)] and E[tanh'(z)] for z ~ N(0, v) against v, with a slider for the variance v.

    Introduced in ``notebooks/05_sigmoid_vs_tanh.ipynb``. The curves are
    :func:`expected_derivative` over v in [0, 25]; the slider's v is marked on both. The
    readout gives both expectations and their ratio, which goes from 4 (small v, where
    tanh'(0) = 1 meets σ'(0) = 1/4) towards 2 (large v, where only the areas under the
    derivatives count: 2 for tanh', 1 for σ').

    Examples
    --------
    >>> from helpers.experiments import expected_derivative_explorer
    >>> w = expected_derivative_explorer()
    >>> print(w.readout.value)
    v = 1.00; E[σ'(z)] = 0.2066; E[tanh'(z)] = 0.6057; ratio = 2.93
    >>> w.update(v=16.0)
    ["E[σ'(z)] = 0.0912", "E[tanh'(z)] = 0.1946", 'ratio = 2.13']
    >>> import matplotlib.pyplot as plt; plt.close(w.figure)
    """
    fig, ax = new_figure(
        "Expected derivative for z ~ N(0, v)", "variance v of the pre-activation z", "E[f'(z)]"
    )
    vs = np.linspace(0.0, 25.0, 201)
    ax.plot(
        vs,
        expected_derivative(tanh_derivative, vs),
        label="E[tanh'(z)]",
        color=OKABE_ITO["vermillion"],
        linestyle=":",
        linewidth=3.0,
    )
    ax.plot(
        vs,
        expected_derivative(sigmoid_derivative, vs),
        label="E[σ'(z)]",
        color=OKABE_ITO["orange"],
        linestyle="--",
    )
    (marks,) = ax.plot([], [], "o", color=OKABE_ITO["vermillion"], markersize=10)
    cursor = ax.axvline(0.0, color=OKABE_ITO["vermillion"], linewidth=1.0, linestyle=":")
    ax.set_xlim(0.0, 25.0)
    ax.set_ylim(0.0, 1.05)
    ax.legend(loc="upper right", framealpha=0.9)
    animate(marks, cursor)  # and the legend over them: a change of v is drawn by blitting

    def update(v: float) -> list[str]:
        e_sigma = expected_derivative(sigmoid_derivative, v)
        e_tanh = expected_derivative(tanh_derivative, v)
        marks.set_data([v, v], [e_sigma, e_tanh])
        cursor.set_xdata([v, v])
        return [
            f"E[σ'(z)] = {e_sigma:.4f}",
            f"E[tanh'(z)] = {e_tanh:.4f}",
            f"ratio = {e_tanh / e_sigma:.2f}",
        ]

    return interactive_figure(fig, update, v=float_slider("v", variance, 0.0, 25.0, 0.25))


# ---- training comparison ----------------------------------------------------------------

Data = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Run:
    """One training run of one configuration with one seed (see :func:`compare_configurations`)."""

    activation: str
    init: str
    learning_rate: float
    seed: int
    history: dict[str, np.ndarray]  # as returned by helpers.network.train
    test_accuracy: float
    test_loss: float

    @property
    def label(self) -> str:
        """``"activation, init"``, e.g. ``"tanh, normalized"``."""
        return f"{self.activation}, {self.init}"


@dataclass(frozen=True)
class Summary:
    """One configuration's runs over several seeds (see :func:`summarise`)."""

    activation: str
    init: str
    learning_rate: float
    seeds: tuple[int, ...]
    test_accuracies: tuple[float, ...]
    train_losses: tuple[float, ...]
    speeds_at_init: np.ndarray  # mean over the seeds, one value per hidden layer

    @property
    def label(self) -> str:
        """``"activation, init"``, e.g. ``"tanh, normalized"``."""
        return f"{self.activation}, {self.init}"

    @property
    def mean_accuracy(self) -> float:
        """Mean test accuracy over the seeds."""
        return float(np.mean(self.test_accuracies))

    @property
    def std_accuracy(self) -> float:
        """Sample standard deviation (``ddof=1``) of the test accuracy over the seeds."""
        return float(np.std(self.test_accuracies, ddof=1)) if len(self.seeds) > 1 else 0.0


def _check_data(data: Any, name: str, where: str) -> Data:
    if not isinstance(data, tuple) or len(data) != 2:
        raise TypeError(f"{where}: {name} must be a tuple (X, y), got {type(data).__name__}")
    X, y = np.asarray(data[0]), np.asarray(data[1])
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(
            f"{where}: {name} must be (X, y) with X of shape (n, features) and y of shape (n,), "
            f"got {X.shape} and {y.shape}"
        )
    return X, y


def _check_names(activation: Any, init: Any, where: str) -> None:
    if activation not in ACTIVATIONS:
        raise ValueError(
            f"{where}: unknown activation {activation!r}; use one of {sorted(ACTIVATIONS)}"
        )
    if init not in INITS:
        raise ValueError(f"{where}: unknown init {init!r}; use one of {list(INITS)}")


def _check_positive_reals(values: Any, name: str, where: str) -> tuple[float, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise TypeError(f"{where}: {name} must be a sequence of numbers, got {values!r}")
    out = []
    for value in values:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
            raise TypeError(f"{where}: {name} must hold numbers, got {type(value).__name__}")
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"{where}: {name} must be positive and finite, got {value!r}")
        out.append(float(value))
    if not out:
        raise ValueError(f"{where}: {name} is empty")
    return tuple(out)


def _train_one(
    sizes: Sequence[int],
    activation: str,
    init: str,
    train_data: Data,
    learning_rate: float,
    epochs: int,
    batch_size: int,
    seed: int,
) -> tuple[Network, dict[str, np.ndarray]]:
    net = Network(sizes, activation=activation, init=init, seed=seed)
    # A learning rate that is too large can make the weights overflow: such a run counts as
    # diverged (its loss is not finite) instead of stopping the comparison with a warning.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        history = train(net, *train_data, epochs, learning_rate, batch_size, seed)
    return net, history


def _score(net: Network, data: Data) -> tuple[float, float]:
    """(loss, accuracy) on ``data``; a diverged network scores (inf, its accuracy)."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if not all(np.all(np.isfinite(w)) for w in net.weights):
            return math.inf, 0.0
        loss = net.loss(*data)
        accuracy = net.accuracy(*data)
    return (loss if math.isfinite(loss) else math.inf), accuracy


def search_learning_rate(
    sizes: Sequence[int],
    activation: str,
    init: str,
    train_data: Data,
    val_data: Data,
    learning_rates: Sequence[float],
    *,
    epochs: int,
    batch_size: int,
    seed: int,
) -> tuple[float, dict[float, float]]:
    """Pick the learning rate whose network has the lowest validation loss.

    One network per learning rate, all with the same ``seed`` (same initial weights, same
    batches): the search costs ``len(learning_rates)`` training runs, whatever the
    configuration, so every configuration gets the same budget.

    Returns
    -------
    best : float
        The learning rate with the lowest validation loss (the smaller one on a tie).
    losses : dict of float to float
        Validation loss for each learning rate; ``inf`` for a run that diverged.

    Examples
    --------
    >>> from helpers.data import make_spirals, split
    >>> from helpers.experiments import search_learning_rate
    >>> X, y = make_spirals(150, seed=0)
    >>> X_train, y_train, X_val, y_val = split(X, y, 0.3, seed=0)
    >>> best, losses = search_learning_rate([2, 8, 3], "tanh", "normalized", (X_train, y_train),
    ...                                     (X_val, y_val), [0.01, 0.3], epochs=5, batch_size=16,
    ...                                     seed=0)
    >>> best, len(losses)
    (0.3, 2)
    """
    where = "search_learning_rate()"
    _check_names(activation, init, where)
    train_data = _check_data(train_data, "train_data", where)
    val_data = _check_data(val_data, "val_data", where)
    rates = _check_positive_reals(learning_rates, "learning_rates", where)
    losses = {}
    for rate in rates:
        net, _ = _train_one(sizes, activation, init, train_data, rate, epochs, batch_size, seed)
        losses[rate] = _score(net, val_data)[0]
    best = min(sorted(rates), key=lambda rate: losses[rate])
    return best, losses


def compare_configurations(
    configurations: Sequence[tuple[str, str]],
    sizes: Sequence[int],
    train_data: Data,
    val_data: Data,
    test_data: Data,
    *,
    learning_rates: Sequence[float],
    seeds: Sequence[int],
    search_seed: int,
    epochs: int,
    batch_size: int,
) -> list[Run]:
    """Train each (activation, init) configuration fairly, several times, and test it.

    For each configuration: :func:`search_learning_rate` over the same ``learning_rates``
    with ``search_seed`` on the validation data, then one run per seed in ``seeds`` with the
    chosen rate (the seed sets both the initial weights and the order of the batches), each
    scored on the test data, which the search never saw. Every configuration thus gets the
    same architecture, data, seeds, epochs and search budget.

    Parameters
    ----------
    configurations : sequence of (activation, init)
        E.g. ``[("sigmoid", "standard"), ("tanh", "normalized")]``.
    sizes : sequence of int
        Layer sizes for :class:`helpers.network.Network`, e.g. ``[2, 30, 30, 30, 3]``.
    train_data, val_data, test_data : (X, y)
        Three disjoint parts of the data.
    learning_rates : sequence of float
        The grid searched for every configuration.
    seeds : sequence of int
        At least 3 distinct seeds, so that a spread can be measured.
    search_seed : int
        Seed of the search runs, not one of ``seeds``.
    epochs, batch_size : int
        As for :func:`helpers.network.train`.

    Returns
    -------
    list of Run
        Configuration by configuration, seed by seed.

    Raises
    ------
    TypeError, ValueError
        For a bad argument; the message names it.

    Examples
    --------
    >>> from helpers.data import make_spirals, split
    >>> from helpers.experiments import compare_configurations
    >>> X, y = make_spirals(200, seed=0)
    >>> X_train, y_train, X_rest, y_rest = split(X, y, 0.4, seed=0)
    >>> X_val, y_val, X_test, y_test = split(X_rest, y_rest, 0.5, seed=0)
    >>> runs = compare_configurations([("tanh", "normalized")], [2, 8, 3], (X_train, y_train),
    ...                               (X_val, y_val), (X_test, y_test), learning_rates=[0.1, 0.3],
    ...                               seeds=[0, 1, 2], search_seed=99, epochs=3, batch_size=16)
    >>> [(run.label, run.seed) for run in runs]
    [('tanh, normalized', 0), ('tanh, normalized', 1), ('tanh, normalized', 2)]
    """
    where = "compare_configurations()"
    if isinstance(configurations, (str, bytes)) or not isinstance(configurations, Sequence):
        raise TypeError(f"{where}: configurations must be a list of (activation, init) pairs")
    for pair in configurations:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(
                f"{where}: each configuration must be an (activation, init) pair, got {pair!r}"
            )
        _check_names(*pair, where)
    if len(set(configurations)) != len(configurations) or not configurations:
        raise ValueError(f"{where}: configurations must be distinct and not empty")
    seeds = tuple(seeds)
    if len(set(seeds)) < 3 or len(set(seeds)) != len(seeds):
        raise ValueError(
            f"{where}: needs at least 3 distinct seeds to measure a spread, got {seeds}"
        )
    if search_seed in seeds:
        raise ValueError(f"{where}: search_seed {search_seed} must not be one of the seeds {seeds}")
    train_data = _check_data(train_data, "train_data", where)
    val_data = _check_data(val_data, "val_data", where)
    test_data = _check_data(test_data, "test_data", where)
    runs = []
    for activation, init in configurations:
        rate, _ = search_learning_rate(
            sizes,
            activation,
            init,
            train_data,
            val_data,
            learning_rates,
            epochs=epochs,
            batch_size=batch_size,
            seed=search_seed,
        )
        for seed in seeds:
            net, history = _train_one(
                sizes, activation, init, train_data, rate, epochs, batch_size, seed
            )
            loss, accuracy = _score(net, test_data)
            runs.append(Run(activation, init, rate, seed, history, accuracy, loss))
    return runs


def summarise(runs: Sequence[Run]) -> list[Summary]:
    """Group runs by configuration (in the order first seen) and collect their results.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.experiments import Run, summarise
    >>> history = {"loss": np.array([1.0, 0.5]), "speeds": np.array([[0.1, 0.2], [0.3, 0.4]])}
    >>> runs = [Run("tanh", "standard", 0.1, s, history, acc, 0.4)
    ...         for s, acc in [(0, 0.8), (1, 0.9), (2, 0.85)]]
    >>> (row,) = summarise(runs)
    >>> row.label, round(row.mean_accuracy, 3), round(row.std_accuracy, 3), row.train_losses
    ('tanh, standard', 0.85, 0.05, (0.5, 0.5, 0.5))
    """
    if isinstance(runs, Run) or not isinstance(runs, Sequence):
        raise TypeError(f"summarise() expects a list of Run, got {type(runs).__name__}")
    groups: dict[tuple[str, str], list[Run]] = {}
    for run in runs:
        if not isinstance(run, Run):
            raise TypeError(f"summarise() expects a list of Run, found a {type(run).__name__}")
        groups.setdefault((run.activation, run.init), []).append(run)
    if not groups:
        raise ValueError("summarise() got no runs")
    rows = []
    for (activation, init), group in groups.items():
        rows.append(
            Summary(
                activation=activation,
                init=init,
                learning_rate=group[0].learning_rate,
                seeds=tuple(run.seed for run in group),
                test_accuracies=tuple(run.test_accuracy for run in group),
                train_losses=tuple(float(run.history["loss"][-1]) for run in group),
                speeds_at_init=np.mean([run.history["speeds"][0] for run in group], axis=0),
            )
        )
    return rows


def speed_falloff(speeds: Any) -> float:
    """How many times slower the first hidden layer learns than the last hidden layer.

    ``speeds[-1] / speeds[0]``, for speeds as given by :func:`helpers.network.layer_speeds`.

    1 means every layer learns at the same speed; Nielsen's sigmoid networks (ch. 5) show
    about 100 for four hidden layers.

    Examples
    --------
    >>> from helpers.experiments import speed_falloff
    >>> speed_falloff([0.003, 0.017, 0.070, 0.285])  # Nielsen, ch. 5, [784, 30, 30, 30, 30, 10]
    95.0
    """
    arr = np.asarray(speeds, dtype=np.float64)
    if arr.ndim != 1 or arr.size < 2:
        raise ValueError(
            f"speed_falloff() needs one speed per hidden layer (two or more), got {arr.shape}"
        )
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError(f"speed_falloff() needs positive, finite speeds, got {arr}")
    return round(float(arr[-1] / arr[0]), 12)


def difference(a: Summary, b: Summary) -> tuple[float, bool]:
    """Compare two configurations' test accuracy: ``(mean of a − mean of b, clear)``.

    ``clear`` is True when the difference is larger than the seed-to-seed spread in the
    simplest sense: the ranges [min, max] over the seeds do not overlap, so every seed of
    one configuration beat every seed of the other.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.experiments import Summary, difference
    >>> def row(accs):
    ...     return Summary("tanh", "standard", 0.1, (0, 1, 2), accs, (0.1,) * 3, np.ones(2))
    >>> difference(row((0.90, 0.92, 0.91)), row((0.80, 0.85, 0.83)))
    (0.083333, True)
    >>> difference(row((0.90, 0.92, 0.91)), row((0.80, 0.91, 0.83)))[1]
    False
    """
    for item in (a, b):
        if not isinstance(item, Summary):
            raise TypeError(f"difference() expects two Summary rows, got {type(item).__name__}")
    gap = a.mean_accuracy - b.mean_accuracy
    clear = min(a.test_accuracies) > max(b.test_accuracies) or min(b.test_accuracies) > max(
        a.test_accuracies
    )
    return round(gap, 6), clear


def format_table(rows: Sequence[Summary]) -> str:
    """The results as a plain-text table, one line per configuration.

    Columns: activation, init, chosen learning rate, test accuracy as mean ± standard
    deviation over the seeds, its min–max range, the mean final training loss, and the
    layer-speed falloff at initialisation (:func:`speed_falloff`).

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.experiments import Summary, format_table
    >>> row = Summary("tanh", "normalized", 0.1, (0, 1, 2), (0.9, 0.92, 0.91), (0.3, 0.2, 0.25),
    ...               np.array([0.08, 0.09, 0.085]))
    >>> print(format_table([row]))  # doctest: +NORMALIZE_WHITESPACE
    activation  init        lr     test accuracy   range          train loss  speed falloff
    tanh        normalized  0.1    0.910 ± 0.010   0.900–0.920    0.250       1.1
    """
    if isinstance(rows, Summary) or not isinstance(rows, Sequence) or not rows:
        raise TypeError("format_table() expects a non-empty list of Summary rows")
    lines = [
        f"{'activation':<12}{'init':<12}{'lr':<7}{'test accuracy':<16}{'range':<15}"
        f"{'train loss':<12}speed falloff"
    ]
    for row in rows:
        if not isinstance(row, Summary):
            raise TypeError(f"format_table() expects Summary rows, got {type(row).__name__}")
        accuracy = f"{row.mean_accuracy:.3f} ± {row.std_accuracy:.3f}"
        spread = f"{min(row.test_accuracies):.3f}–{max(row.test_accuracies):.3f}"
        lines.append(
            f"{row.activation:<12}{row.init:<12}{row.learning_rate:<7g}{accuracy:<16}"
            f"{spread:<15}{np.mean(row.train_losses):<12.3f}"
            f"{speed_falloff(row.speeds_at_init):.1f}"
        )
    return "\n".join(lines)
