"""The stores the config names (`online_store.backend`), for the pipeline and the gateway."""

from __future__ import annotations

from ..config import FEAST, REDIS, Config
from .interface import OnlineStore
from .offline import ParquetOfflineStore
from .online_sqlite import SQLiteOnlineStore


def online_store(config: Config) -> OnlineStore:
    # only projects generated with a backend have its module
    if config.online_store.backend == REDIS:
        from .online_redis import RedisOnlineStore

        return RedisOnlineStore(config.online_store)
    if config.online_store.backend == FEAST:
        from .online_feast import FeastOnlineStore

        return FeastOnlineStore(config.paths.feature_store, config.online_store)
    return SQLiteOnlineStore(config.paths.feature_store)


def offline_store(config: Config) -> ParquetOfflineStore:
    """The views' parquet tables; with Feast, joined by Feast's historical retrieval."""
    if config.online_store.backend == FEAST:
        from .offline_feast import FeastOfflineStore

        return FeastOfflineStore(config.paths.feature_store, config.online_store)
    return ParquetOfflineStore(config.paths.feature_store)
