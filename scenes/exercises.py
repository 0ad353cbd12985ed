"""A week's exercises: the templates in ``course.toml`` (``[[weeks.exercises]]``), checked, and the problems
they make for a ``VARIANT``.

A template is a kind of exercise and either its ``problems``, one inline table each::

    [[weeks.exercises]]
    kind = "limit"
    problems = [{function = "sin(x)/x", point = 0}, {function = "abs(x)/x", point = 0}]

(with ``pick = 2``, each variant gets two of them, drawn by the variant), or, for derivatives and
antiderivatives, ``generate`` problems made by calcviz (the drill)::

    [[weeks.exercises]]
    kind = "derivative"
    generate = 6
    difficulty = 2          # 1, 2 or 3; antiderivatives take techniques = ["substitution", "parts"]

A bad template is one :class:`~scenes.course.ConfigError` naming the file, the week, the template and the
key.  The problems themselves are made by :mod:`scenes.publish.problem_set` (with calcviz): this module only
checks, so that the course config, and every clip, does not depend on how problems are worked.  Never
imports manim.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calcviz import ExpressionError, Field, Function

MAX_PROBLEMS = 40  # per template: a page of practice, not a bank
MAX_TEXT = 200  # characters of one expression
MAX_SIZE = 1e6

# Each kind: the keys of one of its problems, each with how it is read.  A reader takes the value and
# returns the parsed one, or raises ValueError with a message for the student's instructor.
FUNCTION, SEQUENCE, FIELD, NUMBER, LIMIT_POINT, BOUND_PAIR, PAIR, VARIABLE, RATE = (
    "function", "sequence", "field", "number", "limit point", "bound pair", "pair", "variable", "rate")
KINDS = {
    "derivative": {"function": FUNCTION},
    "antiderivative": {"function": FUNCTION},
    "limit": {"function": FUNCTION, "point": LIMIT_POINT},
    "sequence limit": {"sequence": SEQUENCE},
    "path limit": {"function": FIELD, "point": PAIR},
    "comparison": {"f": FUNCTION, "g": FUNCTION, "point": LIMIT_POINT},
    "linear approximation": {"function": FUNCTION, "point": NUMBER, "estimate_at": NUMBER},
    "partial derivative": {"function": FIELD, "variable": VARIABLE},
    "gradient": {"function": FIELD, "point": PAIR},
    "critical points": {"function": FIELD, "x_range": PAIR, "y_range": PAIR},
    "extrema": {"function": FUNCTION, "interval": PAIR},
    "descent step": {"function": FIELD, "start": PAIR, "learning_rate": RATE},
    "integral": {"function": FUNCTION, "interval": BOUND_PAIR},
}
GENERATED = {"derivative", "antiderivative"}
TECHNIQUES = ("power rule", "substitution", "parts", "none")  # calcviz.exercises.integrand's (a test keeps them equal)


class _Bad(ValueError):
    """A bad value: ``key`` and the message."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Template:
    kind: str
    problems: tuple[dict, ...] = ()  # parsed keys of each given problem
    generate: int = 0
    difficulty: int = 1
    techniques: tuple[str, ...] = ()
    pick: int = 0  # how many of the problems each variant gets (drawn by the variant); 0: all of them


def load_templates(raw: object, context: str) -> tuple[Template, ...]:
    """The ``exercises`` of one week (``context`` is "course.toml: week 3"), checked; ConfigError if bad."""
    from scenes.course import ConfigError

    if not isinstance(raw, list):
        raise ConfigError(f"{context}, key 'exercises': expected a list of tables ([[weeks.exercises]])")
    templates = []
    for index, table in enumerate(raw, start=1):
        kind = table.get("kind") if isinstance(table, dict) else None
        where = f"{context}, exercise {index}" + (f" ({kind})" if isinstance(kind, str) and kind in KINDS else "")
        try:
            templates.append(_template(table))
        except _Bad as error:
            raise ConfigError(f"{where}, key {error.key!r}: {error}") from None
    return tuple(templates)


