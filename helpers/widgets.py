"""Sliders wired to a figure and a one-line readout: the interactive figures of the collection.

Introduced in ``notebooks/01_sigmoid.ipynb`` and reused by the later notebooks.

An interactive figure is three things (see :func:`interactive_figure`):

* sliders, made with :func:`float_slider` and :func:`range_slider`;
* a plain **update function** of the slider values: it moves the figure's lines (``set_data``)
  and returns the key numbers the figure shows, e.g. ``["σ(z₀) = 0.8176"]``. It needs no
  browser, so the tests call it directly;
* a matplotlib figure, drawn with the Agg renderer to a PNG in an ``ipywidgets.Image`` of fixed
  size. A change redraws that image in place and rewrites the readout, an ``ipywidgets.HTML``
  with the CSS class ``sigmoid-readout`` that reads ``z₀ = 1.50; σ(z₀) = 0.8176`` — slider
  values formatted as the sliders show them. No output area is cleared, so the plot never
  collapses or blanks while it updates.

Make the artists that move ``animated=True`` (``curves_figure(..., animated=True)`` does it
for curves and legend; :func:`helpers.plotting.animate` marks given artists and everything
drawn over them; :func:`helpers.plotting.animated_legend` replaces a legend): a change that
moves only those is drawn over a cached background (an unchanged legend from a cached
picture of it), about 6 ms per update here, kernel side, against about 28 ms for a full
redraw (needed when e.g. the axis limits change) and about 75 ms for a new inline figure.
``SliderFigure.full_redraws`` counts the full redraws.

Displayed in a notebook, the widget also leaves a static PNG of its figure in the saved
output, for readers without a kernel (GitHub, nbviewer, an HTML export).
"""

from __future__ import annotations

import base64
import html
import inspect
import struct
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from helpers.activations import sigmoid, sigmoid_derivative
from helpers.plotting import OKABE_ITO, curves_figure, set_centred_xlim, sigmoid_figure

__all__ = [
    "READOUT_CLASS",
    "SliderFigure",
    "figure_png",
    "float_slider",
    "format_number",
    "interactive_figure",
    "range_slider",
    "slider_text",
    "steepness_explorer",
    "tangent_explorer",
    "z_grid",
]

READOUT_CLASS = "sigmoid-readout"
_MINUS = "\u2212"  # what the sliders' own readouts (d3-format) print for a minus sign
_SLIDER_LAYOUT = {"width": "520px"}
_SLIDER_STYLE = {"description_width": "6em"}

UpdateFunction = Callable[..., str | Sequence[str]]


def format_number(value: float, fmt: str = ".2f") -> str:
    """Format a number as a slider's readout shows it: ``fmt``, and "−" (U+2212) for minus.

    Examples
    --------
    >>> from helpers.widgets import format_number
    >>> format_number(-1.5), format_number(0.25, ".3f")
    ('−1.50', '0.250')
    """
    return format(value, fmt).replace("-", _MINUS)


def float_slider(
    name: str,
    value: float,
    low: float,
    high: float,
    step: float,
    *,
    readout_format: str = ".2f",
    continuous_update: bool = True,
) -> widgets.FloatSlider:
    """A slider for one number, in the collection's layout.

    ``continuous_update`` is on by default: the figures of :func:`interactive_figure` redraw
    in about 5–15 ms (30 ms when the axes change), fast enough to follow a drag.

    Raises
    ------
    ValueError
        If ``low < high`` fails, ``step`` is not positive, or ``value`` is outside.

    Examples
    --------
    >>> from helpers.widgets import float_slider
    >>> k = float_slider("k", 1.0, 0.25, 5.0, 0.25)
    >>> k.description, k.value, k.continuous_update
    ('k', 1.0, True)
    """
    if not (low < high and step > 0 and low <= value <= high):
        raise ValueError(
            f"float_slider({name!r}) needs low < high, step > 0 and low <= value <= high, "
            f"got value={value}, low={low}, high={high}, step={step}"
        )
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=name,
        readout_format=readout_format,
        continuous_update=continuous_update,
        layout=_SLIDER_LAYOUT,
        style=_SLIDER_STYLE,
    )


