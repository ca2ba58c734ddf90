"""A real JupyterLab (and Notebook 7) server and what the browser tests do in its pages.

Used by ``tests/browser`` (through pytest-playwright's ``browser`` fixture) and by
``benchmarks/bench_slider_latency.py``. The server runs from the project's environment on
127.0.0.1, on a free port with a random token, over a temporary copy of ``notebooks/``, with
its own user settings, config, data and runtime folders; the environment's own settings
(``make lab`` writes them) apply. Chromium is Debian's, never ``playwright install``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools import ROOT
from tools import notebooks as _notebooks
from tools.notebook_hygiene import output_problems

CHROMIUM = Path(os.environ.get("SIGMOID_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_VARIABLE = "SIGMOID_REQUIRE_BROWSER"  # set: a missing browser fails instead of skipping
AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"  # make test installs it
LAUNCH_ARGS = {
    "executable_path": str(CHROMIUM),
    "headless": True,
    "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"],
}  # fmt: skip
SCREENS = {"1366x768": (1366, 768), "1280x720": (1280, 720)}
# Render every cell, also off screen (JupyterLab 4.6 may skip them otherwise).
USER_SETTINGS = {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"}}


def notebooks() -> list[str]:
    return [path.name for path in _notebooks()]


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    if not AXE.is_file():
        return f"no axe-core at {AXE.relative_to(ROOT)} (make test-browser installs it)"
    return None


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    token: str
    root: Path  # the temporary copy of notebooks/
    log: Path

    def url(self, name: str, app: str = "lab") -> str:
        path = f"lab/tree/{name}?reset&" if app == "lab" else f"notebooks/{name}?"
        return f"http://127.0.0.1:{self.port}/{path}token={self.token}"

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None


@contextmanager
def serve(extra_notebooks: dict[str, dict] | None = None) -> Iterator[Server]:
    """Start ``jupyter lab`` (Notebook 7 is served at /notebooks too); always stop it."""
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-") as tmp:
        tmp_path = Path(tmp)
        root = tmp_path / "notebooks"
        shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".*"))
        for name, notebook in (extra_notebooks or {}).items():
            (root / name).write_text(json.dumps(notebook), encoding="utf-8")
        for plugin, values in USER_SETTINGS.items():
            path = tmp_path / "settings" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        env = {**os.environ, "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
        env.pop("JUPYTER_PLATFORM_DIRS", None)
        for variable in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                         "IPYTHONDIR", "MPLCONFIGDIR"):  # fmt: skip
            env[variable] = str(tmp_path / variable.lower())
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        token = secrets.token_hex(24)
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
            "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            f"--LabServerApp.user_settings_dir={tmp_path / 'settings'}",
            f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}", "--expose-app-in-browser",
            "--JupyterNotebookApp.expose_app_in_browser=True",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ]  # fmt: skip
        log = tmp_path / "server.log"
        with log.open("wb") as out:
            process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=out)
        server = Server(process, port, token, root, log)
        try:
            deadline = time.monotonic() + 60
            while True:
                with suppress(OSError):
                    server.api("status")
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter lab did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.25)
            yield server
        finally:
            _stop(server)


def _stop(server: Server) -> None:
    """Shut the kernels down, stop the server, then kill what is left of its own children."""
    import psutil

    children = []
    with suppress(psutil.Error):
        children = psutil.Process(server.process.pid).children(recursive=True)
    if server.process.poll() is None:
        with suppress(Exception):
            for session in server.api("sessions"):
                server.api(f"sessions/{session['id']}", method="DELETE")
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)
    for child in children:
        with suppress(ProcessLookupError, PermissionError):
            os.kill(child.pid, signal.SIGKILL)


# --- A notebook in a page ------------------------------------------------------------------

KERNEL_IDLE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""
CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map((cell, index) => ({
  index, type: cell.model.type, source: cell.model.sharedModel.getSource(),
  count: cell.model.type === 'code' ? cell.model.executionCount : null,
  outputs: cell.model.type === 'code' ? cell.model.outputs.toJSON() : [],
  tags: cell.model.getMetadata('tags') || []}))"""
