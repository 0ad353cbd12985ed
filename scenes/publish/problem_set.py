"""The problems a week's exercise templates (:mod:`scenes.exercises`) make for a VARIANT, worked by calcviz.

The same course.toml and VARIANT give the same problems: generation is seeded by the variant, the week and
the template's place; another variant (a section, an exam) gives others of the same kinds and difficulty.
Every problem, its answer and its worked solution come from :mod:`calcviz.exercises`.  Never imports manim.
"""

from __future__ import annotations

import os
import random

from calcviz import Function
from calcviz import exercises as calc
from scenes.course import ConfigError, course_path
from scenes.exercises import KINDS, Template

DEFAULT_VARIANT = "A"


def variant() -> str:
    """The variant in use: ``$VARIANT``, else "A"."""
    return os.environ.get("VARIANT", "").strip() or DEFAULT_VARIANT


def _arguments(kind: str, parsed: dict) -> tuple:
    if kind in ("integral", "extrema"):
        return (parsed["function"], *parsed["interval"])
    return tuple(parsed[key] for key in KINDS[kind])


def template_problems(template: Template, week: int, index: int, variant_name: str) -> list[calc.Problem]:
    """The problems of one template (``index``: its place in the week, from 1), for one variant."""
    build = calc.BUILDERS[template.kind]
    made = []
    given = list(enumerate(template.problems))
    if template.pick:  # the variant's own draw, kept in the listed order
        given = sorted(random.Random(f"{variant_name}:week{week}:exercise{index}:pick").sample(given, template.pick), key=lambda pair: pair[0])
    for number, parsed in given:
        try:
            result = build(*_arguments(template.kind, parsed))
        except (ValueError, ArithmeticError) as error:  # a template that checks out but has no answer (abs(x) at 0)
            raise ConfigError(f"{course_path().name}: week {week}, exercise {index} ({template.kind}), key 'problems[{number}]': "
                              f"calcviz cannot work this problem: {error}") from None
        made.extend(result if isinstance(result, list) else [result])
    if template.generate:
        made.extend(_generated_problems(template, random.Random(f"{variant_name}:week{week}:exercise{index}")))
    return made


def _generated_problems(template: Template, rng: random.Random) -> list[calc.Problem]:
    """``template.generate`` different problems; a candidate calcviz cannot work is drawn again."""
    made, seen = [], set()
    for _ in range(50 * template.generate):
        if len(made) == template.generate:
            break
        if template.kind == "derivative":
            text = calc.drill_function(rng, template.difficulty)
        else:
            text = calc.integrand(rng, template.techniques[len(made) % len(template.techniques)])
        if text in seen:
            continue
        seen.add(text)
        try:
            made.append(calc.BUILDERS[template.kind](Function(text)))
        except (ValueError, ArithmeticError):
            continue
    return made


def week_problems(week, variant_name: str | None = None) -> list[calc.Problem]:
    """Every problem of a week (a :class:`scenes.course.Week`), numbered in order of the templates."""
    name = variant_name or variant()
    return [p for i, t in enumerate(week.exercises, start=1) for p in template_problems(t, week.number, i, name)]
