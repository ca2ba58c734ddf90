"""Input checks shared by the helpers: one clear error, naming the function and the problem.

Every check takes ``where``, the name of the calling function with its parentheses (for
example ``"train()"``), and raises ``TypeError`` for a value of the wrong kind or
``ValueError`` for a value of the right kind out of range::

    train(): epochs must be an integer, got str
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

__all__ = ["as_real_array", "check_int", "check_real"]


def check_int(value: Any, name: str, where: str, minimum: int | None = None) -> int:
    """Return `value` as an ``int``; it must be an integer (not a bool), at least `minimum`."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{where}: {name} must be an integer, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: {name} must be at least {minimum}, got {value}")
    return int(value)


def check_real(
    value: Any, name: str, where: str, low: float | None = None, high: float | None = None
) -> float:
    """Return `value` as a ``float``; it must be a finite real number in [`low`, `high`]."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{where}: {name} must be a real number, got {type(value).__name__}")
    try:
        result = float(value)
    except OverflowError:  # an int beyond the float range
        raise ValueError(f"{where}: {name} must be finite, got an int beyond 1e308") from None
    if not math.isfinite(result):
        raise ValueError(f"{where}: {name} must be finite, got {value}")
    if (low is not None and result < low) or (high is not None and result > high):
        bounds = f"[{'-inf' if low is None else low}, {'inf' if high is None else high}]"
        raise ValueError(f"{where}: {name} must be in {bounds}, got {value}")
    return result


def as_real_array(x: Any, where: str) -> tuple[np.ndarray, bool]:
    """Return `x` as a float ndarray, and whether `x` was a scalar (not an ndarray).

    Accepts a Python or numpy number, a (nested) list or an ndarray of bool, integers
    or floats. Float dtypes are kept (no copy of an ndarray); bool and integers become
    float64. Anything else raises ``TypeError``, ragged lists ``ValueError``, integers
    beyond 64 bits ``OverflowError``. Masked arrays are refused: ``np.asarray`` would
    drop their mask; a caller that supports them passes ``x.data`` and re-applies it.
    """
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{where}: expected real numbers, got {type(x).__name__}")
    if isinstance(x, np.ma.MaskedArray):
        raise TypeError(f"{where}: masked arrays are not supported; pass x.filled(value)")
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{where}: could not make an array of its input: {exc}") from None
    kind = arr.dtype.kind
    if kind in "biuf":
        scalar = arr.ndim == 0 and not isinstance(x, np.ndarray)
        return (arr if kind == "f" else arr.astype(np.float64)), scalar
    if kind == "O" and any(isinstance(v, int) and v.bit_length() > 63 for v in arr.flat):
        # numpy keeps Python ints beyond 64 bits as objects
        raise OverflowError(
            f"{where}: integer too large for a machine integer (numpy's have at most 64 bits)"
        )
    raise TypeError(
        f"{where}: expected real numbers (float, int or bool), "
        f"got {type(x).__name__} of dtype {arr.dtype}"
    )
