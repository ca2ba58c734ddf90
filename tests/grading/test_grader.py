"""helpers/grading.py, the tools of the course's tests: refusing the library's sigmoids, a
time limit, warnings as errors, and everything put back afterwards."""

from __future__ import annotations

import time

import numpy as np
import pytest
import scipy.special

import helpers
import helpers.activations
import helpers.network
from helpers import grading


def notebook_function(code: str, name: str):
    """A function defined as in a notebook: its globals are the notebook's namespace."""
    namespace = {"np": np}
    exec(code, namespace)
    return namespace[name], namespace


@pytest.mark.parametrize(
    ("code", "refused"),
    [
        ("import helpers\ndef f(z): return helpers.sigmoid(z)", "helpers.activations.sigmoid"),
        (
            "from helpers import sigmoid_derivative as d\ndef f(z): return d(z)",
            "sigmoid_derivative",
        ),
        ("from scipy.special import expit\ndef f(z): return expit(z)", "scipy.special.expit"),
        ("import scipy.special as s\ndef f(z): return -s.log_expit(-z)", "scipy.special.log_expit"),
        (
            "def f(z):\n    from helpers.activations import sigmoid\n    return sigmoid(z)",
            "sigmoid",
        ),
        ("import helpers.network as n\ndef f(z): return n.softmax(np.atleast_2d(z))", "softmax"),
    ],
)
def test_the_library_is_refused_then_put_back(code: str, refused: str) -> None:
    function, namespace = notebook_function(code, "f")
    before = dict(namespace)
    assert np.all(np.isfinite(function(0.5)))  # the shortcut works outside the tests
    with pytest.raises(RuntimeError, match=rf"{refused}.* is not allowed in this assignment"):
        grading.call(function, 0.5)
    assert namespace == before
    assert helpers.sigmoid is helpers.activations.sigmoid
    assert helpers.network.sigmoid is helpers.activations.sigmoid
    assert scipy.special.expit(0.0) == 0.5
    assert np.all(np.isfinite(function(0.5)))


def test_a_refusal_counts_even_when_caught_and_in_a_closure() -> None:
    code = """
from scipy.special import expit


def make():
    s = expit

    def f(z):
        try:
            return s(z)
        except RuntimeError:
            return 0.5
    return f
"""
    _, namespace = notebook_function(code, "make")
    function = namespace["make"]()
    with pytest.raises(RuntimeError, match=r"scipy\.special\.expit is not allowed.*try block"):
        grading.call(function, 0.0)
    assert function.__closure__[0].cell_contents is scipy.special.expit


def test_own_code_runs_and_gives_its_value() -> None:
    function, _ = notebook_function(
        "def f(z):\n    e = np.exp(-abs(z))\n    return 1 / (1 + e) if z >= 0 else e / (1 + e)", "f"
    )
    assert grading.call(function, 0.0) == 0.5


def test_code_that_never_returns_is_stopped() -> None:
    function, _ = notebook_function("def f(z):\n    while True:\n        z = z + 1", "f")
    began = time.monotonic()
    with pytest.raises(TimeoutError, match=r"no answer within 0\.2 s"):
        grading.call(function, 0.0, seconds=0.2)
    assert time.monotonic() - began < 2
    time.sleep(0.3)  # the alarm is off: nothing fires after the call


def test_a_warning_is_an_error() -> None:
    with pytest.raises(RuntimeWarning, match="overflow"):
        grading.call(np.exp, 1000.0)


def test_what_is_refused_can_be_chosen_and_a_missing_package_names_nothing() -> None:
    function, _ = notebook_function("import helpers\ndef f(z): return helpers.tanh(z)", "f")
    assert grading.call(function, 0.0) == 0.0  # tanh is not refused by default
    with pytest.raises(RuntimeError, match=r"helpers\.activations\.tanh is not allowed"):
        grading.call(function, 0.0, refused=["helpers.activations.tanh"])
    assert grading.resolve("no_such_package.expit") == []
    assert ("helpers.network.backprop", helpers.network.backprop) in grading.resolve(
        "helpers.network"
    )
