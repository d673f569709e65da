"""Online tier: the latest feature values per entity in SQLite, one table per view.

Lookups are by primary key on a read-only connection; materialization fills a new table
and swaps it in within one transaction, so readers never see a half-written view.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import pandas as pd

from ..errors import NotReadyError
from ..features.views import FEATURE_TS, FeatureView

MAX_PARAMETERS = 900  # SQLite's limit on bound parameters is 999 in older builds


class SQLiteOnlineStore:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / "online.sqlite"
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()

    def materialize(self, view: FeatureView, latest: pd.DataFrame) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        columns = [view.entity, FEATURE_TS, *view.features]
        rows = latest[columns].astype({FEATURE_TS: str}).astype(object)
        rows = rows.where(rows.notna(), None)
        staging = f"{view.name}__staging"
        with closing(sqlite3.connect(self.path)) as connection, connection:
            connection.execute(f'DROP TABLE IF EXISTS "{staging}"')
            declared = ", ".join(f'"{column}"' for column in columns[1:])
            connection.execute(
                f'CREATE TABLE "{staging}" ("{view.entity}" TEXT PRIMARY KEY, {declared})'
            )
            placeholders = ", ".join("?" for _ in columns)
            connection.executemany(
                f'INSERT INTO "{staging}" VALUES ({placeholders})', rows.itertuples(index=False)
            )
            connection.execute(f'DROP TABLE IF EXISTS "{view.name}"')
            connection.execute(f'ALTER TABLE "{staging}" RENAME TO "{view.name}"')

    def get_online(self, view: FeatureView, entity_ids: Sequence[str]) -> pd.DataFrame:
        connection = self._reader()
        ids = list(dict.fromkeys(str(entity) for entity in entity_ids))
        names = [view.entity, FEATURE_TS, *view.features]
        found: list[tuple] = []
        for start in range(0, len(ids), MAX_PARAMETERS):
            chunk = ids[start : start + MAX_PARAMETERS]
            placeholders = ", ".join("?" for _ in chunk)
            try:
                cursor = connection.execute(
                    f'SELECT * FROM "{view.name}" WHERE "{view.entity}" IN ({placeholders})', chunk
                )
            except sqlite3.OperationalError:
                raise NotReadyError(
                    f"the online store has no view `{view.name}`; run `materialize` (or `run`)"
                ) from None
            found.extend(cursor.fetchall())
            names = [description[0] for description in cursor.description]
        frame = pd.DataFrame.from_records(found, columns=names).set_index(view.entity)
        return frame.drop(columns=FEATURE_TS)

    def all_rows(self, view: FeatureView) -> pd.DataFrame:
        """Every entity's values: small catalogs (items) are loaded whole at start-up."""
        try:
            return pd.read_sql_query(f'SELECT * FROM "{view.name}"', self._reader()).set_index(
                view.entity
            )
        except (sqlite3.OperationalError, pd.errors.DatabaseError):
            raise NotReadyError(f"the online store has no view `{view.name}`; run `run`") from None

    def close(self) -> None:
        """Close every reader this store opened, in any thread."""
        with self._readers_lock:
            for connection in self._readers:
                connection.close()
            self._readers.clear()
        self._local = threading.local()

    def __del__(self) -> None:
        self.close()

    def _reader(self) -> sqlite3.Connection:
        # One read-only connection per thread: the gateway serves from a thread pool.
        connection = getattr(self._local, "connection", None)
        if connection is None:
            if not self.path.is_file():
                raise NotReadyError(f"no online store at {self.path}; run `materialize` (or `run`)")
            uri = f"file:{self.path}?mode=ro"
            # check_same_thread=False only so that close() may run in another thread
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            with self._readers_lock:
                self._readers.append(connection)
            self._local.connection = connection
        return connection
