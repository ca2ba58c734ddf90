"""Every notebook in a real JupyterLab and in Notebook 7, in headless Chromium: it runs, its
widgets show and answer the value box and the keyboard, each interactive figure fits a laptop
or projector screen whole, and axe-core finds no serious accessibility problem in them.

Run with ``make test-browser`` (``.ci/run`` runs it).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import lab

NAMES = lab.notebooks()


def _notebook(ran, name) -> lab.Notebook:
    notebook = ran[name]
    if isinstance(notebook, Exception):
        pytest.fail(f"{name} did not open or run in JupyterLab: {notebook}")
    return notebook


def test_the_checks_find_what_is_broken(ran):
    notebook = _notebook(ran, lab.CONTROL_NOTEBOOK)
    try:
        found = lab.run_problems(notebook) + lab.slider_problems(notebook)
        found += lab.screen_problems(notebook, "1280x720")
    finally:
        notebook.page.context.close()
    for index, expected in enumerate(lab.CONTROL_CELLS.values(), start=1):
        assert any(f"cell {index}" in p and expected in p for p in found), (expected, found)


# Each notebook's tests run together (module-scoped parameters group them), and its page is
# closed after them: an idle JupyterLab page still costs the machine CPU.
@pytest.fixture(scope="module")
def notebook(ran, name) -> Iterator[lab.Notebook]:
    opened = _notebook(ran, name)
    yield opened
    opened.page.context.close()


@pytest.mark.parametrize("name", NAMES, scope="module")
def test_runs_without_errors_and_shows_its_widgets(notebook):
    assert lab.run_problems(notebook) == []


@pytest.mark.parametrize("name", NAMES, scope="module")
def test_every_slider_redraws_its_figure_with_the_value_typed(notebook):
    assert lab.slider_problems(notebook) == []


@pytest.mark.parametrize("name", NAMES, scope="module")
def test_the_arrow_keys_move_a_focused_slider(notebook):
    assert lab.slider_problems(notebook, keys=["ArrowRight"], first=True) == []


@pytest.mark.parametrize("name", NAMES, scope="module")
@pytest.mark.parametrize("screen", lab.SCREENS)
def test_each_interactive_figure_fits_the_screen_whole(notebook, screen):
    assert lab.screen_problems(notebook, screen) == []


@pytest.mark.parametrize("name", NAMES, scope="module")
def test_axe_finds_no_serious_problem_in_the_widgets(notebook):
    assert lab.axe_problems(notebook) == []


@pytest.mark.parametrize("name", NAMES, scope="module")
def test_notebook_7_shows_the_widgets_and_they_answer_the_keyboard(notebook, server, browser, name):
    # Notebook 7 opens the notebook saved from JupyterLab, on the kernel that ran it there.
    seven = lab.open_notebook(browser, server, name, app="notebook", screen="1280x720")
    try:
        seven.cells = notebook.cells
        seven.wait_idle()
        for index in seven.widget_cells():
            seven.cell(index).locator(".jupyter-widgets").first.wait_for()
        assert lab.run_problems(seven) == []
        assert lab.slider_problems(seven, keys=["ArrowRight", "ArrowRight"], first=True) == []
        assert lab.slider_problems(seven, first=True) == []  # the value box
    finally:
        seven.page.context.close()