def range_slider(
    name: str = "z range",
    value: tuple[float, float] = (-6.0, 6.0),
    limits: tuple[float, float] = (-20.0, 20.0),
    step: float = 0.5,
    *,
    readout_format: str = ".1f",
    continuous_update: bool = True,
) -> widgets.FloatRangeSlider:
    """A slider with two handles for the input interval of a plot.

    The default interval [−6, 6] shows the S shape; the limits [−20, 20] let the reader
    widen it until the curve is flat (saturated) on both sides.

    Raises
    ------
    ValueError
        If the interval or the limits are empty, or the interval is outside the limits.

    Examples
    --------
    >>> from helpers.widgets import range_slider
    >>> r = range_slider()
    >>> r.value, (r.min, r.max)
    ((-6.0, 6.0), (-20.0, 20.0))
    """
    (low, high), (lowest, highest) = value, limits
    if not (lowest < highest and step > 0 and lowest <= low < high <= highest):
        raise ValueError(
            f"range_slider({name!r}) needs limits[0] <= value[0] < value[1] <= limits[1] "
            f"and step > 0, got value={value}, limits={limits}, step={step}"
        )
    return widgets.FloatRangeSlider(
        value=(low, high),
        min=lowest,
        max=highest,
        step=step,
        description=name,
        readout_format=readout_format,
        continuous_update=continuous_update,
        layout=_SLIDER_LAYOUT,
        style=_SLIDER_STYLE,
    )


def slider_text(slider: widgets.FloatSlider | widgets.FloatRangeSlider) -> str:
    """``name = value`` as the slider's own readout shows the value.

    Examples
    --------
    >>> from helpers.widgets import float_slider, range_slider, slider_text
    >>> slider_text(float_slider("z₀", 1.5, -6.0, 6.0, 0.05))
    'z₀ = 1.50'
    >>> slider_text(range_slider())
    'z range = −6.0 – 6.0'
    >>> import ipywidgets as widgets
    >>> slider_text(widgets.ToggleButton(value=True, description="tanh"))  # an on/off toggle
    'tanh = on'
    """
    if isinstance(slider.value, bool):  # a toggle button or check box: "name = on/off"
        return f"{slider.description} = {'on' if slider.value else 'off'}"
    fmt = slider.readout_format
    value = slider.value
    if isinstance(value, tuple):
        shown = " – ".join(format_number(v, fmt) for v in value)
    else:
        shown = format_number(value, fmt)
    return f"{slider.description} = {shown}"


def z_grid(z_range: tuple[float, float], num: int = 601) -> np.ndarray:
    """Evenly spaced points over ``z_range``; an empty interval is widened to 0.1.

    A range slider can put both handles on the same value; the plot then shows a narrow
    interval around it instead of failing.

    Examples
    --------
    >>> from helpers.widgets import z_grid
    >>> z_grid((-1.0, 1.0), 5)
    array([-1. , -0.5,  0. ,  0.5,  1. ])
    >>> [float(v) for v in z_grid((2.0, 2.0), 3)]
    [1.95, 2.0, 2.05]
    """
    low, high = (float(v) for v in z_range)
    if high - low < 0.1:
        mid = (low + high) / 2
        low, high = mid - 0.05, mid + 0.05
    return np.linspace(low, high, num)


def _encode_png(rgba: np.ndarray) -> bytes:
    """Encode an RGBA image as an RGB PNG: no row filter, zlib level 1 (about 4 ms here).

    That is about half of what Pillow takes for the same, and the file is the same size.
    """
    height, width = rgba.shape[:2]
    raw = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    raw[:, 0] = 0  # filter type "None" for every row
    raw[:, 1:] = rgba[:, :, :3].reshape(height, 3 * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))
        + chunk(b"IEND", b"")
    )


def _animated_artists(fig: Figure) -> list[Artist]:
    """The artists a full draw leaves out (``animated=True``), in drawing order."""
    found = [a for ax in fig.axes for a in ax.get_children() if a.get_animated()]
    return sorted(found, key=lambda a: a.get_zorder())


def _agg_canvas(fig: Figure) -> FigureCanvasAgg:
    return fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)


