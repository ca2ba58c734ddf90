"""One plotting style for the whole collection, and the figure set-ups the notebooks share.

Introduced in ``notebooks/01_sigmoid.ipynb``. The style is made for projection and print:
the Okabe–Ito colour-blind-safe palette, a distinct line style per colour (figures survive
grayscale printing), large fonts, and a title and labelled axes on every figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from numpy.typing import ArrayLike

__all__ = [
    "LINESTYLES",
    "OKABE_ITO",
    "STYLE",
    "animate",
    "animated_legend",
    "centre_spines",
    "chain_figure",
    "curves_figure",
    "draw_path",
    "figure_problems",
    "layer_speeds_figure",
    "new_figure",
    "plot_layer_curves",
    "plot_layer_speeds",
    "plot_mean_and_range",
    "plot_spread",
    "plot_ulp_errors",
    "saturation_figure",
    "set_centred_xlim",
    "sigmoid_figure",
    "use_style",
]

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
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 3)), (0, (8, 2))]

_CYCLE_COLOURS = [c for name, c in OKABE_ITO.items() if name not in ("black", "yellow")]

STYLE = {
    "axes.prop_cycle": cycler(color=_CYCLE_COLOURS) + cycler(linestyle=LINESTYLES[:6]),
    "figure.figsize": (9.0, 5.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 15,
    "axes.titlesize": 17,
    "axes.labelsize": 15,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "lines.linewidth": 2.5,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.constrained_layout.use": True,
}


def use_style() -> None:
    """Apply the collection's plotting style to matplotlib (idempotent).

    Examples
    --------
    >>> import matplotlib as mpl
    >>> from helpers.plotting import use_style
    >>> use_style()
    >>> mpl.rcParams["font.size"]
    15.0
    """
    mpl.rcParams.update(STYLE)
    _watch_figures_in_ipython()


def figure_problems(fig: Figure) -> list[str]:
    """Say what a figure lacks of the collection's style: a title and both axis labels.

    Each axes needs a title (its own, or the figure's ``suptitle``), an x label and a y label
    (its own, the figure's ``supxlabel``/``supylabel``, or, for a y axis shared along a
    row, the label of a neighbour). Axes that are switched off (``ax.axis("off")``) need none.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from helpers.plotting import figure_problems, new_figure
    >>> fig, ax = new_figure("A title", "z", "σ(z)")
    >>> figure_problems(fig)
    []
    >>> _ = ax.set_ylabel("")
    >>> figure_problems(fig)
    ["figure 'A title': an axes without a y label"]
    >>> plt.close(fig)
    """
    name = (fig._suptitle.get_text() if fig._suptitle else "") or next(
        (ax.get_title() for ax in fig.axes if ax.get_title()), "(untitled)"
    )
    found = []
    for ax in fig.axes:
        if not ax.axison or ax.get_label() == "<colorbar>":
            continue
        shared_y = ax.get_shared_y_axes().get_siblings(ax)
        checks = {
            "a title": ax.get_title() or fig._suptitle,
            "an x label": ax.get_xlabel() or fig._supxlabel,
            "a y label": any(other.get_ylabel() for other in shared_y) or fig._supylabel,
        }
        found += [
            f"figure {name!r}: an axes without {what}" for what, ok in checks.items() if not ok
        ]
    return found


_watching = False


def _watch_figures_in_ipython() -> None:
    # In a notebook, check every figure before the inline backend shows it (and closes it):
    # a problem is printed into the cell's output, so nbval, which compares outputs with
    # the saved ones, fails on a figure that lacks a title or a label.
    global _watching
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or _watching:
        return

    def report() -> None:
        for number in plt.get_fignums():
            for problem in figure_problems(plt.figure(number)):
                print(f"Style problem: {problem}")

    shell.events.callbacks["post_execute"].insert(0, report)
    _watching = True


def _check_label(text: object, name: str, where: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where} needs a non-empty {name}, got {text!r}")


def new_figure(
    title: str, xlabel: str, ylabel: str, *, figsize: tuple[float, float] | None = None
) -> tuple[Figure, Axes]:
    """Make a styled figure with one axes, its title and both axis labels set.

    Parameters
    ----------
    title, xlabel, ylabel : str
        Every figure of the collection has all three; an empty one is an error.
    figsize : (float, float), optional
        Width and height in inches; the style's default (9, 5) otherwise.

    Returns
    -------
    (Figure, Axes)

    Raises
    ------
    ValueError
        If the title or a label is empty.

    Examples
    --------
    >>> from helpers.plotting import new_figure
    >>> fig, ax = new_figure("The sigmoid", "z", "σ(z)")
    >>> ax.get_title(), ax.get_xlabel()
    ('The sigmoid', 'z')
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    for name, text in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        _check_label(text, name, "new_figure()")
    use_style()
    fig, ax = plt.subplots(figsize=figsize)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax


def centre_spines(ax: Axes) -> None:
    """Draw the x and y axes through the origin, as in a textbook figure.

    The axis labels move to the ends of the axes so they do not sit on the curves.

    Examples
    --------
    >>> from helpers.plotting import new_figure, centre_spines
    >>> fig, ax = new_figure("σ on centred axes", "z", "σ(z)")
    >>> centre_spines(ax)
    >>> ax.spines["left"].get_position()
    ('data', 0.0)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    for side in ("left", "bottom"):
        ax.spines[side].set_position(("data", 0.0))
        ax.spines[side].set_visible(True)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    ax.xaxis.set_label_coords(1.0, -0.02)
    ax.xaxis.label.set_horizontalalignment("right")
    ax.yaxis.set_label_coords(-0.02, 1.0)
    ax.yaxis.label.set_verticalalignment("top")


def set_centred_xlim(ax: Axes, low: float, high: float) -> None:
    """Set the z interval of a figure with centred axes (:func:`centre_spines`).

    The vertical axis stays at z = 0 while 0 is inside the interval, and moves to the left
    edge when it is not, so it never hangs outside the plot.

    Introduced in ``notebooks/01_sigmoid.ipynb`` for the input-range slider.

    Raises
    ------
    ValueError
        If ``low`` is not smaller than ``high`` or either is not finite.

    Examples
    --------
    >>> from helpers.plotting import new_figure, centre_spines, set_centred_xlim
    >>> fig, ax = new_figure("σ", "z", "σ(z)")
    >>> centre_spines(ax)
    >>> set_centred_xlim(ax, 2.0, 8.0)
    >>> [float(v) for v in ax.get_xlim()], ax.spines["left"].get_position()
    ([2.0, 8.0], ('axes', 0.0))
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"set_centred_xlim() needs finite low < high, got {low!r}, {high!r}")
    position = ("data", 0.0) if low <= 0.0 <= high else ("axes", 0.0)
    if tuple(ax.get_xlim()) == (low, high) and ax.spines["left"].get_position() == position:
        return  # unchanged: leave the figure un-stale, so a widget redraws only what moves
    ax.set_xlim(low, high)
    ax.spines["left"].set_position(position)


