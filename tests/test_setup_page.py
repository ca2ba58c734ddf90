"""docs/setup.md: the Windows and conda blocks run the same steps as the macOS/Linux block
(which ``make test-setup`` runs for real), one command a line, in a form PowerShell 5.1 and
cmd accept."""

from __future__ import annotations

import json
import re

from tests.fresh.test_setups import CONDA, UNIX, WINDOWS
from tools import ROOT


def _steps(block: str, python: str) -> list[str]:
    """The block's Python commands with the interpreter written as PY."""
    return [
        line.replace(python, "PY ", 1) for line in block.splitlines() if line.startswith(python)
    ]


def test_the_three_blocks_install_the_same_way():
    unix = _steps(UNIX, ".venv/bin/python ")
    assert len(unix) == 3 and unix[-1].startswith(
        "PY -m ipykernel install --user --name sigmoid-notebooks"
    )
    assert _steps(WINDOWS, ".venv\\Scripts\\python ") == unix
    assert _steps(CONDA, "python ") == unix


def test_each_command_stands_alone_on_its_line():
    for block in (UNIX, WINDOWS, CONDA):
        for line in block.splitlines():
            assert not re.search(r"&&|\|\||;\s*\S|\\$", line), line  # PowerShell 5.1 lacks &&


def test_notebook_00_gives_only_commands_of_this_page():
    index = json.loads((ROOT / "notebooks" / "00_index.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(cell["source"]) for cell in index["cells"])
    page = (ROOT / "docs" / "setup.md").read_text(encoding="utf-8")

    def command_lines(markdown: str) -> list[str]:
        found = re.findall(r"^```\w*\n(.*?)^```$", markdown, re.S | re.M)
        return [line.strip() for block in found for line in block.splitlines() if line.strip()]

    shown = command_lines(text)
    assert len(shown) >= 8, "notebook 00 shows the set-up commands"
    assert set(shown) <= set(command_lines(page)), set(shown) - set(command_lines(page))
