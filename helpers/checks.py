"""Input checks shared by the helpers: one clear error, naming the function and the problem.

Every check takes ``where``, the name of the calling function with its parentheses (for
example ``"train()"``), and raises ``TypeError`` for a value of the wrong kind or
``ValueError`` for a value of the right kind out of range::

    train(): epochs must be an integer, got str
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from itertools import pairwise
from typing import Any

import numpy as np

__all__ = ["as_real_array", "check_int", "check_network_arguments", "check_real", "checked"]


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


_CHECKING = [True]  # False while a checked function runs: the functions it calls trust it


def checked(function, check, *context):
    """`function`, checking its arguments by name with ``check(where, arguments, *context)``
    (which may replace them by cleaned values) when called from outside; a call from inside
    another checked function, such as ``train()`` calling ``backprop()`` per minibatch, is not
    checked again.
    """
    signature = inspect.signature(function)

    @functools.wraps(function)
    def entry(*args, **kwargs):
        if not _CHECKING[0]:
            return function(*args, **kwargs)
        arguments = signature.bind(*args, **kwargs)
        arguments.apply_defaults()
        check(f"{function.__name__}()", arguments.arguments, *context)
        _CHECKING[0] = False
        try:
            return function(*arguments.args, **arguments.kwargs)
        finally:
            _CHECKING[0] = True

    return entry


def check_network_arguments(where: str, a: dict, activations, inits) -> None:
    """Check the arguments `a` (by name) of a function of ``helpers.network``, in place."""
    if "sizes" in a:
        if not isinstance(a["sizes"], list | tuple) or len(a["sizes"]) < 2:
            raise ValueError(f"{where}: sizes must list 2 or more layer sizes, got {a['sizes']!r}")
        a["sizes"] = [check_int(n, "each entry of sizes", where, minimum=1) for n in a["sizes"]]
    choices = {"init": tuple(inits), "activation": tuple(activations)}
    for name, allowed in {**choices, "output": ("softmax", "sigmoid")}.items():
        if name in a and (not isinstance(a[name], str) or a[name] not in allowed):
            raise ValueError(f"{where}: {name} must be one of {allowed}, got {a[name]!r}")
    for name, minimum in (("seed", 0), ("epochs", 0), ("batch_size", 1)):
        if name in a:
            a[name] = check_int(a[name], name, where, minimum=minimum)
    if "lr" in a:
        a["lr"] = check_real(a["lr"], "lr", where, low=0.0)
    if a.get("on_epoch") is not None and not callable(a["on_epoch"]):
        raise TypeError(f"{where}: on_epoch must be a function or None, got {a['on_epoch']!r}")
    if "params" in a:
        _check_network_data(where, a)


def _check_network_data(where: str, a: dict) -> None:
    """params a list of (W, b) whose shapes chain; X (m, n_in) finite; y labels of X's rows."""
    try:
        shapes = [(W.shape, b.shape) for W, b in a["params"]]
    except (TypeError, ValueError, AttributeError):
        shapes = []
    if (
        not shapes
        or any(len(w) != 2 or b != w[1:] for w, b in shapes)
        or any(v[1] != w[0] for (v, _), (w, _) in pairwise(shapes))
    ):
        raise ValueError(
            f"{where}: params must be a list of (W, b) arrays, W of shape "
            "(n_in, n_out) and b of shape (n_out,), each n_in the previous n_out"
        )
    X = a["X"] = as_real_array(a["X"], where)[0].astype(float, copy=False)
    n_in, n_classes = shapes[0][0][0], shapes[-1][0][1]
    if X.ndim != 2 or len(X) == 0 or X.shape[1] != n_in:
        raise ValueError(f"{where}: X must have shape (m >= 1, {n_in}), got {X.shape}")
    if not np.isfinite(X).all():
        raise ValueError(f"{where}: X contains nan or inf")
    if "y" not in a:
        return
    y = a["y"] = np.asarray(a["y"])
    if y.dtype.kind not in "iu":
        raise TypeError(f"{where}: y must hold integer class labels, got dtype {y.dtype}")
    if y.shape != (len(X),):
        raise ValueError(
            f"{where}: y must have shape ({len(X)},), one label per row of X, got {y.shape}"
        )
    if y.min() < 0 or y.max() >= n_classes:
        raise ValueError(f"{where}: labels must be in 0..{n_classes - 1}, got {y.min()}..{y.max()}")
