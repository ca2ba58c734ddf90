"""From a measured classroom run (``harness.run_class``) to the sizing table of docs/teaching.md.

``summarize`` reduces a run to the figures per notebook and per student; ``plan`` turns them
into what a class of N needs, with the rules below; ``docs_section`` is the Markdown between
the ``hub-sizing`` markers of docs/teaching.md, generated from ``benchmarks/hub_sizing.json``
(which ``benchmarks/bench_hub.py`` writes) and checked against it by ``tests/test_hub_sizing.py``.

The rules, stated in the docs section too:

- memory per student: the student's server plus the kernel of the notebook they run, at their
  peaks (VmHWM); the memory *guarantee* adds TLJH's rule-of-thumb headroom (``HEADROOM``) to
  the largest such figure; the *limit* is the server plus every notebook's kernel left running
  (JupyterLab keeps a kernel running when its tab is closed), with the same headroom;
- one TLJH server for a class where everyone works at once: every student's guarantee, plus
  the hub and proxy, plus ``SYSTEM_GIB`` for the operating system;
- cores: everyone presses *Run All* on the heaviest notebook in the same minute and all are
  done within ``BURST_S`` seconds, plus TLJH's 20 % of a core for the hub (kernels run on one
  thread each: OPENBLAS_NUM_THREADS=1);
- Zero to JupyterHub on Kubernetes once a class needs more than one large server
  (``NODE_CORES`` cores, ``NODE_GIB`` GiB), or beyond TLJH's stated scope of 100 users.
"""

from __future__ import annotations

import math
import statistics
import textwrap
from pathlib import Path

from tools import ROOT

RECORDED = ROOT / "benchmarks" / "hub_sizing.json"
REPORTS: list[str] = []  # texts printed at the end of a pytest run (tests/hub/conftest.py)
CLASS_SIZES = (30, 100)
HEADROOM = 1.3  # TLJH's resource-estimation guide: measured peak + 20-40 %
BURST_S = 60
SYSTEM_GIB = 1.0
NODE_CORES, NODE_GIB = 32, 128  # a large cloud VM
TLJH_MAX_USERS = 100  # "1-100 users on a single server" (TLJH's README)
START, END = "<!-- hub-sizing:start -->", "<!-- hub-sizing:end -->"
GIB = 1024.0


def _round_up(value: float, step: float) -> float:
    return math.ceil(value / step - 1e-9) * step


def summarize(run: dict) -> dict:
    """The figures of one classroom run (a ``ClassRun.to_json()``) that the sizing needs."""
    notebooks = []
    for name in run["notebooks"]:
        runs = [r for r in run["runs"] if r["notebook"].endswith("/" + name)]
        notebooks.append(
            {
                "notebook": name.removeprefix("notebooks/"),
                "runs": len(runs),
                "kernel_peak_mib": round(max(r["kernel_peak_mib"] for r in runs)),
                "cpu_s": round(statistics.median(r["kernel_cpu_s"] for r in runs), 1),
                "cpu_s_max": round(max(r["kernel_cpu_s"] for r in runs), 1),
                "wall_s": round(statistics.median(r["wall_s"] for r in runs), 1),
            }
        )
    servers = list(run["server_peak_mib"].values())
    server = round(max(servers))
    heaviest = max(notebooks, key=lambda nb: nb["cpu_s"])
    return {
        "students": run["students"],
        "full_collection": run["full_collection"],
        "cpu_count": run["cpu_count"],
        "hub_start_s": round(run["hub_start_s"], 1),
        "spawn_all_s": round(run["spawn_all_s"], 1),
        "pull_all_s": round(run["pull_all_s"], 1),
        "run_all_s": round(run["run_all_s"]),
        "hub_mib": round(run["hub_peak_mib"]),
        "proxy_mib": round(run["proxy_peak_mib"]),
        "server_mib": server,
        "server_mib_median": round(statistics.median(servers)),
        "server_cpu_s": round(statistics.median(run["server_cpu_s"].values()), 1),
        "notebooks": notebooks,
        "student_one_notebook_mib": server + max(nb["kernel_peak_mib"] for nb in notebooks),
        "student_all_notebooks_mib": server + sum(nb["kernel_peak_mib"] for nb in notebooks),
        "collection_cpu_s": round(sum(nb["cpu_s"] for nb in notebooks)),
        "heaviest_notebook": heaviest["notebook"],
        "heaviest_cpu_s": heaviest["cpu_s"],
    }


