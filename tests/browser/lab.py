"""A real JupyterLab in headless Chromium: start it, open a notebook, run it, move its sliders.

Used by the browser tests (``tests/browser/test_lab.py``) and by the slider-latency
benchmark (``benchmarks/bench_slider_latency.py``). The server runs from the project's
environment on 127.0.0.1, on a free port with a random token, over a temporary copy of
``notebooks/`` (the tracked notebooks are never saved over), with its own settings,
config, data and runtime folders. Chromium is Debian's (``/usr/bin/chromium``), driven by
Playwright from PyPI; ``playwright install`` is never needed.
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

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
CHROMIUM = Path(os.environ.get("SIGMOID_CHROMIUM", "/usr/bin/chromium"))
# .ci/run sets this: then a missing browser fails the browser tests instead of skipping them.
REQUIRE_VARIABLE = "SIGMOID_REQUIRE_BROWSER"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}

# JupyterLab user settings: render every cell (4.6 may otherwise skip off-screen ones)
# and make no network calls for news or updates.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}

# What counts as a plot in an output area: an inline matplotlib image or an ipympl canvas.
PLOT_SELECTOR = ".jp-OutputArea-output img, .jupyter-matplotlib-canvas-div canvas:first-child"


def notebooks() -> list[Path]:
    """The notebooks of the collection, in reading order (new ones are picked up here)."""
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-test.txt)"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    """A running ``jupyter lab``; use :func:`lab_server` to start and always stop it."""

    process: subprocess.Popen
    port: int
    token: str
    root: Path  # the temporary copy of notebooks/
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/{notebook}?reset&token={self.token}"

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"{self.base}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def _write_settings(folder: Path) -> None:
    for name, value in LAB_SETTINGS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")


@contextmanager
def lab_server(extra_notebooks: dict[str, dict] | None = None) -> Iterator[LabServer]:
    """Start JupyterLab over a temporary copy of ``notebooks/``; stop it on exit, always.

    ``extra_notebooks`` maps file names to notebook JSON written beside the copies
    (the benchmark's reference notebook).
    """
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-") as tmp:
        tmp_path = Path(tmp)
        root = tmp_path / "notebooks"
        root.mkdir()
        for path in notebooks():
            shutil.copy2(path, root / path.name)
        for name, notebook in (extra_notebooks or {}).items():
            (root / name).write_text(json.dumps(notebook), encoding="utf-8")
        settings = tmp_path / "lab-settings"
        _write_settings(settings)
        env = dict(os.environ)
        for variable, sub in [
            ("JUPYTER_CONFIG_DIR", "config"),
            ("JUPYTER_DATA_DIR", "data"),
            ("JUPYTER_RUNTIME_DIR", "runtime"),
            ("IPYTHONDIR", "ipython"),
            ("MPLCONFIGDIR", "matplotlib"),
        ]:
            (tmp_path / sub).mkdir()
            env[variable] = str(tmp_path / sub)
        # The environment's own kernel spec and lab extensions (ipywidgets, ipympl).
        env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
        env.pop("JUPYTER_PLATFORM_DIRS", None)
        port, token = _free_port(), secrets.token_hex(24)
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--LabServerApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
            "--expose-app-in-browser",
            "--LabApp.news_url=",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        log = tmp_path / "server.log"
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                command, cwd=root, env=env, stdout=log_file, stderr=subprocess.STDOUT
            )
        server = LabServer(process, port, token, root, log)
        try:
            _wait_until_up(server)
            yield server
        finally:
            _stop(server)


def _wait_until_up(server: LabServer, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited at start:\n{server.log_tail()}")
        with suppress(OSError):
            server.api("status")
            return
        time.sleep(0.25)
    raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{server.log_tail()}")


def _children(pid: int) -> list[int]:
    import psutil

    with suppress(psutil.Error):
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    return []


def _stop(server: LabServer) -> None:
    """Shut the kernels down, stop the server, then kill any of its own children left."""
    children = _children(server.process.pid)
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
    for pid in children:
        with suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright; yields the Browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# --- In the page ---------------------------------------------------------------------

# Installed before JupyterLab loads: records ipympl canvas draws, the time of the last
# Enter key press (the slider change), and offers a probe that waits for the plot of an
# output area to change and be painted, watching its height and its plots meanwhile.
PAGE_SCRIPT = r"""
(() => {
  const PLOTS = __PLOTS__;
  window.__draws = new WeakMap();
  const drawImage = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    const result = drawImage.apply(this, args);
    const n = (window.__draws.get(this.canvas) || 0) + 1;
    window.__draws.set(this.canvas, n);
    return result;
  };
  window.__enterAt = null;
  // The last key pressed (Enter in a slider's value box, or Home/End on a handle):
  // the moment of the change, as the browser saw it.
  document.addEventListener('keydown', (e) => { window.__enterAt = e.timeStamp; }, true);
  const signature = (root) => Array.from(root.querySelectorAll(PLOTS)).map((el) =>
    el.tagName === 'IMG' ? el.src : 'canvas:' + (window.__draws.get(el) || 0)
      + ':' + el.width + 'x' + el.height).join('|');
  window.__plotSignature = signature;
  // The text of an output area without its sliders (whose readouts change at once).
  const textSignature = (root) => {
    const copy = root.cloneNode(true);
    copy.querySelectorAll('.widget-slider, .widget-readout').forEach((e) => e.remove());
    return copy.textContent;
  };
  window.__textSignature = textSignature;
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  // Arm before the change; the returned promise resolves once the plots differ from
  // `before` and the new ones are decoded and painted (two animation frames).
  window.__armProbe = (root, before, timeoutMs, mode) => {
    const sig = mode === 'text' ? textSignature : signature;
    const state = {minHeight: root.getBoundingClientRect().height, startHeight: 0,
                   blank: false, plotsBefore: root.querySelectorAll(PLOTS).length};
    state.startHeight = state.minHeight;
    // Heights as laid out for painting (ResizeObserver runs just before a frame is
    // painted), not as forced by a read in the middle of a DOM update.
    const resize = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const height = entry.borderBoxSize ? entry.borderBoxSize[0].blockSize
          : entry.contentRect.height;
        state.minHeight = Math.min(state.minHeight, height);
      }
    });
    resize.observe(root);
    const readout = () => Array.from(root.querySelectorAll('.sigmoid-readout'))
      .map((e) => e.textContent).join('|');
    const readoutBefore = readout();
    let readoutAt = null;
    let done = false;
    const finish = (result) => {
      done = true;
      mutations.disconnect(); resize.disconnect();
      window.__probeResolve(Object.assign(result, {
        minHeight: state.minHeight, startHeight: state.startHeight, blank: state.blank,
        readoutAt, enterAt: window.__enterAt}));
    };
    // Checked on every DOM change (a new image or src shows up at once) and on every
    // animation frame (an ipympl canvas is redrawn without any DOM change).
    const check = () => {
      if (done) return;
      if (state.plotsBefore > 0 && root.querySelectorAll(PLOTS).length === 0) state.blank = true;
      if (readoutAt === null && readout() !== readoutBefore) readoutAt = performance.now();
      const now = sig(root);
      if (now !== before) {
        done = true;
        const images = Array.from(root.querySelectorAll('img'));
        Promise.all(images.map((img) => img.decode().catch(() => null))).then(frames)
          .then(() => finish({changed: true, painted: performance.now(), signature: now,
                              endHeight: root.getBoundingClientRect().height}));
      }
    };
    const mutations = new MutationObserver(check);
    mutations.observe(root, {childList: true, subtree: true, attributes: true,
                             characterData: true});
    window.__probe = new Promise((resolve) => { window.__probeResolve = resolve; });
    const t0 = performance.now();
    const tick = () => {
      check();
      if (done) return;
      if (performance.now() - t0 > timeoutMs) finish({changed: false});
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return true;
  };
})();
""".replace("__PLOTS__", json.dumps(PLOT_SELECTOR))

KERNEL_IDLE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session
    && panel.sessionContext.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""

# Code cells with source; for each: execution count, output types, and tags.
CELL_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return panel.content.widgets.map((cell, index) => {
    const model = cell.model;
    const source = model.sharedModel.getSource();
    const outputs = model.type === 'code' ? model.outputs.toJSON() : [];
    return {index, type: model.type, source, count: model.type === 'code' ?
      model.executionCount : null, outputs, tags: model.getMetadata('tags') || []};
  });
}"""


