"""The shared plotting style: palette, line styles, fonts, and figures that carry labels."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from helpers.plotting import LINESTYLES, OKABE_ITO, STYLE, centre_spines, new_figure, use_style


def test_style_uses_okabe_ito_with_distinct_line_styles():
    use_style()
    cycle = list(mpl.rcParams["axes.prop_cycle"])
    colours = [entry["color"] for entry in cycle]
    styles = [str(entry["linestyle"]) for entry in cycle]
    assert set(colours) <= set(OKABE_ITO.values())
    assert len(set(colours)) == len(colours) >= 5
    assert len(set(styles)) == len(styles)  # lines differ in grayscale too
    assert len(LINESTYLES) >= len(cycle)


def test_style_is_large_enough_to_project():
    use_style()
    assert mpl.rcParams["font.size"] >= 14
    assert mpl.rcParams["axes.titlesize"] >= 16
    assert mpl.rcParams["xtick.labelsize"] >= 12
    assert mpl.rcParams["lines.linewidth"] >= 2
    assert mpl.rcParams["figure.figsize"][0] == STYLE["figure.figsize"][0]


def test_new_figure_has_title_and_labels():
    fig, ax = new_figure("Title", "x label", "y label", figsize=(4, 3))
    try:
        assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("Title", "x label", "y label")
        assert tuple(fig.get_size_inches()) == (4, 3)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_new_figure_refuses_a_missing_label(blank):
    with pytest.raises(ValueError, match="new_figure"):
        new_figure("Title", blank, "y")


def test_centre_spines_puts_axes_through_origin():
    fig, ax = new_figure("t", "z", "σ(z)")
    try:
        centre_spines(ax)
        assert ax.spines["left"].get_position() == ("data", 0.0)
        assert ax.spines["bottom"].get_position() == ("data", 0.0)
        assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    finally:
        plt.close(fig)
