"""Activation functions and their derivatives, accurate over the whole float range.

Used from ``notebooks/00_index.ipynb`` onwards; ``notebooks/06_numerics.ipynb`` explains
how the sigmoid is computed here (its kernel, ``helpers.numerics.sigmoid_kernel``, is
written in that notebook) and why the textbook formula alone is not good enough.

The contract, shared by all six functions (each docstring below adds only its own formula
and examples):

* **Input**: a Python or numpy number, a (nested) list or an ndarray of any shape, of
  real numbers.
* **Output**: the same shape. float16, float32, float64 and longdouble inputs keep their
  dtype; bool and integer inputs are computed in float64. A scalar in gives a numpy
  floating scalar out; an ndarray in gives an ndarray out (a 0-d array stays a 0-d
  array); a masked array gives a masked array with the same mask.
* **Bad input**: anything else (str, None, complex, object arrays, dates) raises
  ``TypeError``, a ragged list ``ValueError``, a Python integer beyond 64 bits
  ``OverflowError``; each message starts with the function's name.
* **No warnings**: no float input makes them warn, even under
  ``np.errstate(all="raise")``: ``±inf`` give the limits, ``nan`` (signalling ones too)
  gives ``nan``, and underflow gives the subnormal or 0 it should.
* **Accuracy**: float64 within 3 ULP (sigmoid) or 5 ULP (the derivatives) of the exact
  value wherever it is a normal float, tails included (tested against mpmath).
  float16 and float32 are computed in float64 and rounded once, which makes them
  correctly rounded in practice (and monotone where the function is).
* **Memory and speed**: arrays are processed in cache-sized blocks, so a call needs
  little memory beyond its output (float16/float32 are widened block by block) and each
  pass over a block stays in the CPU cache. ``benchmarks/bench_activations.py`` times
  ``sigmoid`` against ``scipy.special.expit``.

The float32 trade, measured: numpy's float32 ``exp`` is vectorised with AVX2, its
float64 ``exp`` only with AVX-512. On a CPU without AVX-512, float32 computed in float64
takes 1.6 to 1.7 times ``expit``'s float32 time (``NPY_ENABLE_CPU_FEATURES=X86_V3``, this
repository's benchmark); with AVX-512 about 1.0 times. A float32 ``exp`` would match
``expit`` there too, but numpy's is off by up to 2.5 ULP and not monotone (measured over
every float32 in [-104, 0] by ``bench_activations.py --float32-exp``), so a sigmoid built
on it would be neither within 3 ULP everywhere nor increasing. Accuracy was kept.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from helpers.checks import as_real_array
from helpers.numerics import sigmoid_kernel

__all__ = [
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
]

# The arrays are processed in blocks of this many elements, so that the few ufunc passes
# over each block stay in the CPU's cache (input and output block: 2 x 256 KiB in float64)
# instead of travelling to and from main memory once per pass. 16384 and 65536 measure
# within a few per cent of 32768 (benchmarks/bench_activations.py).
_BLOCK = 32768

# Beyond this |x|, exp(-2|x|) is 0 in every supported dtype; clipping keeps the
# doubling in tanh_derivative from overflowing for |x| near the float64 maximum.
_TANH_CLIP = 1.0e4


def _apply(compute: Callable[[np.ndarray], np.ndarray], x: Any, where: str) -> Any:
    """Check `x`, run ``compute`` on it as a float array, give back what came in.

    A masked array is computed on its data, hidden values included (each output depends
    on its own input only, so they cannot reach the visible ones), and keeps its mask.
    """
    if isinstance(x, np.ma.MaskedArray):
        result = _apply(compute, x.data, where)
        mask = np.ma.make_mask(np.ma.getmask(x), copy=True, shrink=False)
        return np.ma.MaskedArray(result, mask=mask)
    # Overflow to inf inside the sigmoid's kernel, underflow to subnormals or 0 in the
    # tails, and the "invalid" a signalling nan raises are all expected: none may warn,
    # whatever np.errstate says.
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        arr, scalar = as_real_array(x, where)
        result = compute(arr)
    # ufuncs turn 0-d arrays into scalars; give back what came in.
    return result[()] if scalar else np.asarray(result)


def _blockwise(kernel: Callable[..., None], scratch: int, arr: np.ndarray) -> np.ndarray:
    """Apply ``kernel(x_block, out_block, *scratch_blocks)`` over `arr`, block by block.

    float16 and float32 are computed in float64 and rounded once at the end, which makes
    them correctly rounded in practice: the kernel reads the small-float block and writes
    a float64 block (numpy converts on the fly), which is then rounded into the output.
    The extra memory is a few blocks, never a float64 copy of the whole array. float64
    and longdouble are computed in their own precision, straight into the output. A
    kernel with scratch arrays gets shorter blocks, so that its working set (and the
    memory beyond the output) stays the same size.
    """
    work = np.longdouble if arr.dtype == np.longdouble else np.float64
    flat = np.ascontiguousarray(arr).reshape(-1)  # a copy only if `arr` is strided
    out = np.empty(flat.shape, dtype=arr.dtype)
    block = _BLOCK // (1 + scratch)
    size = min(flat.size, block)
    wide = np.empty(size, dtype=work) if arr.dtype != work else None
    tmp = [np.empty(size, dtype=work) for _ in range(scratch)]
    for start in range(0, flat.size, block):
        n = min(block, flat.size - start)
        x_block, out_block = flat[start : start + n], out[start : start + n]
        if wide is None:
            kernel(x_block, out_block, *(t[:n] for t in tmp))
        else:
            kernel(x_block, wide[:n], *(t[:n] for t in tmp))
            np.copyto(out_block, wide[:n], casting="same_kind")  # the one rounding
    return out.reshape(arr.shape)


def _sigmoid_derivative_kernel(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # sigma'(x) = e / (1 + e)^2 with e = exp(-|x|): even in x by construction and free
    # of the cancellation in s * (1 - s), which is 0 once s rounds to 1.
    np.abs(x, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=t)
    np.multiply(t, t, out=t)
    np.divide(out, t, out=out)
    np.minimum(out, 0.25, out=out)  # rounding near x = 0 must not pass the true maximum


def _tanh_derivative_kernel(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # tanh'(x) = 4 sigma'(2x) = 4e / (1 + e)^2 with e = exp(-2|x|); 1 - tanh(x)**2
    # would cancel to 0 long before the true value does.
    np.abs(x, out=out)
    np.minimum(out, _TANH_CLIP, out=out)
    np.multiply(out, -2.0, out=out)
    np.exp(out, out=out)
    np.add(out, 1.0, out=t)
    np.multiply(t, t, out=t)
    np.divide(out, t, out=out)
    np.multiply(out, 4.0, out=out)
    np.minimum(out, 1.0, out=out)  # rounding near x = 0 must not pass the true maximum


def sigmoid(x: Any) -> Any:
    r"""Logistic sigmoid :math:`\sigma(x) = 1 / (1 + e^{-x})`; values in [0, 1].

    Runs ``helpers.numerics.sigmoid_kernel`` (notebook 06, section 6) block by block:
    the textbook formula, with the far left tail (x < -709, where ``np.exp(-x)``
    overflows) computed as ``np.exp(x)``.

    Examples
    --------
    >>> from helpers import sigmoid
    >>> sigmoid(0)
    np.float64(0.5)
    >>> sigmoid([-1.0, 0.0, 1.0]).round(4)
    array([0.2689, 0.5   , 0.7311])
    >>> bool(sigmoid(-720.0) > 0)  # the textbook formula alone returns 0.0 here
    True
    """
    return _apply(partial(_blockwise, sigmoid_kernel, 0), x, "sigmoid()")


def sigmoid_derivative(x: Any) -> Any:
    r"""Derivative of the sigmoid, :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`, in [0, 1/4].

    Computed as :math:`e/(1+e)^2` with :math:`e = e^{-|x|}`, so it is exactly even and
    still accurate for large :math:`|x|`, where ``s * (1 - s)`` has rounded to 0.

    Examples
    --------
    >>> from helpers import sigmoid_derivative
    >>> sigmoid_derivative(0.0)
    np.float64(0.25)
    >>> sigmoid_derivative([-2.0, 2.0]).round(5)
    array([0.10499, 0.10499])
    >>> bool(sigmoid_derivative(40.0) > 0)  # s * (1 - s) gives 0.0 here
    True
    """
    return _apply(partial(_blockwise, _sigmoid_derivative_kernel, 1), x, "sigmoid_derivative()")


def tanh(x: Any) -> Any:
    r"""Hyperbolic tangent, :math:`\tanh(x) = 2\sigma(2x) - 1`, computed by ``np.tanh``.

    Examples
    --------
    >>> from helpers import tanh
    >>> tanh([-1.0, 0.0, 1.0]).round(4)
    array([-0.7616,  0.    ,  0.7616])
    """
    return _apply(np.tanh, x, "tanh()")


def tanh_derivative(x: Any) -> Any:
    r"""Derivative of tanh, :math:`\tanh'(x) = 1 - \tanh^2(x) = 4\sigma'(2x)`; values in [0, 1].

    Computed from the second form, which stays accurate for large :math:`|x|` where
    ``1 - np.tanh(x)**2`` cancels to 0.

    Examples
    --------
    >>> from helpers import tanh_derivative
    >>> tanh_derivative(0.0)
    np.float64(1.0)
    >>> bool(tanh_derivative(20.0) > 0)  # 1 - tanh(20)**2 gives 0.0
    True
    """
    return _apply(partial(_blockwise, _tanh_derivative_kernel, 1), x, "tanh_derivative()")


def relu(x: Any) -> Any:
    r"""Rectified linear unit, :math:`\max(x, 0)`; ``nan`` stays ``nan``.

    Examples
    --------
    >>> from helpers import relu
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return _apply(lambda arr: np.maximum(arr, arr.dtype.type(0)), x, "relu()")


def relu_derivative(x: Any) -> Any:
    r"""Derivative of ReLU: 1 for :math:`x > 0`, 0 for :math:`x \le 0`, ``nan`` for ``nan``.

    ReLU has no derivative at 0; this function returns 0 there, the convention of
    most deep-learning libraries.

    Examples
    --------
    >>> from helpers import relu_derivative
    >>> relu_derivative([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    return _apply(lambda arr: np.heaviside(arr, arr.dtype.type(0)), x, "relu_derivative()")
