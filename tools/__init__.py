"""The project's build and teacher tools: build, release and classroom scripts.

``ROOT`` and ``notebooks()`` are the one place that says where the repository and its
numbered notebooks are; the tests import them from here.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"  # the numbered notebooks, 00_index.ipynb first


def notebooks(folder: Path = ROOT / "notebooks") -> list[Path]:
    """The numbered notebooks in ``folder``, in reading order."""
    return sorted(folder.glob(NOTEBOOK_PATTERN))
