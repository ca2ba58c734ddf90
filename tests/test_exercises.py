"""The exercise checker: right answers pass, wrong ones get a hint without the answer."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers.exercises import (
    EXERCISES,
    OPEN_QUESTIONS,
    Exercise,
    check_answer,
    grade,
    show_solution,
)


def _expected_values(exercise: Exercise) -> tuple[float, ...]:
    e = exercise.expected
    return e if isinstance(e, tuple) else (e,)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_registered_exercise_accepts_its_answer_and_rejects_wrong_ones(exercise_id):
    exercise = EXERCISES[exercise_id]
    values = _expected_values(exercise)
    answer = values if isinstance(exercise.expected, tuple) else values[0]
    assert grade(exercise_id, answer)[0]
    for wrong in (tuple(v * 1.01 + 0.01 for v in values), tuple(-v - 1 for v in values)):
        correct, message = grade(exercise_id, wrong if len(wrong) > 1 else wrong[0])
        assert not correct
        assert message.startswith("Not yet") and exercise.hint in message
        for value in values:  # the hint never gives the answer away (small integers aside)
            if not float(value).is_integer():
                assert f"{value:.4g}" not in message
    assert exercise_id[:2].isdigit() and exercise_id[2] == "-"


def test_tolerance_and_numpy_answers():
    assert grade("00-sigma-at-zero", np.float32(0.5))[0]
    assert grade("00-sigma-at-zero", 0.5 + 1e-12)[0]
    assert not grade("00-sigma-at-zero", 0.5001)[0]
    assert grade("00-sigma-at-zero", np.array([0.5]))[0]


def test_wrong_number_of_values():
    correct, message = grade("00-sigma-at-zero", [0.5, 0.5])
    assert not correct and "1 number(s), you gave 2" in message


def test_any_order(monkeypatch):
    monkeypatch.setitem(
        EXERCISES, "99-pair", Exercise("Where?", (-1.0, 1.0), "Symmetry.", any_order=True)
    )
    assert grade("99-pair", [1.0, -1.0])[0]
    monkeypatch.setitem(EXERCISES, "99-pair", EXERCISES["99-pair"]._replace(any_order=False))
    assert not grade("99-pair", [1.0, -1.0])[0]


def test_check_answer_prints_the_verdict(capsys):
    check_answer("00-sigma-at-zero", 0.25)
    assert capsys.readouterr().out.startswith("Not yet. Hint:")


@pytest.mark.parametrize("bad", ["0.5", None, True, 1 + 0j, np.complex128(1), [0.5, "x"]])
def test_bad_answers_raise_type_error(bad):
    with pytest.raises(TypeError, match=r"check_answer\('00-sigma-at-zero'"):
        grade("00-sigma-at-zero", bad)


def test_unknown_exercise_lists_the_known_ones():
    with pytest.raises(KeyError, match="00-sigma-at-zero"):
        grade("01-nope", 1.0)


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_exercise_has_a_worked_solution_that_passes_its_checker(exercise_id):
    exercise = EXERCISES[exercise_id]
    assert exercise.solution.strip(), (
        f"{exercise_id}: fill in Exercise.solution (the worked solution, in words)"
    )
    assert exercise.solution_code.strip(), (
        f"{exercise_id}: fill in Exercise.solution_code (Python that sets `answer`; it may use "
        "np, math and anything `helpers` exports)"
    )
    namespace = {"np": np, "math": math, **{n: getattr(helpers, n) for n in helpers.__all__}}
    exec(exercise.solution_code, namespace)
    assert grade(exercise_id, namespace["answer"])[0]


def test_show_solution_prints_the_worked_solution(capsys):
    show_solution("00-sigma-at-zero")
    out = capsys.readouterr().out
    assert out.startswith("What is σ(0)?") and "1/2" in out and "answer =" in out
    with pytest.raises(KeyError, match="show_solution"):
        show_solution("00-missing")


NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def _notebook_sources() -> dict[str, str]:
    return {
        path.name: "\n".join(
            "".join(cell["source"])
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        )
        for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    }


def test_every_open_question_has_a_worked_answer():
    for exercise_id, (question, solution) in OPEN_QUESTIONS.items():
        assert exercise_id[:2].isdigit() and "-open-" in exercise_id
        assert question.strip() and len(solution) > 100, exercise_id


def test_notebooks_use_only_registered_exercises_and_every_exercise_is_used():
    sources = _notebook_sources()
    used = set()
    for name, text in sources.items():
        for exercise_id in re.findall(r'(?:check_answer|show_solution)\(\s*"([^"]+)"', text):
            assert exercise_id in EXERCISES or exercise_id in OPEN_QUESTIONS, (name, exercise_id)
            assert exercise_id[:2] == name[:2], f"{name} uses another notebook's {exercise_id}"
            used.add(exercise_id)
    unused = set(EXERCISES) | set(OPEN_QUESTIONS)
    unused -= used | {"00-sigma-at-zero"}  # the warm-up of the teacher's guide
    assert unused == set(), f"registered but in no notebook: {sorted(unused)}"


def test_every_open_exercise_in_a_notebook_points_to_its_worked_answer():
    open_exercise = re.compile(r"\*\*\d+\.\*\* \*\(no checker\)\*[^\n]*(?:\n(?!\n)[^\n]*)*")
    for name, text in _notebook_sources().items():
        for paragraph in open_exercise.findall(text):
            assert re.search(r'show_solution\("\d\d-open-[\w-]+"\)', paragraph), (
                f"{name}: an open exercise without show_solution: {paragraph[:80]}"
            )


def test_show_solution_of_an_open_question(capsys):
    show_solution("06-open-tanh-derivative-ulp")
    out = capsys.readouterr().out
    assert out.startswith("Measure the error") and "18.99" in out


@pytest.mark.parametrize("exercise_id", sorted(helpers.exercises.CODE_EXERCISES))
def test_every_code_exercise_passes_its_solution_and_fails_wrong_functions(exercise_id):
    from helpers.exercises import CODE_EXERCISES, grade_function

    exercise = CODE_EXERCISES[exercise_id]
    namespace: dict = {}
    exec("import numpy as np\nimport math\n" + exercise.solution_code, namespace)
    function = namespace[exercise.function_name]
    passed, message = grade_function(exercise_id, function)
    assert passed, message

    def returns_nothing(*args, **kwargs):
        return None

    def raises(*args, **kwargs):
        raise ValueError("not written yet")

    for wrong in (returns_nothing, raises):
        passed, message = grade_function(exercise_id, wrong)
        assert not passed and message.startswith("Not yet:") and exercise.hint in message
    assert exercise_id[:2].isdigit() and exercise_id[2] == "-"


def test_check_function_reports_bad_use():
    from helpers.exercises import CODE_EXERCISES, CodeExercise, grade_function

    with pytest.raises(KeyError, match="check_function"):
        grade_function("99-nope", print)
    exercise = CodeExercise(
        "Write f.", "f", lambda f: None if f(2) == 4 else "f(2) is wrong.", "Square."
    )
    CODE_EXERCISES["99-square"] = exercise
    try:
        with pytest.raises(TypeError, match="expects a function"):
            grade_function("99-square", 4)
        assert grade_function("99-square", lambda x: x * x)[0]
        passed, message = grade_function("99-square", lambda x: x + 1)
        assert not passed and "f(2) is wrong." in message
        passed, message = grade_function("99-square", lambda x: 1 / 0)
        assert not passed and "ZeroDivisionError" in message
    finally:
        del CODE_EXERCISES["99-square"]
