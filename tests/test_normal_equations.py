"""The normal equations of LinearRegressionByDescent's data, and how many decimals descent agrees to."""

import numpy as np

from calcviz import regression

POINTS = [[0.5, 0.7], [1.0, 0.8], [1.5, 1.6], [2.0, 2.1], [2.5, 2.7], [3.0, 2.7], [3.5, 2.9], [4.0, 3.1], [4.5, 4.0]]


def test_the_course_data_by_hand():
    xs, ys = np.array(POINTS).T
    eq = regression.normal_equations(xs, ys)
    # x = 0.5, 1, ..., 4.5: sum x = 22.5, sum x^2 = 0.25 + 1 + 2.25 + ... + 20.25 = 71.25
    assert (eq.n, eq.sx, eq.sxx) == (9, regression.sympy.Rational(45, 2), regression.sympy.Rational(285, 4))
    # sum y = 20.6; sum x y = 0.35 + 0.8 + 2.4 + 4.2 + 6.75 + 8.1 + 10.15 + 12.4 + 18 = 63.15
    assert eq.sy == regression.sympy.Rational(103, 5) and eq.sxy == regression.sympy.Rational(1263, 20)
    # Hessian (2/9) [[71.25, 22.5], [22.5, 9]]: trace 17.8333, det (4/81)(641.25 - 506.25) = 6.6667
    trace, det = 2 / 9 * (71.25 + 9), (2 / 9) ** 2 * (71.25 * 9 - 22.5**2)
    assert np.isclose(eq.largest_eigenvalue, trace / 2 + np.sqrt(trace**2 / 4 - det))
    # the solution of the two equations is the least squares line
    best = regression.least_squares_line(xs, ys)
    assert eq.sxx * best.exact_w + eq.sx * best.exact_b == eq.sxy
    assert eq.sx * best.exact_w + eq.n * best.exact_b == eq.sy


def test_agreeing_decimals():
    # gaps 0.0016 and 0.005: the second is not below 0.005, so only 1 decimal
    assert regression.agreeing_decimals([0.77505, 0.35222], [0.77667, 0.34722]) == 1
    assert regression.agreeing_decimals([0.7766], [0.7767]) == 3  # gap 0.0001 < 0.0005
    assert regression.agreeing_decimals([2.4], [1.6]) == 0  # gap 0.8: not even the units
