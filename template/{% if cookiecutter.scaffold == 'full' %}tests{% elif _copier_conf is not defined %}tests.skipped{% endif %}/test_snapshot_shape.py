"""`data.source: snapshot`: one table, one row per entity or per observation, its columns
the features; a random stratified split when it has no time, a split by time when it has."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import Config, load_config
from {{ cookiecutter.package_name }}.entities import SNAPSHOT_LABEL_KIND
from {{ cookiecutter.package_name }}.errors import DataError
from {{ cookiecutter.package_name }}.features.snapshot import SnapshotLayout
from {{ cookiecutter.package_name }}.monitoring.traffic import monitor_traffic
from {{ cookiecutter.package_name }}.offline import pipeline, snapshot_set
from {{ cookiecutter.package_name }}.offline.ingest import ingest
from {{ cookiecutter.package_name }}.online.app import ENDPOINT, create_app

from conftest import write_config
from snapshot_data import churn_table, trips_table, write_csv

CLASSIFICATION = SNAPSHOT_LABEL_KIND == "bool"
YES_NO = {"true_values": ["Yes"], "false_values": ["No"]}


def table_of_this_task() -> tuple[pd.DataFrame, dict]:
    """This preset's kind of snapshot and its `data.snapshot` settings (no time column)."""
    if CLASSIFICATION:
        return churn_table(), {"label": "Churn", "id": "customerID", **YES_NO}
    return trips_table().drop(columns="pickup time"), {"label": "trip minutes"}


def snapshot_config(folder: Path, table: pd.DataFrame, **settings) -> Config:
    path = write_csv(table, folder / "raw" / "snapshot.csv")
    data = {"source": "snapshot", "snapshot": {"path": str(path), **settings}}
    return load_config(write_config(folder, data=data))


@pytest.fixture(scope="module")
def untimed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, list[str]]:
    """The whole offline loop on a snapshot without a time column; its config and output."""
    table, settings = table_of_this_task()
    config = snapshot_config(tmp_path_factory.mktemp("untimed"), table, **settings)
    lines: list[str] = []
    pipeline.run_all(config, echo=lines.append)
    return config, lines


def test_without_a_time_the_point_in_time_join_is_skipped_and_the_reason_printed(untimed):
    _, lines = untimed
    output = "\n".join(lines)
    assert "point-in-time join is skipped" in output
    assert "split at random, stratified" in output


def test_the_random_split_keeps_each_label_share_and_the_test_share(untimed):
    config, _ = untimed
    data = snapshot_set.build(config, pipeline.offline_store(config))
    rows = len(data.train) + len(data.test)
    assert len(data.test) == pytest.approx(config.test_share * rows, abs=10)
    if CLASSIFICATION:
        share = data.train[data.label].mean()
        assert data.test[data.label].mean() == pytest.approx(share, abs=0.01)
    else:
        assert data.test[data.label].median() == pytest.approx(
            data.train[data.label].median(), rel=0.05
        )
    again = snapshot_set.build(config, pipeline.offline_store(config))
    assert again.test.equals(data.test), "the split is seeded: the same rows every run"


def test_a_trained_model_beats_the_heuristic_on_a_snapshot(untimed):
    config, _ = untimed
    result = pipeline.run_step("evaluate", config, echo=lambda _: None)
    assert result.decision.promoted, result.decision.reason
    layout = SnapshotLayout.load(config.paths.feature_store)
    kinds = {feature.name: feature.kind for feature in layout.features}
    if CLASSIFICATION:
        assert "customerID" not in kinds and "Churn" not in kinds
        assert kinds["Contract"] == "categorical" and kinds["tenure"] == "numeric"
        assert kinds["Partner"] == "numeric", "a column of declared yes/no words is a 0/1 flag"
        assert kinds["TotalCharges"] == "numeric", "blank cells are missing values"
        assert "Notes" not in kinds, "a column with no values is left out"
    else:
        assert kinds["pickup_borough"] == "categorical" and kinds["trip_km"] == "numeric"


