"""The shared plot style (helpers/sigmoid.mplstyle) and the figure each notebook starts with."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from helpers.plotting import OKABE_ITO, new_figure, use_style


@pytest.fixture
def styled():
    with mpl.rc_context():
        mpl.rcdefaults()
        use_style()
        yield mpl.rcParams


def test_use_style_applies_the_style_file_shipped_in_the_package(styled):
    from importlib.resources import as_file, files

    applied = dict(styled)
    with as_file(files("helpers").joinpath("sigmoid.mplstyle")) as path, mpl.rc_context():
        plt.style.use(path)
        assert dict(mpl.rcParams) == applied


def test_lines_cycle_through_okabe_ito_with_a_distinct_line_style_each(styled):
    cycle = list(styled["axes.prop_cycle"])
    colours = [mpl.colors.to_hex(entry["color"]).upper() for entry in cycle]
    styles = [str(entry["linestyle"]) for entry in cycle]
    assert set(colours) <= set(OKABE_ITO.values()) - {OKABE_ITO["black"], OKABE_ITO["yellow"]}
    assert len(set(colours)) == len(colours) >= 5
    assert len(set(styles)) == len(styles)  # the lines differ in grayscale too


def test_text_and_lines_are_large_enough_to_project(styled):
    assert styled["font.size"] >= 14 and styled["axes.titlesize"] >= 16
    assert styled["xtick.labelsize"] >= 12 and styled["legend.fontsize"] >= 12
    assert styled["lines.linewidth"] >= 2
    assert styled["figure.figsize"][0] <= 9  # static figures fit the notebook's width


def test_new_figure_has_title_and_labels_in_the_style(styled):
    fig, ax = new_figure("Title", "x label", "y label", figsize=(4, 3))
    try:
        assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("Title", "x label", "y label")
        assert tuple(fig.get_size_inches()) == (4, 3)
        assert ax.title.get_fontsize() == styled["axes.titlesize"]
    finally:
        plt.close(fig)


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_new_figure_refuses_a_missing_label(blank):
    with pytest.raises(ValueError, match=r"new_figure\(\) needs a non-empty xlabel"):
        new_figure("Title", blank, "y")


def test_figure_description_names_titles_axes_and_curves():
    import matplotlib.pyplot as plt

    from helpers.plotting import _figure_description, new_figure

    fig, ax = new_figure("Sigmoid and derivative", "z", "value")
    ax.plot([0, 1], [0, 1], label="σ(z)")
    ax.plot([0, 1], [1, 0], label="σ'(z)")
    ax.legend()
    text = _figure_description(fig)
    plt.close(fig)
    assert text == (
        "Sigmoid and derivative, horizontal axis z, vertical axis value, curves: σ(z), σ'(z)."
    )
