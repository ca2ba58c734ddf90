"""Slider latency and bytes per update, in a real JupyterLab in headless Chromium.

One figure, notebook 02's tangent to σ (7.6 × 3.9 inches), is made interactive five ways and
measured side by side in the same run, then the main slider of every notebook:

* ``interact``: ``ipywidgets.interact`` with ``%matplotlib inline``, a new figure per change
  (the reference: what a notebook does without this project's help);
* ``interactive_output``: the same drawing through ``ipywidgets.interactive_output``;
* ``ipympl set_data``: ``%matplotlib widget``, the lines moved and ``draw_idle``;
* ``ipympl blit``: ``%matplotlib widget`` with matplotlib's blitting API (``restore_region``,
  ``draw_artist``, ``blit``);
* ``interactive_figure``: ``helpers.plotting``, the collection's way.

Each slider is set CHANGES times through its value box (after WARM_UP changes not counted);
a change is timed in the page from the Enter key to the new picture decoded and painted,
and the bytes the kernel sent to the page meanwhile are counted. Goal (issue 12), for
``interactive_figure`` over the tangent figure and every notebook's main slider: p50 at most
0.6 × the reference's p50 and p95 below the reference's p50. The last line says whether it
holds; the exit status is 1 when it does not.

Run: ``.venv/bin/python -m benchmarks.bench_slider_latency [--candidates-only]`` (needs
Chromium at /usr/bin/chromium; a few minutes). Absolute times differ between machines and
with load: compare the ratios.
"""

from __future__ import annotations

import statistics
import sys
import time

from tests.browser import lab

CHANGES = 30
WARM_UP = 2
GOAL_RATIO = 0.6

FIGURE = '''\
import matplotlib.pyplot as plt
import numpy as np
import ipywidgets as widgets
from IPython.display import display

from helpers import sigmoid, sigmoid_derivative
from helpers.plotting import OKABE_ITO, new_figure, use_style

use_style()


def tangent_figure(animated=False):
    """Notebook 02's figure; move(z0) moves the tangent and returns the readout."""
    z = np.linspace(-8.0, 8.0, 801)
    fig, ax = new_figure("The tangent to σ at z₀ has slope σ'(z₀)", "z", "σ(z), σ'(z)",
                         figsize=(7.6, 3.9))
    ax.axhline(0.0, color=OKABE_ITO["black"], linewidth=1)
    ax.axvline(0.0, color=OKABE_ITO["black"], linewidth=1)
    ax.plot(z, sigmoid(z), color=OKABE_ITO["blue"], label="σ(z)")
    ax.plot(z, sigmoid_derivative(z), "--", color=OKABE_ITO["vermillion"], label="σ'(z)")
    ax.set_xlim(-8.0, 8.0)
    ax.set_ylim(-0.08, 1.12)
    style = {"color": OKABE_ITO["black"], "animated": animated}  # the tangent's colour (00's key)
    (tangent,) = ax.plot([], [], "-", linewidth=1, label="tangent at z₀", **style)
    (point,) = ax.plot([], [], "o", markersize=10, **style)
    height_style = {**style, "color": OKABE_ITO["vermillion"]}  # a height of σ'
    (height,) = ax.plot([], [], ":o", markersize=6, label="height σ'(z₀)", **height_style)
    ax.legend(loc="upper left")

    def move(z0):
        s, ds = float(sigmoid(z0)), float(sigmoid_derivative(z0))
        ends = np.array([z0 - 2.0, z0 + 2.0])
        tangent.set_data(ends, s + ds * (ends - z0))
        point.set_data([z0], [s])
        height.set_data([z0, z0], [0.0, ds])
        return [f"σ(z₀) = {s:.4f}", f"σ'(z₀) = {ds:.4f}"]

    return fig, [tangent, point, height], move


slider = widgets.FloatSlider(value=1.5, min=-8.0, max=8.0, step=0.05, description="z₀")
'''
INLINE_DRAW = """\
def draw(z0):
    fig, _, move = tangent_figure()
    move(z0)
    plt.show()
"""
CANDIDATES = {
    "interact": [
        "%matplotlib inline\n" + FIGURE,
        INLINE_DRAW + "widgets.interact(draw, z0=slider);",
    ],
    "interactive_output": [
        "%matplotlib inline\n" + FIGURE,
        INLINE_DRAW + "output = widgets.interactive_output(draw, {'z0': slider})\n"
        "widgets.VBox([slider, output])",
    ],
    "ipympl set_data": [
        "%matplotlib widget\n" + FIGURE,
        """\
plt.ioff()
fig, _, move = tangent_figure()
fig.canvas.header_visible = fig.canvas.toolbar_visible = False


def changed(change):
    move(change.new)
    fig.canvas.draw_idle()


move(slider.value)
slider.observe(changed, names="value")
widgets.VBox([slider, fig.canvas])
""",
    ],
    "ipympl blit": [
        "%matplotlib widget\n" + FIGURE,
        """\
plt.ioff()
fig, moving, move = tangent_figure(animated=True)
fig.canvas.header_visible = fig.canvas.toolbar_visible = False
background = None


def drawn(event):  # matplotlib's blitting recipe: keep the background of each full draw
    global background
    background = fig.canvas.copy_from_bbox(fig.bbox)
    for artist in moving:
        fig.draw_artist(artist)


def changed(change):
    move(change.new)
    if background is None:
        fig.canvas.draw_idle()
        return
    fig.canvas.restore_region(background)
    for artist in moving:
        fig.draw_artist(artist)
    fig.canvas.blit(fig.bbox)


move(slider.value)
fig.canvas.mpl_connect("draw_event", drawn)
slider.observe(changed, names="value")
widgets.VBox([slider, fig.canvas])
""",
    ],
    "interactive_figure": [
        FIGURE + "from helpers.plotting import float_slider, interactive_figure\n",
        """\
fig, _, move = tangent_figure(animated=True)
interactive_figure(fig, move, z0=float_slider("z₀", 1.5, -8.0, 8.0, 0.05))
""",
    ],
}  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(browser, server: lab.Server, name: str) -> dict | None:
    """Time CHANGES changes of the notebook's main slider (the first slider of the first
    widget cell with a picture), each to a value spread over its range."""
    notebook = lab.open_notebook(browser, server, name)
    try:
        lab.start_run_all(notebook)
        lab.finish_run_all(notebook)
        problems = lab.run_problems(notebook)
        if problems:
            raise RuntimeError(f"{name} does not run cleanly in JupyterLab: {problems}")
        cells = [i for i in notebook.widget_cells()
                 if notebook.cell(i).locator("img, canvas").count()
                 and notebook.cell(i).locator(".widget-slider").count()]  # fmt: skip
        if not cells:
            return None
        cell = cells[0]
        slider = lab.sliders(notebook, cell)[0]
        latencies, sizes, missed = [], [], 0
        low, high = slider["low"], slider["high"]
        for i in range(WARM_UP + CHANGES):
            value = low + (0.1 + 0.8 * ((i * 0.6180339887) % 1.0)) * (high - low)
            del notebook.received[:]
            record = lab.change(notebook, cell, 0, lab.readout_text(value, slider["readout"]))
            notebook.wait_idle()
            if i < WARM_UP:
                continue
            if not record["changed"]:
                missed += 1
                continue
            latencies.append(record["painted"] - record["pressed"])
            sizes.append(sum(notebook.received))
        return {"latencies": latencies, "bytes": sizes, "missed": missed}
    finally:
        notebook.page.context.close()


