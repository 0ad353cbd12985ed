"""The course config: the real one loads; bad values stop with a message naming file, scene and key."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from calcviz.optimize import gradient_descent
from scenes.course import ROOT, ConfigError, load_course
from scenes.params import scene_specs

REAL = (ROOT / "course.toml").read_text()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.toml"
    path.write_text(text)
    return path


def with_change(old: str, new: str) -> str:
    assert old in REAL, f"test setup: {old!r} not in course.toml"
    return REAL.replace(old, new, 1)


def test_real_course_loads_with_six_weeks():
    course = load_course()
    assert [w.number for w in course.weeks] == [1, 2, 3, 4, 5, 6]
    week3 = course.week(3)
    assert [s.name for s in week3.scenes] == ["SecantToTangent", "DerivativeAsFunction", "LinearApproximation", "ExtremaAndConvexity"]
    for entry in week3.scenes:
        assert (ROOT / entry.module).exists()


def test_week_defaults_apply_and_scenes_override():
    week3 = load_course().week(3)
    secant, _, linear, _ = week3.scenes
    assert str(secant.params.function.expr) == "x**3/3 - x"
    assert secant.params.interval == (-2.5, 2.5)
    assert str(linear.params.function.expr) == "sqrt(x)"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('scene = "SecantToTangent"', 'scene = "SecantToTangnet"', r"week 3, scene 'SecantToTangnet': unknown scene"),
        ('function = "x^3/3 - x"', 'function = "x^3/3 - import(x)"', r"scene SecantToTangent, key 'function': .*'import'.*position 8"),
        ('function = "x^3/3 - x"', 'function = "x^3/3 - x +"', r"scene SecantToTangent, key 'function':"),
        ("point = 1.5", "point = 3.5", r"scene SecantToTangent, key 'point': 3.5 is outside the interval \[-2.5, 2.5\]"),
        ("point = 1.5", 'point = "one"', r"scene SecantToTangent, key 'point': expected a finite number"),
        ("point = 1.5", "pointt = 1.5", r"scene SecantToTangent, key 'pointt': unknown key"),
        ('function = "sqrt(x)"', 'function = "log(x - 1)"', r"scene LinearApproximation, key 'interval': .*not defined"),
        ("interval = [0, 9]", "interval = [9, 0]", r"scene LinearApproximation, key 'interval': expected lo < hi"),
        ("estimate_at = 4.1", "estimate_at = 12", r"scene LinearApproximation, key 'estimate_at': 12 is outside"),
        ("zoom_widths = [4, 1, 0.25]", "zoom_widths = [1, 4]", r"key 'zoom_widths': expected shrinking"),
        ("h_values = [1.0, 0.5, 0.2, 0.05, 0.01]", "h_values = [1.0, 0.0]", r"key 'h_values': h must not be 0"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  function = "exp(x)"', r"scene ExtremaAndConvexity, key 'function': .*no critical point"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  pace = -1', r"scene ExtremaAndConvexity, key 'pace': expected positive"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  function_color = "blue"', r"scene ExtremaAndConvexity, key 'function_color': expected a color"),
    ],
)
def test_bad_values_name_file_scene_and_key(tmp_path, old, new, expected):
    path = write(tmp_path, with_change(old, new))
    with pytest.raises(ConfigError) as caught:
        load_course(path)
    message = str(caught.value)
    assert message.startswith("course.toml: ")
    assert re.search(expected, message), message


def test_missing_required_key(tmp_path):
    path = write(tmp_path, with_change("  point = 1.5\n", ""))
    with pytest.raises(ConfigError, match=r"scene SecantToTangent, key 'point': missing"):
        load_course(path)


def test_invalid_toml_names_the_line(tmp_path):
    path = write(tmp_path, REAL + "\n[[weeks]\n")
    with pytest.raises(ConfigError, match=r"course.toml: not valid TOML: .*line"):
        load_course(path)


def test_repeated_scene_is_refused(tmp_path):
    extra = '\n  [[weeks.scenes]]\n  scene = "SecantToTangent"\n  title = "again"\n  point = 1\n'
    text = REAL.replace('[[weeks]]\nnumber = 4', extra + '\n[[weeks]]\nnumber = 4')
    with pytest.raises(ConfigError, match="listed more than once: SecantToTangent"):
        load_course(write(tmp_path, text))


def test_cli_reports_error_before_rendering(tmp_path):
    """A bad config stops `render` with the message and a non-zero exit, and writes no clip."""
    path = write(tmp_path, with_change("point = 1.5", "point = 99"))
    out = tmp_path / "clip.mp4"
    result = subprocess.run(
        [sys.executable, "-m", "scenes", "render", "SecantToTangent", "--quality", "tiny", "--output", str(out)],
        cwd=ROOT, env={"CALCVIZ_COURSE": str(path), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "key 'point': 99 is outside the interval" in result.stderr
    assert not out.exists()


def test_every_registered_scene_module_defines_its_class():
    for name, spec in scene_specs().items():
        source = (ROOT / spec.module).read_text()
        assert f"class {name}(" in source


def test_limit_and_integral_scenes_load_with_their_schedules():
    course = load_course()
    assert [s.name for s in course.week(2).scenes][:1] == ["EpsilonDelta"]
    assert [s.name for s in course.week(5).scenes] == ["RiemannSums", "AreaAccumulation", "Antiderivatives", "ImproperIntegrals", "NumericalIntegration"]
    riemann = course.scene("RiemannSums").params
    assert all(isinstance(n, int) for n in riemann.n_values)
    assert riemann.rules == ("left", "right", "midpoint")
    epsilons = course.scene("EpsilonDelta").params.epsilons
    assert list(epsilons) == sorted(epsilons, reverse=True)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("epsilons = [0.3, 0.15, 0.08, 0.04, 0.02]", "epsilons = [0.1, 0.2]", r"scene EpsilonDelta, key 'epsilons': expected shrinking values"),
        ("epsilons = [0.3, 0.15, 0.08, 0.04, 0.02]", "epsilons = [0.1, -0.05]", r"scene EpsilonDelta, key 'epsilons': expected positive values, got -0.05"),
        ("epsilons = [0.3, 0.15, 0.08, 0.04, 0.02]", "epsilons = [5]", r"scene EpsilonDelta, key 'epsilons': for epsilon = 5 the delta-window .* does not fit"),
        ('function = "sin(x)/x"', 'function = "1/x"', r"scene EpsilonDelta, key 'function': 1/x has no finite limit at x = 0"),
        ('function = "sin(x)/x"', 'function = "log(x)"', r"scene EpsilonDelta, key 'interval': .*must be defined on \[-4, 4\] except at x = 0"),
        ('function = "sin(x)/x"', 'function = "1/(x - 1)"', r"scene EpsilonDelta, key 'interval': .*\(undefined at x = 1\)"),
        ("interval = [-4, 4]\n  point = 0", "interval = [-4, 4]\n  point = 5", r"scene EpsilonDelta, key 'point': 5 is outside the interval"),
        ('jump_function = "abs(x)/x"', 'jump_function = "x^2"', r"scene EpsilonDelta, key 'jump_function': x\*\*2 does not jump at x = 0"),
        ("jump_epsilon = 0.5", "jump_epsilon = 1", r"scene EpsilonDelta, key 'jump_epsilon': 1 is not smaller than half the jump \(1\)"),
        ("jump_deltas = [1, 0.4, 0.1]", "jump_deltas = [0.1, 0.4]", r"scene EpsilonDelta, key 'jump_deltas': expected shrinking"),
        ("jump_deltas = [1, 0.4, 0.1]", "jump_deltas = [3, 1]", r"scene EpsilonDelta, key 'jump_deltas': the first delta .* does not fit in the interval \[-2, 2\]"),
        ('rules = ["left", "right", "midpoint"]', 'rules = ["left", "upper"]', r"scene RiemannSums, key 'rules': unknown rule 'upper' \(allowed: left, right, midpoint, trapezoid, simpson\)"),
        ('rules = ["left", "right", "midpoint"]', 'rules = ["left", "left"]', r"scene RiemannSums, key 'rules': a rule is listed twice"),
        ('rules = ["left", "right", "midpoint"]', 'rules = "left"', r"scene RiemannSums, key 'rules': expected a non-empty list of names"),
        ("n_values = [2, 4, 8, 16, 32, 64]", "n_values = [2, 8, 4]", r"scene RiemannSums, key 'n_values': expected growing n .* got 4 after 8"),
        ("n_values = [2, 4, 8, 16, 32, 64]", "n_values = [0, 2]", r"scene RiemannSums, key 'n_values': expected whole numbers of pieces from 1 to 256, got 0"),
        ("n_values = [2, 4, 8, 16, 32, 64]", "n_values = [2, 4.5]", r"scene RiemannSums, key 'n_values': expected an integer, got 4.5"),
        ("n_values = [2, 4, 8, 16, 32, 64]", "n_values = []", r"scene RiemannSums, key 'n_values': expected a non-empty list of integers"),
        ('function = "sin(x)"', 'function = "1/(x - 2)"', r"scene RiemannSums, key 'interval': .*not defined .*\(undefined at x = 2\)"),
        ("dx_values = [0.6, 0.2, 0.05, 0.01]", "dx_values = [0.05, 0.2]", r"scene AreaAccumulation, key 'dx_values': expected shrinking"),
        ("dx_values = [0.6, 0.2, 0.05, 0.01]", "dx_values = [0.6, 0]", r"scene AreaAccumulation, key 'dx_values': expected positive values, got 0"),
        ("point = 0.4", "point = 3.8", r"scene AreaAccumulation, key 'dx_values': the strip from 3.8 to 4.4 leaves the interval \[0, 4\]"),
        ("point = 0.4", "point = -1", r"scene AreaAccumulation, key 'point': -1 is outside the interval"),
        ('function = "(x - 1)*(x - 3)"', 'function = "sin(sin(x))"', r"scene AreaAccumulation, key 'function': sympy finds no antiderivative of sin\(sin\(x\)\)"),
        ('function = "x^2 - 1"', 'function = "exp(-x^2)"', r"scene Antiderivatives, key 'function': exp\(-x\^2\) has no elementary antiderivative; sympy writes one with erf"),
        ('no_elementary = "exp(-x^2)"', 'no_elementary = "x*exp(x)"', r"scene Antiderivatives, key 'no_elementary': x\*exp\(x\) has an elementary antiderivative"),
        ('no_elementary = "exp(-x^2)"', 'no_elementary = "x^x"', r"scene Antiderivatives, key 'no_elementary': sympy finds no antiderivative of x\^x .*special function"),
        ("initial_point = [0, 1.5]", "initial_point = [4, 1.5]", r"scene Antiderivatives, key 'initial_point': 4 is outside the interval"),
        ("constants = [-2, -1, 0, 1, 2]", "constants = [1, 1]", r"scene Antiderivatives, key 'constants': expected 2 to 9 different constants"),
        ('tail_function = "1/x^2"', 'tail_function = "1/sqrt(x)"', r"scene ImproperIntegrals, key 'tail_function': the integral of .* from 1 to infinity diverges"),
        ('divergent_function = "1/x"', 'divergent_function = "exp(-x)"', r"scene ImproperIntegrals, key 'divergent_function': .* does not diverge to infinity"),
        ('singular_function = "1/sqrt(x)"', 'singular_function = "1/x"', r"scene ImproperIntegrals, key 'singular_function': the integral of 1/x over \[0, 1\] diverges"),
        ('singular_function = "1/sqrt(x)"', 'singular_function = "sqrt(x)"', r"scene ImproperIntegrals, key 'singular_function': sqrt\(x\) must be undefined at x = 0"),
        ("far_bounds = [100, 1000, 10000]", "far_bounds = [5, 1000]", r"scene ImproperIntegrals, key 'far_bounds': expected growing bounds past window_end = 10, got 5 after 10"),
        ("epsilons = [0.5, 0.1, 0.01, 0.0001]", "epsilons = [0.1, 0.5]", r"scene ImproperIntegrals, key 'epsilons': expected shrinking"),
        ('function = "exp(x)*sin(x)"', 'function = "x^3"', r"scene NumericalIntegration, key 'function': a rule is exact for x\*\*3"),
        ("interval = [0, 3]\n  n_values = [2, 4, 8, 16, 32, 64]", "interval = [0, 3]\n  n_values = [2, 4, 8, 12]", r"scene NumericalIntegration, key 'n_values': expected n doubling each time, got 12 after 8"),
        ("interval = [0, 3]\n  n_values = [2, 4, 8, 16, 32, 64]", "interval = [0, 3]\n  n_values = [3, 6, 12]", r"scene NumericalIntegration, key 'n_values': expected even numbers of pieces"),
        ("interval = [0, 3]\n  n_values = [2, 4, 8, 16, 32, 64]", "interval = [0, 3]\n  n_values = [2, 4]", r"scene NumericalIntegration, key 'n_values': expected at least three"),
    ],
)
def test_bad_limit_and_integral_values_are_named(tmp_path, old, new, expected):
    with pytest.raises(ConfigError) as caught:
        load_course(write(tmp_path, with_change(old, new)))
    assert re.search(expected, str(caught.value)), str(caught.value)


def test_simpson_needs_an_even_number_of_pieces(tmp_path):
    text = with_change('rules = ["left", "right", "midpoint"]', 'rules = ["left", "simpson"]')
    text = text.replace("n_values = [2, 4, 8, 16, 32, 64]", "n_values = [4, 6, 9]", 1)
    with pytest.raises(ConfigError, match=r"scene RiemannSums, key 'n_values': Simpson's rule needs an even number of pieces, got 9"):
        load_course(write(tmp_path, text))
    load_course(write(tmp_path, text.replace("n_values = [4, 6, 9]", "n_values = [4, 6, 10]")))  # even n: accepted


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("learning_rates = [0.02, 0.15, 0.95]", "learning_rates = [0.15, 0.02, 0.95]", r"key 'learning_rates': expected three growing rates"),
        ("learning_rates = [0.02, 0.15, 0.95]", "learning_rates = [0.02, 0.15]", r"key 'learning_rates': expected three growing rates"),
        ("learning_rates = [0.02, 0.15, 0.95]", "learning_rates = [0, 0.15, 0.95]", r"key 'learning_rates': expected positive values, got 0"),
        ("learning_rates = [0.02, 0.15, 0.95]", "learning_rates = [0.14, 0.15, 0.95]", r"key 'learning_rates': the smallest rate 0.14 is not slow"),
        ("learning_rates = [0.02, 0.15, 0.95]", "learning_rates = [0.01, 0.03, 0.95]", r"key 'learning_rates': the middle rate 0.03 does not settle in a minimum within 30 steps"),
        ("learning_rates = [0.02, 0.15, 0.95]", "learning_rates = [0.02, 0.15, 0.3]", r"key 'learning_rates': the largest rate 0.3 neither diverges nor keeps oscillating"),
        ("learning_rates = [0.02, 0.15, 0.95]", "learning_rates = [0.02, 0.95, 1.0]", r"key 'learning_rates': the run at rate 0.95 leaves the map"),
        ("start = [-0.3, 1.4]", "start = [-0.3, 2]", r"scene GradientDescentSurface, key 'start': \(-0.3, 2\) is outside x in \[-2, 2\], y in \[-1.6, 1.6\]"),
        ("steps = 30", "steps = 1", r"scene GradientDescentSurface, key 'steps': 1: expected 2 to 200 steps"),
        ("steps = 30", "steps = 30\n  momentum = 1", r"scene GradientDescentSurface, key 'momentum': 1: expected 0 <= momentum < 1"),
        ('function = "(x^2 - 1)^2/2 + y^2 + x/4"', 'function = "log(x) + y^2"', r"scene GradientDescentSurface, key 'function': y\*\*2 \+ log\(x\) is not defined at \(x, y\) = \(-2, -1.6\)"),
        ("x_range = [-2, 2]", "x_range = [-2, 2]\n  surface_resolution = 4", r"key 'surface_resolution': 4: expected 8 to 96"),
        ('function = "(x^2 - 1)^2/2 + y^2 + x/4"', 'function = "(x + 0.3)^2 + (y - 1.4)^2"', r"key 'start': the gradient vanishes at \(-0.3, 1.4\)"),
    ],
)
def test_bad_gradient_descent_values_are_named(tmp_path, old, new, expected):
    with pytest.raises(ConfigError) as caught:
        load_course(write(tmp_path, with_change(old, new)))
    assert re.search(expected, str(caught.value)), str(caught.value)


def test_descent_rates_straddle_the_stability_limit():
    """Near a minimum, descent is stable only for eta < 2 / (largest Hessian eigenvalue): the story's rates
    sit on the right sides of that limit, which the config checks never compute."""
    p = load_course().scene("GradientDescentSurface").params
    settled = gradient_descent(p.function, p.start, p.learning_rates[1], 50 * p.steps)
    assert settled.converged
    curvature = max(np.linalg.eigvalsh(p.function.hessian(settled.x)))
    small, good, large = p.learning_rates
    assert small < good < 2 / curvature < large



@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('function = "4 - x^2/2 - y^2/3 + x*y/4"', 'function = "4 - x^2 + z"', r"scene TangentPlane, key 'function': .*'z'"),
        ('function = "4 - x^2/2 - y^2/3 + x*y/4"', 'function = "sqrt(x) + y"', r"scene TangentPlane, key 'function': .*not defined at \(x, y\) = \(-2.5, -2.5\)"),
        ("point = [1, 1]", "point = [1, 3]", r"scene TangentPlane, key 'point': \(1, 3\) is outside x in \[-2.5, 2.5\]"),
        ("point = [1, 1]", "point = [1]", r"scene TangentPlane, key 'point': expected a point \[x, y\], got \[1\]"),
        ("zoom_factors = [4, 16]", "zoom_factors = [16, 4]", r"scene TangentPlane, key 'zoom_factors': expected growing"),
        ("zoom_factors = [4, 16]", "zoom_factors = [0.5]", r"scene TangentPlane, key 'zoom_factors': expected growing magnifications above 1"),
        ("phi = 62", "phi = 120", r"scene TangentPlane, key 'phi': 120 degrees"),
        ("orbit = 70", "orbit = 720", r"scene TangentPlane, key 'orbit': 720 degrees"),
    ],
)
def test_bad_tangent_plane_values_are_named(tmp_path, old, new, expected):
    with pytest.raises(ConfigError) as caught:
        load_course(write(tmp_path, with_change(old, new)))
    assert re.search(expected, str(caught.value)), str(caught.value)


def test_tangent_plane_at_a_kink_is_refused(tmp_path):
    text = with_change('function = "4 - x^2/2 - y^2/3 + x*y/4"', 'function = "abs(x - 1) + y"')
    with pytest.raises(ConfigError, match=r"scene TangentPlane, key 'point': .*not differentiable at \(x, y\) = \(1, 1\)"):
        load_course(write(tmp_path, text))
