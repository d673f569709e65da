"""Journal segments into the lake's prediction table, and small files into fewer.

Compaction runs off the request path (a background thread of the gateway, at its start
and stop, and before `monitor` reads the table). It is safe to run from several
processes at once and to kill at any moment:

- one compaction at a time, by a lock file;
- a segment still locked by its writer is left alone; a segment becomes one parquet file
  per day named after it, so compacting it twice writes the same file again, not twice;
- a day's small files are merged into one, recorded first in an intent file: after a
  crash the next compaction finishes the merge (or drops it) from that record, so no row
  is lost or counted twice.
"""

from __future__ import annotations

import fcntl
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..files import write_parquet_atomically, write_text_atomically
from .journal import SEGMENT_SUFFIX

TIMESTAMPS = ("logged_at", "event_ts")
SMALL_FILE_BYTES = 32 << 20
MAX_SMALL_FILES = 8  # per day; more are merged into one
PARTITION_COLUMN = "logged_at"


@dataclass(frozen=True)
class CompactionResult:
    segments: int = 0
    rows: int = 0
    rejected_lines: int = 0
    merged_files: int = 0


def compact(table: Path, journal: Path) -> CompactionResult:
    """Move every closed segment of `journal` into `table` (date=YYYY-MM-DD partitions)."""
    if not journal.is_dir() and not table.is_dir():
        return CompactionResult()
    table.mkdir(parents=True, exist_ok=True)
    with _exclusive(table / ".compaction.lock"):
        for partition in table.glob("date=*"):
            _finish_merges(partition)
        segments = rows = rejected = 0
        for segment in sorted(journal.glob(f"*{SEGMENT_SUFFIX}")) if journal.is_dir() else []:
            moved = _move_segment(segment, table, journal)
            if moved is not None:
                segments += 1
                rows += moved[0]
                rejected += moved[1]
        merged = sum(_merge_small_files(partition) for partition in sorted(table.glob("date=*")))
    return CompactionResult(segments, rows, rejected, merged)


def _move_segment(segment: Path, table: Path, journal: Path) -> tuple[int, int] | None:
    try:
        handle = segment.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # its writer is alive and still appending
        rows, bad = _read_lines(handle.read())
        if bad:
            rejected = journal / "rejected"
            rejected.mkdir(exist_ok=True)
            (rejected / segment.name).write_bytes(b"\n".join(bad) + b"\n")
        if rows:
            _write_days(_frame(rows), table, segment.stem)
        segment.unlink()
    return len(rows), len(bad)


def _read_lines(data: bytes) -> tuple[list[dict], list[bytes]]:
    rows, bad = [], []
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for line in lines:
        try:
            row = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError):
            bad.append(line)
            continue
        if isinstance(row, dict) and PARTITION_COLUMN in row:
            rows.append(row)
        else:
            bad.append(line)
    return rows, bad


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows)
    for column in TIMESTAMPS:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], errors="coerce", format="ISO8601")
    return frame


def _write_days(frame: pd.DataFrame, table: Path, name: str) -> None:
    days = frame[PARTITION_COLUMN].dt.strftime("%Y-%m-%d").fillna("unknown")
    for day, rows in frame.groupby(days, sort=True):
        partition = table / f"date={day}"
        partition.mkdir(parents=True, exist_ok=True)
        write_parquet_atomically(rows.reset_index(drop=True), partition / f"part-{name}.parquet")


def _merge_small_files(partition: Path) -> int:
    small = sorted(
        path for path in partition.glob("*.parquet") if path.stat().st_size < SMALL_FILE_BYTES
    )
    if len(small) <= MAX_SMALL_FILES:
        return 0
    merged = partition / f"merged-{uuid.uuid4().hex}.parquet"
    intent = partition / f".merge-{uuid.uuid4().hex}.json"
    write_text_atomically(
        intent, json.dumps({"output": merged.name, "inputs": [p.name for p in small]})
    )
    frames = [pd.read_parquet(path) for path in small]
    write_parquet_atomically(pd.concat(frames, ignore_index=True), merged)
    _finish_merge(partition, intent)
    return len(small)


def _finish_merges(partition: Path) -> None:
    for intent in partition.glob(".merge-*.json"):
        _finish_merge(partition, intent)
    for leftover in partition.glob(".*.tmp"):  # a write cut short; the lock says none is running
        leftover.unlink(missing_ok=True)


def _finish_merge(partition: Path, intent: Path) -> None:
    """The output is in place: drop its inputs. It is not: the merge never happened."""
    try:
        record = json.loads(intent.read_text())
    except (OSError, json.JSONDecodeError):
        record = {"output": "", "inputs": []}
    if record["output"] and (partition / record["output"]).is_file():
        for name in record["inputs"]:
            (partition / name).unlink(missing_ok=True)
    intent.unlink(missing_ok=True)


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
