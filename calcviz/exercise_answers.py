"""What a practice problem is made of: its worked :class:`Step` lines, its :class:`Answer` (what a
checker compares a student's answer with) and the :class:`Problem` itself; and how each kind of answer is
built (an expression checked at points, a number, a vector, a choice of words).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import sympy

__all__ = ["Answer", "Problem", "Step", "POINTS_NEEDED"]

VALUE = "value"  # the option meaning "the answer typed in the field" (a number, an expression)
EXPRESSION_TOLERANCE = 1e-6  # relative (absolute below 1): an expression is right when its values agree this well
NUMBER_TOLERANCE = 1e-4  # relative (absolute below 1): a number typed with 4-5 digits is right
# Where expressions are compared: spread out, irrational-looking, away from the usual special points.
CHECK_XS = (0.37, 1.23, -0.61, 1.87, 2.41, -1.43, 0.83, 3.17, -2.29, 0.11, 4.61)
CHECK_YS = (0.53, -0.79, 1.31, -1.17, 0.29, 2.03, -0.41, 1.61, 0.97, -1.83, 0.71)
POINTS_NEEDED = 5


@dataclass(frozen=True)
class Step:
    """One line of a worked solution: the rule or fact it uses, in words, and its math (LaTeX)."""

    rule: str
    latex: str


@dataclass(frozen=True)
class Answer:
    """What is right.

    ``mode``: ``"expression"`` (``variables``, ``points`` and calcviz's ``values`` there; with
    ``constant`` an antiderivative, right up to a constant, written with C), ``"number"``
    (``numbers[0]``), ``"vector"`` (``numbers``), or ``"choice"`` (one of ``options``).  When
    ``options`` holds :data:`VALUE` beside words ("no limit"), ``correct`` says which is right; the
    field's value counts only when it is :data:`VALUE`.
    """

    mode: str
    latex: str
    text: str = ""  # the answer as the course types expressions (2*x*cos(x^2), 81/40, no limit)
    options: tuple[str, ...] = ()
    correct: str = VALUE
    variables: tuple[str, ...] = ()
    points: tuple[tuple[float, ...], ...] = ()
    values: tuple[float, ...] = ()
    numbers: tuple[float, ...] = ()
    constant: bool = False
    tolerance: float = 0.0

    def as_data(self) -> dict:
        """The answer as JSON-ready data for the practice page (no text from the course config)."""
        return {"mode": self.mode, "options": list(self.options), "correct": self.correct,
                "variables": list(self.variables), "points": [list(p) for p in self.points],
                "values": list(self.values), "numbers": list(self.numbers), "constant": self.constant,
                "tolerance": self.tolerance}


@dataclass(frozen=True)
class Problem:
    kind: str
    prompt: str  # words, with $...$ TeX
    answer: Answer
    steps: tuple[Step, ...] = field(default_factory=tuple)


def expression_answer(expr: sympy.Expr, symbols, latex: str, constant: bool = False) -> Answer:
    """An expression's values at check points where it is finite (at least POINTS_NEEDED of them)."""
    value = sympy.lambdify(symbols, expr, "math")
    candidates = zip(CHECK_XS, CHECK_YS) if len(symbols) == 2 else ((x,) for x in CHECK_XS)
    points, values = [], []
    for point in candidates:
        number = real_value(value, point)
        if number is not None:
            points.append(point)
            values.append(number)
        if len(points) == POINTS_NEEDED:
            break
    if len(points) < POINTS_NEEDED:
        raise ValueError(f"{expr} is defined at too few check points to be compared by values")
    typed = plain(expr) + (" + C" if constant else "")
    return Answer("expression", latex, typed, variables=tuple(s.name for s in symbols), points=tuple(points),
                  values=tuple(values), constant=constant, tolerance=EXPRESSION_TOLERANCE)


def real_value(function, point) -> float | None:
    """``function`` at ``point`` if it is a real, finite, moderate number (a check point worth comparing at)."""
    try:
        number = complex(function(*point))
    except (ValueError, ZeroDivisionError, OverflowError, TypeError):
        return None
    if abs(number.imag) > 1e-12 or not math.isfinite(number.real) or abs(number.real) > 1e8:
        return None
    return number.real


def number_answer(value: sympy.Expr | float, options: tuple[str, ...] = ()) -> Answer:
    """A number, exact when it can be, checked to NUMBER_TOLERANCE."""
    exact = sympy.nsimplify(value) if isinstance(value, float) and value == int(value) else value
    return Answer("number", latex_of(exact), plain(exact), options=options, numbers=(float(value),), tolerance=NUMBER_TOLERANCE)


def plain(value) -> str:
    """A value or expression as the course types it: ``2*x*cos(x^2)``, ``81/40``, ``-1.02``."""
    if not isinstance(value, sympy.Basic):
        return float_latex(float(value))
    return sympy.sstr(value).replace("**", "^")


def latex_of(value) -> str:
    """LaTeX for an exact value, or a float shown as :func:`float_latex` does."""
    return sympy.latex(value) if isinstance(value, sympy.Basic) else float_latex(value)


def float_latex(value: float) -> str:
    """A float with up to 6 significant digits, an integer without its ".0"."""
    return str(int(value)) if value == int(value) else f"{value:.6g}"


def vector_answer(values) -> Answer:
    """A point or gradient, each coordinate checked to NUMBER_TOLERANCE."""
    shown = ", ".join(latex_of(v) for v in values)
    typed = "(" + ", ".join(plain(v) for v in values) + ")"
    return Answer("vector", rf"\left({shown}\right)", typed, numbers=tuple(float(v) for v in values), tolerance=NUMBER_TOLERANCE)


def choice(options: tuple[str, ...], correct: str) -> Answer:
    """One of ``options`` (minimum, maximum, saddle...), ``correct`` being the right one."""
    return Answer("choice", rf"\text{{{correct}}}", correct, options=options, correct=correct)


def word_answer(options: tuple[str, ...], correct: str, mode: str = "number", variables: tuple[str, ...] = ()) -> Answer:
    """A word (no limit, diverges) where a number (or an expression in ``variables``) was possible: the field's
    mode is kept for the page, which still reads what is typed there."""
    return Answer(mode, rf"\text{{{correct}}}", correct, options=options, correct=correct, variables=variables,
                  constant=mode == "expression", tolerance=NUMBER_TOLERANCE)
