"""A feature view's SQL, run by DuckDB on a hand-made table whose answers are known."""

import duckdb
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.features.views import (
    Aggregation,
    Attribute,
    FeatureView,
    compile_view,
)

CLICKS = pd.DataFrame(
    {
        "user_id": ["a", "a", "a", "b"],
        "at": pd.to_datetime(
            ["2026-01-01 09:00", "2026-01-01 23:59", "2026-01-03 12:00", "2026-01-02 08:00"]
        ),
        "value": [1.0, 3.0, 5.0, 10.0],
        "kind": ["x", "y", "x", "x"],
    }
)

ACTIVITY = FeatureView(
    name="activity",
    entity="user_id",
    source="clicks",
    timestamp="at",
    aggregations=(
        Aggregation("events_2d", "count", 2),
        Aggregation("x_events_2d", "count", 2, where="kind = 'x'"),
        Aggregation("value_sum_2d", "sum", 2, column="value"),
        Aggregation("value_mean_2d", "mean", 2, column="value"),
    ),
)


def run(view: FeatureView) -> pd.DataFrame:
    with duckdb.connect() as connection:
        connection.register("clicks", CLICKS)
        return connection.sql(compile_view(view)).df()


def snapshot(rows: pd.DataFrame, user: str, at: str) -> pd.Series:
    match = rows[(rows["user_id"] == user) & (rows["feature_ts"] == pd.Timestamp(at))]
    assert len(match) == 1
    return match.iloc[0]


def test_a_snapshot_counts_the_window_of_days_before_it():
    rows = run(ACTIVITY)
    first = snapshot(rows, "a", "2026-01-02")  # sees 1 Jan only
    assert (first["events_2d"], first["x_events_2d"], first["value_sum_2d"]) == (2, 1, 4.0)
    assert first["value_mean_2d"] == 2.0
    later = snapshot(rows, "a", "2026-01-04")  # sees 2 and 3 Jan: 1 Jan has left the window
    assert (later["events_2d"], later["value_sum_2d"]) == (1, 5.0)


def test_every_entity_gets_a_snapshot_every_day_even_without_events():
    rows = run(ACTIVITY)
    quiet = snapshot(rows, "b", "2026-01-04")  # b's only event, 2 Jan, is still in the window
    assert quiet["events_2d"] == 1
    empty = snapshot(rows, "b", "2026-01-02")
    assert (empty["events_2d"], empty["value_mean_2d"]) == (0, 0.0)
    assert len(rows) == 2 * 3  # two users, three days


def test_an_attribute_view_keeps_each_version_from_its_timestamp():
    view = FeatureView(
        name="latest",
        entity="user_id",
        source="clicks",
        timestamp="at",
        attributes=(Attribute("doubled", "value * 2"),),
    )
    rows = run(view)
    assert sorted(rows["doubled"]) == [2.0, 6.0, 10.0, 20.0]
    assert set(rows["feature_ts"]) == set(CLICKS["at"])


def test_a_view_declares_aggregations_or_attributes():
    with pytest.raises(ValueError, match="not both"):
        FeatureView(name="v", entity="e", source="s", timestamp="t")
    with pytest.raises(ValueError, match="needs a column"):
        FeatureView("v", "e", "s", "t", aggregations=(Aggregation("total", "sum", 7),))
