"""plot_layer_curves: one labelled line per layer (used by layer_speeds_figure)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.plotting import new_figure, plot_layer_curves


@pytest.fixture
def axes():
    fig, ax = new_figure("t", "epoch", "mean", figsize=(3, 3))
    yield ax
    plt.close(fig)


def test_plot_layer_curves_draws_one_labelled_line_per_column(axes):
    values = np.array([[0.5, 0.5, 0.4], [0.5, 0.3, 0.2]])
    lines = plot_layer_curves(axes, [0, 1], values, name="layer", first=2)
    assert [ln.get_label() for ln in lines] == ["layer 2", "layer 3", "layer 4"]
    np.testing.assert_array_equal(lines[2].get_ydata(), [0.4, 0.2])
    assert axes.get_legend() is not None
    assert len({ln.get_color() for ln in lines}) == 3  # the style's cycle: distinct lines


def test_plot_layer_curves_rejects_mismatched_shapes(axes):
    with pytest.raises(ValueError, match="plot_layer_curves"):
        plot_layer_curves(axes, [0, 1, 2], np.ones((2, 3)))
