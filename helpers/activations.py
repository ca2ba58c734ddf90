"""Activation functions and their derivatives, accurate over the whole float range.

Used from ``notebooks/00_index.ipynb`` onwards; ``notebooks/06_numerics.ipynb`` explains
how the sigmoid is computed here and why the textbook formula is not good enough.

Every function takes a Python or numpy number, a (nested) list or an ndarray of any
shape and returns the same shape:

* float16, float32, float64 and longdouble inputs keep their dtype;
* bool and integer inputs are computed in float64;
* anything else (str, None, complex, object arrays, dates) raises ``TypeError``;
* a scalar in gives a numpy floating scalar out; an ndarray in gives an ndarray out
  (a 0-d array stays a 0-d array).

No float input makes them warn: ``±inf`` give the limits and ``nan`` gives ``nan``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
]

# The arrays are processed in blocks of this many elements, so that the
# intermediate results of the half-dozen ufunc passes stay in the CPU cache
# instead of travelling to and from main memory once per pass.
_BLOCK = 16384

# Beyond this |x|, exp(-2|x|) is 0 in every supported dtype; clipping keeps the
# doubling in tanh_derivative from overflowing for |x| near the float64 maximum.
_TANH_CLIP = 1.0e4


def _as_real_array(x: Any, name: str) -> tuple[np.ndarray, bool]:
    """Check ``x`` and return it as a float array, plus whether to return a scalar."""
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name}() expects real numbers, got {type(x).__name__}")
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name}() could not make an array of its input: {exc}") from None
    kind = arr.dtype.kind
    if kind in "biu":
        arr = arr.astype(np.float64)
    elif kind != "f":
        raise TypeError(
            f"{name}() expects real numbers (float, int or bool), "
            f"got {type(x).__name__} of dtype {arr.dtype}"
        )
    return arr, (arr.ndim == 0 and not isinstance(x, np.ndarray))


def _blockwise(
    kernel: Callable[[np.ndarray, np.ndarray, np.ndarray], None],
    x: Any,
    name: str,
) -> Any:
    """Apply ``kernel(x_block, out_block, scratch_block)`` over ``x``, block by block.

    float16 and float32 are computed in float64 and rounded once at the end, which
    makes them correctly rounded in practice; float64 and longdouble are computed in
    their own precision.
    """
    arr, scalar = _as_real_array(x, name)
    work = np.longdouble if arr.dtype == np.longdouble else np.float64
    flat = np.ascontiguousarray(arr, dtype=work).reshape(-1)
    out = np.empty_like(flat)
    scratch = np.empty(min(flat.size, _BLOCK), dtype=work)
    with np.errstate(under="ignore"):
        for start in range(0, flat.size, _BLOCK):
            stop = min(start + _BLOCK, flat.size)
            kernel(flat[start:stop], out[start:stop], scratch[: stop - start])
    return _finish(out.reshape(arr.shape).astype(arr.dtype, copy=False), scalar)


def _finish(result: np.ndarray, scalar: bool) -> Any:
    # ufuncs turn 0-d arrays into scalars; give back what came in.
    return result[()] if scalar else np.asarray(result)


def _sigmoid_kernel(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # sigma(x) = exp(min(x, 0)) / (1 + exp(-|x|)): the numerator is 1 for x >= 0 and
    # exp(x) for x < 0, so no exponential ever overflows and no tail is lost.
    np.abs(x, out=t)
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.add(t, 1.0, out=t)
    np.minimum(x, 0.0, out=out)
    np.exp(out, out=out)
    np.divide(out, t, out=out)


def _sigmoid_derivative_kernel(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # sigma'(x) = e / (1 + e)^2 with e = exp(-|x|): even in x by construction and free
    # of the cancellation in s * (1 - s), which is 0 once s rounds to 1.
    np.abs(x, out=t)
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.add(t, 1.0, out=out)
    np.multiply(out, out, out=out)
    np.divide(t, out, out=out)
    np.minimum(out, 0.25, out=out)  # rounding near x = 0 must not pass the true maximum


def _tanh_derivative_kernel(x: np.ndarray, out: np.ndarray, t: np.ndarray) -> None:
    # tanh'(x) = 4 sigma'(2x) = 4e / (1 + e)^2 with e = exp(-2|x|); 1 - tanh(x)**2
    # would cancel to 0 long before the true value does.
    np.abs(x, out=t)
    np.minimum(t, _TANH_CLIP, out=t)
    np.multiply(t, -2.0, out=t)
    np.exp(t, out=t)
    np.add(t, 1.0, out=out)
    np.multiply(out, out, out=out)
    np.divide(t, out, out=out)
    np.multiply(out, 4.0, out=out)
    np.minimum(out, 1.0, out=out)  # rounding near x = 0 must not pass the true maximum


def sigmoid(x: Any) -> Any:
    r"""Logistic sigmoid :math:`\sigma(x) = 1 / (1 + e^{-x})`.

    Accurate to a few units in the last place (ULP) wherever the result is a normal
    float, including the far left tail, where ``1 / (1 + np.exp(-x))`` overflows.

    Parameters
    ----------
    x : array_like of real numbers
        Python or numpy number, (nested) list or ndarray of any shape.

    Returns
    -------
    numpy floating scalar or ndarray
        Values in [0, 1], same shape as `x`; float dtypes are kept, bool and
        integer inputs give float64.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers (str, None, complex, object, dates).

    Examples
    --------
    >>> from helpers import sigmoid
    >>> sigmoid(0)
    np.float64(0.5)
    >>> sigmoid([-1.0, 0.0, 1.0]).round(4)
    array([0.2689, 0.5   , 0.7311])
    >>> bool(sigmoid(-720.0) > 0)  # the textbook formula returns 0.0 here
    True
    """
    return _blockwise(_sigmoid_kernel, x, "sigmoid")


def sigmoid_derivative(x: Any) -> Any:
    r"""Derivative of the sigmoid, :math:`\sigma'(x) = \sigma(x)(1 - \sigma(x))`.

    Computed as :math:`e/(1+e)^2` with :math:`e = e^{-|x|}`, so it is exactly even,
    largest (1/4) at 0 and still accurate for large :math:`|x|`, where
    ``s * (1 - s)`` has rounded to 0.

    Parameters
    ----------
    x : array_like of real numbers
        Python or numpy number, (nested) list or ndarray of any shape.

    Returns
    -------
    numpy floating scalar or ndarray
        Values in [0, 1/4], same shape and dtype rules as :func:`sigmoid`.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers.

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
    return _blockwise(_sigmoid_derivative_kernel, x, "sigmoid_derivative")


