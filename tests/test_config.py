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
    assert [s.name for s in week3.scenes] == ["SecantToTangent", "DerivativeAsFunction", "LinearApproximation", "ExtremaAndConvexity", "DifferentiationDrill"]
    for entry in week3.scenes:
        assert (ROOT / entry.module).exists()


def test_week_defaults_apply_and_scenes_override():
    week3 = load_course().week(3)
    secant, _, linear, *_ = week3.scenes
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
        ('sequences = ["2 + 1/n", "2 - 1/n"]', 'sequences = ["3 + 1/n", "2 - 1/n"]', r"scene LimitsViaSequences, key 'sequences': '3 \+ 1/n' tends to 3"),
        ('sequences = ["2 + 1/n", "2 - 1/n"]', 'sequences = ["2 + 3/n", "2 - 1/n"]', r"scene LimitsViaSequences, key 'sequences': the first 8 terms"),
        ('oscillating_sequences = ["1/(pi*n)", "1/(2*pi*n + pi/2)"]', 'oscillating_sequences = ["1/(pi*n)", "1/(2*pi*n)"]',
         r"scene LimitsViaSequences, key 'oscillating_sequences': .*two different finite values, got 0 and 0"),
        ('oscillating_function = "sin(1/x)"', 'oscillating_function = "x*sin(1/x)"', r"scene LimitsViaSequences, key 'oscillating_sequences'"),
        ("angles = [0.9, 0.6, 0.3, 0.1]", "angles = [0.9, 1.2]", r"scene FamousLimits, key 'angles': expected shrinking"),
        ('little_f = "x^2"', 'little_f = "sin(x)"', r"scene AsymptoticComparison, key 'little_f': sin\(x\) is not o\(x\) as x -> 0"),
        ('big_f = "x*sin(x)"', 'big_f = "x^2*sin(x)"', r"scene AsymptoticComparison, key 'big_f': .*not O\(x\).*unbounded"),
        ('big_f = "x*sin(x)"', 'big_f = "sqrt(x)"', r"scene AsymptoticComparison, key 'big_f': .*even o\(x\)"),
        ('ladder = ["log(x)", "sqrt(x)", "x", "x^2", "exp(x)"]', 'ladder = ["sqrt(x)", "log(x)", "x"]', r"scene AsymptoticComparison, key 'ladder': sqrt\(x\) is not o\(log\(x\)\)"),
        ("ladder_interval = [1, 4]", "ladder_interval = [-1, 4]", r"scene AsymptoticComparison, key 'ladder_interval': log\(x\) is not defined"),
        ('function = "sqrt(x)"', 'function = "log(x - 1)"', r"scene LinearApproximation, key 'interval': .*not defined"),
        ("interval = [0, 9]", "interval = [9, 0]", r"scene LinearApproximation, key 'interval': expected lo < hi"),
        ("estimate_at = 4.1", "estimate_at = 12", r"scene LinearApproximation, key 'estimate_at': 12 is outside"),
        ("estimate_at = 4.1", "estimate_at = 5", r"scene LinearApproximation, key 'estimate_at': 5 is outside the closest zoom window"),
        ("zoom_widths = [4, 1, 0.25]", "zoom_widths = [10, 1, 0.25]", r"scene LinearApproximation, key 'zoom_widths': a window of width 10 around 4 leaves"),
        ("zoom_widths = [4, 1, 0.25]", "zoom_widths = [1, 4]", r"key 'zoom_widths': expected shrinking"),
        ("h_values = [1.0, 0.5, 0.2, 0.05, 0.01]", "h_values = [1.0, 0.0]", r"key 'h_values': h must not be 0"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  function = "exp(x)"', r"scene ExtremaAndConvexity, key 'function': .*no critical point"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  pace = -1', r"scene ExtremaAndConvexity, key 'pace': expected positive"),
        ('title = "Extrema and convexity"', 'title = "Extrema"\n  function_color = "blue"', r"scene ExtremaAndConvexity, key 'function_color': expected a color"),
        ('functions = ["x*sin(2*x)", "x/(x^2 + 1)", "log(x^2 + 1)"]', 'functions = ["x*sin(2*x)", "x/(x^2 + 1)"]', r"scene DifferentiationDrill, key 'functions': expected 3 to 5 functions, got 2"),
        ('functions = ["x*sin(2*x)", "x/(x^2 + 1)", "log(x^2 + 1)"]', 'functions = ["x*sin(2*x)", "exp(x)/x", "log(x^2 + 1)"]', r"scene DifferentiationDrill, key 'functions': exp\(x\)/x is not defined on all of \[-2.5, 2.5\]"),
        ('functions = ["x*sin(2*x)", "x/(x^2 + 1)", "log(x^2 + 1)"]', 'functions = ["x*sin(2*x)", "x/(x^2 + 1)", "open(x)"]', r"scene DifferentiationDrill, key 'functions': 'open\(x\)': .*'open'"),
        ('functions = ["x*sin(2*x)", "x/(x^2 + 1)", "log(x^2 + 1)"]', 'functions = ["x*sin(2*x)", "7", "log(x^2 + 1)"]', r"scene DifferentiationDrill, key 'functions': 7 is constant"),
        ('functions = ["x*sin(2*x)", "x/(x^2 + 1)", "log(x^2 + 1)"]', 'functions = ["x*sin(2*x)", "x*cos(3*x)", "x/(x^2 + 1)", "x*exp(2*x)", "sin(2*x)*cos(3*x)"]',
         r"scene DifferentiationDrill, key 'functions': \d\d steps in all; at most 20"),
        ("h_values = [0.5, 0.1, 0.01]", "h_values = [0.1, 0.5]", r"scene DifferentiationDrill, key 'h_values': expected shrinking"),
        ("h_values = [0.5, 0.1, 0.01]", "h_values = [2, 0.1]", r"scene DifferentiationDrill, key 'h_values': h = 2 is wider than a quarter"),
        ('activation = "sigmoid"', 'activation = "relu"', r"scene ChainRuleNetwork, key 'activation': 'relu': expected one of sigmoid, tanh"),
        ("hidden_weights = [[0.8, -0.6], [-0.5, 1.2]]", "hidden_weights = [[0.8, -0.6]]", r"scene ChainRuleNetwork, key 'hidden_weights': expected two rows"),
        ("inputs = [1.0, -0.5]", "inputs = [1.0]", r"scene ChainRuleNetwork, key 'inputs': expected a point"),
        ("inputs = [1.0, -0.5]", "inputs = [1.0, -50]", r"scene ChainRuleNetwork, key 'inputs': 50 is too large"),
        ("target = 0.9", "target = 0.75347", r"scene ChainRuleNetwork, key 'target': the network already outputs 0.7535"),
        ('examples = ["3", "sqrt(8)/sqrt(2)"', 'examples = ["3", "x + 1"', r"scene NumberSets, key 'examples': 'x \+ 1' is not a number: it has the variable x"),
        ('examples = ["3", "sqrt(8)/sqrt(2)"', 'examples = ["3", "sqrt(-1)"', r"scene NumberSets, key 'examples': .*not a real number"),
        ('examples = ["3", "sqrt(8)/sqrt(2)"', 'examples = ["3", "4", "5", "6"', r"scene NumberSets, key 'examples': at most 3 examples per set"),
        ('irrational = "sqrt(2)"', 'irrational = "sqrt(4)"', r"scene NumberSets, key 'irrational': sqrt\(4\) is rational"),
        ("one_to_one_interval = [0, 2]", "one_to_one_interval = [-1, 1]", r"scene FunctionsAsMappings, key 'one_to_one_interval': x\*\*2 is not one-to-one"),
        ('function = "x^2"\n  interval = [-1, 2]', 'function = "log(x)"\n  interval = [-1, 2]', r"scene FunctionsAsMappings, key 'interval': the function log\(x\) is not defined"),
        ("one_to_one_interval = [0, 2]", "one_to_one_interval = [0, 3]", r"scene FunctionsAsMappings, key 'one_to_one_interval': .*must lie inside"),
        ("samples = [-1, -0.5, 0, 0.5, 1, 1.5, 2]", "samples = [0, 0.5, 1]", r"scene FunctionsAsMappings, key 'samples': no two samples have the same value"),
        ("samples = [-1, -0.5, 0, 0.5, 1, 1.5, 2]", "samples = [-1, 1, 5]", r"scene FunctionsAsMappings, key 'samples': 5 is outside"),
        ('target = "2*sin(2*(x - 1)) + 1"', 'target = "sin(x^2)"', r"scene GraphTransformations, key 'target': .*is not a\*f\(b\*\(x - c\)\) \+ d"),
        ('target = "2*sin(2*(x - 1)) + 1"', 'target = "sin(x)"', r"scene GraphTransformations, key 'target': .*nothing to transform"),
        ('target = "2*sin(2*(x - 1)) + 1"', 'target = "sin(x) + 1"', r"scene GraphTransformations, key 'target': the target is one step \(shift y\) from the base"),
        ('sequence = "1 + cos(pi*n)/n"', 'sequence = "cos(pi*n)"', r"scene SequenceLimits, key 'sequence': .*has no limit"),
        ('sequence = "1 + cos(pi*n)/n"', 'sequence = "1 + x/n"', r"scene SequenceLimits, key 'sequence': .*sequences use the variable n"),
        ("epsilons = [0.3, 0.1, 0.05]", "epsilons = [0.3, 0.01]", r"scene SequenceLimits, key 'epsilons': for epsilon = 0.01 .*from n = 101, past the 30 drawn"),
        ("epsilons = [0.3, 0.1, 0.05]", "epsilons = [0.1, 0.3]", r"scene SequenceLimits, key 'epsilons': expected shrinking"),
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
    with pytest.raises(ConfigError, match=r"week 3, scene SecantToTangent: listed more than once \(also in week 3\)"):
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


