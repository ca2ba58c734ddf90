"""Speed of helpers.sigmoid against scipy.special.expit, on 10**7 float64 and float32 values.

Goal (issue 23): ``helpers.sigmoid`` takes at most 1.10 times the time of
``scipy.special.expit`` in float64 and at most 1.50 times in float32, both measured in
this run. The last line states the goal and the result; the exit status is 1 when the
goal is missed. Also printed, for reference: a copy into a new array (the floor for any
function that returns a new array), the textbook ``1/(1+np.exp(-x))`` and
``helpers.sigmoid_derivative``.

Method: the candidates are timed in interleaved rounds (each round runs every candidate
once, after one warm-up call each), and each candidate's time is the *fastest* of its
runs, in CPU time of this process (``time.process_time``): on a shared machine other
programs can only make a run slower, so the fastest run is the least disturbed one, and
an interleaved round slows every candidate alike. All candidates are single-threaded.
Notebook 06, section 7, times its table the same way.

What to expect depends on the CPU. numpy computes float64 ``exp`` with vector
instructions only on CPUs with AVX-512 (numpy's
``numpy/_core/src/umath/loops_exponent_log.dispatch.c.src``); without it numpy and scipy
both call the C library's ``exp`` one value at a time, and that exponential is most of
the time of either. To see an AVX2-only CPU on a machine with AVX-512, run with
``NPY_ENABLE_CPU_FEATURES=X86_V3``. float32 is computed in float64 (see the module
docstring of ``helpers.activations`` for the measured trade).

Run: ``.venv/bin/python benchmarks/bench_activations.py`` (or ``make bench``). With
``--float32-exp`` it measures instead, in a minute or two, the float32 alternative that
``helpers.activations`` declines: numpy's float32 ``exp`` over every float32 in [-104, 0]
(its largest error in ULP and whether it is monotone), and the time of the sigmoid's
kernel run in float32 against ``expit``.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from scipy.special import expit

from helpers import sigmoid, sigmoid_derivative

N = 10**7
ROUNDS = 9
GOAL = {"float64": 1.10, "float32": 1.50}  # largest helpers.sigmoid time / expit time


def fastest_ms(candidates: dict, x: np.ndarray) -> dict[str, float]:
    """Fastest CPU time of each candidate on `x`, in ms, over interleaved rounds."""
    best = dict.fromkeys(candidates, float("inf"))
    for func in candidates.values():
        func(x)  # warm-up: page faults, caches, first-call dispatch
    for _ in range(ROUNDS):
        for name, func in candidates.items():
            start = time.process_time()
            func(x)
            best[name] = min(best[name], 1e3 * (time.process_time() - start))
    return best


def textbook(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def float32_exp() -> int:
    """numpy's float32 exp over every float32 in [-104, 0]: worst ULP error, monotonicity."""
    from helpers.numerics import sigmoid_kernel

    first = int(np.array([-0.0], np.float32).view(np.uint32)[0])
    last = int(np.array([-104.0], np.float32).view(np.uint32)[0])
    worst, monotone, previous = 0.0, True, np.float32(1.0)
    for start in range(first, last + 1, 1 << 23):  # increasing bits: decreasing x
        x = np.arange(start, min(start + (1 << 23), last + 1), dtype=np.uint32).view(np.float32)
        got = np.exp(x)
        exact = np.exp(x.astype(np.float64))  # within 1 float64 ULP: exact at float32 scale
        normal = exact >= np.finfo(np.float32).tiny
        gap = np.spacing(exact[normal].astype(np.float32)).astype(np.float64)
        worst = max(worst, float((np.abs(got[normal] - exact[normal]) / gap).max()))
        monotone &= previous >= got[0] and bool(np.all(np.diff(got) <= 0))
        previous = got[-1]
    print(
        f"numpy float32 exp over [-104, 0]: largest error {worst:.2f} ULP, "
        f"{'monotone' if monotone else 'NOT monotone'}"
    )
    x = np.random.default_rng(0).uniform(-20.0, 20.0, N).astype(np.float32)

    def float32_kernel(x: np.ndarray) -> np.ndarray:
        out = np.empty_like(x)
        with np.errstate(over="ignore", under="ignore"):
            for start in range(0, x.size, 32768):
                sigmoid_kernel(x[start : start + 32768], out[start : start + 32768])
        return out

    times = fastest_ms({"expit": expit, "sigmoid_kernel in float32": float32_kernel}, x)
    ratio = times["sigmoid_kernel in float32"] / times["expit"]
    print(f"sigmoid_kernel run in float32, in blocks: {ratio:.2f}x expit's float32 time")
    return 0


def main() -> int:
    if "--float32-exp" in sys.argv[1:]:
        return float32_exp()
    simd = np.show_config(mode="dicts")["SIMD Extensions"]
    print(
        f"numpy {np.__version__}; vector instructions: baseline {simd['baseline']}, "
        f"found {simd.get('found', [])}"
    )
    x64 = np.random.default_rng(0).uniform(-20.0, 20.0, N)
    candidates = {
        "copy into a new array": np.copy,
        "textbook 1/(1+exp(-x))": textbook,
        "scipy.special.expit": expit,
        "helpers.sigmoid": sigmoid,
        "helpers.sigmoid_derivative": sigmoid_derivative,
    }
    times = {name: fastest_ms(candidates, x64.astype(name)) for name in GOAL}
    print(f"{N:.0e} values, CPU time in ms, fastest of {ROUNDS} interleaved rounds")
    print(f"  {'':28s}" + "".join(f"{name:>10s}" for name in GOAL))
    for name in candidates:
        print(f"  {name:28s}" + "".join(f"{times[d][name]:10.1f}" for d in GOAL))
    ratio = {d: times[d]["helpers.sigmoid"] / times[d]["scipy.special.expit"] for d in GOAL}
    met = all(ratio[d] <= GOAL[d] for d in GOAL)
    result = ", ".join(f"{d} {ratio[d]:.2f}x expit (<= {GOAL[d]:.2f})" for d in GOAL)
    print(f"goal {'met' if met else 'MISSED'}: helpers.sigmoid {result}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
