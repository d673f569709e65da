import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import NotReadyError
from {{ cookiecutter.package_name }}.offline import lake

ROWS = pd.DataFrame(
    {
        "id": ["a", "b", "c"],
        "at": pd.to_datetime(["2026-01-01 10:00", "2026-01-01 00:00", "2026-01-02 00:00"]),
    }
)


def test_a_table_is_partitioned_by_the_date_of_its_timestamp(tmp_path):
    lake.replace_table(tmp_path, "events", ROWS, "at")
    partitions = sorted(p.name for p in (tmp_path / "events").iterdir())
    assert partitions == ["date=2026-01-01", "date=2026-01-02"]
    assert sorted(lake.read_table(tmp_path, "events")["id"]) == ["a", "b", "c"]


def test_replacing_a_table_leaves_no_trace_of_the_old_one(tmp_path):
    lake.replace_table(tmp_path, "events", ROWS, "at")
    lake.replace_table(tmp_path, "events", ROWS.iloc[[2]], "at")
    assert lake.read_table(tmp_path, "events")["id"].tolist() == ["c"]
    assert [p.name for p in tmp_path.iterdir()] == ["events"]


def test_appending_adds_files_and_keeps_the_old_rows(tmp_path):
    lake.append_rows(tmp_path, "events", ROWS, "at")
    lake.append_rows(tmp_path, "events", ROWS.iloc[[0]], "at")
    assert len(lake.read_table(tmp_path, "events")) == 4


def test_reading_a_missing_table_says_to_ingest(tmp_path):
    with pytest.raises(NotReadyError, match="ingest"):
        lake.read_table(tmp_path, "events")
