"""Floating-point experiments on the sigmoid: textbook forms, exact references, ULP errors, timing.

Introduced in ``notebooks/06_numerics.ipynb``. The textbook forms here are deliberately
naive (they are what the notebook measures, not what to use: use ``helpers.sigmoid``);
the exact references are computed with mpmath at 160 bits, far beyond float64's 53.
"""

from __future__ import annotations

import contextlib
import io
import platform
import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mpmath
import numpy as np

from helpers.activations import _as_real_array

__all__ = [
    "PRECISION_BITS",
    "binned_max",
    "exact_sigmoid",
    "exact_sigmoid_derivative",
    "log_sigmoid",
    "median_time_ms",
    "runtime_report",
    "sigmoid_derivative_textbook",
    "sigmoid_textbook",
    "sigmoid_unblocked",
    "sigmoid_via_tanh",
    "to_bfloat16",
    "ulp_error",
]

# Bits of the mpmath references: float64 has 53, so 160 leaves a wide margin.
PRECISION_BITS = 160


def _array(x: Any, name: str) -> np.ndarray:
    arr, _ = _as_real_array(x, name)
    return arr


# ---------------------------------------------------------------- the formulas measured
def sigmoid_textbook(z: Any) -> np.ndarray:
    r"""The textbook sigmoid ``1 / (1 + np.exp(-z))``, exactly as most tutorials write it.

    It keeps the dtype of `z` (float16, float32, float64) and inherits every flaw of the
    formula: ``np.exp(-z)`` overflows for z < −709.78 in float64 (z < −88.72 in float32),
    which raises a ``RuntimeWarning`` and returns 0 where σ(z) is still a positive number.

    Parameters
    ----------
    z : array_like of real numbers

    Returns
    -------
    ndarray
        Same shape as `z` (0-d for a scalar).

    Raises
    ------
    TypeError
        If `z` is not made of real numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.numerics import sigmoid_textbook
    >>> sigmoid_textbook([-1.0, 0.0, 1.0]).round(4)
    array([0.2689, 0.5   , 0.7311])
    >>> with np.errstate(over="ignore"):
    ...     print(sigmoid_textbook(-720.0))  # the true value is about 2.2e-313
    0.0
    """
    arr = _array(z, "sigmoid_textbook")
    return np.asarray(1 / (1 + np.exp(-arr)))


def sigmoid_derivative_textbook(z: Any) -> np.ndarray:
    r"""The textbook derivative ``s * (1 - s)`` with ``s = 1 / (1 + np.exp(-z))``.

    Exactly 0 once ``s`` has rounded to 1: from z = 53·ln 2 ≈ 36.74 in float64 and
    24·ln 2 ≈ 16.64 in float32, while the true σ'(z) is still about 1e−16 (1e−7).

    Parameters
    ----------
    z : array_like of real numbers

    Returns
    -------
    ndarray
        Same shape and dtype as :func:`sigmoid_textbook`.

    Raises
    ------
    TypeError
        If `z` is not made of real numbers.

    Examples
    --------
    >>> from helpers.numerics import sigmoid_derivative_textbook
    >>> print(sigmoid_derivative_textbook(0.0))
    0.25
    >>> print(sigmoid_derivative_textbook(40.0))  # the true value is about 4.2e-18
    0.0
    """
    s = sigmoid_textbook(_array(z, "sigmoid_derivative_textbook"))
    return np.asarray(s * (1 - s))


def sigmoid_via_tanh(z: Any) -> np.ndarray:
    r"""The sigmoid through tanh, ``0.5 * (1 + np.tanh(z / 2))``.

    Never overflows, but ``1 + tanh(z/2)`` cancels for negative z: the result loses
    relative accuracy steadily as z decreases and is exactly 0 from z ≈ −37.98 (float64).

    Parameters
    ----------
    z : array_like of real numbers

    Returns
    -------
    ndarray
        Same shape and dtype as :func:`sigmoid_textbook`.

    Raises
    ------
    TypeError
        If `z` is not made of real numbers.

    Examples
    --------
    >>> from helpers.numerics import sigmoid_via_tanh
    >>> sigmoid_via_tanh([-1.0, 0.0, 1.0]).round(4)
    array([0.2689, 0.5   , 0.7311])
    >>> print(sigmoid_via_tanh(-40.0))  # the true value is about 4.2e-18
    0.0
    """
    arr = _array(z, "sigmoid_via_tanh")
    return np.asarray(0.5 * (1 + np.tanh(arr / 2)))


