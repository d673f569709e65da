"""The doc's capacity figures, from what this machine measured: the requests per second
one gateway replica serves (`make bench`), the bytes a logged prediction or a batch score
takes in the lake and a stored row takes in the online tier (once `make demo` has run). A
project without a gateway (no `serving.target_qps`) has no replica or log figures; one
without batch scoring (no `serving.batch_chunk`) no batch figure.

They change with the machine and the data, so `design check` never calls them
inconsistent: it says whether they have been measured; `design sync` writes them again.
"""

from __future__ import annotations

import json
import math
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..config import Config

# Plan a replica at half the throughput it saturates at: the peak must hold with one
# replica down and a burst on top. At least two replicas, so that one can fail.
UTILIZATION = 0.5
MINIMUM_REPLICAS = 2
SECONDS_PER_DAY = 86_400
NOT_MEASURED = "not measured yet"


@dataclass(frozen=True)
class Measured:
    throughput: float | None  # requests/s of one replica at saturation
    bytes_per_prediction: float | None  # in the lake's prediction log (parquet)
    bytes_per_row: float | None  # of the online tier (SQLite), per entity and view
    views: int | None
    bytes_per_batch_row: float | None = None  # in the lake's batch scores (parquet)


def measure(config: Config) -> Measured:
    return Measured(
        _throughput(config.paths.reports / "benchmarks.json"),
        _bytes_per_row_of(config.paths.lake / "predictions", "date=*/*.parquet"),
        *_online_rows(config.paths.feature_store / "online.sqlite"),
        _bytes_per_row_of(config.paths.lake / "batch_scores", "run=*/part-*[0-9].parquet"),
    )


def _throughput(path: Path) -> float | None:
    try:
        value = json.loads(path.read_text())["serving"]["median"]["service"]["throughput"]
        return float(value) if float(value) > 0 else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _bytes_per_row_of(folder: Path, pattern: str) -> float | None:
    files = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if not files:
        return None
    import pyarrow.parquet as parquet  # only once there is a log to read

    rows = size = 0
    for file in files:
        try:
            rows += parquet.read_metadata(file).num_rows
            size += file.stat().st_size
        except (OSError, ValueError):
            continue  # a file being compacted away; the others tell
    return size / rows if rows else None


def _online_rows(path: Path) -> tuple[float | None, int | None]:
    if not path.is_file():
        return None, None
    try:
        uri = f"file:{path}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            tables = [
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
                if not name.startswith("_")
            ]
            rows = sum(
                connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                for name in tables
            )
    except sqlite3.Error:
        return None, None
    size = sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*") if p.is_file())
    return (size / rows if rows else None), len(tables)


def render(config: Config, measured: Measured) -> str:
    rows = ["| figure | value | measured from |", "|---|---|---|"]
    if "target_qps" in config.serving:
        rows += _gateway_rows(config.serving["target_qps"], measured)
    if "batch_chunk" in config.serving:
        if measured.bytes_per_batch_row is None:
            rows.append(f"| batch scores | {NOT_MEASURED}: `make demo` | |")
        else:
            per_million = 1_000_000 * measured.bytes_per_batch_row
            rows.append(
                f"| batch scores, per million rows written | {_size(per_million)} "
                f"({measured.bytes_per_batch_row:,.0f} bytes per row) | data/lake/batch_scores |"
            )
    if measured.bytes_per_row is None or not measured.views:
        rows.append(f"| online store | {NOT_MEASURED}: `make demo` | |")
    else:
        million = 1_000_000 * measured.bytes_per_row * measured.views
        rows.append(
            f"| online store, per million entities in each of its {measured.views} views | "
            f"{_size(million)} ({measured.bytes_per_row:,.0f} bytes per row) | "
            "the online tier's SQLite file |"
        )
    return "\n".join(rows)


def _gateway_rows(qps: object, measured: Measured) -> list[str]:
    """One replica's throughput, the replicas the peak needs and the prediction log's size."""
    rows = []
    if measured.throughput is None:
        rows.append(f"| one replica, at saturation | {NOT_MEASURED}: `make bench` | |")
    else:
        rows.append(
            f"| one replica, at saturation | {measured.throughput:,.0f} requests/s "
            f"| reports/benchmarks.json |"
        )
        if isinstance(qps, int | float):
            needed = math.ceil(qps / (measured.throughput * UTILIZATION))
            rows.append(
                f"| replicas for the peak of `serving.target_qps: {qps}` | "
                f"{max(MINIMUM_REPLICAS, needed)} (each at most "
                f"{UTILIZATION:.0%} busy, never fewer than {MINIMUM_REPLICAS}) | |"
            )
    if measured.bytes_per_prediction is None:
        rows.append(f"| prediction log per day | {NOT_MEASURED}: `make demo` | |")
    elif isinstance(qps, int | float):
        per_day = qps * SECONDS_PER_DAY * measured.bytes_per_prediction
        rows.append(
            f"| prediction log per day, at the peak all day | {_size(per_day)} "
            f"({measured.bytes_per_prediction:,.0f} bytes per prediction) | data/lake/predictions |"
        )
    return rows


def _size(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000:
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1000
    return f"{size:,.1f} TB"
