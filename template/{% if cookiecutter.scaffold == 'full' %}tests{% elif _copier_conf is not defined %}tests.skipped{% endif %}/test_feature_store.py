"""The two tiers: point-in-time reads offline, latest values online."""

import sqlite3
from contextlib import closing

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import NotReadyError, StoreUnavailable
from {{ cookiecutter.package_name }}.feature_store import ParquetOfflineStore, SQLiteOnlineStore
from {{ cookiecutter.package_name }}.features.views import Aggregation, Attribute, FeatureView
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
    assert list(online.get_online(VIEW, ["a", "b"])) == ["b"]


def test_reading_before_writing_says_which_step_to_run(tmp_path):
    with pytest.raises(NotReadyError, match="run `features`"):
        ParquetOfflineStore(tmp_path).latest(VIEW)
    with pytest.raises(NotReadyError, match="materialize"):
        SQLiteOnlineStore(tmp_path).get_online(VIEW, ["a"])


PROFILE = FeatureView(
    name="profile",
    entity="user_id",
    source="users",
    timestamp="at",
    attributes=(Attribute("plan", "plan"), Attribute("age", "age")),
)


def test_text_and_numbers_come_back_as_they_went_in(tmp_path):
    online = SQLiteOnlineStore(tmp_path)
    rows = pd.DataFrame(
        {
            "user_id": ["a", "b"],
            "feature_ts": pd.to_datetime(["2026-01-02", "2026-01-03"]),
            "plan": ["basic", None],
            "age": [31, None],
        }
    )
    online.materialize(PROFILE, rows)
    found = lookup(online, PROFILE, ["a", "b", "c"])
    assert found["plan"].tolist() == ["basic", None, None]
    assert found["age"][0] == 31.0 and pd.isna(found["age"][1:]).all()


def test_each_materialization_is_a_new_generation(offline, tmp_path):
    online = SQLiteOnlineStore(tmp_path)
    online.materialize(VIEW, offline.latest(VIEW))
    first = online.generation()
    online.materialize(VIEW, offline.latest(VIEW))
    assert online.generation() != first


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_a_corrupt_store_is_unavailable_with_its_path_and_the_fix(offline, tmp_path, content):
    online = SQLiteOnlineStore(tmp_path)
    online.materialize(VIEW, offline.latest(VIEW))
    online.close()
    online.path.write_bytes(content)
    with pytest.raises(StoreUnavailable, match="materialize"):
        lookup(SQLiteOnlineStore(tmp_path), VIEW, ["a"])


def test_a_value_of_the_wrong_kind_is_unavailable_naming_the_feature(offline, tmp_path):
    online = SQLiteOnlineStore(tmp_path)
    online.materialize(VIEW, offline.latest(VIEW))
    with closing(sqlite3.connect(online.path)) as connection, connection:
        connection.execute("UPDATE activity SET events_7d = 'lots' WHERE user_id = 'a'")
    with pytest.raises(StoreUnavailable, match="events_7d"):
        lookup(online, VIEW, ["a"])
