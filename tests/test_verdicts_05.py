"""Notebook 05's race verdicts hold on a block of seeds the notebook never prints (30–39).

The notebook states a verdict only where its three blocks of seeds (0–9, 10–19, 20–29) agree;
this test runs the same race, saved from the notebook to ``helpers.race``, on seeds 30–39 and
fails when it contradicts a printed verdict.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers.race import PAIRS, race, race_verdicts

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "05_sigmoid_vs_tanh.ipynb"


def printed_verdicts() -> dict[tuple[str, str], str]:
    """Pair -> the verdict the notebook prints as holding in every block."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    lines = [
        line
        for cell in cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
        for line in "".join(output["text"]).splitlines()
    ]
    verdicts, pair = {}, None
    for line in lines:
        header = re.match(r"^(\w+) − (\w+):$", line)
        if header:
            pair = (header[1], header[2])
        agreed = re.match(r"^\s+→ (.+) in every block$", line)
        if agreed and pair in PAIRS:
            verdicts[pair] = agreed[1]
    return verdicts


def test_the_race_verdicts_hold_on_unseen_seeds():
    printed = printed_verdicts()
    assert len(printed) >= 2, f"expected the notebook to state at least two verdicts: {printed}"
    unseen = race_verdicts(race(range(30, 40)))
    contradicted = {pair: (v, unseen[pair]) for pair, v in printed.items() if unseen[pair] != v}
    assert contradicted == {}, f"seeds 30–39 contradict (printed, unseen): {contradicted}"
