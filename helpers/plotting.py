"""One plotting style for the whole collection, and the figure set-ups the notebooks share.

Introduced in ``notebooks/01_sigmoid.ipynb``. The style is made for projection and print:
the Okabe–Ito colour-blind-safe palette, a distinct line style per colour (figures survive
grayscale printing), large fonts, and a title and labelled axes on every figure.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = [
    "OKABE_ITO",
    "figure_description",
    "figure_problems",
    "new_figure",
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
_STYLE_FILE = Path(__file__).with_name("sigmoid.mplstyle")


def use_style() -> None:
    """Apply the collection's plotting style, ``helpers/sigmoid.mplstyle`` (idempotent).

    In IPython it also checks every figure before it is shown: a figure without a title or
    an axis label prints a "Style problem" line into the cell's output, which nbval compares.
    """
    plt.style.use(_STYLE_FILE)
    _watch_figures_in_ipython()


def figure_problems(fig: Figure) -> list[str]:
    """Say what a figure lacks of the collection's style: a title and both axis labels.

    Each axes needs a title (its own or the figure's ``suptitle``), an x and a y label (its
    own, the figure's ``supxlabel``/``supylabel``, or a neighbour's on a shared y axis); axes
    switched off and colour bars need none.

    Examples
    --------
    >>> from helpers.plotting import figure_problems, new_figure
    >>> fig, ax = new_figure("A title", "z", "")
    Traceback (most recent call last):
    ValueError: new_figure() needs a non-empty ylabel, got ''
    >>> fig, ax = new_figure("A title", "z", "σ(z)")
    >>> _ = ax.set_ylabel("")
    >>> figure_problems(fig)
    ["figure 'A title': an axes without a y label"]
    >>> import matplotlib.pyplot as plt; plt.close(fig)
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
            for problem in figure_problems(plt.figure(number)):
                print(f"Style problem: {problem}")

    shell.events.callbacks["post_execute"].insert(0, report)
    plt.close(plt.figure())  # start the inline backend now, so that it installs its formatter first
    shell.display_formatter.formatters["image/png"].for_type(Figure, _png_with_alt_text)
    _watching = True


def figure_description(fig: Figure) -> str:
    """The figure in words, for an alt text: its titles, axis labels and legend entries."""
    suptitle = fig._suptitle.get_text() if fig._suptitle else ""
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
    return png, {"alt": f"Figure: {figure_description(fig)}"}


def _check_label(text: object, name: str, where: str) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where} needs a non-empty {name}, got {text!r}")


def new_figure(
    title: str, xlabel: str, ylabel: str, *, figsize: tuple[float, float] | None = None
) -> tuple[Figure, Axes]:
    """A figure in the collection's style with one axes, its title and axis labels set.

    ``figsize`` is (width, height) in inches, the style's (9, 5) by default. Raises
    ValueError if the title or a label is empty (see :func:`figure_problems`).
    """
    for name, text in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        _check_label(text, name, "new_figure()")
    use_style()
    fig, ax = plt.subplots(figsize=figsize)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig, ax
