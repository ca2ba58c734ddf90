"""The verdicts of notebook 03's deep-net runs hold on a block of seeds it never prints.

Section 9 of notebook 03 runs ``helpers.network.deep_net_runs`` on seeds 0-9, 10-19 and 20-29
and states each claim of ``DEEP_NET_CLAIMS`` only where all three blocks agree. This test runs
the same function on seeds 30-39 and fails when a stated verdict does not hold there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers.data import load_mnist_subset
from helpers.network import DEEP_NET_CLAIMS, deep_net_runs

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_vanishing_gradients.ipynb"


def _stated_verdicts() -> dict[str, str]:
    """Claim -> the verdict the saved notebook states: "yes", "no" or "depends on the seeds"."""
    text = "".join(
        "".join(output.get("text", ""))
        for cell in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
    )
    stated = {}
    for claim in DEEP_NET_CLAIMS:
        match = re.search(
            re.escape(claim) + r"\s+(?:(?:yes|no)\s+){3}(yes|no|depends on the seeds)", text
        )
        assert match, f"notebook 03 prints no verdict for {claim!r}"
        stated[claim] = match.group(1)
    return stated


def test_each_stated_verdict_holds_on_the_unseen_seeds_30_to_39():
    stated = _stated_verdicts()
    assert any(v != "depends on the seeds" for v in stated.values())
    X, y = load_mnist_subset()
    rows = deep_net_runs(X, y, range(30, 40))
    for claim, holds in DEEP_NET_CLAIMS.items():
        if stated[claim] != "depends on the seeds":
            assert ("yes" if holds(rows) else "no") == stated[claim], claim
