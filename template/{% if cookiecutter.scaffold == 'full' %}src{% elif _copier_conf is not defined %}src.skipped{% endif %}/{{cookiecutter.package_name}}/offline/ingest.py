"""Ingest: raw tables → the data lake, from the sample generator or the team's own files.

Each table is read as its `data.tables` entry says (CSV options, epoch units, boolean
words), checked against its schema in `entities.py` and against its parent tables
(references.py), chunk by chunk: a table larger than memory streams through, parents
first, so that a child's references meet every key of its parent. Checked chunks wait
beside the lake; only when every table has passed are they laid out and swapped in, so a
bad file stops the step with a message naming the table, the column and the rows, and
leaves the lake as it was. The report says which columns were left out and which rows
were dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa

from .. import sample_data
from ..config import SNAPSHOT, Config, TableSource
from ..entities import TABLES
from ..errors import ConfigError, DataError
from ..schema import TableSchema, check_columns, conform
from . import lake
from .references import KnownKeys, check_references, parents_first, refuse_all_dropped

FORMATS = ("csv", "parquet")
CHUNK_ROWS = 250_000  # rows checked and written at a time: memory stays flat as tables grow


@dataclass
class IngestReport:
    """What ingest wrote, and what it left out on the way."""

    rows: dict[str, int] = field(default_factory=dict)
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)
    dropped_rows: dict[str, int] = field(default_factory=dict)  # unknown references, by table
    # declared columns the data does not have, by table, left empty: any the sample
    # generator does not make, and a team file's missing columns declared nullable
    empty_columns: dict[str, list[str]] = field(default_factory=dict)
    renamed_columns: dict[str, dict[str, str]] = field(default_factory=dict)  # old -> new
    notes: list[str] = field(default_factory=list)


def ingest(config: Config, chunk_rows: int = CHUNK_ROWS) -> IngestReport:
    """Read, check and stage every raw table, then swap all of them into the lake."""
    if config.source == SNAPSHOT:
        from .snapshot_ingest import ingest_snapshot  # the tabular presets' shape only

        return ingest_snapshot(config)
    report = IngestReport()
    tables = {name: _IncomingTable(config, name) for name in TABLES}
    known = KnownKeys(TABLES)
    try:
        for name, chunk in _chunks(config, chunk_rows):
            tables[name].take(chunk, known, report)
        for table in tables.values():
            table.finish(report)
        for table in tables.values():
            table.staged.swap_in()
    finally:
        for table in tables.values():
            table.staged.discard()
    return report


class _IncomingTable:
    """One table on its way into the lake: checked chunk by chunk, staged, counted."""

    def __init__(self, config: Config, name: str) -> None:
        self.schema = TABLES[name]
        files = config.source == "files"
        self.options = config.tables.get(name) if files else None
        self.policy = self.options.unknown_references if self.options else "fail"
        self.origin = resolve(self.options.path, config.root) if self.options else "sample data"
        self.from_sample = not files
        self.staged = lake.StagedTable(
            config.paths.lake, name, self.schema.timestamp if self.schema.by_date else None
        )
        self.columns: TableSchema | None = None  # the schema as this source fills it
        self.empty: list[str] = []
        self.rows = self.dropped = 0

    def take(self, chunk: pd.DataFrame, known: KnownKeys, report: IngestReport) -> None:
        name = self.schema.name
        if self.columns is None:
            self._first_chunk(chunk, report)
        if self.empty:
            chunk = chunk.assign(**dict.fromkeys(self.empty, None))
        if chunk.empty:
            check_columns(chunk, self.columns, self.origin, f"data.tables.{name}")
            return
        first_row = self.rows + self.dropped + 1
        checked = conform(chunk, self.columns, self.origin, self.options, first_row=first_row)
        checked, dropped = check_references(checked, self.schema, self.origin, self.policy, known)
        known.add(name, checked)
        if len(checked):
            self.staged.add(checked)
        self.rows += len(checked)
        self.dropped += dropped

    def _first_chunk(self, chunk: pd.DataFrame, report: IngestReport) -> None:
        name, schema = self.schema.name, self.schema
        # A column declared after the sample generator was written, or a nullable one a
        # team's file lacks, arrives empty: its features then take their defaults.
        self.empty = [
            column.name
            for column in schema.columns
            if column.name not in chunk and (column.nullable or self.from_sample)
        ]
        if self.empty:
            report.empty_columns[name] = self.empty
        columns = tuple(
            replace(c, nullable=c.nullable or c.name in self.empty) for c in schema.columns
        )
        self.columns = replace(schema, columns=columns)
        ignored = [str(column) for column in chunk.columns if column not in schema.column_names]
        if ignored:
            report.ignored_columns[name] = ignored

    def finish(self, report: IngestReport) -> None:
        if self.rows == 0 and self.dropped:
            refuse_all_dropped(self.schema, self.origin)
        if self.rows == 0:
            raise DataError(f"{self.origin}: table `{self.schema.name}` has no rows")
        report.rows[self.schema.name] = self.rows
        if self.dropped:
            report.dropped_rows[self.schema.name] = self.dropped


def _chunks(config: Config, chunk_rows: int) -> Iterator[tuple[str, pd.DataFrame]]:
    """Every table's rows, a chunk at a time, each parent's rows before its children's."""
    order = parents_first(TABLES)
    if config.source == "files":
        _refuse_unmapped(config)
        for name in order:
            source = config.tables[name]
            location = resolve(source.path, config.root)
            for chunk in read_chunks(source, location, chunk_rows):
                yield name, chunk.rename(columns=source.columns)
        return
    for part in _sample_parts(config):
        for name in order:
            frame = part[name]
            for start in range(0, max(len(frame), 1), chunk_rows):
                yield name, frame.iloc[start : start + chunk_rows]


