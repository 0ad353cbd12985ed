"""Interactive panels: declared beside the scenes, computed by calcviz, drawn by one generic renderer.

- the declarations: every scene's panel builds from its course.toml entry, refers only to its own
  frame keys, and no config text reaches the page;
- in the browser: `python -m scenes panels` writes one preview page with every panel of the course
  (no clips needed); it is loaded from disk in headless Chromium (software WebGL for the 3D panels),
  each slider is driven to both its ends (a choice through every option), and every number shown is compared with calcviz
  computed here, to 4 significant figures. A screenshot of each panel is kept in renders/test-artifacts/.
The published page (panels under the clips, the manifest's sha256s, phone width) is checked in
tests/test_publish.py.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
import sympy
from sympy.ntheory.continued_fraction import continued_fraction_convergents, continued_fraction_iterator

from calcviz import Function, derivatives, integrals, limits, multivariate, optimize, sets
from calcviz.parsing import ExpressionError, parse
from scenes.course import ROOT, load_course
from scenes.publish.panels import ACCENT, Board, Panel, PanelError, Point, Readout, Segment, Slider, Text, check, number_text
from scenes.week6.params import SETTLED_FRACTION
from tests.test_publish import ARTIFACTS, chromium, once_per_run

SOFTWARE_WEBGL = ("--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist")


def course_panels() -> list[str]:
    from scenes.publish.panels import panel_function

    return [e.name for w in load_course().weeks for e in w.scenes if panel_function(e.name, e.module)]


# ------------------------------------------------------------------ what calcviz says each panel must show
def _secant_to_tangent(p, c):
    f, a, h = p.function, p.point, c["h"]
    secant, tangent = derivatives.secant_slope(f, a, h), derivatives.tangent_line(f, a).slope
    return {"h": h, "fb": f(a + h), "secant": secant, "tangent": tangent, "gap": secant - tangent}


def _derivative_as_function(p, c):
    a = c["a"]
    return {"a": a, "fa": p.function(a), "slope": p.function.derivative()(a)}


def _linear_approximation(p, c):
    f, a, x0 = p.function, c["a"], p.estimate_at
    line = derivatives.linear_approximation(f, a)
    return {"a": a, "slope": f.derivative()(a), "estimate": line(x0), "true": f(x0), "error": f(x0) - line(x0)}


def _sign_change(expr, symbol, x, step=sympy.Rational(1, 1000)) -> tuple[int, int]:
    """The signs of expr just left and just right of x, by sympy."""
    return tuple(int(sympy.sign(expr.subs(symbol, x + d))) for d in (-step, step))


def _extrema_and_convexity(p, c):
    """The first-derivative test where f' = 0 and the sign change of f'' where f'' = 0, by sympy on the exact x."""
    f, x = p.function, c["x"]
    at, s = sympy.nsimplify(x, rational=True), p.function.symbol
    d1, d2 = sympy.diff(f.expr, s), sympy.diff(f.expr, s, 2)
    slope, bend = d1.subs(s, at), d2.subs(s, at)
    if slope == 0:
        trend = {(1, -1): "critical point: local max (f' goes + to −)", (-1, 1): "critical point: local min (f' goes − to +)"}.get(
            _sign_change(d1, s, at), "critical point: no extremum (f' keeps its sign)")
    else:
        trend = "f is increasing" if slope > 0 else "f is decreasing"
    if bend == 0:
        left, right = _sign_change(d2, s, at)
        shape = "inflection point: f'' changes sign" if left * right < 0 else "f'' = 0, no sign change: no verdict"
    else:
        shape = "f is convex (bends up)" if bend > 0 else "f is concave (bends down)"
    return {"x": x, "fx": float(f.expr.subs(s, at)), "slope": float(slope), "bend": float(bend), "trend": trend, "shape": shape}


def _epsilon_delta(p, c):
    eps = c["epsilon"]
    return {"epsilon": eps, "delta": limits.delta_for_epsilon(p.function, p.point, eps), "limit": limits.limit(p.function, p.point)}


def _riemann_sums(p, c):
    (lo, hi), rule = p.interval, c["rule"].lower()
    value, exact = integrals.riemann_sum(p.function, lo, hi, int(c["n"]), rule=rule).value, integrals.definite_integral(p.function, lo, hi)
    return {"n": c["n"], "sum": value, "integral": exact, "error": value - exact}


def _area_accumulation(p, c):
    lo, x = p.interval[0], c["x"]
    return {"x": x, "area": 0.0 if x == lo else integrals.definite_integral(p.function, lo, x), "fx": p.function(x)}


def _tangent_plane(p, c):
    plane = multivariate.tangent_plane(p.function, (c["x0"], c["y0"]))
    return {"x0": c["x0"], "y0": c["y0"], "z0": p.function(c["x0"], c["y0"]), "fx": plane.slope_x, "fy": plane.slope_y}


def _differentiation_drill(p, c):
    f = p.parsed_functions()[int(c["function"].removeprefix("f")) - 1]  # the choice's labels are f1, f2, ...
    (lo, hi), h = p.interval, c["h"]
    x = sympy.Symbol(f.variable)
    value, slope = sympy.lambdify(x, f.expr, "numpy"), sympy.lambdify(x, sympy.diff(f.expr, x), "numpy")
    xs = np.linspace(lo, hi, 101)  # where the panel measures the largest gap: over the whole plot
    secants = (value(xs + h) - value(xs)) / h
    return {"h": h, "gap": float(np.nanmax(np.abs(secants - slope(xs))))}


def _chain_rule_network(p, c):
    """The 2-2-1 network written out in sympy, differentiated in x1; each path's share through h1 or h2 by
    differentiating y in that hidden unit alone."""
    x1, h1, h2 = sympy.symbols("x1 h1 h2")
    act = (lambda z: 1 / (1 + sympy.exp(-z))) if p.activation == "sigmoid" else sympy.tanh
    inputs = (x1, p.inputs[1])
    hidden = [act(sum(w * a for w, a in zip(row, inputs)) + b) for row, b in zip(p.hidden_weights, p.hidden_biases)]
    y_of = act(p.output_weights[0] * h1 + p.output_weights[1] * h2 + p.output_bias)
    y = y_of.subs({h1: hidden[0], h2: hidden[1]})
    loss = (y - p.target) ** 2
    at = {x1: c["x1"]}
    slope = float(sympy.diff(loss, x1).subs(at))
    dL_dy = float((2 * (y - p.target)).subs(at))
    via = [dL_dy * float((sympy.diff(y_of, h).subs({h1: hidden[0], h2: hidden[1]}) * sympy.diff(hidden[k], x1)).subs(at))
           for k, h in enumerate((h1, h2))]
    return {"x1": c["x1"], "y": float(y.subs(at)), "loss": float(loss.subs(at)), "grad": slope, "difference": slope,
            "dL_dy": dL_dy, "via_h1": via[0], "via_h2": via[1]}


def _gradient_descent_surface(p, c):
    run = optimize.gradient_descent(p.function, (c["sx"], c["sy"]), c["rate"], p.steps, p.momentum)
    (x_lo, x_hi), (y_lo, y_hi) = p.x_range, p.y_range
    inside = np.all((run.points >= (x_lo, y_lo)) & (run.points <= (x_hi, y_hi)), axis=1)
    if run.diverged or not inside.all():
        steps = int(np.flatnonzero(~inside)[0]) if not inside.all() else run.iterations  # the step that leaves
        return {"steps": steps, "end_x": "off the plot", "end_y": "off the plot", "loss": "→ ∞",
                "status": "diverged: left the plot"}
    return {"rate": c["rate"], "sx": c["sx"], "sy": c["sy"], "steps": run.iterations, "end_x": run.x[0], "end_y": run.x[1],
            "loss": run.fun}


def _functions_of_two_variables(p, c):
    x, y = sympy.symbols("x y")
    return {"x0": c["x0"], "y0": c["y0"], "z0": float(p.function.expr.subs({x: c["x0"], y: c["y0"]}))}


@functools.cache
def _limit_along(expr: sympy.Expr, route: limits.Path) -> float:
    x, y, t = sympy.symbols("x y t")
    return float(sympy.limit(expr.subs({x: route.x, y: route.y}), t, 0, "+-"))


def _limits_along_paths(p, c):
    from scenes.week2.panels import FIELD_LABELS, path_text

    expr = dict(zip(FIELD_LABELS, (p.function.expr, p.curve_function.expr)))[c["field"]]
    route = {path_text(q, p.point): q for q in limits.approach_paths(p.point)}[c["path"]]  # the label names the path
    x, y, t = sympy.symbols("x y t")
    at_x, at_y = (float(v.subs(t, c["t"])) for v in (route.x, route.y))
    return {"t": c["t"], "x": at_x, "y": at_y, "f": float(expr.subs({x: at_x, y: at_y})), "limit": _limit_along(expr, route)}
