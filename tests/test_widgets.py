"""The interactive figures, without a browser: sliders, update functions, readout and image."""

from __future__ import annotations

import base64
import io

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from helpers import sigmoid, sigmoid_derivative
from helpers.plotting import new_figure
from helpers.widgets import (
    READOUT_CLASS,
    figure_png,
    float_slider,
    format_number,
    interactive_figure,
    range_slider,
    slider_text,
    steepness_explorer,
    tangent_explorer,
    z_grid,
)


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.fixture
def line_widget():
    fig, ax = new_figure("A line", "z", "y", figsize=(3, 2))
    z = np.linspace(-1.0, 1.0, 5)
    (line,) = ax.plot(z, z, animated=True)
    calls = []

    def update(k, z_range):
        calls.append((k, z_range))
        line.set_ydata(k * z)
        ax.set_xlim(*z_range)
        return [f"slope = {k:.2f}", "<b>"]

    w = interactive_figure(
        fig,
        update,
        k=float_slider("k", 1.0, -2.0, 2.0, 0.5),
        z_range=range_slider(value=(-1.0, 1.0), limits=(-2.0, 2.0)),
    )
    yield w, line, calls
    plt.close(fig)


def test_format_number_uses_the_sliders_minus_sign():
    assert format_number(-1.5) == "−1.50"
    assert format_number(2.0, ".1f") == "2.0"
    assert "-" not in format_number(-0.001, ".4f")


def test_slider_text_matches_the_slider_readout_format():
    assert slider_text(float_slider("z₀", -1.5, -6.0, 6.0, 0.05)) == "z₀ = −1.50"
    assert slider_text(float_slider("k", 2, 0, 5, 1, readout_format=".0f")) == "k = 2"
    assert slider_text(range_slider(value=(-6.0, 2.5))) == "z range = −6.0 – 2.5"


def test_sliders_have_the_requested_range_and_update_continuously():
    r = range_slider()
    assert (r.value, r.min, r.max, r.step) == ((-6.0, 6.0), -20.0, 20.0, 0.5)
    k = float_slider("k", 1.0, 0.25, 5.0, 0.25)
    assert (k.min, k.max, k.step, k.value) == (0.25, 5.0, 0.25, 1.0)
    assert r.continuous_update and k.continuous_update
    assert not float_slider("k", 1.0, 0.0, 2.0, 0.5, continuous_update=False).continuous_update


@pytest.mark.parametrize("args", [(1.0, 2.0, 1.0, 0.5), (3.0, 0.0, 2.0, 0.5), (1.0, 0.0, 2.0, 0.0)])
def test_float_slider_refuses_an_impossible_range(args):
    with pytest.raises(ValueError, match=r"float_slider\('k'\)"):
        float_slider("k", *args)


@pytest.mark.parametrize(
    ("value", "limits"), [((2.0, 1.0), (-5.0, 5.0)), ((-6.0, 6.0), (-5.0, 5.0)), ((0, 1), (1, 0))]
)
def test_range_slider_refuses_an_impossible_interval(value, limits):
    with pytest.raises(ValueError, match="range_slider"):
        range_slider(value=value, limits=limits)


def test_z_grid_spans_the_interval_and_widens_an_empty_one():
    z = z_grid((-6.0, 6.0))
    assert (z[0], z[-1], len(z)) == (-6.0, 6.0, 601)
    z = z_grid((3.0, 3.0), 11)
    assert z[0] < 3.0 < z[-1] and np.all(np.diff(z) > 0)


def test_figure_png_is_the_agg_drawing_including_animated_artists():
    fig, ax = new_figure("t", "x", "y", figsize=(2, 1.5))
    ax.plot([0, 1], [0, 1], animated=True, color="#D55E00", linewidth=8)
    try:
        png = figure_png(fig)
        pixels = _pixels(png)
        assert pixels.shape == (150, 200, 3)
        np.testing.assert_array_equal(pixels, np.asarray(fig.canvas.buffer_rgba())[..., :3])
        vermillion = np.all(np.abs(pixels.astype(int) - (0xD5, 0x5E, 0x00)) < 8, axis=-1)
        assert vermillion.sum() > 100  # the animated line is in the picture
    finally:
        plt.close(fig)


def test_moving_a_slider_calls_the_update_and_rewrites_readout_and_image(line_widget):
    w, line, calls = line_widget
    assert calls == [(1.0, (-1.0, 1.0))]  # drawn once at creation
    first = w.image.value
    w.sliders["k"].value = -1.5
    assert calls[-1] == (-1.5, (-1.0, 1.0))
    np.testing.assert_array_equal(line.get_ydata(), -1.5 * np.linspace(-1, 1, 5))
    # the slider values as the sliders show them, then the update's own text, escaped
    assert w.readout.value == "k = −1.50; z range = −1.0 – 1.0; slope = -1.50; &lt;b&gt;"
    assert w.image.value != first and bytes(w.image.value).startswith(b"\x89PNG")


