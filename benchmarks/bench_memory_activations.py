"""Peak memory of the activation functions on 10**7 float16, float32 and float64 values.

Goal (issue 13): the extra memory a call needs stays near the size of its output, so
float16 and float32 arrays are converted to float64 block by block, never as a whole.
The peak is what ``tracemalloc`` sees numpy allocate during one call (numpy reports its
array buffers to it); the ratio is peak / output bytes, and the output is part of it,
so 1.00 is the floor. Goal: every ratio <= 1.10. Exits with status 1 when it is missed.

Run: ``.venv/bin/python benchmarks/bench_memory_activations.py``.
"""

from __future__ import annotations

import sys
import tracemalloc

import numpy as np

from helpers import relu, relu_derivative, sigmoid, sigmoid_derivative, tanh, tanh_derivative

N = 10**7
GOAL = 1.10
FUNCTIONS = [sigmoid, sigmoid_derivative, tanh, tanh_derivative, relu, relu_derivative]
DTYPES = [np.float16, np.float32, np.float64]


def peak_ratio(func, x: np.ndarray) -> float:
    """Peak memory allocated during ``func(x)``, divided by the size of its output."""
    func(x[:100])  # warm-up: numpy's one-time allocations are not the call's memory
    tracemalloc.start()
    try:
        out = func(x)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / out.nbytes


def main() -> int:
    rng = np.random.default_rng(0)
    print(f"{N:.0e} values; peak memory during one call / output bytes (goal <= {GOAL:.2f})")
    print(f"  {'function':20s}" + "".join(f"{np.dtype(d).name:>10s}" for d in DTYPES))
    worst = 0.0
    for func in FUNCTIONS:
        ratios = [peak_ratio(func, rng.uniform(-20.0, 20.0, N).astype(d)) for d in DTYPES]
        worst = max(worst, *ratios)
        print(f"  {func.__name__:20s}" + "".join(f"{r:10.2f}" for r in ratios))
    ok = worst <= GOAL
    print(f"largest ratio = {worst:.2f}  (goal <= {GOAL:.2f})")
    print("goal met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
