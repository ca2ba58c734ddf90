"""TEMP"""

from __future__ import annotations

import numpy as np


def sigmoid_kernel(x, out):
    np.negative(x, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=out)
    np.reciprocal(out, out=out)
    if not x.min() >= -709.0:
        tail = x < -709.0
        out[tail] = np.exp(x[tail])
