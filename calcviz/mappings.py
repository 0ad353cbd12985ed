"""Functions as mappings: image, one-to-one, inverse, and graph transformations."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import sympy

from ._budget import sympy_within_budget
from ._numeric import golden_minimize
from ._symbolic import is_finite_real, to_exact
from .extrema import critical_points
from .functions import Function, as_function

__all__ = ["image", "is_injective", "inverse", "NumericInverse", "Step", "transform_steps", "apply_steps", "step_map", "move_point", "STEP_KINDS"]

_SAMPLES = 4001  # grid on which monotonicity and extremes are looked for before refining
_FLAT = 1e-12  # relative change below which neighbouring samples count as equal


def _checked(f, lo, hi) -> tuple[Function, float, float]:
    f = as_function(f)
    lo, hi = float(lo), float(hi)
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ValueError(f"invalid interval [{lo:g}, {hi:g}]: expected finite lo < hi")
    if not f.is_defined_on(lo, hi):
        raise ValueError(f"{f.expr} is not defined on all of [{lo:g}, {hi:g}]")
    return f, lo, hi


def image(f, lo, hi) -> tuple[float, float]:
    """(min, max) of a continuous f on ``[lo, hi]``: the image is that interval.

    Candidates are the ends, the stationary points (exact where sympy finds
    them) and the extremes of a dense sample refined by golden-section search
    (so kinks such as ``abs(x)`` at 0 count).

    Raises
    ------
    ValueError
        If the interval is invalid or f is not defined on all of it.

    Examples
    --------
    >>> image("x^2", -1, 2)
    (0.0, 4.0)
    >>> image("sin(x)", 0, 3.14159)[1]
    1.0
    >>> image("abs(x - 1)", 0, 3)
    (0.0, 2.0)
    """

    f, lo, hi = _checked(f, lo, hi)
    values = [f(lo), f(hi)] + [float(p.y) for p in critical_points(f, lo, hi)]
    xs = np.linspace(lo, hi, _SAMPLES)
    ys = f(xs)
    step = xs[1] - xs[0]
    for sign in (1.0, -1.0):  # refine the sampled minimum, then the sampled maximum
        k = int(np.argmin(sign * ys))
        left, right = max(lo, xs[k] - step), min(hi, xs[k] + step)
        best = golden_minimize(lambda t: np.exp(sign * (f(t) - ys[k])), [left], [right])
        values.append(float(f(best[0])))
    return (float(min(values)), float(max(values)))


def is_injective(f, lo, hi) -> bool:
    """Whether f is one-to-one on ``[lo, hi]``.

    A continuous f is one-to-one on an interval exactly when it is strictly
    monotone there: no maximum or minimum inside, and no flat stretch.

    Examples
    --------
    >>> is_injective("x^2", -1, 2), is_injective("x^2", 0, 2)
    (False, True)
    >>> is_injective("x^3", -1, 1), is_injective("abs(x)", -1, 1), is_injective("3", 0, 1)
    (True, False, False)
    """

    f, lo, hi = _checked(f, lo, hi)
    if _direction(f, lo, hi) == 0:  # cheap: the samples already go both ways, or stay put
        return False
    return not any(p.kind in ("minimum", "maximum") and lo < p.x < hi for p in critical_points(f, lo, hi))


def _direction(f: Function, lo: float, hi: float) -> int:
    """+1 if f strictly increases on the samples, -1 if it strictly decreases, else 0.

    Steps within rounding noise do not count either way; a stretch where f'
    is exactly 0 at three consecutive sample midpoints (f constant there,
    e.g. ``abs(x) + abs(x - 1)`` on [0, 1]) makes f not strictly monotone.
    """
    xs = np.linspace(lo, hi, _SAMPLES)
    ys = f(xs)
    steps = np.diff(ys)
    noise = _FLAT * max(1.0, float(np.max(np.abs(ys))))
    rising, falling = bool(np.any(steps > noise)), bool(np.any(steps < -noise))
    if rising == falling:  # both: goes up and down; neither: constant
        return 0
    with np.errstate(all="ignore"):
        flat = f.derivative()(0.5 * (xs[1:] + xs[:-1])) == 0.0
    if np.any(flat[:-2] & flat[1:-1] & flat[2:]):
        return 0
    return 1 if rising else -1


class NumericInverse:
    """The inverse of a strictly monotone f on ``[lo, hi]``, by bisection (when sympy cannot solve).

    Call it on a float or an array of values in the image; values outside the
    image give nan.

    Examples
    --------
    >>> g = NumericInverse(Function("x + exp(x)"), 0, 1)  # sympy would give x - LambertW(exp(x))
    >>> round(float(g(1 + np.e)), 12)
    1.0
    """

    exact = False

    def __init__(self, f: Function, lo: float, hi: float) -> None:
        self.function, self.lo, self.hi = f, lo, hi
        self.domain = image(f, lo, hi)
        self._increasing = f(hi) > f(lo)

    def __call__(self, y):
        y = np.asarray(y, dtype=float)
        left, right = np.full(y.shape, self.lo), np.full(y.shape, self.hi)
        for _ in range(80):
            middle = 0.5 * (left + right)
            below = (self.function(middle) < y) == self._increasing
            left, right = np.where(below, middle, left), np.where(below, right, middle)
        x = 0.5 * (left + right)
        low, high = self.domain
        x = np.where((y >= low) & (y <= high), x, np.nan)
        return float(x) if x.ndim == 0 else x

    def __repr__(self) -> str:
        return f"NumericInverse({self.function!r}, {self.lo:g}, {self.hi:g})"


def inverse(f, lo, hi):
    """The inverse of an f that is strictly monotone on ``[lo, hi]``.

    Returns a :class:`~calcviz.Function` (in the same variable) when sympy
    can solve ``y = f(x)`` for x on that interval, otherwise a
    :class:`NumericInverse`.  Its domain is :func:`image` of f.

    Raises
    ------
    ValueError
        If f is not strictly monotone (so not one-to-one) on ``[lo, hi]``.

    Examples
    --------
    >>> inverse("x^2", 0, 2)
    Function('sqrt(x)', variable='x')
    >>> inverse("2x + 1", -1, 1)
    Function('x/2 - 1/2', variable='x')
    >>> inverse("x^2", -1, 2)
    Traceback (most recent call last):
    ...
    ValueError: x**2 is not monotone on [-1, 2], so it has no inverse there
    >>> inverse("x + sin(x)/2", 0, 1).exact
    False
    """
    f, lo, hi = _checked(f, lo, hi)
    if not is_injective(f, lo, hi):
        raise ValueError(f"{f.expr} is not monotone on [{lo:g}, {hi:g}], so it has no inverse there")
    exact = _solved_inverse(f, lo, hi)
    return exact if exact is not None else NumericInverse(f, lo, hi)


def _solved_inverse(f: Function, lo: float, hi: float):
    """The branch of sympy's solution of y = f(x) that undoes f on [lo, hi], or None."""
    x = sympy.Symbol(f.variable, real=True)
    y = sympy.Symbol("_y", real=True)
    equation = f.expr.xreplace({f.symbol: x}) - y
    solutions = sympy_within_budget(lambda: sympy.solve(equation, x))
    if not solutions:
        return None
    xs = np.linspace(lo, hi, 9)
    for solution in solutions:
        if solution.has(sympy.I, sympy.Piecewise) or solution.free_symbols - {y}:
            continue
        candidate = Function(solution.xreplace({y: f.symbol}), f.variable)
        with np.errstate(all="ignore"):
            back = candidate(f(xs))
        if np.allclose(back, xs, rtol=1e-9, atol=1e-9):
            return candidate
    return None


