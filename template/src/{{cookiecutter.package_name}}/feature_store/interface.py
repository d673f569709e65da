"""The small interface every feature-store backend implements.

The offline tier keeps every value a feature ever had, stamped with `feature_ts`; the
online tier keeps the latest value per entity. Other backends (Redis, Feast) implement
the same methods, so the pipeline and the gateway never change when the backend does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pandas as pd

from ..features.views import FeatureView


class OfflineStore(Protocol):
    def write(self, view: FeatureView, rows: pd.DataFrame) -> None:
        """Replace the view's offline table with `rows` (entity, feature_ts, features)."""

    def get_historical(self, spine: pd.DataFrame, views: Sequence[FeatureView]) -> pd.DataFrame:
        """Point-in-time join: each spine row gets the values known at its `event_ts`."""

    def latest(self, view: FeatureView) -> pd.DataFrame:
        """The newest row per entity: what materialization copies to the online tier."""


class OnlineStore(Protocol):
    def materialize(self, view: FeatureView, latest: pd.DataFrame) -> None:
        """Replace the view's online values with `latest` (one row per entity)."""

    def get_online(self, view: FeatureView, entity_ids: Sequence[str]) -> pd.DataFrame:
        """Feature values for the entities that have any, indexed by entity id."""
