"""`make html`: one page per notebook plus the index, and no broken link between them."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tools import ROOT, notebooks
from tools.build_html import build, page_name

NOTEBOOKS = notebooks()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) and not (tag == "a" and name == "src"):
                self.links.append(values[name])


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    build(out)
    return out


def test_every_notebook_has_a_page_and_the_index_is_index_html(site):
    expected = {page_name(p.stem) for p in NOTEBOOKS} | {"teaching.html"}
    assert "index.html" in expected
    assert {p.name for p in site.glob("*.html")} == expected


def test_no_broken_relative_link(site):
    parsed = {page.name: _parse(page) for page in site.glob("*.html")}
    broken = []
    for name, page in parsed.items():
        for link in page.links:
            if re.match(r"^[a-z]+:", link):  # http:, https:, data:, mailto:
                continue
            target, _, anchor = link.partition("#")
            target = target or name
            if not target.endswith(".html"):  # the style sheet, the bundled MathJax
                if not (site / target).is_file():
                    broken.append(f"{name}: {link} (no such file)")
                continue
            if target not in parsed:
                broken.append(f"{name}: {link} (no such page)")
            elif anchor and anchor not in parsed[target].ids:
                broken.append(f"{name}: {link} (no such anchor)")
    assert broken == []


def test_links_between_notebooks_point_at_pages(site):
    for page in site.glob("*.html"):
        relative_ipynb = [
            link
            for link in _parse(page).links
            if link.split("#")[0].endswith(".ipynb") and not re.match(r"^[a-z]+:", link)
        ]
        assert relative_ipynb == [], f"{page.name} still links notebooks: {relative_ipynb}"


def test_link_rewriting(tmp_path):
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    (notebooks / "00_index.ipynb").write_text(
        '{"cells": [{"cell_type": "markdown", "id": "a1", "metadata": {}, "source": '
        '["[next](01_a.ipynb#Part-2) [same](#Top)"]}], "metadata": {}, '
        '"nbformat": 4, "nbformat_minor": 5}',
        encoding="utf-8",
    )
    (build_dir := tmp_path / "out").mkdir()
    build(build_dir, notebooks, guide=None)
    links = _parse(build_dir / "index.html").links
    assert "01_a.html#Part-2" in links and "#Top" in links


def test_widget_cells_show_their_static_figure(site):
    # 01's first slider cell saves a widget view and a PNG: the page must show the PNG.
    page = (site / "01_sigmoid.html").read_text(encoding="utf-8")
    assert '<script type="application/vnd.jupyter.widget-view+json">' not in page
    notebook = json.loads((ROOT / "notebooks" / "01_sigmoid.ipynb").read_text(encoding="utf-8"))
    widget_pngs = [
        output["data"]["image/png"]
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in output.get("data", {})
        and "image/png" in output.get("data", {})
    ]
    assert widget_pngs, "01_sigmoid.ipynb should save a static figure with its widget"
    assert all(png.strip()[:200] in page for png in widget_pngs)


def test_the_teachers_guide_covers_every_notebook():
    guide = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    missing = [p.name for p in NOTEBOOKS if f"../notebooks/{p.name}" not in guide]
    assert missing == [], f"docs/teaching.md does not link {missing}"
    for path in NOTEBOOKS[1:]:
        assert re.search(rf"^\*\*{path.name[:2]} ", guide, flags=re.MULTILINE), (
            f"docs/teaching.md has no learning objectives for {path.name}"
        )
