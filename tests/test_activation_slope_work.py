"""calcviz.networks.activation_slope_work: each activation's slope worked out line by line.

The lines are the ones a student writes by hand; each line's pieces are checked equal."""

import sympy
import pytest

from calcviz.networks import activation_slope_work

Z = sympy.Symbol("z", real=True)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_every_piece_of_a_line_is_equal(activation):
    work = activation_slope_work(activation)
    assert len(work.lines) == (3 if activation == "sigmoid" else 2)
    for pieces in work.forms:
        for piece in pieces[1:]:
            assert sympy.simplify(sympy.expand(piece - pieces[0]).rewrite(sympy.exp)) == 0


def test_sigmoid_by_hand():
    # sigma = (1 + e^-z)^-1, so sigma' = e^-z / (1 + e^-z)^2 (chain rule); split it as
    # 1/(1 + e^-z) times e^-z/(1 + e^-z), and e^-z/(1 + e^-z) = (1 + e^-z - 1)/(1 + e^-z) = 1 - sigma.
    work = activation_slope_work("sigmoid")
    assert work.lines[0] == (r"\sigma(z) = \frac{1}{1 + e^{-z}} = \left(1 + e^{-z}\right)^{-1}, \qquad "
                             r"1 - \sigma(z) = \frac{e^{-z}}{1 + e^{-z}}")
    # the chain rule's one step written: outer u^-1 gives -u^-2, inner u = 1 + e^-z gives -e^-z
    assert work.lines[1] == (r"\sigma'(z) = -\left(1 + e^{-z}\right)^{-2} \cdot \left(-e^{-z}\right)"
                             r" = \frac{e^{-z}}{(1 + e^{-z})^2}")
    assert work.lines[2].endswith(r"= \sigma(z)\,\big(1 - \sigma(z)\big)")
    # at z = 0: sigma = 1/2, so sigma' = 1/4 = -(1 + 1)^-2 * (-1) = e^0 / (1 + 1)^2
    slope, chained, _ = work.forms[2]
    assert slope.subs(Z, 0) == sympy.Rational(1, 4)
    assert chained.subs(Z, 0) == sympy.Rational(1, 4)


def test_tanh_by_hand():
    # (sinh/cosh)' = (cosh cosh - sinh sinh)/cosh^2 = 1 - tanh^2; at z = 0: 1 - 0 = 1
    work = activation_slope_work("tanh")
    assert work.lines[-1].endswith(r"= 1 - \tanh^2 z")
    assert work.forms[1][0].subs(Z, 0) == 1


def test_unknown_activation():
    with pytest.raises(ValueError, match="identity"):
        activation_slope_work("identity")