RUN_DONE = """(upto) => {
  const cells = window.jupyterapp.shell.currentWidget.content.widgets.slice(0, upto)
    .filter((c) => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
  const prompt = (c) => (c.node.querySelector('.jp-InputPrompt') || {}).textContent || '';
  if (cells.every((c) => /^\\[\\d+\\]:$/.test(prompt(c)))) return true;
  const failed = cells.some((c) => c.model.outputs.toJSON().some((o) => o.output_type === 'error'));
  return failed && !cells.some((c) => prompt(c).includes('*'));  // run-all stops at an error
}"""
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# Errors of Notebook 7.6.5 itself, in any notebook (not of this project): two at start-up,
# and its fonts answered 403. A failed request is reported with its address instead.
UPSTREAM = re.compile(
    r"reading 'schema'|'filebrowser:open-path' not registered|^Failed to load resource"
    r"|^403 .*/static/notebook/\w+\.woff2?$"
)


@dataclass
class Notebook:
    """A notebook open in its own page, with the console errors seen there."""

    page: Any
    name: str
    errors: list[str] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)  # those run, as the run left them
    upto: int = 0  # the cells before this index are run
    received: list[int] = field(default_factory=list)

    def wait_idle(self, timeout_s: float = 120) -> None:
        for _ in range(2):  # idle, a moment, idle again: widget messages come in bursts
            self.page.wait_for_function(KERNEL_IDLE, timeout=timeout_s * 1000, polling=50)
            self.page.wait_for_timeout(100)

    def cell(self, index: int) -> Any:
        return self.page.locator(".jp-Notebook .jp-Cell").nth(index)

    def widget_cells(self) -> list[int]:
        return [c["index"] for c in self.cells if any(WIDGET_MIME in o.get("data", {})
                                                      for o in c["outputs"])]  # fmt: skip


def open_notebook(browser: Any, server: Server, name: str, app: str = "lab",
                  screen: str = "1366x768") -> Notebook:  # fmt: skip
    """Open ``name`` in a new page, in JupyterLab or Notebook 7; wait until it is loaded."""
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height})
    # No network beyond the server: anything else (the Binder badge) gets an empty answer.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda r: r.fulfill(status=204))
    context.add_init_script(PAGE_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    notebook = Notebook(page, name)
    received = notebook.received  # bytes of the kernel's messages, for the benchmark
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: received.append(len(data))))
    page.on("console", lambda m: m.type == "error" and notebook.errors.append(m.text))
    page.on("pageerror", lambda error: notebook.errors.append(f"page error: {error}"))
    page.on("response", lambda r: r.status >= 400 and notebook.errors.append(f"{r.status} {r.url}"))
    page.goto(server.url(name, app))
    page.wait_for_function(
        "(name) => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.context"
        " && window.jupyterapp.shell.currentWidget.context.path === name",
        arg=name,
        timeout=90_000,
    )
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    return notebook


def start_run_all(notebook: Notebook) -> None:
    """Clear the outputs and start running the cells, up to the last one that shows a widget
    (what follows needs no browser: nbval runs it). Not awaited: the command's promise has
    been seen to hang long after the run; retried when it does not start."""
    page = notebook.page
    path = ROOT / "notebooks" / notebook.name  # the saved outputs say where the widgets are
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"] if path.is_file() else []
    widgets = [i for i, c in enumerate(cells) for o in c.get("outputs", [])
               if WIDGET_MIME in o.get("data", {})]  # fmt: skip
    notebook.upto = max(widgets) + 1 if widgets else 10**6
    page.wait_for_function(KERNEL_IDLE, timeout=90_000, polling=100)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    run = """(upto) => {
      const notebook = window.jupyterapp.shell.currentWidget.content;
      if (upto >= notebook.widgets.length) {
        window.jupyterapp.commands.execute('notebook:run-all-cells');
      } else {
        notebook.activeCellIndex = upto;
        window.jupyterapp.commands.execute('notebook:run-all-above');
      }
    }"""
    for _attempt in range(3):
        page.evaluate(run, notebook.upto)
        with suppress(Exception):
            page.wait_for_function(
                """() => window.jupyterapp.shell.currentWidget.content.widgets.some(
                     (c) => c.model.type === 'code' && c.model.executionCount)""",
                timeout=20_000,
                polling=200,
            )
            return