X, N = sympy.Symbol("x"), sympy.Symbol("n")


def _at(f, x) -> float:
    """f at x, by sympy from the parsed expression (not the numeric path the panels use)."""
    return float(f.expr.subs(f.symbol, sympy.nsimplify(x, rational=True)).evalf(30))


SET_WORDS = {"N": "N, natural numbers", "Z": "Z, integers", "Q": "Q, rationals", "R": "R, real numbers"}


def _written_value(text: str) -> float:
    """The slider's written number (√2, π, −5/3, 3/4) read back."""
    return float(Function(re.sub(r"√(\d+)", r"sqrt(\1)", text).replace("π", "pi").replace("−", "-")).expr)


def _number_sets(p, c):
    shown = c["x"] if isinstance(c["x"], str) else f"{c['x']:g}"  # a whole number reads back as a float
    assert not re.fullmatch(r"−?\d+\.\d{3,}", shown), f"x is written as digits ({shown}): an irrational would look rational"
    x = _written_value(shown)
    (text, exact), = [(t, Function(t).expr) for t in p.examples if math.isclose(float(Function(t).expr), x, rel_tol=1e-12)]
    convergents = continued_fraction_convergents(continued_fraction_iterator(exact))
    fraction = list(itertools.islice(convergents, int(c["k"])))[-1]  # a rational's list ends at itself
    return {"set": SET_WORDS[sets.number_set(text)], "fraction": str(fraction).replace("-", "−"), "gap": abs(float(fraction) - float(exact))}


def _functions_as_mappings(p, c):
    f, x = p.function, sympy.nsimplify(c["x"], rational=True)
    value = f.expr.subs(X, x)
    back = sympy.solveset(sympy.Eq(f.expr, value), X, sympy.Interval(*p.one_to_one_interval))
    return {"fx": float(value), "back": float(next(iter(back))) if back else "undefined"}


def _graph_transformations(p, c):
    """On the target exactly when a f(b(x - c)) + d is the target, by sympy."""
    x = p.base.symbol
    shown = c["a"] * p.base.expr.subs(x, c["b"] * (x - c["c"])) + c["d"]
    return {"match": "on the target" if sympy.simplify(sympy.nsimplify(shown) - p.target.expr) == 0 else "not yet"}


def _sequence_limits(p, c):
    limit = float(sympy.limit(p.term.expr, p.term.symbol, sympy.oo))
    ns = np.arange(1, 100_001, dtype=float)
    outside = np.flatnonzero(np.abs(p.term(ns) - limit) >= c["epsilon"])  # by brute force, not n_for_epsilon
    first = int(ns[outside[-1]]) + 1 if outside.size else 1
    return {"limit": limit, "N": first, "gap": abs(_at(p.term, first) - limit)}


def _limits_via_sequences(p, c):
    n, f, g = int(c["n"]), p.function, p.oscillating_function
    out = {"limit": float(sympy.limit(f.expr, X, sympy.nsimplify(p.point)))}
    for i, text in enumerate(p.sequences):
        x = Function(text, variable="n").expr.subs(N, n)
        out |= {f"s{i}x": float(x), f"s{i}f": float(f.expr.subs(X, x).evalf(30))}
    for i, text in enumerate(p.oscillating_sequences):
        out[f"w{i}f"] = float(g.expr.subs(X, Function(text, variable="n").expr.subs(N, n)).evalf(30))
    return out


def _famous_limits(p, c):
    x = c["x"]
    return {"sin_shown": math.sin(x), "tan_shown": math.tan(x), "cos": math.cos(x), "ratio": math.sin(x) / x}


def _asymptotic_comparison(p, c):
    fx, gx = _at(p.little_f, c["x"]), _at(p.little_g, c["x"])
    return {"fx": fx, "gx": gx, "ratio": fx / gx, "far": _at(p.big_f, c["X"]) / _at(p.big_g, c["X"])}


def _sympy_integral(f, lo, hi) -> float:
    return float(sympy.integrate(f.expr, (f.symbol, lo, hi)))


def _antiderivatives(p, c):
    F = sympy.integrate(p.function.expr, p.function.symbol)  # the antiderivative without a constant, as sympy writes it
    at = lambda x: float(F.subs(p.function.symbol, x)) + c["C"]
    return {"C": c["C"], "x": c["x"], "Fx": at(c["x"]), "fx": float(p.function.expr.subs(p.function.symbol, c["x"])),
            "at_x0": at(p.initial_point[0])}


def _improper_integrals(p, c):
    a, (lo, hi), b, eps = p.start, p.singular_interval, c["b"], c["epsilon"]
    return {"b": b, "epsilon": eps, "tail": _sympy_integral(p.tail_function, a, b), "limit": _sympy_integral(p.tail_function, a, sympy.oo),
            "diverging": _sympy_integral(p.divergent_function, a, b), "singular_cut": _sympy_integral(p.singular_function, lo + eps, hi),
            "singular": _sympy_integral(p.singular_function, lo, hi)}


def _composite_rule(f, lo, hi, n, rule):
    xs = np.linspace(lo, hi, n + 1)
    ys, h = f(xs), (hi - lo) / n
    if rule == "trapezoid":
        return h * (ys.sum() - (ys[0] + ys[-1]) / 2)
    return h / 3 * (ys[0] + ys[-1] + 4 * ys[1:-1:2].sum() + 2 * ys[2:-1:2].sum())


def _numerical_integration(p, c):
    (lo, hi), n, rule = p.interval, int(c["n"]), c["rule"].lower()
    exact = _sympy_integral(p.function, lo, hi)
    error = _composite_rule(p.function, lo, hi, n, rule) - exact
    return {"n": n, "sum": error + exact, "integral": exact, "error": error,
            "shrink": abs(error / (_composite_rule(p.function, lo, hi, 2 * n, rule) - exact))}


def _field_at(F, x, y):
    """F's value, gradient and Hessian at (x, y) from sympy's derivatives of its expression."""
    sx, sy = F.symbols
    at = {sx: x, sy: y}
    gradient = [sympy.diff(F.expr, v) for v in (sx, sy)]
    hessian = sympy.hessian(F.expr, (sx, sy))
    return (float(F.expr.subs(at)), np.array([float(g.subs(at)) for g in gradient]),
            np.array(hessian.subs(at).evalf(), dtype=float))


def _directional_derivative(p, c):
    _, gradient, _ = _field_at(p.function, *p.point)
    u = np.array([math.cos(math.radians(c["theta"])), math.sin(math.radians(c["theta"]))])
    return {"theta": c["theta"], "ux": u[0], "uy": u[1], "slope": gradient @ u, "size": math.hypot(*gradient),
            "peak": math.degrees(math.atan2(gradient[1], gradient[0])) % 360}


def _gradient_and_level_sets(p, c):
    value, gradient, _ = _field_at(p.function, c["x0"], c["y0"])
    return {"x0": c["x0"], "y0": c["y0"], "value": value, "fx": gradient[0], "fy": gradient[1], "size": math.hypot(*gradient)}


def _multivariate_extrema(p, c):
    F, (x, y) = p.function, (c["x"], c["y"])
    value, gradient, hessian = _field_at(F, x, y)
    determinant = hessian[0, 0] * hessian[1, 1] - hessian[0, 1] ** 2
    solutions = sympy.solve([sympy.diff(F.expr, v) for v in F.symbols], F.symbols, dict=True)
    critical = [(float(s[F.symbols[0]]), float(s[F.symbols[1]])) for s in solutions if all(v.is_real for v in s.values())]
    kind = "not critical"
    if any(math.isclose(x, a, abs_tol=1e-9) and math.isclose(y, b, abs_tol=1e-9) for a, b in critical):
        kind = "saddle" if determinant < 0 else "local minimum" if hessian[0, 0] > 0 else "local maximum"
    return {"x": x, "y": y, "value": value, "fx": gradient[0], "fy": gradient[1], "D": determinant, "fxx": hessian[0, 0], "kind": kind}


def _descend(gradient, loss, start, rate, steps, momentum=0.0):
    """Heavy-ball descent as calcviz documents it (v <- mu v - rate grad, x <- x + v), stopping at a zero gradient or past 1e6."""
    point, velocity = np.array(start, float), np.zeros(2)
    for _ in range(steps):
        g = gradient(point)
        if math.hypot(*g) <= 1e-8:
            break
        velocity = momentum * velocity - rate * g
        if np.max(np.abs(point + velocity)) > 1e6:
            break
        point = point + velocity
    return point, loss(point)


