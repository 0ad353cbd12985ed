"""Integrals, week 5: Riemann sums, definite and improper integrals, antiderivatives and the accumulation function.

Every function accepts a :class:`~calcviz.Function` or anything
``Function()`` accepts (text, sympy expression, number).

Exact values come from a sympy antiderivative (only tried for expressions
small enough to integrate quickly, and always checked against the numeric
value); otherwise integrals are computed numerically with adaptive
Gauss-Legendre quadrature in numpy.  Each topic has its own module; this one
gathers them under the name the course uses.
"""

from .antiderivatives import IntegralStep, NoElementaryAntiderivative, antiderivative, antiderivative_steps
from .definite_integrals import NumericIntegral, accumulation, definite_integral, exact_integral
from .improper_integrals import improper_integral
from .quadrature_errors import IntegrationErrors, integration_errors
from .riemann import RULES, SIMPSON_SAMPLES, RiemannSum, riemann_sum

__all__ = [
    "RULES",
    "SIMPSON_SAMPLES",
    "RiemannSum",
    "riemann_sum",
    "definite_integral",
    "exact_integral",
    "accumulation",
    "NumericIntegral",
    "improper_integral",
    "antiderivative",
    "NoElementaryAntiderivative",
    "antiderivative_steps",
    "IntegralStep",
    "integration_errors",
    "IntegrationErrors",
]
