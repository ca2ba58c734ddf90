"""Self-checked exercises: a student computes an answer, ``check_answer`` says right or wrong.

Introduced in ``notebooks/01_sigmoid.ipynb``. Every exercise lives in ``exercises.toml``
(question, hint, the remark after a right answer, a numeric exercise's expected value, and
the worked solution that ``show_solution`` prints) under an id that starts with the
notebook's number (``"01-..."``). A wrong answer gets a hint, never the answer.

A code-writing exercise (``check_function``) is declared in ``exercises.toml`` too: the name of
the student's function, a seeded recipe for the inputs it is run on (``inputs``), the accuracy
asked for (``rtol``, ``atol``) and the library functions it must not call (``forbid``). Its
checker holds no reference implementation: it compares the student's outputs with stored
ones, in ``exercises.npz``, that ``python tools/exercise_outputs.py`` computes from each
entry's worked ``solution_code`` (a test fails when that file is stale). So adding an
exercise touches two places: the notebook and ``exercises.toml``. The student release keeps
this module as it is and removes the worked solutions from ``exercises.toml``.
"""

from __future__ import annotations

import inspect
import itertools
import math
import tomllib
import warnings
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from helpers.grading import NotAllowedError, refusing, resolve

__all__ = ["check_answer", "check_function", "show_solution"]


class Exercise(NamedTuple):
    """One exercise: the expected value(s), how close is close enough, and a hint."""

    question: str
    expected: float | tuple[float, ...]
    hint: str
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    any_order: bool = False  # for a tuple answer: accept the values in any order
    remark: str = ""  # said after "Right!": what the answer means, or where it leads
    solution: str = ""  # the worked solution, in words, shown by show_solution
    solution_code: str = ""  # Python that computes the answer into `answer` (tests run it)


def _as_floats(answer: Any, exercise_id: str) -> tuple[float, ...]:
    values = answer if isinstance(answer, (Sequence, np.ndarray)) else (answer,)
    if isinstance(answer, (str, bytes)):
        values = (answer,)
    floats = []
    for value in values:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
            raise TypeError(
                f"check_answer({exercise_id!r}, ...) expects a number or a list of numbers, "
                f"got {type(value).__name__}"
            )
        if isinstance(value, np.complexfloating):
            raise TypeError(f"check_answer({exercise_id!r}, ...) expects real numbers, got complex")
        floats.append(float(value))
    return tuple(floats)


def grade(exercise_id: str, answer: Any) -> tuple[bool, str]:
    """Grade an answer: return (correct, message). ``check_answer`` prints the message.

    Parameters
    ----------
    exercise_id : str
        A key of ``EXERCISES``, e.g. ``"00-sigma-at-zero"``.
    answer : number or sequence of numbers
        The student's answer.

    Raises
    ------
    KeyError
        For an unknown exercise id (the message lists the known ones).
    TypeError
        If the answer is not made of real numbers.

    Examples
    --------
    >>> from helpers.exercises import grade
    >>> grade("00-sigma-at-zero", 0.5)
    (True, 'Right! The sigmoid is exactly halfway between its limits 0 and 1 at z = 0.')
    >>> grade("00-sigma-at-zero", 1.0)[0]
    False
    """
    if exercise_id not in EXERCISES:
        known = ", ".join(sorted(EXERCISES))
        raise KeyError(f"check_answer(): no exercise {exercise_id!r}; known exercises: {known}")
    exercise = EXERCISES[exercise_id]
    expected = exercise.expected if isinstance(exercise.expected, tuple) else (exercise.expected,)
    given = _as_floats(answer, exercise_id)
    if len(given) != len(expected):
        return False, (
            f"Not yet: this answer has {len(expected)} number(s), you gave {len(given)}. "
            f"Hint: {exercise.hint}"
        )
    if exercise.any_order:
        given, expected = tuple(sorted(given)), tuple(sorted(expected))
    correct = all(
        math.isclose(g, e, rel_tol=exercise.rel_tol, abs_tol=exercise.abs_tol)
        for g, e in zip(given, expected, strict=True)
    )
    if correct:
        return True, f"Right! {exercise.remark}".rstrip()
    return False, f"Not yet. Hint: {exercise.hint}"


def check_answer(exercise_id: str, answer: Any) -> None:
    """Print whether ``answer`` is right for the exercise, with a hint when it is not.

    Examples
    --------
    >>> from helpers import check_answer
    >>> check_answer("00-sigma-at-zero", 1 / (1 + 1))
    Right! The sigmoid is exactly halfway between its limits 0 and 1 at z = 0.
    >>> check_answer("00-sigma-at-zero", 0)
    Not yet. Hint: Put z = 0 into 1 / (1 + e^(−z)): what is e^0?
    """
    print(grade(exercise_id, answer)[1])


