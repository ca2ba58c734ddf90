"""Binder readiness: what repo2docker would build, and that ``binder/`` alone is enough.

Binder (repo2docker) reads ``binder/`` and then ignores the files at the root. These tests
check the Dockerfile repo2docker generates (``--no-build``: no Docker needed);
``tests/fresh/test_setups.py`` (``make test-setup``) does what Binder would do short of
Docker, in a fresh virtual environment.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tools import ROOT

# Binder builds with this Python; the pins are also tested on 3.12 and 3.13 (README).
BINDER_PYTHON = "python-3.11"
BINDER = ROOT / "binder"
LAB_SETTINGS = BINDER / "jupyterlab-overrides.json"  # JupyterLab settings of every set-up
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return pins


def test_binder_folder_pins_the_tested_python_and_installs_helpers():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime == BINDER_PYTHON
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "-r ../requirements.txt" in lines  # exactly the project's pins
    assert "." in lines or "-e ." in lines  # the helpers package
    for extra in ("postBuild", "environment.yml", "apt.txt"):
        assert not (BINDER / extra).exists(), f"binder/{extra} would change what Binder builds"


def test_binder_start_runs_jupyter_with_one_openblas_thread_and_no_news_prompt(tmp_path):
    # Binder runs binder/start with the server's command line as its arguments; repo2docker
    # sets NB_PYTHON_PREFIX to the environment Jupyter runs from.
    result = subprocess.run(
        [BINDER / "start", "sh", "-c", 'echo "threads=$OPENBLAS_NUM_THREADS args=$0"'],
        env={"PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "8",
             "NB_PYTHON_PREFIX": str(tmp_path)},
        capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == "threads=1 args=sh"
    written = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    # the one settings file, which 'make lab' and the hub copy too
    assert written.read_bytes() == LAB_SETTINGS.read_bytes()
    assert json.loads(LAB_SETTINGS.read_text(encoding="utf-8")) == {
        "@jupyterlab/apputils-extension:notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        }
    }
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "LAB_SETTINGS := binder/jupyterlab-overrides.json\n" in makefile


def test_repo2docker_generates_a_dockerfile_that_installs_from_binder(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=IGNORED)
    result = subprocess.run(
        [
            Path(sys.executable).with_name("repo2docker"),
            "--no-build",
            "--no-run",
            "--debug",
            "--user-id=1000",
            "--user-name=jovyan",
            ".",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    python = BINDER_PYTHON.removeprefix("python-")
    assert f"Building conda environment for python={python}" in output
    installs = [line for line in output.splitlines() if "pip install" in line]
    assert installs, output
    assert all('-r "binder/requirements.txt"' in line for line in installs), installs
    assert "COPY --chown=1000:1000 src/binder/requirements.txt" in output
    # The repository belongs to the user who runs pip, so installing helpers from it works.
    assert "COPY --chown=1000:1000 src/ ${REPO_DIR}/" in output
    assert "labextension" not in output  # ipywidgets 8 and anywidget ship theirs prebuilt
