"""The request-time features: what a pace is, and that SQL and Python key zone-hours alike."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.features.definitions import (
    PRIOR_KM,
    ZONE_HOUR,
    pace,
    with_lookup_keys,
)
from {{ cookiecutter.package_name }}.offline.etl import connect_lake


def test_a_pace_with_no_history_is_the_prior_and_with_much_history_the_data():
    assert pace([0.0], [0.0], 2.5)[0] == pytest.approx(2.5)
    assert pace([1_000_000.0], [500_000.0], 2.5)[0] == pytest.approx(2.0, abs=1e-4)
    assert pace([PRIOR_KM * 1.5], [PRIOR_KM], 2.5)[0] == pytest.approx(2.0)


def test_the_gateway_keys_a_trip_as_the_etl_does(trained):
    config, _ = trained
    with connect_lake(config.paths.lake) as connection:
        derived = connection.sql(
            f"SELECT pickup_zone_id, requested_at, {ZONE_HOUR} FROM completed_trips LIMIT 200"
        ).df()
    trips = derived.rename(columns={"requested_at": "event_ts"})
    keyed = with_lookup_keys(trips.drop(columns=ZONE_HOUR))
    assert keyed[ZONE_HOUR].tolist() == derived[ZONE_HOUR].tolist()


def test_a_trip_counts_in_the_features_from_its_completion_not_its_request(trained):
    config, _ = trained
    with connect_lake(config.paths.lake) as connection:
        gap = connection.sql(
            "SELECT min(completed_at - requested_at) AS shortest, "
            "max(epoch(completed_at - requested_at) / 60 - duration_minutes) AS error "
            "FROM completed_trips"
        ).df()
    assert gap["shortest"].iloc[0] > pd.Timedelta(0)
    assert abs(gap["error"].iloc[0]) < 1e-6