def figure_png(fig: Figure) -> bytes:
    """Draw a figure with matplotlib's Agg renderer and return it as PNG bytes, quickly.

    Artists marked ``animated=True`` are drawn too (a plain ``canvas.draw()`` skips them).

    Examples
    --------
    >>> from helpers.plotting import new_figure
    >>> from helpers.widgets import figure_png
    >>> fig, ax = new_figure("t", "x", "y", figsize=(2, 1))
    >>> figure_png(fig)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    canvas = _agg_canvas(fig)
    canvas.draw()
    for artist in _animated_artists(fig):
        fig.draw_artist(artist)
    fig.stale = False  # all drawn (an animated legend marks its frame stale as it is drawn)
    return _encode_png(np.asarray(canvas.buffer_rgba()))


class SliderFigure(widgets.VBox):
    """Sliders, a one-line readout and a figure redrawn by an update function.

    Make one with :func:`interactive_figure`. Attributes: ``figure``, ``sliders`` (dict by
    keyword), ``update`` (the plain function), ``readout`` (``ipywidgets.HTML``) and ``image``
    (``ipywidgets.Image``). ``refresh()`` runs the update for the current slider values.

    Redrawing is fast when the update only moves artists created with ``animated=True``
    (lines, points, the legend): the rest of the figure (axes, ticks, labels, grid) is kept
    as a background image and only the moving artists are drawn over it, about 6 ms in
    all here. Anything else that changes (e.g. the axis limits) makes the figure stale and
    triggers a full redraw, about 25 ms; ``full_redraws`` counts them (the first included).
    """

    def __init__(
        self, figure: Figure, update: UpdateFunction, sliders: Mapping[str, widgets.ValueWidget]
    ) -> None:
        self.figure = figure
        self.update = update
        self.sliders = dict(sliders)
        self.readout = widgets.HTML()
        self.readout.add_class(READOUT_CLASS)
        width, height = figure.canvas.get_width_height()
        self.image = widgets.Image(
            format="png", layout={"width": f"{width}px", "height": f"{height}px"}
        )
        super().__init__(children=[*self.sliders.values(), self.readout, self.image])
        plt.close(figure)  # the widget shows it: pyplot must not show it a second time
        self._canvas = FigureCanvasAgg(figure)
        self._background = None
        self._legend_layer: tuple[Legend | None, tuple, tuple | None] = (None, (), None)
        self.full_redraws = 0
        self.refresh()
        # Lay the figure out once (constrained layout), then keep that layout: a redraw
        # without the layout engine is faster, and the axes do not jump as ticks change.
        figure.set_layout_engine("none")
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")

    def values(self) -> dict[str, Any]:
        """The current slider values, by the update function's keyword names."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def refresh(self) -> None:
        """Call the update function with the slider values, then redraw and rewrite."""
        numbers = self.update(**self.values())
        if isinstance(numbers, str):
            numbers = [numbers]
        if not all(isinstance(n, str) for n in numbers):
            raise TypeError(
                f"interactive_figure(): the update function must return a str or a list of "
                f"str, got {numbers!r}"
            )
        parts = [slider_text(s) for s in self.sliders.values()] + list(numbers)
        self.readout.value = html.escape("; ".join(parts), quote=False)
        self.image.value = self._render()

    def _render(self) -> bytes:
        if self._background is None or self.figure.stale:
            self._canvas.draw()  # everything but the animated artists
            self.full_redraws += 1
            self._background = self._canvas.copy_from_bbox(self.figure.bbox)
        else:
            self._canvas.restore_region(self._background)
        for artist in _animated_artists(self.figure):
            if isinstance(artist, Legend) and artist.get_visible():
                self._paste_legend(artist)
            else:
                self.figure.draw_artist(artist)
        # Drawing an animated legend marks its frame stale, though the canvas now shows
        # everything as it is: only a change made by the next update should count.
        self.figure.stale = False
        return _encode_png(np.asarray(self._canvas.buffer_rgba()))

    def _paste_legend(self, legend: Legend) -> None:
        """Draw an animated legend from a cached picture of it, over what is drawn so far.

        Laying out and drawing a legend's text takes about 4 ms, most of an update. A
        legend's content is fixed when it is made (a new one replaces it, see
        :func:`helpers.plotting.animated_legend`), so it is drawn once on a transparent
        layer, at its place, and then laid over the canvas, "source over" as Agg blends:
        the same picture, up to rounding, where it covers moving artists. (A legend
        drawn once only, e.g. one replaced at each update, is drawn directly.)
        """
        canvas = self._canvas
        renderer = canvas.get_renderer()
        box = legend.get_window_extent(renderer)
        key = tuple(round(v, 3) for v in box.bounds)
        # Kept by reference (not by id, which a new legend may reuse), with its place.
        cached, origin, patch = self._legend_layer
        if cached is not legend or origin != key:  # a new legend, or one that moved
            self._legend_layer = (legend, key, None)
            self.figure.draw_artist(legend)  # drawn directly, in case it is not drawn again
            return
        if patch is None:  # drawn a second time, unchanged: worth a layer
            width, height = canvas.get_width_height()
            layer = RendererAgg(width, height, self.figure.dpi)
            legend.draw(layer)
            # the legend's box, and a margin for the frame's line and antialiasing
            top, bottom = max(int(height - box.y1) - 4, 0), min(int(height - box.y0) + 5, height)
            left, right = max(int(box.x0) - 4, 0), min(int(box.x1) + 5, width)
            pixels = np.asarray(layer.buffer_rgba())[top:bottom, left:right].astype(np.uint32)
            patch = (top, left, pixels)
            self._legend_layer = (legend, key, patch)
        top, left, pixels = patch
        target = np.asarray(renderer.buffer_rgba())[
            top : top + pixels.shape[0], left : left + pixels.shape[1]
        ]
        alpha = pixels[:, :, 3:]
        blended = (pixels[:, :, :3] * alpha + target[:, :, :3] * (255 - alpha) + 127) // 255
        target[:, :, :3] = blended.astype(np.uint8)

    def _on_change(self, change: dict) -> None:
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        """The widget, plus a static PNG for front ends that cannot show widgets."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return bundle


def interactive_figure(
    figure: Figure, update: UpdateFunction, **sliders: widgets.ValueWidget
) -> SliderFigure:
    """Wire sliders to a figure through a plain update function.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure to redraw, e.g. from :func:`helpers.plotting.new_figure`. It is taken
        away from pyplot, so the notebook shows it once, inside the widget.
    update : callable
        ``update(**values)``, called with each slider's value under its keyword here. It
        moves the figure's artists and returns the key numbers shown, as a str or a list
        of str such as ``"σ(z₀) = 0.8176"``; the readout puts the slider values first.
    **sliders : ipywidgets.ValueWidget
        The sliders, by the keyword the update function takes, in display order.

    Returns
    -------
    SliderFigure
        An ``ipywidgets.VBox``: the sliders, the readout, the figure. Put it last in a cell
        to display it.

    Raises
    ------
    TypeError
        If ``figure`` is not a Figure, ``update`` is not callable, a slider is not a
        widget with a value, or the keywords do not match ``update``'s parameters.
    ValueError
        If there is no slider.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.plotting import new_figure
    >>> from helpers.widgets import float_slider, interactive_figure
    >>> fig, ax = new_figure("A line", "z", "y", figsize=(3, 2))
    >>> z = np.linspace(-1, 1, 3)
    >>> (line,) = ax.plot(z, z)
    >>> def update(k):
    ...     line.set_ydata(k * z)
    ...     return f"slope = {k:.2f}"
    >>> w = interactive_figure(fig, update, k=float_slider("k", 1.0, 0.0, 2.0, 0.5))
    >>> w.sliders["k"].value = 1.5
    >>> w.readout.value
    'k = 1.50; slope = 1.50'
    >>> [float(v) for v in line.get_ydata()]
    [-1.5, 0.0, 1.5]
    """
    if not isinstance(figure, Figure):
        raise TypeError(
            f"interactive_figure() needs a matplotlib Figure, got {type(figure).__name__}"
        )
    if not callable(update):
        raise TypeError(
            f"interactive_figure() needs a callable update, got {type(update).__name__}"
        )
    if not sliders:
        raise ValueError("interactive_figure() needs at least one slider")
    for name, slider in sliders.items():
        if not isinstance(slider, widgets.ValueWidget):
            raise TypeError(
                f"interactive_figure(): slider {name!r} is a {type(slider).__name__}, "
                "not a widget with a value"
            )
    try:
        inspect.signature(update).bind(**sliders)
    except TypeError as exc:
        raise TypeError(
            f"interactive_figure(): the sliders {sorted(sliders)} do not match the "
            f"parameters of {getattr(update, '__name__', 'update')}(): {exc}"
        ) from None
    return SliderFigure(figure, update, sliders)


def steepness_explorer(
    z_range: tuple[float, float] = (-6.0, 6.0), k: float = 1.0, b: float = 0.0
) -> SliderFigure:
    """σ(kz + b) against σ(z), with sliders for the z interval, the steepness k and shift b.

    Introduced in ``notebooks/01_sigmoid.ipynb``. The readout gives where σ(kz + b) = ½,
    z = −b/k, and its slope there, k/4.

    Examples
    --------
    >>> from helpers.widgets import steepness_explorer
    >>> w = steepness_explorer()
    >>> w.update(z_range=(-6.0, 6.0), k=2.0, b=3.0)
    ['σ(kz + b) = ½ at z = −b/k = −1.50', 'slope there k/4 = 0.50']
    >>> import matplotlib.pyplot as plt; plt.close(w.figure)
    """
    z = z_grid(z_range)
    fig, ax, lines = curves_figure(
        "Steepness and shift: σ(kz + b)",
        z,
        {"σ(kz + b)": sigmoid(k * z + b), "σ(z)": sigmoid(z)},
        ylabel="σ",
        ylim=(-0.1, 1.12),
        animated=True,
    )
    lines["σ(z)"].set_color(OKABE_ITO["black"])
    lines["σ(z)"].set_linewidth(1.5)
    ax.legend(loc="upper left", framealpha=0.9).set_animated(True)  # with the new colour
    ax.axhline(1.0, color=OKABE_ITO["black"], linewidth=1.0, linestyle=":")
    (centre,) = ax.plot([], [], "o", color=OKABE_ITO["vermillion"], markersize=9, animated=True)

    def update(z_range: tuple[float, float], k: float, b: float) -> list[str]:
        z = z_grid(z_range)
        lines["σ(kz + b)"].set_data(z, sigmoid(k * z + b))
        lines["σ(z)"].set_data(z, sigmoid(z))
        set_centred_xlim(ax, float(z[0]), float(z[-1]))
        mid = -b / k
        centre.set_data([mid], [0.5])
        return [
            f"σ(kz + b) = ½ at z = −b/k = {format_number(mid)}",
            f"slope there k/4 = {format_number(k / 4)}",
        ]

    return interactive_figure(
        fig,
        update,
        z_range=range_slider(value=z_range),
        k=float_slider("k", k, 0.25, 5.0, 0.25),
        b=float_slider("b", b, -5.0, 5.0, 0.25),
    )


def tangent_explorer(z0: float = 1.5, z_range: tuple[float, float] = (-6.0, 6.0)) -> SliderFigure:
    """A point z₀ on σ with its tangent line, of slope σ'(z₀), and σ' drawn below it.

    Introduced in ``notebooks/02_derivative.ipynb``. The readout gives σ(z₀) and σ'(z₀).

    Examples
    --------
    >>> from helpers.widgets import tangent_explorer
    >>> w = tangent_explorer()
    >>> print(w.readout.value)
    z₀ = 1.50; z range = −6.0 – 6.0; σ(z₀) = 0.8176; σ'(z₀) = 0.1491
    >>> w.update(z0=0.0, z_range=(-6.0, 6.0))
    ['σ(z₀) = 0.5000', "σ'(z₀) = 0.2500"]
    >>> import matplotlib.pyplot as plt; plt.close(w.figure)
    """
    fig, ax, lines = sigmoid_figure(z_range, animated=True)
    ax.set_title("The tangent to σ at z₀ has slope σ'(z₀)")
    moving = {"color": OKABE_ITO["vermillion"], "animated": True}
    (tangent,) = ax.plot([], [], linestyle="-", linewidth=2.0, label="tangent at z₀", **moving)
    (point,) = ax.plot([], [], "o", markersize=10, **moving)
    (slope_mark,) = ax.plot([], [], ":o", markersize=7, **moving)
    ax.legend(loc="upper left", framealpha=0.9).set_animated(True)

    def update(z0: float, z_range: tuple[float, float]) -> list[str]:
        z = z_grid(z_range)
        s, ds = float(sigmoid(z0)), float(sigmoid_derivative(z0))
        lines["σ(z)"].set_data(z, sigmoid(z))
        lines["σ'(z)"].set_data(z, sigmoid_derivative(z))
        set_centred_xlim(ax, float(z[0]), float(z[-1]))
        half = 0.12 * (z[-1] - z[0])  # the tangent spans a quarter of the interval
        zt = np.array([z0 - half, z0 + half])
        tangent.set_data(zt, s + ds * (zt - z0))
        point.set_data([z0], [s])
        slope_mark.set_data([z0, z0], [0.0, ds])
        return [f"σ(z₀) = {s:.4f}", f"σ'(z₀) = {ds:.4f}"]

    return interactive_figure(
        fig,
        update,
        z0=float_slider("z₀", z0, -6.0, 6.0, 0.05),
        z_range=range_slider(value=z_range),
    )
