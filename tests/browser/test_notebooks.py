"""Every notebook in a real JupyterLab and in Notebook 7, in headless Chromium: it runs, its
widgets show and answer the value box and the keyboard, each interactive figure fits a laptop
or projector screen whole, and axe-core finds no serious accessibility problem in them.

Run with ``make test-browser`` (``.ci/run`` runs it).
"""

from __future__ import annotations

import pytest

from tests.browser import lab

NAMES = lab.notebooks()


def _notebook(ran, name) -> lab.Notebook:
    notebook = ran[name]
    if isinstance(notebook, Exception):
        pytest.fail(f"{name} did not open or run in JupyterLab: {notebook}")
    return notebook


@pytest.mark.parametrize("name", NAMES)
def test_runs_without_errors_and_shows_its_widgets(ran, name):
    assert lab.run_problems(_notebook(ran, name)) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_slider_redraws_its_figure_with_the_value_typed(ran, name):
    assert lab.slider_problems(_notebook(ran, name)) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_arrow_keys_move_a_focused_slider(ran, name):
    assert lab.slider_problems(_notebook(ran, name), keys=["ArrowRight"], first=True) == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("screen", lab.SCREENS)
def test_each_interactive_figure_fits_the_screen_whole(ran, name, screen):
    assert lab.screen_problems(_notebook(ran, name), screen) == []


@pytest.mark.parametrize("name", NAMES)
def test_axe_finds_no_serious_problem_in_the_widgets(ran, name):
    assert lab.axe_problems(_notebook(ran, name)) == []


@pytest.mark.parametrize("name", NAMES)
def test_notebook_7_shows_the_widgets_and_they_answer_the_keyboard(ran, name):
    notebook = _notebook(ran, f"notebook7:{name}")
    notebook.cells = _notebook(ran, name).cells  # the same notebook, run in JupyterLab
    notebook.wait_idle()
    for index in notebook.widget_cells():
        notebook.cell(index).locator(".jupyter-widgets").first.wait_for()
    assert lab.run_problems(notebook) == []
    assert lab.slider_problems(notebook, keys=["ArrowRight", "ArrowRight"], first=True) == []
    assert lab.slider_problems(notebook, first=True) == []  # the value box


def test_the_checks_find_what_is_broken(ran):
    notebook = _notebook(ran, lab.CONTROL_NOTEBOOK)
    found = lab.run_problems(notebook) + lab.slider_problems(notebook)
    found += lab.screen_problems(notebook, "1280x720")
    for index, expected in enumerate(lab.CONTROL_CELLS.values(), start=1):
        assert any(f"cell {index}" in p and expected in p for p in found), (expected, found)
