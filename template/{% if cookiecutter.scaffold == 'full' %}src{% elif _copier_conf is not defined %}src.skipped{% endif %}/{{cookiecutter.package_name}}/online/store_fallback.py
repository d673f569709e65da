"""The online store as the gateway reads it: when the store fails while a version serves,
requests are still answered.

A lookup that fails for a view the gateway has read before answers as if every entity
were unknown: the model scores them from the views' defaults (the cold-start path) and the
gateway reports itself degraded, in `/readyz` (`degraded`: the store's error) and in
`/metrics` (`online_store_degraded`, `online_store_fallbacks_total`). While degraded, the
store is tried again once every `retry_seconds`, not on every request, so a store that
hangs costs one timeout per interval, not one per request; the first lookup that
succeeds ends it. Before the gateway has read a view (at start), a failure is an error
as before: not ready, 503, with the reason.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import pandas as pd

from ..errors import StoreUnavailable
from ..feature_store import OnlineStore
from ..features.views import FeatureView
from .metrics import Metrics


class FallbackStore:
    def __init__(self, store: OnlineStore, metrics: Metrics, retry_seconds: float = 1.0) -> None:
        self.store = store
        self.metrics = metrics
        self.retry_seconds = retry_seconds
        self.degraded: str | None = None
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._read: set[str] = set()  # views the gateway has read: those may fall back
        self._kinds: dict[str, dict[str, str]] = {}
        self._samples: dict[tuple[str, int], list[str]] = {}
        self._generation: str | None = None

    def get_online(self, view: FeatureView, entity_ids: Sequence[str]) -> dict[str, tuple]:
        if view.name in self._read and self._waiting():
            return self._fall_back()
        try:
            found = self.store.get_online(view, entity_ids)
        except StoreUnavailable as error:
            if view.name not in self._read:
                raise
            self._fail(error)
            return self._fall_back()
        self._read.add(view.name)
        self._recover()
        return found

    def kinds(self, view: FeatureView) -> dict[str, str]:
        known = self._kinds.get(view.name)
        if known is not None and self._waiting():
            return known
        try:
            kinds = self.store.kinds(view)
        except StoreUnavailable as error:
            if known is None:
                raise
            self._fail(error)
            return known
        self._kinds[view.name] = kinds
        return kinds

    def generation(self) -> str:
        try:
            generation = self.store.generation()
        except StoreUnavailable as error:
            if self._generation is None:
                raise
            self._fail(error)
            return self._generation  # nothing new to load while it is down
        if generation != self._generation:
            self._kinds, self._samples = {}, {}
        self._generation = generation
        return generation

    def sample_ids(self, view: FeatureView, count: int) -> list[str]:
        key = (view.name, count)
        try:
            ids = self.store.sample_ids(view, count)
        except StoreUnavailable as error:
            if key not in self._samples:
                raise
            self._fail(error)
            return self._samples[key]
        self._samples[key] = ids
        return ids

    def all_rows(self, view: FeatureView) -> pd.DataFrame:
        return self.store.all_rows(view)

    def close(self) -> None:
        self.store.close()

    def _waiting(self) -> bool:
        return self.degraded is not None and time.monotonic() < self._retry_at

    def _fall_back(self) -> dict[str, tuple]:
        self.metrics.fallbacks.inc()
        return {}

    def _fail(self, error: StoreUnavailable) -> None:
        with self._lock:
            self._retry_at = time.monotonic() + self.retry_seconds
            if self.degraded is None:
                self.metrics.degraded.set(1)
            self.degraded = f"{error}; answering from the features' defaults meanwhile"

    def _recover(self) -> None:
        if self.degraded is not None:
            with self._lock:
                self.degraded = None
                self.metrics.degraded.set(0)