def tanh(x: Any) -> Any:
    r"""Hyperbolic tangent, :math:`\tanh(x) = 2\sigma(2x) - 1`.

    Parameters
    ----------
    x : array_like of real numbers
        Python or numpy number, (nested) list or ndarray of any shape.

    Returns
    -------
    numpy floating scalar or ndarray
        Values in [-1, 1], same shape and dtype rules as :func:`sigmoid`.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers.

    Examples
    --------
    >>> from helpers import tanh
    >>> tanh([-1.0, 0.0, 1.0]).round(4)
    array([-0.7616,  0.    ,  0.7616])
    """
    arr, scalar = _as_real_array(x, "tanh")
    result = np.tanh(arr)
    return _finish(result, scalar)


def tanh_derivative(x: Any) -> Any:
    r"""Derivative of tanh, :math:`\tanh'(x) = 1 - \tanh^2(x) = 4\sigma'(2x)`.

    Computed from the second form, which stays accurate for large :math:`|x|`
    where ``1 - np.tanh(x)**2`` cancels to 0.

    Parameters
    ----------
    x : array_like of real numbers
        Python or numpy number, (nested) list or ndarray of any shape.

    Returns
    -------
    numpy floating scalar or ndarray
        Values in [0, 1], same shape and dtype rules as :func:`sigmoid`.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers.

    Examples
    --------
    >>> from helpers import tanh_derivative
    >>> tanh_derivative(0.0)
    np.float64(1.0)
    >>> bool(tanh_derivative(20.0) > 0)  # 1 - tanh(20)**2 gives 0.0
    True
    """
    return _blockwise(_tanh_derivative_kernel, x, "tanh_derivative")


def relu(x: Any) -> Any:
    r"""Rectified linear unit, :math:`\max(x, 0)`.

    Parameters
    ----------
    x : array_like of real numbers
        Python or numpy number, (nested) list or ndarray of any shape.

    Returns
    -------
    numpy floating scalar or ndarray
        Same shape and dtype rules as :func:`sigmoid`; ``nan`` stays ``nan``.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers.

    Examples
    --------
    >>> from helpers import relu
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    arr, scalar = _as_real_array(x, "relu")
    result = np.maximum(arr, arr.dtype.type(0))
    return _finish(result, scalar)


def relu_derivative(x: Any) -> Any:
    r"""Derivative of ReLU: 1 for :math:`x > 0`, 0 for :math:`x \le 0`.

    ReLU has no derivative at 0; this function returns 0 there, the convention of
    most deep-learning libraries. ``nan`` gives ``nan``.

    Parameters
    ----------
    x : array_like of real numbers
        Python or numpy number, (nested) list or ndarray of any shape.

    Returns
    -------
    numpy floating scalar or ndarray
        0.0 or 1.0 (or ``nan``), same shape and dtype rules as :func:`sigmoid`.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers.

    Examples
    --------
    >>> from helpers import relu_derivative
    >>> relu_derivative([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    arr, scalar = _as_real_array(x, "relu_derivative")
    result = np.heaviside(arr, arr.dtype.type(0))
    return _finish(result, scalar)
