"""The exercise checker: right answers pass, wrong ones get a hint without the answer."""

from __future__ import annotations

import json
import math
import re
import tomllib

import numpy as np
import pytest

import helpers
from helpers.exercises import (
    CODE_EXERCISES,
    EXERCISES,
    NO_SOLUTIONS,
    OPEN_QUESTIONS,
    Exercise,
    check_answer,
    grade,
    grade_function,
    show_solution,
    stored_cases,
)
from tools import ROOT, notebooks


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
    show_solution("01-stable-sigmoid")
    out = capsys.readouterr().out
    assert out.startswith("Write stable_sigmoid") and "def stable_sigmoid" in out
    with pytest.raises(KeyError, match="show_solution"):
        show_solution("00-missing")


def test_show_solution_without_worked_solutions_says_so(monkeypatch, capsys):
    """As in the student release, whose exercises.toml has no solution fields."""
    for registry in (EXERCISES, CODE_EXERCISES, OPEN_QUESTIONS):
        for exercise_id, exercise in registry.items():
            blank = {k: "" for k in ("solution", "solution_code") if k in exercise._fields}
            monkeypatch.setitem(registry, exercise_id, exercise._replace(**blank))
    for exercise_id in ("00-sigma-at-zero", "01-stable-sigmoid", "01-open-odds"):
        show_solution(exercise_id)
        out = capsys.readouterr().out
        assert NO_SOLUTIONS in out and "In code" not in out
        every = {**EXERCISES, **CODE_EXERCISES, **OPEN_QUESTIONS}
        assert out.startswith(every[exercise_id].question)


def _notebook_sources() -> dict[str, str]:
    return {
        path.name: "\n".join(
            "".join(cell["source"])
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        )
        for path in notebooks()
    }


def test_every_open_question_has_a_worked_answer():
    for exercise_id, (question, solution) in OPEN_QUESTIONS.items():
        assert exercise_id[:2].isdigit() and "-open-" in exercise_id
        assert question.strip() and len(solution) > 100, exercise_id


def test_notebooks_use_only_registered_exercises_and_every_exercise_is_used():
    sources = _notebook_sources()
    used = set()
    for name, text in sources.items():
        pattern = r'(?:check_answer|check_function|show_solution)\(\s*"([^"]+)"'
        for exercise_id in re.findall(pattern, text):
            assert exercise_id in {**EXERCISES, **CODE_EXERCISES, **OPEN_QUESTIONS}, (
                name,
                exercise_id,
            )
            assert exercise_id[:2] == name[:2], f"{name} uses another notebook's {exercise_id}"
            used.add(exercise_id)
        for exercise_id, function in re.findall(r'check_function\(\s*"([^"]+)",\s*(\w+)', text):
            expected = CODE_EXERCISES[exercise_id].function_name
            assert function == expected, f"{name}: {exercise_id} checks {function}, not {expected}"
    unused = set(EXERCISES) | set(CODE_EXERCISES) | set(OPEN_QUESTIONS)
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


# ---- code exercises: stored outputs on hidden inputs, one generic checker -----------------


def _solution(exercise_id: str):
    exercise = CODE_EXERCISES[exercise_id]
    namespace: dict = {}
    exec("import numpy as np\nimport math\n" + exercise.solution_code, namespace)
    return namespace[exercise.function_name]


def _refused(exercise_id: str, function, *words: str) -> str:
    passed, message = grade_function(exercise_id, function)
    assert not passed and message.startswith("Not yet:"), message
    assert CODE_EXERCISES[exercise_id].hint in message
    for word in words:
        assert word in message, (word, message)
    return message


@pytest.mark.parametrize("exercise_id", sorted(CODE_EXERCISES))
def test_every_code_exercise_passes_its_solution_and_fails_wrong_functions(exercise_id):
    exercise = CODE_EXERCISES[exercise_id]
    passed, message = grade_function(exercise_id, _solution(exercise_id))
    assert passed, message
    assert message == f"Right! {exercise.remark}".rstrip()

    def returns_nothing(*args, **kwargs):
        return None

    def raises(*args, **kwargs):
        raise ValueError("not written yet")

    _refused(exercise_id, returns_nothing, "returned None")
    _refused(exercise_id, raises, "raised ValueError: not written yet")
    assert exercise_id[:2].isdigit() and exercise_id[2] == "-"
    assert exercise.inputs.strip() and exercise.solution.strip() and exercise.question.strip()


