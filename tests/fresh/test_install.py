"""``pip install`` of the repository alone (what a Colab or VS Code reader's first cell does):
no requirements file, no constraint, in a fresh virtual environment; every ``helpers`` module
must then import. Fails when ``pyproject.toml`` misses a package that ``helpers`` imports."""

from __future__ import annotations

import pkgutil
import subprocess

import helpers
from tests.fresh.shell import bare_shell, copy_of_project

MODULES = sorted(f"helpers.{m.name}" for m in pkgutil.iter_modules(helpers.__path__))


def test_plain_pip_install_of_the_repository_gives_an_importable_helpers(tmp_path):
    env = bare_shell(tmp_path)
    project = copy_of_project(tmp_path / "sigmoid-notebooks")
    venv = tmp_path / "venv"
    subprocess.run(["python3", "-m", "venv", str(venv)], env=env, check=True, timeout=120)
    installed = subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "--quiet", str(project)],
        env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-3000:]
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)"
    imported = subprocess.run(
        [venv / "bin" / "python", "-W", "error", "-c", code, *MODULES],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr[-3000:]
    assert {"helpers.activations", "helpers.exercises", "helpers.plotting"} <= set(MODULES)
