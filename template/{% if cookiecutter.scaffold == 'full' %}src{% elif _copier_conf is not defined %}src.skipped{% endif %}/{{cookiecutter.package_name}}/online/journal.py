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
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from ..errors import NotReadyError

SEGMENT_SUFFIX = ".jsonl"
JSON_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_APPEND_NEWLINE


class LogUnavailable(NotReadyError):
    """The journal cannot be written (disk full, read-only): nothing can be served durably."""


def encode(rows: list[dict[str, Any]]) -> bytes:
    """One JSON line per row; numpy values and timestamps as JSON numbers and ISO text."""
    return b"".join(orjson.dumps(row, default=_plain, option=JSON_OPTIONS) for row in rows)


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):  # a pandas Timestamp
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
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
        self._waiters: list[tuple[int, asyncio.Future | threading.Event]] = []
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
        future = asyncio.get_running_loop().create_future()
        if self._wait(ticket, future):
            await future
        self._raise_failure()

    def wait_durable(self, ticket: int, timeout: float = 10.0) -> None:
        """The same for a caller outside the event loop."""
        event = threading.Event()
        if self._wait(ticket, event) and not event.wait(timeout):
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

    def _wait(self, ticket: int, waiter: asyncio.Future | threading.Event) -> bool:
        """Register `waiter` for `ticket`; False when the ticket is fsynced already."""
        with self._lock:
            if ticket <= self._synced:
                return False
            self._waiters.append((ticket, waiter))
            return True

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
                ready = [waiter for ticket, waiter in self._waiters if ticket <= self._synced]
                self._waiters = [(t, w) for t, w in self._waiters if t > self._synced]
            _wake(ready)
            if retiring and self.on_closed:
                self.on_closed()
            if stopping:
                return


def _wake(waiters: list[asyncio.Future | threading.Event]) -> None:
    """Set every waiter, with one wake-up per event loop rather than one per request."""
    by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future]] = {}
    for waiter in waiters:
        if isinstance(waiter, threading.Event):
            waiter.set()
        else:
            by_loop.setdefault(waiter.get_loop(), []).append(waiter)
    for loop, futures in by_loop.items():
        if not loop.is_closed():
            loop.call_soon_threadsafe(_resolve, futures)


def _resolve(futures: list[asyncio.Future]) -> None:
    for future in futures:
        if not future.done():
            future.set_result(None)
