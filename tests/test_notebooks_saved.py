"""Every notebook is saved executed, in order, without errors, paths or a foreign kernel."""

from __future__ import annotations

import copy
import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import helpers
from tools import ROOT, notebooks
from tools.notebook_hygiene import problems

NOTEBOOKS = notebooks()
# Strings of this machine that must never appear in a saved notebook.
LOCAL = tuple(s for s in {str(ROOT), str(Path.home())} if len(s) > 1)


def test_the_collection_has_its_index():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_index.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_saved_clean(path):
    assert problems(json.loads(path.read_text(encoding="utf-8")), LOCAL) == []


def _notebook(*cells):
    return {"metadata": {"kernelspec": {"name": "python3"}}, "cells": list(cells)}


def _code(count, outputs=(), source="x = 1"):
    return {
        "cell_type": "code",
        "source": [source],
        "execution_count": count,
        "metadata": {},
        "outputs": list(outputs),
    }


def test_checker_accepts_a_clean_notebook():
    assert (
        problems(_notebook(_code(1), {"cell_type": "markdown", "source": ["# Hi"]}, _code(2))) == []
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda nb: nb["metadata"]["kernelspec"].update(name="myenv"), "kernel is 'myenv'"),
        (lambda nb: nb["cells"][1].update(execution_count=None), "not executed"),
        (lambda nb: nb["cells"][0].update(execution_count=3), "not executed"),
        (
            lambda nb: nb["cells"][0]["outputs"].append(
                {"output_type": "error", "ename": "ValueError"}
            ),
            "error output",
        ),
        (
            lambda nb: nb["cells"][0]["outputs"].append(
                {"output_type": "stream", "name": "stdout", "text": "saved to /home/alice/x.png"}
            ),
            "machine path",
        ),
        (
            lambda nb: nb["cells"][0]["outputs"].append(
                {"output_type": "execute_result", "data": {"text/plain": "'/tmp/tmpab12/f'"}}
            ),
            "machine path",
        ),
        (lambda nb: nb["metadata"].update(path="/root/work"), "machine path"),
    ],
)
def test_checker_catches(change, expected):
    notebook = copy.deepcopy(_notebook(_code(1), _code(2)))
    change(notebook)
    assert any(expected in p for p in problems(notebook))


def test_all_notebooks_together_stay_small_enough_to_review():
    total = sum(path.stat().st_size for path in NOTEBOOKS)
    assert total <= 2.5e6, f"the notebooks take {total / 1e6:.2f} MB (at most 2.5 MB)"


def _widget_notebook():
    data = {"application/vnd.jupyter.widget-view+json": {"model_id": "0" * 32},
            "image/png": "iVBORw0KGgo=", "text/plain": "z₀ = 1.50"}  # fmt: skip
    output = {"output_type": "display_data", "data": data,
              "metadata": {"image/png": {"alt": "The tangent to σ at z₀"}}}  # fmt: skip
    return _notebook(_code(1, [output]))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda out, nb: out["data"].pop("image/png"), "without a static picture"),
        (lambda out, nb: out.update(metadata={}), "without a static picture and alt text"),
        (lambda out, nb: nb["cells"][0]["metadata"].update(tags=["nbval-ignore-output"]),
         "output nbval ignores"),
        (lambda out, nb: nb["metadata"].update(widgets={"state": {}}), "saved widget state"),
    ],
)  # fmt: skip
def test_checker_catches_widgets_saved_twice_or_unchecked(change, expected):
    notebook = _widget_notebook()
    assert problems(notebook) == []
    change(notebook["cells"][0]["outputs"][0], notebook)
    assert any(expected in p for p in problems(notebook)), problems(notebook)


def test_checker_catches_a_local_string():
    notebook = _notebook(_code(1, [{"output_type": "stream", "name": "stdout", "text": "by jdoe"}]))
    assert problems(notebook, ("jdoe",)) == ["cell 0 output shows 'jdoe'"]


def _index_links() -> set[str]:
    index = json.loads((ROOT / "notebooks" / "00_index.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in index["cells"] if c["cell_type"] == "markdown")
    return set(re.findall(r"\]\(([^)#?\s]+\.ipynb)\)", text))


def test_index_links_every_notebook_and_only_existing_ones():
    links = _index_links()
    missing = sorted(p.name for p in NOTEBOOKS[1:] if p.name not in links)
    broken = sorted(link for link in links if not (ROOT / "notebooks" / link).is_file())
    assert missing == [], f"00_index.ipynb does not link {missing}"
    assert broken == [], f"00_index.ipynb links notebooks that do not exist: {broken}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_says_how_to_install_helpers_where_it_is_missing(path, tmp_path):
    # Colab or VS Code with another Python: the first cell must say what to do in one line.
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    hide_helpers = (
        "import importlib.util, sys\n"
        "find = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda n, *a: None if n == 'helpers' else find(n, *a)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", hide_helpers + first],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("ModuleNotFoundError") and "%pip install" in message


def _public_names(module) -> set[str]:
    if hasattr(module, "__all__"):
        return set(module.__all__)
    # a module generated from the notebooks' #@save cells: what those cells define
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (getattr(value, "__module__", None) == module.__name__ or name.isupper())
    }


def test_every_public_name_of_helpers_is_used_by_a_notebook():
    # in code, or in the text that tells the student to call it (show_solution); the
    # course's notebooks count too (their tests use helpers.grading.call)
    course = sorted((ROOT / "course" / "source").glob("**/*.ipynb"))
    assert course
    text = "\n".join(
        "".join(cell["source"])
        for path in [*NOTEBOOKS, *course]
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
    )
    unused = {
        f"{info.name}.{name}"
        for info in pkgutil.iter_modules(helpers.__path__, "helpers.")
        for name in _public_names(importlib.import_module(info.name))
        if not re.search(rf"\b{re.escape(name)}\b", text)
    }
    assert unused == set()


def test_nbval_compares_at_least_nine_outputs_in_ten():
    with_output = [
        cell
        for path in NOTEBOOKS
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code" and cell["outputs"]
    ]
    ignored = [
        cell
        for cell in with_output
        if {"nbval-ignore-output", "nbval-skip"} & set(cell["metadata"].get("tags", []))
    ]
    assert len(ignored) <= 0.1 * len(with_output), [cell["source"][:1] for cell in ignored]