class CodeExercise(NamedTuple):
    """An exercise where the student writes a function and ``check_function`` runs it.

    The checker calls the function on the stored inputs, with warnings turned into errors and
    the ``forbid`` list made to raise, and compares each result with the stored output:
    ``|result - expected| <= atol + rtol * |expected|`` elementwise, with the same shape.
    """

    question: str
    function_name: str  # the name the student's function should have
    hint: str
    remark: str = ""
    rtol: float = 1e-12
    atol: float = 0.0
    forbid: tuple[str, ...] = ()  # "module.name", or a module: every function defined in it
    outputs: tuple[str, ...] = ()  # names of the returned values, when it returns several
    inputs: str = ""  # Python that sets `cases`, a list of argument tuples (np, math given)
    solution: str = ""
    solution_code: str = ""  # Python that defines `function_name` (tests run it)


OUTPUTS_FILE = Path(__file__).with_name("exercises.npz")


@cache
def _stored() -> dict[str, np.ndarray]:
    if not OUTPUTS_FILE.is_file():
        return {}
    with np.load(OUTPUTS_FILE, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def stored_cases(exercise_id: str) -> list[tuple[tuple[Any, ...], Any]]:
    """The stored (arguments, expected output) pairs of a code exercise.

    A 0-d argument is given back as a Python number; an expected output made of several
    values is a tuple of arrays.
    """
    stored = _stored()
    cases = []
    for k in itertools.count():
        prefix = f"{exercise_id}/{k}/"
        if prefix + "arg0" not in stored:
            break
        args = []
        for j in itertools.count():
            if (key := f"{prefix}arg{j}") not in stored:
                break
            args.append(stored[key].item() if stored[key].ndim == 0 else stored[key])
        if prefix + "out" in stored:
            expected = stored[prefix + "out"]
        else:
            count = sum(1 for key in stored if key.startswith(prefix + "out"))
            expected = tuple(stored[f"{prefix}out{j}"] for j in range(count))
        cases.append((tuple(args), expected))
    if not cases:
        raise RuntimeError(
            f"check_function({exercise_id!r}, ...): no stored outputs in {OUTPUTS_FILE.name}; "
            "run `python tools/exercise_outputs.py`"
        )
    return cases


def _label(name: str) -> str:
    """A refused function's name as the notebooks call it: helpers.sigmoid, not
    helpers.activations.sigmoid."""
    return name.replace("helpers.activations.", "helpers.")


def _describe(args: tuple[Any, ...]) -> str:
    """The arguments as the student may see them: numbers, and arrays by their shape only."""
    return ", ".join(f"an array of shape {np.shape(a)}" if np.ndim(a) else repr(a) for a in args)


def _compare(exercise: CodeExercise, call: str, value: Any, expected: Any) -> str | None:
    """None if ``value`` matches ``expected`` (shape and accuracy); else what is wrong."""
    if isinstance(expected, tuple):
        names = exercise.outputs or tuple(f"value {k + 1}" for k in range(len(expected)))
        if not isinstance(value, tuple | list) or len(value) != len(expected):
            return f"{call} should return {len(expected)} values ({', '.join(names)})."
        for name, got, want in zip(names, value, expected, strict=True):
            if problem := _compare(exercise, f"{name} of {call}", got, want):
                return problem
        return None
    if value is None:
        return f"{call} is None."
    if isinstance(value, str | bytes):
        return f"{call} is a {type(value).__name__}, not a number or an array of numbers."
    if np.iscomplexobj(value):
        return f"{call} is complex, not real."
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return f"{call} is a {type(value).__name__}, not a number or an array of numbers."
    if value.shape != expected.shape:
        return f"{call} has shape {value.shape}, not {expected.shape}."
    with np.errstate(all="ignore"):  # inf - inf in a wrong answer: nan, and not close
        close = np.abs(value - expected) <= exercise.atol + exercise.rtol * np.abs(expected)
    if not np.all(close):
        if exercise.rtol:
            return f"{call} is not accurate to {exercise.rtol:g} (relative)."
        return f"{call} is not accurate to {exercise.atol:g} (absolute)."
    return None


def _check(exercise_id: str, function: Callable) -> str | None:
    """Run ``function`` on every stored input: None if all is right, else what went wrong."""
    exercise = CODE_EXERCISES[exercise_id]
    name = exercise.function_name
    originals = {id(o): _label(label) for target in exercise.forbid for label, o in resolve(target)}
    unwrapped = inspect.unwrap(getattr(function, "func", function))  # functools.partial, wraps
    if (label := originals.get(id(unwrapped))) is not None:
        return f"this is {label} itself, not your {name}: write {name} with numpy operations."
    for args, expected in stored_cases(exercise_id):
        call = f"{name}({_describe(args)})"
        calls: list[str] = []
        copies = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
        with warnings.catch_warnings(), refusing(exercise.forbid, function, calls):
            warnings.simplefilter("error")
            try:
                value = function(*copies)
            except Warning as warning:
                return f"{call} warns: {warning}."
            except NotAllowedError:
                pass
        if calls:
            return (
                f"{name} calls {_label(calls[0])}, a library's implementation of what this "
                "exercise asks for: write it with numpy operations."
            )
        if value is None:
            return f"{call} returned None."
        if problem := _compare(exercise, call, value, expected):
            return problem
    return None


def grade_function(exercise_id: str, function: Any) -> tuple[bool, str]:
    """Run the checker of a code-writing exercise on ``function``: return (passed, message).

    An exception raised by the student's function is reported as a failed check, with its
    type and message, so the student sees what broke.
    """
    if exercise_id not in CODE_EXERCISES:
        known = ", ".join(sorted(CODE_EXERCISES))
        raise KeyError(f"check_function(): no exercise {exercise_id!r}; known exercises: {known}")
    exercise = CODE_EXERCISES[exercise_id]
    if not callable(function):
        raise TypeError(
            f"check_function({exercise_id!r}, ...) expects a function, "
            f"got {type(function).__name__}"
        )
    try:
        problem = _check(exercise_id, function)
    except Exception as exc:  # the student's code failed: say how, do not crash the checker
        problem = f"calling {exercise.function_name} raised {type(exc).__name__}: {exc}"
    if problem is None:
        return True, f"Right! {exercise.remark}".rstrip()
    return False, f"Not yet: {problem} Hint: {exercise.hint}"


def check_function(exercise_id: str, function: Any) -> None:
    """Print whether the student's ``function`` passes the exercise's checks, with a hint."""
    print(grade_function(exercise_id, function)[1])


class OpenQuestion(NamedTuple):
    """An exercise to explore and discuss, with no checker: only a worked answer."""

    question: str
    solution: str


def _load(name: str) -> dict[str, dict[str, Any]]:
    path = Path(__file__).with_name(name)
    with path.open("rb") as file:
        return tomllib.load(file)


def _registries() -> tuple[dict[str, Exercise], dict[str, CodeExercise], dict[str, OpenQuestion]]:
    """Build the three registries from exercises.toml."""
    exercises, code, open_questions = {}, {}, {}
    for exercise_id, entry in _load("exercises.toml").items():
        fields = {k: v for k, v in entry.items() if k != "kind"}
        if entry["kind"] == "open":
            open_questions[exercise_id] = OpenQuestion(
                fields["question"], fields.get("solution", "")
            )
        elif entry["kind"] == "code":
            for key in ("forbid", "outputs"):
                fields[key] = tuple(fields.get(key, ()))
            code[exercise_id] = CodeExercise(**fields)
        else:
            expected = fields.pop("expected")
            expected = tuple(expected) if isinstance(expected, list) else expected
            exercises[exercise_id] = Exercise(expected=expected, **fields)
    return exercises, code, open_questions


EXERCISES, CODE_EXERCISES, OPEN_QUESTIONS = _registries()

NO_SOLUTIONS = (
    "This copy of the notebooks has no worked solutions. Compare your answer with a "
    "classmate's, or ask your teacher."
)


def show_solution(exercise_id: str) -> None:
    """Print the worked solution of an exercise: try it first!

    In the student release, which has no worked solutions, it prints the question and says so.

    Examples
    --------
    >>> from helpers.exercises import show_solution
    >>> show_solution("00-sigma-at-zero")  # doctest: +ELLIPSIS
    What is σ(0)?
    ...
    """
    exercise = {**EXERCISES, **CODE_EXERCISES, **OPEN_QUESTIONS}.get(exercise_id)
    if exercise is None:
        known = ", ".join(sorted([*EXERCISES, *CODE_EXERCISES, *OPEN_QUESTIONS]))
        raise KeyError(f"show_solution(): no exercise {exercise_id!r}; known exercises: {known}")
    code = getattr(exercise, "solution_code", "").strip("\n")
    parts = [exercise.question, exercise.solution or NO_SOLUTIONS]
    if code:
        parts.append("In code:\n" + "\n".join("    " + line for line in code.splitlines()))
    print("\n\n".join(parts))
