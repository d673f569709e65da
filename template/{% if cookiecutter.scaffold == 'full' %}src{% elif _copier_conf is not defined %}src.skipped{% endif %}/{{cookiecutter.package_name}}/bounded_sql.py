"""DuckDB as the offline loop opens it to write big results: within a memory limit, spilling
to a folder of its own beside what it writes, which is removed afterwards.

Reading a lake or a store into pandas needs no limit (the result is in memory anyway);
what streams from files to files (laying out the lake, computing the feature views) does.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

MEMORY_LIMIT_ENV = "DUCKDB_MEMORY_LIMIT"
# measured at 10M events: as fast as 1 GB, and with pandas beside it a step stays near 1 GB
DEFAULT_MEMORY_LIMIT = "512MB"


@contextmanager
def bounded_connection(spill: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that spills past its memory limit into the folder `spill` (named by the
    caller as its own temporary files are, so that a killed step's leftovers are cleaned
    with the rest), removed when the connection closes."""
    settings = {
        "memory_limit": os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT),
        "temp_directory": str(spill),
        "preserve_insertion_order": False,  # lets a COPY stream instead of buffering
    }
    connection = duckdb.connect(config=settings)
    try:
        yield connection
    finally:
        connection.close()
        shutil.rmtree(spill, ignore_errors=True)


def quoted_path(path: Path | str) -> str:
    """`path` as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"