def sigmoid_unblocked(z: Any) -> np.ndarray:
    r"""The stable formula of ``helpers.sigmoid``, applied to the whole array at once.

    Computes :math:`e^{\min(z,0)} / (1 + e^{-|z|})` like ``helpers.sigmoid`` but without
    its blocks: every intermediate is a full-size array. Same values, used by the
    notebook to measure what the blocks gain.

    Parameters
    ----------
    z : array_like of real numbers

    Returns
    -------
    ndarray
        Same shape and dtype as `z` (float64 for integers and bools).

    Raises
    ------
    TypeError
        If `z` is not made of real numbers.

    Examples
    --------
    >>> from helpers.numerics import sigmoid_unblocked
    >>> sigmoid_unblocked([-1.0, 0.0, 1.0]).round(4)
    array([0.2689, 0.5   , 0.7311])
    >>> bool(sigmoid_unblocked(-720.0) > 0)
    True
    """
    arr = _array(z, "sigmoid_unblocked")
    with np.errstate(under="ignore"):
        return np.asarray(np.exp(np.minimum(arr, 0)) / (1 + np.exp(-np.abs(arr))))


def log_sigmoid(z: Any) -> np.ndarray:
    r"""log σ(z) computed stably as ``-np.logaddexp(0, -z)``, as a loss function needs it.

    ``np.log(sigmoid(z))`` gives ``-inf`` once σ(z) underflows to 0 (z < −745 in float64);
    this form gives ≈ z there, and ≈ −e^{−z} for large z.

    Parameters
    ----------
    z : array_like of real numbers

    Returns
    -------
    ndarray
        Same shape and dtype rules as :func:`sigmoid_textbook`.

    Raises
    ------
    TypeError
        If `z` is not made of real numbers.

    Examples
    --------
    >>> from helpers.numerics import log_sigmoid
    >>> print(log_sigmoid(-800.0))
    -800.0
    >>> print(log_sigmoid(0.0).round(6))  # log(1/2)
    -0.693147
    """
    arr = _array(z, "log_sigmoid")
    return np.asarray(-np.logaddexp(0, -arr))


# ---------------------------------------------------------------- exact references
def _finite_float64(x: Any, name: str) -> np.ndarray:
    arr = _array(x, name)
    if arr.dtype == np.longdouble and np.longdouble != np.float64:
        raise TypeError(f"{name}() takes float16, float32 or float64 values, got longdouble")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}() needs finite values; got inf or nan")
    return arr


def _exact(x: Any, name: str, formula: Callable[[mpmath.mpf], mpmath.mpf]) -> np.ndarray:
    arr = _finite_float64(x, name)
    out = np.empty(arr.shape, dtype=object)
    with mpmath.workprec(PRECISION_BITS):
        for index, value in np.ndenumerate(arr):
            out[index] = formula(mpmath.mpf(float(value)))
    return out


def _exact_sigmoid_formula(x: mpmath.mpf) -> mpmath.mpf:
    e = mpmath.exp(-abs(x))
    return 1 / (1 + e) if x >= 0 else e / (1 + e)


def _exact_derivative_formula(x: mpmath.mpf) -> mpmath.mpf:
    e = mpmath.exp(-abs(x))
    return e / (1 + e) ** 2


def exact_sigmoid(x: Any) -> np.ndarray:
    """σ(x) to 160 bits with mpmath, as an object array of ``mpmath.mpf``.

    The input values are taken exactly (every float16/32/64 is a float64). Slow (a few
    microseconds a point): use a few thousand points, not millions.

    Parameters
    ----------
    x : array_like of finite real numbers

    Returns
    -------
    ndarray of dtype object
        Same shape as `x`, holding ``mpmath.mpf`` values.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers.
    ValueError
        If `x` holds inf or nan.

    Examples
    --------
    >>> from helpers.numerics import exact_sigmoid
    >>> ref = exact_sigmoid([0.0, -800.0])
    >>> float(ref[0])
    0.5
    >>> import mpmath
    >>> mpmath.nstr(ref[1], 5)  # σ(−800): far below the smallest float64, 4.9e−324
    '3.6679e-348'
    """
    return _exact(x, "exact_sigmoid", _exact_sigmoid_formula)


