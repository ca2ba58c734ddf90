"""Write the student release: the notebooks and ``helpers`` without the worked solutions.

``python tools/student_release.py [OUT_DIR]`` (``make student-release``) writes
``build/student/`` by default: a copy of what students need (notebooks, ``helpers``, the
requirements, ``binder/``) in which

* only the worked solutions are left out: each entry's ``solution`` and ``solution_code`` in
  ``helpers/exercises.toml``. Every exercise, open question, instruction and hint stays, and
  every file but that one is copied as it is;
* ``show_solution`` still works: it prints the question and says that this copy has no
  worked solutions;
* the checkers (``check_answer``, ``check_function``) grade as before. They hold no reference
  implementation: they compare with the stored outputs of ``helpers/exercises.npz``.

The expected values of the numeric exercises and the stored outputs stay in the package, as
the checkers need them: a determined student can read them there, so graded work should use
questions the students have not seen.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["helpers", "notebooks", "binder", "requirements.txt", "pyproject.toml", "LICENSE"]
SOLUTION_FIELDS = ("solution", "solution_code")

README = r"""# Learn the sigmoid and its derivative: student copy

Notebooks on the sigmoid activation and its derivative, with exercises that check your answers.
Start with `notebooks/00_index.ipynb`.

## Set up (once)

You need Python 3.11 or newer. Open a terminal in this folder (on Windows: PowerShell or the
Command Prompt) and type these commands one a line; all but the last are needed only once.

On Windows (`py` is the Python launcher that the installer from python.org adds; `-3.11` picks
Python 3.11: write your version if it is newer):

```bat
py -3.11 -m venv .venv
.venv\Scripts\python -m pip install --requirement requirements.txt
.venv\Scripts\python -m pip install --no-deps --editable .
.venv\Scripts\python -m ipykernel install --user --name sigmoid-notebooks --display-name "Python (sigmoid-notebooks)" --env OPENBLAS_NUM_THREADS 1
.venv\Scripts\jupyter lab notebooks\00_index.ipynb
```

On macOS and Linux:

```sh
python3 -m venv .venv
.venv/bin/python -m pip install --requirement requirements.txt
.venv/bin/python -m pip install --no-deps --editable .
.venv/bin/python -m ipykernel install --user --name sigmoid-notebooks --display-name "Python (sigmoid-notebooks)" --env OPENBLAS_NUM_THREADS 1
OPENBLAS_NUM_THREADS=1 .venv/bin/jupyter lab notebooks/00_index.ipynb
```

Next time, run only the last line. If a notebook says `No module named 'helpers'`, choose the
kernel *Python (sigmoid-notebooks)* in the Kernel menu (Change Kernel…) and run it again.

## Exercises

Each notebook ends with exercises: `check_answer` and `check_function` say whether your answer
is right and, if not, give a hint. This copy has no worked solutions: ask your teacher.
"""  # noqa: E501 (the set-up commands of docs/setup.md, one a line)


def strip_solutions_toml(text: str) -> str:
    """``exercises.toml`` without the ``solution`` and ``solution_code`` of any entry.

    Works on the text, so every other line, comment and layout stays as it is. A value is one
    line, or a ``'''`` string over several lines.
    """
    kept, skipping = [], False
    for line in text.splitlines():
        if skipping:
            skipping = not line.endswith("'''")
            continue
        key, equals, value = line.partition("=")
        if equals and key.strip() in SOLUTION_FIELDS:
            value = value.strip()
            skipping = value.startswith("'''") and not (len(value) > 3 and value.endswith("'''"))
            continue
        kept.append(line)
    return "\n".join(kept) + "\n"


def build(out_dir: Path) -> Path:
    """Write the student release into ``out_dir`` (emptied first) and return it."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, out_dir / name, ignore=ignore)
        else:
            shutil.copy2(source, out_dir / name)
    toml = out_dir / "helpers" / "exercises.toml"
    toml.write_text(strip_solutions_toml(toml.read_text(encoding="utf-8")), "utf-8")
    (out_dir / "README.md").write_text(README, encoding="utf-8")
    return out_dir


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "student"
    print(f"wrote {build(target)}")
