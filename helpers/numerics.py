"""The sigmoid's kernel: the arithmetic that ``helpers.sigmoid`` runs on each block.

Saved from the cells marked ``#@save`` in
``notebooks/06_numerics.ipynb``: edit the notebook, then run ``make helpers``.
"""

from __future__ import annotations

import numpy as np


def sigmoid_kernel(x, out):
    """Write σ(x) into `out`: the kernel of `helpers.sigmoid` (notebook 06, section 6).

    `x` and `out` are non-empty float arrays of one shape (`out` may be wider, e.g. float64 for a
    float32 `x`). Steps: the textbook 1/(1 + e^{-x}), each written into `out` (numpy's
    `out=`), so nothing new is allocated; then, only if some x is below -709 (or is nan),
    those values get e^x, where e^{-x} overflowed. Run it under
    ``np.errstate(over="ignore", under="ignore")``: that overflow is expected.
    """
    np.negative(x, out=out)
    np.exp(out, out=out)  # e^{-x}; inf where x < -709.78
    np.add(out, 1.0, out=out)
    np.reciprocal(out, out=out)  # 1 / (1 + e^{-x}); 0 where e^{-x} is inf
    if not x.min() >= -709.0:  # the far left tail (a nan also lands here: harmless)
        tail = x < -709.0
        out[tail] = np.exp(x[tail])  # σ(x) = e^x, as 1 + e^x rounds to 1