# -- graph transformations ----------------------------------------------------------
STEP_KINDS = ("scale_x", "shift_x", "scale_y", "shift_y")


class Step(NamedTuple):
    """One step of a graph transformation: ``(kind, value)`` with an exact sympy value.

    "shift_x" c: f(x - c); "scale_x" b: f(b x) (b < 0 reflects);
    "scale_y" a: a f(x) (a < 0 reflects); "shift_y" d: f(x) + d.
    """

    kind: str
    value: sympy.Expr


def apply_steps(base, steps) -> Function:
    """The function whose graph the steps make from the graph of ``base``.

    Examples
    --------
    >>> apply_steps("sin(x)", [("scale_x", 2), ("shift_x", 1), ("shift_y", -1)])
    Function('sin(2*x - 2) - 1', variable='x')
    """
    f = as_function(base)
    x, expr = f.symbol, f.expr
    for kind, value in steps:
        value = to_exact(value)
        if kind == "shift_x":
            expr = expr.xreplace({x: x - value})
        elif kind == "scale_x":
            expr = expr.xreplace({x: value * x})
        elif kind == "scale_y":
            expr = value * expr
        elif kind == "shift_y":
            expr = expr + value
        else:
            raise ValueError(f"unknown step kind {kind!r}: expected one of {STEP_KINDS}")
    return Function(expr, f.variable)


