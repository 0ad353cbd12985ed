"""Argument checks shared by the analyses, with one wording for each mistake, and numbers as messages show them."""

from __future__ import annotations

import math

import numpy as np
import sympy

from ._symbolic import to_exact


def exact_point(value, name: str, infinite: bool = False) -> sympy.Expr:
    """``value`` as an exact sympy number (floats read as the decimal they print as); +-oo if ``infinite``.

    Examples
    --------
    >>> exact_point(0.1, "a"), exact_point(-math.inf, "b", infinite=True)
    (1/10, -oo)
    >>> exact_point(math.inf, "a")
    Traceback (most recent call last):
    ...
    ValueError: a must be finite, got inf
    """
    if value in (math.inf, sympy.oo, -math.inf, -sympy.oo):
        if not infinite:
            raise ValueError(f"{name} must be finite, got {value!r}")
        return sympy.oo if value in (math.inf, sympy.oo) else -sympy.oo
    try:
        return to_exact(value)
    except (TypeError, ValueError):
        kind = "a real number or +-inf" if infinite else "a finite real number"
        raise ValueError(f"{name} must be {kind}, got {value!r}") from None


def checked_epsilon(epsilon) -> float:
    """epsilon as a float, if it is a positive finite number."""
    try:
        eps = float(epsilon)
    except (TypeError, ValueError):
        raise TypeError(f"epsilon must be a real number, got {epsilon!r}") from None
    if not eps > 0 or math.isinf(eps):
        raise ValueError(f"epsilon must be a positive finite number, got {epsilon!r}")
    return eps


def checked_vector(values, name: str, size: int) -> tuple[float, ...]:
    """``size`` finite floats, or a ValueError naming ``name``."""
    array = np.asarray(values, dtype=float).ravel()
    if array.size != size or not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be {size} finite numbers, got {values!r}")
    return tuple(float(v) for v in array)


def number_text(value: float) -> str:
    """Short text for a number in messages: 1 not 1.0, 0.333333 not 0.3333333333333333.

    >>> number_text(2.0), number_text(1 / 3), number_text(math.inf)
    ('2', '0.333333', 'inf')
    """
    number = float(value)
    if math.isfinite(number) and number == int(number):
        return str(int(number))
    return f"{number:.6g}"
