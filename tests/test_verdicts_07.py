"""Notebook 07's slowdown verdicts hold on a block of seeds the notebook never prints (30–39)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.output_layer import slowdown_verdict, train_neuron

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "07_output_layer.ipynb"
VERDICTS = ("quadratic slower from every start", "slower the more wrong the start")


def _printed_verdicts() -> dict[str, bool]:
    """The verdicts that notebook 07's saved outputs state as agreed by every block."""
    text = ""
    for cell in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            text += "".join(output.get("text", ""))
    found = {}
    for verdict in VERDICTS:
        match = re.search(rf"^{re.escape(verdict)}: (True|False) in every block$", text, re.M)
        assert match, f"notebook 07 states no agreed verdict for {verdict!r}"
        found[verdict] = match.group(1) == "True"
    return found


def test_the_unseen_seed_block_agrees_with_the_printed_verdicts():
    printed = _printed_verdicts()
    unseen = slowdown_verdict(range(30, 40))
    for verdict, value in printed.items():
        assert unseen[verdict] == value, f"seeds 30–39 contradict {verdict!r}: {unseen[verdict]}"


def test_the_verdict_function_can_say_false():
    # Stopped after 5 epochs, no run gets below ½ with either cost: they tie, so "slower
    # from every start" must be False; the test above is not true by construction.
    result = slowdown_verdict(range(30, 40), epochs=5)
    assert result["quadratic slower from every start"] is False
    assert result["ratios"].shape == (10,) and all(result["start outputs"] > 0.8)


def test_train_neuron_reproduces_nielsens_epochs_and_rejects_an_unknown_cost():
    from helpers.output_layer import epochs_to_half

    epochs = [
        int(epochs_to_half(train_neuron(w, b, cost, 0.15)[0]))
        for cost in ("quadratic", "cross-entropy")
        for w, b in ((0.6, 0.9), (2.0, 2.0))
    ]
    assert epochs == [36, 232, 8, 17]
    with pytest.raises(ValueError, match=r"train_neuron\(\): cost must be"):
        train_neuron(1.0, 1.0, "hinge", 0.15)
