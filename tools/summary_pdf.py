"""Render the printable summary, ``docs/summary.md``, as a PDF of at most two A4 pages.

The figures are drawn here, from code, into the build folder beside the page; the page is
printed by headless Chromium with MathJax bundled by the Makefile (no network).

    python tools/summary_pdf.py build/html/summary.pdf
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from helpers import sigmoid, sigmoid_derivative
from helpers.plotting import OKABE_ITO, use_style

ROOT = Path(__file__).resolve().parents[1]

SOURCE = ROOT / "docs" / "summary.md"
MATHJAX = ROOT / ".venv" / "node" / "node_modules" / "mathjax" / "es5" / "tex-svg-full.js"
CHROMIUM = Path(os.environ.get("SIGMOID_CHROMIUM", "/usr/bin/chromium"))
# docs/../shared/browser-notes.md: no network, no first-run work, in a container
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--virtual-time-budget=30000",  # let MathJax typeset before printing
]
MAX_PAGES = 2

CSS = """
@page { size: A4; margin: 11mm 12mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.6pt; line-height: 1.3; margin: 0; }
h1 { font-size: 13pt; margin: 0 0 2mm; }
h2 { font-size: 10pt; margin: 2.5mm 0 1mm; break-after: avoid; }
p { margin: 0 0 1.2mm; }
.figures { display: flex; gap: 2mm; margin: 1mm 0 2mm; }
.figures img { width: 33%; }
main { column-count: 2; column-gap: 6mm; }
pre { font-size: 8pt; line-height: 1.2; background: #f4f4f4; padding: 1.5mm 2mm;
      margin: 1mm 0 2mm; white-space: pre-wrap; break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", monospace; }
mjx-container[display="true"] { margin: 1mm 0 !important; }
.anchor-link { display: none; }
"""

MATHJAX_CONFIG = (
    "<script>window.MathJax = {tex: {inlineMath: [['$', '$']], processEscapes: true}, "
    "svg: {fontCache: 'global'}};</script>\n"
    '<script src="mathjax/tex-svg-full.js"></script>'
)


def draw_figures(folder: Path) -> None:
    """Write the summary's three figures, as PNG, into ``folder``."""
    use_style()
    size, dpi = (3.6, 2.5), 200
    z = np.linspace(-6.0, 6.0, 601)
    fig, ax = plt.subplots(figsize=size)
    ax.plot(z, sigmoid(z), color=OKABE_ITO["blue"], label="σ")
    ax.plot(z, sigmoid_derivative(z), "--", color=OKABE_ITO["vermillion"], label="σ′ (≤ ¼)")
    ax.plot(z, np.tanh(z), "-.", color=OKABE_ITO["bluish_green"], label="tanh")
    ax.set(title="σ, σ′ and tanh", xlabel="z", ylabel="value", ylim=(-1.05, 1.05))
    ax.legend(loc="upper left", fontsize=9)
    fig.savefig(folder / "figure-sigmoid.png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)

    from helpers.output_layer import train_neuron  # saved from notebook 07

    fig, ax = plt.subplots(figsize=size)
    for cost, colour, style in (("quadratic", "sky_blue", "-"), ("cross-entropy", "black", "--")):
        outputs = train_neuron(2.0, 2.0, cost, 0.15)[0]
        ax.plot(outputs, color=OKABE_ITO[colour], linestyle=style, label=cost)
    ax.set(title="Nielsen's neuron from w = b = 2", xlabel="epoch", ylabel="output a")
    ax.set(xlim=(0, 300), ylim=(0, 1))
    ax.legend(loc="upper right", fontsize=9)
    fig.savefig(folder / "figure-slowdown.png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)

    grid = np.linspace(-1000.0, 1000.0, 4001)
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-grid))
        naive = -np.log(1 - p)  # y = 0
    stable = np.maximum(grid, 0) + np.log1p(np.exp(-np.abs(grid)))
    fig, ax = plt.subplots(figsize=size)
    ax.plot(grid, stable, color=OKABE_ITO["sky_blue"], linewidth=4, label="from the logit")
    ax.plot(
        grid,
        np.where(np.isfinite(naive), naive, np.nan),
        "--",
        color="black",
        label="from p = σ(z)",
    )
    inf = np.isinf(naive)
    ax.plot(
        grid[inf][::300],
        stable[inf][::300],
        "^",
        color=OKABE_ITO["yellow"],
        markeredgecolor="black",
        markersize=7,
        linestyle="none",
        label="from p: inf",
    )
    ax.set(title="Cross-entropy, y = 0", xlabel="logit z", ylabel="loss")
    ax.legend(loc="upper left", fontsize=9)
    fig.savefig(folder / "figure-loss.png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)


def html_page(markdown: str) -> str:
    """The summary as a page: a title, the figures in one row, then two columns of text."""
    title, _, rest = markdown.partition("\n")
    body = markdown2html_mistune(rest)
    # The paragraph of images becomes one row of figures above the columns.
    figures = re.search(r"<p>(\s*<img[^>]*>\s*)+</p>", body)
    row = ""
    if figures:
        row = '<div class="figures">' + figures.group(0)[3:-4] + "</div>"
        body = body.replace(figures.group(0), "")
    intro, _, columns = body.partition("<h2")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">\n'
        f"<title>{title.lstrip('# ')}</title>\n<style>{CSS}</style>\n{MATHJAX_CONFIG}</head>\n"
        f"<body>\n<h1>{title.lstrip('# ')}</h1>\n{intro}{row}\n<main>\n<h2{columns}\n</main>\n"
        "</body>\n</html>\n"
    )


def build(out_pdf: Path) -> Path:
    """Draw the figures, write the page and print it to ``out_pdf``; return ``out_pdf``."""
    if not MATHJAX.exists():
        raise FileNotFoundError(
            f"summary_pdf: MathJax is missing ({MATHJAX}); 'make .venv/.node-installed' bundles it"
        )
    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"summary_pdf: no Chromium at {CHROMIUM} (apt-get install chromium)"
        )
    out_pdf = out_pdf.resolve()
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="summary-") as tmp:
        folder = Path(tmp)
        (folder / "mathjax").mkdir()
        shutil.copyfile(MATHJAX, folder / "mathjax" / MATHJAX.name)
        draw_figures(folder)
        page = folder / "summary.html"
        page.write_text(html_page(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
        profile = folder / "profile"
        subprocess.run(
            [
                str(CHROMIUM),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--print-to-pdf={out_pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    pages = count_pages(out_pdf.read_bytes())
    if pages > MAX_PAGES:
        raise RuntimeError(f"summary_pdf: {out_pdf.name} has {pages} pages, more than {MAX_PAGES}")
    return out_pdf


def count_pages(pdf: bytes) -> int:
    """The number of page objects in a PDF (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def _stream(body: bytes) -> bytes:
    """The decoded data of a PDF stream object (Flate or none)."""
    head, _, rest = body.partition(b"stream")
    data = rest.lstrip(b"\r\n")
    return zlib.decompressobj().decompress(data) if b"/FlateDecode" in head else data


def _cmap(text: bytes) -> dict[bytes, str]:
    """A ToUnicode CMap: glyph code (bytes) -> text."""
    codes: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            codes[bytes.fromhex(src.decode())] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start, width = int(dst, 16), len(lo) // 2
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                codes[code.to_bytes(width, "big")] = chr(start + offset)
    return codes


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF printed by Chromium: its pages' hex-string glyphs mapped through each
    font's ToUnicode CMap (enough for Chromium's output, not a general PDF reader)."""
    objects = {int(n): b for n, b in re.findall(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}
    text = []
    for body in objects.values():
        if not re.match(rb"<<\s*/Type /Page\b(?!s)", body):
            continue
        fonts = {}
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
            if unicode_ref:
                fonts[name] = _cmap(_stream(objects[int(unicode_ref.group(1))]))
        for ref in re.findall(rb"/Contents (\d+) 0 R", body):
            codes: dict[bytes, str] = {}
            content = _stream(objects[int(ref)])
            for font, glyphs, newline in re.findall(
                rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|(BT)", content
            ):
                if font:
                    codes = fonts.get(font, {})
                elif newline:
                    text.append("\n")
                else:
                    raw = bytes.fromhex(glyphs.decode())
                    text.extend(codes.get(raw[i : i + 2], "") for i in range(0, len(raw), 2))
    return "".join(text)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].endswith(".pdf"):
        print("usage: python tools/summary_pdf.py OUT.pdf", file=sys.stderr)
        return 2
    written = build(Path(argv[0]))
    print(f"wrote {written} ({count_pages(written.read_bytes())} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
