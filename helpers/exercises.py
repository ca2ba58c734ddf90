"""Self-checked exercises: a student computes an answer, ``check_answer`` says right or wrong.

Introduced in ``notebooks/01_sigmoid.ipynb``. Every exercise lives in ``exercises.toml``
(question, hint, the remark after a right answer, a numeric exercise's expected value, and
the worked solution that ``show_solution`` prints) under an id that starts with the
notebook's number (``"01-..."``); the student release removes the worked solutions. A wrong
answer gets a hint, never the answer. A code-writing exercise (``check_function``) has its
checker here, in ``_CHECKS``: it runs the student's function on inputs the student does not
see. The tests run every ``solution_code`` through its checker.
"""

from __future__ import annotations

import math
import tomllib
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from scipy.special import log_expit

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
    """An exercise where the student writes a function and the checker runs it.

    ``check(function)`` calls the student's function on inputs the student does not see and
    returns ``None`` when every check passes, or one sentence saying what went wrong (never
    the expected value).
    """

    question: str
    function_name: str  # the name the student's function should have
    check: Callable[[Callable[..., Any]], str | None]
    hint: str
    remark: str = ""
    solution: str = ""
    solution_code: str = ""  # Python that defines `function_name` (tests run it)


# The checkers of the code-writing exercises, by id; their text is in exercises.toml.
_CHECKS: dict[str, Callable[[Callable[..., Any]], str | None]] = {}


def _compare_on(
    function: Callable,
    name: str,
    reference: Callable,
    points: list,
    rtol: float,
    atol: float = 1e-320,
):
    """None if ``function`` matches ``reference`` at every point, quietly; else what failed."""
    for z in points:
        shown = f"an array of shape {np.shape(z)}" if np.ndim(z) else repr(z)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                value = function(z)
            except Warning as warning:
                return f"{name}({shown}) warns: {warning}."
        if value is None:
            return f"{name}({shown}) returned None."
        value = np.asarray(value, dtype=float)
        if value.shape != np.shape(z):
            return f"{name}({shown}) has shape {value.shape}, not {np.shape(z)}."
        if not np.allclose(value, reference(np.asarray(z, dtype=float)), rtol=rtol, atol=atol):
            kind = "relative" if rtol else "absolute"
            return f"{name}({shown}) is not accurate to {rtol or atol:g} ({kind})."
    return None


def _sigmoid_points() -> list:
    rng = np.random.default_rng(1)
    return [0.0, 1.5, 40.0, -40.0, 800.0, -800.0, -720.0, rng.uniform(-50, 50, (2, 3)),
            np.array([[-1000.0, -745.0], [36.9, 1000.0]])]  # fmt: skip


def _sigmoid(z: np.ndarray) -> np.ndarray:
    from helpers.activations import sigmoid

    return sigmoid(z)


def _second_derivative_points() -> list:
    rng = np.random.default_rng(2)
    return [0.0, 1e-8, -1e-8, 1e-3, 1.0, -1.3, 5.0, 40.0, -40.0, 700.0, -800.0,
            rng.uniform(-60, 60, (2, 3))]  # fmt: skip


def _second_derivative(z: np.ndarray) -> np.ndarray:
    from helpers.activations import sigmoid_derivative

    return -sigmoid_derivative(z) * np.tanh(z / 2)  # 1 − 2σ(z) = −tanh(z/2)


_CHECKS["01-stable-sigmoid"] = lambda f: _compare_on(
    f, "stable_sigmoid", _sigmoid, _sigmoid_points(), 1e-12
)

_CHECKS["02-second-derivative"] = lambda f: _compare_on(
    f, "sigmoid_second_derivative", _second_derivative, _second_derivative_points(), 1e-10
)


def _chain_cost(w: np.ndarray, b: np.ndarray, x: float, y: float) -> float:
    from helpers.activations import sigmoid

    a = x
    for k in range(3):
        a = sigmoid(w[k] * a + b[k])
    return 0.5 * float(a - y) ** 2


