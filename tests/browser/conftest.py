"""Fixtures of the browser tests: one JupyterLab server and one Chromium for the session.

Without a browser these tests are skipped, saying why in pytest's summary; with the
variable SIGMOID_REQUIRE_BROWSER set (``.ci/run`` and ``make test-browser`` set it), a
missing browser is a failure instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import lab


def _browser_or_skip() -> None:
    reason = lab.browser_missing()
    if reason is None:
        return
    if os.environ.get(lab.REQUIRE_VARIABLE):
        pytest.fail(f"browser tests required ({lab.REQUIRE_VARIABLE} is set) but {reason}")
    pytest.skip(f"browser tests not run: {reason}")


@pytest.fixture(scope="session")
def lab_server() -> Iterator[lab.LabServer]:
    _browser_or_skip()
    with lab.lab_server(extra_notebooks=lab.self_test_notebooks()) as server:
        yield server


@pytest.fixture(scope="session")
def browser(lab_server: lab.LabServer) -> Iterator[Any]:
    with lab.chromium() as chromium:
        yield chromium
