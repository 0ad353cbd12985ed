"""Antiderivatives in elementary functions, and what sympy says when there is none.

:func:`antiderivative_steps` works an antiderivative out in the course's techniques
(reverse power rule, substitution, integration by parts...), following the rule tree
of sympy's ``manualintegrate.integral_steps`` rather than a rule set of our own.

Re-exported from :mod:`calcviz.integrals`.  Every sympy ``integrate`` here runs under a
CPU-time budget (:func:`calcviz._budget.sympy_within_budget`): it never hangs a scene.
:func:`candidate_antiderivatives` also serves the definite and improper integrals.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy
from sympy.integrals import manualintegrate as mi

from ._budget import MAX_SYMBOLIC_OPS, sympy_within_budget
from ._symbolic import real_symbol, to_plain, to_real
from ._written import board_latex, first_pending, replace_first, tidy_form, unevaluated
from .functions import Function, as_function

__all__ = ["SPECIAL_FUNCTIONS", "IntegralStep", "NoElementaryAntiderivative", "antiderivative", "antiderivative_steps"]

@lru_cache(maxsize=128)
def candidate_antiderivatives(f: Function) -> tuple[sympy.Expr, ...]:
    """Candidate antiderivatives in the real symbol: sympy's, then with log|u| for log(u).

    Empty when the expression is too big, sympy gives up or runs out of time.
    The log|u| form is the real antiderivative where sympy's log(u) is complex
    (``1/x`` for x < 0).
    """
    expr = to_real(f.expr, (f.variable,))
    if sympy.count_ops(expr) > MAX_SYMBOLIC_OPS:
        return ()
    symbol = real_symbol(f.variable)
    result = sympy_within_budget(lambda: sympy.integrate(expr, symbol, risch=False, meijerg=False))
    if result is None or result.has(sympy.Integral):
        return ()
    with_abs = result.replace(sympy.log, lambda u: sympy.log(sympy.Abs(u)))
    return (result,) if with_abs == result else (result, with_abs)


def as_primitive_function(primitive: sympy.Expr, f: Function) -> Function:
    """A candidate antiderivative (in the real symbol) as a Function of f's variable."""
    return Function(to_plain(primitive, (f.variable,)), f.variable)

# The elementary functions: compositions of these (with + - * / and powers) are elementary.
_ELEMENTARY = (
    sympy.exp, sympy.log, sympy.Abs, sympy.sign, sympy.Piecewise,
    sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc,
    sympy.asin, sympy.acos, sympy.atan, sympy.acot, sympy.asec, sympy.acsc,
    sympy.sinh, sympy.cosh, sympy.tanh, sympy.coth, sympy.sech, sympy.csch,
    sympy.asinh, sympy.acosh, sympy.atanh, sympy.acoth,
)  # fmt: skip

# Plain-word descriptions of the special functions sympy integrates into.
SPECIAL_FUNCTIONS = {
    "erf": "the error function",
    "erfi": "the imaginary error function",
    "Si": "the sine integral",
    "Ci": "the cosine integral",
    "Shi": "the hyperbolic sine integral",
    "Chi": "the hyperbolic cosine integral",
    "Ei": "the exponential integral",
    "li": "the logarithmic integral",
    "fresnels": "the Fresnel sine integral",
    "fresnelc": "the Fresnel cosine integral",
    "uppergamma": "the incomplete gamma function",
    "lowergamma": "the incomplete gamma function",
    "polylog": "the polylogarithm",
    "hyper": "a hypergeometric function",
}

_CHECK_POINTS = np.linspace(-3.7, 4.3, 17)  # where F' = f is checked numerically


class NoElementaryAntiderivative(ValueError):
    """f has no antiderivative in elementary functions (that sympy can find).

    Attributes
    ----------
    function : Function
        The integrand.
    special : str or None
        Name of the special function sympy writes the antiderivative with
        (``"erf"``, ``"Si"``, ...), None when sympy finds no closed form at all.
    sympy_result : sympy.Expr or None
        sympy's antiderivative in terms of that special function.
    """

    def __init__(self, function: Function, special: str | None, sympy_result: sympy.Expr | None):
        self.function, self.special, self.sympy_result = function, special, sympy_result
        if special is None:
            message = f"sympy finds no antiderivative of {function.text} in closed form"
        else:
            what = SPECIAL_FUNCTIONS.get(special, "a special function")
            message = (
                f"{function.text} has no elementary antiderivative; sympy writes one with "
                f"{special}, {what}: {sympy_result}"
            )
        super().__init__(message)


