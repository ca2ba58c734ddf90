"""helpers.numerics: the textbook forms fail where notebook 06 says; the measuring tools work."""

from __future__ import annotations

import math
import platform
import warnings

import mpmath
import numpy as np
import pytest

from helpers import sigmoid, sigmoid_derivative
from helpers.numerics import (
    binned_max,
    exact_sigmoid,
    exact_sigmoid_derivative,
    log_sigmoid,
    median_time_ms,
    runtime_report,
    sigmoid_derivative_textbook,
    sigmoid_textbook,
    sigmoid_unblocked,
    sigmoid_via_tanh,
    to_bfloat16,
    ulp_error,
)

NAIVE = [sigmoid_textbook, sigmoid_derivative_textbook, sigmoid_via_tanh, sigmoid_unblocked]


# ---------------------------------------------------------------- the textbook forms
def test_textbook_sigmoid_overflows_with_a_warning_below_the_limit():
    assert math.log(np.finfo(np.float64).max) == pytest.approx(709.78, abs=0.01)
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert sigmoid_textbook(-710.0) == 0.0
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert sigmoid_textbook(np.float32(-89.0)) == 0.0
    assert sigmoid_textbook(-709.0) > 0  # just inside the limit: no warning (errors are on)
    assert sigmoid_textbook(np.float32(-88.0)) > 0


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_naive_forms_keep_the_dtype(dtype):
    x = np.linspace(-3, 3, 7).astype(dtype)
    for func in NAIVE:
        assert func(x).dtype == dtype, func.__name__
        assert func(x).shape == x.shape


def test_textbook_derivative_is_exactly_zero_from_53_ln2_in_float64_and_24_ln2_in_float32():
    assert sigmoid_derivative_textbook(36.73) > 0
    assert sigmoid_derivative_textbook(53 * math.log(2) + 1e-9) == 0.0
    assert sigmoid_derivative_textbook(np.float32(16.62)) > 0
    assert sigmoid_derivative_textbook(np.float32(16.64)) == 0.0
    assert float(exact_sigmoid_derivative(36.74)[()]) == pytest.approx(1.1e-16, rel=0.05)


def test_tanh_form_loses_the_left_tail():
    assert sigmoid_via_tanh(-37.0) > 0
    assert sigmoid_via_tanh(-38.0) == 0.0
    assert float(sigmoid(-38.0)) == pytest.approx(math.exp(-38.0), rel=1e-15)
    x = np.linspace(-2, 2, 41)
    np.testing.assert_allclose(sigmoid_via_tanh(x), sigmoid(x), rtol=1e-15)


def test_unblocked_formula_gives_the_same_values_as_helpers_sigmoid():
    x = np.linspace(-800, 800, 3 * 16384 + 5)  # several of helpers' blocks
    np.testing.assert_array_equal(sigmoid_unblocked(x), sigmoid(x))


def test_log_sigmoid_is_accurate_where_log_of_sigmoid_fails():
    for z in (-800.0, -30.0, -1.0, 0.0, 1.0, 30.0, 40.0):
        exact = mpmath.log(exact_sigmoid(z)[()])
        assert float(log_sigmoid(z)) == pytest.approx(float(exact), rel=1e-14)
    with np.errstate(divide="ignore"):
        assert np.log(sigmoid(-800.0)) == -np.inf


@pytest.mark.parametrize(
    "func", [*NAIVE, log_sigmoid, to_bfloat16, exact_sigmoid, exact_sigmoid_derivative]
)
@pytest.mark.parametrize("bad", ["1.0", None, 1 + 2j, np.array([1.0, None])])
def test_bad_input_is_a_type_error_naming_the_function(func, bad):
    with pytest.raises(TypeError, match=rf"^{func.__name__}\(\)"):
        func(bad)


# ---------------------------------------------------------------- exact references
def test_exact_references_satisfy_the_identities_to_far_beyond_float64():
    x = np.array([-745.0, -30.0, -1.5, 0.0, 2.0, 36.74, 700.0])
    s, d = exact_sigmoid(x), exact_sigmoid_derivative(x)
    s_minus = exact_sigmoid(-x)
    assert s.dtype == object and s.shape == x.shape
    with mpmath.workprec(200):  # mpmath's own default is 53 bits, like float64
        for i in range(x.size):
            assert abs(s[i] + s_minus[i] - 1) < mpmath.mpf(2) ** -150
            assert abs(d[i] - s[i] * s_minus[i]) <= d[i] * mpmath.mpf(2) ** -150
    assert s[3] == mpmath.mpf(0.5) and d[3] == mpmath.mpf(0.25)


def test_exact_references_take_float32_inputs_exactly_and_keep_the_shape():
    x = np.float32([[0.1, -0.1]])
    ref = exact_sigmoid(x)
    assert ref.shape == (1, 2)
    with mpmath.workprec(200):
        expected = 1 / (1 + mpmath.exp(-mpmath.mpf(float(np.float32(0.1)))))
    assert abs(ref[0, 0] - expected) < mpmath.mpf(2) ** -150


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan])
def test_exact_references_refuse_non_finite_input(bad):
    with pytest.raises(ValueError, match=r"^exact_sigmoid\(\).*finite"):
        exact_sigmoid([0.0, bad])


