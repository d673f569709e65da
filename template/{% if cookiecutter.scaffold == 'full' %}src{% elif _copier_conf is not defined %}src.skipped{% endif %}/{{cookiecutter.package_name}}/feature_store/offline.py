"""Offline tier: one parquet file per feature view, joined point-in-time with DuckDB."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from ..bounded_sql import bounded_connection, quoted_path
from ..errors import DataError, NotReadyError, first_line
from ..features.views import FEATURE_TS, FeatureView

EVENT_TS = "event_ts"


class ParquetOfflineStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder) / "offline"

    def path(self, view: FeatureView) -> Path:
        return self.folder / f"{view.name}.parquet"

    def write(self, view: FeatureView, rows: pd.DataFrame) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{view.name}.{uuid.uuid4().hex}.tmp"
        rows.to_parquet(temporary, index=False)
        temporary.replace(self.path(view))

    def write_query(
        self, view: FeatureView, connection: duckdb.DuckDBPyConnection, sql: str
    ) -> int:
        """Replace the view's offline table with the rows of `sql`, streamed by DuckDB from
        its sources to the file; returns how many rows it wrote."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{view.name}.{uuid.uuid4().hex}.tmp"
        try:
            (rows,) = connection.execute(
                f"COPY ({sql}) TO {quoted_path(temporary)} (FORMAT parquet)"
            ).fetchone()
            temporary.replace(self.path(view))
        finally:
            temporary.unlink(missing_ok=True)
        return int(rows)

    def get_historical(self, spine: pd.DataFrame, views: Sequence[FeatureView]) -> pd.DataFrame:
        """Each spine row (entity columns + `event_ts`) joined with every view, as of `event_ts`.

        An ASOF join takes, per row, the latest feature row with feature_ts <= event_ts: a
        value computed after the event can never reach it.
        """
        if EVENT_TS not in spine.columns:
            raise ValueError(f"the spine needs an `{EVENT_TS}` column")
        query = ["SELECT spine.*"]
        joins = []
        for index, view in enumerate(views):
            alias = f"v{index}"
            query.append(", ".join(f"{alias}.{feature}" for feature in view.features))
            joins.append(
                f"ASOF LEFT JOIN {self._scan(view)} AS {alias} "
                f"ON CAST(spine.{view.entity} AS VARCHAR) = {alias}.{view.entity} "
                f"AND spine.{EVENT_TS} >= {alias}.{FEATURE_TS}"
            )
        sql = f"{', '.join(query)} FROM spine_rows AS spine {' '.join(joins)} ORDER BY spine.__row"
        with self._connection() as connection, self._readable():
            connection.register("spine_rows", spine.assign(__row=range(len(spine))))
            joined = connection.sql(sql).df().drop(columns="__row")
        for view in views:
            joined = joined.fillna(view.defaults)
        return joined

    def latest(self, view: FeatureView) -> pd.DataFrame:
        """Each entity's latest row, a missing value as the view's default (as the as-of join)."""
        sql = (
            f"SELECT * FROM {self._scan(view)} "
            f"QUALIFY row_number() OVER (PARTITION BY {view.entity} ORDER BY {FEATURE_TS} DESC) = 1"
        )
        with self._connection() as connection, self._readable():
            return connection.sql(sql).df().fillna(view.defaults)

    def clean_interrupted(self) -> list[Path]:
        """Remove the temporary files (and spill folders) that a killed step left behind."""
        leftovers = list(self.folder.glob(".*.tmp")) if self.folder.is_dir() else []
        for leftover in leftovers:
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
        return leftovers

    def _connection(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A join as large as the views, within DuckDB's memory limit: it spills here."""
        return bounded_connection(self.folder / f".spill-{uuid.uuid4().hex}.tmp")

    @contextmanager
    def _readable(self) -> Iterator[None]:
        try:
            yield
        except (duckdb.IOException, duckdb.InvalidInputException) as error:
            raise DataError(
                f"the offline store at {self.folder} cannot be read ({first_line(error)}); "
                "rebuild it with `features`"
            ) from None

    def _scan(self, view: FeatureView) -> str:
        path = self.path(view)
        if not path.is_file():
            raise NotReadyError(f"feature view `{view.name}` has no offline table; run `features`")
        return f"read_parquet('{str(path).replace(chr(39), chr(39) * 2)}')"