def plan(summary: dict, students: int) -> dict:
    """What ``students`` working at once need, by the rules of the module docstring."""
    guarantee = _round_up(summary["student_one_notebook_mib"] * HEADROOM / GIB, 0.25)
    limit = _round_up(summary["student_all_notebooks_mib"] * HEADROOM / GIB, 0.25)
    overhead = (summary["hub_mib"] + summary["proxy_mib"]) / GIB + SYSTEM_GIB
    memory = math.ceil(students * guarantee + overhead)
    cores = math.ceil(students * summary["heaviest_cpu_s"] / BURST_S + 0.2)
    per_node = min(
        int((NODE_GIB - overhead) // guarantee),
        int((NODE_CORES - 0.2) * BURST_S // summary["heaviest_cpu_s"]),
    )
    return {
        "students": students,
        "guarantee_gib": guarantee,
        "limit_gib": limit,
        "cpu_guarantee": round(summary["heaviest_cpu_s"] / BURST_S, 2),
        "memory_gib": memory,
        "cores": cores,
        "students_per_node": per_node,
        "one_server": students <= min(per_node, TLJH_MAX_USERS),
    }


def render_table(summary: dict) -> str:
    """The Markdown tables of the docs section (and of the benchmark's output)."""
    lines = [
        "| notebook | peak kernel memory | CPU per run (median) | runs measured |",
        "|---|---|---|---|",
    ]
    for nb in summary["notebooks"]:
        lines.append(
            f"| {nb['notebook']} | {nb['kernel_peak_mib']} MiB | {nb['cpu_s']} CPU-s "
            f"| {nb['runs']} |"
        )
    plans = [plan(summary, n) for n in CLASS_SIZES]
    one, every = summary["student_one_notebook_mib"], summary["student_all_notebooks_mib"]
    cpu = summary["collection_cpu_s"]

    def row(label: str, student: str, cells: list[str]) -> str:
        return f"| {label} | {student} | " + " | ".join(cells) + " |"

    lines += [
        "",
        row("", "per student", [f"class of {p['students']}" for p in plans]),
        row("---", "---", ["---"] * len(plans)).replace(" ", ""),
        row("server + the largest kernel (one notebook running)", f"{one} MiB",
            [f"{p['students'] * one / GIB:.1f} GiB" for p in plans]),
        row("server + every notebook's kernel left running", f"{every} MiB",
            [f"{p['students'] * every / GIB:.1f} GiB" for p in plans]),
        row("CPU for the whole collection", f"{cpu} CPU-s",
            [f"{p['students'] * cpu / 60:.0f} CPU-min" for p in plans]),
        row("one TLJH server: memory (guarantee × students + hub, proxy, system)",
            f"{plans[0]['guarantee_gib']:.2f} GiB", [f"**{p['memory_gib']} GiB**" for p in plans]),
        row(f"one TLJH server: cores (everyone's *Run All* of {summary['heaviest_notebook']} "
            f"within {BURST_S} s)", f"{plans[0]['cpu_guarantee']}",
            [f"**{p['cores']} cores**" for p in plans]),
        row("tool", "", ["one server (TLJH)" if p["one_server"] else "Kubernetes (Z2JH)"
                         for p in plans]),
    ]  # fmt: skip
    return "\n".join(lines)


def _gib(value: float) -> str:
    return f"{value:g}G"


def _wrap(*paragraphs: str) -> str:
    return "\n\n".join(
        textwrap.fill(
            " ".join(p.split()).replace(" %", "\u00a0%"),  # never "20" at a line's end, "%" next
            100,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for p in paragraphs
    )


def docs_section(summary: dict) -> str:
    """The text between the hub-sizing markers of docs/teaching.md, markers included."""
    p30 = plan(summary, CLASS_SIZES[0])
    measured = _wrap(f"""
        Measured by `benchmarks/bench_hub.py --students {summary["students"]} --full
        {summary["full_collection"]}` on a real JupyterHub on this project's 2-core development
        machine: {summary["students"]} students at once, each in their own single-user server,
        running notebooks one after another from fresh kernels ({summary["full_collection"]} of
        them the whole collection, the others the index and one more). Memory is the peak
        resident set (VmHWM) of each process; CPU is the kernel's CPU time for one run of the
        notebook from a fresh kernel, kernel start included. The hub took {summary["hub_mib"]}
        MiB and its proxy {summary["proxy_mib"]} MiB; each student's server
        {summary["server_mib_median"]} MiB (largest {summary["server_mib"]} MiB) and
        {summary["server_cpu_s"]} CPU-s (start, pull, serving the notebooks).""")
    rules = _wrap(
        f"""
        How the last rows are computed (`hub/sizing.py`): the memory guarantee is the
        largest one-notebook figure plus 30 % headroom (TLJH's guide suggests 20–40 % over the
        measured peak), rounded up to 0.25 GiB; one server needs that for every student at
        once, plus the hub, the proxy and {SYSTEM_GIB:g} GiB for the system. The cores let every
        student run the heaviest notebook ({summary["heaviest_notebook"]},
        {summary["heaviest_cpu_s"]} CPU-s) at the same moment and all finish within {BURST_S} s,
        plus TLJH's 20 % of a core for the hub. A lab session where every student works at once
        is the worst case; for homework, TLJH's guide suggests planning for 40–60 % of a class
        at once.""",
        f"""
        **When Zero to JupyterHub on Kubernetes is the tool.** One large server, of
        {NODE_CORES} cores and {NODE_GIB} GiB, holds about {p30["students_per_node"]} of these
        students working at once. A class larger than that, or more than TLJH's stated
        {TLJH_MAX_USERS} users, or one that needs students' servers in containers or spread over
        machines that grow and shrink with demand, is a case for Zero to JupyterHub on
        Kubernetes (Z2JH). The Helm values a teacher would set from these figures:""",
    )
    comments = {
        "guarantee_mem": "server + one notebook's kernel, + 30 %",
        "limit_mem": "server + every notebook's kernel left running, + 30 %",
        "guarantee_cpu": f"the heaviest notebook's CPU-s spread over {BURST_S} s",
        "limit_cpu": "each kernel computes on one thread",
        "timeout": "stop servers idle for 30 minutes (Z2JH's default is 3600)",
    }
    yaml = [
        ("singleuser:", ""),
        ("  memory:", ""),
        (f"    guarantee: {_gib(p30['guarantee_gib'])}", comments["guarantee_mem"]),
        (f"    limit: {_gib(p30['limit_gib'])}", comments["limit_mem"]),
        ("  cpu:", ""),
        (f"    guarantee: {p30['cpu_guarantee']}", comments["guarantee_cpu"]),
        ("    limit: 1", comments["limit_cpu"]),
        ("  extraEnv:", ""),
        ('    OPENBLAS_NUM_THREADS: "1"', ""),
        ("cull:", ""),
        ("  enabled: true", ""),
        ("  timeout: 1800", comments["timeout"]),
        ("  every: 300", ""),
    ]
    helm = "\n".join(
        ["```yaml"] + [f"{key:<20}# {note}" if note else key for key, note in yaml] + ["```"]
    )
    after = _wrap(f"""
        On TLJH the same limits are `sudo tljh-config set limits.memory
        {_gib(p30["limit_gib"])}` and `sudo tljh-config set limits.cpu 1`; its idle culler is
        on by default and stops servers idle for 10 minutes. Re-measure after changing the
        notebooks: `.venv/bin/python -m benchmarks.bench_hub --students 10 --full 3
        --write-docs`.""")
    return "\n\n".join(
        [
            f"{START}\n### Sizing a JupyterHub for a class (measured)",
            measured,
            render_table(summary),
            rules,
            helm,
            f"{after}\n{END}",
        ]
    )


def report_text(run: dict) -> str:
    """A plain-text report of one classroom run: per student, then the sizing table."""
    summary = summarize(run)
    lines = [
        f"JupyterHub classroom: {run['students']} students on {run['cpu_count']} cores; "
        f"hub started in {run['hub_start_s']:.1f} s, "
        f"all servers ready in {run['spawn_all_s']:.1f} s, "
        f"all pulls in {run['pull_all_s']:.1f} s, all notebooks in {run['run_all_s']:.0f} s.",
        f"hub {summary['hub_mib']} MiB, proxy {summary['proxy_mib']} MiB",
        "student    server peak  largest kernel  notebooks  kernel CPU-s  wall s",
    ]
    for name, server in run["server_peak_mib"].items():
        mine = [r for r in run["runs"] if r["student"] == name]
        lines.append(
            f"{name}  {server:8.0f} MiB  {max(r['kernel_peak_mib'] for r in mine):10.0f} MiB"
            f"  {len(mine):9d}  {sum(r['kernel_cpu_s'] for r in mine):12.1f}"
            f"  {run['student_wall_s'][name]:6.0f}"
        )
    return "\n".join(lines) + "\n\n" + render_table(summary)


def read_docs_section(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1:
        raise ValueError(f"{path}: expected one {START} ... {END} section")
    return text[text.index(START) : text.index(END) + len(END)]


def write_docs_section(path: Path, summary: dict) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(read_docs_section(path), docs_section(summary)), encoding="utf-8")
