"""Speed of helpers.sigmoid and helpers.sigmoid_derivative on 10**7 float64 values.

Goals (foundation issue): sigmoid at least as fast as scipy.special.expit, and
sigmoid_derivative at most 1.5 times the cost of sigmoid, all measured in this run.
Also printed: the ratio to a plain copy of the array (the memory floor) and the
textbook formula for comparison. Exits with status 1 when a goal is missed.

The candidates are timed in interleaved rounds (each round runs every one once), and
each run is timed in CPU time of this process (``time.process_time``): on a shared
machine, other programs then slow every candidate alike instead of whichever ran
while they were busy. All of them are single-threaded, so on an idle machine this is
the wall-clock time.

How fast ``helpers.sigmoid`` is next to ``expit`` depends on the CPU: numpy has a
vectorised float64 ``exp`` only with AVX-512; without it both call the C library's
``exp``, one per value, and the sigmoid's extra passes over each block show.

Run: ``.venv/bin/python benchmarks/bench_activations.py`` (or ``make bench``).
"""

from __future__ import annotations

import sys
import time

import numpy as np
from scipy.special import expit

from helpers import sigmoid, sigmoid_derivative

N = 10**7
REPEATS = 9


def median_ms(candidates: dict, x: np.ndarray) -> dict[str, float]:
    """Median CPU time of each candidate on `x`, in ms, over interleaved rounds."""
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for func in candidates.values():
        func(x)  # warm-up: page faults, caches, first-call dispatch
    for _ in range(REPEATS):
        for name, func in candidates.items():
            start = time.process_time()
            func(x)
            times[name].append(time.process_time() - start)
    return {name: 1e3 * float(np.median(t)) for name, t in times.items()}


def textbook(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def main() -> int:
    x = np.random.default_rng(0).uniform(-20.0, 20.0, N)
    candidates = {
        "copy (memory floor)": np.copy,
        "textbook 1/(1+exp(-x))": textbook,
        "scipy.special.expit": expit,
        "helpers.sigmoid": sigmoid,
        "helpers.sigmoid_derivative": sigmoid_derivative,
    }
    times = median_ms(candidates, x)
    print(f"{N:.0e} float64 values, CPU time, median of {REPEATS} interleaved runs after a warm-up")
    for name, ms in times.items():
        print(f"  {name:28s} {ms:8.1f} ms")
    speedup = times["scipy.special.expit"] / times["helpers.sigmoid"]
    derivative = times["helpers.sigmoid_derivative"] / times["helpers.sigmoid"]
    floor = times["helpers.sigmoid"] / times["copy (memory floor)"]
    print(f"expit time / sigmoid time         = {speedup:.2f}  (goal >= 1.00)")
    print(f"derivative time / sigmoid time    = {derivative:.2f}  (goal <= 1.50)")
    print(f"sigmoid time / copy time          = {floor:.2f}  (the physical floor is 1)")
    ok = speedup >= 1.0 and derivative <= 1.5
    print("goals met" if ok else "GOALS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
