import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import DataError, NotReadyError
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


def test_a_table_swap_cut_short_is_put_back_and_its_leftovers_removed(tmp_path):
    lake.replace_table(tmp_path, "events", ROWS, "at")
    lake.replace_table(tmp_path, "other", ROWS, "at")
    # killed between moving the old table aside and moving the new one in:
    (tmp_path / "events").rename(tmp_path / ".events.retired-1")
    (tmp_path / ".events.staging-2").mkdir()
    (tmp_path / ".other.retired-3").mkdir()  # killed before the retired copy was removed
    removed = lake.clean_interrupted(tmp_path)
    assert sorted(path.name for path in removed) == [".events.staging-2", ".other.retired-3"]
    assert len(lake.read_table(tmp_path, "events")) == len(ROWS)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["events", "other"]


def test_a_damaged_lake_file_is_named_with_the_step_that_rebuilds_it(tmp_path):
    lake.replace_table(tmp_path, "events", ROWS, "at")
    next((tmp_path / "events").glob("date=*/*.parquet")).write_bytes(b"not parquet")
    with pytest.raises(DataError, match="`events` .* cannot be read .*`ingest`"):
        lake.read_table(tmp_path, "events")


def test_a_dimension_table_is_one_file_and_reads_like_any_table(tmp_path):
    lake.replace_table(tmp_path, "customers", ROWS, None)
    assert [path.suffix for path in (tmp_path / "customers").iterdir()] == [".parquet"]
    assert lake.has_table(tmp_path, "customers")
    assert sorted(lake.read_table(tmp_path, "customers")["id"]) == ["a", "b", "c"]
