"""The small interface every feature-store backend implements.

The offline tier keeps every value a feature ever had, stamped with `feature_ts`; the
online tier keeps the latest value per entity. Every online backend (SQLite, Redis)
implements the same methods, so the pipeline and the gateway never change when the
backend does (tests/test_online_store_contract.py runs the same tests on each).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import pandas as pd
from duckdb import DuckDBPyConnection

from ..features.views import FeatureView


class OfflineStore(Protocol):
    def write(self, view: FeatureView, rows: pd.DataFrame) -> None:
        """Replace the view's offline table with `rows` (entity, feature_ts, features)."""

    def write_query(self, view: FeatureView, connection: DuckDBPyConnection, sql: str) -> int:
        """Replace the view's offline table with the rows of the DuckDB query `sql` on
        `connection`, without holding them in memory; returns the number of rows."""

    def get_historical(self, spine: pd.DataFrame, views: Sequence[FeatureView]) -> pd.DataFrame:
        """Point-in-time join: each spine row gets the values known at its `event_ts`."""

    def latest(self, view: FeatureView) -> pd.DataFrame:
        """The newest row per entity: what materialization copies to the online tier."""

    def clean_interrupted(self) -> list[Path]:
        """Remove what a killed write left behind; returns what it removed."""


class OnlineStore(Protocol):
    """Errors of every kind surface as StoreUnavailable (a 503 with its reason online)."""

    def materialize(self, view: FeatureView, latest: pd.DataFrame) -> None:
        """Replace the view's online values with `latest` (one row per entity)."""

    def get_online(self, view: FeatureView, entity_ids: Sequence[str]) -> dict[str, tuple]:
        """Each stored id's row: the id, then its values in `view.features` order."""

    def kinds(self, view: FeatureView) -> dict[str, str]:
        """`number` or `text`, per feature of the view."""

    def generation(self) -> str:
        """A token that changes whenever any view is materialized again."""

    def sample_ids(self, view: FeatureView, count: int) -> list[str]:
        """Up to `count` stored ids, the same ones every time (for readiness probes)."""

    def all_rows(self, view: FeatureView) -> pd.DataFrame:
        """Every stored row of a (small) view, indexed by entity id."""

    def close(self) -> None:
        """Let go of every connection the store opened."""