# ---------------------------------------------------------------- ULP errors
def test_ulp_error_of_correct_rounding_and_of_the_neighbouring_floats():
    x = np.linspace(-20, 20, 81)
    exact = exact_sigmoid(x)
    rounded = np.array([float(v) for v in exact])  # correctly rounded to float64
    errors = ulp_error(rounded, exact)
    assert errors.max() <= 0.5
    up = ulp_error(np.nextafter(rounded, 2.0), exact)
    np.testing.assert_array_less(0.5, up + 1e-12)
    assert up.max() <= 1.5


def test_ulp_error_sees_a_zero_as_every_digit_wrong():
    exact = exact_sigmoid_derivative([40.0])  # 4.2e-18: a normal float
    assert 2.0**52 <= ulp_error(np.zeros(1), exact)[0] < 2.0**53
    assert 2.0**23 <= ulp_error(np.zeros(1, np.float32), exact)[0] < 2.0**24


def test_ulp_error_uses_the_subnormal_spacing_in_the_far_tail():
    exact = exact_sigmoid([-720.0])  # ≈ 2.2e-313, subnormal
    tiny = np.spacing(0.0)
    assert ulp_error(np.zeros(1), exact)[0] == pytest.approx(float(exact[0]) / tiny, rel=1e-3)
    assert ulp_error(np.asarray(sigmoid([-720.0])), exact)[0] <= 0.5 + 1e-9


def test_ulp_error_marks_inf_and_nan_results_as_infinite():
    exact = exact_sigmoid([0.0, 0.0])
    assert np.all(np.isinf(ulp_error(np.array([np.inf, np.nan]), exact)))


def test_ulp_error_rejects_mismatched_input():
    exact = exact_sigmoid([0.0, 1.0])
    with pytest.raises(ValueError, match=r"^ulp_error\(\): shapes differ"):
        ulp_error(np.zeros(3), exact)
    with pytest.raises(TypeError, match=r"^ulp_error\(\).*int64"):
        ulp_error(np.zeros(2, dtype=np.int64), exact)
    with pytest.raises(TypeError, match=r"^ulp_error\(\).*object array"):
        ulp_error(np.zeros(2), np.zeros(2))


def test_helpers_stay_within_their_bounds_and_the_textbook_does_not():
    # A short version of the kept assertion cell of notebook 06.
    x = np.linspace(-750, 750, 601)
    with np.errstate(over="ignore"):
        assert ulp_error(sigmoid(x), exact_sigmoid(x)).max() <= 3
        assert ulp_error(sigmoid_derivative(x), exact_sigmoid_derivative(x)).max() <= 5
        assert ulp_error(sigmoid_derivative_textbook(x), exact_sigmoid_derivative(x)).max() > 1e15


# ---------------------------------------------------------------- bfloat16
def test_to_bfloat16_rounds_to_nearest_even_with_8_significant_bits():
    values = [1 + 2**-7, 1 + 2**-8, 1 + 3 * 2**-8, 1 + 3 * 2**-9, -2.0, 0.0, np.inf, -np.inf]
    expected = [1 + 2**-7, 1.0, 1 + 2**-6, 1 + 2**-7, -2.0, 0.0, np.inf, -np.inf]
    got = to_bfloat16(values)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, np.float32(expected))
    assert np.isnan(to_bfloat16([np.nan])[0])


def test_to_bfloat16_gives_bfloat16_numbers_within_half_an_ulp():
    x = np.random.default_rng(7).standard_normal(10_000).astype(np.float32) * 100
    b = to_bfloat16(x)
    assert np.all(b.view(np.uint32) & 0xFFFF == 0)  # only the top 16 bits of a float32
    np.testing.assert_array_equal(to_bfloat16(b), b)  # rounding twice changes nothing
    assert np.max(np.abs(b - x) / np.abs(x)) <= 2.0**-8


# ---------------------------------------------------------------- binned_max, timing, report
def test_binned_max():
    centres, maxima = binned_max([0.0, 0.1, 2.9, 3.0, 9.0], [1.0, 5.0, 2.0, 7.0, 100.0], 3, 0, 3)
    np.testing.assert_allclose(centres, [0.5, 1.5, 2.5])
    assert maxima[0] == 5.0 and np.isnan(maxima[1]) and maxima[2] == 7.0  # 9.0 is outside


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([0, 1], [1.0], 2), "x has 2 values"),
        (([0, 1], [1.0, 2.0], 0), "positive integer"),
        (([0, 1], [1.0, 2.0], 2.5), "positive integer"),
        (([1, 1], [1.0, 2.0], 2), "lo < hi"),
    ],
)
def test_binned_max_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=rf"^binned_max\(\).*{message}"):
        binned_max(*args)


def test_median_time_ms_warms_up_then_times_each_repeat():
    calls = []
    result = median_time_ms(calls.append, 1, repeat=3)
    assert calls == [1, 1, 1, 1]
    assert 0 <= result < 1000
    with pytest.raises(TypeError, match=r"^median_time_ms\(\)"):
        median_time_ms(42)
    with pytest.raises(ValueError, match=r"^median_time_ms\(\)"):
        median_time_ms(print, repeat=0)


def test_runtime_report_shows_simd_features_without_the_host_name():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = runtime_report()
    assert "simd_extensions" in report and np.__version__ in report
    if platform.node():
        assert "node='(hidden)'" in report
        assert f"node='{platform.node()}'" not in report
