"""One plotting style for the whole collection, and the figure set-ups the notebooks share.

Introduced in ``notebooks/01_sigmoid.ipynb``. The style is made for projection and print:
the Okabe–Ito colour-blind-safe palette, a distinct line style per colour (figures survive
grayscale printing), large fonts, and a title and labelled axes on every figure.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["LINESTYLES", "OKABE_ITO", "STYLE", "centre_spines", "new_figure", "use_style"]

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
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"new_figure() needs a non-empty {name}, got {text!r}")
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
