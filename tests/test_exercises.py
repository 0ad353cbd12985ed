"""Exercises: the templates in course.toml, the problems they make per VARIANT, and every answer and
worked solution (calcviz) against sympy or closed forms worked out here."""

from __future__ import annotations

import math
import random
from collections import Counter
from pathlib import Path

import mpmath
import pytest
import sympy

from calcviz import Field, Function
from calcviz import exercises as calc
from scenes.course import ConfigError, load_course
from scenes.exercises import TECHNIQUES
from scenes.publish.problem_set import template_problems, week_problems

X, Y = sympy.symbols("x y")


def _values_agree(answer: calc.Answer, expected: sympy.Expr, symbols) -> None:
    f = sympy.lambdify(symbols, expected, "mpmath")
    for point, value in zip(answer.points, answer.values):
        assert math.isclose(value, float(f(*point)), rel_tol=1e-9, abs_tol=1e-12), (point, value, expected)


# ------------------------------------------------------------------------ answers against sympy
@pytest.mark.parametrize("text", ["x*sin(2*x)", "x/(x^2 + 1)", "log(x^2 + 1)", "exp(-x^2)*cos(3*x)", "sqrt(x^2 + 4)"])
def test_a_derivative_is_sympys_at_every_check_point_and_its_steps_end_on_it(text):
    problem = calc.derivative(Function(text))
    expr = sympy.sympify(text.replace("^", "**"), locals={"x": X})
    _values_agree(problem.answer, sympy.diff(expr, X), (X,))
    assert problem.steps[-1].latex == f"f'(x) = {problem.answer.latex}"
    assert len(problem.answer.points) == calc.POINTS_NEEDED
    assert all(step.rule for step in problem.steps)


def test_a_derivative_names_each_rule_it_uses():
    rules = [step.rule for step in calc.derivative(Function("x*sin(x^2)")).steps]
    assert rules[:3] == ["to differentiate", "product rule", "power rule"]
    assert "chain rule, sine rule" in rules


@pytest.mark.parametrize("text", ["x^2 - 1", "2*x*cos(x^2)", "x*exp(x)", "x/(x^2 + 3)", "log(x)"])
def test_an_antiderivative_differs_from_the_integral_by_a_constant(text):
    """F(p) - F(p0) is the integral from p0 to p (mpmath's quadrature of the integrand); C is written."""
    problem = calc.antiderivative(Function(text))
    answer = problem.answer
    assert answer.constant and answer.latex.endswith("+ C") and answer.correct == calc.VALUE
    f = sympy.lambdify(X, sympy.sympify(text.replace("^", "**"), locals={"x": X}), "mpmath")
    (p0,), f0 = answer.points[0], answer.values[0]
    for (p,), value in zip(answer.points[1:], answer.values[1:]):
        assert math.isclose(value - f0, float(mpmath.quad(f, [p0, p])), rel_tol=1e-9, abs_tol=1e-12)
    assert problem.steps[-1].latex == f"= {answer.latex}"


def test_an_antiderivative_shows_the_substitution_and_the_parts_it_chooses():
    substitution = calc.antiderivative(Function("2*x*cos(x^2)")).steps
    assert any(s.rule == "substitution" and "u = x^{2}" in s.latex for s in substitution)
    parts = calc.antiderivative(Function("x*exp(x)")).steps
    assert any(s.rule == "integration by parts" and "dv = e^{x}" in s.latex for s in parts)


@pytest.mark.parametrize("text", ["exp(-x^2)", "sin(x)/x"])
def test_no_elementary_antiderivative_is_the_answer_where_there_is_none(text):
    answer = calc.antiderivative(Function(text)).answer
    assert answer.correct == calc.NO_ELEMENTARY and calc.VALUE in answer.options


@pytest.mark.parametrize("text, point, expected", [
    ("sin(x)/x", 0, 1), ("(x^2 - 4)/(x - 2)", 2, 4), ("(exp(x) - 1)/x", 0, 1), ("(1 + 1/x)^x", math.inf, math.e),
    ("abs(x)/x", 0, calc.NO_LIMIT), ("sin(1/x)", 0, calc.NO_LIMIT), ("1/x^2", 0, calc.PLUS_INFINITY)])
