"""Peak memory of each notebook's kernel: every notebook run in a fresh kernel, as a student would.

Goal (issue 16): each kernel peaks below 250 MB, so that a student can keep several notebooks
open within what Binder guarantees (about 1-2 GB per session). For each notebook the script
runs all its cells in a new kernel (nbclient, the engine of ``jupyter nbconvert --execute``),
then runs one more cell that reads the kernel's own ``/proc/self/status``:

* ``VmHWM``, the high-water mark of the kernel's resident memory (its peak RSS) over the run;
* ``VmRSS``, what it still holds at the end, as a student who leaves the notebook open keeps it.

It prints one line per notebook and exits with status 1 if any peak reaches 250 MB (MB = 10**6
bytes). Linux only (``/proc``); elsewhere the peak comes from ``resource.getrusage`` and
the end figure from psutil.

Run: ``.venv/bin/python benchmarks/bench_memory.py [notebooks/NN_name.ipynb ...]`` (all the
numbered notebooks and the index by default; about as long as executing them all).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 250.0

# Run in the kernel after the notebook's last cell: its own peak and current resident memory.
PROBE = """\
import json as _json, os as _os
def _memory_mb():
    if _os.path.exists("/proc/self/status"):
        fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
        kib = {k: int(fields[k].split()[0]) for k in ("VmHWM", "VmRSS")}
        return {"peak": kib["VmHWM"] * 1024 / 1e6, "end": kib["VmRSS"] * 1024 / 1e6}
    import resource, sys, psutil
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6
    return {"peak": peak, "end": psutil.Process().memory_info().rss / 1e6}
print(_json.dumps(_memory_mb()))
"""


def measure(path: Path) -> tuple[float, float, float]:
    """Run the notebook at ``path`` in a fresh kernel: (peak MB, MB at the end, seconds)."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    outputs = [o for o in notebook.cells[-1].outputs if o.get("name") == "stdout"]
    figures = json.loads(outputs[-1]["text"])
    return figures["peak"], figures["end"], seconds


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted(
        (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
    )
    print(f"{'notebook':32s} {'peak MB':>8s} {'end MB':>8s} {'run s':>6s}")
    over = []
    for path in paths:
        peak, end, seconds = measure(path)
        flag = "" if peak < LIMIT_MB else f"   <- peak at or above {LIMIT_MB:.0f} MB"
        print(f"{path.name:32s} {peak:8.0f} {end:8.0f} {seconds:6.1f}{flag}", flush=True)
        if peak >= LIMIT_MB:
            over.append(path.name)
    if over:
        print(
            f"FAIL: {len(over)} notebook(s) peak at or above {LIMIT_MB:.0f} MB: {', '.join(over)}"
        )
        return 1
    print(f"OK: every kernel peaks below {LIMIT_MB:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