def test_the_gateway_scores_a_row_by_id_by_its_columns_or_both_and_logs_it(untimed):
    config, _ = untimed
    layout = SnapshotLayout.load(config.paths.feature_store)
    route = ENDPOINT.path  # the preset's own path, whichever shape it reads
    columns = {"tenure": 2, "Contract": "Month-to-month"} if CLASSIFICATION else {"trip_km": 9.0}
    with TestClient(create_app(config)) as client:
        stored_id = "0001-3X07919" if CLASSIFICATION else "1"
        by_id = client.post(route, json={"id": stored_id})
        assert by_id.status_code == 200, by_id.text
        assert by_id.json()["known"] and by_id.json()["defaulted"] == []
        by_columns = client.post(route, json={"features": columns})
        assert by_columns.status_code == 200, by_columns.text
        body = by_columns.json()
        assert not body["known"]
        assert set(body["defaulted"]) == {f.name for f in layout.features} - set(columns)
        both = client.post(route, json={"id": stored_id, "features": columns})
        assert both.status_code == 200 and both.json()["score"] != by_id.json()["score"]
        unknown = client.post(route, json={"features": {"no_such_column": 1}})
        assert unknown.status_code == 422
        assert unknown.json()["detail"][0]["loc"] == ["body", "features", "no_such_column"]
        numeric = next(f.name for f in layout.features if f.kind == "numeric")
        wrong_kind = client.post(route, json={"features": {numeric: "many"}})
        assert wrong_kind.status_code == 422, wrong_kind.text
        assert client.get("/openapi.json").status_code == 200
    logged = monitor_traffic(config)
    assert logged.requests == 3
    assert {feature.name for feature in logged.outcome.drift.features} == {
        f.name for f in layout.features
    }


def test_with_a_time_column_the_split_is_by_time(tmp_path: Path):
    if CLASSIFICATION:
        table = churn_table()
        table["observed"] = pd.Timestamp("2026-01-01") + pd.to_timedelta(
            np.arange(len(table)) % 90, "D"
        )
        settings = {"label": "Churn", "observed_at": "observed", **YES_NO}
    else:
        table, settings = trips_table(), {"label": "trip minutes", "observed_at": "pickup time"}
    config = snapshot_config(tmp_path, table, **settings)
    lines: list[str] = []
    pipeline.run_all(config, echo=lines.append)
    data = snapshot_set.build(config, pipeline.offline_store(config))
    assert data.note is None and data.train["event_ts"].max() < data.test["event_ts"].min()
    assert not any("point-in-time join is skipped" in line for line in lines)


def test_repeated_ids_without_a_time_are_refused_with_the_fix(tmp_path: Path):
    table, settings = table_of_this_task()
    if not CLASSIFICATION:
        table = table.assign(trip=np.arange(len(table)) // 2)
        settings = {**settings, "id": "trip"}
    else:
        table = pd.concat([table, table.head(3)])
    config = snapshot_config(tmp_path, table, **settings)
    with pytest.raises(DataError, match="appear on more than one row.*observed_at"):
        ingest(config)


def test_a_label_that_is_not_of_the_task_names_the_setting(tmp_path: Path):
    table, settings = table_of_this_task()
    if CLASSIFICATION:
        settings = {key: value for key, value in settings.items() if key not in YES_NO}
        expected = "data.snapshot.true_values"
    else:
        table = table.assign(**{"trip minutes": "long"})
        expected = "is not a number"
    config = snapshot_config(tmp_path, table, **settings)
    with pytest.raises(DataError, match=expected):
        ingest(config)


def test_odd_names_are_renamed_times_left_out_and_a_missing_label_named(tmp_path: Path):
    table, settings = table_of_this_task()
    table = table.rename(columns={table.columns[1]: "2nd column (%)"})
    table["signed up"] = pd.Timestamp("2024-05-01") + pd.to_timedelta(np.arange(len(table)), "h")
    config = snapshot_config(tmp_path, table, **settings)
    lines: list[str] = []
    pipeline.run_step("ingest", config, echo=lines.append)
    assert any("'2nd column (%)' -> c_2nd_column" in line for line in lines), lines
    assert any("holding times: signed_up" in line for line in lines), lines
    missing = snapshot_config(tmp_path / "other", table, **{**settings, "label": "outcome"})
    with pytest.raises(DataError, match="data.snapshot.label is `outcome`"):
        ingest(missing)
