"""Write the student release: the notebooks and ``helpers`` without any worked solution.

``make student-release`` writes ``build/student/``, a copy of what students need (notebooks,
``helpers``, the requirements, ``binder/``) where:

* the worked solutions (in ``helpers/exercises.toml``, each exercise's ``solution`` and
  ``solution_code``, the answers of the open questions) are left out, and ``show_solution``
  is gone from ``helpers``;
* the notebooks no longer tell students how to reveal a solution;
* the checkers (``check_answer``, ``check_function``) work as before.

Teachers keep the full repository (and ``docs/assessment.md``). The expected *values* of the
numeric exercises stay in the package, as a checker needs them: a determined student can
read them there, so graded work should use the assessment bank's items instead.

Usage: ``python docs/student_release.py [OUT_DIR]`` (default ``build/student``).
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["helpers", "notebooks", "binder", "requirements.txt", "pyproject.toml", "LICENSE"]
_SOLUTION_FIELDS = {"solution", "solution_code"}
_MENTIONS = re.compile(r"show_solution")


class _DropSolutions(ast.NodeTransformer):
    """Empty the solution fields of Exercise/CodeExercise/OpenQuestion; drop show_solution."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = getattr(node.func, "id", "")
        if name in ("Exercise", "CodeExercise"):
            node.keywords = [k for k in node.keywords if k.arg not in _SOLUTION_FIELDS]
        elif name == "OpenQuestion":
            node.args = node.args[:1] + [ast.Constant("")] * (len(node.args) > 1)
            node.keywords = [
                ast.keyword("solution", ast.Constant("")) if k.arg == "solution" else k
                for k in node.keywords
            ]
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST | None:
        return None if node.name == "show_solution" else self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        # docstrings and comments-in-strings that point at the removed function
        if isinstance(node.value, str) and "show_solution" in node.value:
            lines = node.value.splitlines(keepends=True)
            node.value = "".join(line for line in lines if "show_solution" not in line)
        return node


def strip_exercises(source: str) -> str:
    """The source of ``helpers/exercises.py`` without solutions and without show_solution."""
    tree = _DropSolutions().visit(ast.parse(source))
    text = ast.unparse(ast.fix_missing_locations(tree))
    return text.replace('"show_solution",', "").replace("'show_solution',", "") + "\n"


def strip_solutions_toml(text: str) -> str:
    """``exercises.toml`` without its ``solution`` and ``solution_code`` entries."""
    kept, skipping = [], False
    for line in text.splitlines():
        if skipping:
            skipping = not line.endswith("'''")
            continue
        key = line.split("=", 1)[0].strip()
        if key in _SOLUTION_FIELDS:
            value = line.split("=", 1)[1].strip()
            skipping = value.startswith("'''") and not (len(value) > 3 and value.endswith("'''"))
            continue
        kept.append(line)
    return "\n".join(kept) + "\n"


def strip_init(source: str) -> str:
    """``helpers/__init__.py`` without the show_solution export."""
    source = re.sub(r",\s*show_solution\b", "", source)
    return re.sub(r'\s*"show_solution",', "", source)


def strip_notebook(notebook: dict) -> dict:
    """Remove the paragraphs (and fenced code blocks) that tell how to reveal a solution."""
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        if not _MENTIONS.search(text):
            continue
        blocks = re.split(r"\n\s*\n", text)
        kept = [b for b in blocks if not _MENTIONS.search(b)]
        cell["source"] = "\n\n".join(kept)
    return notebook


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
    exercises = out_dir / "helpers" / "exercises.py"
    exercises.write_text(strip_exercises(exercises.read_text(encoding="utf-8")), "utf-8")
    init = out_dir / "helpers" / "__init__.py"
    init.write_text(strip_init(init.read_text(encoding="utf-8")), "utf-8")
    for path in sorted((out_dir / "notebooks").glob("*.ipynb")):
        notebook = strip_notebook(json.loads(path.read_text(encoding="utf-8")))
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")
    (out_dir / "README.md").write_text(
        "# Learn the sigmoid and its derivative — student copy\n\n"
        "Open `notebooks/00_index.ipynb` in JupyterLab. Install with\n"
        "`python -m pip install -r requirements.txt && python -m pip install -e .`\n",
        encoding="utf-8",
    )
    return out_dir


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "student"
    print(f"wrote {build(target)}")