@pytest.mark.parametrize("exercise_id", sorted(CODE_EXERCISES))
def test_messages_never_give_the_expected_output(exercise_id):
    solution = _solution(exercise_id)

    def off_by_a_bit(*args):
        value = solution(*args)
        if isinstance(value, tuple):
            return tuple(np.asarray(v) * 1.001 + 1e-3 for v in value)
        return np.asarray(value) * 1.001 + 1e-3

    message = _refused(exercise_id, off_by_a_bit, "not accurate")
    cases = stored_cases(exercise_id)
    inputs = " ".join(repr(a) for args, _ in cases for a in args if not np.ndim(a))  # shown
    for _, expected in cases:
        for array in expected if isinstance(expected, tuple) else (expected,):
            for value in np.ravel(array)[:20]:
                if len(shown := f"{value:.4g}".lstrip("-")) >= 4 and shown not in inputs:
                    assert shown not in message


def test_the_stored_outputs_are_those_of_the_worked_solutions():
    """Fails when exercises.toml changed and `python tools/exercise_outputs.py` was not run."""
    from tools.exercise_outputs import compute

    with (ROOT / "helpers" / "exercises.toml").open("rb") as file:
        fresh = compute(tomllib.load(file))
    with np.load(ROOT / "helpers" / "exercises.npz", allow_pickle=False) as data:
        stored = {key: data[key] for key in data.files}
    stale = "helpers/exercises.npz is stale: run `python tools/exercise_outputs.py`"
    assert sorted(stored) == sorted(fresh), stale
    for key, array in fresh.items():
        assert stored[key].shape == array.shape and stored[key].dtype == array.dtype, (key, stale)
        if "/arg" in key:
            assert np.array_equal(stored[key], array), (key, stale)
        else:  # another machine's BLAS may round a matrix product differently
            exercise = CODE_EXERCISES[key.split("/")[0]]
            assert np.allclose(stored[key], array, rtol=1e-10, atol=exercise.atol), (key, stale)


def test_a_code_exercise_without_stored_outputs_says_what_to_run(monkeypatch):
    monkeypatch.setitem(CODE_EXERCISES, "99-new", CODE_EXERCISES["01-stable-sigmoid"])
    with pytest.raises(RuntimeError, match=r"tools/exercise_outputs\.py"):
        stored_cases("99-new")


def test_no_reference_implementation_beside_the_checkers():
    source = (ROOT / "helpers" / "exercises.py").read_text(encoding="utf-8")
    for formula in ("np.tanh(z / 2)", "logaddexp", "eigvalsh", "log_expit(", "expit("):
        assert formula not in source
    assert "import scipy" not in source and "from scipy" not in source
    for exercise in CODE_EXERCISES.values():
        assert f"def {exercise.function_name}" not in source


# The four pieces the student writes (issue #20), each with a correct numpy answer written
# independently of the worked solution, a wrong one, and the library's shortcuts.


