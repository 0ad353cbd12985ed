"""Safe parsing of user-typed formulas into sympy expressions.

The parser is an allowlist: a hand-written tokenizer and recursive-descent
parser that builds sympy objects directly.  User text is never handed to
``eval``, ``exec``, ``sympify`` or ``parse_expr``.

Grammar (``^`` and ``**`` are the same operator)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary | <implicit> unary)*
    unary      := ("+" | "-") unary | power
    power      := primary (("^" | "**") unary)?
    primary    := NUMBER | VARIABLE | CONSTANT | FUNCTION "(" expression ")"
                | "(" expression ")"

``<implicit>`` multiplication is only allowed when the factor before it is a
plain (optionally signed) number literal and the next token is a name or
``(``, as in ``2x``, ``3(x+1)`` or ``2pi``.
"""

from __future__ import annotations

import cmath
import math
from dataclasses import dataclass
from typing import Callable, Optional

import sympy

from .tokens import ExpressionError, Token, literal_value, tokenize

__all__ = ["ExpressionError", "parse", "parse_written", "FUNCTION_NAMES", "CONSTANT_NAMES"]

MAX_TEXT_LENGTH = 1000
MAX_NESTING = 100
MAX_EXPONENT = 1000
MAX_LOG10_MAGNITUDE = 300.0


def _safe_complex(function: Callable[..., complex], *args: complex) -> complex:
    """Apply ``function`` to approximate values, mapping failures to inf/nan."""
    try:
        return complex(function(*args))
    except OverflowError:
        return complex(math.inf, 0.0)
    except (ValueError, ZeroDivisionError):
        return complex(math.nan, 0.0)


def _power(base: complex, exponent: complex) -> complex:
    return base**exponent


_FUNCTIONS: dict[str, tuple[Callable[[sympy.Expr], sympy.Expr], Callable]] = {
    "sin": (sympy.sin, cmath.sin),
    "cos": (sympy.cos, cmath.cos),
    "tan": (sympy.tan, cmath.tan),
    "asin": (sympy.asin, cmath.asin),
    "acos": (sympy.acos, cmath.acos),
    "atan": (sympy.atan, cmath.atan),
    "sinh": (sympy.sinh, cmath.sinh),
    "cosh": (sympy.cosh, cmath.cosh),
    "tanh": (sympy.tanh, cmath.tanh),
    "exp": (sympy.exp, cmath.exp),
    "log": (sympy.log, cmath.log),
    "ln": (sympy.log, cmath.log),
    "sqrt": (sympy.sqrt, cmath.sqrt),
    "abs": (sympy.Abs, abs),
}
_CONSTANTS: dict[str, tuple[sympy.Expr, complex]] = {
    "pi": (sympy.pi, complex(math.pi)),
    "e": (sympy.E, complex(math.e)),
}
FUNCTION_NAMES = frozenset(_FUNCTIONS)
CONSTANT_NAMES = frozenset(_CONSTANTS)
_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


@dataclass(frozen=True)
class _Node:
    """A parsed sub-expression and, when it is constant, a float estimate."""

    expr: sympy.Expr
    value: Optional[complex]


def check_variable_names(variables) -> tuple[str, ...]:
    """Validate variable names: distinct ASCII identifiers, not reserved.

    Examples
    --------
    >>> check_variable_names("t"), check_variable_names(["x", "y"])
    (('t',), ('x', 'y'))
    """
    names = (variables,) if isinstance(variables, str) else tuple(variables)
    for name in names:
        valid = isinstance(name, str) and name.isidentifier() and name.isascii()
        if not valid or name in FUNCTION_NAMES or name in CONSTANT_NAMES:
            raise ValueError(f"invalid variable name {name!r}")
    if not names or len(set(names)) != len(names):
        raise ValueError(f"variable names must be distinct and non-empty: {names}")
    return names