def finish_run_all(notebook: Notebook, timeout_s: float = 300) -> list[dict]:
    notebook.page.wait_for_function(
        RUN_DONE, arg=notebook.upto, timeout=timeout_s * 1000, polling=250
    )
    notebook.wait_idle()
    notebook.cells = notebook.page.evaluate(CELLS)[: notebook.upto]
    return notebook.cells


def save(notebook: Notebook) -> None:
    notebook.page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    notebook.page.wait_for_function(
        "() => !window.jupyterapp.shell.currentWidget.context.model.dirty"
    )


def run_problems(notebook: Notebook) -> list[str]:
    """Error or stderr outputs, cells not run, console errors, widgets that failed to show."""
    found = [f"browser error: {text}" for text in notebook.errors if not UPSTREAM.search(text)]
    for cell in notebook.cells:
        if cell["type"] != "code" or not cell["source"].strip():
            continue
        where = f"cell {cell['index']}"
        if cell["count"] is None:
            found.append(f"{where} was not executed")
        found += [f"{where}: {p}" for p in output_problems(cell["outputs"], cell["tags"])]
    for index in notebook.widget_cells():
        text = notebook.cell(index).locator(".jp-Cell-outputArea").inner_text()
        if (
            "Error displaying widget" in text
            or not notebook.cell(index).locator(".jupyter-widgets").count()
        ):
            found.append(f"cell {index}: the widget does not show")
    return found


# --- Sliders ---------------------------------------------------------------------------------

SLIDERS = """(cell) => Array.from(cell.querySelectorAll('.widget-slider')).map((s) => {
  const handles = Array.from(s.querySelectorAll('.noUi-handle'));
  const num = (h, name) => parseFloat(h.getAttribute(name));
  return {label: ((s.querySelector('.widget-label') || {}).textContent || '').trim(),
          names: handles.map((h) => h.getAttribute('aria-label')),
          values: handles.map((h) => num(h, 'aria-valuenow')),
          low: num(handles[0], 'aria-valuemin'),
          high: num(handles[handles.length - 1], 'aria-valuemax'),
          readout: ((s.querySelector('.widget-readout') || {}).textContent || '').trim()};
})"""
# In every page: when a key was pressed, and how many pictures canvases drew (ipympl).
PAGE_SCRIPT = """
document.addEventListener('keydown', (e) => { window.__pressed = e.timeStamp; }, true);
window.__draws = 0;
const drawImage = CanvasRenderingContext2D.prototype.drawImage;
CanvasRenderingContext2D.prototype.drawImage = function (...args) {
  window.__draws += 1;
  return drawImage.apply(this, args);
};
"""
# Armed before a change: resolves when the cell's picture (or, without one, its text) has
# changed and been painted, with the smallest height the output area had meanwhile.
PROBE = """(area, text) => new Promise((resolve) => {
  const look = () => (Array.from(area.querySelectorAll('img')).map((i) => i.src).join('|')
    + (area.querySelector('canvas') ? window.__draws : '') || area.innerText)
    + (text ? area.innerText : '');
  const before = look();
  const start = area.getBoundingClientRect().height;
  let low = start;
  const sizes = new ResizeObserver((entries) => {
    for (const e of entries) low = Math.min(low, e.borderBoxSize[0].blockSize);
  });
  sizes.observe(area);
  const t0 = performance.now();
  const tick = () => {
    if (look() !== before) {
      Promise.all(Array.from(area.querySelectorAll('img')).map((i) => i.decode().catch(() => 0)))
        .then(() => requestAnimationFrame(() => requestAnimationFrame(() => {
          sizes.disconnect();
          resolve({changed: true, painted: performance.now(), start, low,
                   pressed: window.__pressed});
        })));
    } else if (performance.now() - t0 > 10000) {
      sizes.disconnect();
      resolve({changed: false, start, low});
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})"""


def sliders(notebook: Notebook, index: int) -> list[dict]:
    return notebook.cell(index).evaluate(SLIDERS)


def readout_text(value: float, like: str) -> str:
    """``value`` with as many decimals as the slider's readout ``like`` shows."""
    decimals = len(like.split(".")[1]) if "." in like else 0
    return f"{value:.{decimals}f}"


