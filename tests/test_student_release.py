"""The student release holds no worked solution, and its checkers still grade."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.exercises import CODE_EXERCISES, EXERCISES, OPEN_QUESTIONS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs"))
from student_release import build  # noqa: E402


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("release") / "student")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _solutions() -> list[tuple[str, str, str]]:
    """(solution, "text" or "code", what students see anyway) for every worked solution."""
    pairs = []
    shown = [
        " ".join([e.question, e.hint, e.remark])
        for e in (*EXERCISES.values(), *CODE_EXERCISES.values())
    ]
    public = " | ".join(shown + [q.question for q in OPEN_QUESTIONS.values()])
    for exercise in (*EXERCISES.values(), *CODE_EXERCISES.values()):
        lines = exercise.solution_code.splitlines()  # import lines aside
        code = "\n".join(x for x in lines if not x.startswith(("import ", "from ")))
        pairs += [(exercise.solution, "text"), (code, "code")]
    pairs += [(q.solution, "text") for q in OPEN_QUESTIONS.values()]
    return [(_words(s), kind, _words(public)) for s, kind in pairs if len(_words(s)) >= 30]


def test_no_worked_solution_reaches_the_release(release):
    solutions = _solutions()
    assert len(solutions) >= 20  # the full repository does have them
    for path in release.rglob("*"):
        if not path.is_file() or path.suffix not in (".py", ".ipynb", ".md", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            cells = json.loads(text)["cells"]
            text = "\n".join("".join(c["source"]) for c in cells)
            text += json.dumps([c.get("outputs", []) for c in cells])
        if path.suffix == ".py":  # the strings' values, as unparsed code escapes them
            strings = [n.value for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant)]
            text += "\n".join(s for s in strings if isinstance(s, str))
        flat = _words(text)
        for solution, kind, public in solutions:
            if kind == "code" and path.suffix == ".ipynb":
                continue  # a later notebook may teach the code an earlier exercise asks for
            # any 40-character stretch of a solution is evidence enough, unless a question,
            # hint or remark (which students see) says the same
            for start in range(0, max(len(solution) - 40, 1), 20):
                stretch = solution[start : start + 40]
                assert stretch in public or stretch not in flat, (path.name, solution[:60])
        assert "show_solution" not in text, path.name


_CHECK = """
import json, sys
sys.path.insert(0, sys.argv[1])
import helpers, helpers.exercises as ex
assert not hasattr(ex, "show_solution") and not hasattr(helpers, "show_solution")
cases = json.loads(sys.stdin.read())
results = {}
for exercise_id, answer, wrong in cases["numeric"]:
    results[exercise_id] = [ex.grade(exercise_id, answer)[0], ex.grade(exercise_id, wrong)[0]]
for exercise_id, code, name in cases["code"]:
    namespace = {}
    exec("import numpy as np\\nimport math\\n" + code, namespace)
    right = ex.grade_function(exercise_id, namespace[name])[0]
    wrong = ex.grade_function(exercise_id, lambda *a, **k: None)[0]
    results[exercise_id] = [right, wrong]
assert all(not e.solution for e in ex.EXERCISES.values())
assert all(not e.solution_code for e in ex.CODE_EXERCISES.values())
assert all(not q.solution for q in ex.OPEN_QUESTIONS.values())
print(json.dumps(results))
"""


def test_the_release_checkers_pass_right_answers_and_fail_wrong_ones(release):
    numeric = []
    for exercise_id, exercise in EXERCISES.items():
        expected = (
            list(exercise.expected) if isinstance(exercise.expected, tuple) else exercise.expected
        )
        wrong = (
            [v * 1.01 + 0.01 for v in expected]
            if isinstance(expected, list)
            else expected * 1.01 + 0.01
        )
        numeric.append((exercise_id, expected, wrong))
    code = [(i, e.solution_code, e.function_name) for i, e in CODE_EXERCISES.items()]
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, str(release)],
        input=json.dumps({"numeric": numeric, "code": code}),
        capture_output=True,
        text=True,
        cwd=release,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert set(results) == set(EXERCISES) | set(CODE_EXERCISES)
    assert all(r == [True, False] for r in results.values()), results
