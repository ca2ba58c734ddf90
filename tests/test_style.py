"""One style for the whole collection: every figure titled and labelled, every image described."""

from __future__ import annotations

import json
import re

import matplotlib.pyplot as plt
import nbformat
import pytest
from nbclient import NotebookClient

from helpers.plotting import _figure_problems, new_figure
from tools import notebooks

NOTEBOOKS = notebooks()


@pytest.fixture
def figures():
    yield
    plt.close("all")


def test_a_styled_figure_has_no_problem(figures):
    fig, _ = new_figure("Title", "z", "σ(z)")
    assert _figure_problems(fig) == []


def test_missing_title_and_labels_are_reported(figures):
    fig, _ = plt.subplots()
    assert _figure_problems(fig) == [
        "figure '(untitled)': an axes without a title",
        "figure '(untitled)': an axes without an x label",
        "figure '(untitled)': an axes without a y label",
    ]


def test_figure_level_titles_and_shared_labels_count(figures):
    fig, (left, right) = plt.subplots(1, 2, sharey=True)
    fig.suptitle("Two panels")
    left.set_xlabel("z")
    right.set_xlabel("z")
    left.set_ylabel("error")
    assert _figure_problems(fig) == []
    right.set_xlabel("")
    assert _figure_problems(fig) == ["figure 'Two panels': an axes without an x label"]
    fig.supxlabel("z")
    assert _figure_problems(fig) == []


def test_axes_switched_off_need_no_labels(figures):
    fig, (plot, legend) = plt.subplots(1, 2)
    plot.set(title="t", xlabel="x", ylabel="y")
    legend.axis("off")
    assert _figure_problems(fig) == []


def test_a_notebook_prints_the_problems_of_its_figures(tmp_path):
    # The check runs inside the kernel, before the inline backend shows a figure, so a
    # figure without a label changes the cell's output and nbval fails on it.
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "from helpers.plotting import new_figure\nimport matplotlib.pyplot as plt"
        ),
        nbformat.v4.new_code_cell("fig, ax = new_figure('Good', 'x', 'y')\nax.plot([0, 1]);"),
        nbformat.v4.new_code_cell("fig, ax = new_figure('Bad', 'x', 'y')\nax.set_ylabel('');"),
        nbformat.v4.new_code_cell("fig, ax = plt.subplots()\nax.plot([0, 1]);"),
    ]
    NotebookClient(
        notebook, kernel_name="python3", timeout=60, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()

    def printed(cell):
        return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")

    assert printed(notebook.cells[1]) == ""
    assert printed(notebook.cells[2]) == "Style problem: figure 'Bad': an axes without a y label\n"
    assert printed(notebook.cells[3]).count("Style problem") == 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_notebook_has_no_style_problem_and_every_image_has_alt_text(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            for alt in re.findall(r"!\[([^\]]*)\]\(", source):
                assert alt.strip(), f"cell {index}: a markdown image without alt text"
            for tag in re.findall(r"<img\b[^>]*>", source, flags=re.IGNORECASE):
                assert re.search(r'\balt="[^"]+"', tag), f"cell {index}: <img> without alt text"
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", ""))
            assert "Style problem" not in text, f"cell {index}: {text.strip()}"
