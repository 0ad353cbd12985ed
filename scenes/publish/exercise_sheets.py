"""A week's exercises in print and on the page: ``week3-exercises.pdf`` (numbered problems) and ``week3-solutions.pdf``
(each problem's worked solution, every step with the rule it uses, and the final answer, also as the
course types it), typeset by pdflatex from the problems of :mod:`scenes.exercises`.

    python -m scenes exercises WEEK [--quality Q] [--variant V] [--output DIR]

Writes into ``renders/<quality>/week<N>/`` (or DIR), with the week's practice page ``practice.html``
(:mod:`scenes.publish.practice`; its libraries go to ``lib/`` beside the week's folder).  The TeX is written and compiled in a scratch
folder; the PDFs are moved into place only once both compiled.  Never imports manim.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from calcviz.exercises import Problem
from scenes.course import ROOT, load_course
from scenes.publish.problem_set import variant, week_problems
from scenes.publish import practice


class SheetError(RuntimeError):
    """pdflatex is missing or failed: the message names the file and LaTeX's first error."""


PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath,amssymb}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\begin{document}
"""

_SPECIAL = {"\\": r"$\backslash$", "{": r"\{", "}": r"\}", "_": r"\_", "^": r"\^{}", "&": r"\&", "%": r"\%",
            "#": r"\#", "$": r"\$", "~": r"\~{}", "<": r"$<$", ">": r"$>$", "'": "'{}"}  # OT1 (Type 1 fonts, none to make); '{} keeps f'' from the ” ligature


def tex_words(text: str) -> str:
    """Plain words set as LaTeX text (every special character escaped)."""
    return "".join(_SPECIAL.get(char, char) for char in text)


def tex_prompt(prompt: str) -> str:
    """A prompt: words with ``$...$`` math (calcviz's LaTeX) kept as math, the words escaped."""
    parts = prompt.split("$")
    return "".join(f"${part}$" if i % 2 else tex_words(part) for i, part in enumerate(parts))


def tex_typed(text: str) -> str:
    """An answer as typed, in typewriter letters that copy (and pdftotext reads) as the ASCII typed."""
    if re.fullmatch(r"[A-Za-z0-9 *+\-/^().,=:]*", text):
        return rf"\texttt{{\detokenize{{{text}}}}}"
    return rf"\texttt{{{tex_words(text)}}}"


def _title(course_title: str, week, what: str, variant_name: str) -> str:
    return (rf"\section*{{Week {week.number}: {tex_words(week.title)} --- {what}}}" "\n"
            rf"{tex_words(course_title)}. Variant {tex_words(variant_name)}." "\n\n")


def exercises_tex(course_title: str, week, problems: list[Problem], variant_name: str) -> str:
    body = [PREAMBLE, _title(course_title, week, "exercises", variant_name)]
    for number, problem in enumerate(problems, start=1):
        body.append(rf"\subsection*{{Problem {number}}}" "\n" f"{tex_prompt(problem.prompt)}\n\n")
        if problem.answer.mode == "choice":
            body.append("Choose one: " + "; ".join(tex_words(o) for o in problem.answer.options) + ".\n\n")
    body.append(r"\end{document}" "\n")
    return "".join(body)


def solutions_tex(course_title: str, week, problems: list[Problem], variant_name: str) -> str:
    body = [PREAMBLE, _title(course_title, week, "worked solutions", variant_name)]
    for number, problem in enumerate(problems, start=1):
        body.append(rf"\subsection*{{Problem {number}}}" "\n" f"{tex_prompt(problem.prompt)}\n\n")
        body.append(r"\begin{enumerate}" "\n")
        for step in problem.steps:
            body.append(rf"\item \textit{{{tex_words(step.rule)}}}: \[ {step.latex} \]" "\n")
        body.append(r"\end{enumerate}" "\n")
        answer = problem.answer
        body.append(rf"\textbf{{Answer {number}:}} $\displaystyle {answer.latex}$" "\n\n")
        body.append(rf"{{\raggedright Typed: {tex_typed(answer.text)}\par}}" "\n\n")  # a long one breaks at its spaces
    body.append(r"\end{document}" "\n")
    return "".join(body)


def typeset(tex: str, name: str, scratch: Path) -> Path:
    """``name``.pdf from ``tex``, compiled in ``scratch``; SheetError with LaTeX's first error line."""
    compiler = shutil.which("pdflatex")
    if compiler is None:
        raise SheetError("pdflatex not found: the set-up (scripts/bootstrap.sh) installs TeX Live")
    source = scratch / f"{name}.tex"
    source.write_text(tex, encoding="utf-8")
    result = subprocess.run([compiler, "-interaction=nonstopmode", "-halt-on-error", source.name], cwd=scratch,
                            capture_output=True, text=True, timeout=300, check=False)
    pdf = scratch / f"{name}.pdf"
    if result.returncode != 0 or not pdf.exists():
        first = next((line for line in result.stdout.splitlines() if line.startswith("!")), "no error line")
        raise SheetError(f"{name}.tex did not compile: {first}")
    return pdf


def week_exercises(week_number: int, variant_name: str | None):
    """(course, week, problems, variant) for a week that has exercises; SheetError if it has none."""
    course = load_course()
    week = course.week(week_number)
    name = variant_name or variant()
    problems = week_problems(week, name)
    if not problems:
        raise SheetError(f"{course.path.name}: week {week_number} has no exercises ([[weeks.exercises]])")
    return course, week, problems, name


def write_sheets(week_number: int, folder: Path, variant_name: str | None = None) -> tuple[Path, Path]:
    """``week<N>-exercises.pdf`` and ``week<N>-solutions.pdf`` in ``folder``; both or neither replaced."""
    course, week, problems, name = week_exercises(week_number, variant_name)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".exercises-", dir=folder) as scratch:
        made = [typeset(exercises_tex(course.title, week, problems, name), f"week{week_number}-exercises", Path(scratch)),
                typeset(solutions_tex(course.title, week, problems, name), f"week{week_number}-solutions", Path(scratch))]
        targets = [folder / pdf.name for pdf in made]
        for pdf, target in zip(made, targets):
            pdf.replace(target)
    return targets[0], targets[1]


def main(argv: list[str]) -> int:
    if not argv or not re.fullmatch(r"\d+", argv[0]):
        print("usage: python -m scenes exercises WEEK [--quality Q] [--variant V] [--output DIR]", file=sys.stderr)
        return 2
    option = lambda flag, default: argv[argv.index(flag) + 1] if flag in argv[:-1] else default
    week = int(argv[0])
    folder = Path(option("--output", ROOT / "renders" / option("--quality", "high") / f"week{week}"))
    course, entry, problems, name = week_exercises(week, option("--variant", None))
    exercises, solutions = write_sheets(week, folder, name)
    page = practice.write_practice(course.title, entry, problems, name, folder.parent)
    print(f"week {week}: {len(problems)} problems: {exercises.relative_to(folder.parent)}, {solutions.name} "
          f"and {page.name} ({practice.page_weight(folder.parent, week) / 1e6:.1f} MB with its libraries)")
    return 0
