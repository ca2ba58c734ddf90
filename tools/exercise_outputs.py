"""Store what each code exercise's worked solution returns on its hidden inputs.

The checkers of ``helpers/exercises.py`` hold no reference implementation: they compare a
student's function with the outputs stored here, in ``helpers/exercises.npz``. For every entry
of ``helpers/exercises.toml`` with ``kind = "code"``, this runs the entry's ``inputs`` recipe
(Python that sets ``cases``, a list of argument tuples) and its ``solution_code``, and stores
each case's arguments and output(s). Run it after adding or changing a code exercise;
``tests/test_exercises.py`` fails while the stored file is stale.

Usage: ``python tools/exercise_outputs.py``
"""

from __future__ import annotations

import math
import sys
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TOML = ROOT / "helpers" / "exercises.toml"
OUTPUTS = ROOT / "helpers" / "exercises.npz"


def _run(code: str, where: str, **names: Any) -> dict[str, Any]:
    namespace = {"np": np, "math": math, **names}
    try:
        exec(compile(code, where, "exec"), namespace)
    except Exception as exc:
        raise RuntimeError(f"exercise_outputs: {where} raised {type(exc).__name__}: {exc}") from exc
    return namespace


def compute(entries: dict[str, dict[str, Any]]) -> dict[str, np.ndarray]:
    """The arrays to store: ``ID/CASE/argJ`` and ``ID/CASE/out`` (or ``outJ``) for each case."""
    arrays: dict[str, np.ndarray] = {}
    for exercise_id, entry in sorted(entries.items()):
        if entry["kind"] != "code":
            continue
        name = entry["function_name"]
        for field in ("inputs", "solution_code"):
            if not entry.get(field, "").strip():
                raise ValueError(f"exercise_outputs: {exercise_id} has no {field}")
        cases = _run(entry["inputs"], f"{exercise_id}.inputs").get("cases")
        if not isinstance(cases, list) or not cases:
            raise ValueError(f"exercise_outputs: {exercise_id}.inputs must set `cases`, a list")
        function = _run(entry["solution_code"], f"{exercise_id}.solution_code").get(name)
        if not callable(function):
            raise ValueError(f"exercise_outputs: {exercise_id}.solution_code defines no {name}")
        for k, args in enumerate(cases):
            args = args if isinstance(args, tuple) else (args,)
            for j, arg in enumerate(args):
                arrays[f"{exercise_id}/{k}/arg{j}"] = np.asarray(arg)
            copies = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
            result = function(*copies)
            if isinstance(result, tuple | list):
                for j, value in enumerate(result):
                    arrays[f"{exercise_id}/{k}/out{j}"] = np.asarray(value, dtype=float)
            else:
                arrays[f"{exercise_id}/{k}/out"] = np.asarray(result, dtype=float)
    return arrays


def main() -> None:
    with TOML.open("rb") as file:
        arrays = compute(tomllib.load(file))
    np.savez_compressed(OUTPUTS, **arrays)
    print(f"wrote {OUTPUTS.relative_to(ROOT)}: {len(arrays)} arrays")


if __name__ == "__main__":
    sys.exit(main())
