"""The unit-circle areas of FamousLimits' squeeze, worked by hand."""

import math

import pytest

from calcviz import unit_circle


def test_at_a_quarter_turn_of_pi_the_areas_are_root2_over_4_pi_over_8_and_one_half():
    areas = unit_circle.nested_areas(math.pi / 4)
    # sin(pi/4) = sqrt(2)/2, so the small triangle is sqrt(2)/4 = 0.35355...; the sector pi/8 = 0.39269...;
    # tan(pi/4) = 1, so the big triangle is 1/2
    assert areas.small_area == pytest.approx(0.3535534, abs=1e-7)
    assert areas.sector_area == pytest.approx(0.3926991, abs=1e-7)
    assert areas.big_area == pytest.approx(0.5, abs=1e-12)
    assert areas.ordered
    assert areas.small_triangle[2] == pytest.approx((0.7071068, 0.7071068), abs=1e-7)
    assert areas.big_triangle[2] == pytest.approx((1.0, 1.0), abs=1e-12)


def test_at_pi_over_3_the_areas_are_root3_over_4_pi_over_6_and_root3_over_2():
    areas = unit_circle.nested_areas(math.pi / 3)
    # sin = sqrt(3)/2 -> sqrt(3)/4 = 0.43301; x/2 = pi/6 = 0.52360; tan = sqrt(3) -> sqrt(3)/2 = 0.86603
    assert (areas.small_area, areas.sector_area, areas.big_area) == pytest.approx((0.4330127, 0.5235988, 0.8660254), abs=1e-7)
    assert areas.steps[-1] == r"\sin x < x < \tan x"


@pytest.mark.parametrize("x", [0.0, -0.3, math.pi / 2, 2.0])
def test_the_angle_must_be_strictly_inside_the_first_quadrant(x):
    with pytest.raises(ValueError, match="strictly between 0 and pi/2"):
        unit_circle.nested_areas(x)
