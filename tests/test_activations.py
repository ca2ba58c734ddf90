"""The contract of helpers.activations: accuracy, dtypes, shapes, bad input, properties."""

from __future__ import annotations

import datetime
import math
import tracemalloc
import warnings
from decimal import Decimal
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import helpers
from helpers import relu, relu_derivative, sigmoid, sigmoid_derivative, tanh, tanh_derivative

ALL = [sigmoid, sigmoid_derivative, tanh, tanh_derivative, relu, relu_derivative]
SMOOTH = [sigmoid, sigmoid_derivative, tanh_derivative]
mpmath.mp.prec = 160  # far more than float64's 53 bits; no formula below cancels


# ---------------------------------------------------------------- references (mpmath)
def ref_sigmoid(x: float) -> mpmath.mpf:
    x = mpmath.mpf(x)
    return 1 / (1 + mpmath.exp(-x)) if x >= 0 else mpmath.exp(x) / (1 + mpmath.exp(x))


def ref_sigmoid_derivative(x: float) -> mpmath.mpf:
    e = mpmath.exp(-abs(mpmath.mpf(x)))
    return e / (1 + e) ** 2


def ref_tanh_derivative(x: float) -> mpmath.mpf:
    e = mpmath.exp(-2 * abs(mpmath.mpf(x)))
    return 4 * e / (1 + e) ** 2


REFERENCE = {
    sigmoid: ref_sigmoid,
    sigmoid_derivative: ref_sigmoid_derivative,
    tanh_derivative: ref_tanh_derivative,
}
ULP_BOUND = {sigmoid: 3, sigmoid_derivative: 5, tanh_derivative: 5}


def ulp_errors(func, x: np.ndarray) -> np.ndarray:
    """Error of func(x) in units of the last place of the true value, where it is normal."""
    dtype = x.dtype
    got = func(x)
    tiny = mpmath.mpf(float(np.finfo(dtype).tiny))
    errors = []
    for xi, yi in zip(x.tolist(), got.tolist(), strict=True):
        true = REFERENCE[func](xi)
        if true < tiny:
            continue
        ulp = float(np.spacing(dtype.type(float(true))))
        errors.append(float(abs(mpmath.mpf(yi) - true)) / ulp)
    return np.array(errors)


def grid(dtype, lo: float, hi: float) -> np.ndarray:
    """A dense grid over [lo, hi], denser near 0, plus random points, in `dtype`."""
    rng = np.random.default_rng(2024)
    parts = [
        np.linspace(lo, hi, 4001),
        np.linspace(-4, 4, 2001),
        rng.uniform(lo, hi, 2000),
        np.geomspace(1e-12, max(-lo, hi), 500),
        -np.geomspace(1e-12, max(-lo, hi), 500),
    ]
    return np.clip(np.concatenate(parts), lo, hi).astype(dtype)


# ---------------------------------------------------------------- accuracy
@pytest.mark.parametrize("func", SMOOTH, ids=lambda f: f.__name__)
@pytest.mark.parametrize("dtype, edge", [(np.float64, 745.0), (np.float32, 110.0)])
def test_accuracy_over_the_whole_range(func, dtype, edge):
    errors = ulp_errors(func, grid(dtype, -edge, edge))
    assert errors.size > 5000  # points where the true value is a normal float
    assert errors.max() <= ULP_BOUND[func]


@pytest.mark.parametrize("func", SMOOTH, ids=lambda f: f.__name__)
def test_float16_within_one_ulp_of_correct_rounding(func):
    x = np.arange(-(2**15), 2**15, dtype=np.int64).astype(np.uint16).view(np.float16)
    x = x[np.isfinite(x)]
    got = func(x).astype(np.float64)
    rounded = np.array([float(np.float16(float(REFERENCE[func](xi)))) for xi in x.tolist()])
    ulp = np.spacing(rounded.astype(np.float16)).astype(np.float64)
    assert np.all(np.abs(got - rounded) <= ulp)


