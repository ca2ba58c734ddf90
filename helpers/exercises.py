"""Self-checked exercises: a student computes an answer, ``check_answer`` says right or wrong.

Introduced in ``notebooks/01_sigmoid.ipynb``. Each notebook's exercises are registered in
``EXERCISES`` under an id that starts with the notebook's number (``"01-..."``). A wrong
answer gets a hint, never the answer. After trying, a student can reveal the worked
solution with ``show_solution``; its ``solution_code`` is run by the tests and must pass
the checker.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

__all__ = ["EXERCISES", "Exercise", "check_answer", "grade", "show_solution"]


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


EXERCISES: dict[str, Exercise] = {
    "00-sigma-at-zero": Exercise(
        question="What is σ(0)?",
        expected=0.5,
        hint="Put z = 0 into 1 / (1 + e^(−z)): what is e^0?",
        remark="The sigmoid is exactly halfway between its limits 0 and 1 at z = 0.",
        solution="e^0 = 1, so σ(0) = 1 / (1 + 1) = 1/2.",
        solution_code="answer = 1 / (1 + np.exp(-0.0))",
    ),
}


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
    if exercise_id not in EXERCISES:
        known = ", ".join(sorted(EXERCISES))
        raise KeyError(f"show_solution(): no exercise {exercise_id!r}; known exercises: {known}")
    exercise = EXERCISES[exercise_id]
    code = "\n".join("    " + line for line in exercise.solution_code.splitlines())
    print(f"{exercise.question}\n\n{exercise.solution}\n\nIn code:\n{code}")