def antiderivative(f) -> Function:
    """An antiderivative F of f in elementary functions (F' = f, constant 0).

    sympy's form when it is real wherever f is, else with ``log|u|`` for
    ``log(u)`` (``1/x`` gives ``log|x|``, defined on both sides of 0).

    Raises
    ------
    NoElementaryAntiderivative
        If sympy's antiderivative needs a special function (its name is in
        the message and in ``.special``), or sympy finds none in its time
        budget.  Never an unevaluated ``Integral``.

    Examples
    --------
    >>> antiderivative("3x^2 + cos(x)")
    Function('x**3 + sin(x)', variable='x')
    >>> antiderivative("1/x")
    Function('log(Abs(x))', variable='x')
    >>> antiderivative("exp(-x^2)")
    Traceback (most recent call last):
    ...
    calcviz.antiderivatives.NoElementaryAntiderivative: exp(-x^2) has no elementary antiderivative; sympy writes one with erf, the error function: sqrt(pi)*erf(x)/2
    >>> try:
    ...     antiderivative("sin(x)/x")
    ... except NoElementaryAntiderivative as error:
    ...     print(error.special, error.sympy_result)
    Si Si(x)
    """
    f = as_function(f)
    candidates = [as_primitive_function(candidate, f) for candidate in candidate_antiderivatives(f)]
    for candidate in candidates:
        if _special_names(candidate.expr):
            continue
        if _derivative_matches(candidate, f):
            return candidate
    for candidate in candidates:
        names = _special_names(candidate.expr)
        if names:
            raise NoElementaryAntiderivative(f, names[0], candidate.expr)
    raise NoElementaryAntiderivative(f, None, None)


def _special_names(expr: sympy.Expr) -> list[str]:
    """Names of the non-elementary functions in expr, in a stable order."""
    names = {type(call).__name__ for call in expr.atoms(sympy.Function) if not isinstance(call, _ELEMENTARY)}
    return sorted(names)


def _derivative_matches(F: Function, f: Function) -> bool:
    """F is defined and F' = f at every check point where f is defined (at least one must be)."""
    with np.errstate(all="ignore"):
        values = f(_CHECK_POINTS)
        defined = _CHECK_POINTS[np.isfinite(values)]
        if defined.size == 0:
            return False
        primitive, derivative = F(defined), F.derivative()(defined)
    if not (np.all(np.isfinite(primitive)) and np.all(np.isfinite(derivative))):
        return False
    return all(
        math.isclose(d, v, rel_tol=1e-8, abs_tol=1e-10) for d, v in zip(derivative, values[np.isfinite(values)])
    )