def exact_sigmoid_derivative(x: Any) -> np.ndarray:
    """σ'(x) to 160 bits with mpmath, as an object array of ``mpmath.mpf``.

    Parameters
    ----------
    x : array_like of finite real numbers

    Returns
    -------
    ndarray of dtype object
        Same shape as `x`, holding ``mpmath.mpf`` values.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers.
    ValueError
        If `x` holds inf or nan.

    Examples
    --------
    >>> from helpers.numerics import exact_sigmoid_derivative
    >>> float(exact_sigmoid_derivative([0.0])[0])
    0.25
    >>> print(f"{float(exact_sigmoid_derivative(40.0)):.4e}")
    4.2484e-18
    """
    return _exact(x, "exact_sigmoid_derivative", _exact_derivative_formula)


def ulp_error(computed: Any, exact: np.ndarray) -> np.ndarray:
    """Error of `computed` in units in the last place (ULP) of the exact value, in its dtype.

    The ULP is the gap between the floats of ``computed.dtype`` around the exact value
    (``np.spacing`` of the exact value rounded to that dtype); in the subnormal range it is
    the fixed gap between subnormals. A correctly rounded result is within 0.5 ULP; a
    result of 0 for a true value v that is a normal float is off by about v/ULP ≈ 2**52
    ULP in float64 (2**23 in float32): every digit is wrong.

    Parameters
    ----------
    computed : ndarray of float16, float32 or float64
        Values computed in floating point; their dtype sets the size of the ULP.
    exact : ndarray of mpmath.mpf
        The exact values, same shape (from :func:`exact_sigmoid` and the like).

    Returns
    -------
    ndarray of float64
        Non-negative errors in ULP, same shape; inf where `computed` is inf or nan.

    Raises
    ------
    TypeError
        If `computed` is not a float16/32/64 array or `exact` is not an object array.
    ValueError
        If the shapes differ.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.numerics import exact_sigmoid, ulp_error
    >>> x = np.array([0.0, 1.0])
    >>> ulp_error(np.array([0.5, 0.7310585786300049]), exact_sigmoid(x)).round(2)
    array([0.  , 0.15])
    >>> ulp_error(np.float32([0.5]), exact_sigmoid([0.0]))
    array([0.])
    """
    got = np.asarray(computed)
    if got.dtype not in (np.float16, np.float32, np.float64):
        raise TypeError(f"ulp_error() needs float16/32/64 computed values, got dtype {got.dtype}")
    if not isinstance(exact, np.ndarray) or exact.dtype != object:
        raise TypeError(
            "ulp_error() needs the exact values as an object array of mpmath numbers "
            f"(from exact_sigmoid), got {type(exact).__name__}"
        )
    if got.shape != exact.shape:
        raise ValueError(f"ulp_error(): shapes differ, computed {got.shape} vs exact {exact.shape}")
    dtype = got.dtype.type
    with np.errstate(over="ignore"):
        nearest = np.array([dtype(float(v)) for v in exact.ravel()], dtype=got.dtype)
    spacing = np.abs(np.spacing(nearest)).astype(np.float64).reshape(got.shape)
    errors = np.empty(got.shape, dtype=np.float64)
    with mpmath.workprec(PRECISION_BITS):
        for index, value in np.ndenumerate(got):
            if not np.isfinite(value):
                errors[index] = np.inf
            else:
                errors[index] = float(abs(mpmath.mpf(float(value)) - exact[index]))
    return errors / spacing


# ---------------------------------------------------------------- low precision
def to_bfloat16(x: Any) -> np.ndarray:
    """Round to bfloat16 (8 significant bits, float32's exponent range), kept in float32.

    numpy has no bfloat16 dtype; this rounds each value to the nearest bfloat16
    (ties to even), the format many accelerators train in. nan stays nan.

    Parameters
    ----------
    x : array_like of real numbers

    Returns
    -------
    ndarray of float32
        Same shape, every value a bfloat16 number.

    Raises
    ------
    TypeError
        If `x` is not made of real numbers.

    Examples
    --------
    >>> from helpers.numerics import to_bfloat16
    >>> to_bfloat16([1 + 2**-7, 1 + 2**-8, 1 + 3 * 2**-9, 0.1]).tolist()
    [1.0078125, 1.0, 1.0078125, 0.10009765625]
    """
    arr = np.asarray(_array(x, "to_bfloat16"), dtype=np.float32)
    bits = arr.view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    out = rounded.astype(np.uint32).view(np.float32)
    return np.where(np.isnan(arr), np.float32(np.nan), out)