def test_the_fast_redraw_paints_what_a_full_redraw_paints(line_widget):
    w, _, _ = line_widget
    for change in ({"k": 2.0}, {"z_range": (-2.0, 0.5)}, {"k": -0.5}):
        ((name, value),) = change.items()
        w.sliders[name].value = value
        np.testing.assert_array_equal(_pixels(w.image.value), _pixels(figure_png(w.figure)))


def test_the_widget_holds_sliders_readout_and_a_fixed_size_image(line_widget):
    w, _, _ = line_widget
    assert w.children == (w.sliders["k"], w.sliders["z_range"], w.readout, w.image)
    assert READOUT_CLASS in w.readout._dom_classes
    assert (w.image.layout.width, w.image.layout.height) == ("300px", "200px")
    assert w.figure.number not in plt.get_fignums()  # pyplot will not show it again


def test_the_display_bundle_carries_a_static_png_for_readers_without_a_kernel(line_widget):
    w, _, _ = line_widget
    bundle = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == w.image.value


def test_interactive_figure_refuses_bad_wiring():
    fig, ax = new_figure("t", "x", "y", figsize=(2, 1))

    def update(k):
        return "ok"

    k = float_slider("k", 1.0, 0.0, 2.0, 0.5)
    try:
        with pytest.raises(TypeError, match="needs a matplotlib Figure"):
            interactive_figure(ax, update, k=k)
        with pytest.raises(TypeError, match="needs a callable update"):
            interactive_figure(fig, "update", k=k)
        with pytest.raises(ValueError, match="at least one slider"):
            interactive_figure(fig, update)
        with pytest.raises(TypeError, match=r"slider 'k' is a float"):
            interactive_figure(fig, update, k=1.0)
        with pytest.raises(TypeError, match=r"sliders \['b'\] do not match .*update\(\)"):
            interactive_figure(fig, update, b=k)
        with pytest.raises(TypeError, match="must return a str or a list of str"):
            interactive_figure(fig, lambda k: [k], k=k)
    finally:
        plt.close(fig)


def test_steepness_explorer_draws_sigma_of_kz_plus_b():
    w = steepness_explorer()
    try:
        assert set(w.sliders) == {"z_range", "k", "b"}
        assert isinstance(w.sliders["z_range"], widgets.FloatRangeSlider)
        w.sliders["k"].value, w.sliders["b"].value = 2.0, 3.0
        line = w.figure.axes[0].lines[0]
        z = line.get_xdata()
        np.testing.assert_array_equal(line.get_ydata(), sigmoid(2.0 * z + 3.0))
        assert "k = 2.00; b = 3.00" in w.readout.value
        assert "z = −b/k = −1.50" in w.readout.value and "k/4 = 0.50" in w.readout.value
        w.sliders["z_range"].value = (-20.0, 20.0)
        assert tuple(w.figure.axes[0].get_xlim()) == (-20.0, 20.0)
    finally:
        plt.close(w.figure)


def test_tangent_explorer_draws_the_tangent_with_slope_sigma_prime():
    w = tangent_explorer()
    try:
        w.sliders["z0"].value = -2.0
        assert w.readout.value.startswith("z₀ = −2.00; z range = −6.0 – 6.0; ")
        s, ds = float(sigmoid(-2.0)), float(sigmoid_derivative(-2.0))
        assert f"σ(z₀) = {s:.4f}; σ'(z₀) = {ds:.4f}" in w.readout.value
        tangent = next(x for x in w.figure.axes[0].lines if x.get_label() == "tangent at z₀")
        zt, yt = (np.asarray(v, dtype=float) for v in tangent.get_data())
        assert zt[0] < -2.0 < zt[1]
        np.testing.assert_allclose(np.diff(yt) / np.diff(zt), ds, rtol=1e-12)
        np.testing.assert_allclose(np.interp(-2.0, zt, yt), s, rtol=1e-12)
        assert w.update(z0=0.0, z_range=(-6.0, 6.0)) == ["σ(z₀) = 0.5000", "σ'(z₀) = 0.2500"]
    finally:
        plt.close(w.figure)


def _assert_same_picture(png: bytes, expected: bytes) -> None:
    difference = np.abs(_pixels(png).astype(int) - _pixels(expected).astype(int))
    assert difference.max() <= 2, f"differs by up to {difference.max()}"