def animate(*artists: Artist) -> list[Artist]:
    """Mark ``artists`` ``animated=True``, with every plotted artist drawn above any of them.

    For the interactive figures (:class:`helpers.widgets.SliderFigure`): an update that
    moves only animated artists is drawn over a cached background instead of redrawing the
    whole figure. Animated artists are drawn after the background, so whatever a full
    draw paints over a moving artist (a curve over a shaded band, the legend over a
    cursor) must be animated too, or it would end up under it. This marks, in each axes
    of ``artists``, the lines, patches, collections, texts, images and the legend that
    come at or after the lowest of them in matplotlib's drawing order (by ``zorder``, then
    by the order they were added). The axes themselves (frame, spines, ticks, grid, title)
    stay in the background.

    Returns the artists marked, in drawing order.

    Examples
    --------
    >>> from helpers.plotting import animate, new_figure
    >>> fig, ax = new_figure("t", "x", "y")
    >>> band = ax.axvspan(0.0, 1.0, alpha=0.2)  # a patch: zorder 1
    >>> (curve,) = ax.plot([0, 1], [0, 1])  # a line: zorder 2, drawn over the band
    >>> (below,) = ax.plot([0, 1], [1, 0], zorder=0.5)
    >>> animate(band) == [band, curve]
    True
    >>> below.get_animated(), curve.get_animated()
    (False, True)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    marked: list[Artist] = []
    for ax in dict.fromkeys(artist.axes for artist in artists):
        if ax is None:
            raise ValueError("animate() needs artists that are drawn in an axes")
        plotted = [
            *ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images, *ax.tables,
            *([ax.get_legend()] if ax.get_legend() is not None else []),
        ]  # fmt: skip
        order = {id(child): i for i, child in enumerate(ax.get_children())}

        def rank(artist: Artist, order: dict[int, int] = order) -> tuple[float, int]:
            return artist.get_zorder(), order[id(artist)]

        lowest = min(rank(artist) for artist in artists if artist.axes is ax)
        for artist in sorted(plotted, key=rank):
            if rank(artist) >= lowest:
                artist.set_animated(True)
                marked.append(artist)
    return marked


def animated_legend(ax: Axes, **kwargs: object) -> Legend:
    """``ax.legend(**kwargs)``, marked animated, made without making the figure stale.

    For an update function that changes the legend (e.g. curves shown or hidden): the new
    legend replaces the old one, and both are animated, so the cached background of
    :class:`helpers.widgets.SliderFigure` still holds, though matplotlib marks the axes
    stale while it builds a legend. Whatever else made the figure stale before stays so.

    Examples
    --------
    >>> from helpers.plotting import animated_legend, new_figure
    >>> fig, ax = new_figure("t", "x", "y")
    >>> (line,) = ax.plot([0, 1], [0, 1], label="a line", animated=True)
    >>> fig.canvas.draw(); fig.stale
    False
    >>> legend = animated_legend(ax, handles=[line], loc="upper left")
    >>> legend.get_animated(), ax.get_legend() is legend, fig.stale
    (True, True, False)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    figures = (ax.get_figure(root=False), ax.get_figure(root=True))
    stale = [(artist, artist.stale) for artist in (ax, *figures)]
    legend = ax.legend(**kwargs)
    legend.set_animated(True)
    for artist, was in stale:
        artist.stale = was
    return legend


