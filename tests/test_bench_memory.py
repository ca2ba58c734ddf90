"""benchmarks/bench_memory.py sees what a notebook's kernel allocates, and fails over the limit."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location(
    "bench_memory", ROOT / "benchmarks" / "bench_memory.py"
)
bench_memory = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_memory)


def test_peak_counts_a_freed_array_and_the_limit_fails_the_run(tmp_path, monkeypatch, capsys):
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import numpy as np\na = np.ones(20_000_000)\ndel a")]
    )
    path = tmp_path / "99_big.ipynb"
    nbformat.write(notebook, path)
    monkeypatch.setattr(bench_memory, "LIMIT_MB", 150.0)
    assert bench_memory.main([str(path)]) == 1  # 160 MB of ones: over a 150 MB limit
    lines = capsys.readouterr().out.splitlines()
    name, peak, end, seconds = lines[1].split()[:4]
    assert name == "99_big.ipynb" and float(seconds) > 0
    assert float(peak) >= 160 > float(end)  # the array counts at its peak, not after del
    assert float(peak) - float(end) >= 150
    assert lines[-1].startswith("FAIL: 1 notebook(s)") and "99_big.ipynb" in lines[-1]