def test_tails_beyond_the_textbook_formula():
    with np.errstate(over="ignore"):
        textbook = 1 / (1 + np.exp(720.0))
    assert textbook == 0.0
    assert 0 < sigmoid(-720.0) < 1e-312  # a subnormal, as it should be
    assert float(sigmoid(-700.0)) == pytest.approx(float(ref_sigmoid(-700.0)), rel=1e-15)
    x = np.array([36.74, 40.0, 100.0, 700.0])
    s = 1 / (1 + np.exp(-x))
    assert np.all(s * (1 - s) == 0.0)
    expected = [float(ref_sigmoid_derivative(v)) for v in x]
    np.testing.assert_allclose(sigmoid_derivative(x), expected, rtol=1e-15)
    assert tanh_derivative(20.0) == pytest.approx(float(ref_tanh_derivative(20.0)), rel=1e-15)
    assert 1 - np.tanh(20.0) ** 2 == 0.0


def test_far_left_tail_is_repaired_in_every_block():
    # The kernel computes 1/(1 + exp(-x)) and repairs x < -709, where exp(-x) overflows,
    # only in the blocks that reach that far (or hold a nan): each case in its own block.
    x = np.full(4 * 32768 + 5, 1.0)
    x[[7, 40000, 40001, 70000, 4 * 32768 + 4]] = [-720.0, np.nan, -740.0, -np.inf, -1000.0]
    y = sigmoid(x)
    assert y[7] == np.exp(-720.0) and y[40001] == np.exp(-740.0)  # 1 + e^x rounds to 1
    assert np.isnan(y[40000]) and y[70000] == 0.0 and y[-1] == 0.0
    assert np.all(y[x == 1.0] == sigmoid(1.0))
    assert sigmoid(np.float32(-720.0)) == 0.0  # below float32's smallest subnormal


def test_sigmoid_runs_the_kernel_saved_from_notebook_06():
    from helpers import numerics

    assert numerics.sigmoid_kernel.__doc__ and "notebook 06" in numerics.sigmoid_kernel.__doc__
    x = np.linspace(-800.0, 800.0, 1001)
    out = np.empty_like(x)
    with np.errstate(over="ignore", under="ignore"):
        numerics.sigmoid_kernel(x, out)
    np.testing.assert_array_equal(out, sigmoid(x))


def test_float32_is_monotone_on_a_dense_sweep():
    # float32 is computed in float64 and rounded once: monotone, unlike numpy's float32 exp.
    x = np.unique(np.linspace(-110.0, 110.0, 2_000_001).astype(np.float32))
    assert np.all(np.diff(sigmoid(x)) >= 0)


def test_longdouble_is_computed_in_longdouble():
    x = np.array([-30.0, 0.5, 30.0], dtype=np.longdouble)
    with mpmath.workprec(200):
        expected = [ref_sigmoid(float(v)) for v in x]
    tol = 4 * np.finfo(np.longdouble).eps
    for got, want in zip(sigmoid(x), expected, strict=True):
        assert abs(mpmath.mpf(str(got)) - want) / want < tol


# -------------------------------------------------- exact values (shared/references.md)
def test_exact_values():
    assert sigmoid(0) == 0.5
    assert sigmoid_derivative(0) == 0.25
    assert tanh(0) == 0.0
    assert tanh_derivative(0) == 1.0
    half_max = 2 * math.log(1 + math.sqrt(2))
    assert sigmoid_derivative(half_max) == pytest.approx(1 / 8, rel=1e-15)
    assert tanh_derivative(1.0) == pytest.approx(4 * sigmoid_derivative(2.0), rel=1e-15)
    assert relu_derivative(0.0) == 0.0
    assert relu_derivative(-0.0) == 0.0
    assert relu_derivative(1e-300) == 1.0
    assert "0" in relu_derivative.__doc__ and "returns 0 there" in relu_derivative.__doc__


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_special_values_without_warnings(func):
    # pytest turns any warning into an error, so this also checks that none is raised.
    x = np.array([-np.inf, -1e308, -0.0, 0.0, 1e308, np.inf, np.nan])
    y = func(x)
    assert np.isnan(y[-1])
    limits = {
        sigmoid: [0, 0, 0.5, 0.5, 1, 1],
        sigmoid_derivative: [0, 0, 0.25, 0.25, 0, 0],
        tanh: [-1, -1, 0, 0, 1, 1],
        tanh_derivative: [0, 0, 1, 1, 0, 0],
        relu: [0, 0, 0, 0, 1e308, np.inf],
        relu_derivative: [0, 0, 0, 0, 1, 1],
    }[func]
    np.testing.assert_array_equal(y[:-1], limits)