def _check_chain(f: Callable) -> str | None:
    """Compare f's gradients with central differences on random three-neuron chains."""
    rng, h = np.random.default_rng(7), 1e-6
    for _ in range(6):
        w, b = rng.normal(0, 2, 3), rng.normal(0, 1, 3)
        x, y = float(rng.uniform(-1, 1)), float(rng.uniform(0, 1))
        result = f(w.copy(), b.copy(), x, y)
        if not (isinstance(result, tuple | list) and len(result) == 2):
            return "chain_gradients should return a pair (dC_dw, dC_db)."
        for name, got, params in (("dC_dw", result[0], w), ("dC_db", result[1], b)):
            got = np.asarray(got, dtype=float)
            if got.shape != (3,):
                return f"{name} should hold 3 numbers, got shape {got.shape}."
            for k in range(3):
                up, down = params.copy(), params.copy()
                up[k], down[k] = params[k] + h, params[k] - h
                pair = (up, b) if name == "dC_dw" else (w, up)
                low = (down, b) if name == "dC_dw" else (w, down)
                numeric = (_chain_cost(*pair, x, y) - _chain_cost(*low, x, y)) / (2 * h)
                if not math.isclose(got[k], numeric, rel_tol=1e-5, abs_tol=1e-9):
                    return f"{name}[{k}] (layer {k + 1}) differs from finite differences."
    return None


_CHECKS["03-chain-backprop"] = _check_chain


def _check_stable_rate(f: Callable) -> str | None:
    """Compare f with 2/λmax(xᵀx/n) on random inputs of several shapes and offsets."""
    rng = np.random.default_rng(4)
    for n, d, offset in ((200, 2, 0.5), (50, 2, 0.0), (30, 3, 1.0), (500, 5, -0.2)):
        x = rng.uniform(-0.5, 0.5, (n, d)) + offset
        value = f(x.copy())
        if value is None:
            return "largest_stable_rate returned None."
        if not math.isclose(float(value), 2 / np.linalg.eigvalsh(x.T @ x / n)[-1], rel_tol=1e-6):
            return f"largest_stable_rate is wrong for an input of shape ({n}, {d})."
    return None


_CHECKS["04-stable-rate"] = _check_stable_rate


def _log_sigmoid_points() -> list:
    rng = np.random.default_rng(6)
    return [0.0, 1e-8, -1.5, 40.0, 700.0, -40.0, -800.0, 800.0, rng.uniform(-60, 60, (2, 3)),
            np.array([[-1000.0, -745.0], [36.9, 1000.0]])]  # fmt: skip


def _log_sigmoid(z: np.ndarray) -> np.ndarray:
    return -np.logaddexp(0.0, -z)  # numpy's logaddexp never forms e^|z|


_CHECKS["06-log-sigmoid"] = lambda f: _compare_on(
    f, "log_sigmoid", _log_sigmoid, _log_sigmoid_points(), 1e-12
)


def _sigmoid_from_tanh_points() -> list:
    points = [0.0, 2.5, -2.5, 1e-9, 30.0, -30.0, 800.0, -800.0]
    return [*points, np.random.default_rng(5).uniform(-40, 40, (2, 3))]


# within 1e-15 absolute: (1 + tanh(z/2))/2 cannot keep the relative accuracy of the left tail
_CHECKS["05-sigmoid-from-tanh"] = lambda f: _compare_on(
    f, "sigmoid_from_tanh", _sigmoid, _sigmoid_from_tanh_points(), rtol=0.0, atol=1e-15
)


