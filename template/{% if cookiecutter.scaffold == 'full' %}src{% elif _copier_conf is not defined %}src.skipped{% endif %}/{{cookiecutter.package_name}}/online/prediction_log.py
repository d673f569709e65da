"""Every served prediction is logged back to the lake, so the next offline run can join outcomes.

A response is sent only after its rows are in the journal (journal.py) and fsynced. Closed
journal segments are compacted into the lake's `predictions` table (compaction.py): at
start-up (which is how the rows of a process that was killed reach the lake), at stop,
and while serving in a low-priority child process, so that parsing and writing parquet
never holds the gateway's interpreter lock while requests wait.

    python -m <package>.online.prediction_log <lake folder>   # compact once
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pandas as pd

from ..offline import lake
from .compaction import CompactionResult, compact
from .journal import Journal

LOG = logging.getLogger(__name__)
TABLE = "predictions"
LOGGED_AT = "logged_at"
COMPACT_EVERY_SECONDS = 30.0


def journal_folder(lake_folder: Path) -> Path:
    return lake.table_path(lake_folder, TABLE) / "_journal"


def compact_predictions(lake_folder: Path) -> CompactionResult:
    """Move every closed journal segment into the lake table (safe while serving)."""
    return compact(lake.table_path(lake_folder, TABLE), journal_folder(lake_folder))


class PredictionLog:
    def __init__(self, lake_folder: Path, segment_seconds: float = 60.0) -> None:
        self.lake_folder = lake_folder
        self.journal = Journal(
            journal_folder(lake_folder), segment_seconds=segment_seconds, on_closed=self._wake
        )
        self._due = threading.Event()
        self._stopping = threading.Event()
        self._compactor: threading.Thread | None = None

    def open(self) -> None:
        compact_predictions(self.lake_folder)  # what a process that died left behind
        self.journal.open()
        self._stopping.clear()
        self._compactor = threading.Thread(
            target=self._compact_forever, name="compaction", daemon=True
        )
        self._compactor.start()

    def write(self, rows: list[dict[str, Any]]) -> int:
        """Write `rows` to the journal now; returns the ticket that `durable` waits on."""
        return self.journal.append(rows)

    async def durable(self, ticket: int) -> None:
        """Returns once the rows of `ticket` are fsynced."""
        await self.journal.durable(ticket)

    async def record(self, rows: list[dict[str, Any]]) -> None:
        """Log `rows`; returns once they are on disk."""
        await self.durable(self.write(rows))

    def record_now(self, rows: list[dict[str, Any]]) -> None:
        """The same, for a caller outside the event loop."""
        self.journal.wait_durable(self.journal.append(rows))

    def close(self) -> None:
        self.journal.close()
        self._stopping.set()
        self._due.set()
        if self._compactor is not None:
            self._compactor.join()
        compact_predictions(self.lake_folder)

    def _wake(self) -> None:
        self._due.set()

    def _compact_forever(self) -> None:
        while not self._stopping.is_set():
            self._due.wait(COMPACT_EVERY_SECONDS)
            self._due.clear()
            if not self._stopping.is_set():
                compact_in_child(self.lake_folder)


def compact_in_child(lake_folder: Path) -> None:
    """Compact in a child process, so that the gateway's requests never wait for it."""
    command = [sys.executable, "-m", __name__, str(lake_folder)]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:  # the next compaction (or the next start) tries again
        LOG.warning("compacting the prediction journal failed: %s", finished.stderr[-2000:])


def main() -> None:
    os.nice(10)  # below the gateway: it yields the processor to requests
    compact_predictions(Path(sys.argv[1]))


if __name__ == "__main__":
    main()


def read_predictions(lake_folder: Path) -> pd.DataFrame:
    return lake.read_table(lake_folder, TABLE)