@dataclass
class OpenNotebook:
    """A notebook open in a page, with the console errors seen since it opened."""

    page: Any
    name: str
    console_errors: list[str] = field(default_factory=list)

    def cells(self) -> list[dict]:
        return self.page.evaluate(CELL_STATE)

    def cell_node(self, index: int) -> Any:
        return self.page.locator(".jp-Notebook .jp-Cell").nth(index)

    def wait_idle(self, timeout: float = 60.0, settle_ms: int = 300) -> None:
        self.page.wait_for_function(KERNEL_IDLE, timeout=timeout * 1000, polling=100)
        self.page.wait_for_timeout(settle_ms)
        self.page.wait_for_function(KERNEL_IDLE, timeout=timeout * 1000, polling=100)


EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'


def _offline(route: Any) -> None:
    if route.request.url.split("?")[0].endswith(".svg"):
        route.fulfill(status=200, content_type="image/svg+xml", body=EMPTY_SVG)
    else:
        route.fulfill(status=204, body="")


def open_notebook(browser: Any, server: LabServer, name: str) -> OpenNotebook:
    """Open ``name`` in a new page and wait for its kernel to be connected and idle."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(PAGE_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    opened = OpenNotebook(page, name)

    def on_console(message: Any) -> None:
        if message.type == "error":
            opened.console_errors.append(message.text)

    page.on("console", on_console)
    # No network: anything not from the local server (the Binder badge image) gets an
    # empty answer here instead of a failed request in the console.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), _offline)
    page.on("pageerror", lambda error: opened.console_errors.append(f"page error: {error}"))
    page.goto(server.url(name))
    page.wait_for_function(
        """(name) => window.jupyterapp && window.jupyterapp.shell.currentWidget
             && window.jupyterapp.shell.currentWidget.context
             && window.jupyterapp.shell.currentWidget.context.path === name""",
        arg=name,
        timeout=90_000,
    )
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    opened.wait_idle(timeout=90)
    return opened


def run_all(notebook: OpenNotebook, timeout: float = 300.0) -> list[dict]:
    """Run all cells and wait until every code cell has a count and the kernel is idle."""
    page = notebook.page
    deadline = time.monotonic() + timeout
    # Clear first: the saved notebook already has counts 1..n, which a fresh run repeats.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(
        """() => window.jupyterapp.shell.currentWidget.content.widgets.every(
             (c) => c.model.type !== 'code' || c.model.executionCount === null)""",
        timeout=20_000,
    )
    for _attempt in range(3):
        # Not awaited: the command's promise has been seen to hang long after the run.
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        with suppress(Exception):
            page.wait_for_function(
                """() => window.jupyterapp.shell.currentWidget.content.widgets.some(
                     (c) => c.model.type === 'code' && c.model.executionCount)""",
                timeout=20_000,
                polling=200,
            )
            break
    remaining = max(deadline - time.monotonic(), 1.0)
    # Done when every code cell shows its count, or, as run-all stops at an error, when
    # an error is shown and nothing runs any more (the checks then report the rest).
    page.wait_for_function(
        """(idle) => {
             const cells = window.jupyterapp.shell.currentWidget.content.widgets
               .filter((c) => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
             const prompt = (c) => (c.node.querySelector('.jp-InputPrompt') || {}).textContent
               || '';
             if (cells.every((c) => c.model.executionCount !== null
                                    && /^\\[\\d+\\]:$/.test(prompt(c)))) return true;
             const failed = cells.some((c) => c.model.outputs.toJSON().some(
               (o) => o.output_type === 'error'));
             return failed && !cells.some((c) => prompt(c).includes('*')) && eval(idle)();
           }""",
        arg=KERNEL_IDLE,
        timeout=remaining * 1000,
        polling=200,
    )
    notebook.wait_idle(timeout=remaining)
    return notebook.cells()


# --- Sliders ---------------------------------------------------------------------------

NUMBER = re.compile(r"[-+−]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text`` (the Unicode minus counts as a minus)."""
    return [float(match.replace("−", "-")) for match in NUMBER.findall(text)]


SLIDER_STATE = """(cell) => Array.from(cell.querySelectorAll('.widget-slider')).map((s) => {
  const handles = Array.from(s.querySelectorAll('.noUi-handle'));
  const num = (name) => handles.length ? parseFloat(handles[0].getAttribute(name)) : NaN;
  return {
    description: ((s.querySelector('.widget-label') || {}).textContent || '').trim(),
    value: num('aria-valuenow'), minimum: num('aria-valuemin'), maximum: num('aria-valuemax'),
    values: handles.map((h) => parseFloat(h.getAttribute('aria-valuenow'))),
    range: handles.length === 2,
    readout: ((s.querySelector('.widget-readout') || {}).textContent || '').trim(),
    editable: !!s.querySelector('.widget-readout[contenteditable="true"]'),
  };
})"""


def sliders_of(notebook: OpenNotebook, cell: int) -> list[dict]:
    return notebook.cell_node(cell).evaluate(SLIDER_STATE)


def target_value(slider: dict, step: float | None = None) -> float:
    """A value about a third of the range away from the current one, inside the range."""
    low, high, value = slider["minimum"], slider["maximum"], slider["value"]
    span = high - low
    target = value + span / 3 if value + span / 3 <= high else value - span / 3
    if step:
        target = low + round((target - low) / step) * step
    return min(max(target, low), high)


def readout_text(value: float, like: str) -> str:
    """Write ``value`` with as many decimals as the slider's own readout ``like`` shows."""
    decimals = len(like.split(".")[1]) if "." in like else 0
    return f"{value:.{decimals}f}"


def set_slider(notebook: OpenNotebook, cell: int, index: int, text: str) -> None:
    """Type ``text`` into a slider's value box and press Enter, as a student would.

    A range slider's lower handle is sent to the minimum instead (key Home), or, when it is
    there already, its upper handle to the maximum (key End).
    """
    slider = notebook.cell_node(cell).locator(".widget-slider").nth(index)
    handles = slider.locator(".noUi-handle")
    if handles.count() == 2:
        state = sliders_of(notebook, cell)[index]
        at_min = state["values"][0] <= state["minimum"]
        handles.nth(1 if at_min else 0).focus()
        notebook.page.keyboard.press("End" if at_min else "Home")
        return
    box = slider.locator(".widget-readout")
    box.click()
    notebook.page.keyboard.press("Control+A")
    notebook.page.keyboard.type(text)
    notebook.page.keyboard.press("Enter")


def output_text(notebook: OpenNotebook, cell: int) -> str:
    """The text of a cell's outputs (readouts, printed values), sliders excluded."""
    return notebook.cell_node(cell).evaluate(
        """(cell) => {
          const area = cell.querySelector('.jp-Cell-outputArea');
          return area ? window.__textSignature(area) : '';
        }"""
    )


def plot_signature(notebook: OpenNotebook, cell: int) -> str:
    return notebook.cell_node(cell).evaluate("(cell) => window.__plotSignature(cell)")


def change_and_time(
    notebook: OpenNotebook, cell: int, index: int, text: str, timeout_ms: int = 10_000
) -> dict:
    """Set a slider and wait for the cell's plot (or printed output) to change and paint.

    Returns the probe's record: ``latency_ms`` from the Enter key press to the new output
    painted, the output area's smallest height during the update, and whether its plots
    ever disappeared.
    """
    node = notebook.cell_node(cell)
    area = node.locator(".jp-Cell-outputArea")
    has_plot = node.locator(PLOT_SELECTOR).count() > 0
    mode = "plots" if has_plot else "text"
    before = area.evaluate(
        "(a, mode) => mode === 'text' ? window.__textSignature(a) : window.__plotSignature(a)", mode
    )
    area.evaluate(
        "(a, args) => window.__armProbe(a, args[0], args[1], args[2])", [before, timeout_ms, mode]
    )
    set_slider(notebook, cell, index, text)
    record = notebook.page.evaluate("() => window.__probe")
    if record["changed"]:
        record["latency_ms"] = record["painted"] - record["enterAt"]
        if record["readoutAt"] is not None:  # the kernel's first answer, for a breakdown
            record["readout_ms"] = record["readoutAt"] - record["enterAt"]
    return record


# --- What the tests check --------------------------------------------------------------

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _is_widget_cell(cell: dict) -> bool:
    return any(WIDGET_MIME in output.get("data", {}) for output in cell["outputs"])


def run_problems(notebook: OpenNotebook, cells: list[dict]) -> list[str]:
    """Errors after running all cells: error or stderr outputs, unrun cells, console errors."""
    found = []
    for cell in cells:
        if cell["type"] != "code" or not cell["source"].strip():
            continue
        if cell["count"] is None:
            found.append(f"cell {cell['index']} was not executed")
        expects_error = "raises-exception" in cell["tags"]
        for output in cell["outputs"]:
            if output["output_type"] == "error" and not expects_error:
                found.append(f"cell {cell['index']} has an error output: {output.get('ename')}")
            if output["output_type"] == "stream" and output.get("name") == "stderr":
                text = "".join(output.get("text", ""))[:200]
                found.append(f"cell {cell['index']} wrote to stderr: {text!r}")
    found += [f"browser console error: {text}" for text in notebook.console_errors]
    return found


WIDGET_DOM = """(cell) => {
  const area = cell.querySelector('.jp-Cell-outputArea');
  const text = area ? area.innerText : '';
  return {
    widgets: area ? area.querySelectorAll('[class*="widget-"]').length : 0,
    sliders: area ? area.querySelectorAll('.widget-slider .noUi-handle').length : 0,
    errorText: /Error displaying widget/i.test(text),
    rawRepr: (text.match(/\\b\\w*(Slider|interactive)\\(/) || [null])[0],
  };
}"""


def widget_problems(notebook: OpenNotebook, cells: list[dict]) -> list[str]:
    """Every widget output rendered as widgets: slider DOM present, no error, no raw repr."""
    found = []
    for cell in filter(_is_widget_cell, cells):
        index = cell["index"]
        plain = "".join(
            "".join(output.get("data", {}).get("text/plain", ""))
            for output in cell["outputs"]
            if WIDGET_MIME in output.get("data", {})
        )
        node = notebook.cell_node(index)
        # Widgets render asynchronously: wait until they (or an error) are in the page.
        with suppress(Exception):
            notebook.page.wait_for_function(
                "([cell, slider]) => { const d = (" + WIDGET_DOM + ")(cell);"
                " return d.errorText || (d.widgets > 0 && (!slider || d.sliders > 0)); }",
                arg=[node.element_handle(), "Slider(" in plain],
                timeout=10_000,
                polling=100,
            )
        dom = node.evaluate(WIDGET_DOM)
        if dom["errorText"]:
            found.append(f"cell {index} shows 'Error displaying widget'")
        if dom["rawRepr"]:
            found.append(f"cell {index} shows the raw text {dom['rawRepr']!r} instead of a widget")
        if dom["widgets"] == 0:
            found.append(f"cell {index} has a widget output but no rendered widget")
        if "Slider(" in plain and dom["sliders"] == 0:
            found.append(f"cell {index} has a slider widget but no slider in the page")
    return found


def slider_problems(
    notebook: OpenNotebook, cells: list[dict], timeout_ms: int = 10_000
) -> list[str]:
    """Move every slider once: its plot (or printed output) must change, show the new value,
    and neither collapse nor blank meanwhile; the notebook must stay as it was."""
    found = []
    layout = [(cell["index"], cell["type"]) for cell in cells]
    for cell in filter(_is_widget_cell, cells):
        index = cell["index"]
        for number, slider in enumerate(sliders_of(notebook, index)):
            where = f"cell {index} slider {slider['description'] or number}"
            text = readout_text(target_value(slider), slider["readout"])
            record = change_and_time(notebook, index, number, text, timeout_ms)
            after = sliders_of(notebook, index)[number]
            if after["values"] == slider["values"]:
                found.append(f"{where}: typing {text} did not change its value")
                continue
            if not record["changed"]:
                found.append(
                    f"{where}: moving it to {after['readout']} changed neither plot nor text"
                )
                continue
            found += _content_problems(notebook, index, where, after)
            if record["blank"]:
                found.append(f"{where}: the plot disappeared during the update")
            if record["minHeight"] < record["startHeight"] - 20:
                found.append(
                    f"{where}: the output area collapsed from {record['startHeight']:.0f} px "
                    f"to {record['minHeight']:.0f} px during the update"
                )
    notebook.wait_idle()
    now = notebook.cells()
    if [(cell["index"], cell["type"]) for cell in now] != layout:
        found.append("moving the sliders changed the notebook's cells (keys reached the notebook)")
    found += run_problems(notebook, now)
    return found


def _plain(text: str) -> str:
    """Minus signs and dashes as ASCII hyphens, runs of spaces as one."""
    return " ".join(re.sub("[\u2212\u2013]", "-", text).split())


def _content_problems(notebook: OpenNotebook, index: int, where: str, slider: dict) -> list[str]:
    """The cell's text (readout or printed values) must show the slider's new value."""
    text = output_text(notebook, index)
    decimals = len(slider["readout"].split(".")[1]) if "." in slider["readout"] else 0
    tolerance = 0.5 * 10.0**-decimals + 1e-12
    readouts = notebook.cell_node(index).locator(".sigmoid-readout")
    if readouts.count():
        expected = f"{slider['description']} = {slider['readout']}"
        shown = " ".join(readouts.all_inner_texts())
        if slider["description"] and _plain(expected) not in _plain(shown):
            return [f"{where}: the readout shows {shown!r}, not {expected!r}"]
        return []
    if not any(abs(value - slider["value"]) <= tolerance for value in numbers_in(text)):
        return [f"{where}: no text in the output shows the new value {slider['readout']}"]
    return []


# --- Notebooks made here: the checks' own controls, and the latency reference ---------------

_SETUP = """\
%matplotlib inline
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from helpers import sigmoid

z = np.linspace(-8.0, 8.0, 400)


def sigmoid_widget(clear_wait=True, honest_readout=True):
    out = widgets.Output()
    readout = widgets.HTML()
    readout.add_class("sigmoid-readout")
    slider = widgets.FloatSlider(value=0.0, min=-6.0, max=6.0, step=0.5, description="z₀")

    def update(change=None):
        z0 = slider.value
        with out:
            out.clear_output(wait=clear_wait)
            fig, ax = plt.subplots(figsize=(6.0, 3.5))
            ax.plot(z, sigmoid(z))
            ax.plot([z0], [sigmoid(z0)], "o")
            ax.set_title(f"σ at z₀ = {z0:.2f}")
            plt.show()
        shown = z0 if honest_readout else 0.0
        readout.value = f"z₀ = {shown:.2f}   σ(z₀) = {float(sigmoid(shown)):.4f}"

    slider.observe(update, names="value")
    update()
    display(widgets.VBox([widgets.HBox([slider, readout]), out]))
"""

# Each cell of the 'bad' control notebook, with what the checks must say about it.
BAD_CELLS = {
    "sigmoid_widget(clear_wait=False)": "collapsed",
    "sigmoid_widget(honest_readout=False)": "the readout shows",
    "widgets.interact(lambda z: None, z=widgets.FloatSlider(min=-5.0, max=5.0));": (
        "changed neither plot nor text"
    ),
    (
        "display({'application/vnd.jupyter.widget-view+json': {'model_id': '0' * 32,"
        " 'version_major': 2, 'version_minor': 0},"
        " 'text/plain': 'FloatSlider(value=0.0)'}, raw=True)"
    ): "Error displaying widget",
    "raise ValueError('on purpose')": "error output: ValueError",
    "print('run-all stops at an error: this cell never runs')": "was not executed",
}
GOOD_NOTEBOOK = "control_good.ipynb"
BAD_NOTEBOOK = "control_bad.ipynb"
REFERENCE_NOTEBOOK = "reference_interact_inline.ipynb"


def _notebook(*sources: str) -> dict:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    return nbformat.from_dict(notebook)


def self_test_notebooks() -> dict[str, dict]:
    """Notebooks written beside the copies: one that must pass every check, one that must not."""
    return {
        GOOD_NOTEBOOK: _notebook(_SETUP, "sigmoid_widget()"),
        BAD_NOTEBOOK: _notebook(_SETUP, *BAD_CELLS),
    }
