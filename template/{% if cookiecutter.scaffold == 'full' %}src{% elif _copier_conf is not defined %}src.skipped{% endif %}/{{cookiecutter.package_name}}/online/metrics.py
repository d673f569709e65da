"""Prometheus metrics of the gateway, with a bounded number of series whatever the traffic.

Requests are labelled by route template (every unknown path shares one label) and status;
latency is split by stage (lookup, retrieval, ranking, re-ranking, scoring, logging, and the
wait for the log's fsync, during which other requests run), so the
latency budget of the design doc can be read off `/metrics`. Under several uvicorn workers
(`serve --workers N`), prometheus-client's multiprocess mode adds up every worker's values.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .endpoint import PROBABILITY_BUCKETS

LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
UNMATCHED = "unmatched"


def multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


@dataclass
class Metrics:
    registry: CollectorRegistry | None  # None in multiprocess mode: values live in files
    requests: Counter
    latency: Histogram
    stages: Histogram
    scores: Histogram
    model_version: Gauge
    ready: Gauge
    refused: Counter
    outcomes: Counter
    degraded: Gauge
    fallbacks: Counter
    _children: dict[tuple, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def create(cls, score_buckets: tuple[float, ...] = PROBABILITY_BUCKETS) -> Metrics:
        shared = multiprocess()
        registry = None if shared else CollectorRegistry()
        return cls(
            registry=registry,
            requests=Counter(
                "requests", "Requests by route and status", ["route", "status"], registry=registry
            ),
            latency=Histogram(
                "request_latency_seconds",
                "Request latency, by route",
                ["route"],
                registry=registry,
                buckets=LATENCY_BUCKETS,
            ),
            stages=Histogram(
                "stage_latency_seconds",
                "Time spent in each stage of answering a prediction request",
                ["stage"],
                registry=registry,
                buckets=LATENCY_BUCKETS,
            ),
            scores=Histogram(
                "prediction_score", "Model scores served", registry=registry, buckets=score_buckets
            ),
            model_version=Gauge(
                "serving_model_version",
                "The registry version of the model that serves",
                registry=registry,
                multiprocess_mode="all",
            ),
            ready=Gauge(
                "serving_ready",
                "1 when the gateway can answer (its last probe passed), else 0",
                registry=registry,
                multiprocess_mode="min",
            ),
            refused=Counter(
                "model_versions_refused",
                "New champion versions refused (corrupt, wrong, or failing their probe)",
                registry=registry,
            ),
            outcomes=Counter(
                "prediction_outcomes",
                "Decisions taken on served predictions, by outcome",
                ["outcome"],
                registry=registry,
            ),
            degraded=Gauge(
                "online_store_degraded",
                "1 while the online store fails and lookups answer from the features' defaults",
                registry=registry,
                multiprocess_mode="max",
            ),
            fallbacks=Counter(
                "online_store_fallbacks",
                "Lookups answered from the features' defaults because the online store failed",
                registry=registry,
            ),
        )

    def exposition(self) -> tuple[bytes, str]:
        registry = self.registry
        if registry is None:
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST

    def stage(self, name: str) -> Stage:
        """`with metrics.stage("lookup"):` times the block into stage_latency_seconds."""
        return Stage(self.labelled(self.stages, name))

    def labelled(self, metric: Counter | Histogram, *labels: str) -> Any:
        """`metric.labels(*labels)`, looked up once: the request path asks for it every time."""
        key = (id(metric), labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child


class Stage:
    """A timer for one block of a request (a class, not a generator: it runs several times
    per request)."""

    __slots__ = ("histogram", "started")

    def __init__(self, histogram: Any) -> None:
        self.histogram = histogram

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc_info: object) -> None:
        self.histogram.observe(time.perf_counter() - self.started)


class RequestMetrics:
    """ASGI middleware: count and time every request by its route template and status."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = scope.get("route")
            label = getattr(route, "path", None) or UNMATCHED
            metrics = self.metrics
            metrics.labelled(metrics.latency, label).observe(time.perf_counter() - started)
            metrics.labelled(metrics.requests, label, str(status)).inc()
