"""The two tiers: point-in-time reads offline, latest values online."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import NotReadyError
from {{ cookiecutter.package_name }}.feature_store import ParquetOfflineStore, SQLiteOnlineStore
from {{ cookiecutter.package_name }}.features.views import Aggregation, FeatureView
from {{ cookiecutter.package_name }}.online.features import lookup

VIEW = FeatureView(
    name="activity",
    entity="user_id",
    source="events",
    timestamp="at",
    aggregations=(Aggregation("events_7d", "count", 7),),
)

SNAPSHOTS = pd.DataFrame(
    {
        "user_id": ["a", "a", "a", "b"],
        "feature_ts": pd.to_datetime(["2026-01-02", "2026-01-03", "2026-01-04", "2026-01-03"]),
        "events_7d": [1.0, 2.0, 3.0, 9.0],
    }
)


@pytest.fixture
def offline(tmp_path) -> ParquetOfflineStore:
    store = ParquetOfflineStore(tmp_path)
    store.write(VIEW, SNAPSHOTS)
    return store


def test_historical_values_are_the_latest_known_at_each_event(offline):
    spine = pd.DataFrame(
        {
            "user_id": ["a", "a", "a", "b", "c"],
            "event_ts": pd.to_datetime(
                [
                    "2026-01-03 00:00",
                    "2026-01-03 23:00",
                    "2026-01-01 00:00",
                    "2026-01-05 00:00",
                    "2026-01-05 00:00",
                ]
            ),
        }
    )
    joined = offline.get_historical(spine, [VIEW])
    # exactly at a snapshot: that snapshot; before any snapshot, or unknown: the default 0
    assert joined["events_7d"].tolist() == [2.0, 2.0, 0.0, 9.0, 0.0]
    assert joined["user_id"].tolist() == spine["user_id"].tolist()


def test_latest_keeps_one_row_per_entity(offline):
    latest = offline.latest(VIEW).set_index("user_id")["events_7d"].to_dict()
    assert latest == {"a": 3.0, "b": 9.0}


def test_online_returns_what_was_materialized_and_defaults_for_unknown_ids(offline, tmp_path):
    online = SQLiteOnlineStore(tmp_path)
    online.materialize(VIEW, offline.latest(VIEW))
    found = lookup(online, VIEW, ["b", "zz", "a"])
    assert found["user_id"].tolist() == ["b", "zz", "a"]
    assert found["events_7d"].tolist() == [9.0, 0.0, 3.0]
    assert found["known"].tolist() == [True, False, True]


def test_materializing_again_replaces_the_view(offline, tmp_path):
    online = SQLiteOnlineStore(tmp_path)
    online.materialize(VIEW, offline.latest(VIEW))
    online.materialize(VIEW, SNAPSHOTS.iloc[[3]])
    assert online.get_online(VIEW, ["a", "b"]).index.tolist() == ["b"]


def test_reading_before_writing_says_which_step_to_run(tmp_path):
    with pytest.raises(NotReadyError, match="run `features`"):
        ParquetOfflineStore(tmp_path).latest(VIEW)
    with pytest.raises(NotReadyError, match="materialize"):
        SQLiteOnlineStore(tmp_path).get_online(VIEW, ["a"])
