"""The tests' tools: run a student's function with the library's sigmoids refused, a time
limit and warnings as errors.

nbgrader copies this file into the release beside the notebook, and back from the source
before it autogrades, so what runs the tests is always this version. Each assignment keeps
its own copy (an nbgrader assignment is self-contained); the copies are identical.
"""

from __future__ import annotations

import importlib
import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# What a student must not call: the library's sigmoid and its relatives, and the project's
# network (its backpropagation would answer the backpropagation assignment).
REFUSED = {
    "helpers.activations": ("sigmoid", "sigmoid_derivative"),
    "helpers.network": ("forward", "backprop", "cost", "softmax", "layer_speeds", "train"),
    "scipy.special": ("expit", "log_expit"),
}
TIME_LIMIT = 5  # seconds per call: the right answers take milliseconds


def _refusal(name: str, calls: list[str]) -> Callable[..., Any]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        raise RuntimeError(
            f"{name} is not allowed in this assignment: write the computation yourself "
            "with numpy (np.exp, np.log1p, ...)"
        )

    return refuse


def _originals(calls: list[str]) -> dict[int, tuple[Any, Callable[..., Any]]]:
    """id(original function) -> (the original, its refusing stand-in)."""
    found = {}
    for module_name, names in REFUSED.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # not installed here: then no student can call it either
            continue
        for name in names:
            original = getattr(module, name, None)
            if original is not None:
                found[id(original)] = (original, _refusal(f"{module_name}.{name}", calls))
    return found


@contextmanager
def refusing_shortcuts(function: Callable[..., Any]) -> Iterator[None]:
    """While inside, every refused function raises, wherever a name for it is kept: in any
    loaded module (``helpers``, ``helpers.network``, ``scipy.special``, ...), in the globals
    of ``function`` (the notebook's, for a function defined there) and in its closure. A
    refused call fails the block even when the student's code caught its error."""
    calls: list[str] = []
    originals = _originals(calls)
    namespaces = [vars(module) for module in list(sys.modules.values()) if module is not None]
    namespaces.append(getattr(function, "__globals__", {}))
    replaced: list[tuple[Any, str, Any]] = []
    try:
        for namespace in namespaces:
            for key, value in list(namespace.items()):
                if id(value) in originals and originals[id(value)][0] is value:
                    replaced.append((namespace, key, value))
                    namespace[key] = originals[id(value)][1]
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            if id(value) in originals and originals[id(value)][0] is value:
                replaced.append((cell, "", value))
                cell.cell_contents = originals[id(value)][1]
        yield
    finally:
        for where, key, value in reversed(replaced):
            if key:
                where[key] = value
            else:
                where.cell_contents = value
    if calls:
        raise RuntimeError(f"{calls[0]} is not allowed in this assignment, even in a try block")


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the code inside if it runs longer than ``seconds``."""

    def stop(signum: int, frame: Any) -> None:
        raise TimeoutError(f"no answer within {seconds} s: does the function ever return?")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call(function: Callable[..., Any], *args: Any, seconds: float = TIME_LIMIT) -> Any:
    """``function(*args)`` with the library's sigmoids refused, a time limit, and any warning
    (overflow, division by zero, ...) raised as an error."""
    with refusing_shortcuts(function), time_limit(seconds), warnings.catch_warnings():
        warnings.simplefilter("error")
        return function(*args)