def step_map(step, fraction: float = 1.0) -> tuple[float, float, float, float]:
    """How a step moves the points of a graph, ``fraction`` of the way: ``(mx, cx, my, dy)``.

    A point (x, y) of the graph goes to (mx x + cx, my y + dy): a substitution
    in x moves points sideways only, a change of the output moves them up or down
    only.  The graph part-way is ``y = my f((x - cx)/mx) + dy``.  A positive scale
    grows geometrically (half-way through "scale_x" 4 the graph is squeezed by 2);
    a negative one, or a shift, linearly (a reflection passes through 0).

    Examples
    --------
    >>> step_map(("scale_x", 2))
    (0.5, 0.0, 1.0, 0.0)
    >>> step_map(("scale_x", 4), 0.5)
    (0.5, 0.0, 1.0, 0.0)
    >>> step_map(("shift_x", 1), 0.25)
    (1.0, 0.25, 1.0, 0.0)
    >>> step_map(("scale_y", -1), 0.5)
    (1.0, 0.0, 0.0, 0.0)
    >>> step_map(("shift_y", -2))
    (1.0, 0.0, 1.0, -2.0)
    """
    kind, value = step
    v, s = float(value), float(fraction)
    if not 0 <= s <= 1:
        raise ValueError(f"fraction {s:g} must lie in [0, 1]")

    def grown(end: float) -> float:  # 1 at s = 0, end at s = 1
        return end**s if end > 0 else 1 + s * (end - 1)

    if kind == "scale_x":
        return (grown(1 / v), 0.0, 1.0, 0.0)
    if kind == "shift_x":
        return (1.0, s * v, 1.0, 0.0)
    if kind == "scale_y":
        return (1.0, 0.0, grown(v), 0.0)
    if kind == "shift_y":
        return (1.0, 0.0, 1.0, s * v)
    raise ValueError(f"unknown step kind {kind!r}: expected one of {STEP_KINDS}")


def move_point(steps, point) -> tuple[sympy.Expr, sympy.Expr]:
    """Where the steps take a point (x, y) of the base's graph, exactly.

    Examples
    --------
    >>> move_point([("scale_x", 2), ("shift_x", 1), ("scale_y", 2), ("shift_y", 1)], (sympy.pi / 2, 1))
    (pi/4 + 1, 3)
    """
    x, y = (to_exact(v) for v in point)
    for kind, value in steps:
        value = to_exact(value)
        if kind == "scale_x":
            x = x / value
        elif kind == "shift_x":
            x = x + value
        elif kind == "scale_y":
            y = value * y
        elif kind == "shift_y":
            y = y + value
        else:
            raise ValueError(f"unknown step kind {kind!r}: expected one of {STEP_KINDS}")
    return x, y


def transform_steps(base, target) -> tuple[Step, ...]:
    """The steps that turn the graph of ``base`` into that of ``target = a base(b (x - c)) + d``.

    In the order a lecture draws them: "scale_x" b, "shift_x" c, "scale_y" a,
    "shift_y" d; steps that change nothing (b = 1, c = 0, a = 1, d = 0) are
    left out.  :func:`apply_steps` of the result is exactly ``target``.
    Where several steps fit (``-sin(x)`` is also ``sin(-x)``) the first found
    is returned.

    The inner ``b x + k`` is looked for among the target's sub-expressions
    that are linear in x; then a and d follow from ``target' / base'(b x + k)``
    being constant.  Polynomial targets (``x^2 - 4x + 3``) are matched
    coefficient by coefficient.

    Raises
    ------
    ValueError
        If target is not of that form (as far as this search can tell).

    Examples
    --------
    >>> transform_steps("sin(x)", "2sin(3(x - 1)) + 1")
    (Step(kind='scale_x', value=3), Step(kind='shift_x', value=1), Step(kind='scale_y', value=2), Step(kind='shift_y', value=1))
    >>> transform_steps("x^2", "x^2 - 4x + 3")
    (Step(kind='shift_x', value=2), Step(kind='shift_y', value=-1))
    >>> transform_steps("sin(x)", "sin(x^2)")
    Traceback (most recent call last):
    ...
    ValueError: sin(x**2) is not a*f(b*(x - c)) + d for f(x) = sin(x)
    """
    base = as_function(base)
    target = as_function(target, base.variable)
    x = base.symbol
    if not base.expr.has(x):
        raise ValueError(f"the base {base.expr} must depend on {base.variable}")
    for inner in _inner_candidates(target.expr, x):
        steps = _steps_for_inner(base, target, inner)
        if steps is not None:
            return steps
    steps = _polynomial_steps(base, target)
    if steps is not None:
        return steps
    raise ValueError(f"{target.expr} is not a*f(b*(x - c)) + d for f({base.variable}) = {base.expr}")


