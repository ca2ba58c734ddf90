"""The sizing table of docs/teaching.md is generated from what benchmarks/bench_hub.py measured."""

from __future__ import annotations

import json
import math

import pytest

import tools
from hub import harness, sizing
from tools import ROOT

RECORDED = sizing.RECORDED
TEACHING = ROOT / "docs" / "teaching.md"


def _run(kernels: dict[str, list[tuple[float, float]]], servers: list[float]) -> dict:
    """A ClassRun.to_json() with the given (peak MiB, CPU-s) per notebook run."""
    names = harness.student_names(len(servers))
    runs = [
        {
            "student": names[k % len(names)],
            "notebook": f"{harness.COURSE}/notebooks/{nb}",
            "kernel_peak_mib": mib,
            "kernel_cpu_s": cpu,
            "wall_s": 2 * cpu,
        }
        for nb, values in kernels.items()
        for k, (mib, cpu) in enumerate(values)
    ]
    return {
        "students": len(servers),
        "full_collection": 1,
        "cpu_count": 2,
        "notebooks": [f"notebooks/{nb}" for nb in kernels],
        "hub_start_s": 3.0,
        "spawn_all_s": 20.0,
        "pull_all_s": 2.0,
        "run_all_s": 100.0,
        "hub_peak_mib": 124.0,
        "proxy_peak_mib": 60.0,
        "server_peak_mib": dict(zip(names, servers, strict=True)),
        "server_cpu_s": dict.fromkeys(names, 4.0),
        "student_wall_s": dict.fromkeys(names, 50.0),
        "runs": runs,
    }


SYNTHETIC = _run(
    {
        "00_index.ipynb": [(60, 1.0), (64, 1.2)],
        "01_a.ipynb": [(150, 10.0), (140, 14.0), (145, 12.0)],
    },
    servers=[140, 150, 160],
)


def test_summary_takes_peaks_as_maxima_and_cpu_as_medians():
    summary = sizing.summarize(SYNTHETIC)
    first, second = summary["notebooks"]
    assert (first["notebook"], first["kernel_peak_mib"], first["cpu_s"], first["runs"]) == (
        "00_index.ipynb",
        64,
        1.1,
        2,
    )
    assert (second["kernel_peak_mib"], second["cpu_s"], second["cpu_s_max"]) == (150, 12.0, 14.0)
    assert summary["server_mib"] == 160 and summary["server_mib_median"] == 150
    assert summary["student_one_notebook_mib"] == 160 + 150
    assert summary["student_all_notebooks_mib"] == 160 + 64 + 150
    assert (summary["heaviest_notebook"], summary["heaviest_cpu_s"]) == ("01_a.ipynb", 12.0)
    assert summary["collection_cpu_s"] == 13


def test_plan_follows_the_stated_rules():
    summary = sizing.summarize(SYNTHETIC)
    p30 = sizing.plan(summary, 30)
    assert p30["guarantee_gib"] == 0.5  # 310 MiB * 1.3 = 403 MiB, rounded up to 0.25 GiB
    assert p30["limit_gib"] == 0.5  # 374 MiB * 1.3 = 486 MiB
    assert p30["memory_gib"] == math.ceil(30 * 0.5 + (124 + 60) / 1024 + 1)
    assert p30["cores"] == math.ceil(30 * 12.0 / 60 + 0.2)
    assert p30["cpu_guarantee"] == 0.2
    # a 32-core, 128-GiB server: cores allow (32 - 0.2) * 60 / 12 = 159 students, memory 253
    assert p30["students_per_node"] == 159 and p30["one_server"]
    assert sizing.plan(summary, 100)["one_server"]
    assert not sizing.plan(summary, 101)["one_server"]  # beyond TLJH's stated 100 users
    heavy = {**summary, "heaviest_cpu_s": 120.0}  # then the cores decide: 31.8 * 60 / 120 = 15
    assert sizing.plan(heavy, 15)["one_server"] and not sizing.plan(heavy, 16)["one_server"]
    smaller, larger = sizing.plan(summary, 10), sizing.plan(summary, 100)
    assert smaller["memory_gib"] < p30["memory_gib"] < larger["memory_gib"]
    assert smaller["cores"] < p30["cores"] < larger["cores"]


def test_the_benchmark_prints_the_table_the_docs_show():
    summary = sizing.summarize(SYNTHETIC)
    table = sizing.render_table(summary)
    assert table in sizing.report_text(SYNTHETIC)
    assert table in sizing.docs_section(summary)
    assert "| 01_a.ipynb | 150 MiB | 12.0 CPU-s | 3 |" in table.splitlines()


def test_recorded_measurement_is_a_complete_run_of_every_notebook():
    summary = json.loads(RECORDED.read_text(encoding="utf-8"))
    notebooks = [p.name for p in tools.notebooks()]
    assert [nb["notebook"] for nb in summary["notebooks"]] == notebooks, (
        "notebooks changed since the hub was measured: run "
        ".venv/bin/python -m benchmarks.bench_hub --students 10 --full 3 --write-docs"
    )
    assert all(nb["runs"] >= 1 for nb in summary["notebooks"])
    assert summary["students"] >= 10
    assert summary["student_one_notebook_mib"] == summary["server_mib"] + max(
        nb["kernel_peak_mib"] for nb in summary["notebooks"]
    )


def test_docs_sizing_section_is_generated_from_the_recorded_measurement():
    summary = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert sizing.read_docs_section(TEACHING) == sizing.docs_section(summary), (
        "docs/teaching.md's hub-sizing section differs from benchmarks/hub_sizing.json: run "
        ".venv/bin/python -m benchmarks.bench_hub --students 10 --full 3 --write-docs"
    )


def test_a_missing_docs_section_is_reported(tmp_path):
    page = tmp_path / "teaching.md"
    page.write_text("# Guide\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected one <!-- hub-sizing:start -->"):
        sizing.read_docs_section(page)
