"""The nbgrader course in course/ (docs/grading.md), released and autograded as a teacher
would, in a temporary copy: the release holds no solution and no hidden test, and each
simulated submission in submissions/ gets the autograded score it says it deserves.

Run with ``make test-grading`` (about two minutes: nbgrader runs 24 notebooks, and two of
the submissions never return until a time limit stops them).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from tools import ROOT

COURSE = ROOT / "course"
SUBMISSIONS_DIR = Path(__file__).with_name("submissions")
ASSIGNMENTS = sorted(p.name for p in (COURSE / "source").iterdir() if p.is_dir())
SUBMISSIONS = {p.stem: tomllib.loads(p.read_text()) for p in sorted(SUBMISSIONS_DIR.glob("*.toml"))}
# The source itself, solutions and hidden tests included, handed in as a submission.
SOURCE = "source"
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def nbgrader(course: Path, *args: str) -> subprocess.Popen:
    """Start ``nbgrader ARGS`` in ``course`` with the project's kernel, as make does."""
    venv_bin = Path(sys.executable).parent  # .venv/bin: its python3 kernel runs the notebooks
    env = dict(os.environ)
    env["PATH"] = f"{venv_bin}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PATH"] = str(venv_bin.parent / "share" / "jupyter")
    return subprocess.Popen(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(*processes: subprocess.Popen) -> None:
    """Wait for each nbgrader run; fail with its log if one failed."""
    for process in processes:
        _, log = process.communicate(timeout=600)
        assert process.returncode == 0, f"{' '.join(process.args[3:])} failed:\n{log[-3000:]}"


def grade_cells(nb) -> dict[str, dict]:
    """grade_id -> nbgrader metadata, for every nbgrader cell of a notebook."""
    return {
        cell.metadata.nbgrader["grade_id"]: cell.metadata.nbgrader
        for cell in nb.cells
        if "nbgrader" in cell.metadata
    }


def read(path: Path):
    return nbformat.read(path, as_version=4)


def submit(release: Path, answers: dict, destination: Path) -> None:
    """The released notebook with the student's answers written into it, handed in alone,
    as when files are collected by hand."""
    destination.mkdir(parents=True)
    notebook_path = destination / f"{release.name}.ipynb"
    nb = read(release / notebook_path.name)
    cells = answers.get("cells", {})
    found = set()
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in cells:
            cell.source = cells[grade_id].strip("\n")
            found.add(grade_id)
    assert found == set(cells), f"no cell for the answers {set(cells) - found} in {release.name}"
    deleted = set(answers.get("delete", []))
    nb.cells = [
        cell
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade_id") not in deleted
    ]
    nbformat.write(nb, notebook_path)


# Two gradebooks graded side by side: the submission that waits for time limits alone in
# one, so that its waiting overlaps with the other's work.
LANES = {"slow": ["never_returns"]}
LANES["fast"] = [SOURCE, *(s for s in SUBMISSIONS if s not in LANES["slow"])]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of course/ after make assignments, each with its submissions autograded and its
    gradebook exported to grades.csv, by lane."""
    base = tmp_path_factory.mktemp("course")
    shutil.copy(COURSE / "nbgrader_config.py", base)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    shutil.copytree(COURSE / "source", base / "source", ignore=ignore)
    finish(nbgrader(base, "generate_assignment", "*", "--force"))  # make assignments, at once
    lanes = {}
    for lane, students in LANES.items():
        lanes[lane] = course = shutil.copytree(base, base.with_name(f"{base.name}-{lane}"))
        for assignment in ASSIGNMENTS:
            for student in students:
                folder = course / "submitted" / student / assignment
                if student == SOURCE:
                    shutil.copytree(course / "source" / assignment, folder)
                else:
                    answers = SUBMISSIONS[student].get(assignment, {})
                    submit(course / "release" / assignment, answers, folder)
    finish(*[nbgrader(course, "autograde", "*", "--force") for course in lanes.values()])
    finish(*[nbgrader(course, "export", "--to", "grades.csv") for course in lanes.values()])
    return lanes


@pytest.fixture(scope="module")
def grades(course: dict[str, Path]) -> dict[tuple[str, str], dict[str, str]]:
    """(student, assignment) -> the gradebooks' CSV row."""
    rows = {}
    for lane in course.values():
        with (lane / "grades.csv").open(newline="") as file:
            rows |= {(row["student_id"], row["assignment"]): row for row in csv.DictReader(file)}
    return rows


def points(assignment: str, *, autograded: bool) -> float:
    """The points of an assignment's source: autograded ones, or all of them."""
    nb = read(COURSE / "source" / assignment / f"{assignment}.ipynb")
    return sum(
        meta.get("points", 0)
        for meta in grade_cells(nb).values()
        if meta["grade"] and (not autograded or not meta["solution"])
    )


@pytest.mark.parametrize("student", [SOURCE, *SUBMISSIONS])
def test_each_submission_gets_its_score(grades, student: str) -> None:
    if student == SOURCE:  # the model answers earn every autograded point
        expected = {a: points(a, autograded=True) for a in ASSIGNMENTS}
    else:
        expected = SUBMISSIONS[student]["scores"]
    assert set(expected) == set(ASSIGNMENTS)
    got = {a: float(grades[student, a]["raw_score"]) for a in ASSIGNMENTS}
    assert got == {a: float(v) for a, v in expected.items()}


def test_the_gradebook_exports_every_grade(grades) -> None:
    students = {SOURCE, *SUBMISSIONS}
    assert set(grades) == {(s, a) for s in students for a in ASSIGNMENTS}
    for (_, assignment), row in grades.items():
        # the written answers count in max_score, not yet in raw_score: a teacher grades them
        assert float(row["max_score"]) == points(assignment, autograded=False)
        assert points(assignment, autograded=False) > points(assignment, autograded=True)


def lane_of(student: str) -> str:
    return next(lane for lane, students in LANES.items() if student in students)


def autograded(course: dict[str, Path], student: str, assignment: str):
    return read(
        course[lane_of(student)] / "autograded" / student / assignment / f"{assignment}.ipynb"
    )


def errors(course: dict[str, Path], student: str, assignment: str) -> dict[str, str]:
    """grade_id -> 'Name: message' of each failing cell's error in an autograded notebook."""
    nb = autograded(course, student, assignment)
    found = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                found[grade_id] = found.get(grade_id, "") + f"{output.ename}: {output.evalue}\n"
    return found


def test_failures_say_why(course: dict[str, Path]) -> None:
    """Each refused shortcut, time limit and deleted test shows in the graded notebook."""
    library = errors(course, "library", "output_layer")
    assert "scipy.special.log_expit is not allowed" in library["softplus_values"]
    assert "is not allowed" in errors(course, "library", "sigmoid")["stable_sigmoid_values"]
    assert "helpers.network.backprop" in errors(course, "library", "backprop")["gradients_shapes"]
    # a loop in a function: the tests' time limit; a loop at the top of a cell: nbgrader's
    sigmoid = errors(course, "never_returns", "sigmoid")
    assert sigmoid["stable_sigmoid_values"].startswith("TimeoutError: no answer within")
    stopped = errors(course, "never_returns", "output_layer")["softplus"]
    assert stopped.startswith("KeyboardInterrupt") and "CellTimeoutError" in stopped
    assert errors(course, "raises", "backprop")["gradients_shapes"].startswith("ValueError")
    put_back = autograded(course, "deleted_test", "sigmoid")
    ids = [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in put_back.cells]
    assert "stable_sigmoid_tails" in ids


def test_no_release_holds_a_solution_or_a_hidden_test(course: dict[str, Path]) -> None:
    for assignment in ASSIGNMENTS:
        source = read(COURSE / "source" / assignment / f"{assignment}.ipynb")
        release = read(course["fast"] / "release" / assignment / f"{assignment}.ipynb")
        secret, public = set(), set()
        for cell in source.cells:
            inside = False
            for line in cell.source.splitlines():
                if any(marker in line for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS")):
                    inside = True
                elif any(marker in line for marker in ("END SOLUTION", "END HIDDEN TESTS")):
                    inside = False
                else:
                    (secret if inside else public).add(line.strip())
        secret -= public | {""}  # a line also in the visible part is no secret
        assert len(secret) > 20
        released = {line.strip() for cell in release.cells for line in cell.source.splitlines()}
        assert not any(marker in line for line in released for marker in MARKERS)
        assert not secret & released, (
            f"{assignment}: released lines of the solution or hidden tests"
        )
        # every graded cell is released, solutions as stubs
        assert grade_cells(release).keys() == grade_cells(source).keys()
        stubs = [c.source for c in release.cells if c.metadata.get("nbgrader", {}).get("solution")]
        assert all("YOUR CODE HERE" in s or s == "YOUR ANSWER HERE" for s in stubs)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_sources_are_complete(assignment: str) -> None:
    """Kept with no outputs, in the python3 kernel; each has autograded code, visible and
    hidden tests, and a written answer with its rubric; the tests call the student's
    functions through helpers.grading."""
    folder = COURSE / "source" / assignment
    nb = read(folder / f"{assignment}.ipynb")
    assert nb.metadata.kernelspec.name == "python3"
    assert all(c.get("outputs", []) == [] and c.get("execution_count") is None for c in nb.cells)
    cells = {c.metadata.nbgrader["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}
    tests = [c for c in cells.values() if c.metadata.nbgrader["grade"] and c.cell_type == "code"]
    written = [
        c for c in cells.values() if c.metadata.nbgrader["grade"] and c.cell_type == "markdown"
    ]
    assert len(tests) >= 3 and written
    for cell in tests:
        visible = cell.source.split("### BEGIN HIDDEN TESTS")[0]
        assert "assert" in visible and "call(" in visible, cell.metadata.nbgrader["grade_id"]
        assert "from helpers.grading import call" in visible, cell.metadata.nbgrader["grade_id"]
    assert sum("### BEGIN HIDDEN TESTS" in c.source for c in tests) >= len(tests) - 1
    for cell in written:
        assert cell.metadata.nbgrader["points"] > 0 and cell.metadata.nbgrader["solution"]
        assert re.search(r"### BEGIN SOLUTION.*Rubric.*### END SOLUTION", cell.source, re.S)
    assert not (folder / "grader.py").exists()  # one implementation, in helpers