def _learning_rates(p, c):
    F, rate = p.function, c["rate"]
    gradient = lambda point: _field_at(F, *point)[1]
    _, loss = _descend(gradient, lambda point: _field_at(F, *point)[0], p.start, rate, p.steps)
    [bottom] = sympy.solve([sympy.diff(F.expr, v) for v in F.symbols], F.symbols, dict=True)
    largest = max(np.linalg.eigvalsh(_field_at(F, float(bottom[F.symbols[0]]), float(bottom[F.symbols[1]]))[2]))
    regime = "no overshoot, converges" if rate <= 1 / largest else "overshoots, converges" if rate < 2 / largest else "diverges"
    run = optimize.gradient_descent(F, p.start, rate, p.steps)
    norms = np.hypot(run.gradients[:, 0], run.gradients[:, 1])
    if regime == "no overshoot, converges" and not (run.converged or norms[-1] <= SETTLED_FRACTION * norms[0]):
        regime = "no overshoot, still crawling"
    out = {"rate": rate, "careful": 1 / largest, "limit": 2 / largest}
    if regime == "diverges":  # what the loss reached when the steps ran out: finite unless it passed the overflow guard
        return out | {"loss": loss if abs(loss) < 1e12 else "grows without bound"}
    return out | {"loss": loss, "regime": regime}


def _linear_regression_by_descent(p, c):
    xs, ys = p.data()
    loss = lambda wb: float(np.mean((wb[0] * xs + wb[1] - ys) ** 2))
    gradient = lambda wb: 2 * np.array([np.mean((wb[0] * xs + wb[1] - ys) * xs), np.mean(wb[0] * xs + wb[1] - ys)])
    (w, b), at = _descend(gradient, loss, p.start, p.learning_rate, int(c["step"]), p.momentum)
    best_w, best_b = np.polyfit(xs, ys, 1)
    return {"step": c["step"], "w": w, "b": b, "loss": at, "best_w": best_w, "best_b": best_b, "best_loss": loss((best_w, best_b))}


def _sympy_field(p_function):
    import sympy

    x, y = sympy.symbols("x y")
    return sympy.sympify(str(p_function.expr), locals={"x": x, "y": y}), x, y


def _partial_derivatives(p, c):
    import sympy

    expr, x, y = _sympy_field(p.function)
    at = {x: c["a"], y: c["b"]}
    return {"a": c["a"], "b": c["b"], "z0": float(expr.subs(at)), "fx": float(sympy.diff(expr, x).subs(at)),
            "fy": float(sympy.diff(expr, y).subs(at))}


def _hessian_convexity(p, c):
    import sympy

    expr, x, y = _sympy_field(p.function)
    H = sympy.hessian(expr, (x, y)).subs({x: c["x0"], y: c["y0"]})
    det, trace = float(H.det()), float(H.trace())
    kind = "indefinite" if det < 0 else ("positive definite" if trace > 0 else "negative definite")
    expected = {"fxx": float(H[0, 0]), "fxy": float(H[0, 1]), "fyy": float(H[1, 1]), "det": det, "trace": trace}
    if abs(det) > 1e-6:  # on the curve det H = 0 the kind is decided by a tolerance, not the sign
        expected["kind"] = kind
    return expected


EXPECTED = {
    "NumberSets": _number_sets, "FunctionsAsMappings": _functions_as_mappings, "GraphTransformations": _graph_transformations,
    "SequenceLimits": _sequence_limits, "LimitsViaSequences": _limits_via_sequences, "FamousLimits": _famous_limits,
    "AsymptoticComparison": _asymptotic_comparison,
    "SecantToTangent": _secant_to_tangent, "DerivativeAsFunction": _derivative_as_function,
    "LinearApproximation": _linear_approximation, "ExtremaAndConvexity": _extrema_and_convexity,
    "EpsilonDelta": _epsilon_delta, "RiemannSums": _riemann_sums, "AreaAccumulation": _area_accumulation,
    "TangentPlane": _tangent_plane, "GradientDescentSurface": _gradient_descent_surface,
    "FunctionsOfTwoVariables": _functions_of_two_variables, "LimitsAlongPaths": _limits_along_paths,
    "Antiderivatives": _antiderivatives, "ImproperIntegrals": _improper_integrals, "NumericalIntegration": _numerical_integration,
    "DirectionalDerivative": _directional_derivative, "GradientAndLevelSets": _gradient_and_level_sets,
    "MultivariateExtrema": _multivariate_extrema, "LearningRates": _learning_rates,
    "LinearRegressionByDescent": _linear_regression_by_descent,
    "DifferentiationDrill": _differentiation_drill, "ChainRuleNetwork": _chain_rule_network,
    "PartialDerivatives": _partial_derivatives, "HessianConvexity": _hessian_convexity,
}


SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def shown_number(text: str) -> float:
    """A number as the number policy writes it back to a float: −1.54 × 10⁻⁴, 10⁻⁵, ∞."""
    text = text.replace("−", "-").strip()
    if text.lstrip("-") == "∞":
        return -math.inf if text.startswith("-") else math.inf
    mantissa, _, power = text.partition("10") if ("×" in text or re.fullmatch(r"-?10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+", text)) else (text, "", "")
    if not power:
        return float(text)
    mantissa = mantissa.replace("×", "").strip()
    return float(mantissa + "1" if mantissa in ("", "-") else mantissa) * 10.0 ** int(power.translate(SUPERSCRIPT_DIGITS))


def agrees(shown: str, expected) -> bool:
    """4 significant figures (3 in scientific notation), or the same words."""
    if isinstance(expected, str):
        return shown == expected
    if math.isinf(expected):
        return shown_number(shown) == expected
    return math.isclose(shown_number(shown), expected, rel_tol=5e-3 if "×" in shown else 5e-4, abs_tol=1e-12)


# ------------------------------------------------------------------ the declarations
def test_every_panel_of_the_course_is_tested_here():
    assert set(course_panels()) <= set(EXPECTED), "add the new panel's calcviz expectations to EXPECTED"
    assert {"SecantToTangent", "EpsilonDelta", "RiemannSums", "AreaAccumulation"} <= set(course_panels())


def test_a_panel_that_refers_to_a_missing_frame_key_is_refused_by_name():
    slider = Slider("h", "h", [1.0, 2.0], start=1.0)
    frames = [{"h": 1.0}, {"h": 2.0}]
    panel = Panel(controls=[slider], views=[Board((0, 1, 0, 1), [Point("h", "fh")])], readouts=[Readout("h", "h")], frames=frames)
    with pytest.raises(PanelError, match="the panel of X: Point.y refers to 'fh', not a key of its frames"):
        check(panel, "X")
    with pytest.raises(PanelError, match="the panel of X has 1 frames for 2 control positions"):
        check(Panel(controls=[slider], views=[], readouts=[], frames=frames[:1]), "X")


def test_readouts_follow_the_number_policy_and_refuse_an_unknown_kind():
    from scenes.publish.panels import Curve, number_text

    # zero and float noise as 0 with its neighbours' digits (the review: "0" beside "1.000"); never "−0"
    assert [number_text(v) for v in (0.0, 6.123233995736766e-17, -2.220446049250313e-16, -0.5, 2.0)] == [
        "0.000", "0.000", "0.000", "−0.5000", "2.000"]
    assert number_text(0.0, "count") == "0" and number_text(0.0, "exact") == "0"
    assert number_text(4.0, "exact") == "4" and number_text(1.654, "exact") == "1.654"
    assert number_text(3.2e-7) == "3.20 × 10⁻⁷"  # no run of zeros in a readout's line
    with pytest.raises(PanelError, match="no number format for a 'digits'"):
        number_text(1.0, "digits")
    slider = Slider("a", "a", [1.0, 2.0], start=1.0)
    moved = Panel(controls=[slider], views=[Board((0, 1, 0, 1), [Curve([], transform=("a", 1.0, "c", 0.0))])], readouts=[],
                  frames=[{"a": 1.0}, {"a": 2.0}])
    with pytest.raises(PanelError, match="Curve.transform refers to 'c'"):
        check(moved, "X")


