"""Ingest: raw tables → the data lake, from the sample generator or the team's own files.

Each table is checked against its schema in `entities.py` before anything is written; a
bad file stops the step with a message naming the table, the column and the rows, and
leaves the lake as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .. import sample_data
from ..config import Config, TableSource
from ..entities import TABLES
from ..errors import ConfigError, DataError
from ..schema import conform
from . import lake

READERS: dict[str, Callable[..., pd.DataFrame]] = {
    "parquet": pd.read_parquet,
    "csv": pd.read_csv,
}


def ingest(config: Config) -> dict[str, int]:
    """Load every raw table, check it, then write all of them; returns rows per table."""
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
    checked = {name: conform(raw[name], schema, origin[name]) for name, schema in TABLES.items()}
    for name, frame in checked.items():
        lake.replace_table(config.paths.lake, name, frame, TABLES[name].timestamp)
    return {name: len(frame) for name, frame in checked.items()}


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
        location = _resolve(source.path, config.root)
        origin[name] = location
        raw[name] = read_source(source, location).rename(columns=source.columns)
    return raw, origin


def read_source(source: TableSource, location: str) -> pd.DataFrame:
    """Read one table from a file, a folder of parquet files or an fsspec URL."""
    kind = source.format or _format_of(location)
    if kind not in READERS:
        raise ConfigError(
            f"{location}: unknown format {kind!r}; set `format:` to one of {', '.join(READERS)}"
        )
    try:
        return READERS[kind](location)
    except FileNotFoundError:
        raise DataError(f"{location}: no such file or folder") from None
    except ImportError as error:
        raise ConfigError(
            f"{location}: reading it needs an extra package ({error}); "
            "install the project with its cloud extra: pip install -e '.[cloud]'"
        ) from None
    except (ValueError, OSError, pd.errors.ParserError) as error:
        raise DataError(f"{location}: cannot be read as {kind}: {error}") from None


def _format_of(location: str) -> str:
    suffixes = Path(location.split("?")[0]).suffixes
    if ".csv" in suffixes:
        return "csv"
    return "parquet"  # parquet files and folders of them


def _resolve(path: str, root: Path) -> str:
    if "://" in path or Path(path).is_absolute():
        return path
    return str(root / path)