LIMIT_AND_INTEGRAL_MISTAKES = [
    ("epsilons = [0.3, 0.15, 0.05]", "epsilons = [0.1, 0.2]", r"scene EpsilonDelta, key 'epsilons': expected shrinking values"),
    ("epsilons = [0.3, 0.15, 0.05]", "epsilons = [0.1, -0.05]", r"scene EpsilonDelta, key 'epsilons': expected positive values, got -0.05"),
    ("epsilons = [0.3, 0.15, 0.05]", "epsilons = [5]", r"scene EpsilonDelta, key 'epsilons': for epsilon = 5 the delta-window .* does not fit"),
    ('function = "sin(x)/x"', 'function = "1/x"', r"scene EpsilonDelta, key 'function': 1/x has no limit at x = 0: it tends to -inf from the left but inf from the right"),
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
    ('function = "(x - 1)*(x - 3)"', 'function = "exp(x)"', r"scene AreaAccumulation, key 'function': exp\(x\) is not a polynomial; .* reverse power rule"),
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
]


def test_simpson_needs_an_even_number_of_pieces(tmp_path):
    text = with_change('rules = ["left", "right", "midpoint"]', 'rules = ["left", "simpson"]')
    text = text.replace("n_values = [2, 4, 8, 16, 32, 64]", "n_values = [4, 6, 9]", 1)
    with pytest.raises(ConfigError, match=r"scene RiemannSums, key 'n_values': Simpson's rule needs an even number of pieces, got 9"):
        load_course(write(tmp_path, text))
    load_course(write(tmp_path, text.replace("n_values = [4, 6, 9]", "n_values = [4, 6, 10]")))  # even n: accepted


