"""Result objects that stand for a number (a sum, an integral) and behave as one.

A class that mixes in :class:`NumberLike` and defines ``__float__`` works in
arithmetic and comparisons exactly like that float, while keeping its other
attributes (the geometry a scene draws).
"""

from __future__ import annotations

import math
import operator


def _binary(op):
    def forward(self, other):
        other = _plain(other)
        return NotImplemented if other is NotImplemented else op(float(self), other)

    def backward(self, other):
        other = _plain(other)
        return NotImplemented if other is NotImplemented else op(other, float(self))

    return forward, backward


def _plain(other):
    """``other`` as a number to combine with a float, or NotImplemented."""
    if isinstance(other, NumberLike):
        return float(other)
    if isinstance(other, (int, float)) or hasattr(other, "__float__"):
        return other
    return NotImplemented


class NumberLike:
    """Arithmetic and comparisons through ``float(self)``."""

    __slots__ = ()

    def __float__(self) -> float:  # pragma: no cover - each subclass defines it
        raise NotImplementedError

    __add__, __radd__ = _binary(operator.add)
    __sub__, __rsub__ = _binary(operator.sub)
    __mul__, __rmul__ = _binary(operator.mul)
    __truediv__, __rtruediv__ = _binary(operator.truediv)
    __floordiv__, __rfloordiv__ = _binary(operator.floordiv)
    __mod__, __rmod__ = _binary(operator.mod)
    __pow__, __rpow__ = _binary(operator.pow)
    __lt__, _ = _binary(operator.lt)
    __le__, _ = _binary(operator.le)
    __gt__, _ = _binary(operator.gt)
    __ge__, _ = _binary(operator.ge)
    __eq__, _ = _binary(operator.eq)
    __ne__, _ = _binary(operator.ne)
    del _

    def __neg__(self) -> float:
        return -float(self)

    def __pos__(self) -> float:
        return float(self)

    def __abs__(self) -> float:
        return abs(float(self))

    def __round__(self, digits=None):
        return round(float(self), digits)

    def __int__(self) -> int:
        return int(float(self))

    def __trunc__(self) -> int:
        return math.trunc(float(self))

    def __bool__(self) -> bool:
        return float(self) != 0

    def __hash__(self) -> int:
        return hash(float(self))  # equal to a float means the same hash, as for numbers
