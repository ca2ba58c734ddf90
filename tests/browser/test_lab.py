"""Every notebook in a real JupyterLab, in headless Chromium: it runs, its widgets render,
and each slider redraws its plot with the new value.

Run with ``make test-browser`` (or as part of ``make test`` when Chromium is installed).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import lab

NAMES = [path.name for path in lab.notebooks()]


@pytest.fixture(scope="module", params=NAMES)
def ran(request: Any, lab_server: lab.LabServer, browser: Any) -> Iterator[tuple]:
    """The notebook opened in JupyterLab with all its cells run."""
    notebook = lab.open_notebook(browser, lab_server, request.param)
    try:
        yield notebook, lab.run_all(notebook)
    finally:
        notebook.page.context.close()


def test_notebook_runs_without_errors(ran):
    notebook, cells = ran
    assert any(cell["type"] == "code" for cell in cells)
    assert lab.run_problems(notebook, cells) == []


def test_widgets_render_as_widgets(ran):
    notebook, cells = ran
    assert lab.widget_problems(notebook, cells) == []


def test_each_slider_redraws_with_its_new_value(ran):
    notebook, cells = ran
    assert lab.slider_problems(notebook, cells) == []


def test_the_checks_pass_a_widget_that_follows_the_convention(lab_server, browser):
    notebook = lab.open_notebook(browser, lab_server, lab.GOOD_NOTEBOOK)
    try:
        cells = lab.run_all(notebook)
        assert lab.sliders_of(notebook, 1), "the control widget has no slider"
        assert lab.run_problems(notebook, cells) == []
        assert lab.widget_problems(notebook, cells) == []
        assert lab.slider_problems(notebook, cells) == []
    finally:
        notebook.page.context.close()


def test_the_checks_catch_broken_widgets(lab_server, browser):
    notebook = lab.open_notebook(browser, lab_server, lab.BAD_NOTEBOOK)
    try:
        cells = lab.run_all(notebook)
        found = lab.run_problems(notebook, cells) + lab.widget_problems(notebook, cells)
        found += lab.slider_problems(notebook, cells, timeout_ms=3000)
    finally:
        notebook.page.context.close()
    for index, expected in enumerate(lab.BAD_CELLS.values(), start=1):
        assert any(f"cell {index}" in p and expected in p for p in found), (expected, found)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [("z = +1.5   σ(z) = 0.8176", [1.5, 0.8176]), ("z₀ = −2.00", [-2.0]), ("n = 3", [3.0])],
)
def test_numbers_in_reads_signed_numbers(text, numbers):
    assert lab.numbers_in(text) == numbers


def test_target_value_moves_a_third_of_the_range_and_stays_inside():
    assert lab.target_value({"minimum": -6.0, "maximum": 6.0, "value": 0.0}) == 4.0
    assert lab.target_value({"minimum": -6.0, "maximum": 6.0, "value": 5.0}) == 1.0
    assert lab.target_value({"minimum": 0, "maximum": 10, "value": 0}, step=3) == 3
    assert lab.readout_text(4.0, "0.00") == "4.00"
    assert lab.readout_text(3.0, "7") == "3"
