"""Offline runs are all or nothing: one step at a time per project, and a killed one leaves
nothing that a later step could take for a result.

Each step first takes the project's offline lock (a second step started meanwhile is
refused, not interleaved), then cleans what a killed step left: staging folders and
temporary files in the lake, the offline store and the registry. Each `run` (and each
`train` alone) has a run id, recorded in the metadata of every version it registers.
"""

from __future__ import annotations

import fcntl
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..config import Config
from ..errors import NotReadyError
from ..feature_store import ParquetOfflineStore
from ..models import model_registry
from . import lake

LOCK_NAME = ".offline-step.lock"


def new_run_id() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


@contextmanager
def exclusive(config: Config, echo: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's offline lock, after cleaning what an interrupted step left."""
    lock_path = Path(config.paths.lake).parent / LOCK_NAME
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "another process"
            raise NotReadyError(
                f"another offline step is running on this project ({holder}, lock "
                f"{lock_path}); wait for it to finish"
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()}")
        lock.flush()
        removed = clean_interrupted(config)
        if removed:
            echo(f"  removed {len(removed)} leftover(s) of an interrupted step")
        yield


def clean_interrupted(config: Config) -> list[Path]:
    """Staging folders and temporary files that a killed step left, removed."""
    return [
        *lake.clean_interrupted(config.paths.lake),
        *ParquetOfflineStore(config.paths.feature_store).clean_interrupted(),
        *model_registry(config).clean_interrupted(),
    ]