def describe(name: str, result: dict) -> str:
    values = result["latencies"]
    return (
        f"{name:<34} p50={statistics.median(values):6.1f} ms  p95={percentile(values, 95):6.1f} ms"
        f"  bytes/update={statistics.median(result['bytes']) / 1024:5.1f} KB"
        f"  missed={result['missed']}"
    )


def main(arguments: list[str]) -> int:
    missing = lab.browser_missing()
    if missing:
        print(f"cannot run: {missing}")
        return 2
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    files = {f"bench_{name.replace(' ', '_')}.ipynb": cells for name, cells in CANDIDATES.items()}
    extra = {file: lab.new_notebook(*sources) for file, sources in files.items()}
    ours = []
    with lab.serve(extra) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(**lab.LAUNCH_ARGS)
        results = {}
        for (name, _), file in zip(CANDIDATES.items(), files, strict=True):
            results[name] = measure(browser, server, file)
            print(describe(name, results[name]), flush=True)
        ours.append(results["interactive_figure"])
        for name in [] if "--candidates-only" in arguments else lab.notebooks():
            result = measure(browser, server, name)
            if result is None:
                print(f"{name:<34} no interactive figure")
                continue
            print(describe(f"{name} (interactive_figure)", result), flush=True)
            ours.append(result)
        browser.close()
    reference = statistics.median(results["interact"]["latencies"])
    pooled = [value for result in ours for value in result["latencies"]]
    p50, p95 = statistics.median(pooled), percentile(pooled, 95)
    size = statistics.median([b for result in ours for b in result["bytes"]]) / 1024
    size_ref = statistics.median(results["interact"]["bytes"]) / 1024
    met = p50 <= GOAL_RATIO * reference and p95 < reference and not any(r["missed"] for r in ours)
    print(f"({time.monotonic() - started:.0f} s; interactive_figure over {len(ours)} figure(s), "
          f"{len(pooled)} changes)")  # fmt: skip
    print(
        f"{'goal met' if met else 'GOAL MISSED'}: interactive_figure p50={p50:.1f} ms "
        f"p95={p95:.1f} ms, reference interact p50={reference:.1f} ms, "
        f"ratio={p50 / reference:.2f} (goal <= {GOAL_RATIO}, and p95 < reference p50); "
        f"bytes/update {size:.1f} KB (reference {size_ref:.1f} KB)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