FLOATS = [np.float16, np.float32, np.float64, np.longdouble]
# Signalling nans (quiet bit clear, payload non-zero): any arithmetic on them, or a cast,
# raises numpy's "invalid" error. longdouble has no portable bit pattern, so none there.
SIGNALLING_NAN = {
    np.float16: np.array([0x7D00], dtype=np.uint16).view(np.float16)[0],
    np.float32: np.array([0x7FA00000], dtype=np.uint32).view(np.float32)[0],
    np.float64: np.array([0x7FF4000000000000], dtype=np.uint64).view(np.float64)[0],
}


def edge_values(dtype) -> list:
    """-inf, -200, -1e-40 and the smallest subnormal (0 in float16), 0, nan, inf, sNaN."""
    values = [dtype(v) for v in (-np.inf, -200.0, -1e-40, 0.0, np.nan, np.inf)]
    values.insert(3, -np.finfo(dtype).smallest_subnormal)
    return values + ([SIGNALLING_NAN[dtype]] if dtype in SIGNALLING_NAN else [])


def test_the_signalling_nans_are_signalling():
    for dtype, value in SIGNALLING_NAN.items():
        assert np.isnan(value)
        with np.errstate(invalid="raise"), pytest.raises(FloatingPointError):
            np.add(np.array([value]), dtype(1))


