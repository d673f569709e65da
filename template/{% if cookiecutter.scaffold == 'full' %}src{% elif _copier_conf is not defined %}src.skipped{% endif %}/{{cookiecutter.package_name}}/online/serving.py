"""The gateway's state: which model serves, whether it can answer, and how it changes.

At start-up and then every `serving.reload_seconds`, the gateway reads the registry's
`champion` alias and the online store's generation. When either changed, it loads the
version (checksums, features), builds what the preset derives from the store, and
probes it with a request for a known entity; only then does the new snapshot replace the
old one, in one assignment, so a request is answered by exactly one version. A version
that fails any step is refused: the old one keeps serving and `/readyz` says why. With
nothing servable the gateway still runs, answering 503 with the reason, and becomes
ready by itself once the offline loop has produced a model and a store.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from ..config import Config
from ..errors import NotReadyError, RegistryUnavailable, UserError
from ..feature_store import online_store
from ..models import model_registry
from .endpoint import Answer, Context, Endpoint, Snapshot
from .metrics import Metrics
from .prediction_log import PredictionLog
from .refusals import RequestRefused
from .scoring import answer_checked, as_utc, load_snapshot, utc_now
from .settings import ServingSettings
from .store_fallback import FallbackStore

LOG = logging.getLogger(__name__)
STARTING = "the gateway is starting"
STORE_RETRY_SECONDS = 1.0  # while the online store fails, it is tried again this often


@dataclass(frozen=True)
class Refusal:
    version: int
    reason: str


@dataclass(frozen=True)
class Readiness:
    ready: bool
    model_version: int | None
    reason: str | None
    refused: Refusal | None
    degraded: str | None = None  # answering from the features' defaults: the store fails

    def body(self) -> dict[str, Any]:
        refused = self.refused
        return {
            "ready": self.ready,
            "model_version": self.model_version,
            "reason": self.reason,
            "degraded": self.degraded,
            "refused": None
            if refused is None
            else {"version": refused.version, "reason": refused.reason},
        }


class Serving:
    def __init__(
        self, config: Config, settings: ServingSettings, endpoint: Endpoint, metrics: Metrics
    ) -> None:
        self.config = config
        self.settings = settings
        self.endpoint = endpoint
        self.metrics = metrics
        self.store = FallbackStore(online_store(config), metrics, STORE_RETRY_SECONDS)
        self.registry = model_registry(config)
        self.log = PredictionLog(config.paths.lake, settings.journal_segment_seconds)
        self.snapshot: Snapshot | None = None
        self.not_ready: str | None = STARTING
        self.refused: Refusal | None = None
        self._tried: tuple[int, str] | None = None
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._before = _days(settings.days_before_data)
        self._after = _days(settings.days_after_now)

    def start(self) -> None:
        self.log.open()
        self.refresh()
        self._stop.clear()
        self._watcher = threading.Thread(target=self._watch, name="champion-watcher", daemon=True)
        self._watcher.start()

    def stop(self) -> None:
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join()
        self.log.close()
        self.store.close()

    def require(self) -> Snapshot:
        snapshot = self.snapshot
        if snapshot is None:
            raise NotReadyError(f"not ready: {self.not_ready}")
        return snapshot

    def context(self, snapshot: Snapshot, at: datetime | None, request_id: str) -> Context:
        return Context(
            snapshot=snapshot,
            store=self.store,
            config=self.config,
            request_id=request_id,
            moment=self.check_moment(snapshot, at),
            stage=self.metrics.stage,
        )

    def check_moment(self, snapshot: Snapshot, at: datetime | None) -> np.datetime64:
        """`at` as naive UTC, if it lies in the window the model can say something about."""
        now = utc_now()
        if at is None:
            return now
        moment = as_utc(at)
        earliest = snapshot.data_from - self._before
        latest = max(now, snapshot.data_until) + self._after
        if not earliest <= moment <= latest:
            raise RequestRefused(
                422,
                [
                    {
                        "type": "moment_out_of_range",
                        "loc": ["body", "at"],
                        "msg": (
                            f"must lie between {_day(earliest)} and {_day(latest)} (UTC): the "
                            f"model knows data from {_day(snapshot.data_from)} to "
                            f"{_day(snapshot.data_until)}"
                        ),
                    }
                ],
            )
        return moment

    def answer(self, context: Context, body: Any) -> Answer:
        return answer_checked(self.endpoint, context, body)

    def probe(self, snapshot: Snapshot) -> None:
        """Answer a request for a known entity through the real path, without logging it."""
        body = self.endpoint.probe(snapshot, self.store)
        self.answer(self.context(snapshot, None, "readiness-probe"), body)

    def readiness(self) -> Readiness:
        snapshot = self.snapshot
        reason = self.not_ready
        if snapshot is not None:
            try:
                self.probe(snapshot)
                reason = None
            except Exception as error:  # any failure means: cannot answer now
                reason = _reason(error)
        ready = snapshot is not None and reason is None
        self.metrics.ready.set(1 if ready else 0)
        version = None if snapshot is None else snapshot.version
        return Readiness(ready, version, reason, self.refused, self.store.degraded)

    def refresh(self) -> None:
        """Serve the current champion and store generation, if they changed and can serve."""
        try:
            number = self.registry.aliases().get("champion")
            generation = self.store.generation()
        except UserError as error:
            self._not_servable(None, str(error))
            return
        if number is None:
            self._not_servable(None, "the registry has no champion yet; run `run` (or `evaluate`)")
            return
        key = (number, generation)
        current = self.snapshot
        if current is not None and (current.version, current.store_generation) == key:
            return
        if key == self._tried:
            return  # this exact pair was refused already; wait for a new one
        self._tried = key
        try:
            snapshot = self.load(number, generation)
        except RegistryUnavailable as error:  # not the version's fault: try it again later
            self._tried = None
            LOG.warning("model version %s not loaded: %s", number, error)
            self._not_servable(None, str(error))
            return
        except Exception as error:  # a bad version must never take the service down
            LOG.warning(
                "model version %s refused: %s",
                number,
                error,
                exc_info=not isinstance(error, UserError),
            )
            self._not_servable(number, _reason(error))
            return
        self.snapshot, self.not_ready, self.refused = snapshot, None, None
        self.metrics.model_version.set(snapshot.version)
        self.metrics.ready.set(1)
        LOG.info("serving model version %s", snapshot.version)

    def load(self, number: int, generation: str) -> Snapshot:
        snapshot = load_snapshot(
            self.registry, self.store, self.endpoint, self.config, number, generation
        )
        self.probe(snapshot)
        return snapshot

    def _not_servable(self, number: int | None, reason: str) -> None:
        if self.snapshot is None:
            self.not_ready = reason
            self.metrics.ready.set(0)
        elif number is not None and number != self.snapshot.version:
            self.refused = Refusal(number, reason)
            self.metrics.refused.inc()
        # else: the store changed under the serving version and what it needs failed:
        # requests keep being answered (or get a 503 naming the store) and readyz tells.

    def _watch(self) -> None:
        while not self._stop.wait(self.settings.reload_seconds):
            try:
                self.refresh()
            except Exception:  # the watcher must outlive any surprise
                LOG.exception("looking for a new champion failed")


class RequestIds:
    """Unique ids, cheaply: a random prefix per process, then a counter (32 hex digits, as a
    uuid4 has, without reading the system's random source for every request)."""

    def __init__(self) -> None:
        self.process = os.getpid()
        self.prefix = uuid.uuid4().hex[:16]
        self.counter = itertools.count()

    def __call__(self) -> str:
        if os.getpid() != self.process:  # a forked worker must not repeat its parent's ids
            self.__init__()
        return f"{self.prefix}{next(self.counter):016x}"


new_request_id = RequestIds()


def _reason(error: Exception) -> str:
    return str(error) if isinstance(error, UserError) else f"{type(error).__name__}: {error}"


def _days(days: float) -> np.timedelta64:
    return np.timedelta64(timedelta(days=days), "us")


def _day(moment: np.datetime64) -> str:
    return str(moment.astype("datetime64[D]"))