def _sigmoid_right(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1 / (1 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1 + e)
    return out


def _derivative_right(z):
    s = _sigmoid_right(z)
    return s * _sigmoid_right(-np.asarray(z, dtype=float))  # σ(z)σ(−z): no cancellation


def _one_hidden_layer_right(W1, b1, W2, b2, X, y):
    """Example by example, with a log-sum-exp softmax: another way to the same numbers."""
    dW1, db1, dW2, db2 = (np.zeros_like(a, dtype=float) for a in (W1, b1, W2, b2))
    for x, label in zip(X, y, strict=True):
        h = _sigmoid_right(x @ W1 + b1)
        z = h @ W2 + b2
        p = np.exp(z - (z.max() + np.log(np.sum(np.exp(z - z.max())))))
        p[label] -= 1
        dh = W2 @ p
        dz1 = dh * _derivative_right(x @ W1 + b1)
        dW2 += np.outer(h, p)
        db2 += p
        dW1 += np.outer(x, dz1)
        db1 += dz1
    return tuple(g / len(X) for g in (dW1, db1, dW2, db2))


def _bce_right(z, y):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    softplus = np.logaddexp(0.0, z)  # log(1 + e^z), no overflow
    return softplus - z * y, _sigmoid_right(z) - y


PIECES = {  # id: (a correct answer, a wrong one, one that overflows or warns at ±1000)
    "01-stable-sigmoid": (
        _sigmoid_right,
        lambda z: np.tanh(np.asarray(z, dtype=float)),
        lambda z: 1 / (1 + np.exp(-np.asarray(z, dtype=float))),
    ),
    "02-stable-derivative": (
        _derivative_right,
        lambda z: _sigmoid_right(z) * (1 - _sigmoid_right(z)),  # 0 once σ rounds to 1
        lambda z: np.exp(-np.asarray(z, dtype=float)) / (1 + np.exp(-np.asarray(z, float))) ** 2,
    ),
    "03-one-hidden-layer": (
        _one_hidden_layer_right,
        lambda *a: tuple(2 * g for g in _one_hidden_layer_right(*a)),  # the sum, not the mean
        None,
    ),
    "07-bce-from-logit": (
        _bce_right,
        lambda z, y: (_bce_right(z, y)[0], _sigmoid_right(z) + y),
        lambda z, y: (
            -(y * np.log(_sigmoid_right(z)) + (1 - y) * np.log(1 - _sigmoid_right(z))),
            _sigmoid_right(z) - y,
        ),
    ),
}


@pytest.mark.parametrize("exercise_id", sorted(PIECES))
def test_the_four_pieces_accept_a_numpy_answer_and_refuse_a_wrong_one(exercise_id):
    right, wrong, overflowing = PIECES[exercise_id]
    passed, message = grade_function(exercise_id, right)
    assert passed, message
    _refused(exercise_id, wrong, "not accurate")
    if overflowing is not None:
        _refused(exercise_id, overflowing, "warns")


@pytest.mark.parametrize("exercise_id", ["01-stable-sigmoid", "02-stable-derivative"])
def test_overflow_at_1000_is_refused_even_when_its_warning_is_silenced(exercise_id):
    overflowing = PIECES[exercise_id][2]

    def silenced(z):
        with np.errstate(all="ignore"):
            return overflowing(z)

    message = _refused(exercise_id, silenced)
    assert "not accurate" in message or "warns" in message


def _library_answers(exercise_id: str):
    """Answers that call the library's implementation, in the ways a student might."""
    import scipy.special
    import scipy.stats
    from scipy.special import expit

    import helpers.activations
    import helpers.network
    from helpers import sigmoid, sigmoid_derivative

    if exercise_id == "01-stable-sigmoid":
        alias = sigmoid  # a closure cell holds the original object
        yield "helpers.sigmoid", lambda z: sigmoid(z)
        yield "helpers.sigmoid", lambda z: helpers.activations.sigmoid(z)
        yield "helpers.sigmoid", lambda z: alias(z)
        yield "helpers.sigmoid", sigmoid
        yield "scipy.special.expit", lambda z: expit(z)
        yield "scipy.special.expit", lambda z: scipy.special.expit(z)
        yield "scipy.special.log_expit", lambda z: np.exp(scipy.special.log_expit(z))
        yield "scipy.special.expit", lambda z: np.vectorize(expit)(z)
        yield "scipy.special.expit", lambda z: scipy.stats.logistic.cdf(z)  # expit inside
    elif exercise_id == "02-stable-derivative":
        yield "helpers.sigmoid_derivative", lambda z: sigmoid_derivative(z)
        yield "helpers.sigmoid", lambda z: sigmoid(z) * sigmoid(-np.asarray(z))
        yield "helpers.tanh_derivative", lambda z: helpers.tanh_derivative(np.asarray(z) / 2) / 4
        yield "scipy.special.expit", lambda z: expit(z) * expit(-np.asarray(z))
    elif exercise_id == "03-one-hidden-layer":

        def with_network(W1, b1, W2, b2, X, y):
            (dW1, db1), (dW2, db2) = helpers.network.backprop([(W1, b1), (W2, b2)], X, y)
            return dW1, db1, dW2, db2

        def with_expit(W1, b1, W2, b2, X, y):
            right = _one_hidden_layer_right(W1, b1, W2, b2, X, y)
            expit(X @ W1 + b1)
            return right

        def with_softmax(W1, b1, W2, b2, X, y):
            scipy.special.softmax(X, axis=1)
            return _one_hidden_layer_right(W1, b1, W2, b2, X, y)

        yield "helpers.network.backprop", with_network
        yield "scipy.special.expit", with_expit
        yield "scipy.special.softmax", with_softmax
        yield "helpers.sigmoid", lambda *a: (*_one_hidden_layer_right(*a)[:3], sigmoid(a[3]))
    else:
        yield (
            "scipy.special.log_expit",
            lambda z, y: (
                -(y * scipy.special.log_expit(z) + (1 - y) * scipy.special.log_expit(-z)),
                _sigmoid_right(z) - y,
            ),
        )
        yield "scipy.special.expit", lambda z, y: (_bce_right(z, y)[0], expit(z) - y)
        yield "helpers.sigmoid", lambda z, y: (_bce_right(z, y)[0], sigmoid(z) - y)


@pytest.mark.parametrize("exercise_id", sorted(PIECES))
def test_the_four_pieces_refuse_the_library_implementation(exercise_id):
    import scipy.special

    import helpers.activations

    originals = (helpers.sigmoid, helpers.activations.sigmoid, scipy.special.expit)
    answers = list(_library_answers(exercise_id))
    assert len(answers) >= 3
    for name, answer in answers:
        message = _refused(exercise_id, answer, name, "numpy operations")
        assert "Right" not in message
    # everything is put back: the library works again, and so does a correct answer
    assert (helpers.sigmoid, helpers.activations.sigmoid, scipy.special.expit) == originals
    assert helpers.sigmoid(0.0) == 0.5 and scipy.special.expit(0.0) == 0.5
    assert grade_function(exercise_id, PIECES[exercise_id][0])[0]


def test_a_shortcut_caught_by_the_student_is_still_refused():
    from helpers import sigmoid

    def sly(z):
        try:
            return sigmoid(z)
        except Exception:
            return _sigmoid_right(z)

    _refused("01-stable-sigmoid", sly, "calls helpers.sigmoid")
    assert sly(0.0) == 0.5  # sigmoid is the library's again


def test_library_functions_not_forbidden_still_work_inside_an_answer():
    """helpers.tanh is not the 01 exercise's subject: an answer may use it."""
    passed, message = grade_function("01-stable-sigmoid", lambda z: (1 + helpers.tanh(z / 2)) / 2)
    assert not passed and "not accurate" in message  # refused for accuracy, not as a shortcut


def test_finite_differences_do_not_pass_for_backpropagation():
    def cost(W1, b1, W2, b2, X, y):
        h = _sigmoid_right(X @ W1 + b1)
        z = h @ W2 + b2
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -np.mean(log_p[np.arange(len(y)), y])

    def finite_differences(step):
        def gradients(W1, b1, W2, b2, X, y):
            params = [np.array(p, dtype=float) for p in (W1, b1, W2, b2)]
            grads = []
            for p in params:
                g = np.zeros_like(p)
                for index in np.ndindex(p.shape):
                    saved = p[index]
                    p[index] = saved + step
                    up = cost(*params, X, y)
                    p[index] = saved - step
                    down = cost(*params, X, y)
                    p[index] = saved
                    g[index] = (up - down) / (2 * step)
                grads.append(g)
            return tuple(grads)

        return gradients

    for step in (1e-4, 1e-5, 1e-6):
        _refused("03-one-hidden-layer", finite_differences(step), "dW1", "not accurate")


def test_check_function_reports_bad_use():
    with pytest.raises(KeyError, match="check_function"):
        grade_function("99-nope", print)
    with pytest.raises(TypeError, match="expects a function"):
        grade_function("01-stable-sigmoid", 4)
    message = _refused("01-stable-sigmoid", lambda z: 1 / 0, "ZeroDivisionError")
    assert "stable_sigmoid" in message
    _refused("01-stable-sigmoid", lambda z: np.zeros(3), "has shape (3,), not ()")
    _refused("01-stable-sigmoid", lambda z: "0.5", "str")
    _refused("01-stable-sigmoid", lambda z: np.full(np.shape(z), np.inf), "not accurate")
    _refused("01-stable-sigmoid", lambda z: np.asarray(z) * 1j, "complex")
    _refused("03-one-hidden-layer", lambda *a: a[0], "should return 4 values (dW1, db1, dW2, db2)")


def test_no_saved_output_shows_a_hint_or_a_verdict():
    hints = [e.hint for e in (*EXERCISES.values(), *CODE_EXERCISES.values()) if len(e.hint) > 20]
    for path in notebooks():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                text = "".join(output.get("text", "")) + "".join(
                    output.get("data", {}).get("text/plain", "")
                )
                assert "Hint" not in text and "Not yet" not in text, (path.name, text[:80])
                assert not any(hint in text for hint in hints), (path.name, text[:80])
