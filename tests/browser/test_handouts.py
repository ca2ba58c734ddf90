"""The static handouts in a real browser with the network blocked: math renders, axe is clean.

``make html`` pages must work offline (a school network that blocks CDNs) and for every
reader: MathJax is bundled, so no raw ``$…$`` is left once it has typeset the page, and
axe-core (the standard accessibility engine) finds no critical or serious violation.
"""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tools import ROOT
from tools.build_html import build

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"

if not CHROMIUM.exists() or shutil.which("npm") is None:
    if os.environ.get("SIGMOID_REQUIRE_BROWSER") == "1":
        raise RuntimeError("the handout tests need /usr/bin/chromium (apt-get install chromium)")
    pytest.skip("Chromium is not installed: apt-get install chromium", allow_module_level=True)

# Text nodes outside code and rendered math that still hold a $…$ pair: math MathJax missed.
_RAW_MATH = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const raw = [];
  for (let node; (node = walker.nextNode()); ) {
    if (node.parentElement.closest('pre, code, script, style, mjx-container')) continue;
    if (/\\$[^$\\s][^$]*\\$/.test(node.textContent)) raw.push(node.textContent.slice(0, 80));
  }
  return raw;
}"""


class _Images(HTMLParser):
    """The alt attribute of every image of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory, browser):
    # pytest-playwright's browser (Debian's Chromium, see conftest.py)
    site = tmp_path_factory.mktemp("handouts")
    build(site)
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # offline: anything that is not a local file is refused
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    results = {}
    for html in sorted(site.glob("*.html")):
        images = _Images()
        images.feed(html.read_text(encoding="utf-8"))
        requests.clear()
        page.goto(html.as_uri())
        page.wait_for_function("window.MathJax && MathJax.startup", timeout=30_000)
        page.evaluate("MathJax.startup.promise")
        raw = page.evaluate(_RAW_MATH)
        typeset = page.evaluate("document.querySelectorAll('mjx-container').length")
        page.add_script_tag(path=str(AXE))
        report = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        remote = [url for url in requests if not url.startswith(("file:", "data:"))]
        results[html.name] = (raw, typeset, report["violations"], remote, images.alts)
    page.close()
    return results


def test_every_page_renders_its_math_offline(pages):
    assert len(pages) >= 8
    for name, (raw, typeset, _, remote, _) in pages.items():
        assert remote == [], f"{name} asks the network for {remote}"
        assert raw == [], f"{name}: math left as raw LaTeX: {raw[:3]}"
        if name != "teaching.html":
            assert typeset > 0, f"{name}: MathJax typeset nothing"


def test_axe_finds_no_serious_violation(pages):
    for name, (_, _, violations, _, _) in pages.items():
        serious = [
            f"{v['id']} ({len(v['nodes'])}×: {v['nodes'][0]['target']})"
            for v in violations
            if v["impact"] in ("critical", "serious")
        ]
        assert serious == [], f"{name}: {serious}"


def test_every_figure_has_a_real_alt_text(pages):
    for name, (*_, alts) in pages.items():
        assert alts or name == "teaching.html", f"{name} shows no figure"
        for alt in alts:
            assert alt and alt not in ("Figure", "No description has been provided for this image")
            assert len(alt) > 20, f"{name}: alt text too short to describe a figure: {alt!r}"