def change(notebook: Notebook, index: int, number: int, keys: list[str] | str) -> dict:
    """Press ``keys`` on a slider's first handle (then wait for the cell's text or picture to
    change), or type a str into its value box and press Enter (then wait for the picture to
    change and be painted). Returns the probe's record."""
    page = notebook.page
    slider = notebook.cell(index).locator(".widget-slider").nth(number)
    area = notebook.cell(index).locator(".jp-Cell-outputArea")
    probe = area.evaluate_handle(
        f"(area, text) => {{ window.__probe = ({PROBE})(area, text); }}", not isinstance(keys, str)
    )
    probe.dispose()
    if isinstance(keys, str):
        slider.locator(".widget-readout").click()
        page.keyboard.press("Control+A")
        page.keyboard.type(keys)
        page.keyboard.press("Enter")
    else:
        slider.locator(".noUi-handle").first.focus()
        for key in keys:
            page.keyboard.press(key)
    return page.evaluate("() => window.__probe")


def slider_problems(
    notebook: Notebook, keys: list[str] | None = None, first: bool = False
) -> list[str]:
    """Move every slider (or the ``first`` of each widget) once, by its value box or by
    ``keys`` on its first handle: the picture must change, the readout show the new value,
    the output not collapse meanwhile, and the notebook's cells stay as they were."""
    found = []
    layout = notebook.page.evaluate(CELLS)
    for index in notebook.widget_cells():
        for number, before in enumerate(sliders(notebook, index)[: 1 if first else None]):
            where = f"cell {index} slider {before['label']}"
            span = before["high"] - before["low"]
            if keys is None and len(before["values"]) == 1:
                step = before["values"][0] + span / 3
                target = step if step <= before["high"] else before["values"][0] - span / 3
                record = change(notebook, index, number, readout_text(target, before["readout"]))
            else:
                at_top = before["values"][0] >= before["high"]
                flip = {"ArrowRight": "ArrowLeft", "PageUp": "PageDown"}
                pressed = [flip.get(key, key) if at_top else key for key in keys or ["PageUp"]]
                record = change(notebook, index, number, pressed)
            notebook.wait_idle()
            after = sliders(notebook, index)[number]
            if (after["values"], after["readout"]) == (before["values"], before["readout"]):
                found.append(f"{where}: its value did not change")
            elif not record["changed"]:  # the picture, for a third of the range typed in
                found.append(f"{where}: moved to {after['readout']}, its output did not change")
            shown = _readout_shown(notebook, index, f"{after['label']} = {after['readout']}")
            if shown is not None:
                found.append(f"{where}: the readout shows {shown!r}, not {after['readout']}")
            if record["low"] < record["start"] - 20:
                found.append(f"{where}: the output collapsed from {record['start']:.0f} px to "
                             f"{record['low']:.0f} px during the update")  # fmt: skip
    now = notebook.page.evaluate(CELLS)
    if [(c["index"], c["type"], c["source"]) for c in now] != [
        (c["index"], c["type"], c["source"]) for c in layout
    ]:
        found.append("moving the sliders changed the notebook's cells (a key reached it)")
    return found


# The cell's own readout (helpers.plotting's, with its class) and whether it shows ``expected``.
# The kernel answers a slider in its own time (it may have been busy): the check waits for it.
READOUT_SHOWS = """([cell, expected]) => {
  const plain = (t) => t.replace(/[\u2212\u2013]/g, '-').split(/\\s+/).filter(Boolean).join(' ');
  const boxes = Array.from(cell.querySelectorAll('.sigmoid-readout'));
  return !boxes.length || plain(boxes.map((b) => b.innerText).join(' ')).includes(plain(expected));
}"""


def _readout_shown(
    notebook: Notebook, index: int, expected: str, timeout_s: float = 15
) -> str | None:
    """None once the cell's readout shows ``expected`` (or it has none); else what it shows
    after ``timeout_s``."""
    from playwright.sync_api import TimeoutError as Timeout

    cell = notebook.cell(index)
    try:
        notebook.page.wait_for_function(READOUT_SHOWS, arg=[cell.element_handle(), expected],
                                        timeout=timeout_s * 1000, polling=100)  # fmt: skip
        return None
    except Timeout:
        return _plain(" ".join(cell.locator(".sigmoid-readout").all_inner_texts()))


def _plain(text: str) -> str:
    return " ".join(re.sub("[\u2212\u2013]", "-", text).split())


# --- Screens and accessibility --------------------------------------------------------------