# ------------------------------------------------------------------ in the browser
def _build_preview(folder: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "scenes", "panels", "--output", str(folder / "page")], cwd=ROOT,
                            capture_output=True, text=True, timeout=600, check=False)
    return {"returncode": result.returncode, "stderr": result.stderr[-4000:]}


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    """The preview page of every panel in the course, written once per test run."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "master")
    folder, result = once_per_run(tmp_path_factory, worker, "panel-preview", _build_preview)
    assert result["returncode"] == 0, result["stderr"]
    return folder / "page"


DATA_ONLY = {"LinearRegressionByDescent", "ChainRuleNetwork",  # configured by numbers only (data, weights, angles):
             "FamousLimits"}                                     # no formula text to keep out


CONFIG_VARIABLES = ("x", "y", "n", "t", "h", "w", "b")  # every variable a scene's formulas use


def _is_formula(text: str) -> bool:
    """Config text that the allowlist parses and that is more than one number, fraction or name: a bare
    "3", "-5/3", "x" or "pi" (or a word such as "left", which does not parse) can be found anywhere in a
    page, as data or a key, so it proves nothing."""
    try:
        parse(text, variables=CONFIG_VARIABLES)
    except ExpressionError:
        return False
    return not re.fullmatch(r"-?(\d+(\.\d+)?(/\d+)?|[A-Za-z_]\w*)", text.strip())


@pytest.mark.parametrize("scene", course_panels())
def test_panel_data_carries_no_config_text(preview, scene):
    entry = load_course().scene(scene)
    script = (preview / f"{scene}.panel.js").read_text()
    settings = [(k, item) for k, v in json.loads(entry.settings).items() for item in (v if isinstance(v, list) else [v])]
    formulas = [v for k, v in settings if isinstance(v, str) and k != "title" and _is_formula(v)]
    assert formulas or scene in DATA_ONLY, "the scene\'s function comes from the config"
    for text in formulas:
        assert text not in script, f"the config's text {text!r} reached the page (formulas go as samples and sympy's TeX)"
    assert len(json.loads(script.split("] = ", 1)[1].rstrip().rstrip(";"))["frames"]) >= 2


@pytest.fixture(scope="module")
def browser(preview):
    with tempfile.TemporaryDirectory() as profile:
        session = chromium(Path(profile), width=1100, height=900, flags=SOFTWARE_WEBGL)
        try:
            session.get((preview / "index.html").as_uri())
            yield session
        finally:
            session.quit()


READ = """
const root = document.getElementById("panel-" + arguments[0]);
const read = (selector, key) => Object.fromEntries(Array.from(root.querySelectorAll(selector)).map(e => [e.dataset[key], e.textContent]));
return {ready: root.dataset.ready, frame: root.dataset.frame, controls: read("output[data-control]", "control"),
        readouts: read("[data-readout]", "readout"),
        sliders: Array.from(root.querySelectorAll("input[data-control]")).map(e => [e.dataset.control, e.type, e.max, e.name || ""])};
"""

SET_SLIDER = """
const input = document.querySelector("#panel-" + arguments[0] + " input[type=range][data-control='" + arguments[1] + "']");
input.value = String(arguments[2]);
input.dispatchEvent(new Event("input", {bubbles: true}));
"""


LAYOUT = r"""
const root = document.getElementById("panel-" + arguments[0]);
const problems = [], panel = root.getBoundingClientRect();
const shown = e => e.style.display !== "none" && e.style.visibility !== "hidden" && e.textContent.trim() !== "";
const cut = text => {  // a clip-path rect(top right bottom left) that hides part of the text (JSXGraph clips to the board)
  const m = (text.style.clipPath || "").match(/rect\(([-\d.]+)px,? ([-\d.]+)px,? ([-\d.]+)px,? ([-\d.]+)px\)/);
  if (!m) return false;
  const [top, right, bottom, left] = m.slice(1).map(Number);
  return top > 0.5 || left > 0.5 || right < text.offsetWidth - 0.5 || bottom < text.offsetHeight - 0.5;
};
const within = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
root.querySelectorAll(".panel-board").forEach((board, i) => {
  const box = board.getBoundingClientRect();
  board.querySelectorAll(".JXGtext").forEach(text => {
    if (shown(text) && text.getBoundingClientRect().width && (!within(text.getBoundingClientRect(), box) || cut(text)))
      problems.push("plot " + i + ": the label '" + text.textContent + "' is cut by the plot's edge");
    const style = getComputedStyle(text);  // a box behind a label cuts a hole in a shaded area: a halo does not
    if (shown(text) && (!/rgba\(0, 0, 0, 0\)|transparent/.test(style.backgroundColor) || style.textShadow === "none"))
      problems.push("plot " + i + ": the label '" + text.textContent + "' has a box behind it, not a halo");
  });
  const names = Array.from(board.querySelectorAll(".panel-axis-name")).filter(shown);
  if (names.length < Number(board.dataset.axes)) problems.push("plot " + i + ": " + names.length + " of its " + board.dataset.axes + " axes named");
});
root.querySelectorAll(".panel-3d").forEach((plot, i) => {
  ["xaxis", "yaxis", "zaxis"].forEach(axis => {
    if (!(plot.layout.scene[axis].title.text || "").trim()) problems.push("3D plot " + i + ": its " + axis + " is not named");
  });
});
root.querySelectorAll("[data-readout], output[data-control]").forEach(value => {
  const range = document.createRange();
  range.selectNodeContents(value);
  const r = range.getBoundingClientRect(), line = parseFloat(getComputedStyle(value).lineHeight) || 24;
  const name = (value.dataset.readout || value.dataset.control) + " = '" + value.textContent + "'";
  if (!within(r, panel)) problems.push(name + " leaves its panel");
  if (value.getClientRects().length > 1 || r.height > 1.6 * line) problems.push(name + " wraps");
  if (/[0-9][eE][-+]?[0-9]|NaN|undefined|null/.test(value.textContent)) problems.push(name + " is not by the number policy");
  if (/(^|[^0-9])-[0-9]/.test(value.textContent)) problems.push(name + " has a hyphen for a minus sign");
  if (/^[−-]?0$/.test(value.textContent) && value.textContent !== "0" || /0[.]0000/.test(value.textContent)) problems.push(name + " shows float noise or a run of zeros");
});
return problems;
"""


WIDEST = r"""
const root = document.getElementById("panel-" + arguments[0]), data = window.calcvizPanels[arguments[0]];
const problems = [], panel = root.getBoundingClientRect();
root.querySelectorAll("[data-readout]").forEach(value => {
  const shown = value.textContent, key = value.dataset.readout, line = parseFloat(getComputedStyle(value).lineHeight) || 24;
  const texts = Array.from(new Set(data.frames.map(frame => frame.texts[key]))).sort((a, b) => b.length - a.length).slice(0, 5);
  texts.forEach(text => {
    value.textContent = text;
    const range = document.createRange();
    range.selectNodeContents(value);
    const r = range.getBoundingClientRect();  // the text itself, which may overflow its box
    if (r.left < panel.left - 0.5 || r.right > panel.right + 0.5) problems.push(key + " = '" + text + "' would leave its panel");
    if (value.getClientRects().length > 1 || r.height > 1.6 * line) problems.push(key + " = '" + text + "' would wrap");
  });
  value.textContent = shown;
});
return problems;
"""


def _severe(session) -> list[str]:
    return [entry["message"] for entry in session.get_log("browser") if entry["level"] == "SEVERE"]


def _control_value(text: str):
    """A control's shown value: a number for a slider, the option's label for a choice."""
    try:
        return shown_number(text)
    except ValueError:
        return text


def _check_shown(scene: str, state: dict, params) -> None:
    shown = {k: _control_value(v) for k, v in state["controls"].items()}
    expected = EXPECTED[scene](params, shown)
    assert set(expected) <= set(state["readouts"]) | set(state["controls"]), (scene, expected.keys(), state)
    for key, value in expected.items():
        text = state["readouts"].get(key, state["controls"].get(key))
        assert agrees(text, value), f"{scene} at {state['controls']}: {key} shows {text}, calcviz says {value!r}"


@pytest.mark.parametrize("scene", course_panels())
def test_panel_numbers_agree_with_calcviz_and_stay_readable_at_every_slider_end(browser, scene):
    """Every slider by keyboard to its end, then to its start, each time: the numbers calcviz gives, every label
    inside its plot, every axis named, every readout on one line inside its panel, by the number policy; and the
    longest text each readout takes at any position of the controls fits on one line inside the panel."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    params = load_course().scene(scene).params
    root = browser.find_element(By.ID, f"panel-{scene}")
    browser.execute_script("arguments[0].scrollIntoView()", root)
    state = browser.execute_script(READ, scene)
    assert state["ready"] == "true", f"{scene}'s panel did not draw: {_severe(browser)}"
    problems = [f"at the start: {p}" for p in browser.execute_script(LAYOUT, scene)]
    problems += [f"at some slider position: {p}" for p in browser.execute_script(WIDEST, scene)]  # the longest texts of all frames
    _check_shown(scene, state, params)
    frames = {state["frame"]}
    for key, kind, top, name in state["sliders"]:
        if kind == "range":
            slider = root.find_element(By.CSS_SELECTOR, f"input[type=range][data-control='{key}']")
            start = slider.get_attribute("value")
            slider.send_keys(Keys.END)  # as a keyboard user would; a touch or a drag fires the same input event
            for position in ("end", "start"):
                if position == "start":
                    browser.execute_script(SET_SLIDER, scene, key, 0)
                moved = browser.execute_script(READ, scene)
                _check_shown(scene, moved, params)
                problems += [f"{key} at its {position} ({moved['controls'][key]}): {p}" for p in browser.execute_script(LAYOUT, scene)]
                frames.add(moved["frame"])
            browser.execute_script(SET_SLIDER, scene, key, int(start))  # back, so the next slider moves from the clip's values
        else:  # a choice: click every option
            for option in root.find_elements(By.CSS_SELECTOR, f"input[type=radio][data-control='{key}']"):
                option.click()
                clicked = browser.execute_script(READ, scene)
                _check_shown(scene, clicked, params)
                problems += [f"{key} = {clicked['controls'][key]}: {p}" for p in browser.execute_script(LAYOUT, scene)]
                frames.add(clicked["frame"])
    assert not problems, f"{scene}: " + "; ".join(problems)
    assert len(frames) >= 2, f"{scene}: the controls did not change what is shown"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    root.screenshot(str(ARTIFACTS / f"panel-{scene}.png"))
    assert _severe(browser) == []


