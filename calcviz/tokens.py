"""The formula tokenizer: user text into numbers, names and operators, and the error every refusal raises.

The first half of the allowlist parser (:mod:`calcviz.parsing`): it only splits text, it never runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

__all__ = ["ExpressionError", "Token", "tokenize"]

MAX_LITERAL_DIGITS = 30
MAX_LITERAL_EXPONENT = 300
_DIGITS = "0123456789"
_WHITESPACE = " \t\r\n"
_SINGLE_CHAR_OPERATORS = "+-*/^()"


class ExpressionError(ValueError):
    """A formula that the parser refuses, with the offending token located.

    Attributes
    ----------
    text : str
        The text that was being parsed.
    position : int
        0-based index of the offending token in ``text``.
    token : str
        The offending token (``""`` for the end of the text).

    Examples
    --------
    >>> error = ExpressionError("unknown name 'foo'", "x + foo(2)", 4, "foo")
    >>> print(error.position, error.token)
    4 foo
    >>> print(error)
    unknown name 'foo' at position 4 in 'x + foo(2)'
    """

    def __init__(self, message: str, text: str, position: int, token: str):
        shown = text if len(text) <= 80 else text[:77] + "..."
        super().__init__(f"{message} at position {position} in {shown!r}")
        self.text = text
        self.position = position
        self.token = token


@dataclass(frozen=True)
class Token:
    """One lexical token.

    ``kind`` is "number", "name", "op", "end" or "error" (a character that
    is not allowed anywhere; the parser reports it when it reaches it, so
    that the first problem from the left is the one reported).
    """

    kind: str
    text: str
    position: int


def _scan_digits(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    return end


def _scan_exponent(text: str, start: int) -> int:
    """Return the end of an ``e[+-]digits`` suffix at ``start`` (or ``start``)."""
    if start >= len(text) or text[start] not in "eE":
        return start
    index = start + 1
    if index < len(text) and text[index] in "+-":
        index += 1
    if index < len(text) and text[index] in _DIGITS:
        return _scan_digits(text, index)
    return start


def _scan_number(text: str, start: int) -> int:
    end = _scan_digits(text, start)
    if end < len(text) and text[end] == ".":
        end = _scan_digits(text, end + 1)
    return _scan_exponent(text, end)


def _scan_name(text: str, start: int) -> int:
    end = start
    while end < len(text) and _is_name_char(text[end]):
        end += 1
    return end


def _is_name_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def _is_name_start(char: str) -> bool:
    return char.isascii() and (char.isalpha() or char == "_")


def _starts_number(text: str, index: int) -> bool:
    char = text[index]
    if char in _DIGITS:
        return True
    return char == "." and index + 1 < len(text) and text[index + 1] in _DIGITS


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an "end" token.

    Examples
    --------
    >>> [t.text for t in tokenize("2x**-1.5e3")]
    ['2', 'x', '**', '-', '1.5e3', '']
    """
    tokens, index = [], 0
    while index < len(text):
        char = text[index]
        if char in _WHITESPACE:
            index += 1
            continue
        kind, end = _classify(text, index)
        tokens.append(Token(kind, text[index:end], index))
        index = end
    tokens.append(Token("end", "", len(text)))
    return tokens


def _classify(text: str, index: int) -> tuple[str, int]:
    """Kind and end index of the token starting at ``index``."""
    if _starts_number(text, index):
        return "number", _scan_number(text, index)
    if _is_name_start(text[index]):
        return "name", _scan_name(text, index)
    if text.startswith("**", index):
        return "op", index + 2
    if text[index] in _SINGLE_CHAR_OPERATORS:
        return "op", index + 1
    return "error", index + 1


def literal_value(token: Token, text: str) -> Fraction:
    """Exact value of a number token, refusing absurdly long or large ones."""
    mantissa, _, exponent = token.text.lower().partition("e")
    digits = sum(char in _DIGITS for char in mantissa)
    too_long = digits > MAX_LITERAL_DIGITS or len(exponent.lstrip("+-")) > 4
    if too_long or (exponent and abs(int(exponent)) > MAX_LITERAL_EXPONENT):
        raise ExpressionError(
            f"numeric literal {token.text!r} is too large",
            text,
            token.position,
            token.text,
        )
    return Fraction(token.text)
