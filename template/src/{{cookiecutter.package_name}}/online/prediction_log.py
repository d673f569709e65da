"""Every prediction is logged back to the lake, so the next offline run can join outcomes.

Rows are buffered in memory and written as one parquet file per flush: on a full buffer,
every few seconds, and when the gateway stops.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd

from ..offline import lake

TABLE = "predictions"
LOGGED_AT = "logged_at"


class PredictionLog:
    def __init__(self, lake_folder: Path, max_rows: int = 500, max_seconds: float = 5.0) -> None:
        self.lake_folder = lake_folder
        self.max_rows = max_rows
        self.max_seconds = max_seconds
        self._rows: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._last_flush = time.monotonic()

    def record(self, rows: list[dict[str, Any]]) -> None:
        with self._lock:
            self._rows.extend(rows)
            due = len(self._rows) >= self.max_rows
            due = due or time.monotonic() - self._last_flush >= self.max_seconds
        if due:
            self.flush()

    def flush(self) -> int:
        with self._lock:
            rows, self._rows = self._rows, []
            self._last_flush = time.monotonic()
        if rows:
            lake.append_rows(self.lake_folder, TABLE, pd.DataFrame(rows), LOGGED_AT)
        return len(rows)


def read_predictions(lake_folder: Path) -> pd.DataFrame:
    return lake.read_table(lake_folder, TABLE)