# ------------------------------------------------------------------ what the panel review found
def _panel(scene: str) -> Panel:
    from scenes.publish.panels import panel_function

    entry = load_course().scene(scene)
    return panel_function(entry.name, entry.module)(entry.params)


def test_limits_along_paths_keeps_every_path_on_its_map_at_every_t():
    """(2t, t) at t = 1 is (2, 1): off a map that ends at 1.5, its point would vanish without a word."""
    params = load_course().scene("LimitsAlongPaths").params
    panel = _panel("LimitsAlongPaths")
    (x0, x1), (y0, y1) = params.x_range, params.y_range
    t = sympy.Symbol("t")
    for step in panel.controls[2].values:
        for route in limits.approach_paths(params.point):
            for sign in (1, -1):
                x, y = float(route.x.subs(t, sign * step)), float(route.y.subs(t, sign * step))
                assert x0 <= x <= x1 and y0 <= y <= y1, f"path ({route.x}, {route.y}) at t = {sign * step} is off the map"
    assert max(panel.controls[2].values) >= 0.5, "t still starts far enough out to see each path come in"


def test_asymptotic_comparison_names_its_second_pair():
    panel = _panel("AsymptoticComparison")
    assert r"F(x) = x \sin" in panel.formula.replace("{", "").replace("}", "") and "G(x) = x" in panel.formula
    assert [r.label for r in panel.readouts][-1] == "F(x)/G(x)"


def test_tangent_plane_marks_its_point_on_the_viewers_side_of_the_plane():
    """At x0 = -2.5 the plane is steep: a point lifted straight up sank under it and hid. The mark sits off the
    plane along its normal, toward the camera, and close to the point (under a twentieth of the box)."""
    params = load_course().scene("TangentPlane").params
    panel = _panel("TangentPlane")
    scene3d = panel.views[0]
    box, eye = np.array(scene3d.box), np.array(scene3d.camera)
    spans = box[1::2] - box[::2]
    centre = (box[1::2] + box[::2]) / 2
    x, y = sympy.symbols("x y")
    expr = params.function.expr
    for frame in panel.frames:
        point = np.array([frame["x0"], frame["y0"], float(expr.subs({x: frame["x0"], y: frame["y0"]}))])
        fx = float(sympy.diff(expr, x).subs({x: frame["x0"], y: frame["y0"]}))
        fy = float(sympy.diff(expr, y).subs({x: frame["x0"], y: frame["y0"]}))
        mark = np.array([frame["mark_x"], frame["mark_y"], frame["mark_z"]])
        offset = (mark - point) / spans  # in the unit cube the page draws
        above_plane = (mark[2] - point[2]) - fx * (mark[0] - point[0]) - fy * (mark[1] - point[1])
        camera = centre + eye * spans  # the eye, in the box's own units
        camera_above = (camera[2] - point[2]) - fx * (camera[0] - point[0]) - fy * (camera[1] - point[1])
        assert np.sign(above_plane) == np.sign(camera_above), f"at ({frame['x0']}, {frame['y0']}) the mark is behind the plane"
        assert 0 < np.linalg.norm(offset) < 0.05


def test_a_panel_by_keyboard_alone_says_each_value_and_what_changed(browser):
    """Tab to SecantToTangent's h, move it with the keys a screen-reader user has: the slider announces
    "h equals ..." in words, the readouts are said politely after each move, the formula has its spoken form."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.refresh()  # a page no test has moved yet
    root = browser.find_element(By.ID, "panel-SecantToTangent")
    browser.execute_script("arguments[0].scrollIntoView()", root)
    slider = root.find_element(By.CSS_SELECTOR, "input[type=range][data-control='h']")
    status = root.find_element(By.CSS_SELECTOR, "[role=status]")
    assert status.get_attribute("aria-live") == "polite" and status.text == "", "nothing is announced before a move"
    formula = root.find_element(By.CSS_SELECTOR, ".panel-formula")
    assert formula.get_attribute("aria-label").startswith("f of x equals the fraction with numerator x cubed")
    assert slider.get_attribute("aria-label") == "h"
    browser.execute_script("arguments[0].focus()", slider)
    said = {}
    for key in (Keys.END, Keys.HOME, Keys.ARROW_RIGHT, Keys.PAGE_DOWN):
        slider.send_keys(key)
        said[key] = (slider.get_attribute("aria-valuetext"), browser.execute_script("return arguments[0].textContent", status))
    assert said[Keys.END][0] == "h equals 0.01" and said[Keys.HOME][0] == "h equals 1"
    assert said[Keys.ARROW_RIGHT][0].startswith("h equals 0.9"), said
    assert said[Keys.PAGE_DOWN][0] != said[Keys.ARROW_RIGHT][0], "Page Down moves on"
    secant = root.find_element(By.CSS_SELECTOR, "dd[data-readout='secant']").text
    assert f"secant slope: {secant}" in said[Keys.PAGE_DOWN][1], said[Keys.PAGE_DOWN][1]
    assert "f prime of a: " in said[Keys.PAGE_DOWN][1]


def test_the_drill_panel_writes_each_derivative_a_student_can_check_against():
    """The review: a drill that never writes f' cannot be checked. Each function's f', read back from the text
    the panel shows (2x cos(2x) + sin(2x), (1 − x²)/(1 + x²)²), is sympy's derivative at every point tried."""
    params = load_course().scene("DifferentiationDrill").params
    panel = _panel("DifferentiationDrill")
    x = sympy.Symbol("x")
    for option, f in enumerate(params.parsed_functions(), start=1):
        shown = next(frame["derived"] for frame in panel.frames if frame["function"] == str(option))
        ascii_form = re.sub(r"(\d)([a-z(])", r"\1*\2", shown.replace("²", "^2").replace("−", "-"))  # 2x -> 2*x
        ascii_form = re.sub(r"\) ?\(", ")*(", ascii_form)
        written = parse(re.sub(r"(?<=[\w)]) (?=(cos|sin|ln)\()", "*", ascii_form), variables=("x",))
        for point in (-1.7, -0.3, 0.4, 2.2):
            assert math.isclose(float(written.subs(x, point)), float(sympy.diff(f.expr, x).subs(x, point)), rel_tol=1e-9), shown


def test_gradient_descent_panel_never_calls_a_run_that_will_not_settle_still_moving():
    """The review: at eta = 0.439 a run bounced ever wider around the left valley, and at 0.95 one bounced in the
    right valley, both labelled "still moving" (as if they would settle). Every run the panel calls bouncing is
    still unsettled after three times the steps (gradient not small), and at the largest rate no run is yellow or
    green."""
    params = load_course().scene("GradientDescentSurface").params
    panel = _panel("GradientDescentSurface")
    largest = max(panel.controls[0].values)
    assert {f["status"] for f in panel.frames if f["rate"] == largest} <= {"diverged: left the plot", "bouncing: it will not settle"}
    bouncing = [f for f in panel.frames if f["status"].startswith("bouncing")]
    assert bouncing
    x, y = sympy.symbols("x y")
    grad = sympy.lambdify((x, y), [sympy.diff(params.function.expr, v) for v in (x, y)])
    for f in bouncing:
        point = np.array([f["sx"], f["sy"]], float)
        for _ in range(3 * params.steps):
            point = point - f["rate"] * np.array(grad(*point), float)
        assert np.linalg.norm(grad(*point)) > 1e-3, f"the run from ({f['sx']}, {f['sy']}) at {f['rate']} settles after all"


def test_learning_rates_panel_never_says_a_descended_loss_is_zero():
    panel = _panel("LearningRates")
    shown = [number_text(f["loss"], "error") for f in panel.frames]
    assert "0" not in shown and any(text.startswith("below 10") for text in shown)