def test_a_legend_is_laid_over_from_a_cached_picture_while_it_stays_the_same():
    w = tangent_explorer()
    try:
        legend = w.figure.axes[0].get_legend()
        for z0 in (-5.0, -3.0, 0.5, 2.0):  # the tangent passes under the legend
            w.sliders["z0"].value = z0
            assert w._legend_layer[0] is legend and w._legend_layer[2] is not None
            _assert_same_picture(w.image.value, figure_png(w.figure))
        # a new legend is drawn anew: its picture is not the old one's
        from helpers.plotting import animated_legend

        ax = w.figure.axes[0]
        new = animated_legend(ax, handles=ax.get_lines()[:1], loc="upper left")
        w.refresh()
        assert w._legend_layer[0] is new
        _assert_same_picture(w.image.value, figure_png(w.figure))
    finally:
        plt.close(w.figure)


def _saturation_widget():
    from helpers.plotting import saturation_figure

    fig, _, update = saturation_figure(0.01, z_range=(-10.0, 10.0))
    threshold = float_slider("c", 0.01, 0.001, 0.24, 0.001, readout_format=".3f")
    return interactive_figure(fig, update, threshold=threshold)


def _chain_widget():
    from helpers.plotting import chain_figure

    fig, _, update = chain_figure(depth=10, weight=1.0, max_depth=30)
    depth = float_slider("n", 10, 1, 30, 1, readout_format=".0f")
    weight = float_slider("w", 1.0, 0.1, 8.0, 0.1, readout_format=".1f")
    return interactive_figure(fig, update, depth=depth, weight=weight)


def _zigzag_widget():
    from helpers.descent import zigzag_explorer

    return zigzag_explorer(seed=4)


def _activation_widget():
    from helpers.experiments import activation_explorer

    return activation_explorer()


def _expected_derivative_widget():
    from helpers.experiments import expected_derivative_explorer

    return expected_derivative_explorer()


# Each interactive figure of the notebooks, with slider changes that move only what the figure
# draws over its axes: none of them needs more than the first full redraw.
BLITTED_CHANGES = {
    "steepness (01)": (steepness_explorer, [("k", 2.5), ("b", -1.0)]),
    "tangent (02)": (tangent_explorer, [("z0", -2.0), ("z0", 4.5)]),
    "saturation (03)": (_saturation_widget, [("threshold", 0.1), ("threshold", 0.2)]),
    "chain (03)": (_chain_widget, [("depth", 25), ("weight", 6.0), ("depth", 3)]),
    "zigzag (04)": (
        _zigzag_widget,
        [("learning_rate", 3.0), ("offset", 0.2), ("angle", 30.0), ("learning_rate", 0.5)],
    ),
    "activation (05)": (
        _activation_widget,
        [
            ("relu", True),
            ("sigma", False),
            ("dsigma", False),
            ("tanh", False),
            ("dtanh", False),
            ("relu", False),
            ("sigma", True),
        ],
    ),
    "expected derivative (05)": (_expected_derivative_widget, [("v", 16.0), ("v", 0.0)]),
}


@pytest.mark.parametrize("name", list(BLITTED_CHANGES))
def test_moving_a_plot_slider_redraws_only_the_animated_artists(name):
    make, changes = BLITTED_CHANGES[name]
    w = make()
    try:
        w.refresh()  # the layout engine is off from here on
        redraws = w.full_redraws
        for key, value in changes:
            w.sliders[key].value = value
            assert w.full_redraws == redraws, f"{key} = {value} redrew the whole figure"
            assert not w.figure.stale
            # and what the blitting paints is what a full draw of the figure paints, up to
            # the rounding of the legend's cached picture laid over it
            _assert_same_picture(w.image.value, figure_png(w.figure))
    finally:
        plt.close(w.figure)


def test_a_change_of_the_axis_limits_redraws_the_whole_figure():
    w = _activation_widget()
    try:
        w.refresh()
        redraws = w.full_redraws
        w.sliders["x_range"].value = (-3.0, 8.0)
        assert w.full_redraws == redraws + 1
        _assert_same_picture(w.image.value, figure_png(w.figure))
        w.sliders["relu"].value = True
        assert w.full_redraws == redraws + 1
    finally:
        plt.close(w.figure)


def test_the_explorers_look_as_before_the_blitting():
    """Drawing the moving artists last keeps each figure's picture: only the grid lines
    and axes that a full draw puts over a moving artist end up under it."""
    for make, changes in BLITTED_CHANGES.values():
        w = make()
        try:
            for key, value in changes:
                w.sliders[key].value = value
            blitted = _pixels(w.image.value).astype(int)
            for artist in w.figure.findobj():
                artist.set_animated(False)
            plain = _pixels(figure_png(w.figure)).astype(int)
            differs = np.any(np.abs(blitted - plain) > 24, axis=-1)
            assert differs.mean() < 0.01, (make, differs.mean())
        finally:
            plt.close(w.figure)