def curves_figure(
    title: str,
    z: ArrayLike,
    curves: Mapping[str, ArrayLike],
    *,
    xlabel: str = "z",
    ylabel: str = "value",
    ylim: tuple[float, float] | None = None,
    figsize: tuple[float, float] | None = None,
    animated: bool = False,
) -> tuple[Figure, Axes, dict[str, Line2D]]:
    """Plot several curves of z on centred axes, each labelled in a legend.

    Introduced in ``notebooks/01_sigmoid.ipynb``; :func:`sigmoid_figure` is built on it.

    Parameters
    ----------
    title, xlabel, ylabel : str
        Title and axis labels (see :func:`new_figure`).
    z : array_like
        The common abscissa, 1-d, increasing.
    curves : mapping of str to array_like
        Legend label -> values at ``z`` (same length as ``z``); drawn in the style's colour
        and line-style cycle, in order.
    ylim : (float, float), optional
        The vertical range; matplotlib's choice otherwise.
    figsize : (float, float), optional
        See :func:`new_figure`.
    animated : bool
        Mark the curves and the legend ``animated``, for a widget that moves the curves
        (see :class:`helpers.widgets.SliderFigure`); a plain ``savefig`` then leaves
        them out.

    Returns
    -------
    (Figure, Axes, dict of str to Line2D)
        The lines by label, so that a widget can move them with ``set_data``.

    Raises
    ------
    ValueError
        If there is no curve, ``z`` is not 1-d, or a curve's length differs from ``z``'s.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.plotting import curves_figure
    >>> z = np.linspace(-3, 3, 7)
    >>> fig, ax, lines = curves_figure("Two lines", z, {"z/4": z / 4, "−z/4": -z / 4})
    >>> list(lines), [float(v) for v in ax.get_xlim()]
    (['z/4', '−z/4'], [-3.0, 3.0])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    z = np.asarray(z, dtype=float)
    if z.ndim != 1 or z.size < 2:
        raise ValueError(f"curves_figure() needs a 1-d z with at least 2 points, got {z.shape}")
    if not curves:
        raise ValueError("curves_figure() needs at least one curve")
    fig, ax = new_figure(title, xlabel, ylabel, figsize=figsize)
    centre_spines(ax)
    # Upright at the top left: a vertical label there would be cut by the figure's edge.
    ax.yaxis.label.set_rotation(0)
    ax.yaxis.label.set_horizontalalignment("left")
    ax.yaxis.label.set_verticalalignment("bottom")
    ax.yaxis.set_label_coords(0.0, 1.01)
    lines = {}
    for label, values in curves.items():
        y = np.asarray(values, dtype=float)
        if y.shape != z.shape:
            raise ValueError(
                f"curves_figure(): curve {label!r} has shape {y.shape}, z has {z.shape}"
            )
        (lines[label],) = ax.plot(z, y, label=label, animated=animated)
    set_centred_xlim(ax, float(z[0]), float(z[-1]))
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.legend(loc="upper left", framealpha=0.9).set_animated(animated)
    return fig, ax, lines


def sigmoid_figure(
    z_range: tuple[float, float] = (-6.0, 6.0), *, num: int = 601, animated: bool = False
) -> tuple[Figure, Axes, dict[str, Line2D]]:
    """The classic figure: σ and σ' on centred axes, with σ's asymptotes 0 and 1 dotted.

    Introduced in ``notebooks/01_sigmoid.ipynb``; reused in ``02_derivative``. The lines
    are labelled ``"σ(z)"`` and ``"σ'(z)"``.

    Parameters
    ----------
    z_range : (float, float)
        The interval of z drawn.
    num : int
        Number of points on each curve.
    animated : bool
        See :func:`curves_figure`.

    Examples
    --------
    >>> from helpers.plotting import sigmoid_figure
    >>> fig, ax, lines = sigmoid_figure((-4.0, 4.0))
    >>> sorted(lines)
    ["σ'(z)", 'σ(z)']
    >>> float(lines["σ'(z)"].get_ydata().max())
    0.25
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from helpers.activations import sigmoid, sigmoid_derivative

    low, high = z_range
    z = np.linspace(low, high, num)
    fig, ax, lines = curves_figure(
        "The sigmoid σ and its derivative σ'",
        z,
        {"σ(z)": sigmoid(z), "σ'(z)": sigmoid_derivative(z)},
        ylabel="σ(z), σ'(z)",
        ylim=(-0.1, 1.12),
        animated=animated,
    )
    for level in (0.0, 1.0):
        ax.axhline(level, color=OKABE_ITO["black"], linewidth=1.0, linestyle=":", zorder=1)
    return fig, ax, lines


