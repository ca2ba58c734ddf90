"""One JupyterLab server for the browser tests, and every notebook run in it at once.

The browser is pytest-playwright's, launched from Debian's Chromium. Without Chromium (or
axe-core) the tests are skipped, saying why; with SIGMOID_REQUIRE_BROWSER set (``make
test-browser``, ``.ci/run``) that is a failure instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser import lab


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, **lab.LAUNCH_ARGS}


@pytest.fixture(scope="session")
def server() -> Iterator[lab.Server]:
    reason = lab.browser_missing()
    if reason and os.environ.get(lab.REQUIRE_VARIABLE):
        pytest.fail(f"browser tests required ({lab.REQUIRE_VARIABLE} is set) but {reason}")
    if reason:
        pytest.skip(f"browser tests not run: {reason}")
    with lab.serve({lab.CONTROL_NOTEBOOK: lab.control_notebook()}) as running:
        yield running


@pytest.fixture(scope="session")
def ran(request, server: lab.Server, browser) -> dict[str, lab.Notebook | Exception]:
    """Each notebook the selected tests need (and the checks' control) opened in its own
    JupyterLab page and run, then saved (Notebook 7 opens the saved notebook). The runs
    overlap: each starts as soon as its page is open, so that the kernels keep both cores
    busy while the next pages load."""
    params = [getattr(item, "callspec", None) for item in request.session.items]
    names = {p.params.get("name", lab.CONTROL_NOTEBOOK) for p in params if p} | {
        lab.CONTROL_NOTEBOOK for item in request.session.items if "checks" in item.name
    }
    opened: dict[str, lab.Notebook | Exception] = {}
    for name in sorted(names):
        try:
            opened[name] = lab.open_notebook(browser, server, name)
            lab.start_run_all(opened[name])
        except Exception as error:  # reported by the tests of that notebook
            opened[name] = error
    for name, notebook in list(opened.items()):
        if isinstance(notebook, lab.Notebook):
            try:
                lab.finish_run_all(notebook)
                lab.save(notebook)
            except Exception as error:
                opened[name] = error
    return opened
