"""helpers.checks: each check accepts what it should, and its errors name the function."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

from helpers.checks import as_real_array, check_int, check_real


@pytest.mark.parametrize("value", [3, np.int8(3), np.uint64(3)])
def test_check_int_accepts_integers_and_returns_int(value):
    result = check_int(value, "epochs", "train()", minimum=1)
    assert result == 3 and type(result) is int


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(True, "bool"), (np.True_, "bool"), (3.0, "float"), ("3", "str"), (None, "NoneType")],
)
def test_check_int_refuses_other_types(value, type_name):
    with pytest.raises(TypeError, match=rf"^train\(\): epochs must be an integer, got {type_name}"):
        check_int(value, "epochs", "train()")


def test_check_int_minimum():
    assert check_int(-5, "seed", "f()") == -5  # no minimum, no bound
    assert check_int(2, "n", "f()", minimum=2) == 2
    with pytest.raises(ValueError, match=r"^f\(\): n must be at least 2, got 1$"):
        check_int(1, "n", "f()", minimum=2)


@pytest.mark.parametrize("value", [0.5, 1, np.float32(0.5), np.int64(1), Fraction(1, 2)])
def test_check_real_accepts_real_numbers_and_returns_float(value):
    result = check_real(value, "lr", "train()", low=0.0, high=1.0)
    assert result == float(value) and type(result) is float


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(True, "bool"), ("0.5", "str"), (1j, "complex"), (None, "NoneType"), ([0.5], "list")],
)
def test_check_real_refuses_other_types(value, type_name):
    with pytest.raises(TypeError, match=rf"^train\(\): lr must be a real number, got {type_name}"):
        check_real(value, "lr", "train()")


@pytest.mark.parametrize("value", [math.nan, math.inf, -np.inf, np.float32("nan"), 10**400])
def test_check_real_refuses_non_finite(value):
    with pytest.raises(ValueError, match=r"^train\(\): lr must be finite"):
        check_real(value, "lr", "train()")


def test_check_real_bounds_are_inclusive_and_optional():
    assert check_real(0.0, "p", "f()", low=0.0, high=1.0) == 0.0
    assert check_real(1.0, "p", "f()", low=0.0, high=1.0) == 1.0
    assert check_real(-1e300, "x", "f()") == -1e300
    with pytest.raises(ValueError, match=r"^f\(\): p must be in \[0.0, 1.0\], got 1.5$"):
        check_real(1.5, "p", "f()", low=0.0, high=1.0)
    with pytest.raises(ValueError, match=r"^f\(\): lr must be in \[-inf, 2\], got 3$"):
        check_real(3, "lr", "f()", high=2)
    with pytest.raises(ValueError, match=r"^f\(\): lr must be in \[0, inf\], got -1$"):
        check_real(-1, "lr", "f()", low=0)


def test_as_real_array_keeps_floats_and_converts_the_rest():
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    arr, scalar = as_real_array(x, "f()")
    assert arr is x and not scalar  # no copy
    arr, scalar = as_real_array([[1, 2], [3, 4]], "f()")
    assert arr.dtype == np.float64 and arr.shape == (2, 2) and not scalar
    for value in (True, 2, np.uint8(2), 2.5, np.float16(2.5)):
        arr, scalar = as_real_array(value, "f()")
        assert arr.ndim == 0 and arr.dtype.kind == "f" and scalar
    arr, scalar = as_real_array(np.array(2), "f()")
    assert arr.ndim == 0 and arr.dtype == np.float64 and not scalar  # a 0-d array stays one


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("x", TypeError, r"^f\(\): expected real numbers, got str"),
        ([1j], TypeError, r"^f\(\): expected real numbers .* of dtype complex128"),
        ([[1.0], [1.0, 2.0]], ValueError, r"^f\(\): could not make an array"),
        (np.ma.array([1.0], mask=[1]), TypeError, r"^f\(\): masked arrays are not supported"),
        (2**64, OverflowError, r"^f\(\): integer too large for a machine integer"),
    ],
)
def test_as_real_array_errors(value, error, message):
    with pytest.raises(error, match=message):
        as_real_array(value, "f()")