# ---------------------------------------------------------------- plotting and timing aids
def binned_max(
    x: Any, values: Any, bins: int = 200, lo: float | None = None, hi: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Largest value in each of `bins` equal-width bins of x: a readable error curve.

    Parameters
    ----------
    x, values : array_like of real numbers, same length
        Points and the value at each (e.g. an error in ULP).
    bins : int
        Number of bins over [lo, hi].
    lo, hi : float, optional
        Range of the bins; the range of `x` by default.

    Returns
    -------
    (centres, maxima) : two float64 arrays of length `bins`
        ``maxima`` is nan for a bin without points.

    Raises
    ------
    ValueError
        If the lengths differ, `bins` < 1, or the range is empty.

    Examples
    --------
    >>> from helpers.numerics import binned_max
    >>> centres, maxima = binned_max([0, 1, 2, 3], [5, 1, 2, 7], bins=2)
    >>> centres.tolist(), maxima.tolist()
    ([0.75, 2.25], [5.0, 7.0])
    """
    xs = np.asarray(_array(x, "binned_max"), dtype=np.float64).ravel()
    vs = np.asarray(_array(values, "binned_max"), dtype=np.float64).ravel()
    if xs.size != vs.size:
        raise ValueError(f"binned_max(): x has {xs.size} values but values has {vs.size}")
    if not isinstance(bins, int | np.integer) or bins < 1:
        raise ValueError(f"binned_max() needs a positive integer number of bins, got {bins!r}")
    lo = float(xs.min()) if lo is None else float(lo)
    hi = float(xs.max()) if hi is None else float(hi)
    if not hi > lo:
        raise ValueError(f"binned_max() needs lo < hi, got lo={lo}, hi={hi}")
    edges = np.linspace(lo, hi, bins + 1)
    index = np.clip(np.searchsorted(edges, xs, side="right") - 1, 0, bins - 1)
    inside = (xs >= lo) & (xs <= hi)
    maxima = np.full(bins, -np.inf)
    np.maximum.at(maxima, index[inside], vs[inside])
    maxima[maxima == -np.inf] = np.nan
    return (edges[:-1] + edges[1:]) / 2, maxima


def median_time_ms(func: Callable[..., Any], *args: Any, repeat: int = 5) -> float:
    """Median wall-clock time of ``func(*args)`` in milliseconds, after one warm-up call.

    The warm-up pays for page faults, caches and first-call set-up, which are not the
    cost of the computation; the median resists the odd slow run of a shared machine.

    Parameters
    ----------
    func : callable
    *args
        Passed to `func`.
    repeat : int
        Number of timed calls (at least 1).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If `func` is not callable.
    ValueError
        If `repeat` < 1.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.numerics import median_time_ms
    >>> median_time_ms(np.copy, np.zeros(1000)) < 1000
    True
    """
    if not callable(func):
        raise TypeError(f"median_time_ms() needs a callable, got {type(func).__name__}")
    if not isinstance(repeat, int | np.integer) or repeat < 1:
        raise ValueError(f"median_time_ms() needs repeat >= 1, got {repeat!r}")
    func(*args)
    times = timeit.repeat(lambda: func(*args), number=1, repeat=int(repeat))
    return 1e3 * float(np.median(times))


def runtime_report() -> str:
    """What ``np.show_runtime()`` prints (numpy version, CPU SIMD features), host name hidden.

    Examples
    --------
    >>> from helpers.numerics import runtime_report
    >>> "simd_extensions" in runtime_report()
    True
    """
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        np.show_runtime()
    text = buffer.getvalue()
    node = platform.node()
    if node:
        text = text.replace(f"node='{node}'", "node='(hidden)'")
    # threadpoolctl, when installed, lists library files: keep the paths out of notebooks.
    for folder, shown in ((sys.prefix, "<python>"), (str(Path.home()), "~")):
        if len(folder) > 1:
            text = text.replace(folder, shown)
    return text
