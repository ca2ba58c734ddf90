"""Every notebook is saved executed, in order, without errors, paths or a foreign kernel."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from tests.notebook_hygiene import problems

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
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