GRADIENT_DESCENT_MISTAKES = [
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
]


def test_descent_rates_straddle_the_stability_limit():
    """Near a minimum, descent is stable only for eta < 2 / (largest Hessian eigenvalue): the story's rates
    sit on the right sides of that limit, which the config checks never compute."""
    p = load_course().scene("GradientDescentSurface").params
    settled = gradient_descent(p.function, p.start, p.learning_rates[1], 50 * p.steps)
    assert settled.converged
    curvature = max(np.linalg.eigvalsh(p.function.hessian(settled.x)))
    small, good, large = p.learning_rates
    assert small < good < 2 / curvature < large



TANGENT_PLANE_MISTAKES = [
    ('function = "4 - x^2/2 - y^2/3 + x*y/4"', 'function = "4 - x^2 + z"', r"scene TangentPlane, key 'function': .*'z'"),
    ('function = "4 - x^2/2 - y^2/3 + x*y/4"', 'function = "sqrt(x) + y"', r"scene TangentPlane, key 'function': .*not defined at \(x, y\) = \(-2.5, -2.5\)"),
    ("point = [1, 1]", "point = [1, 3]", r"scene TangentPlane, key 'point': \(1, 3\) is outside x in \[-2.5, 2.5\]"),
    ("point = [1, 1]", "point = [1]", r"scene TangentPlane, key 'point': expected a point \[x, y\], got \[1\]"),
    ("zoom_factors = [4, 16]", "zoom_factors = [16, 4]", r"scene TangentPlane, key 'zoom_factors': expected growing"),
    ("zoom_factors = [4, 16]", "zoom_factors = [0.5]", r"scene TangentPlane, key 'zoom_factors': expected growing magnifications above 1"),
    ("phi = 62", "phi = 120", r"scene TangentPlane, key 'phi': 120 degrees"),
    ("neither edge-on\n  orbit = 40", "neither edge-on\n  orbit = 720", r"scene TangentPlane, key 'orbit': 720 degrees"),
]


