"""One place to add a feature: a view feature declared with `model=` is a model input, and
its `default` is what an entity without a value gets, offline and online alike."""

import duckdb
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.feature_store import ParquetOfflineStore, SQLiteOnlineStore
from {{ cookiecutter.package_name }}.features.views import (
    Aggregation,
    Attribute,
    FeatureSet,
    FeatureView,
    compile_view,
)
from {{ cookiecutter.package_name }}.online.features import lookup

ACCOUNTS = pd.DataFrame(
    {
        "account_id": ["a", "b"],
        "updated_at": pd.to_datetime(["2026-01-01", "2026-01-02"]),
        "seats": [12.0, None],
        "tier": ["gold", None],
    }
)
PROFILE = FeatureView(
    name="account_profile",
    entity="account_id",
    source="accounts",
    timestamp="updated_at",
    attributes=(
        Attribute("seats", "seats", default=0.0, model="numeric"),
        Attribute("tier", "tier", default="unknown", model="categorical"),
        Attribute("note", "tier"),  # stored, but not a model input
    ),
)
ACTIVITY = FeatureView(
    name="account_activity",
    entity="account_id",
    source="accounts",
    timestamp="updated_at",
    aggregations=(Aggregation("updates_7d", "count", 7, model="numeric"),),
)


def test_the_model_reads_the_declared_features_then_the_computed_ones():
    features = FeatureSet.declared((PROFILE, ACTIVITY), numeric=("seats_per_update",))
    assert features.numeric == ("seats", "updates_7d", "seats_per_update")
    assert features.categorical == ("tier",)


def test_a_model_input_declared_twice_or_a_second_text_is_refused():
    with pytest.raises(ValueError, match="seats"):
        FeatureSet.declared((PROFILE,), numeric=("seats",))
    bio = Attribute("bio", "tier", model="text")
    with_text = FeatureView("bios", "account_id", "accounts", "updated_at", attributes=(bio,))
    with pytest.raises(ValueError, match="one free text"):
        FeatureSet.declared((with_text,), text="comment")


def test_a_missing_value_and_an_unknown_entity_get_the_declared_default(tmp_path):
    with duckdb.connect() as connection:
        connection.register("accounts", ACCOUNTS)
        rows = connection.sql(compile_view(PROFILE)).df()
    offline = ParquetOfflineStore(tmp_path)
    offline.write(PROFILE, rows)
    spine = pd.DataFrame({"account_id": ["a", "b", "new"], "event_ts": pd.Timestamp("2026-02-01")})
    joined = offline.get_historical(spine, (PROFILE,))
    assert joined["seats"].tolist() == [12.0, 0.0, 0.0]
    assert joined["tier"].tolist() == ["gold", "unknown", "unknown"]
    online = SQLiteOnlineStore(tmp_path)
    try:
        online.materialize(PROFILE, offline.latest(PROFILE))
        found = lookup(online, PROFILE, ["a", "b", "new"])
    finally:
        online.close()
    assert found["seats"].tolist() == [12.0, 0.0, 0.0]
    assert found["tier"].tolist() == ["gold", "unknown", "unknown"]
    assert found["known"].tolist() == [True, True, False]
