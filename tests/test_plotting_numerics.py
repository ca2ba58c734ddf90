"""plot_ulp_errors (notebook 06): a line per formula, log scale, exact zeros at the floor."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.plotting import new_figure, plot_ulp_errors


@pytest.fixture
def ax():
    fig, axes = new_figure("t", "x", "y")
    yield axes
    plt.close(fig)


def test_one_line_per_formula_with_bin_maxima_and_a_floor(ax):
    z = np.linspace(-10, 10, 101)
    errors = {"exact": np.zeros(101), "bad": np.where(z > 0, 1e6, 1.0)}
    lines = plot_ulp_errors(ax, z, errors, dtype=np.float64, title="Errors", bins=10, floor=0.1)
    assert [line.get_label() for line in lines] == ["exact", "bad"]
    assert ax.get_yscale() == "log"
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("Errors", "z", "error (ULP)")
    np.testing.assert_array_equal(lines[0].get_ydata(), np.full(10, 0.1))
    bad = lines[1].get_ydata()
    assert bad[0] == 1.0 and bad[-1] == 1e6  # largest error of each bin
    assert len(lines[1].get_xdata()) == 10
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["exact", "bad"]


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_marks_the_total_loss_of_the_dtype_and_the_bound(ax, dtype):
    z = np.linspace(0, 1, 5)
    plot_ulp_errors(ax, z, {"a": np.ones(5)}, dtype=dtype, title="t", bins=2, bound=3)
    levels = sorted(
        line.get_ydata()[0] for line in ax.get_lines() if line.get_label().startswith("_")
    )
    assert levels == [3, 1 / np.finfo(dtype).eps]
    assert ax.get_ylim()[1] > 1 / np.finfo(dtype).eps


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"errors": {}}, "at least one"),
        ({"title": " "}, "non-empty title"),
        ({"floor": 0.0}, "floor > 0"),
        ({"dtype": np.int32}, "float16/32/64"),
        ({"errors": {"a": np.zeros(4)}}, "shape"),
    ],
)
def test_bad_arguments_are_value_errors(ax, kwargs, message):
    arguments = {"errors": {"a": np.zeros(5)}, "dtype": np.float64, "title": "t"} | kwargs
    with pytest.raises(ValueError, match=rf"^plot_ulp_errors\(\).*{message}"):
        plot_ulp_errors(ax, np.linspace(0, 1, 5), **arguments)
