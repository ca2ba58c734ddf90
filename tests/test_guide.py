"""The teacher's guide (docs/teaching.md) and the assessment bank (docs/assessment.md) hold.

The plans must give students a task at least every ten minutes and fit their periods, every
exercise id and notebook section the documents name must exist, every objective must map to an
exercise, and every marking scheme must add up.
"""

from __future__ import annotations

import json
import math
import re

import mpmath
import numpy as np
import pytest

from helpers.exercises import CODE_EXERCISES, EXERCISES, OPEN_QUESTIONS
from tools import ROOT, notebooks

GUIDE = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
ASSESSMENT = (ROOT / "docs" / "assessment.md").read_text(encoding="utf-8")
NOTEBOOKS = notebooks()
NUMBERS = [p.name[:2] for p in NOTEBOOKS]
ALL_IDS = {*EXERCISES, *CODE_EXERCISES, *OPEN_QUESTIONS}
EXERCISE_ID = re.compile(r"`(0\d-[a-z0-9.-]+)`")


def section(text: str, heading: str) -> str:
    """The text under ``heading`` (a whole heading line), up to the next heading as high."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = text.splitlines()
    if heading not in lines:
        raise AssertionError(f"no heading {heading!r}")
    start = lines.index(heading) + 1
    end = next(
        (i for i in range(start, len(lines)) if re.match(rf"^#{{1,{level}}} ", lines[i])),
        len(lines),
    )
    return "\n".join(lines[start:end])


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, code) of every fenced code block, in order."""
    return [(m[1], m[2]) for m in re.finditer(r"^```(\w*)\n(.*?)^```$", text, re.S | re.M)]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of every Markdown table in ``text``, as lists of stripped cells."""
    separator = re.compile(r"^\|[-| :]+\|$")
    lines = text.splitlines()
    rows = []
    for i, line in enumerate(lines):
        header = i + 1 < len(lines) and separator.match(lines[i + 1])
        if line.startswith("|") and not separator.match(line) and not header:
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def notebook_sections(number: str) -> set[str]:
    """Section numbers ("1", "4.1", ...) of the numbered notebook ``number``."""
    path = next(p for p in NOTEBOOKS if p.name.startswith(number))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = set()
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if m := re.match(r"^#{2,3} (\d+(?:\.\d+)?)[.\s]", line):
                    found.add(m[1])
    return found


# --- the plans ------------------------------------------------------------------------------

PLANS = {  # heading -> (minutes of the period, notebooks it must cover)
    "### Hands-on: every core path in two periods of 90 minutes": (90, NUMBERS),
    "### Hands-on: one period of 50 minutes on the sigmoid and its derivative": (
        50,
        ["00", "01", "02"],
    ),
}
CODE_PIECES = [
    "01-stable-sigmoid",
    "02-stable-derivative",
    "03-one-hidden-layer",
    "07-bce-from-logit",
]


def _periods(heading: str) -> list[list[list[str]]]:
    """The tables under ``heading``: one list of rows per period."""
    text = section(GUIDE, heading)
    return [table_rows(part) for part in re.split(r"^\*\*Period \d[^*]*\*\*$", text, flags=re.M)
            if table_rows(part)]  # fmt: skip


@pytest.mark.parametrize("heading", PLANS)
def test_every_plan_gives_students_a_task_at_least_every_ten_minutes(heading):
    length, covered = PLANS[heading]
    periods = _periods(heading)
    assert periods, f"{heading}: no plan"
    notebooks = set()
    for rows in periods:
        clock = 0
        for start_end, minutes, notebook, task, teacher in rows:
            start, end = (int(x) for x in start_end.split("–"))
            assert start == clock and end - start == int(minutes) <= 10, f"{heading}: {start_end}"
            assert len(task) > 20 and teacher, f"{heading}: row {start_end} has no student task"
            assert set(EXERCISE_ID.findall(task)) <= ALL_IDS, task
            notebooks.add(notebook)
            clock = end
        assert clock == length, f"{heading}: a period of {clock} minutes, not {length}"
        assert any(r[2] == "buffer" and int(r[1]) >= 5 for r in rows), f"{heading}: no buffer"
    assert set(covered) <= notebooks


def test_every_exercise_a_plan_names_is_a_core_exercise():
    from tools.core_minutes import exercises

    core = {i for path in NOTEBOOKS for _, _, i, on_core in exercises(path) if on_core}
    core.add("00-sigma-at-zero")  # the index's warm-up, outside any exercise section
    named = set(EXERCISE_ID.findall(section(GUIDE, "## Plans for real classes")))
    assert named and named <= core, f"not core exercises: {sorted(named - core)}"


def test_the_hands_on_plans_have_students_write_the_four_pieces():
    plans = section(GUIDE, "## Plans for real classes")
    assert set(CODE_PIECES) <= set(EXERCISE_ID.findall(plans))
    assert set(CODE_PIECES) <= set(CODE_EXERCISES)


def test_the_notebook_table_is_what_core_minutes_writes():
    from tools.core_minutes import guide_with_table

    assert guide_with_table(GUIDE) == GUIDE, "run: python tools/core_minutes.py --write-guide"


# --- objectives, exercises, sections, names ----------------------------------------------------


def test_every_objective_maps_to_an_exercise_that_exists():
    objectives = section(GUIDE, "## What each notebook teaches, and which exercise checks it")
    parts = re.split(r"^\*\*(\d\d) [^*]+\*\*$", objectives, flags=re.M)
    tables = dict(zip(parts[1::2], parts[2::2], strict=True))
    assert sorted(tables) == NUMBERS, "every notebook needs its objectives"
    for number, text in tables.items():
        rows = table_rows(text)
        assert rows, f"notebook {number} has no objectives table"
        for objective, exercises in rows:
            ids = EXERCISE_ID.findall(exercises)
            assert ids and set(ids) <= ALL_IDS, f"{number}: {objective[:50]}… → {exercises}"


@pytest.mark.parametrize("name, text", [("teaching.md", GUIDE), ("assessment.md", ASSESSMENT)])
def test_every_exercise_id_named_exists(name, text):
    named = set(EXERCISE_ID.findall(text)) | set(re.findall(r'\("(0\d-[a-z0-9.-]+)"', text))
    assert named - ALL_IDS == set(), f"{name} names unknown exercises"


def test_the_guide_lists_every_exercise():
    table = section(GUIDE, "## Exercises, solutions and grading")
    assert ALL_IDS - {"00-sigma-at-zero"} <= set(EXERCISE_ID.findall(table)), (
        "docs/teaching.md's exercise table misses "
        f"{sorted(ALL_IDS - set(EXERCISE_ID.findall(table)) - {'00-sigma-at-zero'})}"
    )


# "03 §2", "05 §4.1–4.3", "01 §1–3"
CITATION = re.compile(r"\b(0\d) §(\d+(?:\.\d+)?)(?:–(\d+(?:\.\d+)?))?")


@pytest.mark.parametrize("name, text", [("teaching.md", GUIDE), ("assessment.md", ASSESSMENT)])
def test_every_notebook_section_cited_exists(name, text):
    missing = []
    for number, first, last in CITATION.findall(text):
        if number not in NUMBERS:
            missing.append(f"{number} (no such notebook)")
            continue
        sections = notebook_sections(number)
        missing += [f"{number} §{s}" for s in (first, last) if s and s not in sections]
    assert CITATION.search(text) and missing == [], f"{name} cites {missing}"


def test_make_targets_paths_and_helpers_names_in_the_guide_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    for text in (GUIDE, ASSESSMENT):
        for target in re.findall(r"`make ([\w-]+)", text):
            assert target in targets, f"make {target}: no such target"
        folders = "docs|tests|tools|course|hub|benchmarks|binder|helpers|notebooks"
        for path in re.findall(rf"`((?:{folders})/[\w./-]+)`", text):
            assert (ROOT / path).exists(), f"{path} does not exist"
        for dotted in re.findall(r"`(helpers(?:\.\w+)+)`", text):
            module, _, attribute = dotted.rpartition(".")
            try:
                assert hasattr(__import__(module, fromlist=[attribute]), attribute), dotted
            except ModuleNotFoundError:
                __import__(dotted)  # a module, not an attribute


MISCONCEPTIONS = "## Misconceptions students really have, and a question that reveals each"


def test_every_diagnostic_question_has_its_answer_in_the_teacher_only_bank():
    asked = table_rows(section(GUIDE, MISCONCEPTIONS))
    answered = table_rows(section(ASSESSMENT, "### Diagnostic questions"))
    assert asked and all(len(row) == 3 for row in asked), "the guide shows no answers"
    assert [row[0] for row in asked] == [row[0] for row in answered]
    assert all(len(row) == 2 and len(row[1]) > 20 for row in answered)


def test_every_discussion_question_has_an_answer_in_the_teacher_only_bank():
    paragraph = re.compile(r"^\*\*(\d\d)\.\*\* ", re.M)
    asked = paragraph.findall(section(GUIDE, "## Discussion questions"))
    answered = paragraph.findall(section(ASSESSMENT, "### Discussion questions"))
    assert asked == answered == NUMBERS[1:]


# --- the assessment bank -------------------------------------------------------------------------

ITEM = re.compile(
    r"^### (A\d\d\.\d+) \((numeric|conceptual|code reading|derivation), (\d+) marks?"
    r"(?:, open-book)?\) — (.+)$",
    re.M,
)
RUBRIC = re.compile(r"^### Rubric: `([\w.-]+)` \((\d+) marks\) — (.+)$", re.M)


def _blocks(pattern: re.Pattern) -> dict[str, tuple[re.Match, str]]:
    """Each heading matched by ``pattern``, with the text up to the next heading."""
    found = {}
    for match in pattern.finditer(ASSESSMENT):
        rest = ASSESSMENT[match.end() :]
        body = rest[: m.start()] if (m := re.search(r"^#{1,3} ", rest, re.M)) else rest
        assert match[1] not in found, f"{match[1]} twice"
        found[match[1]] = (match, body)
    return found


def _sigmoid(z: float) -> float:
    return float(1 / (1 + mpmath.exp(-z)))


def _sigmoid_derivative(z: float) -> float:
    return _sigmoid(z) * _sigmoid(-z)


# Every numeric answer, computed here independently of the text.
NUMERIC = {
    "A01.1": lambda: _sigmoid(math.log(4)),
    "A01.2": lambda: math.log(0.2 / 0.8),
    "A01.3": lambda: 2 * _sigmoid_derivative(0.0),
    "A02.1": lambda: 0.8 * (1 - 0.8),
    "A02.4": lambda: (2.0**-52) ** (1 / 3),
    "A03.1": lambda: 2 * math.atanh(math.sqrt(1 - 4 * 0.1)),
    "A03.2": lambda: (2 * 0.25) ** 10,
    "A03.3": lambda: 100 * (math.sqrt(6) / math.sqrt(200)) ** 2 / 3 * 1.0,
    "A03.4": lambda: (_sigmoid(0.0) - 1) * _sigmoid_derivative(0.0) * 10,
    "A04.1": lambda: 0.4 * 0.6,
    "A04.2": lambda: 2 * 0.5**6,
    "A04.3": lambda: 2 / (0.05 + 2 * 0.5**2),
    "A05.1": lambda: 1 - math.tanh(0.5) ** 2,
    "A05.2": lambda: float(mpmath.findroot(lambda x: 1 - mpmath.tanh(x) ** 2 - 0.01, 3)),
    "A06.1": lambda: -math.log(float(np.finfo(np.float32).max)),
    "A06.2": lambda: float(mpmath.findroot(lambda z: 1 / (1 + mpmath.exp(z)) - 2.0**-12, 8)),
    "A06.5": lambda: float(1 / (1 + mpmath.exp(730)) / mpmath.mpf(2) ** -1074),
    "A07.1": lambda: (
        (_sigmoid(1.5) * _sigmoid_derivative(1.5)) / (_sigmoid(4) * _sigmoid_derivative(4))
    ),
    "A07.4": lambda: float(mpmath.exp(2) / (mpmath.exp(2) + mpmath.exp(0.5))),
    "A07.6": lambda: _sigmoid(1) + 1 * _sigmoid_derivative(1),
}


def test_every_marking_scheme_adds_up_to_its_marks():
    blocks = {**_blocks(ITEM), **_blocks(RUBRIC)}
    assert blocks
    for name, (match, body) in blocks.items():
        marks = int(match[3] if match.re is ITEM else match[2])
        points = [int(p) for p in re.findall(r"^- \[(\d+)\]", body, re.M)]
        assert points and sum(points) == marks, f"{name}: {points} do not add up to {marks}"


def test_every_item_has_an_answer_and_the_bank_covers_every_notebook_and_kind():
    items = _blocks(ITEM)
    for name, (_, body) in items.items():
        assert "**Answer:**" in body and "**Marking:**" in body, name
    by_notebook = {n: [i for i in items if i[1:3] == n] for n in NUMBERS[1:]}
    assert all(len(found) >= 3 for found in by_notebook.values()), by_notebook
    kinds = [match[2] for match, _ in items.values()]
    assert all(kinds.count(k) >= 4 for k in ("numeric", "conceptual", "code reading", "derivation"))


# "**Answer:** −1.3863", "**Answer:** $6.06 \\times 10^{-6}$",
# "**Answer:** About $1.87 \\times 10^{6}$"
ANSWER = re.compile(
    r"\*\*Answer:\*\* (?:[Aa]bout )?\$?(−?\d+(?:\.\d+)?)(?: \\times 10\^\{([-−]?\d+)\})?"
)


def test_every_numeric_answer_is_right():
    numeric = {name: body for name, (m, body) in _blocks(ITEM).items() if m[2] == "numeric"}
    assert set(numeric) == set(NUMERIC), "every numeric item needs its computation in NUMERIC"
    for name, body in numeric.items():
        answer = ANSWER.search(body)
        assert answer, f"{name}: no number after **Answer:**"
        mantissa, exponent = answer[1].replace("−", "-"), int((answer[2] or "0").replace("−", "-"))
        decimals = len(mantissa.partition(".")[2])
        # right to the digits shown: within half a unit of the last one
        tolerance = 0.5 * 10.0 ** (exponent - decimals) * (1 + 1e-9)
        expected = NUMERIC[name]()
        assert abs(float(mantissa) * 10.0**exponent - expected) <= tolerance, (
            f"{name}: the bank says {answer[0]}, the computation gives {expected}"
        )


def test_every_open_exercise_has_a_rubric_citing_its_notebook():
    rubrics = _blocks(RUBRIC)
    assert set(OPEN_QUESTIONS) <= set(rubrics), (
        f"no rubric for {set(OPEN_QUESTIONS) - set(rubrics)}"
    )
    assert set(rubrics) <= ALL_IDS
    for name, (match, _) in rubrics.items():
        assert match[3].startswith(f"{name[:2]} §"), f"{name}'s rubric cites {match[3]}"


def test_the_paper_after_the_core_paths_asks_only_about_the_core_paths():
    from tools.core_minutes import core_sections

    rows = table_rows(section(ASSESSMENT, "## Sample papers"))
    core_paper = [row for row in rows if "core paths" in row[0]]
    assert core_paper, "no sample paper for the core paths"
    items = _blocks(ITEM)
    for name in (n.strip() for n in core_paper[0][1].split(",")):
        for number, first, last in CITATION.findall(items[name][0][4]):
            path = next(p for p in NOTEBOOKS if p.name.startswith(number))
            outside = {s for s in (first, last) if s} - core_sections(path)
            assert not outside, f"{name} cites {number} §{outside}, outside the core path"


def test_the_sample_papers_add_up():
    items = {name: int(m[3]) for name, (m, _) in _blocks(ITEM).items()}
    rows = table_rows(section(ASSESSMENT, "## Sample papers"))
    assert rows
    for paper, listed, marks, _ in rows:
        names = [n.strip() for n in listed.split(",")]
        assert set(names) <= set(items), f"{paper}: unknown items"
        assert sum(items[n] for n in names) == int(marks), f"{paper}: marks do not add up"
