"""The dual-tier feature store: an offline tier for training, an online tier for serving."""

from .backends import offline_store, online_store
from .interface import OfflineStore, OnlineStore
from .offline import ParquetOfflineStore
from .online_sqlite import SQLiteOnlineStore

__all__ = [
    "OfflineStore",
    "OnlineStore",
    "ParquetOfflineStore",
    "SQLiteOnlineStore",
    "offline_store",
    "online_store",
]
