"""Speed of helpers.sigmoid and helpers.sigmoid_derivative on 10**7 float64 values.

Goals (foundation issue): sigmoid at least as fast as scipy.special.expit, and
sigmoid_derivative at most 1.5 times the cost of sigmoid, all measured in this run.
Also printed: the ratio to a plain copy of the array (the memory floor) and the
textbook formula for comparison. Exits with status 1 when a goal is missed.

Run: ``.venv/bin/python benchmarks/bench_activations.py`` (or ``make bench``).
"""

from __future__ import annotations

import sys
import timeit

import numpy as np
from scipy.special import expit

from helpers import sigmoid, sigmoid_derivative

N = 10**7
REPEATS = 9


def median_ms(func, x: np.ndarray) -> float:
    func(x)  # warm-up: page faults, caches, first-call dispatch
    return 1e3 * float(np.median(timeit.repeat(lambda: func(x), number=1, repeat=REPEATS)))


def textbook(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def main() -> int:
    x = np.random.default_rng(0).uniform(-20.0, 20.0, N)
    times = {
        "copy (memory floor)": median_ms(np.copy, x),
        "textbook 1/(1+exp(-x))": median_ms(textbook, x),
        "scipy.special.expit": median_ms(expit, x),
        "helpers.sigmoid": median_ms(sigmoid, x),
        "helpers.sigmoid_derivative": median_ms(sigmoid_derivative, x),
    }
    print(f"{N:.0e} float64 values, median of {REPEATS} runs after a warm-up")
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