def plot_ulp_errors(
    ax: Axes,
    z: ArrayLike,
    errors: Mapping[str, ArrayLike],
    *,
    dtype: type | np.dtype,
    title: str,
    bins: int = 200,
    floor: float = 0.1,
    bound: float | None = None,
    legend_loc: str = "best",
) -> list[Line2D]:
    """Draw errors in ULP against z on a log scale, one line per formula.

    Each line is the largest error in each of `bins` equal bins of z (errors below
    `floor`, exact results included, are drawn at `floor`, the bottom of the plot).
    A dotted line marks 1/eps of `dtype`: an error that high means the relative error is
    about 100 % (e.g. a result of 0 for a true value that is a normal float).

    Introduced in ``notebooks/06_numerics.ipynb``.

    Parameters
    ----------
    ax : Axes
        Where to draw; its title, labels, log y scale and legend are set here.
    z : array_like
        The points, shared by every entry of `errors`.
    errors : mapping of label to array_like
        Errors in ULP at each point of `z` (from ``helpers.numerics.ulp_error``).
    dtype : float16, float32 or float64
        The precision the errors were measured in.
    title : str
        Title of the axes (not empty).
    bins, floor : int, float
        Number of z bins, and the smallest error drawn (> 0).
    bound : float, optional
        A promised error bound, drawn as a thin horizontal line.
    legend_loc : str
        Where the legend goes (matplotlib's ``loc``).

    Returns
    -------
    list of Line2D
        One line per formula, in the order of `errors`.

    Raises
    ------
    ValueError
        For an empty `errors`, an empty title, a floor <= 0, a dtype that is not
        float16/32/64, or lengths that do not match `z`.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.plotting import new_figure, plot_ulp_errors
    >>> fig, ax = new_figure("Errors", "z", "error")
    >>> z = np.linspace(-1, 1, 11)
    >>> lines = plot_ulp_errors(ax, z, {"a": np.zeros(11), "b": np.full(11, 3.0)},
    ...                         dtype=np.float64, title="Errors in float64", bins=5)
    >>> [line.get_label() for line in lines], ax.get_yscale()
    (['a', 'b'], 'log')
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from helpers.numerics import binned_max  # numerics imports mpmath: only when needed

    if not errors:
        raise ValueError("plot_ulp_errors() needs at least one entry in errors")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"plot_ulp_errors() needs a non-empty title, got {title!r}")
    if not floor > 0:
        raise ValueError(f"plot_ulp_errors() needs floor > 0 for a log scale, got {floor!r}")
    kind = np.dtype(dtype)
    if kind not in (np.float16, np.float32, np.float64):
        raise ValueError(f"plot_ulp_errors() needs dtype float16/32/64, got {kind}")
    zs = np.asarray(z, dtype=np.float64)
    lo, hi = float(zs.min()), float(zs.max())
    lines = []
    for label, values in errors.items():
        values = np.asarray(values, dtype=np.float64)
        if values.shape != zs.shape:
            raise ValueError(
                f"plot_ulp_errors(): errors[{label!r}] has shape {values.shape}, z has {zs.shape}"
            )
        centres, maxima = binned_max(zs, values, bins, lo, hi)
        (line,) = ax.plot(centres, np.maximum(maxima, floor), label=label)
        lines.append(line)
    total_loss = 1 / float(np.finfo(kind).eps)
    ax.axhline(total_loss, color=OKABE_ITO["black"], linewidth=1.0, linestyle=":")
    ax.annotate(
        "≈ 100 % relative error",
        (0.01, total_loss),
        xycoords=("axes fraction", "data"),
        va="bottom",
        fontsize=11,
    )
    if bound is not None:
        ax.axhline(bound, color=OKABE_ITO["black"], linewidth=0.8, linestyle="--", alpha=0.6)
    ax.set_yscale("log")
    ax.set_ylim(floor / 2, total_loss * 60)
    ax.set_xlim(lo, hi)
    ax.set_title(title)
    ax.set_xlabel("z")
    ax.set_ylabel("error (ULP)")
    ax.legend(loc=legend_loc, fontsize=11)
    return lines


def draw_path(
    ax: Axes,
    path: ArrayLike,
    *,
    label: str,
    color: str,
    linestyle: str = "-",
    markersize: float = 4.0,
) -> Line2D:
    """Draw a path of points in a plane, e.g. the weights visited by gradient descent.

    Introduced in ``notebooks/04_not_zero_centred.ipynb``. The start is drawn as a hollow
    square the first time; the returned line can be moved later with ``set_data``.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    path : array_like, shape (n_points, 2)
        The points, in order.
    label : str
        Legend label (not empty).
    color, linestyle : str
        Colour (e.g. from ``OKABE_ITO``) and matplotlib line style.
    markersize : float
        Size of the dot at each step.

    Returns
    -------
    Line2D

    Raises
    ------
    ValueError
        If ``path`` is not of shape (n, 2) with n ≥ 1, or ``label`` is empty.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.plotting import OKABE_ITO, draw_path, new_figure
    >>> fig, ax = new_figure("A path", "w₁", "w₂", figsize=(3, 3))
    >>> line = draw_path(ax, [[0, 0], [1, 1], [2, 0]], label="walk", color=OKABE_ITO["blue"])
    >>> line.get_label(), [float(v) for v in line.get_xdata()]
    ('walk', [0.0, 1.0, 2.0])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    points = np.asarray(path, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] == 0:
        raise ValueError(f"draw_path() needs a path of shape (n, 2), got {points.shape}")
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"draw_path() needs a non-empty label, got {label!r}")
    (line,) = ax.plot(
        points[:, 0],
        points[:, 1],
        color=color,
        linestyle=linestyle,
        linewidth=1.8,
        marker="o",
        markersize=markersize,
        label=label,
    )
    ax.plot(*points[0], "s", color=color, markerfacecolor="none", markersize=10)
    return line