def test_learning_rates_panel_says_a_finite_loss_and_names_its_rate_marks():
    """The review: "→ ∞" stood for a loss still 169 after 25 steps, and the marks at 1/λmax and 2/λmax were unnamed.
    Every loss shown is a number unless it passed 10¹² (then "grows without bound"); the rate line names both marks
    where sympy's eigenvalues put them."""
    params = load_course().scene("LearningRates").params
    panel = _panel("LearningRates")
    for frame in panel.frames:
        text = number_text(frame["loss"], "error")
        assert "∞" not in text and (text == "grows without bound" or math.isfinite(shown_number(text.removeprefix("below "))))
    F = params.function
    [bottom] = sympy.solve([sympy.diff(F.expr, v) for v in F.symbols], F.symbols, dict=True)
    largest = max(np.linalg.eigvalsh(_field_at(F, float(bottom[F.symbols[0]]), float(bottom[F.symbols[1]]))[2]))
    marks = {shape.text: shape.x for shape in panel.views[1].shapes if type(shape).__name__ == "Text"}
    assert math.isclose(marks["1/λmax"], 1 / largest) and math.isclose(marks["2/λmax"], 2 / largest), marks


def test_riemann_note_claims_faster_rules_only_for_larger_n():
    """At n = 2 the midpoint sum's error (0.31) was larger than the left sum's (0.165), yet the note said the midpoint
    rule "closes in faster". Errors here by numpy sums against sympy's integral: the claim holds at the largest n,
    and the note says it is for larger n."""
    params = load_course().scene("RiemannSums").params
    panel = _panel("RiemannSums")
    (lo, hi), n = params.interval, max(panel.controls[1].values)
    exact = _sympy_integral(params.function, lo, hi)
    width = (hi - lo) / n
    starts = lo + width * np.arange(n)
    error = {"left": abs(width * params.function(starts).sum() - exact),
             "right": abs(width * params.function(starts + width).sum() - exact),
             "midpoint": abs(width * params.function(starts + width / 2).sum() - exact)}
    if "midpoint" in params.rules and {"left", "right"} & set(params.rules):
        assert error["midpoint"] < min(error[r] for r in ("left", "right") if r in params.rules)
        assert "faster than left or right sums for larger n" in panel.note


def test_numerical_integration_panel_keeps_the_sum_and_i_apart():
    """At n = 64 "sum" and "I" both read 11.86: wherever they differ (by sympy's integral), so do their texts, and
    their shown difference is the size of the error."""
    params = load_course().scene("NumericalIntegration").params
    panel = _panel("NumericalIntegration")
    exact = _sympy_integral(params.function, *params.interval)
    for frame in panel.frames:
        total = _composite_rule(params.function, *params.interval, int(frame["n"]), frame["rule"].lower())
        texts = number_text(frame["sum"]), number_text(frame["integral"])
        assert math.isclose(shown_number(texts[1]), exact, rel_tol=5e-4)
        if not math.isclose(total, exact, rel_tol=1e-12):
            assert texts[0] != texts[1], f"{frame['rule']} at n = {frame['n']}: both read {texts[0]}"
            # the review (Simpson, n = 32): 11.859 against 11.860 said 10⁻³ for an error of 2 × 10⁻⁵: the shown
            # difference must be the error's size, within one error
            shown_error = shown_number(texts[0]) - shown_number(texts[1])
            assert abs(shown_error - (total - exact)) <= abs(total - exact), (frame["rule"], frame["n"], texts, total - exact)


def test_linear_approximation_panel_says_where_a_concave_functions_estimates_go():
    """√x bends down: its tangent lines lie above it, so a poor estimate is too high, never too low."""
    panel = _panel("LinearApproximation")
    assert "always above f(x₀)" in panel.note and "above or below" not in panel.note


LABELS_MEETING = r"""
const root = document.getElementById("panel-" + arguments[0]), met = [];
const labels = Array.from(root.querySelectorAll(".panel-point-label"))
  .filter(e => e.style.display !== "none" && e.style.visibility !== "hidden" && e.textContent.trim());
const boxes = labels.map(e => e.getBoundingClientRect());
boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, k) => {
  if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
    met.push(labels[i].textContent + " runs into " + labels[i + 1 + k].textContent);
}));
return {met: met, shown: labels.map(e => e.textContent)};
"""


def test_extrema_panel_names_critical_and_inflection_points_and_keeps_their_labels_clear(browser):
    """The review: at x = -1 and 1 the panel said "f is level" (as if f were constant) and at 0 "no bend", though
    the note says f'' = 0 gives no verdict; and the moving point's "x" ran into "local max" ("xocal max"). At every
    zero of f' and f'' (solved by sympy) and at both ends the slider stops there, the readouts give the first-
    derivative test's verdict and the inflection (f'' changes sign), and no two point labels overlap."""
    from selenium.webdriver.common.by import By

    params = load_course().scene("ExtremaAndConvexity").params
    s, (lo, hi) = params.function.symbol, params.interval
    zeros = {float(z) for order in (1, 2) for z in sympy.solveset(sympy.diff(params.function.expr, s, order), s, sympy.Interval(lo, hi))}
    values = list(_panel("ExtremaAndConvexity").controls[0].values)
    root = browser.find_element(By.ID, "panel-ExtremaAndConvexity")
    browser.execute_script("arguments[0].scrollIntoView()", root)
    seen = set()
    for x in sorted(zeros | {lo, hi}):
        index = next((i for i, v in enumerate(values) if math.isclose(v, x, abs_tol=1e-9)), None)
        assert index is not None, f"x = {x} (a zero of f' or f'', or an end) is not a slider position"
        browser.execute_script(SET_SLIDER, "ExtremaAndConvexity", "x", index)
        state = browser.execute_script(READ, "ExtremaAndConvexity")
        _check_shown("ExtremaAndConvexity", state, params)
        seen |= {state["readouts"]["trend"], state["readouts"]["shape"]}
        labels = browser.execute_script(LABELS_MEETING, "ExtremaAndConvexity")
        assert not labels["met"], f"at x = {x}: {labels['met']}"
        assert not any(word in text for text in seen for word in ("level", "no bend")), seen
    assert {"critical point: local max (f' goes + to −)", "critical point: local min (f' goes − to +)",
            "inflection point: f'' changes sign"} <= seen
    clear = max(range(len(values)), key=lambda i: min(abs(values[i] - m) for m in zeros | {lo, hi}))  # far from every mark
    browser.execute_script(SET_SLIDER, "ExtremaAndConvexity", "x", clear)
    assert "x" in browser.execute_script(LABELS_MEETING, "ExtremaAndConvexity")["shown"], "away from marked points x is labelled"


def test_partial_derivatives_tangents_are_the_slices_tangents_long_and_inside_the_box():
    """Each tangent passes through (a, b, f(a, b)) with sympy's f_x (along x) or f_y (along y) for its slope, reaches
    well past the old +-1 (a third of the x range each way) unless the 3D box's edge stops it, and stays in the box."""
    params = load_course().scene("PartialDerivatives").params
    panel = _panel("PartialDerivatives")
    box = np.array(panel.views[0].box)
    expr, x, y = _sympy_field(params.function)
    span = params.x_range[1] - params.x_range[0]
    for frame in panel.frames:
        at = {x: frame["a"], y: frame["b"]}
        point = np.array([frame["a"], frame["b"], float(expr.subs(at))])
        for key, axis, symbol in (("tangent_x", 0, x), ("tangent_y", 1, y)):
            ends = np.array(frame[key], float)
            slope = float(sympy.diff(expr, symbol).subs(at))
            run = ends[:, axis] - point[axis]
            assert np.allclose(ends[:, 1 - axis], point[1 - axis]) and np.allclose(ends[:, 2] - point[2], slope * run, atol=1e-9)
            assert run[0] <= 0 <= run[1]
            for end, reach in zip(ends, np.abs(run)):
                assert np.all(end >= box[::2] - 1e-9) and np.all(end <= box[1::2] + 1e-9), f"{key} leaves the box at {frame['a'], frame['b']}"
                at_edge = np.isclose(end, box[::2]).any() or np.isclose(end, box[1::2]).any()
                assert reach >= span / 3 - 1e-9 or at_edge, f"{key} at {frame['a'], frame['b']} reaches only {reach}"


TRACES = """
const plot = document.querySelector("#panel-PartialDerivatives .panel-3d");
return plot.data.filter(t => t.type === "scatter3d" && t.line).map(t => ({mode: t.mode, color: t.line.color, width: t.line.width}));
"""


def test_partial_derivatives_draws_slices_plain_and_tangents_apart_from_them(browser):
    """The review: slices and tangents alike (same colour, both beaded) could not be told apart. In the page's 3D
    plot the slices are plain lines (no beads) in the clip's colours, red for y = b and green for x = a
    (scenes/kit/look.py's SECANT and DERIVATIVE); each tangent is a lighter shade of the same hue, at least half as
    thick again, without beads either."""
    import colorsys

    traces = browser.execute_script(TRACES)
    hue_light = lambda c: colorsys.rgb_to_hls(*(int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)))[:2]
    from scenes.kit.palette import DERIVATIVE, SECANT

    for clip_colour in (SECANT, DERIVATIVE):
        [curve] = [t for t in traces if t["color"] == clip_colour]
        assert curve["mode"] == "lines", f"the slice in {clip_colour} is beaded"
        hue, light = hue_light(clip_colour)
        [tangent] = [t for t in traces if t is not curve and abs(hue_light(t["color"])[0] - hue) < 0.02]
        assert tangent["mode"] == "lines" and hue_light(tangent["color"])[1] > light + 0.1, tangent
        assert tangent["width"] >= 1.5 * curve["width"], (tangent, curve)