@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_no_warning_even_when_numpy_is_told_to_raise(func, dtype):
    values = edge_values(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            scalars = [func(v) for v in values]
            array = func(np.array(values, dtype=dtype))
            big = func(np.repeat(np.array(values, dtype=dtype), 5000))  # several blocks
    with np.errstate(all="ignore"):
        expected = func(np.array([float(v) for v in values])).astype(dtype)  # via float64
    for got in (np.array(scalars), array, big[::5000]):
        assert got.dtype == dtype
        if dtype == np.longdouble:  # computed in longdouble, more precise than float64
            tiny = np.finfo(dtype).smallest_normal  # float64 rounds the subnormals to 0
            np.testing.assert_allclose(got, expected, rtol=4e-16, atol=tiny)
        elif func is tanh:  # computed by np.tanh in its own dtype
            np.testing.assert_allclose(got, expected, rtol=float(np.finfo(dtype).eps))
        else:
            np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("dtype", FLOATS, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_largest_floats_give_the_limits_even_when_numpy_is_told_to_raise(func, dtype):
    big = np.finfo(dtype).max  # tanh_derivative doubles |x|: only its clip avoids overflow
    with np.errstate(all="raise"):
        y = func(np.array([-big, big], dtype=dtype))
    limits = {
        sigmoid: [0, 1],
        sigmoid_derivative: [0, 0],
        tanh: [-1, 1],
        tanh_derivative: [0, 0],
        relu: [0, big],
        relu_derivative: [0, 1],
    }[func]
    np.testing.assert_array_equal(y, np.array(limits, dtype=dtype))


# ---------------------------------------------------------------- memory
@pytest.mark.parametrize("dtype", [np.float16, np.float32], ids=["float16", "float32"])
@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_small_floats_are_converted_block_by_block(func, dtype):
    # Converting the whole input to float64 first used 9x (float16) or 5x (float32) the
    # output's memory; block by block the extra is a few blocks (numpy reports its
    # buffers to tracemalloc). Issue 13.
    x = np.linspace(-30.0, 30.0, 10**6).astype(dtype)
    func(x[:10])  # numpy's one-time allocations are not the call's
    tracemalloc.start()
    try:
        y = func(x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert y.dtype == dtype
    assert peak <= 1.5 * y.nbytes


# ---------------------------------------------------------------- masked arrays
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.int64])
@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_masked_arrays_keep_their_mask(func, dtype):
    data = np.array([-1.0, np.nan, 2.0, 0.5]) if dtype != np.int64 else np.array([-1, 7, 2, 0])
    x = np.ma.array(data.astype(dtype), mask=[0, 1, 0, 0])
    y = func(x)
    assert isinstance(y, np.ma.MaskedArray)
    np.testing.assert_array_equal(np.ma.getmaskarray(y), [False, True, False, False])
    visible = np.array([0, 2, 3])
    np.testing.assert_array_equal(y.data[visible], func(x.data[visible]))
    assert not np.isnan(y.mean())
    y[0] = np.ma.masked  # the result's mask is its own
    assert not x.mask[0]


def test_masked_array_examples():
    assert sigmoid(np.ma.array([-1.0, np.nan, 2.0], mask=[0, 1, 0])).mean() == pytest.approx(
        (float(sigmoid(-1.0)) + float(sigmoid(2.0))) / 2, rel=1e-15
    )
    unmasked = relu(np.ma.array([[-1.0, 1.0]]))
    assert isinstance(unmasked, np.ma.MaskedArray) and unmasked.shape == (1, 2)
    assert unmasked.mask is np.ma.nomask
    assert sigmoid(np.ma.masked) is np.ma.masked or bool(np.ma.getmask(sigmoid(np.ma.masked)))


# ---------------------------------------------------------------- dtypes and shapes
@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("dtype", "expected"),
    [
        (np.float16, np.float16),
        (np.float32, np.float32),
        (np.float64, np.float64),
        (np.longdouble, np.longdouble),
        (np.bool_, np.float64),
        (np.int8, np.float64),
        (np.int64, np.float64),
        (np.uint64, np.float64),
    ],
)
def test_dtype_matrix(func, dtype, expected):
    x = np.array([[0, 1], [1, 0]], dtype=dtype)
    y = func(x)
    assert isinstance(y, np.ndarray) and y.dtype == expected and y.shape == (2, 2)
    scalar = func(dtype(1))
    assert isinstance(scalar, np.floating) and scalar.dtype == expected
    assert func(x.astype(np.float64))[0, 1] == pytest.approx(float(y[0, 1]), rel=1e-3)


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_shapes(func):
    assert isinstance(func(1), np.float64)
    assert isinstance(func(2.5), np.float64)
    assert isinstance(func(True), np.float64)
    zero_d = func(np.array(0.5))
    assert isinstance(zero_d, np.ndarray) and zero_d.shape == ()
    assert func([]).shape == (0,)
    assert func(np.empty((3, 0, 2))).shape == (3, 0, 2)
    assert func([[1, 2, 3], [4, 5, 6]]).shape == (2, 3)
    big = np.linspace(-50, 50, 7 * 7023).reshape(7, -1)  # several blocks, a partial last one
    np.testing.assert_array_equal(func(big), func(big.ravel()).reshape(big.shape))
    strided = big[:, ::3]
    np.testing.assert_array_equal(func(strided), func(np.ascontiguousarray(strided)))


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_input_is_not_modified(func):
    x = np.linspace(-5, 5, 11)
    before = x.copy()
    func(x)
    np.testing.assert_array_equal(x, before)


# ---------------------------------------------------------------- bad input
BAD = [
    ("abc", "str"),
    (b"1", "bytes"),
    (None, "NoneType"),
    (1 + 2j, "complex"),
    (np.array([1 + 0j]), "complex128"),
    (np.array([1.0, None]), "object"),
    ([1.0, "2"], "<U"),
    (np.datetime64("2026-01-01"), "datetime64"),
    (np.timedelta64(3, "s"), "timedelta64"),
    (datetime.date(2026, 1, 1), "date"),
    (Decimal("1.5"), "Decimal"),
    (Fraction(1, 2), "Fraction"),
    ({1.0: 2.0}, "dict"),
]


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("value", "type_name"), BAD, ids=[b[1] for b in BAD])
def test_bad_input_raises_type_error_naming_function_and_type(func, value, type_name):
    with pytest.raises(TypeError) as info:
        func(value)
    message = str(info.value)
    assert message.startswith(f"{func.__name__}()")
    assert type_name in message


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
def test_ragged_list_is_a_value_error(func):
    with pytest.raises(ValueError, match=rf"^{func.__name__}\(\)"):
        func([[1.0, 2.0], [3.0]])


