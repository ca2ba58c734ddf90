"""Notebook 04's verdicts hold on a block of seeds the notebook never prints (30–39).

The notebook states a verdict only where its three blocks of seeds (0–9, 10–19, 20–29) agree;
these tests run the same verdict functions, saved from the notebook to
``helpers.zero_centred``, on seeds 30–39 and fail when they contradict a printed verdict.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers.zero_centred import centring_verdicts, saturation_runs, saturation_verdicts

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "04_not_zero_centred.ipynb"
UNSEEN = range(30, 40)


def printed_lines() -> list[str]:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return [
        line
        for cell in cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
        for line in "".join(output["text"]).splitlines()
    ]


def test_the_saturation_verdicts_hold_on_unseen_seeds():
    pattern = re.compile(r"^(.+?)\s+(top layer saturated|learned): (yes|no) in every block$")
    printed = {}
    for line in printed_lines():
        match = pattern.match(line)
        if match:
            question = "saturated" if match[2] == "top layer saturated" else "learned"
            printed[match[1], question] = match[3] == "yes"
    assert len(printed) == 8, f"expected a verdict for each of 4 variants × 2 questions: {printed}"
    unseen = saturation_verdicts(saturation_runs(UNSEEN))
    contradicted = {key: value for key, value in printed.items() if unseen[key[0]][key[1]] != value}
    assert contradicted == {}, f"seeds 30–39 contradict these printed verdicts: {contradicted}"


def test_the_centring_verdicts_hold_on_unseen_draws():
    pattern = re.compile(r"^(.+): (True|False), (True|False), (True|False) → every block agrees$")
    printed = {}
    for line in printed_lines():
        match = pattern.match(line)
        if match:
            printed[match[1]] = match[2] == "True"
    assert len(printed) == 4, f"expected 4 verdicts on centred inputs: {printed}"
    unseen = centring_verdicts(UNSEEN)
    contradicted = {q: v for q, v in printed.items() if unseen[q] != v}
    assert contradicted == {}, f"draws 30–39 contradict these printed verdicts: {contradicted}"
