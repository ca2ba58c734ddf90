"""The interactive figures without a browser: sliders, update, readout, picture, alt text."""

from __future__ import annotations

import base64
import io
import pickle

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from helpers.plotting import OKABE_ITO, float_slider, interactive_figure, new_figure


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _full_drawing(fig) -> np.ndarray:
    """The figure as savefig draws it, from scratch, every artist in its place (drawn from a
    copy: savefig leaves a figure stale, which would cost the widget a full redraw)."""
    out = io.BytesIO()
    copy = pickle.loads(pickle.dumps(fig))
    copy.savefig(out, format="png")
    plt.close(copy)
    return _pixels(out.getvalue())


def _assert_same_picture(png: bytes, fig) -> None:
    # The same up to the 256 colours of the PNG, and up to the legend's frame, which the
    # widget keeps opaque over what moves (savefig blends it at 80 %).
    differs = np.abs(_pixels(png) - _full_drawing(fig)).max(axis=-1) > 40
    assert differs.mean() < 0.002, f"{differs.mean():.2%} of the pixels differ"


@pytest.fixture
def widget():
    fig, ax = new_figure("Lines of slope k", "z", "y", figsize=(4, 3))
    z = np.linspace(-1.0, 1.0, 50)
    ax.plot(z, z**2, color=OKABE_ITO["blue"], label="z²")
    (line,) = ax.plot(z, z, color=OKABE_ITO["vermillion"], label="kz", animated=True)
    ax.legend(loc="upper left")
    calls = []

    def update(k, z_range):
        calls.append((k, z_range))
        line.set_ydata(k * z)
        if ax.get_xlim() != z_range:  # set_xlim, even to the same limits, means a full redraw
            ax.set_xlim(*z_range)
        return [f"slope = {k:.2f}", "<b>"]

    w = interactive_figure(
        fig,
        update,
        k=float_slider("k", 1.0, -2.0, 2.0, 0.5),
        # any ipywidgets slider will do, e.g. one with two handles
        z_range=widgets.FloatRangeSlider(
            value=(-1.0, 1.0),
            min=-2.0,
            max=2.0,
            step=0.5,
            description="z range",
            readout_format=".1f",
        ),
    )
    yield w, line, calls
    plt.close(fig)


def test_sliders_have_the_requested_range_and_update_while_dragged():
    k = float_slider("k", 1.0, 0.25, 5.0, 0.25)
    assert (k.description, k.min, k.max, k.step, k.value) == ("k", 0.25, 5.0, 0.25, 1.0)
    assert k.continuous_update
    assert not float_slider("k", 1.0, 0.0, 2.0, 0.5, continuous_update=False).continuous_update


@pytest.mark.parametrize("args", [(1.0, 2.0, 1.0, 0.5), (3.0, 0.0, 2.0, 0.5), (1.0, 0.0, 2.0, 0.0)])
def test_float_slider_refuses_an_impossible_range(args):
    with pytest.raises(ValueError, match=r"float_slider\('k'\)"):
        float_slider("k", *args)


def test_moving_a_slider_runs_the_update_and_rewrites_readout_picture_and_alt_text(widget):
    w, line, calls = widget
    assert calls == [(1.0, (-1.0, 1.0))]  # drawn once at creation
    first = w.image.png
    w.sliders["k"].value = -1.5
    assert calls[-1] == (-1.5, (-1.0, 1.0))
    np.testing.assert_array_equal(line.get_ydata(), -1.5 * np.linspace(-1, 1, 50))
    # the slider values as the sliders show them (with "−"), then the update's text, escaped
    assert w.readout.value == "k = −1.50; z range = −1.0 – 1.0; slope = -1.50; &lt;b&gt;"
    assert w.image.png != first
    assert w.image.alt == (
        "Interactive figure: Lines of slope k, horizontal axis z, vertical axis y, "
        "curves: z², kz. "
        "k = −1.50; z range = −1.0 – 1.0; slope = -1.50; <b>"
    )


def test_the_widget_is_sliders_readout_and_the_figure_at_its_size(widget):
    w, _, _ = widget
    assert w.children == (w.sliders["k"], w.sliders["z_range"], w.readout, w.image)
    assert "sigmoid-readout" in w.readout._dom_classes
    assert (w.image.width, w.image.height) == (400, 300) == _pixels(w.image.png).shape[1::-1]
    assert w.figure.number not in plt.get_fignums()  # pyplot will not show it a second time