def _sample_parts(config: Config) -> Iterator[dict[str, pd.DataFrame]]:
    """The sample, whole or in parts: a generator that can make a large sample a block at a
    time (each block's children naming only its own or earlier parents) defines `parts`."""
    generate_parts = getattr(sample_data, "parts", None)
    try:
        if generate_parts is None:
            yield sample_data.generate(**config.sample)
        else:
            yield from generate_parts(**config.sample)
    except TypeError as error:
        raise ConfigError(
            f"data.sample in the config has a setting it cannot use: {error}"
        ) from None


def _refuse_unmapped(config: Config) -> None:
    missing = sorted(set(TABLES) - set(config.tables))
    if missing:
        raise ConfigError(
            f"data.source is `files` but data.tables has no entry for {', '.join(missing)}; "
            "give each table a `path:` in config/pipeline.yaml"
        )


def read_source(source: TableSource, location: str) -> pd.DataFrame:
    """Read one whole table from a file, a folder of parquet files or an fsspec URL."""
    return next(read_chunks(source, location, chunk_rows=None))


def read_chunks(
    source: TableSource, location: str, chunk_rows: int | None
) -> Iterator[pd.DataFrame]:
    """Read one table `chunk_rows` rows at a time (None: whole), from a file, a folder of
    parquet files or an fsspec URL (read whole)."""
    kind = source.format or _format_of(location)
    if kind not in FORMATS:
        raise ConfigError(
            f"{location}: unknown format {kind!r}; set `format:` to one of {', '.join(FORMATS)}"
        )
    _refuse_empty(location)
    chunks = (
        _read_csv(location, source, chunk_rows)
        if kind == "csv"
        else _read_parquet(location, chunk_rows)
    )
    first = True
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        except FileNotFoundError:
            raise DataError(f"{location}: no such file or folder") from None
        except pd.errors.EmptyDataError:
            raise DataError(f"{location}: the file is empty") from None
        except UnicodeDecodeError as error:
            raise DataError(
                f"{location}: is not {source.csv.encoding} text ({error.reason} at byte "
                f"{error.start}); set its `csv:` `encoding:`, e.g. latin-1 or cp1252"
            ) from None
        except ImportError as error:
            raise ConfigError(
                f"{location}: reading it needs an extra package ({error}); "
                "install the project with its cloud extra: pip install -e '.[cloud]'"
            ) from None
        except (ValueError, OSError, pd.errors.ParserError, pa.ArrowException) as error:
            raise DataError(f"{location}: cannot be read as {kind}: {error}") from None
        if first and chunk.columns.empty:
            raise DataError(f"{location}: the table is empty (no columns)")
        first = False
        yield chunk


def _read_csv(location: str, source: TableSource, chunk_rows: int | None) -> Iterator[pd.DataFrame]:
    options = source.csv
    names = list(options.names) if options.names else None
    read = pd.read_csv(
        location,
        sep=options.separator,
        header=0 if options.header else None,
        names=names,
        encoding=options.encoding,
        quotechar=options.quote_char,
        dtype=str,  # every value as written: the schema casts each column to its kind
        chunksize=chunk_rows,
    )
    if chunk_rows is None:
        yield read
        return
    with read:
        yield from read


def _read_parquet(location: str, chunk_rows: int | None) -> Iterator[pd.DataFrame]:
    if chunk_rows is None or "://" in location:  # a URL goes through fsspec, whole
        yield pd.read_parquet(location)
        return
    import pyarrow.dataset as arrow_dataset

    files = arrow_dataset.dataset(location, format="parquet")
    batches = files.to_batches(batch_size=chunk_rows)
    empty = True
    for batch in batches:
        empty = False
        yield batch.to_pandas()
    if empty:
        yield files.schema.empty_table().to_pandas()


def _refuse_empty(location: str) -> None:
    if "://" in location:
        return
    path = Path(location)
    if path.is_dir() and not any(not entry.name.startswith((".", "_")) for entry in path.iterdir()):
        raise DataError(f"{location}: the folder is empty; put the table's parquet files in it")
    if path.is_file() and path.stat().st_size == 0:
        raise DataError(f"{location}: the file is empty")


def _format_of(location: str) -> str:
    suffixes = Path(location.split("?")[0]).suffixes
    if ".csv" in suffixes:
        return "csv"
    return "parquet"  # parquet files and folders of them


def resolve(path: str, root: Path) -> str:
    if "://" in path or Path(path).is_absolute():
        return path
    return str(root / path)
