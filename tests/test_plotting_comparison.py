"""The comparison figures of notebook 05: mean and range, layer speeds, spread of seeds."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.plotting import new_figure, plot_layer_speeds, plot_mean_and_range, plot_spread


@pytest.fixture
def ax():
    fig, ax = new_figure("t", "x", "y")
    yield ax
    plt.close(fig)


def test_mean_and_range_draws_the_mean_and_a_band_from_min_to_max(ax):
    runs = np.array([[3.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 0.0, 4.0]])
    line = plot_mean_and_range(ax, [0, 1, 2], runs, label="a", color="#000000", linestyle="--")
    np.testing.assert_allclose(line.get_ydata(), [2.0, 1.0, 2.0])
    assert line.get_label() == "a" and line.get_linestyle() == "--"
    (band,) = ax.collections
    vertices = band.get_paths()[0].vertices
    assert vertices[:, 1].min() == 0.0 and vertices[:, 1].max() == 4.0


@pytest.mark.parametrize(
    ("x", "values"),
    [([0, 1], [1.0, 2.0]), ([0, 1, 2], [[1.0, 2.0]]), ([0, 1], np.empty((0, 2)))],
)
def test_mean_and_range_refuses_mismatched_shapes(ax, x, values):
    with pytest.raises(ValueError, match="plot_mean_and_range"):
        plot_mean_and_range(ax, x, values, label="a")


def test_mean_and_range_needs_a_label(ax):
    with pytest.raises(ValueError, match="label"):
        plot_mean_and_range(ax, [0, 1], [[1.0, 2.0]], label=" ")


def test_layer_speeds_one_line_per_label_on_a_log_scale(ax):
    lines = plot_layer_speeds(
        ax, {"sigmoid": [0.001, 0.01, 0.1], "tanh": [0.05, 0.06]}, styles={"tanh": {"color": "k"}}
    )
    assert list(lines) == ["sigmoid", "tanh"] and ax.get_yscale() == "log"
    np.testing.assert_array_equal(lines["sigmoid"].get_xdata(), [1, 2, 3])
    assert lines["tanh"].get_color() == "k" and lines["tanh"].get_marker() == "o"
    assert list(ax.get_xticks()) == [1, 2, 3]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None


@pytest.mark.parametrize("bad", [{}, {"a": [0.1, 0.0]}, {"a": [np.nan]}, {"a": []}])
def test_layer_speeds_refuses_what_a_log_scale_cannot_show(ax, bad):
    with pytest.raises(ValueError, match="plot_layer_speeds"):
        plot_layer_speeds(ax, bad)


def test_spread_puts_one_labelled_row_per_group_first_at_the_top(ax):
    plot_spread(ax, {"a": [0.8, 0.9], "b": [0.5, 0.6, 0.7]}, colors={"a": "#0072B2"})
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert [len(d.get_xdata()) for d in dots] == [2, 3]
    assert set(dots[0].get_ydata()) == {1.0} and set(dots[1].get_ydata()) == {0.0}
    means = [line for line in ax.get_lines() if line.get_marker() != "o"]
    assert [float(m.get_xdata()[0]) for m in means] == pytest.approx([0.85, 0.6])
    assert dots[0].get_color() == "#0072B2"


@pytest.mark.parametrize("bad", [{}, {"a": []}, {"a": [0.5, np.nan]}])
def test_spread_refuses_empty_or_non_finite_rows(ax, bad):
    with pytest.raises(ValueError, match="plot_spread"):
        plot_spread(ax, bad)
