"""The data lake: one folder per table; an event table's parquet files are partitioned by
date (`date=YYYY-MM-DD/`), a dimension table is one file.

Writes never leave a table half-written: files are written under a temporary name and
renamed into place, and a whole table is replaced by swapping folders.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from ..bounded_sql import bounded_connection, quoted_path
from ..errors import DataError, NotReadyError, first_line


def table_path(lake: Path, table: str) -> Path:
    return lake / table


PARTITION = "date"
LAYOUTS = ("date=*/*.parquet", "*.parquet")  # split by date, or one file (a dimension)


def _layout(lake: Path, table: str) -> str | None:
    folder = table_path(lake, table)
    return next((layout for layout in LAYOUTS if any(folder.glob(layout))), None)


def has_table(lake: Path, table: str) -> bool:
    return _layout(lake, table) is not None


def scan_sql(lake: Path, table: str) -> str:
    """A DuckDB table expression reading every file of `table`."""
    layout = _layout(lake, table)
    if layout is None:
        raise NotReadyError(f"the lake has no table `{table}` under {lake}; run the `ingest` step")
    pattern = str(table_path(lake, table) / layout).replace("'", "''")
    return f"read_parquet('{pattern}', hive_partitioning = false, union_by_name = true)"


def read_table(lake: Path, table: str) -> pd.DataFrame:
    with duckdb.connect() as connection, readable(lake, table):
        return connection.sql(f"SELECT * FROM {scan_sql(lake, table)}").df()


@contextmanager
def readable(lake: Path, table: str) -> Iterator[None]:
    """A lake file that cannot be read (corrupt, truncated) is named, not a traceback."""
    try:
        yield
    except (duckdb.IOException, duckdb.InvalidInputException) as error:  # not a query's bug
        raise DataError(
            f"the lake table `{table}` under {lake} cannot be read ({first_line(error)}); "
            "rebuild it with `ingest`, or remove the damaged file"
        ) from None


def replace_table(lake: Path, table: str, frame: pd.DataFrame, timestamp: str | None) -> None:
    """Write `frame` as the whole of `table`: partitioned by the date of column `timestamp`,
    or as one file when `timestamp` is None."""
    staged = StagedTable(lake, table, timestamp)
    try:
        staged.add(frame)
        staged.swap_in()
    finally:
        staged.discard()


class StagedTable:
    """A new version of a lake table, written chunk by chunk beside the lake, then laid out
    (DuckDB, within its memory limit) and swapped in whole: a table larger than memory
    goes through, and readers see the old table or the new one, never a mix."""

    def __init__(self, lake: Path, table: str, timestamp: str | None) -> None:
        self.final = table_path(lake, table)
        self.timestamp = timestamp
        self.staging = self.final.with_name(f".{table}.staging-{uuid.uuid4().hex}")
        self.chunks = self.staging.with_name(self.staging.name + "-chunks")
        self.count = 0

    def add(self, rows: pd.DataFrame) -> None:
        """Keep one checked chunk of the table."""
        if self.timestamp is not None and PARTITION in rows.columns:
            _write_partitions(self.staging, rows, self.timestamp)  # the name would collide
        else:
            self.chunks.mkdir(parents=True, exist_ok=True)
            rows.to_parquet(self.chunks / f"chunk-{self.count:06d}.parquet", index=False)
        self.count += 1

    def swap_in(self) -> None:
        """Lay the chunks out as the lake keeps a table, then replace the old table."""
        self.staging.mkdir(parents=True, exist_ok=True)
        if self.chunks.is_dir():
            self._lay_out()
        retired = self.final.with_name(f".{self.final.name}.retired-{uuid.uuid4().hex}")
        if self.final.exists():
            self.final.rename(retired)
        self.staging.rename(self.final)
        shutil.rmtree(retired, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self.chunks, ignore_errors=True)

    def _lay_out(self) -> None:
        """One file for a dimension table; for an event table, every date's file in one
        COPY ... PARTITION_BY, which writes them several times faster than pandas would."""
        chunks = quoted_path(self.chunks / "*.parquet")
        spill = self.chunks.with_name(self.chunks.name + "-spill")
        with bounded_connection(spill) as connection:
            if self.timestamp is None:
                target = quoted_path(self.staging / f"part-{uuid.uuid4().hex}.parquet")
                connection.execute(
                    f"COPY (SELECT * FROM read_parquet({chunks})) TO {target} (FORMAT parquet)"
                )
                return
            column = self.timestamp.replace('"', '""')
            connection.execute(
                f"""COPY (SELECT *, strftime("{column}", '%Y-%m-%d') AS {PARTITION} """
                f"FROM read_parquet({chunks})) TO {quoted_path(self.staging)} "
                f"(FORMAT parquet, PARTITION_BY ({PARTITION}), OVERWRITE_OR_IGNORE, "
                "FILENAME_PATTERN 'part-{uuid}')"
            )


def clean_interrupted(lake: Path) -> list[Path]:
    """Finish or undo what a killed `replace_table` left: a table moved aside but not yet
    replaced is put back; staging folders and retired tables are removed."""
    if not lake.is_dir():
        return []
    removed: list[Path] = []
    for entry in sorted(lake.glob(".*.retired-*")):
        table = entry.name[1:].split(".retired-")[0]
        if not table_path(lake, table).exists():
            entry.rename(table_path(lake, table))  # killed between the two renames
        else:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    for entry in lake.glob(".*.staging-*"):
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def append_rows(lake: Path, table: str, frame: pd.DataFrame, timestamp: str) -> list[Path]:
    """Add `frame` to `table` as new files, one per date; existing files are untouched."""
    return _write_partitions(table_path(lake, table), frame, timestamp)


def _write_partitions(folder: Path, frame: pd.DataFrame, timestamp: str) -> list[Path]:
    written = []
    dates = pd.to_datetime(frame[timestamp]).dt.strftime("%Y-%m-%d")
    for date, rows in frame.groupby(dates, sort=True):
        partition = folder / f"date={date}"
        partition.mkdir(parents=True, exist_ok=True)
        written.append(_write_file(partition, rows))
    return written


def _write_file(folder: Path, rows: pd.DataFrame) -> Path:
    name = f"part-{uuid.uuid4().hex}.parquet"
    temporary = folder / f".{name}.tmp"
    rows.to_parquet(temporary, index=False)
    temporary.rename(folder / name)
    return folder / name