def plot_layer_curves(
    ax: Axes, x: ArrayLike, values: ArrayLike, *, name: str = "hidden layer", first: int = 1
) -> list[Line2D]:
    """One line per column of ``values`` against ``x``: e.g. each layer's mean activation per epoch.

    Introduced in ``notebooks/04_not_zero_centred.ipynb``. Lines are labelled
    ``f"{name} {first}"``, ``f"{name} {first + 1}"``, …; a legend is added.

    Parameters
    ----------
    ax : Axes
        Where to draw (its title and labels are the caller's).
    x : array_like, shape (n,)
        The abscissa, e.g. ``history["epoch"]``.
    values : array_like, shape (n, k)
        One column per line, e.g. ``history["activation_mean"]``.
    name : str
        Start of each line's label.
    first : int
        Number of the first column's label.

    Returns
    -------
    list of Line2D

    Raises
    ------
    ValueError
        If ``values`` is not 2-d with as many rows as ``x`` has points.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.plotting import new_figure, plot_layer_curves
    >>> fig, ax = new_figure("Means", "epoch", "mean activation", figsize=(3, 2))
    >>> lines = plot_layer_curves(ax, [0, 1, 2], np.array([[0.5, 0.5], [0.5, 0.4], [0.5, 0.3]]))
    >>> [line.get_label() for line in lines]
    ['hidden layer 1', 'hidden layer 2']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    xs = np.asarray(x, dtype=float)
    ys = np.asarray(values, dtype=float)
    if xs.ndim != 1 or ys.ndim != 2 or ys.shape[0] != xs.shape[0]:
        raise ValueError(
            f"plot_layer_curves() needs x of shape (n,) and values of shape (n, k), "
            f"got {xs.shape} and {ys.shape}"
        )
    lines = [
        ax.plot(xs, ys[:, column], label=f"{name} {first + column}")[0]
        for column in range(ys.shape[1])
    ]
    ax.legend(framealpha=0.9)
    return lines


def _minus(text: str) -> str:
    # The sliders' readouts print "−" (U+2212) for a minus sign; the readouts match them.
    return text.replace("-", "\u2212")


def saturation_figure(
    threshold: float = 0.01, z_range: tuple[float, float] = (-10.0, 10.0)
) -> tuple[Figure, Axes, Callable[[float], list[str]]]:
    """σ and σ' with the saturated regions, where σ'(z) < ``threshold``, shaded.

    Introduced in ``notebooks/03_vanishing_gradients.ipynb``. σ'(z) < c exactly when
    |z| > z_c = 2 artanh(√(1 − 4c)) (solve σ(1 − σ) = c for σ), so the "live" band where a
    unit still passes back at least c of the gradient is (−z_c, z_c).

    Parameters
    ----------
    threshold : float
        The level c, strictly between 0 and 1/4 (the maximum of σ').
    z_range : (float, float)
        The interval of z drawn.

    Returns
    -------
    (Figure, Axes, update)
        ``update(threshold)`` moves the shading and the level line and returns the key
        numbers, e.g. ``["σ' < c for |z| > 4.585", "live band width = 9.17"]``; it is the
        update function of a slider (see :func:`helpers.widgets.interactive_figure`). What
        it moves, and what is drawn over that, is ``animated`` (:func:`animate`): show the
        figure with a widget or :func:`helpers.widgets.figure_png`, not ``savefig``.

    Raises
    ------
    ValueError
        If ``threshold`` is not strictly between 0 and 1/4.

    Examples
    --------
    >>> from helpers.plotting import saturation_figure
    >>> fig, ax, update = saturation_figure(0.01)
    >>> update(0.01)
    ["σ' < c for |z| > 4.585", 'live band width = 9.17']
    >>> update(0.1)[0]
    "σ' < c for |z| > 2.063"
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    fig, ax, _ = sigmoid_figure(z_range)
    ax.set_title("σ saturates: σ'(z) < c in the shaded regions")
    low, high = z_range
    shade = {"color": OKABE_ITO["vermillion"], "alpha": 0.15, "linewidth": 0}
    left = ax.axvspan(low, low, **shade, label="saturated: σ'(z) < c")
    right = ax.axvspan(high, high, **shade)
    level = ax.axhline(threshold, color=OKABE_ITO["vermillion"], linewidth=1.5, linestyle="--")
    ax.legend(loc="upper left", framealpha=0.9)
    animate(left, right, level)  # and the curves and legend drawn over them

    def update(threshold: float) -> list[str]:
        if not (isinstance(threshold, (int, float)) and 0.0 < threshold < 0.25):
            raise ValueError(
                f"saturation_figure(): threshold must be strictly between 0 and 1/4, "
                f"got {threshold!r}"
            )
        z_c = 2.0 * math.atanh(math.sqrt(1.0 - 4.0 * threshold))
        left.set_x(low)
        left.set_width(max(-z_c - low, 0.0))
        right.set_x(min(z_c, high))
        right.set_width(max(high - z_c, 0.0))
        level.set_ydata([threshold, threshold])
        return [f"σ' < c for |z| > {z_c:.3f}", f"live band width = {2 * z_c:.2f}"]

    update(threshold)
    return fig, ax, update


def chain_figure(
    depth: int = 10, weight: float = 1.0, *, max_depth: int = 30
) -> tuple[Figure, Axes, Callable[[float, float], list[str]]]:
    """How the gradient through a chain of sigmoid neurons shrinks (or grows) with depth.

    Introduced in ``notebooks/03_vanishing_gradients.ipynb``. In a chain of one-neuron
    layers, each layer multiplies the gradient by w·σ'(z_k); the figure shows the product
    of the first k factors, on a log scale, in two cases:

    * every z_k = 0 (biases chosen to make it so): the largest possible product, (|w|/4)^k;
    * biases 0 and input 1: z_1 = w, z_k = w·σ(z_{k−1}); for |w| > 4 the z grow too and σ'
      collapses, so even large weights do not keep the gradient alive.

    Parameters
    ----------
    depth : int
        Number of layers n shown (1 to ``max_depth``).
    weight : float
        The weight w shared by every layer (not 0).
    max_depth : int
        The width of the horizontal axis.

    Returns
    -------
    (Figure, Axes, update)
        ``update(depth, weight)`` redraws both products and returns the key numbers:
        ``(|w|/4)ⁿ`` and the product for biases 0. Both and the legend are ``animated``
        (see :func:`saturation_figure`).

    Raises
    ------
    ValueError
        If ``depth`` is not in 1..max_depth or ``weight`` is 0 or not finite.

    Examples
    --------
    >>> from helpers.plotting import chain_figure
    >>> fig, ax, update = chain_figure()
    >>> update(10, 1.0)
    ['(|w|/4)ⁿ = 9.54e−07', 'biases 0: 2.78e−07']
    >>> update(10, 6.0)[0]  # |w| > 4: the best case explodes
    '(|w|/4)ⁿ = 5.77e+01'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from helpers.activations import sigmoid, sigmoid_derivative

    fig, ax = new_figure(
        "The gradient through n sigmoid layers", "layer k", "|product of k factors w·σ'(z)|"
    )
    ax.set_yscale("log")
    ax.set_xlim(0.5, max_depth + 0.5)
    ax.set_ylim(1e-30, 1e10)
    # Ticks every 5 decades and no minor ticks: 40 decades of minor ticks and grid lines
    # would double the time of each redraw.
    ax.yaxis.set_major_locator(mpl.ticker.LogLocator(base=10.0, numticks=9))
    ax.yaxis.set_minor_locator(mpl.ticker.NullLocator())
    ax.axhline(1.0, color=OKABE_ITO["black"], linewidth=1.0, linestyle=":")
    (best,) = ax.plot([], [], marker="o", markersize=5, label="every z = 0: (|w|/4)ᵏ")
    (zero_bias,) = ax.plot([], [], marker="s", markersize=5, label="biases 0, input 1")
    ax.legend(loc="lower left", framealpha=0.9)
    animate(best, zero_bias)  # and the legend over them

    def update(depth: float, weight: float) -> list[str]:
        n = round(depth)
        if not (1 <= n <= max_depth) or not math.isfinite(weight) or weight == 0:
            raise ValueError(
                f"chain_figure(): needs 1 <= depth <= {max_depth} and a finite weight != 0, "
                f"got depth={depth!r}, weight={weight!r}"
            )
        k = np.arange(1, n + 1)
        bound = (abs(weight) / 4.0) ** k
        z = np.empty(n)
        a = 1.0
        for i in range(n):
            z[i] = weight * a
            a = float(sigmoid(z[i]))
        product = np.cumprod(np.abs(weight * sigmoid_derivative(z)))
        best.set_data(k, bound)
        zero_bias.set_data(k, product)
        return [
            _minus(f"(|w|/4)ⁿ = {bound[-1]:.2e}"),
            _minus(f"biases 0: {product[-1]:.2e}"),
        ]

    update(depth, weight)
    return fig, ax, update


def layer_speeds_figure(
    epochs: ArrayLike,
    speeds: ArrayLike,
    title: str,
    *,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    figsize: tuple[float, float] | None = None,
) -> tuple[Figure, Axes]:
    """Each hidden layer's speed of learning ‖∂C/∂b‖ over training, on a log scale.

    Introduced in ``notebooks/03_vanishing_gradients.ipynb``; the speeds come from
    :func:`helpers.network.train` (its ``"speeds"`` history), or their mean over seeds.

    Parameters
    ----------
    epochs : array_like, shape (n_epochs,)
    speeds : array_like, shape (n_epochs, n_hidden)
        One line per hidden layer, labelled "hidden layer 1" (next to the input) onwards.
    title : str
    low, high : array_like, shape (n_epochs, n_hidden), optional
        A band drawn around each line, e.g. the smallest and largest value over seeds.
    figsize : (float, float), optional

    Returns
    -------
    (Figure, Axes)

    Raises
    ------
    ValueError
        If the shapes do not match or a speed is not positive (a log scale needs > 0).

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.plotting import layer_speeds_figure
    >>> fig, ax = layer_speeds_figure([0, 1], [[0.01, 0.1], [0.02, 0.1]], "Speeds")
    >>> [line.get_label() for line in ax.get_lines()]
    ['hidden layer 1', 'hidden layer 2']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    x = np.asarray(epochs, dtype=float)
    y = np.asarray(speeds, dtype=float)
    if y.ndim != 2 or x.shape != (y.shape[0],):
        raise ValueError(
            f"layer_speeds_figure(): speeds must have shape (len(epochs), n_hidden), "
            f"got {y.shape} for {x.shape[0] if x.ndim == 1 else x.shape} epochs"
        )
    bands = [np.asarray(b, dtype=float) for b in (low, high) if b is not None]
    if any(b.shape != y.shape for b in bands) or len(bands) == 1:
        raise ValueError("layer_speeds_figure(): give both low and high, shaped like speeds")
    if not (np.all(y > 0) and all(np.all(b > 0) for b in bands)):
        raise ValueError("layer_speeds_figure(): speeds must be positive for a log scale")
    fig, ax = new_figure(title, "epoch", "speed of learning ‖∂C/∂b‖", figsize=figsize)
    ax.set_yscale("log")
    ax.xaxis.get_major_locator().set_params(integer=True)  # epochs are whole numbers
    lines = plot_layer_curves(ax, x, y)
    for layer, line in enumerate(lines):
        if bands:
            ax.fill_between(
                x, bands[0][:, layer], bands[1][:, layer], color=line.get_color(), alpha=0.15
            )
    return fig, ax


def plot_mean_and_range(
    ax: Axes,
    x: ArrayLike,
    values: ArrayLike,
    *,
    label: str,
    color: str | None = None,
    linestyle: str | tuple | None = None,
) -> Line2D:
    """Draw several runs of one quantity: their mean as a line, their min–max as a band.

    Introduced in ``notebooks/05_sigmoid_vs_tanh.ipynb`` for loss and accuracy curves over
    several seeds: the band shows the seed-to-seed spread.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    x : array_like, shape (n,)
        The common abscissa, e.g. the epochs.
    values : array_like, shape (runs, n)
        One row per run.
    label : str
        Legend label of the line (not empty).
    color, linestyle : optional
        Of the line and band; the next of the style's cycle otherwise.

    Returns
    -------
    Line2D
        The mean line.

    Raises
    ------
    ValueError
        If ``values`` is not 2-d with one column per ``x``, or the label is empty.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.plotting import new_figure, plot_mean_and_range
    >>> fig, ax = new_figure("Loss", "epoch", "loss")
    >>> line = plot_mean_and_range(ax, [0, 1, 2], [[3.0, 2.0, 1.0], [1.0, 1.0, 1.0]], label="a")
    >>> [float(v) for v in line.get_ydata()]
    [2.0, 1.5, 1.0]
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_label(label, "label", "plot_mean_and_range()")
    xs = np.asarray(x, dtype=float)
    runs = np.asarray(values, dtype=float)
    if xs.ndim != 1 or runs.ndim != 2 or runs.shape[1] != xs.size or runs.shape[0] == 0:
        raise ValueError(
            "plot_mean_and_range() needs values of shape (runs, len(x)), "
            f"got x of shape {xs.shape} and values of shape {runs.shape}"
        )
    (line,) = ax.plot(xs, runs.mean(axis=0), label=label, color=color, linestyle=linestyle)
    ax.fill_between(
        xs, runs.min(axis=0), runs.max(axis=0), color=line.get_color(), alpha=0.15, linewidth=0
    )
    return line


def plot_layer_speeds(
    ax: Axes,
    speeds: Mapping[str, ArrayLike],
    *,
    styles: Mapping[str, Mapping[str, object]] | None = None,
) -> dict[str, Line2D]:
    """Draw the speed of learning of each hidden layer against its depth, on a log scale.

    Introduced in ``notebooks/05_sigmoid_vs_tanh.ipynb``. A line that falls to the left
    means the first layers learn more slowly than the last (vanishing gradients); a flat
    line means every layer learns at the same speed.

    Parameters
    ----------
    ax : Axes
        Where to draw; its labels, log scale, integer ticks and legend are set here.
    speeds : mapping of str to array_like
        Legend label -> one positive speed per hidden layer, first layer first (as from
        ``helpers.network.layer_speeds``).
    styles : mapping of str to mapping, optional
        Extra keyword arguments of ``ax.plot`` per label, e.g. ``{"color": ...}``.

    Returns
    -------
    dict of str to Line2D

    Raises
    ------
    ValueError
        If ``speeds`` is empty or a speed is not positive and finite.

    Examples
    --------
    >>> from helpers.plotting import new_figure, plot_layer_speeds
    >>> fig, ax = new_figure("Speeds", "hidden layer", "speed")
    >>> lines = plot_layer_speeds(ax, {"sigmoid": [0.003, 0.017, 0.070, 0.285]})
    >>> ax.get_yscale(), [float(v) for v in lines["sigmoid"].get_xdata()]
    ('log', [1.0, 2.0, 3.0, 4.0])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    if not speeds:
        raise ValueError("plot_layer_speeds() needs at least one line of speeds")
    lines = {}
    depth = 0
    for label, values in speeds.items():
        v = np.asarray(values, dtype=float)
        if v.ndim != 1 or v.size == 0 or not np.all(np.isfinite(v)) or np.any(v <= 0):
            raise ValueError(
                f"plot_layer_speeds(): speeds[{label!r}] must be positive and finite, one per "
                f"hidden layer, got {values!r}"
            )
        depth = max(depth, v.size)
        extra = dict((styles or {}).get(label, {}))
        extra.setdefault("marker", "o")
        (lines[label],) = ax.plot(np.arange(1, v.size + 1), v, label=label, **extra)
    ax.set_yscale("log")
    ax.set_xticks(range(1, depth + 1))
    ax.set_xlabel("hidden layer (1 = nearest the input)")
    ax.set_ylabel("speed ‖∂C/∂b‖ (log scale)")
    ax.legend(fontsize=11)
    return lines


def plot_spread(
    ax: Axes,
    results: Mapping[str, ArrayLike],
    *,
    colors: Mapping[str, str] | None = None,
) -> None:
    """Draw each group's values as dots on its own row, with the group's mean as a bar.

    Introduced in ``notebooks/05_sigmoid_vs_tanh.ipynb`` to show the final accuracy of
    each configuration over its seeds: overlapping rows are differences the seeds can
    explain, separate rows are not.

    Parameters
    ----------
    ax : Axes
        Where to draw; the rows are labelled on the y axis, first group at the top.
    results : mapping of str to array_like
        Row label -> its values (e.g. one test accuracy per seed).
    colors : mapping of str to str, optional
        Colour per row; black otherwise.

    Raises
    ------
    ValueError
        If ``results`` is empty or a row has no finite value.

    Examples
    --------
    >>> from helpers.plotting import new_figure, plot_spread
    >>> fig, ax = new_figure("Accuracy", "test accuracy", "configuration")
    >>> plot_spread(ax, {"a": [0.8, 0.9], "b": [0.5, 0.6, 0.7]})
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    if not results:
        raise ValueError("plot_spread() needs at least one row")
    labels = list(results)
    for row, label in enumerate(labels):
        v = np.asarray(results[label], dtype=float).ravel()
        if v.size == 0 or not np.all(np.isfinite(v)):
            raise ValueError(f"plot_spread(): results[{label!r}] needs finite values, got {v}")
        y = len(labels) - 1 - row
        color = (colors or {}).get(label, OKABE_ITO["black"])
        ax.plot(v, np.full(v.size, y), "o", color=color, markersize=9, alpha=0.8, linestyle="")
        ax.plot([v.mean()] * 2, [y - 0.3, y + 0.3], color=color, linewidth=3, linestyle="-")
    ax.set_yticks(range(len(labels) - 1, -1, -1), labels)
    ax.set_ylim(-0.6, len(labels) - 0.4)
