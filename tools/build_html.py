"""Render every notebook, with its saved outputs, to a static site under build/html/.

For students without Jupyter: ``make html`` writes ``build/html/index.html`` (the index
notebook) and one page per notebook, with links between notebooks pointing at the pages.
Figures are the PNGs saved in the notebooks, so widget cells show their static figure.

The pages work offline: MathJax is copied next to them from the npm package that
``make html`` installs (``.venv/node``), and no script is loaded from a CDN (the template in
``tools/handout/`` leaves out require.js and the widget manager). Each figure keeps the alt
text saved with it in the notebook.

Usage: ``python -m tools.build_html [OUT_DIR]`` (default ``build/html``).
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from traitlets.config import Config

from tools import ROOT, notebooks

NOTEBOOKS = ROOT / "notebooks"
INDEX = "00_index"
GUIDE = ROOT / "docs" / "teaching.md"  # the teacher's guide, linked from the index notebook
GUIDE_PAGE = "teaching.html"
HANDOUT = Path(__file__).with_name("handout")  # the page template and its style sheet
MATHJAX = ROOT / ".venv" / "node" / "node_modules" / "mathjax" / "es5" / "tex-svg-full.js"

# The widget view needs a kernel (and JavaScript from a CDN): show each widget cell's saved
# static figure instead, by leaving the widget mime type out of the display priority.
_DISPLAY_PRIORITY = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "text/latex",
    "image/png",
    "image/jpeg",
    "text/plain",
]

# The MathJax set-up of the guide's page, as in the notebook pages' template: $…$ and $$…$$.
_MATHJAX_CONFIG = (
    "<script>window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], "
    "processEscapes: true}};</script>\n"
    '<script src="mathjax/tex-svg-full.js" defer></script>'
)

# href="01_sigmoid.ipynb" or href="01_sigmoid.ipynb#section" -> the page of that notebook
_NOTEBOOK_LINK = re.compile(r'href="(\d\d_[\w.-]+?)\.ipynb(#[^"]*)?"')


# href="../docs/teaching.md" in a notebook -> the guide's page
_GUIDE_LINK = re.compile(r'href="\.\./docs/teaching\.md(#[^"]*)?"')
# href="../notebooks/01_sigmoid.ipynb" or href="../notebooks/" in the guide -> the notebook's page
_GUIDE_NOTEBOOK_LINK = re.compile(r'href="\.\./notebooks/(?:(\d\d_[\w.-]+?)\.ipynb)?(#[^"]*)?"')


def page_name(stem: str) -> str:
    """File name of a notebook's page: the index notebook becomes index.html."""
    return "index.html" if stem == INDEX else f"{stem}.html"


def build(out_dir: Path, notebooks_dir: Path = NOTEBOOKS, guide: Path | None = GUIDE) -> list[Path]:
    """Write one HTML page per notebook, and the guide's page, into ``out_dir``.

    Returns the paths of the pages written.
    """
    if not MATHJAX.exists():
        raise FileNotFoundError(
            f"build_html: MathJax is missing ({MATHJAX.relative_to(ROOT)}); "
            "'make html' installs it with npm"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "mathjax").mkdir(exist_ok=True)
    shutil.copyfile(MATHJAX, out_dir / "mathjax" / MATHJAX.name)
    shutil.copyfile(HANDOUT / "handout.css", out_dir / "handout.css")
    exporter = HTMLExporter(
        extra_template_basedirs=[str(HANDOUT.parent)],
        template_name=HANDOUT.name,
        config=Config({"NbConvertBase": {"display_data_priority": _DISPLAY_PRIORITY}}),
    )
    pages = []
    for notebook in notebooks(notebooks_dir):
        body, _ = exporter.from_filename(str(notebook))
        body = _NOTEBOOK_LINK.sub(
            lambda m: f'href="{page_name(m.group(1))}{m.group(2) or ""}"', body
        )
        body = _GUIDE_LINK.sub(lambda m: f'href="{GUIDE_PAGE}{m.group(1) or ""}"', body)
        page = out_dir / page_name(notebook.stem)
        page.write_text(body, encoding="utf-8")
        pages.append(page)
    if guide is not None:
        pages.append(build_guide(out_dir, guide))
    return pages


def build_guide(out_dir: Path, guide: Path = GUIDE) -> Path:
    """Write the teacher's guide (Markdown) as a page, its notebook links pointing at pages."""
    body = markdown2html_mistune(guide.read_text(encoding="utf-8"))
    body = _GUIDE_NOTEBOOK_LINK.sub(
        lambda m: f'href="{page_name(m.group(1) or INDEX)}{m.group(2) or ""}"', body
    )
    page = out_dir / GUIDE_PAGE
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        "<title>Teacher's guide</title>\n"
        '<link rel="stylesheet" href="handout.css">\n'
        f"{_MATHJAX_CONFIG}</head>\n"
        f'<body class="jp-Notebook">\n<main>\n{body}\n</main>\n</body>\n</html>\n',
        encoding="utf-8",
    )
    return page


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "html"
    for written in build(target):
        print(f"wrote {written.name}")