WEEK2_TOUR = "tour = [[-2, 1.5], [-1, 0], [0, -1.2], [1, 0]]"
WEEK2_HOLE = 'function = "x*y/(x^2 + y^2)"'


WEEK2_SURFACE_MISTAKES = [
    (WEEK2_TOUR, "tour = [[-2, 1.5], [3, 0]]", r"scene FunctionsOfTwoVariables, key 'tour': \(3, 0\) is outside x in \[-2.5, 2.5\]"),
    (WEEK2_TOUR, "tour = [[1, 0]]", r"scene FunctionsOfTwoVariables, key 'tour': expected at least two points"),
    (WEEK2_TOUR, "tour = [1, 0]", r"scene FunctionsOfTwoVariables, key 'tour': expected a point \[x, y\], got 1"),
    ("levels = 8", "levels = 40", r"scene FunctionsOfTwoVariables, key 'levels': 40: expected 3 to 16 level curves"),
    ('function = "x*exp(-(x^2 + y^2)/2)"', 'function = "log(x) + y"', r"scene FunctionsOfTwoVariables, key 'function': .*not defined at \(x, y\) = \(-2.5, -2.5\)"),
    # LimitsAlongPaths: the fields are undefined at the point, and only there
    (WEEK2_HOLE, 'function = "x*y/(x^2 - y^2)"', r"scene LimitsAlongPaths, key 'function': .*not defined at \(x, y\) = \(-1.5, -1.5\): it may be undefined only at the point \(0, 0\)"),
    ('curve_function = "x*y^2/(x^2 + y^4)"', 'curve_function = "1/x"', r"scene LimitsAlongPaths, key 'curve_function': .*not defined at \(x, y\) = \(0, -1.5\)"),
    ("point = [0, 0]", "point = [2, 0]", r"scene LimitsAlongPaths, key 'point': \(2, 0\) is outside x in \[-1.5, 1.5\]"),
    ("point = [0, 0]", "point = [1, 1]", r"scene LimitsAlongPaths, key 'function': .*not defined at \(x, y\) = \(0, 0\): it may be undefined only at the point \(1, 1\)"),
    (WEEK2_HOLE, 'function = "x^2*y/(x^2 + y^2)"', r"scene LimitsAlongPaths, key 'function': .* tends to 0 along every line and parabola into \(0, 0\)"),
    (WEEK2_HOLE, 'function = "x*y^2/(x^2 + y^4)"', r"scene LimitsAlongPaths, key 'function': .*agrees along every line into \(0, 0\): expected two lines that disagree"),
    ('curve_function = "x*y^2/(x^2 + y^4)"', 'curve_function = "x*y/(x^2 + y^2)"', r"scene LimitsAlongPaths, key 'curve_function': .*already disagrees along lines"),
    ('curve_function = "x*y^2/(x^2 + y^4)"', 'curve_function = "sin(x^2 + y^2)/(x^2 + y^2)"', r"scene LimitsAlongPaths, key 'curve_function': .* tends to 1 along every line and parabola"),
]


def test_tangent_plane_at_a_kink_is_refused(tmp_path):
    text = with_change('function = "4 - x^2/2 - y^2/3 + x*y/4"', 'function = "abs(x - 1) + y"')
    with pytest.raises(ConfigError, match=r"scene TangentPlane, key 'point': .*not differentiable at \(x, y\) = \(1, 1\)"):
        load_course(write(tmp_path, text))


def test_checks_are_skipped_only_for_values_that_passed_them_under_the_same_code(tmp_path, monkeypatch):
    from scenes import params as params_module
    from scenes.week3.params import SecantToTangentParams

    monkeypatch.setattr(params_module, "CHECKED_DIR", tmp_path / "checked")
    calls = []
    original = SecantToTangentParams.check
    monkeypatch.setattr(SecantToTangentParams, "check", lambda self: calls.append(self.point) or original(self))
    load_course()
    load_course()
    assert calls == [1.5], "checked once, then remembered"
    load_course(write(tmp_path, with_change("point = 1.5", "point = 1.25")))
    assert calls == [1.5, 1.25], "new values are checked"
    monkeypatch.setattr(params_module, "_code_fingerprint", lambda: "other code")
    load_course()
    assert calls == [1.5, 1.25, 1.5], "changed code checks again"
    monkeypatch.setenv("CALCVIZ_CHECK_CACHE", "0")
    load_course()
    assert calls == [1.5, 1.25, 1.5, 1.5]
    with pytest.raises(ConfigError, match="outside the interval"):
        load_course(write(tmp_path, with_change("point = 1.5", "point = 9")))


