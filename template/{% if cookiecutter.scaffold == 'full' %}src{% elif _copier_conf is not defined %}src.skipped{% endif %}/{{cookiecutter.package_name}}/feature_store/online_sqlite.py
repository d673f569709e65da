"""Online tier: the latest feature values per entity in SQLite, one table per view.

Lookups are primary-key selects on a read-only connection, returned as plain tuples (no
DataFrame on the request path). Materialization fills a new table and swaps it in within
one transaction, in WAL mode, so readers never wait and never see a half-written view;
each swap records a new generation, which the gateway watches to rebuild what it derived
from the store. Every SQLite failure (missing file, a file that is not a database, a
missing table or column, a value of the wrong type) becomes a StoreUnavailable naming the
store and the fix, at this boundary.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

import pandas as pd

from ..errors import StoreUnavailable
from ..features.views import FEATURE_TS, FeatureView
from .kinds import NUMBER, REBUILD, TEXT, declared_for, kind_of

MAX_PARAMETERS = 900  # SQLite's limit on bound parameters is 999 in older builds
META = "_meta"


class SQLiteOnlineStore:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / "online.sqlite"
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._kinds: dict[str, dict[str, str]] = {}
        self._generation: str | None = None
        self._queries: dict[tuple[str, int], str] = {}
        self._file_inode: int | None = None
        self._file_epoch = 0

    def materialize(self, view: FeatureView, latest: pd.DataFrame) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        columns = [view.entity, FEATURE_TS, *view.features]
        kinds = {name: kind_of(latest[name]) for name in view.features}
        rows = latest[columns].astype({view.entity: str, FEATURE_TS: str}).astype(object)
        rows = rows.where(rows.notna(), None)
        staging = f"{view.name}__staging"
        declared = ", ".join(
            f'"{name}" {"REAL" if kinds[name] == NUMBER else "TEXT"}' for name in view.features
        )
        with closing(sqlite3.connect(self.path)) as connection, connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f'DROP TABLE IF EXISTS "{staging}"')
            connection.execute(
                f'CREATE TABLE "{staging}" ("{view.entity}" TEXT PRIMARY KEY, '
                f'"{FEATURE_TS}" TEXT{", " + declared if declared else ""})'
            )
            placeholders = ", ".join("?" for _ in columns)
            connection.executemany(
                f'INSERT INTO "{staging}" VALUES ({placeholders})', rows.itertuples(index=False)
            )
            connection.execute(f'DROP TABLE IF EXISTS "{view.name}"')
            connection.execute(f'ALTER TABLE "{staging}" RENAME TO "{view.name}"')
            connection.execute(f'CREATE TABLE IF NOT EXISTS "{META}" (key TEXT PRIMARY KEY, value)')
            connection.execute(
                f'INSERT OR REPLACE INTO "{META}" VALUES (?, ?)', ("generation", uuid.uuid4().hex)
            )

    def get_online(self, view: FeatureView, entity_ids: Sequence[str]) -> dict[str, tuple]:
        """Each stored id's row: the id, then its values in `view.features` order."""
        ids = list(dict.fromkeys(entity_ids)) if len(entity_ids) > 1 else list(entity_ids)
        if not ids:
            return {}
        try:  # inline rather than `with self._reading()`: this is the request path
            connection = self._reader()
            if len(ids) <= MAX_PARAMETERS:
                cursor = connection.execute(self._select(view, len(ids)), ids)
                return {row[0]: row for row in cursor}
            found: dict[str, tuple] = {}
            for start in range(0, len(ids), MAX_PARAMETERS):
                chunk = ids[start : start + MAX_PARAMETERS]
                cursor = connection.execute(self._select(view, len(chunk)), chunk)
                found.update({row[0]: row for row in cursor})
            return found
        except sqlite3.Error as error:
            self._drop_reader()
            raise StoreUnavailable(self._explain(error, view)) from None

    def _select(self, view: FeatureView, count: int) -> str:
        key = (view.name, count)
        if key not in self._queries:
            selected = ", ".join(f'"{name}"' for name in (view.entity, *view.features))
            condition = "= ?" if count == 1 else f"IN ({', '.join('?' * count)})"
            self._queries[key] = (
                f'SELECT {selected} FROM "{view.name}" WHERE "{view.entity}" {condition}'
            )
        return self._queries[key]

    def kinds(self, view: FeatureView) -> dict[str, str]:
        """`number` or `text` per feature, as materialization declared the columns; kept
        until `generation()` sees the store change."""
        cache = self._kinds
        key = view.name
        if key not in cache:
            with self._reading(view):
                declared = {
                    row[1]: row[2]
                    for row in self._reader().execute(f'PRAGMA table_info("{view.name}")')
                }
            if not declared:
                raise StoreUnavailable(f"the online store has no view `{view.name}`; {REBUILD}")
            cache[key] = {
                name: NUMBER if column.upper() in ("REAL", "") else TEXT
                for name, column in declared_for(view, declared).items()
            }
        return cache[key]

    def generation(self) -> str:
        """Changes with every materialization: what the gateway derived may be stale."""
        self._notice_replaced_file()
        with self._reading(None):
            try:
                row = (
                    self._reader()
                    .execute(f'SELECT value FROM "{META}" WHERE key = ?', ("generation",))
                    .fetchone()
                )
            except sqlite3.OperationalError as error:
                if "no such table" not in str(error):
                    raise
                row = None
        generation = str(row[0]) if row else ""
        if generation != self._generation:
            self._generation, self._kinds = generation, {}
        return generation

    def sample_ids(self, view: FeatureView, count: int) -> list[str]:
        """Up to `count` stored ids of `view`, the same ones every time."""
        with self._reading(view):
            cursor = self._reader().execute(
                f'SELECT "{view.entity}" FROM "{view.name}" ORDER BY "{view.entity}" LIMIT ?',
                (count,),
            )
            return [str(row[0]) for row in cursor]

    def all_rows(self, view: FeatureView) -> pd.DataFrame:
        """Every entity's values: small catalogs (items) are loaded whole at start-up."""
        with self._reading(view):
            cursor = self._reader().execute(f'SELECT * FROM "{view.name}"')
            names = [description[0] for description in cursor.description]
            frame = pd.DataFrame.from_records(cursor.fetchall(), columns=names)
        return frame.set_index(view.entity)

    def close(self) -> None:
        """Close every reader this store opened, in any thread."""
        with self._readers_lock:
            for connection in self._readers:
                connection.close()
            self._readers.clear()
        self._local = threading.local()

    def __del__(self) -> None:
        self.close()

    @contextmanager
    def _reading(self, view: FeatureView | None) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            self._drop_reader()  # the file may be rebuilt by the next read: reconnect then
            raise StoreUnavailable(self._explain(error, view)) from None

    def _explain(self, error: sqlite3.Error, view: FeatureView | None) -> str:
        message = str(error)
        if view is not None and "no such table" in message:
            return f"the online store has no view `{view.name}`; {REBUILD}"
        if view is not None and "no such column" in message:
            return f"view `{view.name}` in the online store lacks a column ({message}); {REBUILD}"
        return f"the online store at {self.path} cannot be read ({message}); {REBUILD}"

    def _reader(self) -> sqlite3.Connection:
        # One read-only connection per thread: the watcher reads while requests do. Each
        # generation() call (the gateway's watcher makes one every few seconds) notices a
        # store file replaced on disk, and readers then reconnect.
        held = getattr(self._local, "connection", None)
        if held is not None and held[1] == self._file_epoch:
            return held[0]
        if held is not None:
            self._drop_reader()
        if not self.path.is_file():
            raise StoreUnavailable(f"no online store at {self.path}; build it with `materialize`")
        uri = f"file:{self.path}?mode=ro"
        # check_same_thread=False only so that close() may run in another thread
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        with self._readers_lock:
            self._readers.append(connection)
        self._local.connection = (connection, self._file_epoch)
        return connection

    def _drop_reader(self) -> None:
        """Forget this thread's connection: the next read opens the file again."""
        held = getattr(self._local, "connection", None)
        self._local.connection = None
        if held is not None:
            with self._readers_lock:
                if held[0] in self._readers:
                    self._readers.remove(held[0])
            held[0].close()

    def _notice_replaced_file(self) -> None:
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError:
            inode = None
        if inode != self._file_inode:
            self._file_inode = inode
            self._file_epoch += 1
