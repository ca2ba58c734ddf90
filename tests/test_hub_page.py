"""docs/hub.md's install step is what the hub test runs (hub/page.py), and it is complete.

``make test-hub`` installs the collection into a hub's environment by the page's own lines;
these fast checks say what that run would find later: the page's packages and versions are
those of the notebooks' environment, nothing the notebooks need is left out, and the page
hands out a branch.
"""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from hub import page
from tests.test_pins import pins, requirements
from tools import ROOT

HUB_HAS = {"notebook"}  # Notebook 7: a hub serves JupyterLab (requirements-hub.in)


def test_the_page_installs_every_package_the_notebooks_need_that_a_hub_lacks():
    needed = {canonicalize_name(r.name) for r in requirements(ROOT / "requirements.in")}
    hub_has = {canonicalize_name(r.name) for r in requirements(ROOT / "requirements-hub.in")}
    missing = needed - hub_has - HUB_HAS - set(page.packages())
    assert not missing, f"docs/hub.md step 2 does not install {sorted(missing)}"
    assert "anywidget" in page.packages()  # helpers.plotting's sliders


def test_the_page_pins_the_tested_versions():
    tested = {name: version for name, (version, _) in pins(ROOT / "requirements.txt").items()}
    for name, version in page.packages().items():
        if name != "nbgitpuller":  # only on the hub
            assert tested.get(name) == version, f"docs/hub.md pins {name}=={version}"


def test_helpers_come_from_the_branch_the_link_names():
    helpers_lines = [c for c in page.commands() if any(page.REPOSITORY in w for w in c)]
    assert helpers_lines == [
        ["pip", "install", "--no-deps", f"git+{page.REPOSITORY}@{page.BRANCH}"]
    ]
    text = page.PAGE.read_text(encoding="utf-8")
    links = re.findall(r"make links REPO=owner/name BRANCH=(\S+)", text)
    assert links == [page.BRANCH]
    assert "a branch" in text and not re.search(r"\btag (a|the) commit\b", text, re.I)


def test_the_page_installs_what_helpers_declares():
    with (ROOT / "pyproject.toml").open("rb") as file:
        declared = tomllib.load(file)["project"]["dependencies"]
    names = {canonicalize_name(Requirement(d).name) for d in declared}
    assert {"numpy", "scipy", "matplotlib", "ipywidgets", "anywidget"} <= names
    brought = {"pillow", "traitlets"}  # installed with matplotlib and ipywidgets
    assert names - brought <= set(page.packages())