def _check_weighted_bce(f: Callable) -> str | None:
    """Compare f with the pos-weighted cross-entropy on hidden logits, labels and weights."""
    rng = np.random.default_rng(8)
    cases = [(800.0, 0.0, 1.0), (-800.0, 1.0, 3.0), (40.0, 1.0, 2.0), (-40.0, 0.0, 0.5),
             (0.0, 1.0, 4.0), (rng.uniform(-60, 60, (2, 3)), rng.integers(0, 2, (2, 3)) * 1.0, 2.5),
             (rng.uniform(-5, 5, 7), rng.uniform(0, 1, 7), 1.0)]  # fmt: skip
    for z, y, weight in cases:
        shown = f"z = an array of shape {np.shape(z)}" if np.ndim(z) else f"z = {z}, y = {y}"
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                value = f(z, y, weight)
            except Warning as warning:
                return f"weighted_bce_with_logits warns at {shown}: {warning}."
        if value is None or np.shape(value) != np.shape(z):
            return f"weighted_bce_with_logits at {shown} does not return the shape {np.shape(z)}."
        # the library's log σ, not the solution's softplus form
        expected = -(weight * y * log_expit(z) + (1 - y) * log_expit(-z))
        if not np.allclose(np.asarray(value, dtype=float), expected, rtol=1e-12, atol=1e-15):
            return f"weighted_bce_with_logits is not accurate to 1e-12 at {shown}, w₊ = {weight}."
    return None


_CHECKS["07-weighted-bce"] = _check_weighted_bce


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
        problem = exercise.check(function)
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
    """Build the three registries from exercises.toml and ``_CHECKS``."""
    exercises, code, open_questions = {}, {}, {}
    for exercise_id, entry in _load("exercises.toml").items():
        worked = {k: v for k, v in entry.items() if k in ("solution", "solution_code")}
        fields = {k: v for k, v in entry.items() if k not in worked and k != "kind"}
        if entry["kind"] == "open":
            open_questions[exercise_id] = OpenQuestion(
                fields["question"], worked.get("solution", "")
            )
            continue
        fields |= {
            "solution": worked.get("solution", ""),
            "solution_code": worked.get("solution_code", ""),
        }
        if entry["kind"] == "code":
            code[exercise_id] = CodeExercise(check=_CHECKS[exercise_id], **fields)
        else:
            expected = fields.pop("expected")
            expected = tuple(expected) if isinstance(expected, list) else expected
            exercises[exercise_id] = Exercise(expected=expected, **fields)
    if set(_CHECKS) != set(code):
        raise RuntimeError(f"helpers.exercises: checkers without text: {set(_CHECKS) - set(code)}")
    return exercises, code, open_questions


EXERCISES, CODE_EXERCISES, OPEN_QUESTIONS = _registries()


def show_solution(exercise_id: str) -> None:
    """Print the worked solution of an exercise: try it first!

    Examples
    --------
    >>> from helpers.exercises import show_solution
    >>> show_solution("00-sigma-at-zero")
    What is σ(0)?
    <BLANKLINE>
    e^0 = 1, so σ(0) = 1 / (1 + 1) = 1/2.
    <BLANKLINE>
    In code:
        answer = 1 / (1 + np.exp(-0.0))
    """
    if exercise_id in OPEN_QUESTIONS:
        question, solution = OPEN_QUESTIONS[exercise_id]
        print(f"{question}\n\n{solution}")
        return
    if exercise_id in CODE_EXERCISES:
        exercise = CODE_EXERCISES[exercise_id]
        code = "\n".join("    " + line for line in exercise.solution_code.splitlines())
        print(f"{exercise.question}\n\n{exercise.solution}\n\nIn code:\n{code}")
        return
    if exercise_id not in EXERCISES:
        known = ", ".join(sorted([*EXERCISES, *CODE_EXERCISES, *OPEN_QUESTIONS]))
        raise KeyError(f"show_solution(): no exercise {exercise_id!r}; known exercises: {known}")
    exercise = EXERCISES[exercise_id]
    code = "\n".join("    " + line for line in exercise.solution_code.splitlines())
    print(f"{exercise.question}\n\n{exercise.solution}\n\nIn code:\n{code}")
