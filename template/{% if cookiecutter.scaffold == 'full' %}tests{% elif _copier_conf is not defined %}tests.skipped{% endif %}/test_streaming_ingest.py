"""Ingest streams: a table goes through a chunk at a time, what lands is what a whole read
would write, in the lake's own layout, and an error names the row of the file however far
into it the row is."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import TABLES
from {{ cookiecutter.package_name }}.errors import DataError
from {{ cookiecutter.package_name }}.offline import lake
from {{ cookiecutter.package_name }}.offline.ingest import ingest

from team_files import files_config, team_files

SMALL_CHUNKS = 2_000  # rows: the small sample's event tables span several chunks


def sorted_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), ignore_index=True)


def test_tables_read_in_small_chunks_land_as_when_read_whole(tmp_path):
    _, specs = team_files(tmp_path)
    whole = ingest(files_config(tmp_path / "whole", specs))
    chunked = ingest(files_config(tmp_path / "chunked", specs), chunk_rows=SMALL_CHUNKS)
    assert chunked.rows == whole.rows
    for name in TABLES:
        pd.testing.assert_frame_equal(
            sorted_rows(lake.read_table(tmp_path / "chunked" / "lake", name)),
            sorted_rows(lake.read_table(tmp_path / "whole" / "lake", name)),
        )


def test_the_lake_keeps_one_file_per_dimension_table_and_few_per_date(tmp_path):
    _, specs = team_files(tmp_path)
    ingest(files_config(tmp_path, specs), chunk_rows=SMALL_CHUNKS)
    for name, schema in TABLES.items():
        folder = lake.table_path(tmp_path / "lake", name)
        if not schema.by_date:
            assert len(list(folder.glob("*.parquet"))) == 1, name
            continue
        partitions = list(folder.glob("date=*"))
        assert partitions, name
        # however many chunks brought a date's rows, DuckDB writes them into a file or two
        assert max(len(list(p.glob("*.parquet"))) for p in partitions) <= 2, name
    assert not list((tmp_path / "lake").glob(".*")), "staging left behind"


def test_a_bad_row_in_a_later_chunk_is_named_by_its_row_in_the_file(tmp_path):
    tables, specs = team_files(tmp_path)
    config = files_config(tmp_path, specs)
    ingest(config)
    before = {name: len(lake.read_table(config.paths.lake, name)) for name in TABLES}
    name = max(TABLES, key=lambda table: len(tables[table]))
    chunk_rows = len(tables[name]) // 4  # the bad row is in the fourth chunk
    column = TABLES[name].timestamp
    broken = tables[name].astype({column: str})
    broken.loc[3 * chunk_rows + 4, column] = "not a date"
    broken.to_csv(tmp_path / "broken.csv", index=False)
    specs[name] = {"path": str(tmp_path / "broken.csv")}
    row = f"row {3 * chunk_rows + 5:,}"
    with pytest.raises(DataError, match=rf"{row} \('not a date'\)"):
        ingest(files_config(tmp_path, specs), chunk_rows=chunk_rows)
    after = {name: len(lake.read_table(config.paths.lake, name)) for name in TABLES}
    assert after == before
    assert not list(config.paths.lake.glob(".*")), "staging left behind"


def test_a_reference_is_checked_against_every_chunk_of_its_parent(tmp_path):
    """Children naming the parents that arrive in a parent table's last chunk are known."""
    tables, specs = team_files(tmp_path)
    referenced = {c.parent[0] for schema in TABLES.values() for c in schema.columns if c.parent}
    chunk_rows = max(min(len(tables[name]) for name in referenced) // 3, 10)
    for name, schema in TABLES.items():
        keys = [c.name for c in schema.columns if c.parent]
        if keys and name not in referenced:  # a leaf: its rows naming the latest parents
            latest = tables[name].sort_values(keys[0], ascending=False).head(3 * chunk_rows)
            specs[name] = {"path": str(tmp_path / f"{name}-latest.parquet")}
            latest.to_parquet(specs[name]["path"], index=False)
            tables[name] = latest
    report = ingest(files_config(tmp_path, specs), chunk_rows=chunk_rows)
    assert report.dropped_rows == {}
    assert report.rows == {name: len(frame) for name, frame in tables.items()}
