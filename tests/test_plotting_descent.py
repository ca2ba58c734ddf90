"""The plotting helpers added for notebook 04: descent paths and per-layer curves."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.plotting import OKABE_ITO, draw_path, new_figure, plot_layer_curves


@pytest.fixture
def axes():
    fig, ax = new_figure("t", "w₁", "w₂", figsize=(3, 3))
    yield ax
    plt.close(fig)


def test_draw_path_draws_every_point_and_marks_the_start(axes):
    path = np.array([[0.0, 0.0], [0.5, 0.5], [1.0, -0.5]])
    line = draw_path(axes, path, label="per example", color=OKABE_ITO["blue"], linestyle="--")
    np.testing.assert_array_equal(line.get_xydata(), path)
    assert line.get_label() == "per example" and line.get_linestyle() == "--"
    assert line.get_marker() == "o"
    starts = [ln for ln in axes.get_lines() if ln.get_marker() == "s"]
    assert len(starts) == 1 and list(starts[0].get_xydata()[0]) == [0.0, 0.0]


@pytest.mark.parametrize(
    ("path", "label"), [(np.ones((3, 3)), "ok"), (np.ones((0, 2)), "ok"), ([[0, 0]], " ")]
)
def test_draw_path_rejects_bad_input(axes, path, label):
    with pytest.raises(ValueError, match="draw_path"):
        draw_path(axes, path, label=label, color="k")


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
