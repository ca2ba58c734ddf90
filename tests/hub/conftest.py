"""Print the classroom report of ``make test-hub`` at the end of pytest's output."""

from __future__ import annotations

from typing import Any

from hub import sizing


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for text in sizing.REPORTS:
        terminalreporter.section("JupyterHub classroom: measured")
        terminalreporter.write_line(text)
