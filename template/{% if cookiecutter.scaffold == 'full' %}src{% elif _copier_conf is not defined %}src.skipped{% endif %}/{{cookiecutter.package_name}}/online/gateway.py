"""The gateway every preset shares: one prediction route, health, readiness, metrics.

`create_gateway(config, endpoint)` builds the FastAPI app around a preset's Endpoint
(endpoint.py): the request guard and the metrics around everything, optional bearer
auth, and for the prediction route: the model that serves now, the `at` window, the
preset's answer, its rows on disk, then the response. Every status the service can
return is in its OpenAPI schema.
"""

from __future__ import annotations

import hmac
import inspect
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from ..config import Config
from . import problems
from .endpoint import Context, Endpoint
from .metrics import Metrics, RequestMetrics
from .problems import error_responses
from .request_guard import RequestGuard
from .scoring import logged_rows
from .serving import Serving, new_request_id
from .settings import ServingSettings, serving_settings

PREDICTION_ERRORS = (400, 413, 415, 422, 503)


class Health(BaseModel):
    status: str = "ok"


class RefusedVersion(BaseModel):
    version: int
    reason: str


class Readiness(BaseModel):
    ready: bool
    model_version: int | None = Field(description="the version that serves, if any")
    reason: str | None = Field(description="why the gateway cannot answer, when it cannot")
    refused: RefusedVersion | None = Field(
        description="the last champion version refused while another kept serving"
    )
    degraded: str | None = Field(
        default=None,
        description="why lookups answer from the features' defaults: the online store fails",
    )


def create_app(config: Config) -> FastAPI:
    """The gateway for the preset's endpoint (online/app.py) under `config`."""
    from .app import endpoint_for  # the preset's endpoint sits above this generic layer

    return create_gateway(config, endpoint_for(config))


def create_gateway(config: Config, endpoint: Endpoint) -> FastAPI:
    settings = serving_settings(config)
    metrics = Metrics.create(endpoint.score_buckets)
    for outcome in endpoint.outcomes:  # every decision shows on /metrics, even at zero
        metrics.outcomes.labels(outcome)
    serving = Serving(config, settings, endpoint, metrics)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        serving.start()
        try:
            yield
        finally:
            serving.stop()

    docs = {} if settings.docs else {"docs_url": None, "redoc_url": None, "openapi_url": None}
    app = FastAPI(title=endpoint.title, lifespan=lifespan, **docs)
    app.state.serving = serving
    problems.install(app)
    guarded = _auth(settings)
    auth_errors = (401,) if guarded else ()

    @app.get("/healthz", summary="The process is up", response_model=Health)
    async def healthz() -> Health:
        return Health()

    @app.get(
        "/readyz",
        summary="It can answer: a request for a known entity went through store and model",
        response_model=Readiness,
        responses={503: {"model": Readiness, "description": "Not ready, and why"}},
    )
    async def readyz() -> JSONResponse:
        readiness = serving.readiness()
        return JSONResponse(status_code=200 if readiness.ready else 503, content=readiness.body())

    @app.get(
        "/metrics",
        summary="Prometheus metrics",
        dependencies=guarded,
        response_class=Response,
        responses={
            200: {
                "content": {"text/plain": {"schema": {"type": "string"}}},
                "description": "Metrics",
            },
            **error_responses(*auth_errors),
        },
    )
    async def metrics_text() -> Response:
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    app.add_api_route(
        endpoint.path,
        _prediction_route(serving, endpoint),
        methods=["POST"],
        summary=endpoint.summary,
        response_model=endpoint.response,
        responses=error_responses(*sorted({*PREDICTION_ERRORS, *auth_errors})),
        dependencies=guarded,
    )
    app.add_middleware(RequestGuard, paths={endpoint.path}, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(RequestMetrics, metrics=metrics)
    return app


def _prediction_route(serving: Serving, endpoint: Endpoint) -> Any:
    async def predict(body: Any) -> Response:
        snapshot = serving.require()
        context: Context = serving.context(snapshot, body.at, new_request_id())
        answer = serving.answer(context, body)
        with serving.metrics.stage("logging"):
            ticket = serving.log.write(logged_rows(context, endpoint, answer))
        with serving.metrics.stage("log_fsync"):  # waiting, not working: other requests run
            await serving.log.durable(ticket)
        metrics = serving.metrics
        for row in answer.rows:
            metrics.scores.observe(row["score"])
        if answer.outcome is not None:
            metrics.labelled(metrics.outcomes, answer.outcome).inc()
        return Response(answer.response.model_dump_json(), media_type="application/json")

    # The body's model is the preset's: give FastAPI the signature it reads it from.
    predict.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(
                "body", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=endpoint.request
            )
        ],
        return_annotation=Response,
    )
    return predict


def _auth(settings: ServingSettings) -> list[Any]:
    """Bearer auth on the prediction route and /metrics when the token variable is set."""
    token = os.environ.get(settings.auth_token_env, "")
    if not token:
        return []
    scheme = HTTPBearer(auto_error=False, description=f"the token in ${settings.auth_token_env}")

    async def require_token(
        credentials: HTTPAuthorizationCredentials | None = Depends(scheme),  # noqa: B008
    ) -> None:
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise problems.Unauthorized()

    return [Depends(require_token)]