def test_function_limits_are_the_known_ones(text, point, expected):
    problem = calc.function_limit(Function(text), point)
    if isinstance(expected, str):
        assert problem.answer.correct == expected
    else:
        assert problem.answer.correct == calc.VALUE and math.isclose(problem.answer.numbers[0], expected, rel_tol=1e-12)
    if math.isfinite(point):  # the two one-sided paths are in the solution
        assert [s.rule for s in problem.steps[1:3]] == ["the limit from the left", "the limit from the right"]


def test_the_paths_of_a_jump_show_both_sides():
    steps = calc.function_limit(Function("abs(x)/x"), 0).steps
    assert steps[1].latex.endswith("= -1") and steps[2].latex.endswith("= 1")


@pytest.mark.parametrize("text, expected", [("(2*n + 1)/(3*n - 2)", 2 / 3), ("(1 + 1/n)^n", math.e),
                                            ("n/(n^2 + 1)", 0), ("cos(pi*n)", calc.NO_LIMIT), ("n^2 - n", calc.PLUS_INFINITY)])
def test_sequence_limits_are_the_known_ones(text, expected):
    answer = calc.sequence_limit(Function(text, variable="n")).answer
    if isinstance(expected, str):
        assert answer.correct == expected
    else:
        assert math.isclose(answer.numbers[0], expected, rel_tol=1e-12, abs_tol=1e-15)


@pytest.mark.parametrize("f, g, point, expected", [
    ("x^2", "x", 0, calc.LITTLE_O), ("x*sin(x)", "x", math.inf, calc.BIG_O), ("x", "x^2", 0, calc.NEITHER),
    ("log(x)", "sqrt(x)", math.inf, calc.LITTLE_O), ("3*x^2 + x", "x^2", math.inf, calc.BIG_O)])
def test_comparisons_are_the_known_ones(f, g, point, expected):
    assert calc.comparison(Function(f), Function(g), point).answer.correct == expected


def test_a_linear_approximation_is_the_tangent_lines_value():
    answer = calc.linear_approximation(Function("sqrt(x)"), 4, 4.1).answer
    assert answer.numbers == (2 + 0.1 / 4,) and answer.latex == r"\frac{81}{40}"
    assert calc.linear_approximation(Function("exp(x)"), 0, 0.1).answer.numbers == (1.1,)


def test_a_partial_derivative_is_sympys():
    problem = calc.partial(Field("x*sin(x*y)"), "y")
    _values_agree(problem.answer, sympy.diff(X * sympy.sin(X * Y), Y), (X, Y))
    assert problem.answer.variables == ("x", "y")


def test_a_gradient_and_a_descent_step_are_the_closed_forms():
    # f = 4 - x^2/2 - y^2/3 + xy/4: f_x = -x + y/4, f_y = -2y/3 + x/4
    assert calc.gradient(Field("4 - x^2/2 - y^2/3 + x*y/4"), (1, 1)).answer.numbers == pytest.approx((-0.75, -5 / 12))
    # f = x^2/2 + y^2: grad = (x, 2y); from (-1.7, 1.2) with rate 0.4: (-1.7 + 0.68, 1.2 - 0.96)
    step = calc.descent_step(Field("x^2/2 + y^2"), (-1.7, 1.2), 0.4)
    assert step.answer.numbers == pytest.approx((-1.02, 0.24), abs=1e-12)
    assert step.answer.latex == r"\left(- \frac{51}{50}, \frac{6}{25}\right)"


def test_critical_points_are_classified_by_the_hessian():
    problems = calc.critical_point_kinds(Field("x^3/3 - x - y^3/3 + y"), (-2, 2), (-2, 2))
    kinds = {p.prompt.split("at $")[1].split("$")[0]: p.answer.correct for p in problems}
    # f_xx = 2x, f_yy = -2y, f_xy = 0: D = -4xy
    assert kinds == {"(-1, -1)": "saddle", "(-1, 1)": "maximum", "(1, -1)": "minimum", "(1, 1)": "saddle"}
    assert all("D = " in p.steps[2].latex for p in problems)


