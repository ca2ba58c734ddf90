"""Measure a class on a real JupyterHub and print what a class of 30 and of 100 needs.

    .venv/bin/python -m benchmarks.bench_hub [--students 10] [--full 3] [--worktree] [--write-docs]

Needs the hub's environment (``make hub-env``). Starts JupyterHub with the proxy on
127.0.0.1, creates STUDENTS students, pulls the collection into each with nbgitpuller, runs
notebooks in every student's server at once (the first FULL students every notebook, the
others the index and one more), and measures the peak memory of the hub, the proxy, every
server and every kernel, and each kernel's CPU time (hub/harness.py; the same run as
``make test-hub``), by default on the last commit (HEAD), with --worktree on the files as
they are now. Prints a report per student and the sizing table, and writes the figures
to benchmarks/hub_sizing.json; with --write-docs also the hub-sizing section of
docs/teaching.md, generated from that file (tests/test_hub_sizing.py checks they agree).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from hub import harness, sizing
from tools import ROOT

RESULT = sizing.RECORDED
TEACHING = ROOT / "docs" / "teaching.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--students", type=harness.student_count, default=10, help="students at once (10)"
    )
    parser.add_argument("--full", type=int, help="students who run every notebook (all)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/teaching.md")
    parser.add_argument("--json", type=Path, default=RESULT, help=f"where to write ({RESULT.name})")
    parser.add_argument(
        "--worktree", action="store_true", help="measure the working tree, not the last commit"
    )
    args = parser.parse_args(argv)
    full = args.students if args.full is None else args.full
    if args.write_docs and args.json.resolve() != RESULT.resolve():
        parser.error("--write-docs writes the docs from benchmarks/hub_sizing.json: drop --json")
    if not 0 <= full <= args.students:
        parser.error(f"--full must be between 0 and --students, got {full}")
    if harness.missing_install():
        print(harness.missing_install(), file=sys.stderr)
        return 1
    began = time.monotonic()
    students: dict[str, harness.Student] = {}
    try:
        with harness.classroom(worktree=args.worktree) as (hub, bare):
            run, students = harness.run_class(hub, bare, args.students, full)
            run.hub_start_s = hub.start_s
    finally:
        for student in students.values():
            student.close()
    data = run.to_json()
    errors = [f"{r.student} {r.notebook}: {e}" for r in run.runs for e in r.errors]
    print(sizing.report_text(data))
    print(f"\ntotal {time.monotonic() - began:.0f} s; notebook errors: {len(errors)}")
    for line in errors:
        print("  " + line)
    if errors:
        return 1
    summary = sizing.summarize(data)
    args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    if args.write_docs:
        sizing.write_docs_section(TEACHING, summary)
        print(f"wrote the hub-sizing section of {TEACHING.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
