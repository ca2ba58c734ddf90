"""A fresh shell for the set-up tests: only a bare ``python3`` on the PATH, an empty home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tools import ROOT


def bare_shell(tmp: Path) -> dict[str, str]:
    """The environment of a new shell: PATH holds only python3 (no make, pip or jupyter of
    this machine), HOME is empty; the machine's package index and proxies are passed on."""
    bindir = tmp / "bin"
    bindir.mkdir()
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    (bindir / "python3").symlink_to(base)
    (bindir / "python").symlink_to(base)
    (tmp / "home").mkdir()
    env = {"PATH": str(bindir), "HOME": str(tmp / "home"), "LANG": "C.UTF-8"}
    for key, value in os.environ.items():
        if key.startswith("PIP_") or key.lower().endswith("_proxy") or key == "SSL_CERT_FILE":
            env[key] = value
    assert shutil.which("make", path=env["PATH"]) is None
    return env


def copy_of_project(destination: Path) -> Path:
    """The repository's tracked files (as they are in the working tree), as a download has them."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination
