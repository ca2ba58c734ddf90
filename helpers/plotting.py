"""The collection's figures: one plotting style, and one way to make a slider redraw a figure.

Introduced in ``notebooks/01_sigmoid.ipynb``. The style is made for projection and print:
the Okabe–Ito colour-blind-safe palette, a distinct line style per colour (figures survive
grayscale printing), large fonts, and a title and labelled axes on every figure. Each figure
the notebooks show carries an alt text made of its title, axis labels and legend.

An interactive figure: draw the figure in the cell with plain matplotlib, mark what moves
``animated=True``, write an ``update`` function of the slider values that moves it
(``line.set_data(...)``) and returns the numbers worth reading, and wire both to sliders::

    interactive_figure(fig, update, k=float_slider("k", 1.0, 0.25, 5.0, 0.25))

A change redraws only the animated artists (without any: every line, patch, collection and
image) over a cached picture of the rest, legends on top, and sends an indexed-colour PNG of
about 15 KB; a change of anything else (e.g. axis limits: set them only when they change)
costs a full redraw. ``benchmarks/bench_slider_latency.py`` measures it against
``ipywidgets.interact`` and ipympl. Each slider handle is named after its slider for screen
readers and keeps the arrow keys (Notebook 7 would take them); the picture's alt text is the
figure's title, axis labels and readout. A saved notebook keeps a static PNG of the figure.
"""

from __future__ import annotations

import base64
import html
import inspect
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import traitlets
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

__all__ = ["OKABE_ITO", "float_slider", "interactive_figure", "new_figure", "use_style"]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
# colour blindness. Black (axes, annotations) and yellow (too faint on a projected white
# background) are left out of the line cycle.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
_STYLE_FILE = Path(__file__).with_name("sigmoid.mplstyle")


def use_style() -> None:
    """Apply the collection's plotting style, ``helpers/sigmoid.mplstyle`` (idempotent).

    In IPython it also checks every figure before it is shown: a figure without a title or
    an axis label prints a "Style problem" line into the cell's output, which nbval compares.
    """
    plt.style.use(_STYLE_FILE)
    _watch_figures_in_ipython()