TICK_LABELS = r"""
// every board's tick numbers against their ticks, both as JSXGraph placed them: the tick's screen position from
// its drawn path, the number's centre from the DOM (a number keepInside moved in from the edge, or hid under an
// axis name, is left out: it says so by moving)
const out = [];
Object.values(JXG.boards).forEach(board => {
  const panel = board.containerObj.closest(".panel"), box = board.containerObj.getBoundingClientRect();
  const zeroInside = board.getBoundingBox()[0] < 0 && board.getBoundingBox()[2] > 0;
  const labels = [];
  Object.values(board.objects).filter(o => o.elType === "ticks").forEach(ticks => {
    const along = ticks.line.point1.Y() === ticks.line.point2.Y() ? "x" : "y";
    const axisAt = along === "x" ? ticks.line.point1.coords.scrCoords[2] : ticks.line.point1.coords.scrCoords[1];
    ticks.labelsData.filter(d => d !== null).forEach((data, j) => {
      const node = ticks.labels[j].rendNode, tick = ticks.ticks[data.i - 1];
      if (node.style.display === "none" || node.style.visibility === "hidden" || node.style.translate) return;
      const r = node.getBoundingClientRect();
      labels.push({scene: panel.dataset.scene, board: board.id, along: along, text: node.textContent,
        tick: along === "x" ? tick[0][0] : tick[1][0], centre: along === "x" ? r.left + r.width / 2 - box.left : r.top + r.height / 2 - box.top,
        beside: along === "x" ? r.top - box.top - axisAt : Math.min(Math.abs(r.left - box.left - axisAt), Math.abs(r.right - box.left - axisAt))});
    });
  });
  const origin = Array.from(board.containerObj.querySelectorAll(".panel-origin")).map(e => e.textContent);
  out.push({scene: panel.dataset.scene, board: board.id, axes: board.containerObj.dataset.axes, zeroInside: zeroInside,
            labels: labels, zero: labels.some(l => l.along === "x" && /^[−-]?0$/.test(l.text)) || origin.includes("0")});
});
return out;
"""


def test_every_tick_number_sits_at_its_tick_and_zero_is_numbered(browser):
    """The review (NumberSets, DirectionalDerivative): the numbers sat 12 px right of their ticks (JSXGraph's axis
    puts a label's left edge 4 px past its tick), so the -5/3 dot read as -2 and a 121 degree peak as 110; and
    0 had no number. Every panel's every visible tick number: its centre within 2 px of its tick (along the axis),
    just below the x-axis or just beside the y-axis; every board whose x-range holds 0 numbers it."""
    browser.refresh()
    boards = browser.execute_script(TICK_LABELS)
    with_axes = {s for s in course_panels() if any(isinstance(v, Board) and v.axes for v in _panel(s).views)}
    assert with_axes <= {b["scene"] for b in boards if b["axes"] != "0"} and len(with_axes) > 20
    problems, measured = [], 0
    for board in boards:
        if board["axes"] == "0":
            continue
        for label in board["labels"]:
            measured += 1
            if abs(label["centre"] - label["tick"]) > 2:
                problems.append(f"{board['scene']}: {label['along']}-axis number {label['text']} is "
                                f"{label['centre'] - label['tick']:+.1f} px from its tick")
            if not 0 <= label["beside"] <= 10:
                problems.append(f"{board['scene']}: {label['along']}-axis number {label['text']} is {label['beside']:.1f} px off its axis")
        if board["zeroInside"] and not board["zero"]:
            problems.append(f"{board['scene']}: 0 is on the x-axis but not numbered")
    assert measured > 200, measured
    assert not problems, "; ".join(problems)


def test_the_drill_gives_each_function_its_own_ranges_and_draws_the_dashes_over_the_whole_plot():
    """The review: f2 and f3 kept f1's ranges (slope in [-6, 6]) while f2' spans [-0.13, 1]: a flat line, the dashes
    closing in invisible; and the dashes stopped at x = 2.5 - h without a word. Each function's f and f' (sympy,
    sampled here) fill at least 40% of their plot's height, inside it; the dashes reach the plot's right end."""
    params = load_course().scene("DifferentiationDrill").params
    panel, (lo, hi) = _panel("DifferentiationDrill"), params.interval
    assert [view.box for view in panel.views] == ["f_box", "slope_box"]
    for f in params.parsed_functions():
        x = sympy.Symbol(f.variable)
        xs = np.linspace(lo, hi, 301)
        values = {"f_box": sympy.lambdify(x, f.expr, "numpy")(xs), "slope_box": sympy.lambdify(x, sympy.diff(f.expr, x), "numpy")(xs)}
        frames = [frame for frame in panel.frames if frame["f_box"] is not None and
                  np.allclose(frame["graph"][0][:, 1], sympy.lambdify(x, f.expr, "numpy")(frame["graph"][0][:, 0]))]
        assert frames, f"no frame draws {f.expr}"
        for frame in frames:
            for key, ys in values.items():
                y0, y1 = frame[key][2], frame[key][3]
                assert y0 <= ys.min() and ys.max() <= y1, (f.expr, key, frame[key])
                assert ys.max() - ys.min() >= 0.4 * (y1 - y0), f"{f.expr}: {key} {frame[key]} flattens a curve spanning {ys.min():.3g}..{ys.max():.3g}"
            dashes = frame["secants"][0]
            assert dashes[-1, 0] == pytest.approx(hi) and np.isfinite(dashes[-1, 1]), (f.expr, frame["h"])


DRILL_SLOPE_PLOT = """
const root = document.getElementById("panel-DifferentiationDrill");
root.querySelector("input[type=radio][data-control='function'][value='" + arguments[0] + "']").click();
const board = Object.values(JXG.boards).filter(b => root.contains(b.containerObj))[1];
return board.getBoundingBox();
"""


def test_the_drill_plot_takes_the_chosen_functions_ranges_in_the_browser(browser):
    """Choosing f2 reframes the slope plot to f2' (sympy, here): its curve fills the plot, and the tick numbers
    follow the new ticks (still centred on them)."""
    params = load_course().scene("DifferentiationDrill").params
    (lo, hi), x = params.interval, sympy.Symbol("x")
    browser.refresh()
    for option, f in enumerate(params.parsed_functions(), start=1):
        left, top, right, bottom = browser.execute_script(DRILL_SLOPE_PLOT, str(option))
        slopes = sympy.lambdify(x, sympy.diff(f.expr, x), "numpy")(np.linspace(lo, hi, 301))
        assert bottom < slopes.min() and slopes.max() < top, (f.expr, bottom, top)
        assert slopes.max() - slopes.min() >= 0.3 * (top - bottom), (f.expr, bottom, top)
        drill = [b for b in browser.execute_script(TICK_LABELS) if b["scene"] == "DifferentiationDrill"]
        assert all(abs(label["centre"] - label["tick"]) <= 2 for b in drill for label in b["labels"]), drill


def test_functions_of_two_variables_shows_a_point_the_hill_hides_by_a_stem():
    """The review (x = 2.5, y = 1.5): the purple point went behind the hill, a faint ghost, nothing said. As in
    TangentPlane, a purple stem rises straight up from the point (its height by sympy) above the highest point of
    the surface (sympy on a fine grid), and the note says what it is."""
    params = load_course().scene("FunctionsOfTwoVariables").params
    panel = _panel("FunctionsOfTwoVariables")
    x, y = sympy.symbols("x y")
    height = sympy.lambdify((x, y), params.function.expr, "numpy")
    X, Y = np.meshgrid(np.linspace(*params.x_range, 201), np.linspace(*params.y_range, 201))
    summit = float(np.nanmax(height(X, Y)))
    scene3d = next(view for view in panel.views if type(view).__name__ == "Scene3D")
    assert any(type(s).__name__ == "Path3D" and s.key == "stem" and s.color == ACCENT for s in scene3d.shapes)
    for frame in panel.frames:
        (x0, y0, z0), (x1, y1, z1) = frame["stem"]
        assert (x0, y0, x1, y1) == (frame["x0"], frame["y0"], frame["x0"], frame["y0"])
        assert z0 == pytest.approx(float(height(frame["x0"], frame["y0"])), abs=1e-9) and z1 > summit
    assert "purple line rises from the point" in panel.note


