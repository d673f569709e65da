"""Ingest: raw tables → the data lake, from the sample generator or the team's own files.

Each table is read as its `data.tables` entry says (CSV options, epoch units, boolean
words), checked against its schema in `entities.py` and against its parent tables
(references.py) before anything is written; a bad file stops the step with a message
naming the table, the column and the rows, and leaves the lake as it was. The report says
which columns were left out and which rows were dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .. import sample_data
from ..config import SNAPSHOT, Config, TableSource
from ..entities import TABLES
from ..errors import ConfigError, DataError
from ..schema import conform
from . import lake
from .references import check_references, parents_first

FORMATS = ("csv", "parquet")


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


def ingest(config: Config) -> IngestReport:
    """Load every raw table, check it, then write all of them."""
    if config.source == SNAPSHOT:
        from .snapshot_ingest import ingest_snapshot  # the tabular presets' shape only

        return ingest_snapshot(config)
    report = IngestReport()
    if config.source == "sample":
        try:
            raw = sample_data.generate(**config.sample)
        except TypeError as error:
            raise ConfigError(
                f"data.sample in the config has a setting it cannot use: {error}"
            ) from None
        origin = {name: "sample data" for name in raw}
    else:
        raw, origin = _read_team_tables(config)
    checked = {}
    for name, schema in TABLES.items():
        options = config.tables.get(name) if config.source == "files" else None
        # A column declared after the sample generator was written, or a nullable one a
        # team's file lacks, arrives empty: its features then take their defaults.
        empty = [
            column.name
            for column in schema.columns
            if column.name not in raw[name] and (column.nullable or config.source == "sample")
        ]
        if empty:
            raw[name] = raw[name].assign(**dict.fromkeys(empty, None))
            report.empty_columns[name] = empty
        columns = tuple(replace(c, nullable=c.nullable or c.name in empty) for c in schema.columns)
        checked[name] = conform(raw[name], replace(schema, columns=columns), origin[name], options)
        ignored = [str(column) for column in raw[name].columns if column not in schema.column_names]
        if ignored:
            report.ignored_columns[name] = ignored
    for name in parents_first(TABLES):
        policy = config.tables[name].unknown_references if config.source == "files" else "fail"
        checked[name], dropped = check_references(checked, TABLES[name], origin[name], policy)
        if dropped:
            report.dropped_rows[name] = dropped
    for name, frame in checked.items():
        by_date = TABLES[name].timestamp if TABLES[name].by_date else None
        lake.replace_table(config.paths.lake, name, frame, by_date)
    report.rows = {name: len(frame) for name, frame in checked.items()}
    return report


def _read_team_tables(config: Config) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    missing = sorted(set(TABLES) - set(config.tables))
    if missing:
        raise ConfigError(
            f"data.source is `files` but data.tables has no entry for {', '.join(missing)}; "
            "give each table a `path:` in config/pipeline.yaml"
        )
    raw, origin = {}, {}
    for name in TABLES:
        source = config.tables[name]
        location = resolve(source.path, config.root)
        origin[name] = location
        raw[name] = read_source(source, location).rename(columns=source.columns)
    return raw, origin


def read_source(source: TableSource, location: str) -> pd.DataFrame:
    """Read one table from a file, a folder of parquet files or an fsspec URL."""
    kind = source.format or _format_of(location)
    if kind not in FORMATS:
        raise ConfigError(
            f"{location}: unknown format {kind!r}; set `format:` to one of {', '.join(FORMATS)}"
        )
    _refuse_empty(location)
    try:
        frame = _read_csv(location, source) if kind == "csv" else pd.read_parquet(location)
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
    except (ValueError, OSError, pd.errors.ParserError) as error:
        raise DataError(f"{location}: cannot be read as {kind}: {error}") from None
    if frame.columns.empty:
        raise DataError(f"{location}: the table is empty (no columns)")
    return frame


def _read_csv(location: str, source: TableSource) -> pd.DataFrame:
    options = source.csv
    names = list(options.names) if options.names else None
    return pd.read_csv(
        location,
        sep=options.separator,
        header=0 if options.header else None,
        names=names,
        encoding=options.encoding,
        quotechar=options.quote_char,
        dtype=str,  # every value as written: the schema casts each column to its kind
    )


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
