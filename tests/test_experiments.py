"""helpers.experiments: expected derivatives, saturation points, the fair training comparison."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import mpmath
import numpy as np
import pytest

from helpers import relu_derivative, sigmoid_derivative, tanh_derivative
from helpers.data import make_spirals, split
from helpers.experiments import (
    CURVES,
    Run,
    Summary,
    activation_explorer,
    compare_configurations,
    difference,
    expected_derivative,
    expected_derivative_explorer,
    format_table,
    saturation_point,
    search_learning_rate,
    speed_falloff,
    summarise,
)
from helpers.network import Network, layer_speeds

# ---- expected_derivative ----------------------------------------------------------------


def test_expected_derivative_matches_the_reference_values():
    # ../shared/references.md: Z ~ N(0, 1)
    assert expected_derivative(sigmoid_derivative, 1.0) == pytest.approx(0.2066210, abs=5e-8)
    assert expected_derivative(tanh_derivative, 1.0) == pytest.approx(0.6057055, abs=5e-8)


# Exact derivatives for the reference integrals, in mpmath: independent of helpers.
_EXACT = {
    "sigmoid": lambda z: mpmath.exp(-z) / (1 + mpmath.exp(-z)) ** 2,
    "tanh": lambda z: mpmath.sech(z) ** 2,
}
_DERIVATIVES = {"sigmoid": sigmoid_derivative, "tanh": tanh_derivative}


def _reference(name, v):
    v = mpmath.mpf(v)
    with mpmath.workdps(30):
        density = lambda z: mpmath.exp(-z * z / (2 * v)) / mpmath.sqrt(2 * mpmath.pi * v)  # noqa: E731
        half = mpmath.quad(
            lambda z: _EXACT[name](z) * density(z), [0, 1, 5, 20, 50, 200, mpmath.inf]
        )
    return float(2 * half)  # the derivatives are even


@pytest.mark.parametrize("v", [1e-4, 0.3, 2.0, 16.0, 200.0, 5000.0])
@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_expected_derivative_agrees_with_an_mpmath_integral(name, v):
    assert expected_derivative(_DERIVATIVES[name], v) == pytest.approx(
        _reference(name, v), rel=1e-11
    )


@pytest.mark.parametrize("v", [0.01, 1.0, 400.0])
def test_expected_relu_derivative_is_one_half(v):
    # a step at 0: no quadrature node sits on it, so the symmetric rule gives exactly 1/2
    assert expected_derivative(relu_derivative, v) == pytest.approx(0.5, abs=1e-12)


def test_expected_derivative_limits():
    assert expected_derivative(sigmoid_derivative, 0.0) == 0.25
    assert expected_derivative(tanh_derivative, 0) == 1.0
    # for a wide z only the area under f' counts: 1 for σ', 2 for tanh'
    v = 1e6
    assert expected_derivative(sigmoid_derivative, v) == pytest.approx(
        1 / math.sqrt(2 * math.pi * v), rel=1e-5
    )
    assert expected_derivative(tanh_derivative, v) == pytest.approx(
        2 / math.sqrt(2 * math.pi * v), rel=1e-5
    )


def test_expected_derivative_keeps_the_shape_and_decreases():
    vs = np.linspace(0.0, 25.0, 26).reshape(2, 13)
    values = expected_derivative(tanh_derivative, vs)
    assert isinstance(values, np.ndarray) and values.shape == (2, 13)
    assert np.all(np.diff(values.ravel()) < 0)
    assert isinstance(expected_derivative(tanh_derivative, 1.0), float)


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, [1.0, -0.5]])
def test_expected_derivative_refuses_bad_variances(bad):
    with pytest.raises(ValueError, match="expected_derivative"):
        expected_derivative(sigmoid_derivative, bad)


@pytest.mark.parametrize("bad", ["1.0", None, 1j, np.array(["a"])])
def test_expected_derivative_refuses_non_real_variances(bad):
    with pytest.raises(TypeError, match="expected_derivative"):
        expected_derivative(sigmoid_derivative, bad)


def test_expected_derivative_needs_a_function():
    with pytest.raises(TypeError, match="expected_derivative"):
        expected_derivative(0.25, 1.0)


# ---- saturation_point --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("derivative", "level", "expected"),
    [
        (sigmoid_derivative, 0.1, 2.0634371),  # references.md: 2·artanh(√(1 − 4c))
        (sigmoid_derivative, 0.01, 4.5848633),
        (sigmoid_derivative, 1e-3, 6.9057523),
        (tanh_derivative, 0.01, 2.9932228),
    ],
)
def test_saturation_point_matches_the_reference_values(derivative, level, expected):
    assert saturation_point(derivative, level) == pytest.approx(expected, abs=5e-8)


def test_saturation_point_is_where_the_derivative_crosses_the_level():
    x = saturation_point(tanh_derivative, 0.3)
    assert x == pytest.approx(math.atanh(math.sqrt(0.7)), rel=1e-14)
    assert tanh_derivative(np.nextafter(x, 0)) >= 0.3 > tanh_derivative(np.nextafter(x, 10))


@pytest.mark.parametrize("level", [0.25, 0.3, 0.0, -0.1])
def test_saturation_point_refuses_levels_outside_the_range(level):
    with pytest.raises(ValueError, match="saturation_point"):
        saturation_point(sigmoid_derivative, level)


@pytest.mark.parametrize("level", ["0.1", None, True])
def test_saturation_point_refuses_non_numbers(level):
    with pytest.raises(TypeError, match="saturation_point"):
        saturation_point(sigmoid_derivative, level)


# ---- the training comparison ------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    X, y = make_spirals(150, seed=3)
    X_train, y_train, X_rest, y_rest = split(X, y, 0.4, seed=0)
    X_val, y_val, X_test, y_test = split(X_rest, y_rest, 0.5, seed=1)
    return (X_train, y_train), (X_val, y_val), (X_test, y_test)


def _compare(data, **changes):
    arguments = {
        "configurations": [("sigmoid", "standard"), ("tanh", "normalized")],
        "sizes": [2, 6, 6, 3],
        "train_data": data[0],
        "val_data": data[1],
        "test_data": data[2],
        "learning_rates": [0.1, 1.0],
        "seeds": [0, 1, 2],
        "search_seed": 7,
        "epochs": 3,
        "batch_size": 16,
    }
    arguments.update(changes)
    return compare_configurations(**arguments)


def test_compare_configurations_gives_every_configuration_the_same_budget(data, monkeypatch):
    import helpers.experiments as experiments

    calls = []
    real = experiments._train_one

    def counting(sizes, activation, init, *rest):
        calls.append((activation, init))
        return real(sizes, activation, init, *rest)

    monkeypatch.setattr(experiments, "_train_one", counting)
    runs = _compare(data)
    # 2 search runs (one per rate) + 3 seeds, for each configuration
    assert calls.count(("sigmoid", "standard")) == calls.count(("tanh", "normalized")) == 5
    assert [(r.label, r.seed) for r in runs] == [
        (label, seed) for label in ("sigmoid, standard", "tanh, normalized") for seed in (0, 1, 2)
    ]
    for run in runs:
        assert run.learning_rate in (0.1, 1.0)
        assert 0.0 <= run.test_accuracy <= 1.0 and run.test_loss > 0
        assert run.history["loss"].shape == (4,) and run.history["speeds"].shape == (4, 2)


def test_compare_configurations_is_reproducible_and_seeds_matter(data):
    first, second = _compare(data), _compare(data)
    for a, b in zip(first, second, strict=True):
        assert a.test_accuracy == b.test_accuracy
        np.testing.assert_array_equal(a.history["loss"], b.history["loss"])
    losses = {run.seed: run.history["loss"][-1] for run in first[:3]}
    assert len(set(losses.values())) == 3  # different seeds, different runs


def test_the_search_never_sees_the_test_data(data):
    shuffled = (data[2][0], np.roll(data[2][1], 1))  # wrong test labels: only scores change
    a, b = _compare(data), _compare(data, test_data=shuffled)
    assert [r.learning_rate for r in a] == [r.learning_rate for r in b]
    assert [r.test_accuracy for r in a] != [r.test_accuracy for r in b]


def test_search_picks_the_lowest_validation_loss_and_survives_divergence(data):
    best, losses = search_learning_rate(
        [2, 8, 3], "relu", "normalized", data[0], data[1], [0.1, 1e300], epochs=2,
        batch_size=8, seed=0,
    )  # fmt: skip
    assert losses[1e300] == math.inf  # the weights overflowed: diverged, and no warning
    assert best == 0.1 and math.isfinite(losses[0.1])


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"seeds": [0, 1]}, ValueError, "at least 3 distinct seeds"),
        ({"seeds": [0, 1, 1]}, ValueError, "at least 3 distinct seeds"),
        ({"search_seed": 1}, ValueError, "search_seed"),
        ({"configurations": [("softplus", "standard")]}, ValueError, "unknown activation"),
        ({"configurations": [("tanh", "he")]}, ValueError, "unknown init"),
        ({"configurations": [("tanh", "standard")] * 2}, ValueError, "distinct"),
        ({"configurations": ["tanh"]}, TypeError, "pair"),
        ({"learning_rates": [0.1, -1.0]}, ValueError, "learning_rates"),
        ({"learning_rates": []}, ValueError, "learning_rates"),
        ({"learning_rates": ["0.1"]}, TypeError, "learning_rates"),
        ({"train_data": "data"}, TypeError, "train_data"),
    ],
)
def test_compare_configurations_refuses_bad_arguments(data, changes, error, match):
    with pytest.raises(error, match=match):
        _compare(data, **changes)


def test_tanh_layer_speeds_fall_off_less_steeply_than_the_sigmoids(data):
    X, y = data[0]
    SIZES = [2, 30, 30, 30, 3]
    for init in ("standard", "normalized"):
        falloff = {
            activation: np.mean(
                [
                    speed_falloff(layer_speeds(Network(SIZES, activation, init, s), X, y))
                    for s in range(3)
                ]
            )
            for activation in ("sigmoid", "tanh")
        }  # fmt: skip
        assert falloff["tanh"] < falloff["sigmoid"] / 3


# ---- summaries and the table ------------------------------------------------------------


def _run(activation, init, seed, accuracy, loss=0.5):
    history = {"loss": np.array([1.0, loss]), "speeds": np.array([[0.01, 0.1], [0.1, 0.1]])}
    return Run(activation, init, 0.3, seed, history, accuracy, 0.4)


def test_summarise_groups_by_configuration_in_order():
    runs = [_run("tanh", "standard", s, a) for s, a in [(0, 0.8), (1, 0.9), (2, 0.85)]]
    runs += [_run("sigmoid", "standard", s, 0.5, loss=0.9) for s in (0, 1, 2)]
    tanh_row, sigmoid_row = summarise(runs)
    assert (tanh_row.label, sigmoid_row.label) == ("tanh, standard", "sigmoid, standard")
    assert tanh_row.mean_accuracy == pytest.approx(0.85)
    assert tanh_row.std_accuracy == pytest.approx(0.05)
    assert sigmoid_row.std_accuracy == 0.0 and sigmoid_row.train_losses == (0.9, 0.9, 0.9)
    np.testing.assert_allclose(tanh_row.speeds_at_init, [0.01, 0.1])


@pytest.mark.parametrize(
    ("bad", "error"), [([], ValueError), ("runs", TypeError), ([1], TypeError)]
)
def test_summarise_refuses_bad_input(bad, error):
    with pytest.raises(error, match="summarise"):
        summarise(bad)


def _row(accuracies):
    return Summary("tanh", "standard", 0.1, (0, 1, 2), accuracies, (0.2,) * 3, np.array([1.0, 2.0]))


def test_difference_is_clear_only_when_the_seeds_do_not_overlap():
    gap, clear = difference(_row((0.9, 0.95, 0.92)), _row((0.5, 0.6, 0.55)))
    assert gap == pytest.approx(0.373333, abs=1e-6) and clear
    assert difference(_row((0.5, 0.6, 0.55)), _row((0.9, 0.95, 0.92)))[1]  # either order
    assert not difference(_row((0.9, 0.95, 0.59)), _row((0.5, 0.6, 0.55)))[1]
    assert not difference(_row((0.9, 0.9, 0.9)), _row((0.9, 0.9, 0.9)))[1]
    with pytest.raises(TypeError, match="difference"):
        difference(_row((0.9, 0.9, 0.9)), 0.5)


def test_format_table_has_one_line_per_row_with_mean_spread_and_falloff():
    lines = format_table([_row((0.9, 0.95, 0.92)), _row((0.5, 0.6, 0.55))]).splitlines()
    assert len(lines) == 3 and "test accuracy" in lines[0] and "speed falloff" in lines[0]
    assert "0.923 ± 0.025" in lines[1] and "0.900–0.950" in lines[1]
    assert lines[1].rstrip().endswith("2.0")
    with pytest.raises(TypeError, match="format_table"):
        format_table([])


def test_speed_falloff():
    assert speed_falloff([0.07, 0.31]) == pytest.approx(0.31 / 0.07)
    assert speed_falloff(np.array([2.0, 1.0, 1.0])) == 0.5
    for bad in ([0.1], [0.0, 0.1], [math.nan, 0.1], [[0.1, 0.2]]):
        with pytest.raises(ValueError, match="speed_falloff"):
            speed_falloff(bad)


# ---- the interactive figures ------------------------------------------------------------


def test_activation_explorer_toggles_curves_and_reports_live_shares():
    w = activation_explorer()
    try:
        lines = {line.get_label(): line for line in w.figure.axes[0].get_lines()}
        assert lines["σ(x)"].get_visible() and not lines["ReLU(x)"].get_visible()
        w.sliders["relu"].value = True
        w.sliders["dsigma"].value = False
        assert lines["ReLU(x)"].get_visible() and not lines["σ'(x)"].get_visible()
        assert "ReLU = on" in w.readout.value and "σ' = off" in w.readout.value
        assert "σ' ≥ 0.01" not in w.readout.value
        w.sliders["x_range"].value = (-2.0, 2.0)
        assert "x range = −2.0 – 2.0" in w.readout.value
        assert "tanh' ≥ 0.01 on 100 % of the range" in w.readout.value
        assert tuple(w.figure.axes[0].get_xlim()) == (-2.0, 2.0)
        assert lines["tanh(x)"].get_xdata()[0] == -2.0
        numbers = w.update(x_range=(0.0, 10.0), sigma=True, dsigma=True, tanh=False,
                           dtanh=False, relu=False, drelu=True)  # fmt: skip
        assert numbers == ["σ' ≥ 0.01 on 46 % of the range", "ReLU' ≥ 0.01 on 100 % of the range"]
        no_derivative = dict.fromkeys(CURVES, False)
        assert w.update(x_range=(-1.0, 1.0), **no_derivative) == ["no derivative shown"]
    finally:
        plt.close(w.figure)


def test_activation_explorer_refuses_unknown_curves():
    with pytest.raises(ValueError, match="activation_explorer"):
        activation_explorer(shown=("sigma", "softplus"))


def test_expected_derivative_explorer_marks_the_slider_value():
    w = expected_derivative_explorer()
    try:
        w.sliders["v"].value = 4.0
        marks = next(line for line in w.figure.axes[0].get_lines() if line.get_marker() == "o")
        e_sigma, e_tanh = (
            expected_derivative(sigmoid_derivative, 4.0),
            expected_derivative(tanh_derivative, 4.0),
        )
        np.testing.assert_allclose(marks.get_ydata(), [e_sigma, e_tanh])
        assert w.readout.value == (
            f"v = 4.00; E[σ'(z)] = {e_sigma:.4f}; E[tanh'(z)] = {e_tanh:.4f}; "
            f"ratio = {e_tanh / e_sigma:.2f}"
        )
        assert w.update(v=0.0)[-1] == "ratio = 4.00"
    finally:
        plt.close(w.figure)
