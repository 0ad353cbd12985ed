"""For every test, the doctests of calcviz/ included."""

import linecache

_checkcache = linecache.checkcache


def _checkcache_tolerating_removals(filename=None):
    """linecache.checkcache, which doctest's debugger calls before every example, lists the cache's keys and then
    reads each one; sympy's lambdify keeps each generated function's source there and removes it when the function
    is garbage-collected, which can happen between the two (a KeyError seen once in CI)."""
    try:
        _checkcache(filename)
    except KeyError:
        pass


linecache.checkcache = _checkcache_tolerating_removals
