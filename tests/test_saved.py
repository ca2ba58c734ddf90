"""One source for each saved definition: the helpers modules are what the notebooks save."""

from __future__ import annotations

import json

import pytest

from tools import save_helpers


def test_every_saved_module_matches_its_notebook():
    assert save_helpers.MODULES, "no notebook saves code to helpers"
    assert save_helpers.outdated() == []


def _notebook(tmp_path, *sources):
    cells = [
        {"cell_type": "code", "source": s, "metadata": {}, "outputs": [], "execution_count": None}
        for s in sources
    ]
    path = tmp_path / "99_demo.ipynb"
    path.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    return path


def test_a_saved_cell_becomes_module_code_with_the_imports_it_needs(tmp_path):
    path = _notebook(
        tmp_path,
        "import math\nimport numpy as np\nfrom helpers import sigmoid",
        "#@save\ndef double_sigmoid(z):\n    return 2 * sigmoid(np.asarray(z))",
        "print(double_sigmoid(0.0))",
    )
    text = save_helpers.module_source(path, "demo", "Demo.")
    assert "import numpy as np" in text and "from helpers import sigmoid" in text
    assert "import math" not in text  # imported by the notebook, not used by saved code
    assert "def double_sigmoid(z):" in text and "print(" not in text
    namespace: dict = {}
    exec(text, namespace)
    assert namespace["double_sigmoid"](0.0) == 1.0


def test_a_changed_cell_changes_the_module(tmp_path):
    one = _notebook(tmp_path, "#@save\nLIMIT = 1")
    before = save_helpers.module_source(one, "demo", "Demo.")
    two = _notebook(tmp_path, "#@save\nLIMIT = 2")
    assert save_helpers.module_source(two, "demo", "Demo.") != before


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("#@save\nprint('hi')", "runs code at import"),
        ("#@save\nX = undefined_name", "use"),
        ("X = 1\n#@save\nY = 2", "first line only"),
    ],
)
def test_saved_cells_must_be_importable_definitions(tmp_path, source, message):
    with pytest.raises(ValueError, match=message):
        save_helpers.module_source(_notebook(tmp_path, source), "demo", "Demo.")
