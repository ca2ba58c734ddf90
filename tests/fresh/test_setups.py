"""The set-ups a reader runs, for real, each in a fresh virtual environment (``make test-setup``).

- The teacher's guide's set-up without ``make`` (macOS, Linux): its commands, run in a fresh
  shell with only ``python3`` on the PATH, in a copy of the project; the new environment must
  hold exactly the pins, import ``helpers``, run notebook 00 and start JupyterLab.
- Binder's: ``binder/requirements.txt`` asks for that same environment (the pins and the
  editable ``helpers``), so what the guide's set-up shows holds for Binder too (short of
  Docker; ``tests/test_binder.py`` checks the Dockerfile repo2docker writes).

The set-up installs every pinned package, so these take minutes; ``make test`` leaves them to
``make test-setup``, which ``.ci/run`` runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_binder import ROOT, _pins
from tests.test_guide import GUIDE, UNIX, fenced_blocks, section


def _passed_on_environment(home: Path, bindir: Path) -> dict[str, str]:
    env = {"PATH": str(bindir), "HOME": str(home), "LANG": "C.UTF-8"}
    for key, value in os.environ.items():  # the machine's package index and proxies
        if key.startswith("PIP_") or key.lower().endswith("_proxy") or key == "SSL_CERT_FILE":
            env[key] = value
    return env


@pytest.fixture(scope="module")
def fresh_setup(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The macOS/Linux block, run in a fresh shell without make, in a copy of the project."""
    tmp = tmp_path_factory.mktemp("setup")
    course = tmp / "course"
    course.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "requirements.txt"):
        shutil.copy2(ROOT / name, course / name)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for folder in ("helpers", "notebooks", "binder"):
        shutil.copytree(ROOT / folder, course / folder, ignore=ignore)
    bindir = tmp / "bin"  # only python3: no make, no pip, no jupyter of this machine
    bindir.mkdir()
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    (bindir / "python3").symlink_to(base)
    (tmp / "home").mkdir()
    env = _passed_on_environment(tmp / "home", bindir)
    assert shutil.which("make", path=env["PATH"]) is None
    block = fenced_blocks(section(GUIDE, UNIX))[0][1]
    result = subprocess.run(
        ["/bin/bash", "--noprofile", "--norc", "-e", "-c", block],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return course, env


def test_the_set_up_without_make_imports_helpers_from_the_project(fresh_setup):
    course, env = fresh_setup
    found = subprocess.run(
        [".venv/bin/python", "-c", "import helpers; print(helpers.__file__)"],
        cwd=course, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()).is_relative_to(course / "helpers")  # the editable install


def test_the_set_up_without_make_runs_the_index_notebook(fresh_setup, tmp_path):
    course, env = fresh_setup
    ran = subprocess.run(
        [".venv/bin/jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.kernel_name=python3", "--output-dir", str(tmp_path),
         "notebooks/00_index.ipynb"],
        cwd=course, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]
    cells = json.loads((tmp_path / "00_index.ipynb").read_text(encoding="utf-8"))["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
    assert outputs and not [o for o in outputs if o["output_type"] == "error"]
    assert any("σ(z)" in "".join(o.get("text", "")) for o in outputs)  # the check cell printed


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_launch_command_starts_jupyterlab_on_the_index(fresh_setup, tmp_path):
    course, env = fresh_setup
    launch = fenced_blocks(section(GUIDE, UNIX))[1][1].strip()
    assert len(launch.splitlines()) == 1
    port, token = _free_port(), "guide-test-token"
    extra = " --no-browser --ServerApp.ip=127.0.0.1"
    extra += f" --ServerApp.port={port} --IdentityProvider.token={token}"
    if os.getuid() == 0:
        extra += " --allow-root"  # containers and CI run as root; students do not
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        ["/bin/bash", "--noprofile", "--norc", "-c", launch + extra],
        cwd=course, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        page = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/lab/tree/notebooks/00_index.ipynb?token={token}"
                with urllib.request.urlopen(url, timeout=5) as response:
                    page = (response.status, response.read().decode("utf-8", "replace"))
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        assert server.poll() is None, (tmp_path / "lab.log").read_text()[-3000:]
        assert page is not None and page[0] == 200 and "JupyterLab" in page[1]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
        log.close()


def test_the_set_up_installs_exactly_the_pins(fresh_setup):
    course, env = fresh_setup
    freeze = subprocess.run(
        [".venv/bin/python", "-m", "pip", "freeze", "--exclude-editable"],
        cwd=course, env=env, capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    installed = {}
    for line in freeze.splitlines():
        if "==" in line:
            name, version = line.split("==")
            installed[re.sub(r"[-_.]+", "-", name).lower()] = version
    assert installed == _pins(ROOT / "requirements.txt")


def test_binder_requirements_ask_for_this_same_environment(fresh_setup, tmp_path):
    # Binder installs binder/requirements.txt into a fresh environment: in the guide's, pip
    # finds every requirement met and would install only helpers again (it is editable).
    course, env = fresh_setup
    report = tmp_path / "report.json"
    dry_run = subprocess.run(
        [".venv/bin/python", "-m", "pip", "install", "--dry-run", "--quiet", "--report",
         str(report), "-r", "binder/requirements.txt"],
        cwd=course, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert dry_run.returncode == 0, dry_run.stdout + dry_run.stderr
    would_install = json.loads(report.read_text(encoding="utf-8"))["install"]
    assert [item["metadata"]["name"] for item in would_install] == ["sigmoid-notebooks-helpers"]