def _inner_candidates(expr: sympy.Expr, x: sympy.Symbol) -> list:
    """Sub-expressions b x + k (b != 0) of the target, largest first, then x itself."""
    found = []
    for sub in sympy.preorder_traversal(expr):
        if sub.has(x) and sub.is_polynomial(x) and sympy.degree(sub, x) == 1 and sub not in found:
            found.append(sympy.expand(sub))
    return list(dict.fromkeys(found + [x]))


_PROBES = np.array([-2.7, -1.3, -0.4, 0.35, 1.1, 2.45, 3.9])


def _steps_for_inner(base: Function, target: Function, inner: sympy.Expr):
    """Steps with the given inner b x + k, when target' / f'(b x + k) is a constant a."""
    x = base.symbol
    inner_graph = base.expr.xreplace({x: inner})
    ratio = Function(sympy.diff(target.expr, x) / sympy.diff(inner_graph, x), base.variable)
    with np.errstate(all="ignore"):
        values = ratio(_PROBES)
    values = values[np.isfinite(values)]
    if values.size < 3 or not np.allclose(values, values[0], rtol=1e-9, atol=1e-12) or abs(values[0]) < 1e-12:
        return None
    probe = next(sympy.Rational(p) for p in ("7/5", "-3/7", "9/4", "1/3") if np.isfinite(ratio(float(sympy.Rational(p)))))
    a = sympy.nsimplify(sympy.simplify(ratio.expr.xreplace({x: probe})))
    d = sympy.simplify((target.expr - a * inner_graph).xreplace({x: probe}))
    b = sympy.expand(inner).coeff(x, 1)
    k = sympy.expand(inner).coeff(x, 0)
    return _checked_steps(base, target, a, b, k, d)


def _polynomial_steps(base: Function, target: Function):
    """Coefficient matching for polynomial base and target of the same degree >= 2.

    The horizontal scale b is solved for with the rest; when the coefficients
    fix only a b^degree (a monomial base), b = 1 (no horizontal scaling) is used.
    """
    x = base.symbol
    if not (base.expr.is_polynomial(x) and target.expr.is_polynomial(x)):
        return None
    degree = sympy.degree(base.expr, x)
    if degree < 2 or sympy.degree(target.expr, x) != degree:
        return None
    a, b, k, d = sympy.symbols("_a _b _k _d")
    for scale in (b, sympy.Integer(1)):
        unknowns = [a, k, d] + ([b] if scale == b else [])
        difference = sympy.Poly(sympy.expand(a * base.expr.xreplace({x: scale * x + k}) + d - target.expr), x)
        solutions = sympy_within_budget(lambda: sympy.solve(difference.all_coeffs(), unknowns, dict=True))
        for solution in solutions or ():
            values = [solution.get(a, a), solution.get(scale, scale), solution.get(k, k), solution.get(d, d)]
            if all(v.is_number and v.is_real for v in values) and values[1] != 0:
                steps = _checked_steps(base, target, *values)
                if steps is not None:
                    return steps
    return None


def _checked_steps(base: Function, target: Function, a, b, k, d):
    """The steps for a f(b x + k) + d, if those are real numbers and really give the target."""
    if not all(v.is_number and is_finite_real(v) for v in (a, b, k, d)) or a == 0 or b == 0:
        return None
    steps = [Step("scale_x", b), Step("shift_x", sympy.simplify(-k / b)), Step("scale_y", a), Step("shift_y", d)]
    neutral = {"scale_x": 1, "shift_x": 0, "scale_y": 1, "shift_y": 0}
    steps = tuple(step for step in steps if step.value != neutral[step.kind])
    return steps if _same_function(apply_steps(base, steps), target) else None


def _same_function(first: Function, second: Function) -> bool:
    """Equal as functions: the difference expands to 0, or vanishes at 7 scattered points."""
    if sympy.expand(first.expr - second.expr) == 0:
        return True
    with np.errstate(all="ignore"):
        one, two = first(_PROBES), second(_PROBES)
    both = np.isfinite(one) & np.isfinite(two)
    if np.count_nonzero(both) < 4 or not np.array_equal(np.isfinite(one), np.isfinite(two)):
        return False
    return bool(np.allclose(one[both], two[both], rtol=1e-12, atol=1e-12))