@pytest.mark.parametrize("table, expected", [
    ('[narration]\nvoice = "voices/none.onnx"\n', r"course.toml: \[narration\], key 'voice': .*voices/none.onnx not found"),
    ('[narration]\nvoice = "voice.wav"\n', r"course.toml: \[narration\], key 'voice': expected the path of a Piper voice ending in .onnx"),
    ('[narration]\nspeaker = "me"\n', r"course.toml: \[narration\]: unknown key 'speaker'"),
    ('narration = "loud"\n', r"course.toml: \[narration\]: expected a table"),
])
def test_bad_narration_settings_are_named(tmp_path, table, expected):
    if table.startswith("["):
        text = REAL.replace("\n[[weeks]]", f"\n{table}\n[[weeks]]", 1)
    else:  # a plain key comes before the tables
        text = table + REAL
    path = tmp_path / "course.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=expected):
        load_course(path)


def test_a_narration_voice_is_found_beside_the_course(tmp_path):
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "mine.onnx").write_bytes(b"weights")
    (tmp_path / "voices" / "mine.onnx.json").write_text("{}")
    path = tmp_path / "course.toml"
    path.write_text((ROOT / "course.toml").read_text().replace("\n[[weeks]]", '\n[narration]\nvoice = "voices/mine.onnx"\n\n[[weeks]]', 1))
    assert load_course(path).voice == (tmp_path / "voices" / "mine.onnx").resolve()


WEEK6_POINTS = "points = [[0.5, 0.7], [1.0, 0.8], [1.5, 1.6]"


WEEK6_MISTAKES = [
    ("learning_rate = 0.1\n", "learning_rate = 0.3\n", r"scene LinearRegressionByDescent, key 'learning_rate': 0.3 diverges on this data: keep it below 0.115"),
    ("steps = 250", "steps = 10", r"scene LinearRegressionByDescent, key 'steps': after 10 steps descent is still \d+% of the way"),
    (WEEK6_POINTS, "slope = 1\n  " + WEEK6_POINTS, r"scene LinearRegressionByDescent, key 'points': give either points or a generator"),
    (WEEK6_POINTS + ", [2.0, 2.1], [2.5, 2.7], [3.0, 2.7], [3.5, 2.9], [4.0, 3.1], [4.5, 4.0]]", "points = [[1, 0.7], [1, 0.8], [1, 2]]", r"key 'points': every x is 1: no single best line"),
    (WEEK6_POINTS, 'points = [[0.5, "a"], [1.0, 0.8], [1.5, 1.6]', r"key 'points': expected a finite number"),
    ("momentum = 0.0", "momentum = 1.5", r"key 'momentum': 1.5: expected 0 <= momentum < 1"),
    ("learning_rates = [0.015, 0.4, 0.85, 1.05]", "learning_rates = [0.015, 0.4, 0.7, 0.85]",
     r"scene LearningRates, key 'learning_rates': expected monotone, monotone, oscillating, divergent; calcviz finds 0.015 monotone, 0.4 monotone, 0.7 oscillating, 0.85 oscillating"),
    ("learning_rates = [0.015, 0.4, 0.85, 1.05]", "learning_rates = [0.015, 0.4, 0.85]", r"key 'learning_rates': expected four growing rates"),
    ("learning_rates = [0.015, 0.4, 0.85, 1.05]", "learning_rates = [0.3, 0.4, 0.85, 1.05]", r"key 'learning_rates': the smallest rate 0.3 is not slow"),
    ("point = [1, -1]", "point = [0, 0]", r"scene DirectionalDerivative, key 'point': the gradient vanishes at \(0, 0\): every direction is flat"),
    ("point = [1, -1]", "point = [1, -3]", r"scene DirectionalDerivative, key 'point': \(1, -3\) is outside"),
    ("phi = 52", "phi = 95", r"scene DirectionalDerivative, key 'phi': 95 degrees"),
    ('function = "x^3/3 - x - y^3/3 + y"', 'function = "x^2 + y^2"', r"scene MultivariateExtrema, key 'function': x\*\*2 \+ y\*\*2 has 1 critical points in the ranges: expected 2 to 6"),
    ('function = "x^3/3 - x - y^3/3 + y"', 'function = "(x^2 - 1)^2 + (y^2 - 1)^2"', r"key 'function': .*has 9 critical points"),
    ('function = "x^3/3 - x - y^3/3 + y"', 'function = "(x - y)^2"', r"key 'function': the critical points of .* are not isolated"),
    ("point = [2, 1]", "point = [0, 0]", r"scene GradientAndLevelSets, key 'point': the gradient vanishes at \(0, 0\)"),
    ("point = [2, 1]", "point = [4, 1]", r"scene GradientAndLevelSets, key 'point': \(4, 1\) is outside"),
    ("point = [2, 1]", "point = [2, 1]\n  flow_rate = 1.5", r"scene GradientAndLevelSets, key 'flow_rate': the downhill path from the point at rate 1.5 leaves the map"),
    ("point = [2, 1]", "point = [2, 1]\n  arrows = 3", r"key 'arrows': 3: expected 8 to 150 arrows"),
]