# The figure widget of a cell scrolled to the top of the notebook's scroll area: what of it
# stays out of view, and whether its picture is shown at its own size.
FIT = """(cell) => {
  const box = cell.querySelector('.jp-OutputArea-output .widget-vbox');
  const scroller = cell.closest('.jp-WindowedPanel-outer') || cell.closest('.jp-NotebookPanel');
  box.scrollIntoView({block: 'start'});
  const view = scroller.getBoundingClientRect();
  const area = box.closest('.jp-OutputArea-output').getBoundingClientRect();
  const r = box.getBoundingClientRect();
  const img = box.querySelector('img');
  const pic = img.getBoundingClientRect();
  return {below: r.bottom - view.bottom, above: view.top - r.top,
          right: Math.max(r.right, pic.right) - Math.min(view.right, area.right),
          shown: [pic.width, pic.height],
          natural: [img.naturalWidth, img.naturalHeight],
          fileBrowser: !!document.querySelector('#filebrowser:not(.lm-mod-hidden)')};
}"""


def screen_problems(notebook: Notebook, screen: str) -> list[str]:
    """At ``screen``, each interactive figure, sliders and picture, fits the notebook's view
    at once, undistorted; the file browser is open and no news prompt covers anything."""
    width, height = SCREENS[screen]
    page = notebook.page
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(400)
    found = []
    if page.locator(".jp-toast-message").filter(has_text=re.compile("news", re.I)).count():
        found.append("JupyterLab asks about news (the environment's overrides.json is missing)")
    for index in notebook.widget_cells():
        if not notebook.cell(index).locator(".widget-vbox img").count():
            continue
        fit = notebook.cell(index).evaluate(FIT)
        where = f"{screen} cell {index}"
        if not fit["fileBrowser"]:
            found.append(f"{where}: the file browser is not open (not the default layout)")
        for side in ("above", "below", "right"):
            if fit[side] > 1:
                found.append(f"{where}: the figure widget is cut {fit[side]:.0f} px on the {side}")
        if any(abs(a - b) > 0.5 for a, b in zip(fit["shown"], fit["natural"], strict=True)):
            found.append(f"{where}: the picture is {fit['shown']} px, drawn at {fit['natural']}")
    return found


def axe_problems(notebook: Notebook) -> list[str]:
    """axe-core's serious and critical violations in the outputs of the widget cells."""
    page = notebook.page
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    found = []
    for index in notebook.widget_cells():
        violations = (
            notebook.cell(index)
            .locator(".jp-Cell-outputArea")
            .evaluate(
                """async (area) => (await axe.run(area, {resultTypes: ['violations']})).violations
                 .filter((v) => ['serious', 'critical'].includes(v.impact))
                 .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.html.slice(0, 80))}`)"""
            )
        )
        found += [f"cell {index}: {v}" for v in violations]
    return found


# --- The checks' own control -----------------------------------------------------------------

CONTROL_NOTEBOOK = "control_broken.ipynb"
_CONTROL_SETUP = """\
import time

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display


def broken(collapse=False, readout_lies=False, inches=(6, 3)):
    slider = widgets.FloatSlider(value=0.0, min=-6.0, max=6.0, step=0.5, description="z₀")
    readout, out = widgets.HTML(), widgets.Output()
    readout.add_class("sigmoid-readout")

    def update(change=None):
        with out:
            out.clear_output(wait=not collapse)
            time.sleep(0.3 if collapse else 0)  # a slow redraw: the collapse shows
            fig, ax = plt.subplots(figsize=inches)
            ax.plot([slider.value], [0], "o")
            plt.show()
        readout.value = f"z₀ = {0.0 if readout_lies else slider.value:.2f}"

    slider.observe(update, names="value")
    update()
    display(widgets.VBox([slider, readout, out]))
"""
# Each cell of the control notebook, and what the checks must say about it.
CONTROL_CELLS = {
    "broken(collapse=True)": "collapsed",
    "broken(readout_lies=True)": "the readout shows",
    "broken(inches=(6, 7))": "cut",
    "raise ValueError('on purpose')": "error output: ValueError",
}


def new_notebook(*sources: str) -> dict:
    """A notebook of code cells, for the Python 3 kernel."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    return notebook


def control_notebook() -> dict:
    return new_notebook("%matplotlib inline\n" + _CONTROL_SETUP, *CONTROL_CELLS)
