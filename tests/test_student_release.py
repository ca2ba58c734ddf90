"""The student release: every question stays, only the worked solutions go, helpers imports."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from helpers.exercises import CODE_EXERCISES, EXERCISES, OPEN_QUESTIONS
from tools import ROOT, notebooks
from tools.student_release import build, strip_solutions_toml


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
        code = "\n".join(x for x in lines if not x.lstrip().startswith(("import ", "from ")))
        pairs += [(exercise.solution, "text"), (code, "code")]
    pairs += [(q.solution, "text") for q in OPEN_QUESTIONS.values()]
    return [(_words(s), kind, _words(public)) for s, kind in pairs if len(_words(s)) >= 30]


def test_no_worked_solution_reaches_the_release(release):
    solutions = _solutions()
    assert len(solutions) >= 20  # the full repository does have them
    for path in release.rglob("*"):
        if not path.is_file() or path.suffix not in (".py", ".ipynb", ".md", ".txt", ".toml"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            cells = json.loads(text)["cells"]
            text = "\n".join("".join(c["source"]) for c in cells)
            text += json.dumps([c.get("outputs", []) for c in cells])
        if path.suffix == ".py":  # the strings' values, as written with escapes
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


def test_the_release_has_no_solution_fields_and_no_reference_implementation(release):
    entries = tomllib.loads((release / "helpers" / "exercises.toml").read_text("utf-8"))
    assert set(entries) == set(EXERCISES) | set(CODE_EXERCISES) | set(OPEN_QUESTIONS)
    for exercise_id, entry in entries.items():
        assert not {"solution", "solution_code"} & set(entry), exercise_id
        assert entry["question"] and (entry["kind"] == "open" or entry["hint"]), exercise_id
    helpers_text = "\n".join(
        p.read_text("utf-8") for p in sorted((release / "helpers").glob("*.py"))
    )
    toml_text = (release / "helpers" / "exercises.toml").read_text("utf-8")
    for exercise in CODE_EXERCISES.values():  # no function of the name the student writes
        assert f"def {exercise.function_name}(" not in helpers_text + toml_text
    assert "def " not in toml_text
    checker = (release / "helpers" / "exercises.py").read_text("utf-8")
    assert checker == (ROOT / "helpers" / "exercises.py").read_text("utf-8")  # comments kept
    for formula in ("np.tanh(z / 2)", "logaddexp", "eigvalsh", "log_expit(", "expit("):
        assert formula not in checker  # the reference implementations of the old checkers
    assert (release / "helpers" / "exercises.npz").is_file()  # what the checkers compare with


def test_strip_solutions_toml_keeps_every_other_line():
    text = (ROOT / "helpers" / "exercises.toml").read_text("utf-8")
    stripped = strip_solutions_toml(text)
    entries, kept = tomllib.loads(text), tomllib.loads(stripped)
    for exercise_id, entry in entries.items():
        assert kept[exercise_id] == {
            k: v for k, v in entry.items() if k not in ("solution", "solution_code")
        }
    assert stripped.startswith(text.split("\n[", 1)[0])  # the header comments too


def _markdown_paragraphs(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    return [
        block
        for cell in cells
        if cell["cell_type"] == "markdown"
        for block in re.split(r"\n\s*\n", "".join(cell["source"]))
    ]


def _exercises_and_instructions(notebook: Path) -> tuple[list[str], list[str], list[str]]:
    """(the exercise paragraphs, the instruction paragraphs, the code cells) of a notebook."""
    paragraphs = _markdown_paragraphs(notebook)
    exercises = [p for p in paragraphs if re.match(r"\*\*\d+\.", p.lstrip())]
    instructions = [
        p
        for p in paragraphs
        if re.search(r"check_answer|check_function|show_solution|in place of `None`", p)
        and p not in exercises
    ]
    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return exercises, instructions, code


def _without_solution_mentions(paragraph: str) -> str:
    """What may differ between the source and the release: how to reveal a worked solution."""
    return _words(re.sub(r"`?show_solution\([^)]*\)`?", "show_solution(…)", paragraph))


def test_every_exercise_and_instruction_stays_in_the_release(release):
    paths = notebooks()
    assert len(paths) >= 8
    for source in paths:
        copy = release / "notebooks" / source.name
        mine, theirs = _exercises_and_instructions(source), _exercises_and_instructions(copy)
        for part, name in zip((0, 1), ("exercise", "instruction"), strict=True):
            assert [_without_solution_mentions(p) for p in theirs[part]] == [
                _without_solution_mentions(p) for p in mine[part]
            ], f"{source.name}: an {name} paragraph differs in the release"
        assert theirs[2] == mine[2], f"{source.name}: a code cell differs (stubs, checks)"
        numbers = [int(re.match(r"\*\*(\d+)", p.lstrip()).group(1)) for p in theirs[0]]
        assert numbers == list(range(1, len(numbers) + 1)), (source.name, numbers)
        if source.name[:2] != "00":
            assert len(numbers) >= 2 and theirs[1], f"{source.name}: no exercises found"


def test_the_readme_sets_up_in_powershell_and_cmd_without_make(release):
    readme = (release / "README.md").read_text("utf-8")

    def command_lines(markdown: str) -> set[str]:
        found = re.findall(r"^```\w*\n(.*?)^```$", markdown, re.S | re.M)
        return {line.strip() for block in found for line in block.splitlines() if line.strip()}

    commands = command_lines(readme)
    # the set-up of docs/setup.md, which make test-setup runs as written
    assert commands <= command_lines((ROOT / "docs" / "setup.md").read_text("utf-8"))
    assert "python3 -m venv .venv" in commands and "py -3.11 -m venv .venv" in commands
    assert any(c.startswith(".venv\\Scripts\\python -m pip install") for c in commands)
    assert any("ipykernel install --user --name" in c for c in commands)
    for command in commands:
        assert not re.search(r"&&|\|\||;|\bsource\b|activate", command), command
    assert not re.search(r"\bmake\b|teaching|guide|assessment", readme, re.IGNORECASE)
    assert not (release / "Makefile").exists() and not (release / "docs").exists()


_IMPORT = """
import json, sys
from pathlib import Path
from helpers.exercises import *
import helpers, helpers.exercises as ex
assert Path(helpers.__file__).resolve().parent == Path.cwd().resolve() / "helpers", helpers.__file__
assert sorted(ex.__all__) == ["check_answer", "check_function", "show_solution"], ex.__all__
assert callable(check_answer) and callable(check_function) and callable(show_solution)
show_solution("01-stable-sigmoid")
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
assert all(not e.solution and not e.solution_code for e in ex.EXERCISES.values())
assert all(not e.solution and not e.solution_code for e in ex.CODE_EXERCISES.values())
assert all(not q.solution for q in ex.OPEN_QUESTIONS.values())
print(json.dumps(results))
"""


def test_the_release_helpers_import_and_grade(release):
    numeric = []
    for exercise_id, exercise in EXERCISES.items():
        expected = exercise.expected
        expected = list(expected) if isinstance(expected, tuple) else expected
        wrong = (
            [v * 1.01 + 0.01 for v in expected]
            if isinstance(expected, list)
            else expected * 1.01 + 0.01
        )
        numeric.append((exercise_id, expected, wrong))
    code = [(i, e.solution_code, e.function_name) for i, e in CODE_EXERCISES.items()]
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT],
        input=json.dumps({"numeric": numeric, "code": code}),
        capture_output=True,
        text=True,
        cwd=release,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shown, _, last = done.stdout.rstrip("\n").rpartition("\n")
    assert shown.startswith(CODE_EXERCISES["01-stable-sigmoid"].question)
    assert "no worked solutions" in shown and "def stable_sigmoid" not in shown
    results = json.loads(last)
    assert set(results) == set(EXERCISES) | set(CODE_EXERCISES)
    assert all(r == [True, False] for r in results.values()), results