def _figure_problems(fig: Figure) -> list[str]:
    """Say what a figure lacks of the collection's style: a title and both axis labels.

    Each axes needs a title (its own or the figure's ``suptitle``), an x and a y label (its
    own, the figure's ``supxlabel``/``supylabel``, or a neighbour's on a shared y axis); axes
    switched off and colour bars need none.

    Examples
    --------
    >>> from helpers.plotting import _figure_problems, new_figure
    >>> fig, ax = new_figure("A title", "z", "")
    Traceback (most recent call last):
    ValueError: new_figure() needs a non-empty ylabel, got ''
    >>> fig, ax = new_figure("A title", "z", "σ(z)")
    >>> _ = ax.set_ylabel("")
    >>> _figure_problems(fig)
    ["figure 'A title': an axes without a y label"]
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    name = fig.get_suptitle() or next(
        (ax.get_title() for ax in fig.axes if ax.get_title()), "(untitled)"
    )
    found = []
    for ax in fig.axes:
        if not ax.axison or ax.get_label() == "<colorbar>":
            continue
        shared_y = ax.get_shared_y_axes().get_siblings(ax)
        checks = {
            "a title": ax.get_title() or fig.get_suptitle(),
            "an x label": ax.get_xlabel() or fig.get_supxlabel(),
            "a y label": any(other.get_ylabel() for other in shared_y) or fig.get_supylabel(),
        }
        found += [
            f"figure {name!r}: an axes without {what}" for what, ok in checks.items() if not ok
        ]
    return found


_watching = False


def _watch_figures_in_ipython() -> None:
    # Checked before the inline backend shows (and closes) the figures of a cell.
    global _watching
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or _watching:
        return

    def report() -> None:
        # Each inline figure is saved with an alt text (handouts and screen readers use it);
        # set here, as the inline backend installs its own formatter when it starts.
        shell.display_formatter.formatters["image/png"].for_type(Figure, _png_with_alt_text)
        for number in plt.get_fignums():
            for problem in _figure_problems(plt.figure(number)):
                print(f"Style problem: {problem}")

    shell.events.callbacks["post_execute"].insert(0, report)
    plt.close(plt.figure())  # start the inline backend now, so that it installs its formatter first
    shell.display_formatter.formatters["image/png"].for_type(Figure, _png_with_alt_text)
    _watching = True


def _figure_description(fig: Figure) -> str:
    """The figure in words, for an alt text: its titles, axis labels and legend entries."""
    suptitle = fig.get_suptitle()
    parts = [suptitle] if suptitle else []
    for ax in fig.axes:
        if not ax.axison or ax.get_label() == "<colorbar>":
            continue
        what = [ax.get_title()]
        what += [ax.get_xlabel() and f"horizontal axis {ax.get_xlabel()}"]
        what += [ax.get_ylabel() and f"vertical axis {ax.get_ylabel()}"]
        legend = ax.get_legend()
        if legend is not None:
            what.append("curves: " + ", ".join(t.get_text() for t in legend.get_texts()))
        parts.append(", ".join(w for w in what if w))
    return "; ".join(p for p in parts if p) + "."


def _png_with_alt_text(fig: Figure) -> tuple[str, dict[str, str]]:
    from IPython.core.pylabtools import print_figure

    png = print_figure(fig, "png", bbox_inches="tight", base64=True)
    return png, {"alt": f"Figure: {_figure_description(fig)}"}


def _check_label(text: object, name: str, where: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where} needs a non-empty {name}, got {text!r}")


def new_figure(
    title: str, xlabel: str, ylabel: str, *, figsize: tuple[float, float] | None = None
) -> tuple[Figure, Axes]:
    """A figure in the collection's style with one axes, its title and axis labels set.

    ``figsize`` is (width, height) in inches, the style's (9, 5) by default. Raises
    ValueError if the title or a label is empty (the style needs both).
    """
    for name, text in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        _check_label(text, name, "new_figure()")
    use_style()
    fig, ax = plt.subplots(figsize=figsize)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


# Sliders wired to a figure

_READOUT_CLASS = "sigmoid-readout"
# The screen budget: sliders, readout and the whole figure visible together in JupyterLab at
# 1280×720 with the file browser open (checked in a real browser by tests/browser).
_MAX_FIGURE_PX = (760, 400)
_MAX_SLIDERS = 3

_MINUS = "\u2212"  # the minus sign the sliders' own readouts print
_SLIDER_LAYOUT = {"width": "520px"}
_SLIDER_STYLE = {"description_width": "6em"}

_Update = Callable[..., str | Sequence[str]]

# The figure's <img>. It also names each slider handle of its widget after the slider's label
# (ipywidgets leaves role="slider" handles nameless) and keeps the notebook's keyboard
# shortcuts off the handles and value boxes, so that the arrow keys move a focused slider in
# Notebook 7 too (lumino skips elements marked data-lm-suppress-shortcuts).
_ESM = """
function label(box) {
  for (const slider of box.querySelectorAll('.widget-slider')) {
    const name = (slider.querySelector('.widget-label') || {}).textContent || '';
    const handles = slider.querySelectorAll('.noUi-handle');
    handles.forEach((handle, i) => handle.setAttribute('aria-label',
      name + (handles.length < 2 ? '' : i ? ' (upper end)' : ' (lower end)')));
    slider.querySelectorAll('.noUi-handle, .widget-readout').forEach(
      (el) => el.setAttribute('data-lm-suppress-shortcuts', 'true'));
  }
}
export default {
  render({ model, el }) {
    const img = document.createElement('img');
    img.style.cssText = `display: block; max-width: none; width: ${model.get('width')}px;
      height: ${model.get('height')}px`;
    const show = () => {
      const old = img.src;
      img.src = URL.createObjectURL(new Blob([model.get('png')], { type: 'image/png' }));
      if (old) URL.revokeObjectURL(old);
    };
    const describe = () => { img.alt = model.get('alt'); };
    show();
    describe();
    model.on('change:png', show);
    model.on('change:alt', describe);
    el.appendChild(img);
    let observer = null, tries = 0;
    const watch = () => {  // the box of sliders and picture, once el is in the page
      const box = el.parentElement;
      if (!box) return ++tries < 600 && requestAnimationFrame(watch);
      label(box);
      observer = new MutationObserver(() => label(box));
      observer.observe(box, { childList: true, subtree: true });
    };
    watch();
    return () => observer && observer.disconnect();
  },
};
"""


class _FigureImage(anywidget.AnyWidget):
    """A PNG picture with an alt text, shown at its size in pixels."""

    _esm = _ESM
    png = traitlets.Bytes().tag(sync=True)
    alt = traitlets.Unicode().tag(sync=True)
    width = traitlets.Int().tag(sync=True)
    height = traitlets.Int().tag(sync=True)


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
    """A slider for one number, labelled ``name``, from ``low`` to ``high`` by ``step``.

    Raises ValueError if ``low < high`` fails, ``step`` is not positive or ``value`` is outside.
    """
    if not (low < high and step > 0 and low <= value <= high):
        raise ValueError(
            f"float_slider({name!r}) needs low < high, step > 0 and low <= value <= high, "
            f"got value={value}, low={low}, high={high}, step={step}"
        )
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=name,
                               readout_format=readout_format, continuous_update=continuous_update,
                               layout=_SLIDER_LAYOUT, style=_SLIDER_STYLE)  # fmt: skip


def _slider_text(slider: widgets.ValueWidget) -> str:
    """``name = value``, the value as the slider's own readout shows it (with "−" for minus)."""
    if isinstance(slider.value, bool):  # a toggle button or check box
        return f"{slider.description} = {'on' if slider.value else 'off'}"
    fmt = getattr(slider, "readout_format", "")
    values = slider.value if isinstance(slider.value, tuple) else (slider.value,)  # a range
    shown = " – ".join(format(v, fmt).replace("-", _MINUS) for v in values)
    return f"{slider.description} = {shown}"