def test_hessian_convexity_explains_only_the_colours_its_map_shows():
    """The review: the note explained yellow (negative definite), which never occurs for the course's f (f_xx = 3x^2
    >= 0). Negative definite somewhere on the map (sympy's Hessian on a grid: f_xx < 0 and
    det H > 0) if and only if the note explains yellow; else it says no point is negative definite."""
    params = load_course().scene("HessianConvexity").params
    F, x, y = _sympy_field(params.function)
    fxx, fyy, fxy = (sympy.lambdify((x, y), sympy.diff(F, *v), "numpy") for v in ((x, x), (y, y), (x, y)))
    X, Y = np.meshgrid(np.linspace(*params.x_range, 81), np.linspace(*params.y_range, 81))
    a, d = fxx(X, Y) * np.ones_like(X), fyy(X, Y) * np.ones_like(X)
    negative_definite = bool(np.any((a < 0) & (a * d - (fxy(X, Y) * np.ones_like(X)) ** 2 > 0)))
    note = _panel("HessianConvexity").note
    assert ("yellow" in note) == negative_definite, note
    assert negative_definite or "no point of this map is negative definite" in note, note


def test_hessian_convexity_map_colour_under_a_point_is_its_hessians_kind():
    """The ninth review: the map's colouring came in 41 coarse cells whose steps crossed the det H = 0 curve, so
    the colour under the point could contradict the readout. Away from the curve (beyond 0.3% of the map's width, about a pixel),
    the colour under every point of a grid is the colour of the kind sympy's Hessian gives there."""
    from scenes.week4 import panels as week4

    params = load_course().scene("HessianConvexity").params
    F, x, y = _sympy_field(params.function)
    fxx, fyy, fxy = (sympy.lambdify((x, y), sympy.diff(F, *v), "numpy") for v in ((x, x), (y, y), (x, y)))
    (x_lo, x_hi), (y_lo, y_hi) = params.x_range, params.y_range
    near = 0.003 * (x_hi - x_lo)

    def kind(px, py):
        a, d, b = (float(g(px, py)) for g in (fxx, fyy, fxy))
        det = a * d - b * b
        return "indefinite" if det < 0 else "positive definite" if det > 0 and a > 0 else "negative definite" if det > 0 else None

    rects = week4.kind_shading(params.function, params.x_range, params.y_range)
    checked = 0
    for px in np.linspace(x_lo, x_hi, 61)[1:-1]:
        for py in np.linspace(y_lo, y_hi, 61)[1:-1]:
            around = {kind(px + dx, py + dy) for dx in (-near, 0, near) for dy in (-near, 0, near)}
            if len(around) != 1 or None in around:
                continue  # on or beside the curve det H = 0
            [expected] = around
            under = [r.color for r in rects if r.x0 <= px <= r.x1 and r.y0 <= py <= r.y1]
            assert under and set(under) == {week4.KIND_SHADES[expected]}, (px, py, expected, under)
            checked += 1
    assert checked > 1000


def test_chain_rule_network_edge_numbers_take_their_paths_colour():
    """The ninth review: the number of x1 -> h2 sat beside x1 -> h1, and a student could not tell which edge it
    belonged to. The two paths have colours of their own, and each number has its edge's colour."""
    diagram = _panel("ChainRuleNetwork").views[0]
    from scenes.week4 import panels as week4

    def edge_colour(a, b):
        (xa, ya), (xb, yb) = week4.NODES[a], week4.NODES[b]
        [colour] = {s.color for s in diagram.shapes if isinstance(s, Segment) and (s.x1, s.y1, s.x2, s.y2) == (xa, ya, xb, yb)}
        return colour

    numbers = {t.key: t.color for t in diagram.shapes if isinstance(t, Text) and t.key.startswith("edge_")}
    for a, b in week4.X1_PATHS:
        assert numbers[f"edge_{a}_{b}"] == edge_colour(a, b), (a, b)
    assert edge_colour("x1", "h1") == edge_colour("h1", "y") != edge_colour("x1", "h2") == edge_colour("h2", "y")
    assert "through h₁ in" in _panel("ChainRuleNetwork").note and "through h₂ in" in _panel("ChainRuleNetwork").note


def test_multivariate_extrema_gradient_arrow_has_a_colour_of_its_own():
    """The review: the gradient arrow had the red of "local maximum". The arrow's colour is none of the marks'."""
    from scenes.publish.panels import Segment

    board = _panel("MultivariateExtrema").views[0]
    arrows = [s for s in board.shapes if isinstance(s, Segment) and s.arrow]
    marks = {s.color for s in board.shapes if isinstance(s, Point) and s.label}
    assert arrows and len(marks) >= 2 and not {a.color for a in arrows} & marks, (arrows, marks)
    assert "white arrow is the gradient" in _panel("MultivariateExtrema").note


def test_number_sets_names_its_fractions_and_its_naturals_exactly():
    """The review: "k-th best p/q" names no definition (the panel shows continued-fraction convergents, checked
    against sympy's above), and the long label that replaced it was cut off with a scrollbar: a short label,
    defined in the note; and N's note must say where it starts: 0 is drawn green (Z, by calcviz), so N = {1, 2, 3, ...}."""
    panel = _panel("NumberSets")
    label = next(r.label for r in panel.readouts if r.key == "fraction")
    assert label == "p_k/q_k" and "p_k/q_k is the k-th continued-fraction convergent of x" in panel.note
    assert sets.number_set("0") == "Z" and sets.number_set("1") == "N"
    assert "N = {1, 2, 3, ...}" in panel.note and "best" not in panel.note


def test_improper_integrals_shades_both_areas_it_reads_and_writes_epsilon_plainly():
    """The review: only f's area was shaded while g's was read out too; and the cut integral read int_{0+eps}.
    The top plot shades an area under each curve (sympy's f and g at the shaded points) up to b; from 0 the lower
    bound is plain epsilon."""
    from scenes.publish.panels import Area

    params = load_course().scene("ImproperIntegrals").params
    panel = _panel("ImproperIntegrals")
    areas = [s for s in panel.views[0].shapes if isinstance(s, Area)]
    for name in ("tail_function", "divergent_function"):
        function = getattr(params, name)
        g = sympy.lambdify(function.symbol, function.expr, "numpy")
        assert any(area.x1 == "shown_b" and np.allclose(area.points[:20, 1], g(area.points[:20, 0])) for area in areas), name
    label = next(r.label for r in panel.readouts if r.key == "singular_cut")
    assert params.singular_interval[0] != 0 or label.startswith(r"\int_{\varepsilon}"), label


def test_chain_rule_network_numbers_sit_off_every_edge():
    """The eighth review: the number on x1 -> h2 sat on its own steep line, so its minus sign read as struck out
    (and the product along the path then looked wrong). Each number's box (about 1.3 wide and 0.3 tall on the
    diagram, 13 px type for up to 8 characters) clears every drawn edge."""
    from scenes.week4 import panels as week4

    def distance(point, a, b) -> float:
        p, a, b = (np.array(v, dtype=float) for v in (point, a, b))
        t = np.clip(np.dot(p - a, b - a) / np.dot(b - a, b - a), 0.0, 1.0)
        return float(np.linalg.norm(p - (a + t * (b - a))))

    diagram = _panel("ChainRuleNetwork").views[0]
    edges = [((s.x1, s.y1), (s.x2, s.y2)) for s in diagram.shapes if isinstance(s, Segment)]
    for a, b in week4.X1_PATHS:
        x, y = week4.edge_label_at(a, b)
        box = [(x + dx, y + dy) for dx in np.linspace(-0.65, 0.65, 14) for dy in (-0.15, 0.0, 0.15)]
        closest = min(distance(corner, *edge) for corner in box for edge in edges)
        assert closest > 0.05, f"the number on {a} -> {b} touches an edge ({closest:.2f} away)"


def test_gradient_descent_panel_draws_the_step_that_leaves_the_plot():
    """The eighth review: a run whose first step leaves the plot (eta = 0.439 from (-2, 1.4)) drew no path at all,
    and "steps" counted steps never drawn. Every run that leaves draws its steps up to the plot's edge, in red, and
    counts exactly those."""
    params = load_course().scene("GradientDescentSurface").params
    (x_lo, x_hi), (y_lo, y_hi) = params.x_range, params.y_range
    left = [f for f in _panel("GradientDescentSurface").frames if f["status"] == "diverged: left the plot"]
    assert left
    for f in left:
        path = np.asarray(f["path2"])
        assert len(path) >= 2 and len(path) - 1 == f["steps"], (f["rate"], f["sx"], f["sy"], len(path), f["steps"])
        x, y = path[-1, :2]
        on_edge = min(abs(x - x_lo), abs(x - x_hi), abs(y - y_lo), abs(y - y_hi))
        assert on_edge < 1e-9 and x_lo - 1e-9 <= x <= x_hi + 1e-9 and y_lo - 1e-9 <= y <= y_hi + 1e-9
