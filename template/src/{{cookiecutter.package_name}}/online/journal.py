"""The prediction journal: every served prediction is on disk before its response is sent.

Each serving process appends JSON lines to a segment file of its own, holding an
exclusive lock on it while it writes. `append` writes a request's rows in one system
call, so a process killed at any moment leaves whole lines behind; a background thread
fsyncs in groups (every request waiting at the time shares one fsync), and a response
waits for the fsync that covers its rows. Segments roll over by age and size; a closed
segment, or one whose writer died (its lock is free), is what compaction moves into the
lake (compaction.py).
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import NotReadyError

SEGMENT_SUFFIX = ".jsonl"


class LogUnavailable(NotReadyError):
    """The journal cannot be written (disk full, read-only): nothing can be served durably."""


def encode(rows: list[dict[str, Any]]) -> bytes:
    return "".join(
        json.dumps(row, default=_plain, separators=(",", ":")) + "\n" for row in rows
    ).encode()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[us]"))
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    raise TypeError(f"cannot log a {type(value).__name__}")


class Segment:
    """One open journal file, locked by this process for as long as it writes to it."""

    def __init__(self, folder: Path) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        name = f"{stamp}-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.path = folder / f"{name}{SEGMENT_SUFFIX}"
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.opened = time.monotonic()
        self.size = 0

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:  # a regular file takes it whole; the loop only guards a short write
            view = view[os.write(self.fd, view) :]
        self.size += len(data)

    def close(self) -> None:
        os.fsync(self.fd)
        os.close(self.fd)  # closing releases the lock: compaction may take the file now


class Journal:
    def __init__(
        self,
        folder: Path,
        segment_seconds: float = 60.0,
        segment_bytes: int = 64 << 20,
        on_closed: Callable[[], None] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.segment_seconds = segment_seconds
        self.segment_bytes = segment_bytes
        self.on_closed = on_closed
        self._lock = threading.Condition()
        self._segment: Segment | None = None
        self._retiring: list[Segment] = []
        self._written = 0  # tickets handed out
        self._synced = 0  # every ticket up to this one is fsynced
        self._waiters: list[tuple[int, Callable[[], None]]] = []
        self._stopping = False
        self._syncer: threading.Thread | None = None
        self.failure: str | None = None

    def open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._segment = Segment(self.folder)
            self._stopping = False
        self._syncer = threading.Thread(
            target=self._sync_forever, name="journal-fsync", daemon=True
        )
        self._syncer.start()

    def append(self, rows: list[dict[str, Any]]) -> int:
        """Write `rows` now (they survive the process being killed); returns the ticket to
        wait on for them to be fsynced too."""
        data = encode(rows)
        with self._lock:
            segment = self._segment
            if segment is None:
                raise RuntimeError("the prediction journal is not open")
            if segment.size and (
                segment.size + len(data) > self.segment_bytes
                or time.monotonic() - segment.opened > self.segment_seconds
            ):
                self._retiring.append(segment)
                segment = self._segment = Segment(self.folder)
            try:
                segment.write(data)
            except OSError as error:
                raise LogUnavailable(
                    f"the prediction journal cannot be written ({error})"
                ) from None
            self._written += 1
            self._lock.notify()
            return self._written

    async def durable(self, ticket: int) -> None:
        """Wait, without blocking the event loop, until `ticket` is fsynced."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()

        def done() -> None:
            loop.call_soon_threadsafe(_resolve, future)

        self._wait(ticket, done)
        await future
        self._raise_failure()

    def wait_durable(self, ticket: int, timeout: float = 10.0) -> None:
        """The same for a caller outside the event loop."""
        event = threading.Event()
        self._wait(ticket, event.set)
        if not event.wait(timeout):
            raise LogUnavailable("the prediction journal did not fsync within 10 s")
        self._raise_failure()

    def _raise_failure(self) -> None:
        if self.failure:
            raise LogUnavailable(f"the prediction journal cannot be synced ({self.failure})")

    def close(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify()
        if self._syncer is not None:
            self._syncer.join()
        with self._lock:
            segments = [*self._retiring, *([self._segment] if self._segment else [])]
            self._retiring, self._segment = [], None
        for segment in segments:
            segment.close()
        if segments and self.on_closed:
            self.on_closed()

    @property
    def active(self) -> Path | None:
        segment = self._segment
        return segment.path if segment else None

    def _wait(self, ticket: int, done: Callable[[], None]) -> None:
        with self._lock:
            if ticket <= self._synced:
                done()
            else:
                self._waiters.append((ticket, done))

    def _sync_forever(self) -> None:
        while True:
            with self._lock:
                while self._written == self._synced and not self._stopping:
                    self._lock.wait()
                target = self._written
                retiring, self._retiring = self._retiring, []
                current = self._segment
                stopping = self._stopping
            try:
                for segment in retiring:
                    segment.close()
                if current is not None:
                    os.fsync(current.fd)
            except OSError as error:
                self.failure = str(error)
            with self._lock:
                self._synced = max(self._synced, target)
                ready = [done for ticket, done in self._waiters if ticket <= self._synced]
                self._waiters = [(t, d) for t, d in self._waiters if t > self._synced]
            for done in ready:
                done()
            if retiring and self.on_closed:
                self.on_closed()
            if stopping:
                return


def _resolve(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)