def _moving(fig: Figure) -> list:
    """What a change redraws: the artists marked ``animated=True``, or, if none is, every
    line, patch, collection and image of the axes. Legends are drawn with the axes."""
    plotted = []
    for ax in fig.axes:
        plotted += [*ax.lines, *ax.patches, *ax.collections, *ax.images, *ax.texts]
    marked = [artist for artist in plotted if artist.get_animated()]
    chosen = marked or [artist for artist in plotted if not isinstance(artist, Text)]
    return sorted(chosen, key=lambda artist: artist.get_zorder())


class _SliderFigure(widgets.VBox):
    """Sliders, a readout and a figure redrawn by an update function (interactive_figure);
    ``full_redraws`` counts the redraws of the whole figure."""

    def __init__(
        self, figure: Figure, update: _Update, sliders: Mapping[str, widgets.ValueWidget]
    ) -> None:
        self.figure, self.update, self.sliders = figure, update, dict(sliders)
        self.readout = widgets.HTML()
        self.readout.add_class(_READOUT_CLASS)
        width, height = figure.canvas.get_width_height()
        self.image = _FigureImage(width=width, height=height)
        super().__init__(children=[*self.sliders.values(), self.readout, self.image])
        plt.close(figure)  # the widget shows it: pyplot must not show it a second time
        self._canvas = FigureCanvasAgg(figure)
        self._background = None
        self._legends: list = []
        self._palette: tuple[Image.Image, np.ndarray] | None = None
        self.full_redraws = 0
        self.refresh()
        # Laid out once (constrained layout), then kept: faster, and the axes do not jump.
        figure.set_layout_engine("none")
        figure.stale = False  # the picture drawn already has that layout
        for slider in self.sliders.values():
            slider.observe(lambda change: self.refresh(), names="value")

    def refresh(self) -> None:
        """Call the update function with the slider values, then redraw and rewrite."""
        numbers = self.update(**{name: s.value for name, s in self.sliders.items()})
        numbers = [numbers] if isinstance(numbers, str) else numbers
        if not all(isinstance(n, str) for n in numbers):
            raise TypeError(
                f"interactive_figure(): the update function must return a str or a list of "
                f"str, got {numbers!r}"
            )
        text = "; ".join([*(_slider_text(s) for s in self.sliders.values()), *numbers])
        self.readout.value = html.escape(text, quote=False)
        with self.image.hold_sync():  # one message for both
            self.image.png = self._render()
            self.image.alt = f"Interactive figure: {_figure_description(self.figure)} {text}"

    def _render(self) -> bytes:
        fig, canvas, moving = self.figure, self._canvas, _moving(self.figure)
        legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
        if self._background is None or fig.stale:
            # What moves is drawn over the background at each change, so a change to it does
            # not mark the figure stale; anything else that changed needs this full redraw.
            for artist in moving:
                artist.set_animated(True)
            for legend in legends:
                legend.set_animated(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(fig.bbox)
            # A legend takes long to draw: its picture is laid back over what moved.
            self._legends = [
                canvas.copy_from_bbox(legend.get_window_extent()) for legend in legends
            ]
            self.full_redraws += 1
        else:
            canvas.restore_region(self._background)
        for artist in moving:
            fig.draw_artist(artist)
        for legend in self._legends:
            canvas.restore_region(legend)
        fig.stale = False
        return self._encode(np.asarray(canvas.buffer_rgba())[:, :, :3])

    def _encode(self, rgb: np.ndarray) -> bytes:
        """An indexed-colour PNG, less than half the bytes of an RGB one. Its 256 colours are
        chosen again when they miss a colour shown (over 0.1 % of pixels off by more than 40)."""
        picture = Image.fromarray(rgb)
        for again in (False, True):
            if self._palette is None:
                image = picture.quantize(256, method=Image.Quantize.FASTOCTREE)
                self._palette = (image, np.reshape(image.getpalette(), (-1, 3)))
            indexed = picture.quantize(palette=self._palette[0], dither=Image.Dither.NONE)
            shown = self._palette[1][np.asarray(indexed)[::4, ::4]]
            missed = np.abs(shown - rgb[::4, ::4]).max(axis=-1) > 40
            if again or missed.mean() <= 0.001:
                break
            self._palette = None
        out = io.BytesIO()
        indexed.save(out, format="png", compress_level=3)
        return out.getvalue()

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict] | None:
        """The widget, plus a static PNG with its alt text and the readout as plain text."""
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        bundle["image/png"] = base64.b64encode(self.image.png).decode("ascii")
        bundle["text/plain"] = html.unescape(self.readout.value)
        return bundle, {"image/png": {"alt": self.image.alt}}


