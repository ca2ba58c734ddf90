"""The curve figures of notebooks 01–02: centred axes, labelled curves, the classic σ/σ' plot."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import sigmoid, sigmoid_derivative
from helpers.plotting import curves_figure, set_centred_xlim, sigmoid_figure


@pytest.fixture
def classic():
    fig, ax, lines = sigmoid_figure((-6.0, 6.0), num=241)
    yield fig, ax, lines
    plt.close(fig)


def test_sigmoid_figure_draws_sigma_and_its_derivative(classic):
    _, ax, lines = classic
    assert sorted(lines) == ["σ'(z)", "σ(z)"]
    z = lines["σ(z)"].get_xdata()
    assert z[0] == -6.0 and z[-1] == 6.0 and len(z) == 241
    np.testing.assert_array_equal(lines["σ(z)"].get_ydata(), sigmoid(z))
    np.testing.assert_array_equal(lines["σ'(z)"].get_ydata(), sigmoid_derivative(z))
    assert ax.get_title() and ax.get_xlabel() == "z" and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["σ(z)", "σ'(z)"]


def test_sigmoid_figure_is_on_centred_axes_and_shows_both_asymptotes(classic):
    _, ax, lines = classic
    assert ax.spines["left"].get_position() == ("data", 0.0)
    assert ax.spines["bottom"].get_position() == ("data", 0.0)
    low, high = ax.get_ylim()
    assert low < 0.0 and high > 1.0  # both limits of σ are inside the plot
    levels = {float(line.get_ydata()[0]) for line in ax.lines if line not in lines.values()}
    assert levels == {0.0, 1.0}
    assert lines["σ(z)"].get_color() != lines["σ'(z)"].get_color()
    assert lines["σ(z)"].get_linestyle() != lines["σ'(z)"].get_linestyle()


def test_curves_figure_keeps_the_order_and_marks_animated_lines():
    z = np.linspace(-1.0, 1.0, 5)
    fig, ax, lines = curves_figure("t", z, {"a": z, "b": 2 * z, "c": -z}, animated=True)
    try:
        assert list(lines) == ["a", "b", "c"]
        assert all(line.get_animated() for line in lines.values())
        assert ax.get_legend().get_animated()
        np.testing.assert_array_equal(lines["b"].get_ydata(), 2 * z)
    finally:
        plt.close(fig)


@pytest.mark.parametrize(
    ("z", "curves", "match"),
    [
        (np.zeros((2, 2)), {"a": np.zeros((2, 2))}, "1-d z"),
        ([0.0], {"a": [0.0]}, "at least 2 points"),
        ([0.0, 1.0], {}, "at least one curve"),
        ([0.0, 1.0, 2.0], {"a": [0.0, 1.0]}, "curve 'a' has shape"),
    ],
)
def test_curves_figure_refuses_bad_input(z, curves, match):
    with pytest.raises(ValueError, match=f"curves_figure.*{match}"):
        curves_figure("t", z, curves)
    plt.close("all")


def test_set_centred_xlim_moves_the_vertical_axis_out_of_the_way(classic):
    _, ax, _ = classic
    set_centred_xlim(ax, 2.0, 10.0)
    assert tuple(ax.get_xlim()) == (2.0, 10.0)
    assert ax.spines["left"].get_position() == ("axes", 0.0)
    set_centred_xlim(ax, -10.0, -2.0)
    assert ax.spines["left"].get_position() == ("axes", 0.0)
    set_centred_xlim(ax, -1.0, 3.0)
    assert ax.spines["left"].get_position() == ("data", 0.0)


def test_set_centred_xlim_leaves_an_unchanged_figure_unstale(classic):
    fig, ax, _ = classic
    fig.canvas.draw()
    assert not fig.stale
    set_centred_xlim(ax, -6.0, 6.0)
    assert not fig.stale
    set_centred_xlim(ax, -5.0, 6.0)
    assert fig.stale


@pytest.mark.parametrize(("low", "high"), [(1.0, 1.0), (2.0, -2.0), (float("nan"), 1.0)])
def test_set_centred_xlim_refuses_an_empty_interval(classic, low, high):
    with pytest.raises(ValueError, match="set_centred_xlim"):
        set_centred_xlim(classic[1], low, high)
