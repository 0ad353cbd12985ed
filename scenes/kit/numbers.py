"""One way to show a number, everywhere in the series (screen, voice and panels).

Each kind of quantity has one format:

- ``value``: a computed value (a slope, a limit, an area, a constant such as e or π):
  4 significant digits, trailing zeros kept (1.250, 0.1000, 2.718, 3.142).
- ``step``: a size the lecture chooses (h, ε, δ, dx, η): as written, up to 4 digits
  (0.1, 0.01, 0.25).
- ``error``: a difference that shrinks: as a value from 10⁻³ up, below that in scientific
  notation with 3 significant digits (1.56 × 10⁻⁴).
- ``count``: a whole number (n = 32).

Exact zero (and float noise below 1e-12) is shown as 0; minus is a true minus sign.  When a
clip teaches an inequality, :func:`distinct` adds digits until the shown numbers keep their
order (0.09983 < 0.1000 < 0.1003).  Pure text: no manim, so panels use it too.

>>> number(1.25), number(0.1), number(2.718281828), number(-0.000154, "error"), number(0.01, "step")
('1.250', '0.1000', '2.718', '−1.54 × 10⁻⁴', '0.01')
>>> number_tex(0.000156, "error")
'1.56 \\\\times 10^{-4}'
>>> distinct([0.0998334, 0.1, 0.1003347])
['0.09983', '0.1000', '0.1003']
"""

from __future__ import annotations

import math
import re

KINDS = ("value", "step", "error", "count")
DIGITS = 4  # significant digits of a value
ERROR_DIGITS = 3  # significant digits of an error in scientific notation
SCIENTIFIC_BELOW = 1e-3  # errors smaller than this switch to scientific notation
NOISE = 1e-12  # a float this close to 0 is 0
MINUS = "−"
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _significant(x: float, digits: int) -> str:
    """``x`` with ``digits`` significant digits, trailing zeros kept, never in e-notation."""
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    text = f"{x:.{decimals}f}"
    if abs(float(text)) >= 10 ** (digits - decimals):  # rounding carried into a new digit: 9.9996 -> 10.000
        text = f"{x:.{max(0, decimals - 1)}f}"
    return text


def _parts(x: float, kind: str, digits: int | None) -> tuple[str, int | None]:
    """The mantissa text and the power of ten (None when not scientific)."""
    if kind not in KINDS:
        raise ValueError(f"no number format for a {kind!r}; kinds: {', '.join(KINDS)}")
    if not math.isfinite(x):
        raise ValueError(f"cannot show {x} as a number")
    if abs(x) < NOISE:
        return "0", None
    if kind == "count":
        if x != round(x):
            raise ValueError(f"a count must be whole, not {x}")
        return str(int(round(x))), None
    if kind == "step":
        text = f"{x:.{digits or DIGITS}g}"
        if "e" not in text:
            return text, None
        mantissa, power = text.split("e")
        return mantissa, int(power)
    if kind == "error" and abs(x) < SCIENTIFIC_BELOW:
        mantissa, power = f"{x:.{(digits or ERROR_DIGITS) - 1}e}".split("e")
        return mantissa, int(power)
    return _significant(x, digits or DIGITS), None


def number(x: float, kind: str = "value", digits: int | None = None) -> str:
    """``x`` as plain text by the policy for its ``kind`` (``digits`` overrides the significant digits)."""
    mantissa, power = _parts(float(x), kind, digits)
    mantissa = mantissa.replace("-", MINUS)
    if power is None:
        return mantissa
    if mantissa.lstrip(MINUS) == "1":
        return mantissa.replace("1", "") + "10" + str(power).translate(SUPERSCRIPTS)
    return f"{mantissa} × 10{str(power).translate(SUPERSCRIPTS)}"


def number_tex(x: float, kind: str = "value", digits: int | None = None) -> str:
    """``x`` as LaTeX by the same policy (for formulas, and for ``$...$`` in narration, so the voice says the same digits)."""
    mantissa, power = _parts(float(x), kind, digits)
    if power is None:
        return mantissa
    if mantissa.lstrip("-") == "1":
        return mantissa.replace("1", "") + f"10^{{{power}}}"
    return rf"{mantissa} \times 10^{{{power}}}"


def distinct(values, kind: str = "value", most: int = 10) -> list[str]:
    """``values`` shown with the fewest digits (at least the kind's) that keep unequal ones apart and in order."""
    values = [float(v) for v in values]
    for digits in range(DIGITS if kind != "error" else ERROR_DIGITS, most + 1):
        shown = [number(v, kind, digits) for v in values]
        if _keeps_order(values, shown):
            return shown
    return [number(v, kind, most) for v in values]


def _keeps_order(values: list[float], shown: list[str]) -> bool:
    for (a, sa), (b, sb) in zip(zip(values, shown), zip(values[1:], shown[1:])):
        if (a != b) and sa == sb:
            return False
    return True


def decimals(typical: float, kind: str = "value") -> int:
    """Fixed decimals for a readout whose values are about ``typical`` (a moving number cannot change its digits)."""
    if kind == "count" or typical == 0:
        return 0
    return max(0, DIGITS - 1 - math.floor(math.log10(abs(typical))))


def written_decimals(values) -> int:
    """The decimals a list of chosen steps is written with (0.5, 0.01 -> 2): a readout of them shows them as written."""
    return max((len(f"{float(v):.10g}".partition(".")[2]) for v in values), default=0)


def exact_or_number(x: float) -> str:
    """A limit, a point or a jump as LaTeX: exact when it is a simple fraction (4, -1, 1/2), else by the number policy."""
    from calcviz import exact, latex

    value = exact(x)
    if value.is_Rational and value.q <= 12:
        return latex(value)
    return number_tex(x)


def plain_tex(tex: str) -> str:
    """Sympy's LaTeX without its sizing braces, for narration (``\\sin{\\left(x \\right)}`` -> ``\\sin(x)``).

    Only a brace group that is exactly one bracketed argument is unwrapped, so ``\\frac{\\left(-1\\right)^{n}}{n}``
    stays balanced.
    """
    return re.sub(r"\{\\left\(([^{}]*?) \\right\)\}", r"(\1)", tex)