@pytest.mark.parametrize("func", ALL, ids=lambda f: f.__name__)
@pytest.mark.parametrize("value", [10**400, -(2**64), [1.0, 2**70]], ids=["1e400", "-2^64", "list"])
def test_integer_beyond_64_bits_says_so(func, value):
    with pytest.raises(
        OverflowError, match=rf"^{func.__name__}\(\): integer too large for a machine"
    ):
        func(value)
    assert func(2**64 - 1) == func(float(2**64 - 1))  # uint64 still fits


# ---------------------------------------------------------------- properties (hypothesis)
finite64 = st.floats(allow_nan=False, allow_infinity=False)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)


@PROPERTY_SETTINGS
@given(finite64)
def test_sigmoid_symmetry(x):
    total = float(sigmoid(x)) + float(sigmoid(-x))
    assert abs(total - 1.0) <= np.spacing(1.0)


@PROPERTY_SETTINGS
@given(finite64)
def test_derivatives_are_exactly_even(x):
    assert sigmoid_derivative(-x) == sigmoid_derivative(x)
    assert tanh_derivative(-x) == tanh_derivative(x)


@PROPERTY_SETTINGS
@given(finite64)
def test_ranges(x):
    assert 0.0 <= sigmoid(x) <= 1.0
    assert 0.0 <= sigmoid_derivative(x) <= 0.25
    assert -1.0 <= tanh(x) <= 1.0
    assert 0.0 <= tanh_derivative(x) <= 1.0


@PROPERTY_SETTINGS
@given(hnp.arrays(np.float64, st.integers(2, 200), elements=finite64))
def test_sigmoid_is_monotone_on_sorted_input(x):
    assert np.all(np.diff(sigmoid(np.sort(x))) >= 0)


@PROPERTY_SETTINGS
@given(hnp.arrays(np.float32, st.integers(2, 200), elements=st.floats(-120, 120, width=32)))
def test_sigmoid_is_monotone_on_sorted_float32_input(x):
    assert np.all(np.diff(sigmoid(np.sort(x))) >= 0)


@PROPERTY_SETTINGS
@given(st.floats(-20, 20))
def test_derivative_is_sigma_times_one_minus_sigma_where_that_is_accurate(x):
    # s * (1 - s) loses accuracy as s -> 1; within |x| <= 20 it loses at most ~1e-7 relative.
    s = float(sigmoid(x))
    assert sigmoid_derivative(x) == pytest.approx(s * (1 - s), rel=1e-7, abs=0)
    assert sigmoid_derivative(x) == pytest.approx(s * float(sigmoid(-x)), rel=1.5e-15, abs=0)


@PROPERTY_SETTINGS
@given(st.floats(-300, 300))
def test_tanh_is_a_rescaled_sigmoid(x):
    assert tanh(x) == pytest.approx(2 * sigmoid(2 * x) - 1, rel=0, abs=4e-16)
    assert tanh_derivative(x) == pytest.approx(4 * sigmoid_derivative(2 * x), rel=1.5e-15, abs=0)
    assert tanh_derivative(x) == pytest.approx(1 - tanh(x) ** 2, rel=0, abs=4e-16)


@PROPERTY_SETTINGS
@given(finite64)
def test_relu_and_its_derivative(x):
    assert relu(x) == max(x, 0.0)
    assert relu_derivative(x) == (1.0 if x > 0 else 0.0)


def test_package_exports_the_contract():
    assert set(helpers.__all__) >= {f.__name__ for f in ALL}
