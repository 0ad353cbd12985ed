"""Exercises in print: `make exercises-week3` in a copy of the project writes week3-exercises.pdf and
week3-solutions.pdf, read back with poppler's pdftotext: every problem, every step's rule, every final answer."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from scenes.course import load_course
from scenes.publish.problem_set import week_problems
from scenes.publish import exercise_sheets
from tests.test_publish import _copy_project


def _squeezed(text: str) -> str:
    """Without whitespace (a PDF line may break anywhere between words) and with ASCII minus signs."""
    return re.sub(r"\s+", "", text).replace("\u2212", "-").replace("\u2019", "'")


def _pdf_text(pdf: Path) -> str:
    assert shutil.which("pdftotext"), "poppler-utils is not installed: run scripts/bootstrap.sh as root"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    project = _copy_project(tmp_path_factory.mktemp("sheets") / "project")
    started = time.perf_counter()
    result = subprocess.run(["make", "exercises-week3", "QUALITY=tiny"], cwd=project, capture_output=True, text=True,
                            timeout=600, check=False)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    folder = project / "renders" / "tiny" / "week3"
    print(f"make exercises-week3: {seconds:.1f} s; pages: {_pages(folder / 'week3-exercises.pdf')} exercises, "
          f"{_pages(folder / 'week3-solutions.pdf')} solutions")
    return folder


def _words(prompt: str) -> str:
    """The prompt's words before its first formula (what pdftotext gives back as written)."""
    return prompt.split("$")[0].strip()


def test_the_exercise_sheet_numbers_every_problem_and_gives_no_answer(sheets):
    text = _pdf_text(sheets / "week3-exercises.pdf")
    problems = week_problems(load_course().week(3), "A")
    positions = [text.index(f"Problem {n}\n") if f"Problem {n}\n" in text else -1 for n in range(1, len(problems) + 1)]
    assert -1 not in positions and positions == sorted(positions), "every problem, numbered in order"
    for problem in problems:
        assert _squeezed(_words(problem.prompt)) in _squeezed(text)
    assert "Answer" not in text and "Typed:" not in text


def test_the_solutions_give_every_step_with_its_rule_and_every_final_answer(sheets):
    text = _pdf_text(sheets / "week3-solutions.pdf")
    squeezed = _squeezed(text)
    problems = week_problems(load_course().week(3), "A")
    for number, problem in enumerate(problems, start=1):
        start = squeezed.index(f"Problem{number}")
        end = squeezed.index(f"Problem{number + 1}") if number < len(problems) else len(squeezed)
        section = squeezed[start:end]
        for step in problem.steps:
            assert _squeezed(step.rule) + ":" in section, (number, step.rule)
        assert f"Answer{number}:" in section
        assert "Typed:" + _squeezed(problem.answer.text) in section, (number, problem.answer.text)
    assert "product rule" in text and "quotient rule" in text and "chain rule" in text


def test_another_variant_prints_other_problems(tmp_path):
    exercise_sheets.write_sheets(3, tmp_path / "A", "A")
    exercise_sheets.write_sheets(3, tmp_path / "exam", "exam")
    first, other = (_pdf_text(tmp_path / v / "week3-exercises.pdf") for v in ("A", "exam"))
    assert "Variant A." in first and "Variant exam." in other
    assert first.replace("Variant A.", "") != other.replace("Variant exam.", "")


def test_publishing_a_week_with_exercises_makes_its_sheets():
    from scenes.makegen import makefile_text

    rules = makefile_text(load_course())
    assert "-m scenes exercises 3 --quality $(QUALITY) --variant '$(VARIANT)'" in rules


def test_without_pdflatex_the_error_is_one_line_and_nothing_is_replaced(tmp_path, monkeypatch):
    (tmp_path / "week3-exercises.pdf").write_bytes(b"%PDF earlier")
    monkeypatch.setattr(exercise_sheets.shutil, "which", lambda name: None)
    with pytest.raises(exercise_sheets.SheetError, match="pdflatex not found") as error:
        exercise_sheets.write_sheets(3, tmp_path, "A")
    assert "\n" not in str(error.value)
    assert (tmp_path / "week3-exercises.pdf").read_bytes() == b"%PDF earlier"
