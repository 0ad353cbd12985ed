"""calcviz: the math core of the calculus lectures (pure numpy + sympy).

Never imports manim or scipy.  ``import calcviz`` loads no submodule: each loads on
first use (PEP 562), so a scene's render, and the Makefile's dependency scan
(``scenes/makegen.py`` reads :data:`LAZY` from this file's source), see only what
the scene uses.

Examples
--------
>>> import calcviz
>>> f = calcviz.Function("x^3 - 3x")
>>> [(p.x, p.kind) for p in calcviz.derivatives.critical_points(f, -2, 2)]
[(-1.0, 'maximum'), (1.0, 'minimum')]
"""

import importlib

# The names the package offers beside its modules: name -> (module, attribute).
LAZY = {
    "exact": ("_symbolic", "to_exact"),
    "latex": ("functions", "latex"),
    "parse": ("parsing", "parse"),
    "ExpressionError": ("parsing", "ExpressionError"),
    "Function": ("functions", "Function"),
    "Field": ("fields", "Field"),
    "transform": ("functions", "transform"),
}

# The topics, as modules (``from calcviz import limits``).
MODULES = (
    "rules", "derivatives", "limits", "integrals", "multivariate", "networks", "critical", "optimize",
    "regression", "geometry", "parsing", "functions", "fields", "sets", "asymptotics", "mappings",
)

__all__ = [*LAZY, *MODULES]


def __getattr__(name: str):
    if name in LAZY:
        module, attribute = LAZY[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    elif name in MODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # loaded once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
