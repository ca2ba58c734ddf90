"""The figures of notebook 03: saturation shading, the chain product, layer speeds."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import sigmoid_derivative
from helpers.plotting import chain_figure, layer_speeds_figure, saturation_figure


@pytest.fixture
def close_figures():
    yield
    plt.close("all")


@pytest.mark.usefixtures("close_figures")
@pytest.mark.parametrize("threshold", [0.001, 0.01, 0.1, 0.2])
def test_saturation_shading_starts_where_the_derivative_falls_below_c(threshold):
    _fig, ax, update = saturation_figure(threshold, z_range=(-10.0, 10.0))
    numbers = update(threshold)
    z_c = float(numbers[0].rsplit(" ", 1)[1])
    assert sigmoid_derivative(z_c + 2e-3) < threshold < sigmoid_derivative(z_c - 2e-3)
    assert float(numbers[1].rsplit(" ", 1)[1]) == pytest.approx(2 * z_c, abs=0.011)
    left, right = (p for p in ax.patches if p.get_alpha() == 0.15)
    assert left.get_x() == -10.0 and left.get_x() + left.get_width() == pytest.approx(-z_c, 1e-3)
    assert right.get_x() == pytest.approx(z_c, 1e-3)
    assert right.get_x() + right.get_width() == pytest.approx(10.0)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


@pytest.mark.usefixtures("close_figures")
def test_saturation_update_moves_the_shading_and_refuses_bad_levels():
    _fig, ax, update = saturation_figure(0.01)
    right = [p for p in ax.patches if p.get_alpha() == 0.15][1]
    before = right.get_x()
    assert update(0.1)[0] == "σ' < c for |z| > 2.063"  # references.md: 2.0634371
    assert right.get_x() < before
    assert update(0.01)[0] == "σ' < c for |z| > 4.585"  # references.md: 4.5848633
    for bad in (0.0, 0.25, -0.1, float("nan")):
        with pytest.raises(ValueError, match="saturation_figure"):
            update(bad)


@pytest.mark.usefixtures("close_figures")
def test_chain_products_match_the_bound_and_a_direct_computation():
    _fig, ax, update = chain_figure(max_depth=30)
    assert update(10, 1.0)[0] == "(|w|/4)ⁿ = 9.54e−07"  # references.md: 4^-10 ≈ 9.54e-7
    best, zero_bias = ax.get_lines()[1:3]
    np.testing.assert_allclose(best.get_ydata(), 0.25 ** np.arange(1, 11))
    a, product = 1.0, 1.0
    for _ in range(10):  # a chain of 10 neurons, weight 1, biases 0, input 1
        z = 1.0 * a
        product *= 1.0 * float(sigmoid_derivative(z))
        a = 1 / (1 + math.exp(-z))
    assert zero_bias.get_ydata()[-1] == pytest.approx(product, rel=1e-12)
    assert np.all(zero_bias.get_ydata() <= best.get_ydata() * (1 + 1e-12))  # never above the bound
    assert update(10, 6.0)[0] == "(|w|/4)ⁿ = 5.77e+01"  # 1.5^10: |w| > 4 explodes
    assert update(10, 4.0)[0] == "(|w|/4)ⁿ = 1.00e+00"
    assert len(best.get_xdata()) == 10
    for depth, weight in ((0, 1.0), (31, 1.0), (5, 0.0), (5, math.inf)):
        with pytest.raises(ValueError, match="chain_figure"):
            update(depth, weight)


@pytest.mark.usefixtures("close_figures")
def test_layer_speeds_figure_draws_one_line_and_band_per_layer():
    speeds = np.array([[0.01, 0.1], [0.02, 0.2], [0.03, 0.1]])
    _fig, ax = layer_speeds_figure(
        [0, 1, 2], speeds, "Speeds", low=speeds / 2, high=speeds * 2, figsize=(4, 3)
    )
    assert ax.get_yscale() == "log" and ax.get_title() == "Speeds"
    assert [line.get_label() for line in ax.get_lines()] == ["hidden layer 1", "hidden layer 2"]
    np.testing.assert_array_equal(ax.get_lines()[1].get_ydata(), [0.1, 0.2, 0.1])
    assert len(ax.collections) == 2


@pytest.mark.usefixtures("close_figures")
@pytest.mark.parametrize(
    ("epochs", "speeds", "extra"),
    [
        ([0, 1], [0.1, 0.2], {}),
        ([0, 1, 2], [[0.1], [0.2]], {}),
        ([0, 1], [[0.1], [0.0]], {}),
        ([0, 1], [[0.1], [0.2]], {"low": [[0.1], [0.1]]}),
        ([0, 1], [[0.1], [0.2]], {"low": [[0.1]], "high": [[0.1]]}),
    ],
)
def test_layer_speeds_figure_refuses_bad_shapes(epochs, speeds, extra):
    with pytest.raises(ValueError, match="layer_speeds_figure"):
        layer_speeds_figure(epochs, speeds, "t", **extra)
