"""course/source/*/grader.py, the tests' tools: refusing the library's sigmoids, a time
limit, warnings as errors, and everything put back afterwards."""

from __future__ import annotations

import importlib.util
import time

import numpy as np
import pytest
import scipy.special

import helpers
import helpers.activations
import helpers.network
from tools import ROOT

SOURCE = ROOT / "course" / "source"
spec = importlib.util.spec_from_file_location("grader", SOURCE / "sigmoid" / "grader.py")
grader = importlib.util.module_from_spec(spec)
spec.loader.exec_module(grader)


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
        grader.call(function, 0.5)
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
        grader.call(function, 0.0)
    assert function.__closure__[0].cell_contents is scipy.special.expit


def test_own_code_runs_and_gives_its_value() -> None:
    function, _ = notebook_function(
        "def f(z):\n    e = np.exp(-abs(z))\n    return 1 / (1 + e) if z >= 0 else e / (1 + e)", "f"
    )
    assert grader.call(function, 0.0) == 0.5


def test_code_that_never_returns_is_stopped() -> None:
    function, _ = notebook_function("def f(z):\n    while True:\n        z = z + 1", "f")
    began = time.monotonic()
    with pytest.raises(TimeoutError, match=r"no answer within 0\.2 s"):
        grader.call(function, 0.0, seconds=0.2)
    assert time.monotonic() - began < 2
    time.sleep(0.3)  # the alarm is off: nothing fires after the call


def test_a_warning_is_an_error() -> None:
    with pytest.raises(RuntimeWarning, match="overflow"):
        grader.call(np.exp, 1000.0)


def test_every_assignment_has_the_same_tools() -> None:
    copies = {path.read_bytes() for path in SOURCE.glob("*/grader.py")}
    assert len(list(SOURCE.glob("*/grader.py"))) >= 3 and len(copies) == 1
