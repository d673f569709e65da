"""ETL / feature engineering: lake tables → feature views → the offline store."""

from __future__ import annotations

import duckdb

from ..entities import TABLES
from ..feature_store import OfflineStore
from ..features.definitions import DERIVED_SOURCES, VIEWS
from ..features.views import compile_view
from . import lake


def connect_lake(lake_folder) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection where every lake table and derived source is a view.

    A derived source is SQL over the lake tables, or, for what SQL says badly (embeddings,
    graph walks), a function of the connection that returns a DataFrame.
    """
    connection = duckdb.connect()
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
    return connection


def build_features(lake_folder, store: OfflineStore) -> dict[str, int]:
    """Compute every feature view from the lake into the offline store; rows per view."""
    written = {}
    with connect_lake(lake_folder) as connection:
        for view in VIEWS:
            with lake.readable(lake_folder, view.source):
                rows = connection.sql(compile_view(view)).df()
            store.write(view, rows)
            written[view.name] = len(rows)
    return written
