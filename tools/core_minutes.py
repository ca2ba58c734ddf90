"""How long each notebook's core path takes a novice, computed from the notebooks themselves.

The core path is every section whose heading does not say "(optional)" — a deep dive is a
section whose heading ends with "(optional)", with all its subsections — and the exercises
under "### Core exercises". The rates:

* reading: 200 words a minute, math (``$…$``, ``$$…$$``, ``\\begin…\\end``) and code left out;
* 1 minute per code cell, plus 1 per 25 lines of code;
* 1 minute per displayed equation;
* 2 minutes per slider figure (a cell that calls ``interactive_figure``);
* per exercise: ★ 4, ★★ 10, ★★★ 20 minutes.

    python tools/core_minutes.py           # a table of each notebook's core minutes, and the total
    python tools/core_minutes.py --check   # the same; exit 1 when a limit below is broken
    python tools/core_minutes.py --write-guide   # write the two tables of docs/teaching.md
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "teaching.md"
GUIDE_MARKERS = ("<!-- core-minutes:start -->", "<!-- core-minutes:end -->")
EXERCISE_MARKERS = ("<!-- exercises:start -->", "<!-- exercises:end -->")
_EXERCISE_ID = re.compile(
    r"""(?:check_answer|check_function|show_solution)\(\s*["'](0\d-[\w.-]+)["']"""
)
WORDS_PER_MINUTE = 200
CODE_LINES_PER_MINUTE = 25
STAR_MINUTES = {1: 4, 2: 10, 3: 20}
LIMITS = {"total": 180, "index": 10, "notebook": 30, "core exercises": 2}

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_EXERCISE = re.compile(r"^\*\*(\d+)\.\*\*\s*(.*)$")
_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$|\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.DOTALL)
_INLINE_MATH = re.compile(r"\$[^$\n]+\$")
_FENCED_CODE = re.compile(r"```.*?```", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*")


@dataclass
class CorePath:
    """What a notebook's core path holds, and the minutes it takes."""

    name: str
    words: int = 0
    code_cells: int = 0
    code_lines: int = 0
    equations: int = 0
    sliders: int = 0
    exercise_minutes: int = 0
    core_exercises: int = 0

    @property
    def minutes(self) -> float:
        return (
            self.words / WORDS_PER_MINUTE
            + self.code_cells
            + self.code_lines / CODE_LINES_PER_MINUTE
            + self.equations
            + 2 * self.sliders
            + self.exercise_minutes
        )


def prose_words(markdown: str) -> int:
    """The number of words of ``markdown`` a student reads as prose: no math, no code."""
    text = _DISPLAY_MATH.sub(" ", markdown)
    for pattern in (_FENCED_CODE, _INLINE_MATH, _INLINE_CODE, _LINK_TARGET, _HTML_TAG):
        text = pattern.sub(" ", text)
    return len(_WORD.findall(text))


class _Walk:
    """Reads a notebook's markdown cells in order and keeps track of where it is: inside a
    deep dive (a heading that says "(optional)", with its subsections) or not, and under
    "Core exercises" or not."""

    def __init__(self) -> None:
        self.optional_level = 0  # > 0 inside a deep dive: the level of the heading that opened it
        self.in_core_exercises = False

    def core_lines(self, markdown: str) -> list[tuple[str, bool]]:
        """The lines of ``markdown`` on the core path, each with: is it under Core exercises?"""
        kept = []
        for line in markdown.splitlines():
            heading = _HEADING.match(line)
            if heading:
                level, title = len(heading.group(1)), heading.group(2).strip()
                if self.optional_level and level > self.optional_level:
                    continue
                self.optional_level = level if "(optional)" in title.lower() else 0
                if level <= 3:
                    self.in_core_exercises = title.lower().startswith("core exercises")
            if not self.optional_level:
                kept.append((line, self.in_core_exercises))
        return kept


def _cells(notebook: Path) -> list[tuple[str, str]]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [(cell["cell_type"], "".join(cell["source"])) for cell in cells]


def core_path(notebook: Path) -> CorePath:
    """Walk ``notebook``'s cells and add up its core path (see the module's docstring)."""
    result, walk = CorePath(notebook.name), _Walk()
    for kind, source in _cells(notebook):
        if kind == "markdown":
            lines = walk.core_lines(source)
            for line, in_core_exercises in lines:
                exercise = _EXERCISE.match(line)
                if exercise and in_core_exercises:
                    stars = min(exercise.group(2).count("★"), 3)
                    result.exercise_minutes += STAR_MINUTES.get(stars, 0)
                    result.core_exercises += 1
            text = "\n".join(line for line, _ in lines)
            result.words += prose_words(text)
            result.equations += len(_DISPLAY_MATH.findall(text))
        elif kind == "code" and not walk.optional_level:
            result.code_cells += 1
            result.code_lines += sum(1 for line in source.splitlines() if line.strip())
            result.sliders += "interactive_figure(" in source
    return result


def core_sections(notebook: Path) -> set[str]:
    """The numbers ("1", "4.1", ...) of ``notebook``'s numbered sections on its core path."""
    found, walk = set(), _Walk()
    for kind, source in _cells(notebook):
        for line, _ in walk.core_lines(source) if kind == "markdown" else ():
            heading = _HEADING.match(line)
            number = heading and re.match(r"(\d+(?:\.\d+)?)[.\s]", heading.group(2).strip())
            if number:
                found.add(number.group(1))
    return found


def notebooks(folder: Path = ROOT / "notebooks") -> list[Path]:
    """The collection's notebooks, in reading order."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def problems(paths: list[CorePath]) -> list[str]:
    """Each limit of the core paths that is broken, in words."""
    found = []
    total = sum(p.minutes for p in paths)
    if total > LIMITS["total"]:
        found.append(f"all core paths take {total:.0f} min, over {LIMITS['total']}")
    for p in paths:
        index = p.name.startswith("00_")
        limit = LIMITS["index"] if index else LIMITS["notebook"]
        if p.minutes > limit:
            found.append(f"{p.name}: {p.minutes:.0f} min, over {limit}")
        if not index and p.core_exercises < LIMITS["core exercises"]:
            found.append(f"{p.name}: {p.core_exercises} core exercise(s), fewer than 2")
    return found


def table(paths: list[CorePath]) -> str:
    """A plain-text table: each notebook's core minutes and what they are made of."""
    rows = [
        f"{'notebook':<32} {'min':>4} {'words':>6} {'code':>5} {'eqs':>4} {'sliders':>7} "
        f"{'core ex.':>8}"
    ]
    for p in paths:
        rows.append(
            f"{p.name:<32} {p.minutes:>4.0f} {p.words:>6} {p.code_cells:>5} {p.equations:>4} "
            f"{p.sliders:>7} {p.core_exercises:>8}"
        )
    rows.append(f"{'total':<32} {sum(p.minutes for p in paths):>4.0f}")
    return "\n".join(rows)


def exercises(notebook: Path) -> list[tuple[int, int, str, bool]]:
    """(number, stars, id, on the core path?) of each exercise of ``notebook``, in order: the
    id is the first one a later cell (or the exercise's own text) checks or reveals."""
    found: list[list] = []
    walk = _Walk()
    for kind, source in _cells(notebook):
        core = {line for line, _ in walk.core_lines(source)} if kind == "markdown" else set()
        for line in source.splitlines() if kind == "markdown" else [source]:
            if kind == "markdown" and (exercise := _EXERCISE.match(line)):
                stars = min(exercise.group(2).count("★"), 3)
                found.append([int(exercise.group(1)), stars, "", line in core])
            ids = _EXERCISE_ID.findall(line)
            if found and not found[-1][2] and ids:
                found[-1][2] = ids[0]
    return [tuple(entry) for entry in found]


def exercise_table() -> str:
    """The teacher's guide's table of every exercise: core ones first, with their stars."""
    rows = ["| Notebook | Core exercises | More exercises (optional) |", "|---|---|---|"]
    for path in notebooks()[1:]:
        listed = exercises(path)
        cells = [
            ", ".join(f"{n}. `{i}` {'★' * stars}" for n, stars, i, core in listed if core == side)
            for side in (True, False)
        ]
        rows.append(f"| {path.name[:2]} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def _title(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        for line in "".join(cell["source"]).splitlines():
            if cell["cell_type"] == "markdown" and line.startswith("# "):
                return line[2:].strip()
    raise ValueError(f"core_minutes: {notebook.name} has no title")


def guide_table() -> str:
    """The teacher's guide's table of the notebooks: core minutes and exercises of each."""
    from helpers.exercises import CODE_EXERCISES, EXERCISES, OPEN_QUESTIONS

    rows = [
        "| # | Notebook | Core path | Core exercises | All exercises |",
        "|---|---|---|---|---|",
    ]
    paths = notebooks()
    total = 0.0
    for path in paths:
        core, number = core_path(path), path.name[:2]
        total += core.minutes
        kinds = [
            sum(i.startswith(number) for i in registry)
            for registry in (EXERCISES, CODE_EXERCISES, OPEN_QUESTIONS)
        ]
        rows.append(
            f"| {number} | [{_title(path)}](../notebooks/{path.name}) | {core.minutes:.0f} min "
            f"| {core.core_exercises} | {kinds[0]} numeric, {kinds[1]} code, {kinds[2]} open |"
        )
    rows.append(f"| | **All core paths** | **{total:.0f} min** | | |")
    return "\n".join(rows)


def guide_with_table(text: str) -> str:
    """``text`` (the guide) with its two generated tables written anew between their markers."""
    for (start, end), table_text in (
        (GUIDE_MARKERS, guide_table),
        (EXERCISE_MARKERS, exercise_table),
    ):
        before, rest = text.split(start)
        after = rest.split(end)[1]
        text = f"{before}{start}\n{table_text()}\n{end}{after}"
    return text


def main(argv: list[str]) -> int:
    paths = [core_path(path) for path in notebooks()]
    if "--write-guide" in argv:
        GUIDE.write_text(guide_with_table(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(table(paths))
    found = problems(paths)
    for problem in found:
        print("over the limit:", problem)
    return 1 if found and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
