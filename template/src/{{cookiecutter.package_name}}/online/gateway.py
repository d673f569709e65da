"""The gateway's shared parts: model and stores loaded once, health, readiness, metrics.

A preset's `online/app.py` adds its own endpoint to the app built here and keeps its
handler thin: look features up, score, log, answer.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

from ..config import Config
from ..errors import NotReadyError, UserError
from ..feature_store import SQLiteOnlineStore
from ..models.registry import ModelVersion, Registry
from .prediction_log import PredictionLog


def utc_naive(moment: datetime | None) -> pd.Timestamp:
    """A request's moment as naive UTC, the way the lake stores time; now when absent."""
    stamp = pd.Timestamp(moment or datetime.now(UTC))
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp


PROBABILITY_BUCKETS = tuple(i / 10 for i in range(1, 11))


@dataclass
class Metrics:
    registry: CollectorRegistry
    requests: Counter
    latency: Histogram
    scores: Histogram

    @classmethod
    def create(cls, score_buckets: tuple[float, ...] = PROBABILITY_BUCKETS) -> Metrics:
        registry = CollectorRegistry()
        return cls(
            registry=registry,
            requests=Counter(
                "requests",
                "Requests by endpoint and status",
                ["endpoint", "status"],
                registry=registry,
            ),
            latency=Histogram(
                "request_latency_seconds",
                "Request latency",
                ["endpoint"],
                registry=registry,
                buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0),
            ),
            scores=Histogram(
                "prediction_score",
                "Model scores served",
                registry=registry,
                buckets=score_buckets,
            ),
        )


@dataclass
class Serving:
    """What every request needs, loaded once when the gateway starts."""

    config: Config
    champion: ModelVersion
    model: Any
    store: SQLiteOnlineStore
    log: PredictionLog
    metrics: Metrics
    extra: dict[str, Any]


def load_serving(
    config: Config,
    setup: Callable[[Serving], None] | None = None,
    score_buckets: tuple[float, ...] = PROBABILITY_BUCKETS,
) -> Serving:
    champion = Registry(config.paths.registry).get("champion")
    serving = Serving(
        config=config,
        champion=champion,
        model=champion.load(),
        store=SQLiteOnlineStore(config.paths.feature_store),
        log=PredictionLog(config.paths.lake),
        metrics=Metrics.create(score_buckets),
        extra={},
    )
    if setup:
        setup(serving)
    return serving


def create_gateway(
    config: Config,
    title: str,
    setup: Callable[[Serving], None] | None = None,
    score_buckets: tuple[float, ...] = PROBABILITY_BUCKETS,
) -> FastAPI:
    """The app with health, readiness and metrics; `setup` adds what a preset loads once,
    and `score_buckets` suit its scores (probabilities by default, minutes for an ETA)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.serving = load_serving(config, setup, score_buckets)
        yield
        app.state.serving.log.flush()
        app.state.serving.store.close()

    app = FastAPI(title=title, lifespan=lifespan)

    @app.middleware("http")
    async def measure(request: Request, call_next: Callable) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        serving = getattr(request.app.state, "serving", None)
        if serving is not None:
            path = request.url.path
            serving.metrics.latency.labels(path).observe(time.perf_counter() - started)
            serving.metrics.requests.labels(path, str(response.status_code)).inc()
        return response

    @app.exception_handler(NotReadyError)
    async def not_ready(request: Request, error: NotReadyError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(error)})

    @app.exception_handler(UserError)
    async def user_error(request: Request, error: UserError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(error)})

    @app.get("/healthz", summary="The process is up")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", summary="The model and the online store are loaded")
    def readyz(request: Request) -> JSONResponse:
        serving: Serving = request.app.state.serving
        ready = serving.store.path.is_file()
        body = {"ready": ready, "model_version": serving.champion.version}
        return JSONResponse(status_code=200 if ready else 503, content=body)

    @app.get("/metrics", summary="Prometheus metrics")
    def metrics(request: Request) -> Response:
        registry = request.app.state.serving.metrics.registry
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return app