def _template(table: object) -> Template:
    if not isinstance(table, dict):
        raise _Bad("exercises", "expected a table")
    kind = table.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise _Bad("kind", f"expected one of {', '.join(repr(k) for k in KINDS)}, got {_shown(kind)}")
    allowed = {"kind", "problems", "pick"} | ({"generate", "difficulty" if kind == "derivative" else "techniques"} if kind in GENERATED else set())
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _Bad(unknown[0], f"unknown key; a {kind} template takes {', '.join(sorted(allowed - {'kind'}))}")
    if ("problems" in table) == ("generate" in table):
        raise _Bad("problems", "give either problems (a list of inline tables) or generate (how many)"
                   if kind in GENERATED else "missing: a list of inline tables, one problem each")
    if "generate" in table:
        return _generated(kind, table)
    problems = table["problems"]
    if not isinstance(problems, list) or not problems or len(problems) > MAX_PROBLEMS:
        raise _Bad("problems", f"expected a list of 1 to {MAX_PROBLEMS} inline tables")
    pick = table.get("pick", 0)
    if "pick" in table and (not isinstance(pick, int) or isinstance(pick, bool) or not 1 <= pick <= len(problems)):
        raise _Bad("pick", f"expected how many of the {len(problems)} problems each variant gets (1 to {len(problems)}), got {_shown(pick)}")
    return Template(kind, problems=tuple(_problem(kind, item, i) for i, item in enumerate(problems)), pick=pick)


def _generated(kind: str, table: dict) -> Template:
    count = table["generate"]
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_PROBLEMS:
        raise _Bad("generate", f"expected a whole number of problems from 1 to {MAX_PROBLEMS}, got {_shown(count)}")
    if kind == "derivative":
        difficulty = table.get("difficulty", 1)
        if difficulty not in (1, 2, 3) or isinstance(difficulty, bool):
            raise _Bad("difficulty", f"expected 1, 2 or 3, got {_shown(difficulty)}")
        return Template(kind, generate=count, difficulty=difficulty)
    techniques = table.get("techniques", list(TECHNIQUES[:3]))
    if not isinstance(techniques, list) or not techniques or any(t not in TECHNIQUES for t in techniques):
        raise _Bad("techniques", f"expected a list of {', '.join(repr(t) for t in TECHNIQUES)}, got {_shown(techniques)}")
    return Template(kind, generate=count, techniques=tuple(techniques))


def _problem(kind: str, item: object, index: int) -> dict:
    where = f"problems[{index}]"
    if not isinstance(item, dict):
        raise _Bad(where, "expected an inline table such as {function = \"x^2\"}")
    keys = KINDS[kind]
    for key in sorted(set(keys) - set(item)):
        raise _Bad(f"{where}.{key}", "missing")
    for key in sorted(set(item) - set(keys)):
        raise _Bad(f"{where}.{key}", f"unknown key; a {kind} problem takes {', '.join(keys)}")
    parsed = {}
    for key, reader in keys.items():
        try:
            parsed[key] = READERS[reader](item[key])
        except _Bad as error:
            raise _Bad(f"{where}.{key}", str(error)) from None
        except (ExpressionError, ValueError, TypeError) as error:
            raise _Bad(f"{where}.{key}", str(error)) from None
    return parsed


def _shown(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


# -- readers ------------------------------------------------------------------------
def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise ValueError(f"expected an expression (text of at most {MAX_TEXT} characters), got {_shown(value)}")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or abs(value) > MAX_SIZE:
        raise ValueError(f"expected a number of size at most {MAX_SIZE:g}, got {_shown(value)}")
    return float(value)


def _limit_point(value: object) -> float:
    if value in ("inf", "-inf"):
        return math.inf if value == "inf" else -math.inf
    if isinstance(value, str):
        raise ValueError(f"expected a number, \"inf\" or \"-inf\", got {_shown(value)}")
    return _number(value)


def _pair(value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(f"expected two numbers [a, b], got {_shown(value)}")
    return _number(value[0]), _number(value[1])


def _bound_pair(value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(f"expected [a, b] (numbers, \"inf\" or \"-inf\"), got {_shown(value)}")
    lo, hi = _limit_point(value[0]), _limit_point(value[1])
    if not lo < hi:
        raise ValueError(f"expected a < b, got {_shown(value)}")
    return lo, hi


def _variable(value: object) -> str:
    if value not in ("x", "y"):
        raise ValueError(f"expected \"x\" or \"y\", got {_shown(value)}")
    return value


def _rate(value: object) -> float:
    rate = _number(value)
    if not 0 < rate <= 10:
        raise ValueError(f"expected a learning rate above 0 and at most 10, got {_shown(value)}")
    return rate


READERS = {
    FUNCTION: lambda v: Function(_text(v)),
    SEQUENCE: lambda v: Function(_text(v), variable="n"),
    FIELD: lambda v: Field(_text(v)),
    NUMBER: _number,
    LIMIT_POINT: _limit_point,
    PAIR: _pair,
    BOUND_PAIR: _bound_pair,
    VARIABLE: _variable,
    RATE: _rate,
}