def test_a_change_redraws_what_moves_over_the_background_and_paints_the_same(widget):
    w, _, _ = widget
    redraws = w.full_redraws
    for k in (2.0, -0.5, 1.5):  # moves the animated line only
        w.sliders["k"].value = k
        assert w.full_redraws == redraws
        _assert_same_picture(w.image.png, w.figure)
    w.sliders["z_range"].value = (-2.0, 0.5)  # new axis limits: one full redraw
    assert w.full_redraws == redraws + 1
    _assert_same_picture(w.image.png, w.figure)


def test_without_animated_artists_every_line_is_redrawn_and_none_goes_stale():
    fig, ax = new_figure("t", "x", "y", figsize=(3, 2))
    (fixed,) = ax.plot([0, 1], [0, 1])
    (moved,) = ax.plot([0, 1], [1, 0])
    w = interactive_figure(
        fig, lambda v: moved.set_ydata([v, 0]) or "", v=float_slider("v", 1, 0, 2, 1)
    )
    try:
        assert fixed.get_animated() and moved.get_animated()
        w.sliders["v"].value = 2
        assert w.full_redraws == 1
        _assert_same_picture(w.image.png, fig)
    finally:
        plt.close(fig)


def test_the_picture_is_an_indexed_png_far_smaller_than_an_rgb_one(widget):
    w, _, _ = widget
    w.sliders["k"].value = 0.5
    picture = Image.open(io.BytesIO(w.image.png))
    assert picture.mode == "P"
    rgb = io.BytesIO()
    picture.convert("RGB").save(rgb, format="png", compress_level=3)
    assert len(w.image.png) < 0.5 * len(rgb.getvalue())


def test_a_colour_shown_later_gets_into_the_palette():
    fig, ax = new_figure("t", "x", "y", figsize=(3, 2))
    ax.plot([0, 1], [0, 1], color=OKABE_ITO["blue"], linewidth=8)
    (hidden,) = ax.plot([0, 1], [1, 0], color=OKABE_ITO["bluish_green"], linewidth=8)
    hidden.set_visible(False)

    def update(show):
        hidden.set_visible(show)
        return ""

    w = interactive_figure(fig, update, show=float_slider("show", 0, 0, 1, 1))
    try:
        w.sliders["show"].value = 1
        green = np.all(np.abs(_pixels(w.image.png) - (0x00, 0x9E, 0x73)) < 12, axis=-1)
        assert green.sum() > 200
    finally:
        plt.close(fig)


def test_the_saved_output_has_a_static_png_its_alt_text_and_the_readout(widget):
    w, _, _ = widget
    data, metadata = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert base64.b64decode(data["image/png"]) == w.image.png
    assert data["text/plain"] == "k = 1.00; z range = −1.0 – 1.0; slope = 1.00; <b>"
    assert metadata == {"image/png": {"alt": w.image.alt}}


def test_interactive_figure_refuses_bad_wiring():
    fig, ax = new_figure("t", "x", "y", figsize=(2, 1))
    k = float_slider("k", 1.0, 0.0, 2.0, 0.5)

    def update(k):
        return "ok"

    try:
        with pytest.raises(TypeError, match="needs a matplotlib Figure"):
            interactive_figure(ax, update, k=k)
        with pytest.raises(TypeError, match="needs a callable update"):
            interactive_figure(fig, "update", k=k)
        with pytest.raises(ValueError, match="1 to 3 sliders, got 0"):
            interactive_figure(fig, update)
        with pytest.raises(ValueError, match="1 to 3 sliders, got 4"):
            interactive_figure(fig, lambda **v: "", a=k, b=k, c=k, d=k)
        with pytest.raises(TypeError, match=r"slider 'k' is a float"):
            interactive_figure(fig, update, k=1.0)
        with pytest.raises(TypeError, match=r"sliders \['b'\] do not match .*update\(\)"):
            interactive_figure(fig, update, b=k)
        with pytest.raises(TypeError, match="must return a str or a list of str"):
            interactive_figure(fig, lambda k: [k], k=k)
        ax.set_ylabel("")
        with pytest.raises(ValueError, match="an axes without a y label"):
            interactive_figure(fig, update, k=k)
    finally:
        plt.close(fig)


def test_interactive_figure_refuses_a_figure_too_large_for_a_laptop_screen():
    fig, _ = new_figure("t", "x", "y", figsize=(7.6, 4.5))
    try:
        with pytest.raises(ValueError, match="760×450 pixels, more than 760×400"):
            interactive_figure(fig, lambda k: "", k=float_slider("k", 1.0, 0.0, 2.0, 0.5))
    finally:
        plt.close(fig)