class _Parser:
    """Recursive-descent parser over a token list (see module docstring)."""

    def __init__(self, text: str, variables: tuple[str, ...], written: bool = False):
        self.text = text
        self.written = written
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0
        self.symbols = {name: sympy.Symbol(name) for name in variables}

    # -- token helpers -------------------------------------------------
    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_op(self, *operators: str) -> bool:
        token = self.peek()
        return token.kind == "op" and token.text in operators

    def error(self, message: str, token: Token) -> ExpressionError:
        return ExpressionError(message, self.text, token.position, token.text)

    def unexpected(self, token: Token) -> ExpressionError:
        if token.kind == "end":
            return self.error("unexpected end of expression", token)
        if token.kind == "error":
            return self.error(f"unexpected character {token.text!r}", token)
        if token.text == ")":
            return self.error("unmatched ')'", token)
        return self.error(f"unexpected {_describe(token)} {token.text!r}", token)

    def enter(self, token: Token) -> None:
        """Count one nesting level, refusing more than MAX_NESTING."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self.error(f"nesting deeper than {MAX_NESTING}", token)

    # -- grammar ---------------------------------------------------------
    def parse(self) -> sympy.Expr:
        """Parse the whole text (it must be non-empty and fully consumed)."""
        if self.peek().kind == "end":
            raise self.error("empty expression", self.peek())
        node = self.expression()
        if self.peek().kind != "end":
            raise self.unexpected(self.peek())
        return node.expr

    def expression(self) -> _Node:
        """expression := term (("+" | "-") term)*"""
        node = self.term()
        while self.at_op("+", "-"):
            operator = self.advance()
            node = self.combine(node, operator, self.term())
        return node

    def term(self) -> _Node:
        """term := unary (("*" | "/") unary | <implicit> unary)*"""
        start = self.index
        node = self.unary()
        while True:
            if self.at_op("*", "/"):
                operator = self.advance()
            elif self.implicit_product_follows(start):
                operator = Token("op", "*", self.peek().position)
            else:
                return node
            start = self.index
            node = self.combine(node, operator, self.unary())

    def implicit_product_follows(self, factor_start: int) -> bool:
        """Whether ``2x``-style implicit multiplication continues the term."""
        following = self.peek()
        if following.kind != "name" and following.text != "(":
            return False
        factor = self.tokens[factor_start : self.index]
        signs_only = all(token.text in "+-" for token in factor[:-1])
        return factor[-1].kind == "number" and signs_only

    def unary(self) -> _Node:
        """unary := ("+" | "-") unary | power"""
        if not self.at_op("+", "-"):
            return self.power()
        operator = self.advance()
        self.enter(operator)
        operand = self.unary()
        self.depth -= 1
        if operator.text == "+":
            return operand
        value = None if operand.value is None else -operand.value
        return _Node(-operand.expr, value)

    def power(self) -> _Node:
        """power := primary (("^" | "**") unary)?  (right-associative)"""
        base = self.primary()
        if not self.at_op("^", "**"):
            return base
        operator = self.advance()
        self.enter(operator)
        exponent = self.unary()
        self.depth -= 1
        return self.combine(base, operator, exponent)

    def primary(self) -> _Node:
        """primary := NUMBER | name | parenthesized expression."""
        token = self.advance()
        if token.kind == "number":
            literal = literal_value(token, self.text)
            value = _safe_complex(float, literal)
            return _Node(sympy.Rational(literal.numerator, literal.denominator), value)
        if token.kind == "name":
            return self.name(token)
        if token.text == "(":
            return self.parenthesized(token)
        if token.text == ")":
            raise self.error("missing operand before ')'", token)
        raise self.unexpected(token)

    def parenthesized(self, opening: Token) -> _Node:
        """The rest of ``"(" expression ")"`` after ``opening``."""
        self.enter(opening)
        node = self.expression()
        if not self.at_op(")"):
            if self.peek().kind == "end":
                raise self.error("unbalanced '(' (missing ')')", opening)
            raise self.unexpected(self.peek())
        self.advance()
        self.depth -= 1
        return node

    def name(self, token: Token) -> _Node:
        """A variable, a constant or a function call."""
        if token.text in _FUNCTIONS:
            return self.call(token)
        known = token.text in self.symbols or token.text in _CONSTANTS
        if not known:
            raise self.error(f"unknown name {token.text!r}", token)
        if self.at_op("("):
            raise self.error(f"{token.text!r} cannot be called", token)
        if token.text in self.symbols:
            return _Node(self.symbols[token.text], None)
        return _Node(*_CONSTANTS[token.text])

    def call(self, function: Token) -> _Node:
        """``function "(" expression ")"`` for an allowlisted function."""
        if not self.at_op("("):
            raise self.error(
                f"function {function.text!r} must be followed by '('", function
            )
        argument = self.parenthesized(self.advance())
        symbolic, numeric = _FUNCTIONS[function.text]
        value = None
        if argument.value is not None:
            value = _safe_complex(numeric, argument.value)
        return self.checked(_Node(symbolic(argument.expr), value), function)

    # -- building nodes ------------------------------------------------
    def combine(self, left: _Node, operator: Token, right: _Node) -> _Node:
        """Apply a binary operator, refusing 1/0 and absurd powers."""
        symbol = operator.text
        if symbol in ("^", "**"):
            self.check_power(left, right, operator)
        if symbol == "/" and right.expr == 0:
            raise self.error("division by zero", operator)
        if self.written:
            expr = _written_operation(symbol, left.expr, right.expr)
        else:
            expr = _SYMBOLIC_OPERATORS[symbol](left.expr, right.expr)
        value = None
        if left.value is not None and right.value is not None:
            value = _safe_complex(_NUMERIC_OPERATORS[symbol], left.value, right.value)
        return self.checked(_Node(expr, value), operator)

    def check_power(self, base: _Node, exponent: _Node, operator: Token) -> None:
        """Refuse |exponent| > 1000 and constant powers beyond ~1e300."""
        if exponent.value is None:
            return
        size = abs(exponent.value)
        if not math.isfinite(size) or size > MAX_EXPONENT:
            raise self.error("exponent too large", operator)
        if base.value is not None and _log10_power(base.value, exponent.value) > (
            MAX_LOG10_MAGNITUDE
        ):
            raise self.error("power too large", operator)

    def checked(self, node: _Node, token: Token) -> _Node:
        """Refuse nodes that sympy evaluated to zoo/nan/oo."""
        parts = (node.expr, *node.expr.args)
        if any(part in _UNDEFINED for part in parts):
            raise self.error("undefined value (infinite or nan)", token)
        return node


def _log10_power(base: complex, exponent: complex) -> float:
    """Estimated log10 of ``|base ** exponent|`` (inf when unknown/huge)."""
    if base == 0:
        return -math.inf
    if not (cmath.isfinite(base) and cmath.isfinite(exponent)):
        return math.inf
    log_size = exponent.real * math.log(abs(base)) - exponent.imag * cmath.phase(base)
    return log_size / math.log(10)


_SYMBOLIC_OPERATORS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "^": sympy.Pow,
    "**": sympy.Pow,
}
_NUMERIC_OPERATORS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "^": _power,
    "**": _power,
}


def _written_operation(symbol: str, left: sympy.Expr, right: sympy.Expr) -> sympy.Expr:
    """``left symbol right`` left as written: a chain of + or * is one flat sum or
    product (so it prints without inner brackets), ``a - b`` is ``a + (-1)*b``,
    ``a / b`` is ``a * b**-1`` (``1 / b`` just ``b**-1``); nothing is reordered
    or combined."""
    if symbol in ("^", "**"):
        return sympy.Pow(left, right, evaluate=False)
    if symbol in "+-":
        if symbol == "-":
            right = sympy.Mul(sympy.S.NegativeOne, right, evaluate=False)
        terms = left.args if isinstance(left, sympy.Add) else (left,)
        return sympy.Add(*terms, right, evaluate=False)
    factors = list(left.args) if isinstance(left, sympy.Mul) else [left]
    if symbol == "/":
        right = sympy.Pow(right, sympy.S.NegativeOne, evaluate=False)
        if factors == [sympy.S.One]:
            return right
    return sympy.Mul(*factors, right, evaluate=False)


def _describe(token: Token) -> str:
    if token.text in "()":
        return "parenthesis"
    return {"number": "number", "name": "name", "op": "operator"}[token.kind]


def parse(text: str, variables=("x",)) -> sympy.Expr:
    """Parse a formula such as ``"2x^2 - 3sin(x)"`` into a sympy expression.

    Parameters
    ----------
    text : str
        The formula.  Allowed: numbers (``2``, ``0.5``, ``.5``, ``1e-3``,
        converted exactly), the declared variables, ``+ - * / ^ **``,
        parentheses, implicit products ``2x``/``3(x+1)``/``2pi``, the
        functions ``sin cos tan asin acos atan sinh cosh tanh exp log ln
        sqrt abs`` and the constants ``pi`` and ``e``.
    variables : sequence of str, optional
        Names of the free variables, default ``("x",)``.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    ExpressionError
        For anything outside the allowlist, malformed or absurdly large input.

    Examples
    --------
    >>> parse("2x^2 - 3sin(x)")
    2*x**2 - 3*sin(x)
    >>> parse("0.5*x**2").diff("x")
    x
    >>> parse("2^3^2"), parse("-x^2"), parse("2^-1")
    (512, -x**2, 1/2)
    >>> parse("x*y + ln(y)", variables=("x", "y"))
    x*y + log(y)
    >>> parse("x.__class__")
    Traceback (most recent call last):
    ...
    calcviz.tokens.ExpressionError: unexpected character '.' at position 1 in 'x.__class__'
    >>> parse("__import__('os')")
    Traceback (most recent call last):
    ...
    calcviz.tokens.ExpressionError: unknown name '__import__' at position 0 in "__import__('os')"
    """
    if not isinstance(text, str):
        shown = type(text).__name__
        raise ExpressionError(f"expected a str, got {shown}", repr(text)[:80], 0, "")
    names = check_variable_names(variables)
    if len(text) > MAX_TEXT_LENGTH:
        raise ExpressionError(
            f"expression longer than {MAX_TEXT_LENGTH} characters",
            text,
            MAX_TEXT_LENGTH,
            text[MAX_TEXT_LENGTH : MAX_TEXT_LENGTH + 10],
        )
    return _Parser(text, names).parse()


def parse_written(text: str, variables=("x",)) -> sympy.Expr:
    """Parse ``text`` as :func:`parse` does, but keep the tree as it is written.

    A derivation follows the expression the student wrote: ``x/(x^2+1)`` stays
    a quotient and ``e^(-x^2)*cos(3x)`` a product, where sympy's evaluation
    would rewrite both.  The text is first parsed by :func:`parse` (same
    allowlist, same errors), then again without evaluation.

    Examples
    --------
    >>> parse_written("x/(x^2 + 1)")
    x/(x**2 + 1)
    >>> parse_written("e^(-x^2)*cos(3x)").func, parse("e^(-x^2)*cos(3x)")
    (<class 'sympy.core.mul.Mul'>, exp(-x**2)*cos(3*x))
    >>> parse_written("1 + x - 2").args
    (1, x, -1*2)
    """
    parse(text, variables)
    with sympy.evaluate(False):
        return _Parser(text, check_variable_names(variables), written=True).parse()