def test_regression_data_from_the_seeded_generator(tmp_path):
    """The generator keys replace the points, and the same seed gives the same data."""
    start = REAL.index(WEEK6_POINTS)
    end = REAL.index("\n", start)
    text = REAL[:start] + "slope = 0.8\n  intercept = 0.5\n  noise = 0.3\n  n = 12\n  seed = 3" + REAL[end:]
    first = load_course(write(tmp_path, text)).scene("LinearRegressionByDescent").params
    again = load_course(write(tmp_path, text)).scene("LinearRegressionByDescent").params
    xs, ys = first.data()
    assert len(xs) == 12 and np.array_equal(ys, again.data()[1])
    assert first.fit().path[-1] == pytest.approx((first.least_squares().w, first.least_squares().b), abs=0.05)


def test_week6_scenes_in_course_order():
    week6 = load_course().week(6)
    assert [s.name for s in week6.scenes] == ["DirectionalDerivative", "GradientAndLevelSets", "MultivariateExtrema",
                                              "GradientDescentSurface", "LearningRates", "LinearRegressionByDescent"]
    for entry in week6.scenes:
        assert (ROOT / entry.module).exists()


PARTIAL_DERIVATIVES_AND_HESSIAN_MISTAKES = [
    ('function = "4 - x^2/2 - y^2/3 + x*y/4"\n  x_range', 'function = "x^2/2 + y^2/3"\n  x_range',
     r"scene TangentPlane, key 'point': the surface rises above its tangent plane near \(1, 1\)"),
    ("point = [-1, 1]", "point = [-1, 3]", r"scene PartialDerivatives, key 'point': \(-1, 3\) is outside"),
    ('ridge = "-x^2"', 'ridge = "x^2"', r"scene HessianConvexity, key 'ridge': x\*\*2 bends up"),
    ('bowl = "x^2 + y^2"', 'bowl = "x^2 - y^2"', r"scene HessianConvexity, key 'bowl': .*expected a Hessian that is positive definite"),
    ('saddle = "x^2 - y^2"', 'saddle = "log(x)"', r"scene HessianConvexity, key 'saddle': log\(x\) is not defined"),
    ('function = "(x^4 + y^4)/4 - x*y"', 'function = "x^2 + y^2"', r"scene HessianConvexity, key 'function': .*convex on the whole region"),
    ('function = "(x^4 + y^4)/4 - x*y"', 'function = "x*y"', r"scene HessianConvexity, key 'function': x\*y is nowhere convex"),
    ("point = [0.2, 0.3]", "point = [2, 0.3]", r"scene HessianConvexity, key 'point': \(2, 0.3\) is outside"),
]


def test_week4_partials_and_hessian_follow_the_tangent_plane():
    names = [s.name for s in load_course().week(4).scenes]
    assert names.index("TangentPlane") < names.index("PartialDerivatives") < names.index("HessianConvexity")


@pytest.mark.parametrize("old, new, expected", LIMIT_AND_INTEGRAL_MISTAKES + GRADIENT_DESCENT_MISTAKES + TANGENT_PLANE_MISTAKES + WEEK2_SURFACE_MISTAKES + WEEK6_MISTAKES + PARTIAL_DERIVATIVES_AND_HESSIAN_MISTAKES)
def test_bad_values_are_named(tmp_path, old, new, expected):
    """Each mistake is one error naming the file, week, scene and key, with what was expected."""
    with pytest.raises(ConfigError) as caught:
        load_course(write(tmp_path, with_change(old, new)))
    assert re.search(expected, str(caught.value)), str(caught.value)
