"""What a saved notebook must look like, and the clean-up `make execute` runs after executing.

``output_problems`` is the one definition of "this cell ran cleanly", used here for saved
notebooks, by the browser tests (tests/browser/lab.py) and by the classroom hub
(hub/harness.py) for notebooks run live. Used by tests/test_notebooks_saved.py and, as a
script, by `make execute`:
``python tools/notebook_hygiene.py notebooks/*.ipynb`` normalises the metadata in place.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

WIDGET = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

# Absolute paths that reveal the machine or the person who ran the notebook.
MACHINE_PATH = re.compile(
    r"(/home/[^/\s\"']+|/root/|/Users/[^/\s\"']+|[A-Za-z]:\\\\?Users|/tmp/|/var/folders/|/private/var/)"
)


# What a fresh home prints once, harmlessly, the first time matplotlib is imported.
HARMLESS_STDERR = ("Matplotlib is building the font cache; this may take a moment.",)


def output_problems(outputs: list[dict], tags: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Why one code cell's outputs say it did not run cleanly (an empty list when it did).

    An error output, unless the cell is tagged ``raises-exception``; any text on stderr but
    ``HARMLESS_STDERR``. ``outputs`` are nbformat outputs (or kernel messages' contents with
    their ``output_type``).
    """
    found = []
    for output in outputs:
        if output.get("output_type") == "error" and "raises-exception" not in tags:
            found.append(f"an error output: {output.get('ename')}: {output.get('evalue', '')}")
        text = output.get("text", "")
        text = ("".join(text) if isinstance(text, list) else text).strip()
        if output.get("name") == "stderr" and text not in HARMLESS_STDERR:
            found.append(f"text on stderr: {text[:200]!r}")
    return found


def _tags(cell: dict) -> list[str]:
    tags = list(cell.get("metadata", {}).get("tags", []))
    if "NBVAL_RAISES_EXCEPTION" in "".join(cell["source"]):
        tags.append("raises-exception")
    return tags


def problems(notebook: dict, extra_forbidden: tuple[str, ...] = ()) -> list[str]:
    """Return what is wrong with a saved notebook (an empty list when nothing is).

    Checks: kernel ``python3``; code cells executed once each, top to bottom, from a
    fresh kernel; no error output; no machine path or other ``extra_forbidden``
    string in any output or in the metadata; widgets saved as a static picture with its
    alt text only (no widget state, which would hold each picture a second time), their
    text compared by nbval (no ``nbval-ignore-output`` tag).
    """
    found = []
    name = notebook.get("metadata", {}).get("kernelspec", {}).get("name")
    if name != "python3":
        found.append(f"kernel is {name!r}, not 'python3'")
    code = [
        c for c in notebook["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()
    ]
    counts = [c.get("execution_count") for c in code]
    if counts != list(range(1, len(code) + 1)):
        found.append(f"not executed top to bottom from a fresh kernel: execution counts {counts}")
    if notebook.get("metadata", {}).get("widgets"):
        found.append("saved widget state in the metadata (make execute leaves it out)")
    for index, cell in enumerate(notebook["cells"]):
        found += [
            f"cell {index}: {p}" for p in output_problems(cell.get("outputs", []), _tags(cell))
        ]
        for output in cell.get("outputs", []):
            if WIDGET in output.get("data", {}):
                alt = output.get("metadata", {}).get("image/png", {}).get("alt")
                if "image/png" not in output["data"] or not alt:
                    found.append(f"cell {index}: a widget without a static picture and alt text")
                if "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []):
                    found.append(f"cell {index}: a widget cell whose output nbval ignores")
    texts = [("metadata", json.dumps(notebook.get("metadata", {})))]
    for index, cell in enumerate(notebook["cells"]):
        texts.append((f"cell {index} metadata", json.dumps(cell.get("metadata", {}))))
        for output in cell.get("outputs", []):
            data = {k: v for k, v in output.get("data", {}).items() if not k.startswith("image/")}
            texts.append(
                (
                    f"cell {index} output",
                    json.dumps([output.get("text"), data, output.get("traceback")]),
                )
            )
    for where, text in texts:
        match = MACHINE_PATH.search(text)
        if match:
            found.append(f"{where} shows a machine path: {match.group(0)!r}")
        for word in extra_forbidden:
            if word in text:
                found.append(f"{where} shows {word!r}")
    return found


def clean(path: Path) -> None:
    """Normalise a notebook's metadata in place: kernelspec, no timing or widget state."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["metadata"]["kernelspec"] = dict(KERNELSPEC)
    notebook["metadata"].pop("widgets", None)  # left from an execution that stored it
    for cell in notebook["cells"]:
        cell.get("metadata", {}).pop("execution", None)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        clean(Path(argument))
