"""ETL / feature engineering: lake tables → feature views → the offline store."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..bounded_sql import bounded_connection
from ..entities import TABLES
from ..feature_store import OfflineStore
from ..features.definitions import DERIVED_SOURCES, VIEWS
from ..features.views import compile_view
from . import lake


@contextmanager
def connect_lake(lake_folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection where every lake table and derived source is a view.

    A derived source is SQL over the lake tables, or, for what SQL says badly (embeddings,
    graph walks), a function of the connection that returns a DataFrame. The connection
    keeps within its memory limit and spills beside the lake (bounded_sql.py).
    """
    spill = Path(lake_folder) / f".features.staging-spill-{uuid.uuid4().hex}"
    with bounded_connection(spill) as connection:
        for table in TABLES:
            connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM {lake.scan_sql(lake_folder, table)}"
            )
        for name, source in DERIVED_SOURCES.items():
            if callable(source):
                with lake.readable(lake_folder, name):
                    connection.register(name, source(connection))
            else:
                connection.execute(f"CREATE VIEW {name} AS {source}")
        yield connection


def build_features(lake_folder: Path, store: OfflineStore) -> dict[str, int]:
    """Compute every feature view from the lake into the offline store, file to file
    (no view is held in memory whole); rows per view."""
    written = {}
    with connect_lake(lake_folder) as connection:
        for view in VIEWS:
            with lake.readable(lake_folder, view.source):
                written[view.name] = store.write_query(view, connection, compile_view(view))
    return written
