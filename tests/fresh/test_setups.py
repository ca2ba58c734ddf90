"""The set-ups a reader runs, for real, each in a fresh environment (``make test-setup``).

- ``docs/setup.md``, the set-up without ``make``: its macOS/Linux commands, read from the
  page and run as written in a fresh shell with only ``python3`` and ``git`` on the PATH and
  an empty home, where a user-level ``python3`` kernel of another Python (as Anaconda
  leaves) is planted first. The folder is cloned by the page's command (from a repository
  made from this working tree); the new environment must hold exactly the pins, import
  ``helpers`` from the folder, run notebook 00 in the ``python3`` kernel and in the
  registered ``sigmoid-notebooks`` kernel (both the new environment), and start JupyterLab
  with the page's launch command. Its Windows and conda blocks must run the same steps.
- Binder's: ``binder/requirements.txt`` asks for that same environment (the pins and the
  editable ``helpers``), so what this set-up shows holds for Binder too (short of Docker;
  ``tests/test_binder.py`` checks the Dockerfile repo2docker writes).

The set-up installs every pinned package, so these take minutes.
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

import nbformat
import pytest

from hub.harness import make_course_repo
from tests.fresh.shell import bare_shell
from tests.test_pins import pins
from tools import ROOT

PAGE = ROOT / "docs" / "setup.md"
REPOSITORY = "https://github.com/owner/name"  # the page's placeholder
KERNEL = "sigmoid-notebooks"


def section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(heading + "\n") + len(heading) + 1
    ends = [m.start() for m in re.finditer(rf"^#{{1,{level}}} ", text[start:], re.M)]
    return text[start : start + ends[0]] if ends else text[start:]


def blocks(text: str) -> list[tuple[str, str]]:
    """Each fenced block of ``text`` as (language, contents)."""
    return re.findall(r"^```(\w*)\n(.*?)^```", text, re.M | re.S)


PAGE_TEXT = PAGE.read_text(encoding="utf-8")
GET = blocks(section(PAGE_TEXT, "## 1. Get the folder"))[0][1]
UNIX = blocks(section(PAGE_TEXT, "### macOS and Linux"))[0][1]
WINDOWS = blocks(section(PAGE_TEXT, "### Windows (PowerShell or cmd)"))[0][1]
CONDA = blocks(section(PAGE_TEXT, "### conda (Windows, macOS, Linux)"))[0][1]
LAUNCH = blocks(section(PAGE_TEXT, "## 3. Open the notebooks, each time"))[0][1].strip()


def _run(command: list[str] | str, cwd: Path, env: dict[str, str], timeout: float = 300):
    shell = isinstance(command, str)
    argv = ["/bin/bash", "--noprofile", "--norc", "-e", "-c", command] if shell else command
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def fresh_setup(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The page's macOS/Linux commands, run in a fresh shell: clone, then install."""
    tmp = tmp_path_factory.mktemp("setup")
    env = bare_shell(tmp)
    (Path(env["PATH"]) / "git").symlink_to(shutil.which("git"))
    # A user-level python3 kernel of another Python, without helpers (as Anaconda leaves).
    decoy = Path(env["HOME"]) / ".local" / "share" / "jupyter" / "kernels" / "python3"
    decoy.mkdir(parents=True)
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    spec = {"argv": [str(base), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (another)", "language": "python"}  # fmt: skip
    (decoy / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    bare = make_course_repo(tmp / "remote", worktree=True)
    got = _run(GET.replace(REPOSITORY, bare.as_uri()), tmp, env, timeout=120)
    assert got.returncode == 0, got.stderr
    course = tmp / "sigmoid-notebooks"
    installed = _run(UNIX, course, env, timeout=1200)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-4000:]
    return course, env


def test_the_folder_is_the_clone_and_helpers_comes_from_it(fresh_setup):
    course, env = fresh_setup
    assert (course / ".git").is_dir() and (course / "notebooks" / "00_index.ipynb").is_file()
    found = _run([".venv/bin/python", "-c", "import helpers; print(helpers.__file__)"], course, env)
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()).is_relative_to(course / "helpers")  # the editable install


def _probe(course: Path, env: dict[str, str], tmp: Path, kernel: str, notebook: str) -> dict:
    """Run ``notebook`` with ``kernel`` by the environment's Jupyter, then a cell that prints
    where the kernel runs; return what it printed and the notebook's outputs."""
    nb = nbformat.read(course / notebook, as_version=4)
    probe = (
        "import json, os, sys\n"
        "print(json.dumps({'prefix': sys.prefix, 'blas': os.environ.get('OPENBLAS_NUM_THREADS')}))"
    )
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    path = tmp / f"probe-{kernel}.ipynb"
    nbformat.write(nb, path)
    ran = _run(
        [".venv/bin/jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
         f"--ExecutePreprocessor.kernel_name={kernel}", str(path)],
        course, env,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]
    cells = nbformat.read(path, as_version=4).cells
    outputs = [o for c in cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return {"where": json.loads(cells[-1].outputs[0]["text"]), "outputs": outputs}


def test_notebook_00_runs_in_the_new_environment_despite_another_python3_kernel(
    fresh_setup, tmp_path
):
    course, env = fresh_setup
    result = _probe(course, env, tmp_path, "python3", "notebooks/00_index.ipynb")
    assert Path(result["where"]["prefix"]).resolve() == (course / ".venv").resolve()
    assert any("σ(z)" in "".join(o.get("text", "")) for o in result["outputs"])


def test_the_registered_kernel_is_the_new_environment_with_one_blas_thread(fresh_setup, tmp_path):
    course, env = fresh_setup
    listed = _run([".venv/bin/jupyter", "kernelspec", "list", "--json"], course, env)
    specs = json.loads(listed.stdout)["kernelspecs"]
    assert Path(specs[KERNEL]["resource_dir"]).is_relative_to(env["HOME"])  # --user
    assert specs[KERNEL]["spec"]["display_name"] == "Python (sigmoid-notebooks)"
    result = _probe(course, env, tmp_path, KERNEL, "notebooks/00_index.ipynb")
    assert Path(result["where"]["prefix"]).resolve() == (course / ".venv").resolve()
    assert result["where"]["blas"] == "1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_launch_command_starts_jupyterlab_on_the_index(fresh_setup, tmp_path):
    course, env = fresh_setup
    assert len(LAUNCH.splitlines()) == 1
    port, token = _free_port(), "setup-test-token"
    extra = " --no-browser --ServerApp.ip=127.0.0.1"
    extra += f" --ServerApp.port={port} --IdentityProvider.token={token}"
    if os.getuid() == 0:
        extra += " --allow-root"  # containers and CI run as root; students do not
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        ["/bin/bash", "--noprofile", "--norc", "-c", LAUNCH + extra],
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
    freeze = _run([".venv/bin/python", "-m", "pip", "freeze", "--exclude-editable"], course, env)
    installed = {}
    for line in freeze.stdout.splitlines():
        if "==" in line:
            name, version = line.split("==")
            installed[re.sub(r"[-_.]+", "-", name).lower()] = version
    assert installed == {
        name: version for name, (version, _) in pins(ROOT / "requirements.txt").items()
    }


def test_the_teachers_links_script_runs_with_the_new_environment(fresh_setup):
    course, env = fresh_setup
    command = "--repo owner/name --branch main --hub hub.example.org"
    assert f"`.venv/bin/python tools/links.py {command}`" in PAGE_TEXT
    ran = _run([".venv/bin/python", "tools/links.py", *command.split()], course, env)
    assert ran.returncode == 0, ran.stderr
    assert "https://hub.example.org/hub/user-redirect/git-pull?" in ran.stdout


def test_binder_requirements_ask_for_this_same_environment(fresh_setup, tmp_path):
    # Binder installs binder/requirements.txt into a fresh environment: in this one, pip
    # finds every requirement met and would install only helpers again (it is editable).
    course, env = fresh_setup
    report = tmp_path / "report.json"
    dry_run = _run(
        [".venv/bin/python", "-m", "pip", "install", "--dry-run", "--quiet", "--report",
         str(report), "-r", "binder/requirements.txt"],
        course, env,
    )  # fmt: skip
    assert dry_run.returncode == 0, dry_run.stdout + dry_run.stderr
    would_install = json.loads(report.read_text(encoding="utf-8"))["install"]
    assert [item["metadata"]["name"] for item in would_install] == ["sigmoid-notebooks-helpers"]
