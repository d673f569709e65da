"""The online store the config names (`online_store.backend`), for the pipeline and the gateway."""

from __future__ import annotations

from ..config import REDIS, Config
from .interface import OnlineStore
from .online_sqlite import SQLiteOnlineStore


def online_store(config: Config) -> OnlineStore:
    if config.online_store.backend == REDIS:
        from .online_redis import RedisOnlineStore  # only projects generated with it have it

        return RedisOnlineStore(config.online_store)
    return SQLiteOnlineStore(config.paths.feature_store)