# -- the antiderivative, step by step ----------------------------------------------------
@dataclass(frozen=True)
class IntegralStep:
    """One line of an antiderivative worked out (its LaTeX in sympy's usual order: the
    integrand is sympy's, as ``integral_steps`` needs it): ``rule`` rewrites ``target`` (the first
    pending unevaluated ``sympy.Integral``) into ``result``, turning ``before`` into ``after``.

    ``"substitution"`` sets ``u`` and ``du`` (``du = du_dx * dx``: ``du`` holds du/dx) and
    leaves the integral in u under a pending ``Subs``, which a ``"back-substitution"`` step
    later replaces by x; ``"integration by parts"`` sets ``u``, ``dv`` (``dv`` holds dv/dx),
    ``v`` and ``du``.  A last ``"simplify"`` step, if any, tidies the whole board.
    """

    rule: str
    before: sympy.Expr
    after: sympy.Expr
    target: sympy.Expr
    result: sympy.Expr
    u: sympy.Expr | None = None
    du: sympy.Expr | None = None
    dv: sympy.Expr | None = None
    v: sympy.Expr | None = None

    @property
    def before_latex(self) -> str:
        """LaTeX of ``before``."""
        return board_latex(self.before, written=False)

    @property
    def after_latex(self) -> str:
        """LaTeX of ``after``, with ``+ C`` once no integral is left."""
        tex = board_latex(self.after, written=False)
        return tex if _is_open(self.after) else f"{tex} + C"

    @property
    def target_latex(self) -> str:
        """LaTeX of ``target``, as it appears inside ``before_latex``."""
        return board_latex(self.target, written=False)

    @property
    def result_latex(self) -> str:
        """LaTeX of ``result``."""
        return board_latex(self.result, written=False)

    @property
    def rewrite_latex(self) -> str:
        """LaTeX of the rewrite itself, ``target = result``."""
        return f"{self.target_latex} = {self.result_latex}"

    @property
    def written_order_latex(self) -> str:
        """``rewrite_latex`` with a sum's integrals in the order its terms are written (x^2 - 1: the x^2 first)."""
        terms = self.target.function.as_ordered_terms()
        parts = sorted(self.result.args, key=lambda part: terms.index(part.function) if part.function in terms else len(terms))
        return f"{self.target_latex} = " + " + ".join(board_latex(part, written=False) for part in parts)

    @property
    def choice_latex(self) -> str:
        """The choice a substitution or integration by parts makes, e.g. ``u = x^{2},\\ du = 2 x\\,dx``."""
        parts = []
        for name, value in (("u", self.u), ("dv", self.dv), ("v", self.v), ("du", self.du)):
            if value is not None:
                differential = r"\,dx" if name in ("du", "dv") else ""
                parts.append(f"{name} = {board_latex(value, written=False)}{differential}")
        return r",\ ".join(parts)


# Rules whose result is a special function: no elementary antiderivative.
_SPECIAL_RULES = (mi.ErfRule, mi.SiRule, mi.CiRule, mi.ShiRule, mi.ChiRule, mi.EiRule, mi.LiRule,
                  mi.FresnelSRule, mi.FresnelCRule, mi.UpperGammaRule, mi.PolylogRule,
                  mi.EllipticFRule, mi.EllipticERule)  # fmt: skip

# The basic integrals of the course's table, by sympy rule: name, antiderivative (of the integrand).
_BASIC = {
    mi.PowerRule: "power rule",
    mi.ConstantRule: "constant rule",
    mi.ExpRule: "exponential rule",
    mi.SinRule: "sine rule",
    mi.CosRule: "cosine rule",
    mi.ReciprocalRule: "logarithm rule",
    mi.ArctanRule: "arctangent rule",
}


def antiderivative_steps(f) -> tuple[IntegralStep, ...]:
    """The antiderivative of f worked out one technique at a time, from sympy's rule tree
    (:func:`sympy.integrals.manualintegrate.integral_steps`): each step rewrites the first
    pending integral (outermost first).  ``1/x`` integrates to ``ln|x|``, valid on both
    sides of 0 (as :func:`antiderivative` gives it).

    Raises
    ------
    NoElementaryAntiderivative
        If the rule tree needs a special function (erf, Si, ...) or sympy knows no rule.

    Examples
    --------
    >>> [step.rule for step in antiderivative_steps("2x*cos(x^2)")]
    ['constant multiple rule', 'substitution', 'constant multiple rule', 'cosine rule', 'back-substitution', 'simplify']
    >>> print(antiderivative_steps("2x*cos(x^2)")[-1].after_latex)
    \\sin{\\left(x^{2} \\right)} + C
    >>> print(antiderivative_steps("x*exp(x)")[0].choice_latex)
    u = x,\\ dv = e^{x}\\,dx,\\ v = e^{x},\\ du = 1\\,dx
    """
    f = as_function(f)
    x = f.symbol
    tree = _elementary(mi.integral_steps(f.expr, x), f)
    board = sympy.Integral(f.expr, x)
    pending = {board: tree}
    steps: list[IntegralStep] = []
    while (target := first_pending(board, lambda node: _ready(node, pending))) is not None:
        if isinstance(target, sympy.Subs):
            step = _back_substitution(target)
        else:
            step = _apply(pending.pop(target), target, pending)
        after = replace_first(board, target, step["result"])
        steps.append(IntegralStep(before=board, after=after, target=target, **step))
        board = after
    tidy = tidy_form(board.doit())
    if board_latex(tidy, written=False) != board_latex(board):
        steps.append(IntegralStep("simplify", board, tidy, board, tidy))
    return tuple(steps)


