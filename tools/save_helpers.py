"""Write the ``helpers`` modules that the notebooks save, d2l.ai style (``make helpers``).

A notebook writes the code it teaches in its own cells. A code cell whose first line is
``#@save`` holds code that later notebooks reuse: this script copies every such cell, in
order, into the notebook's module of ``helpers`` (``MODULES`` below), with the imports that
code needs taken from the notebook's own import statements. The notebook is the one source;
``tests/test_saved.py`` fails when a module is not what this script would write.

    python tools/save_helpers.py           # write the modules
    python tools/save_helpers.py --check   # exit 1 if a module is out of date
"""

from __future__ import annotations

import ast
import builtins
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "#@save"

# notebook file -> (module of helpers, the module's docstring)
MODULES: dict[str, tuple[str, str]] = {
    "03_vanishing_gradients.ipynb": (
        "network",
        "A small fully connected network in numpy: forward pass, backpropagation, training.",
    ),
    "04_not_zero_centred.ipynb": (
        "zero_centred",
        "Notebook 04: the zig-zag of two weights, and the saturation of the top hidden layer.",
    ),
    "05_sigmoid_vs_tanh.ipynb": (
        "race",
        "Notebook 05's race of sigmoid, tanh and ReLU networks, and its verdicts.",
    ),
    "06_numerics.ipynb": (
        "numerics",
        "The sigmoid's kernel: the arithmetic that ``helpers.sigmoid`` runs on each block.",
    ),
    "07_output_layer.ipynb": (
        "output_layer",
        "Nielsen's learning slowdown: one sigmoid neuron, two costs, random starts.",
    ),
}

_ALLOWED = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)


def saved_cells(notebook: Path) -> list[str]:
    """The sources of the code cells of ``notebook`` marked ``#@save``, marker line removed."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    sources = []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and MARKER in source.splitlines()[1:]:
            raise ValueError(
                f"save_helpers: a {MARKER} line inside a cell of {notebook.name}: the marker "
                "saves a whole cell and goes on its first line only"
            )
        if cell["cell_type"] == "code" and source.splitlines()[:1] == [MARKER]:
            sources.append(source.split("\n", 1)[1] if "\n" in source else "")
    return sources


def _notebook_imports(notebook: Path) -> dict[str, str]:
    """Bound name -> the import statement that binds it, over the notebook's code cells."""
    imports: dict[str, str] = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:  # IPython magics
            continue
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                for alias in node.names:
                    name = (alias.asname or alias.name).split(".")[0]
                    if isinstance(node, ast.Import):
                        text = f"import {alias.name}" + (
                            f" as {alias.asname}" if alias.asname else ""
                        )
                    else:
                        text = f"from {'.' * node.level}{node.module or ''} import {alias.name}"
                        text += f" as {alias.asname}" if alias.asname else ""
                    imports[name] = text
    return imports


def module_source(notebook: Path, module: str, docstring: str) -> str:
    """The text of the module saved from ``notebook`` (formatted as ruff formats it)."""
    cells = saved_cells(notebook)
    if not cells:
        raise ValueError(f"save_helpers: {notebook.name} has no cell marked {MARKER}")
    code = "\n\n\n".join(cell.strip() for cell in cells)
    tree = ast.parse(code)
    defined, own_imports = set(), []
    for node in tree.body:
        if not isinstance(node, _ALLOWED) and not (
            isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        ):
            raise ValueError(
                f"save_helpers: a {MARKER} cell of {notebook.name} runs code at import "
                f"(line {node.lineno}: {type(node).__name__}); save definitions only"
            )
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Assign):
            defined.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            own_imports.append(node)
            defined.update((a.asname or a.name).split(".")[0] for a in node.names)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    local = {
        a.arg
        for n in ast.walk(tree)
        if isinstance(n, ast.arguments)
        for a in (*n.posonlyargs, *n.args, *n.kwonlyargs, n.vararg, n.kwarg)
        if a
    }
    local |= {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    local |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)}
    available = _notebook_imports(notebook)
    needed = sorted(used - defined - local - set(dir(builtins)))
    missing = [name for name in needed if name not in available]
    if missing:
        raise ValueError(
            f"save_helpers: the {MARKER} cells of {notebook.name} use {missing}, which neither "
            "they nor the notebook's imports define"
        )
    header = [
        f'"""{docstring}\n\nSaved from the cells marked ``{MARKER}`` in\n'
        f"``notebooks/{notebook.name}``: edit the notebook, then run ``make helpers``.\n"
        '"""'
    ]
    imports = sorted({available[name] for name in needed})
    text = "\n".join(
        [*header, "", "from __future__ import annotations", "", *imports, "", "", code]
    )
    return _ruff(text, f"helpers/{module}.py")


def _ruff(text: str, filename: str) -> str:
    ruff = [sys.executable, "-m", "ruff"]
    fixed = subprocess.run(
        [*ruff, "check", "--fix-only", "--select", "I,F401", "--stdin-filename", filename, "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return subprocess.run(
        [*ruff, "format", "--stdin-filename", filename, "-"],
        input=fixed,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout


def outdated() -> list[str]:
    """The modules whose text differs from what their notebook would save."""
    stale = []
    for notebook_name, (module, docstring) in MODULES.items():
        target = ROOT / "helpers" / f"{module}.py"
        expected = module_source(ROOT / "notebooks" / notebook_name, module, docstring)
        if not target.exists() or target.read_text(encoding="utf-8") != expected:
            stale.append(str(target.relative_to(ROOT)))
    return stale


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = outdated()
        for path in stale:
            print(f"{path} differs from its notebook's {MARKER} cells: run 'make helpers'")
        return 1 if stale else 0
    for notebook_name, (module, docstring) in MODULES.items():
        target = ROOT / "helpers" / f"{module}.py"
        target.write_text(
            module_source(ROOT / "notebooks" / notebook_name, module, docstring), "utf-8"
        )
        print(f"wrote {target.relative_to(ROOT)} from notebooks/{notebook_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
