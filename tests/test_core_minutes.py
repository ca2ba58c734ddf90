"""The core-path timing script counts what it says it counts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools.core_minutes import (
    CorePath,
    core_path,
    core_sections,
    exercises,
    notebooks,
    problems,
    prose_words,
)


def _notebook(tmp_path: Path, *cells: tuple[str, str]) -> Path:
    path = tmp_path / "01_demo.ipynb"
    nb = {
        "cells": [{"cell_type": kind, "metadata": {}, "source": text} for kind, text in cells],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_prose_words_leave_out_math_code_and_link_targets():
    text = "The sigmoid $\\sigma(z)$ is `sigmoid(z)`, see [notebook 02](02_derivative.ipynb).\n"
    text += "$$\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))$$\n```python\nx = 1\n```"
    assert prose_words(text) == 6  # The sigmoid is see notebook 02


def test_an_optional_section_and_its_subsections_are_left_out(tmp_path):
    path = _notebook(
        tmp_path,
        ("markdown", "# Title\n\none two three"),
        ("code", "x = 1\ny = 2"),
        ("markdown", "## 2. Deep dive (optional)\n\nfour five six seven"),
        ("markdown", "### 2.1 Inside it\n\n$$e^z$$"),
        ("code", "z = 3"),
        ("markdown", "## 3. Back on the core\n\neight"),
    )
    result = core_path(path)
    # "Title one two three" and "3. Back on the core eight"; not the optional section's words,
    # code or math
    assert (result.words, result.code_cells, result.equations) == (10, 1, 0)
    assert result.minutes == pytest.approx(10 / 200 + 1 + 2 / 25)


def test_core_exercises_count_their_stars_and_the_optional_ones_do_not(tmp_path):
    path = _notebook(
        tmp_path,
        ("markdown", "## Exercises\n\n### Core exercises"),
        ("markdown", "**1.** ★ Compute it."),
        ("markdown", "**2.** ★★ Write it."),
        ("markdown", "**3.** ★★★ Prove it."),
        ("markdown", "### More exercises (optional)\n\n**4.** ★★★ More."),
    )
    result = core_path(path)
    assert (result.core_exercises, result.exercise_minutes) == (3, 4 + 10 + 20)


def test_a_slider_figure_costs_two_minutes(tmp_path):
    path = _notebook(tmp_path, ("code", "interactive_figure(draw, k=float_slider('k', 1, 2))"))
    result = core_path(path)
    assert (result.sliders, result.minutes) == (1, pytest.approx(1 + 1 / 25 + 2))


def test_the_limits_are_checked():
    long = CorePath("03_long.ipynb", words=200 * 31, core_exercises=2)
    few = CorePath("04_few.ipynb", core_exercises=1)
    index = CorePath("00_index.ipynb", words=200 * 11)
    found = problems([long, few, index])
    assert found == [
        "03_long.ipynb: 31 min, over 30",
        "04_few.ipynb: 1 core exercise(s), fewer than 2",
        "00_index.ipynb: 11 min, over 10",
    ]
    two = [CorePath(f"0{i}_x.ipynb", words=200 * 29, core_exercises=2) for i in (1, 2)]
    assert problems(two) == []
    seven = [CorePath(f"0{i}_x.ipynb", words=200 * 29, core_exercises=2) for i in range(1, 8)]
    assert problems(seven) == ["all core paths take 203 min, over 180"]


def test_core_sections_are_the_numbered_sections_outside_the_deep_dives(tmp_path):
    path = _notebook(
        tmp_path,
        ("markdown", "# Title\n\n## 1. Core"),
        ("markdown", "### 1.1 Inside the core\n\n## 2. Deep (optional)\n\n### 2.1 Deeper"),
        ("markdown", "## 3. Core again\n\n### 3.1 A dive (optional)\n\n## Summary"),
    )
    assert core_sections(path) == {"1", "1.1", "3"}


def test_exercises_are_read_with_their_stars_ids_and_place(tmp_path):
    path = _notebook(
        tmp_path,
        ("markdown", "## Exercises\n\n### Core exercises\n\n**1.** ★ What is σ(0)?"),
        ("code", 'check_answer("01-a", answer)'),
        (
            "markdown",
            '### More exercises (optional)\n\n**2.** ★★ Prove it; `show_solution("01-b")`.',
        ),
        ("markdown", "**3.** ★★★ Write it."),
        ("code", 'check_function("01-c", f)'),
    )
    assert exercises(path) == [(1, 1, "01-a", True), (2, 2, "01-b", False), (3, 3, "01-c", False)]


def test_every_notebook_numbers_its_exercises_in_order_and_names_each_one():
    for path in notebooks()[1:]:
        listed = exercises(path)
        assert [n for n, *_ in listed] == list(range(1, len(listed) + 1)), path.name
        assert all(stars and exercise_id for _, stars, exercise_id, _ in listed), path.name


def test_the_core_paths_fit_their_limits():
    assert problems([core_path(path) for path in notebooks()]) == []


def test_each_notebook_states_its_core_minutes_as_counted():
    for path in notebooks()[1:]:
        stated = re.search(r"\*\*Core path\*\* \(about (\d+) minutes\)", path.read_text("utf-8"))
        assert stated, f"{path.name} does not state its core path in minutes"
        counted = core_path(path).minutes
        assert abs(int(stated[1]) - counted) <= 2.5, f"{path.name}: {stated[1]} ≠ {counted:.1f}"


def test_the_index_gives_each_core_path_its_counted_minutes():
    paths = notebooks()
    cells = json.loads(paths[0].read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    stated = dict(re.findall(r"^\| (\d\d) \|.*\| (\d+) min \|$", text, re.M))
    counted = {path.name[:2]: core_path(path).minutes for path in paths}
    assert stated == {number: f"{minutes:.0f}" for number, minutes in counted.items()}
    total = re.search(r"\*\*(\d+) min\*\*", text)
    assert total and total[1] == f"{sum(counted.values()):.0f}"


def test_the_readme_gives_the_total_of_the_core_paths():
    total = sum(core_path(path).minutes for path in notebooks())
    readme = (notebooks()[0].parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"{total:.0f} minutes for all of them together" in readme