@pytest.mark.parametrize("text, lo, hi, expected", [
    ("(x - 1)*(x - 3)", 0, 4, 4 / 3), ("sin(x)", 0, 4, 1 - math.cos(4)), ("1/x^2", 1, math.inf, 1.0),
    ("1/sqrt(x)", 0, 1, 2.0), ("1/x", 1, math.inf, calc.DIVERGES), ("exp(-x^2)", -math.inf, math.inf, math.sqrt(math.pi))])
def test_integrals_are_the_closed_forms_or_diverge(text, lo, hi, expected):
    answer = calc.definite_integral(Function(text), lo, hi).answer
    if isinstance(expected, str):
        assert answer.correct == expected
    else:
        assert answer.correct == calc.VALUE and math.isclose(answer.numbers[0], expected, rel_tol=1e-12)


# ------------------------------------------------------------------------ the drill's difficulty
def _rules(text: str) -> Counter:
    return Counter(rule for step in calc.derivative(Function(text)).steps for rule in step.rule.split(", "))


def test_the_drill_grows_harder_with_its_difficulty():
    """1: one chain rule, no product or quotient; 2: a product or quotient with a chain rule; 3: a chain rule inside a chain rule."""
    rng = random.Random(7)
    for _ in range(15):
        one = _rules(calc.drill_function(rng, 1))
        assert one["chain rule"] == 1 and not one["product rule"] and not one["quotient rule"]
        two = _rules(calc.drill_function(rng, 2))
        assert two["product rule"] + two["quotient rule"] >= 1 and two["chain rule"] >= 1
        assert _rules(calc.drill_function(rng, 3))["chain rule"] >= 2


@pytest.mark.parametrize("technique", ["power rule", "substitution", "parts"])
def test_generated_integrands_are_integrated_by_their_technique(technique):
    rng = random.Random(3)
    for _ in range(6):
        rules = {s.rule for s in calc.antiderivative(Function(calc.integrand(rng, technique))).steps}
        assert {"power rule": "power rule", "substitution": "substitution", "parts": "integration by parts"}[technique] in rules


# ------------------------------------------------------------------------ course.toml and VARIANT
def test_every_week_of_the_course_has_exercises_and_each_problem_a_worked_solution():
    for week in load_course().weeks:
        problems = week_problems(week, "A")
        assert len(problems) >= 5, week.number
        for p in problems:
            assert p.prompt and p.answer.latex and len(p.steps) >= 2


def test_the_same_variant_gives_the_same_problems_and_another_different_ones_of_the_same_kinds():
    week = load_course().week(3)
    first, again, other = (week_problems(week, v) for v in ("A", "A", "B"))
    assert [p.prompt for p in first] == [p.prompt for p in again]
    assert [p.kind for p in first] == [p.kind for p in other]
    given = 3  # the template listing the lecture's functions is the same in every variant
    assert [p.prompt for p in first[:given]] == [p.prompt for p in other[:given]]
    assert sum(a.prompt != b.prompt for a, b in zip(first[given:], other[given:])) >= 8


COURSE = """title = "T"
[[weeks]]
number = 3
title = "W"
{exercises}
"""


def _load(tmp_path: Path, exercises: str):
    path = tmp_path / "course.toml"
    path.write_text(COURSE.format(exercises=exercises))
    return load_course(path)


