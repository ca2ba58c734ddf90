"""The teacher's install commands of docs/hub.md, run as written into the hub's environment.

The page's step 2 is one shell block, one ``pip`` command a line. ``make hub-env`` runs the
lines that install packages (``python -m hub.page``); ``harness.install_helpers`` runs the
line that installs ``helpers`` from the course repository, with the page's placeholder
repository and branch replaced by the test's. So the hub that ``make hub`` and
``make test-hub`` run is the hub the page sets up, and a package the page forgets is missing
there too. ``sudo -E`` is dropped (the hub's environment here belongs to this user) and
``pip`` is that environment's. The packages the page's lines pull in are held to the
versions of requirements.txt (as constraints: they install nothing the page does not ask
for).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tools import ROOT

PAGE = ROOT / "docs" / "hub.md"
STEP = "2. **Install the collection's packages and `helpers` into the users' environment**"
REPOSITORY = "https://github.com/owner/name"  # the placeholders the page uses
BRANCH = "spring-2026"
CONSTRAINTS = ROOT / "requirements.txt"


def commands(page: Path = PAGE) -> list[list[str]]:
    """Each command of the page's install step as an argument list, ``sudo -E`` removed."""
    text = page.read_text(encoding="utf-8")
    step = text[text.index(STEP) :]
    block = re.search(r"```sh\n(.*?)```", step, re.S)
    if block is None:
        raise ValueError(f"{page.name}: no ```sh block in step 2")
    found = []
    for line in block[1].splitlines():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        if words[:2] != ["sudo", "-E"] or words[2:4] != ["pip", "install"]:
            raise ValueError(f"{page.name}: not a `sudo -E pip install` line: {line!r}")
        found.append(words[2:])
    return found


def packages(page: Path = PAGE) -> dict[str, str]:
    """The packages the page pins: name -> version."""
    pins = {}
    for command in commands(page):
        for word in command:
            if "==" in word and not word.startswith("-"):
                name, version = word.split("==")
                pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def _run(command: list[str], python: Path) -> None:
    env = {**os.environ, "PIP_CONSTRAINT": str(CONSTRAINTS), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    argv = [str(python), "-m", "pip", *command[1:], "--quiet"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=900, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(argv)} failed:\n{done.stdout}\n{done.stderr}")


def install_packages(python: Path) -> None:
    """Run the page's lines that install packages (not the one naming the repository)."""
    for command in commands():
        if not any(REPOSITORY in word for word in command):
            _run(command, python)


def install_helpers(python: Path, repository: str, branch: str) -> None:
    """Run the page's line that installs helpers, from ``repository`` at ``branch``."""
    lines = [c for c in commands() if any(REPOSITORY in word for word in c)]
    if len(lines) != 1:
        raise ValueError(f"{PAGE.name}: {len(lines)} lines install from {REPOSITORY}, not 1")
    url = f"{REPOSITORY}@{BRANCH}"
    command = [word.replace(url, f"{repository}@{branch}") for word in lines[0]]
    if command == lines[0]:
        raise ValueError(f"{PAGE.name}: the helpers line does not name {url}")
    _run(command, python)


if __name__ == "__main__":  # python -m hub.page PYTHON: install the page's packages there
    install_packages(Path(sys.argv[1]))