def interactive_figure(
    figure: Figure, update: _Update, **sliders: widgets.ValueWidget
) -> _SliderFigure:
    """Wire sliders to a figure through a plain update function.

    ``figure`` needs a title and labelled axes and at most 7.6 × 4.0 inches at 100 dpi
    (760 × 400 pixels), so that it fits a 1280×720 screen with its sliders; it is taken from
    pyplot, so the notebook shows it once, in the widget. ``update(**values)`` gets each
    slider's value under its keyword, moves the figure's artists and returns the numbers to
    show, a str or a list of str such as ``"σ(z₀) = 0.8176"``; the readout puts the slider
    values first. One to three ``sliders`` (:func:`float_slider`, or any ipywidgets slider), in
    display order. Returns an ``ipywidgets.VBox`` (sliders, readout, figure) to put last in
    the cell; its ``sliders``, ``readout`` and ``image`` (``png``, ``alt``) can be read.

    Raises TypeError for a figure that is not one, an update that is not callable, a slider
    that is not a widget with a value, or keywords that ``update`` does not take, and
    ValueError for no slider or more than three, a figure too large, or one missing a title
    or label.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.plotting import float_slider, interactive_figure, new_figure
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
    where = "interactive_figure()"
    if not isinstance(figure, Figure):
        raise TypeError(f"{where} needs a matplotlib Figure, got {type(figure).__name__}")
    if not callable(update):
        raise TypeError(f"{where} needs a callable update, got {type(update).__name__}")
    if not 1 <= len(sliders) <= _MAX_SLIDERS:
        raise ValueError(f"{where} needs 1 to {_MAX_SLIDERS} sliders, got {len(sliders)}")
    for name, slider in sliders.items():
        if not isinstance(slider, widgets.ValueWidget):
            raise TypeError(
                f"{where}: slider {name!r} is a {type(slider).__name__}, not a widget with a value"
            )
    try:
        inspect.signature(update).bind(**sliders)
    except TypeError as exc:
        raise TypeError(
            f"{where}: the sliders {sorted(sliders)} do not match the parameters of "
            f"{getattr(update, '__name__', 'update')}(): {exc}"
        ) from None
    width, height = figure.canvas.get_width_height()
    if width > _MAX_FIGURE_PX[0] or height > _MAX_FIGURE_PX[1]:
        raise ValueError(
            f"{where}: the figure is {width}×{height} pixels, more than {_MAX_FIGURE_PX[0]}×"
            f"{_MAX_FIGURE_PX[1]} (7.6 × 4.0 inches at 100 dpi): it would not fit a 1280×720 "
            "screen with its sliders"
        )
    problems = _figure_problems(figure)
    if problems:
        raise ValueError(f"{where}: " + "; ".join(problems))
    return _SliderFigure(figure, update, sliders)