@pytest.mark.parametrize("exercises, message", [
    ('[[weeks.exercises]]\nkind = "derivatives"\nproblems = [{function = "x"}]',
     "course.toml: week 3, exercise 1, key 'kind': expected one of"),
    ('[[weeks.exercises]]\nkind = "derivative"\nproblems = [{function = "x^2 +"}]',
     "course.toml: week 3, exercise 1 (derivative), key 'problems[0].function':"),
    ('[[weeks.exercises]]\nkind = "limit"\nproblems = [{function = "sin(x)/x"}]',
     "course.toml: week 3, exercise 1 (limit), key 'problems[0].point': missing"),
    ('[[weeks.exercises]]\nkind = "limit"\nproblems = [{function = "sin(x)/x", point = "zero"}]',
     "key 'problems[0].point': expected a number, \"inf\" or \"-inf\", got 'zero'"),
    ('[[weeks.exercises]]\nkind = "derivative"\ngenerate = 0',
     "course.toml: week 3, exercise 1 (derivative), key 'generate': expected a whole number of problems from 1 to 40"),
    ('[[weeks.exercises]]\nkind = "derivative"\ngenerate = 2\ndifficulty = 4', "key 'difficulty': expected 1, 2 or 3, got 4"),
    ('[[weeks.exercises]]\nkind = "antiderivative"\ngenerate = 2\ntechniques = ["guess"]', "key 'techniques': expected a list of"),
    ('[[weeks.exercises]]\nkind = "gradient"\ngenerate = 2', "exercise 1 (gradient), key 'generate': unknown key"),
    ('[[weeks.exercises]]\nkind = "descent step"\nproblems = [{function = "x^2", start = [1, 1], learning_rate = -1}]',
     "key 'problems[0].learning_rate': expected a learning rate above 0"),
    ('[[weeks.exercises]]\nkind = "integral"\nproblems = [{function = "x", interval = [2, 1]}]', "key 'problems[0].interval': expected a < b"),
    ('[[weeks.exercises]]\nkind = "derivative"\nproblems = [{function = "__import__(1)"}]', "key 'problems[0].function':"),
    ('[[weeks.exercises]]\nkind = "derivative"', "key 'problems': give either problems"),
])
def test_a_bad_template_is_one_error_naming_file_week_template_and_key(tmp_path, exercises, message):
    with pytest.raises(ConfigError) as error:
        _load(tmp_path, exercises)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_the_second_template_is_named_by_its_place(tmp_path):
    with pytest.raises(ConfigError, match=r"week 3, exercise 2 \(integral\), key 'problems\[1\].unknown': unknown key"):
        _load(tmp_path, '[[weeks.exercises]]\nkind = "derivative"\ngenerate = 1\n[[weeks.exercises]]\nkind = "integral"\n'
                        'problems = [{function = "x", interval = [0, 1]}, {function = "x", interval = [0, 1], unknown = 1}]')


def test_a_generated_template_makes_as_many_different_problems_as_asked(tmp_path):
    (template,) = _load(tmp_path, '[[weeks.exercises]]\nkind = "derivative"\ngenerate = 12\ndifficulty = 2').weeks[0].exercises
    problems = template_problems(template, 3, 1, "exam")
    assert len({p.prompt for p in problems}) == 12


def test_the_config_knows_the_techniques_calcviz_generates():
    """scenes.exercises keeps its own list (so that the config, and every clip, does not depend on calcviz.exercises)."""
    assert TECHNIQUES == calc.TECHNIQUES


def test_a_problem_calcviz_cannot_work_is_one_error_naming_its_template(tmp_path):
    course = _load(tmp_path, '[[weeks.exercises]]\nkind = "linear approximation"\n'
                             'problems = [{function = "x^2", point = 1, estimate_at = 1.1}, {function = "abs(x)", point = 0, estimate_at = 0.1}]')
    (template,) = course.weeks[0].exercises
    with pytest.raises(ConfigError, match=r"^course.toml: week 3, exercise 1 \(linear approximation\), key 'problems\[1\]': "
                                          r"calcviz cannot work this problem: abs\(x\) is not differentiable at x = 0(\.0)?$"):
        template_problems(template, 3, 1, "A")


@pytest.mark.parametrize("exercises", ['[[weeks.exercises]]\nkind = [1]', 'exercises = [1]', 'exercises = "derivative"',
                                       '[[weeks.exercises]]\nkind = "gradient"\nproblems = [{function = "x*y", point = [1, [2]]}]',
                                       '[[weeks.exercises]]\nkind = "antiderivative"\ngenerate = 1\ntechniques = [[1]]'])
