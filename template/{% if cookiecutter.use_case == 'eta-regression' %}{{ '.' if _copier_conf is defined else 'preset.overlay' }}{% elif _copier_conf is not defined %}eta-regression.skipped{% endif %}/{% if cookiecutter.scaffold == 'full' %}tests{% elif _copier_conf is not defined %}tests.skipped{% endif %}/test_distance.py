import math

import pytest

from {{ cookiecutter.package_name }}.errors import UserError
from {{ cookiecutter.package_name }}.online.distance import DistanceEstimate


def test_the_estimate_is_the_straight_line_times_the_route_factor():
    estimate = DistanceEstimate(route_factor=1.5, within_zone_km=1.0)
    assert estimate.km((0.0, 0.0), (3.0, 4.0)) == pytest.approx(7.5)


def test_a_trip_within_one_zone_is_never_estimated_at_zero_km():
    estimate = DistanceEstimate(route_factor=1.2, within_zone_km=1.5)
    assert estimate.km((2.0, 2.0), (2.0, 2.0)) == pytest.approx(1.8)


def test_a_zone_without_a_centre_is_a_user_error():
    with pytest.raises(UserError, match="distance_km"):
        DistanceEstimate().km((0.0, 0.0), (math.nan, math.nan))