def _is_open(expr: sympy.Expr) -> bool:
    return expr.has(sympy.Integral, sympy.Subs)


def _ready(node, pending) -> bool:
    """A pending integral, or a substitution whose integral in u is done."""
    if isinstance(node, sympy.Subs):
        return not node.expr.has(sympy.Integral)
    return isinstance(node, sympy.Integral) and node in pending


def _back_substitution(target: sympy.Subs) -> dict:
    (u,), (value,) = target.variables, target.point
    return {"rule": "back-substitution", "result": target.expr.xreplace({u: value}), "u": value}


def _apply(rule, target: sympy.Integral, pending: dict) -> dict:
    """One technique applied to ``target``: the step's fields; new pending integrals go in ``pending``."""
    x = rule.variable

    def later(sub):
        integral = sympy.Integral(sub.integrand, sub.variable)
        pending[integral] = sub
        return integral

    if isinstance(rule, mi.AddRule):
        return {"rule": "sum rule", "result": unevaluated(sympy.Add, *map(later, rule.substeps))}
    if isinstance(rule, mi.ConstantTimesRule):
        return {"rule": "constant multiple rule", "result": unevaluated(sympy.Mul, rule.constant, later(rule.substep))}
    if isinstance(rule, mi.URule):
        u = rule.u_var
        inner = sympy.Subs(later(rule.substep), u, rule.u_func)
        return {"rule": "substitution", "result": inner, "u": rule.u_func, "du": sympy.diff(rule.u_func, x)}
    if isinstance(rule, mi.PartsRule):
        v, du = rule.v_step.eval(), sympy.diff(rule.u, x)
        first = unevaluated(sympy.Mul, rule.u, v)
        rest = [] if rule.second_step is None else [unevaluated(sympy.Mul, -1, later(rule.second_step))]
        return {"rule": "integration by parts", "result": unevaluated(sympy.Add, first, *rest),
                "u": rule.u, "dv": rule.dv, "v": v, "du": du}
    if isinstance(rule, mi.RewriteRule):
        return {"rule": "rewrite", "result": later(rule.substep)}
    if isinstance(rule, mi.ReciprocalRule):
        return {"rule": "logarithm rule", "result": sympy.log(sympy.Abs(rule.base))}
    if isinstance(rule, mi.PowerRule):
        raised = rule.exp + 1
        return {"rule": "power rule", "result": unevaluated(sympy.Mul, unevaluated(sympy.Pow, rule.base, raised),
                                                               unevaluated(sympy.Pow, raised, -1))}
    if type(rule) in _BASIC:
        return {"rule": _BASIC[type(rule)], "result": rule.eval()}
    raise ValueError(f"{target} needs {type(rule).__name__}, not one of the course's techniques")


def _elementary(rule, f: Function):
    """``rule`` with each choice among alternatives made (the first that stays elementary);
    NoElementaryAntiderivative if there is none."""
    if isinstance(rule, mi.AlternativeRule):
        for alternative in rule.alternatives:
            try:
                return _elementary(alternative, f)
            except NoElementaryAntiderivative:
                continue
        raise NoElementaryAntiderivative(f, None, None)
    if isinstance(rule, mi.DontKnowRule):
        raise NoElementaryAntiderivative(f, None, None)
    if isinstance(rule, _SPECIAL_RULES):
        result = rule.eval()
        names = _special_names(result)
        raise NoElementaryAntiderivative(f, names[0] if names else None, result)
    changes = {}
    for field in dataclasses.fields(rule):
        value = getattr(rule, field.name)
        if isinstance(value, mi.Rule):
            changes[field.name] = _elementary(value, f)
        elif isinstance(value, list) and value and isinstance(value[0], mi.Rule):
            changes[field.name] = [_elementary(sub, f) for sub in value]
    return dataclasses.replace(rule, **changes) if changes else rule