def test_hostile_templates_are_config_errors(tmp_path, exercises):
    with pytest.raises(ConfigError):
        _load(tmp_path, exercises)


def test_a_ratio_without_a_limit_is_judged_by_whether_it_stays_bounded():
    steps = calc.comparison(Function("x*sin(x)"), Function("x"), math.inf).steps  # |sin x| <= 1, no limit
    assert "stays bounded" in steps[1].latex and "= " not in steps[1].latex
    assert calc.comparison(Function("x^2"), Function("x"), 0).steps[1].latex.endswith("= 0")


def test_a_two_variable_limit_shows_the_two_paths_that_disagree():
    # xy/(x^2 + y^2) is 0 on y = 0 and t^2/(2t^2) = 1/2 on y = x
    problem = calc.field_limit(Field("x*y/(x^2 + y^2)"), (0, 0))
    assert problem.answer.correct == calc.NO_LIMIT
    assert [s.latex for s in problem.steps[1:3]] == [r"y = 0:\quad f \to 0", r"y = x:\quad f \to \frac{1}{2}"]
    # x^2 y/(x^2 + y^2): |f| <= |y| -> 0
    assert calc.field_limit(Field("x^2*y/(x^2 + y^2)"), (0, 0)).answer.numbers == (0.0,)
    # x y^2/(x^2 + y^4): 0 along every line, 1/2 along x = y^2
    assert r"x = y^{2}:\quad f \to \frac{1}{2}" in [s.latex for s in calc.field_limit(Field("x*y^2/(x^2 + y^4)"), (0, 0)).steps]


def test_stationary_points_of_one_variable_are_classified_by_the_first_derivative_that_is_not_zero():
    # x^4 - 2x^2: f' = 4x(x^2 - 1), f'' = 12x^2 - 4: -8 at 0 (maximum), 8 at +-1 (minima)
    kinds = [p.answer.correct for p in calc.extremum_kinds(Function("x^4 - 2*x^2"), -2, 2)]
    assert kinds == ["minimum", "maximum", "minimum"]
    # x^3: f''(0) = 0, f'''(0) = 6: neither; x^4: f''''(0) = 24 > 0: a minimum
    (cubic,) = calc.extremum_kinds(Function("x^3"), -1, 1)
    assert cubic.answer.correct == calc.KINDS_OF_STATIONARY_POINTS[2] and "f^{(3)}(0) = 6" in cubic.steps[-1].latex
    (quartic,) = calc.extremum_kinds(Function("x^4"), -1, 1)
    assert quartic.answer.correct == "minimum" and "f^{(4)}(0) = 24" in quartic.steps[-1].latex


def test_pick_gives_each_variant_its_own_draw_of_the_listed_problems(tmp_path):
    course = _load(tmp_path, '[[weeks.exercises]]\nkind = "limit"\npick = 2\nproblems = [' + ", ".join(
        f'{{function = "sin({k}*x)/x", point = 0}}' for k in range(2, 8)) + "]")
    (template,) = course.weeks[0].exercises
    draws = {v: [p.answer.numbers[0] for p in template_problems(template, 3, 1, v)] for v in ("A", "B", "C", "D")}
    assert all(len(d) == 2 and d == sorted(d) and set(d) <= {2.0, 3.0, 4.0, 5.0, 6.0, 7.0} for d in draws.values())  # lim sin(kx)/x = k
    assert draws["A"] == [p.answer.numbers[0] for p in template_problems(template, 3, 1, "A")]
    assert len({tuple(d) for d in draws.values()}) > 1
    with pytest.raises(ConfigError, match=r"exercise 1 \(limit\), key 'pick': expected how many of the 1 problems"):
        _load(tmp_path, '[[weeks.exercises]]\nkind = "limit"\npick = 2\nproblems = [{function = "x", point = 0}]')
