"""The data lake: one folder per table, parquet files partitioned by event date.

Writes never leave a table half-written: files are written under a temporary name and
renamed into place, and a whole table is replaced by swapping folders.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from ..errors import NotReadyError


def table_path(lake: Path, table: str) -> Path:
    return lake / table


def has_table(lake: Path, table: str) -> bool:
    return any(table_path(lake, table).glob("date=*/*.parquet"))


def scan_sql(lake: Path, table: str) -> str:
    """A DuckDB table expression reading every partition of `table`."""
    if not has_table(lake, table):
        raise NotReadyError(f"the lake has no table `{table}` under {lake}; run the `ingest` step")
    pattern = str(table_path(lake, table) / "date=*" / "*.parquet").replace("'", "''")
    return f"read_parquet('{pattern}', hive_partitioning = false, union_by_name = true)"


def read_table(lake: Path, table: str) -> pd.DataFrame:
    with duckdb.connect() as connection:
        return connection.sql(f"SELECT * FROM {scan_sql(lake, table)}").df()


def replace_table(lake: Path, table: str, frame: pd.DataFrame, timestamp: str) -> None:
    """Write `frame` as the whole of `table`, partitioned by the date of column `timestamp`."""
    final = table_path(lake, table)
    staging = final.with_name(f".{table}.staging-{uuid.uuid4().hex}")
    try:
        _write_partitions(staging, frame, timestamp)
        retired = final.with_name(f".{table}.retired-{uuid.uuid4().hex}")
        if final.exists():
            final.rename(retired)
        staging.rename(final)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def append_rows(lake: Path, table: str, frame: pd.DataFrame, timestamp: str) -> list[Path]:
    """Add `frame` to `table` as new files, one per date; existing files are untouched."""
    return _write_partitions(table_path(lake, table), frame, timestamp)


def _write_partitions(folder: Path, frame: pd.DataFrame, timestamp: str) -> list[Path]:
    written = []
    dates = pd.to_datetime(frame[timestamp]).dt.strftime("%Y-%m-%d")
    for date, rows in frame.groupby(dates, sort=True):
        partition = folder / f"date={date}"
        partition.mkdir(parents=True, exist_ok=True)
        name = f"part-{uuid.uuid4().hex}.parquet"
        temporary = partition / f".{name}.tmp"
        rows.to_parquet(temporary, index=False)
        temporary.rename(partition / name)
        written.append(partition / name)
    return written
