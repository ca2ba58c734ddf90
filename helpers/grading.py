"""Run a student's function as a grader does: the library's sigmoids refused, a time limit,
and warnings as errors.

The tests of the nbgrader course (``course/source/*/*.ipynb``, ``docs/grading.md``) call the
student's functions through ``call``; the checkers of ``helpers/exercises.py`` refuse the
library in the same way, with ``refusing``. The course's tests import it from the installed
``helpers`` package, so a student who edits a copy of this file changes nothing that grades.
"""

from __future__ import annotations

import importlib
import importlib.util
import signal
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["call"]

# What the course's students must not call: the library's sigmoid and its relatives, and the
# project's network (its backpropagation would answer the backpropagation assignment).
REFUSED = (
    "helpers.activations.sigmoid",
    "helpers.activations.sigmoid_derivative",
    "helpers.network",
    "scipy.special.expit",
    "scipy.special.log_expit",
)
TIME_LIMIT = 5  # seconds per call: the right answers take milliseconds


class NotAllowedError(RuntimeError):
    """Raised by a refused library function while a student's function runs."""


def resolve(target: str) -> list[tuple[str, Any]]:
    """(``"module.name"``, object) of what a target names: a module's own public functions,
    or one function. A target whose package is not installed names nothing: nobody can call
    it."""
    try:
        module = importlib.import_module(target)
    except ImportError:
        module = None
    if module is not None:
        return [
            (f"{target}.{name}", value)
            for name, value in vars(module).items()
            if callable(value)
            and not name.startswith("_")
            and getattr(value, "__module__", None) == target
        ]
    module_name, _, name = target.rpartition(".")
    if not module_name or importlib.util.find_spec(module_name.partition(".")[0]) is None:
        return []
    module = importlib.import_module(module_name)
    return [(target, getattr(module, name))] if hasattr(module, name) else []


def _refusing(label: str, calls: list[str]) -> Callable[..., Any]:
    """A stand-in that records the call and raises, also when reached through a library."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        calls.append(label)
        raise NotAllowedError(
            f"{label} is not allowed in this assignment: write the computation yourself "
            "with numpy (np.exp, np.log1p, ...)"
        )

    return refuse


@contextmanager
def refusing(
    targets: Sequence[str], function: Callable[..., Any], calls: list[str]
) -> Iterator[None]:
    """While inside, every function the targets name (see ``resolve``) raises
    ``NotAllowedError``, wherever a name for it is kept: in any loaded module (``helpers``,
    ``helpers.network``, ``scipy.special``, ...), in the globals of ``function`` (the
    notebook's, for a function defined there) and in its closure. The label of each refused
    call is appended to ``calls``, so that a refusal counts even when the student's code
    caught its error. Everything is put back on leaving."""
    stubs: dict[int, tuple[Any, Callable[..., Any]]] = {}
    for target in targets:
        for label, original in resolve(target):
            stubs.setdefault(id(original), (original, _refusing(label, calls)))
    namespaces = [vars(module) for module in list(sys.modules.values()) if module is not None]
    namespaces.append(getattr(function, "__globals__", {}))
    replaced: list[tuple[Any, str, Any]] = []
    try:
        for namespace in namespaces:
            for key, value in list(namespace.items()):
                if id(value) in stubs and stubs[id(value)][0] is value:
                    replaced.append((namespace, key, value))
                    namespace[key] = stubs[id(value)][1]
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            if id(value) in stubs and stubs[id(value)][0] is value:
                replaced.append((cell, "", value))
                cell.cell_contents = stubs[id(value)][1]
        yield
    finally:
        for where, key, value in reversed(replaced):
            if key:
                where[key] = value
            else:
                where.cell_contents = value


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


def call(
    function: Callable[..., Any],
    *args: Any,
    seconds: float = TIME_LIMIT,
    refused: Sequence[str] = REFUSED,
) -> Any:
    """``function(*args)`` as a grading test runs it: the library refused, a time limit, and
    any warning (overflow, division by zero, ...) raised as an error.

    Parameters
    ----------
    function : callable
        The student's function.
    *args
        Its arguments.
    seconds : float, optional
        The time limit of the call, in seconds.
    refused : sequence of str, optional
        What the function must not call: ``"module.name"``, or a module for every function
        defined in it. By default the library's sigmoids and the project's network.

    Returns
    -------
    object
        What ``function(*args)`` returns.

    Raises
    ------
    NotAllowedError
        (a RuntimeError) If the function calls something refused; also when its own code
        caught that error.
    TimeoutError
        If the function does not return within ``seconds``.
    Warning
        Any warning the function gives, such as numpy's RuntimeWarning on overflow.

    Examples
    --------
    >>> import numpy as np
    >>> from helpers.grading import call
    >>> def textbook_sigmoid(z):
    ...     return 1 / (1 + np.exp(-z))
    >>> float(call(textbook_sigmoid, 0.0))
    0.5
    >>> call(textbook_sigmoid, -1000.0)
    Traceback (most recent call last):
    RuntimeWarning: overflow encountered in exp
    >>> from helpers import sigmoid
    >>> call(lambda z: sigmoid(z), 0.0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    helpers.grading.NotAllowedError: helpers.activations.sigmoid is not allowed in this ...
    """
    calls: list[str] = []
    with refusing(refused, function, calls), time_limit(seconds), warnings.catch_warnings():
        warnings.simplefilter("error")
        value = function(*args)
    if calls:
        raise NotAllowedError(f"{calls[0]} is not allowed in this assignment, even in a try block")
    return value
