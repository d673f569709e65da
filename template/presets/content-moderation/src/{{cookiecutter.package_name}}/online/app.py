"""The moderation gateway: POST /moderate with a post, get its harm score and a decision."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
from fastapi import FastAPI, Request
from prometheus_client import Counter
from pydantic import BaseModel, Field, field_validator

from ..config import Config
from ..entities import AUTHOR, POST, TEXT
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import (
    AUTHOR_HISTORY,
    AUTHOR_PROFILE,
    MODEL_FEATURES,
    add_request_features,
)
from ..offline import lake
from ..offline.train import score
from .features import example_requests as sample_requests
from .features import lookup
from .gateway import Serving, create_gateway, utc_naive
from .policy import DECISIONS, Policy

MAX_TEXT_CHARS = 10_000


class ModerateRequest(BaseModel):
    post_id: str = Field(min_length=1, max_length=128, examples=["p000042"])
    author_id: str = Field(min_length=1, max_length=128, examples=["a00042"])
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, examples=["see you at the match"])
    at: datetime | None = Field(
        default=None, description="when the post was published (UTC); defaults to now"
    )

    @field_validator("text")
    @classmethod
    def has_words(cls, value: str) -> str:
        # The lake stores texts stripped; the gateway must score the same string.
        if not value.strip():
            raise ValueError("text is blank; send the post's text")
        return value.strip()


class ModerateResponse(BaseModel):
    request_id: str
    post_id: str
    author_id: str
    score: float = Field(description="the probability that the post is harmful")
    decision: str = Field(description="remove, review or allow, from the thresholds in config")
    known_author: bool = Field(description="false when the author has no stored features")
    model_version: int


def features_for(serving: Serving, author_id: str, text: str, at: pd.Timestamp) -> pd.DataFrame:
    """The model's input row, built exactly as the training set builds it."""
    history = lookup(serving.store, AUTHOR_HISTORY, [author_id])
    profile = lookup(serving.store, AUTHOR_PROFILE, [author_id])
    joined = history.merge(profile.rename(columns={"known": "known_profile"}), on=AUTHOR)
    joined["known"] = joined["known"] | joined.pop("known_profile")
    joined[TEXT] = text
    joined["event_ts"] = at
    return add_request_features(joined)


def prepare(config: Config) -> Callable[[Serving], None]:
    """Check the policy before serving; count decisions for /metrics once started."""
    policy = Policy.from_task(config.task)

    def setup(serving: Serving) -> None:
        serving.extra["policy"] = policy
        serving.extra["decisions"] = Counter(
            "moderation_decisions",
            "Moderation decisions served, by decision",
            ["decision"],
            registry=serving.metrics.registry,
        )
        for decision in DECISIONS:  # every decision shows on /metrics, even at zero
            serving.extra["decisions"].labels(decision)

    return setup


def create_app(config: Config) -> FastAPI:
    title = f"{__package__.split('.')[0]}: content moderation"
    app = create_gateway(config, title, prepare(config))

    @app.post("/moderate", response_model=ModerateResponse, summary="Harm score and decision")
    def moderate(body: ModerateRequest, request: Request) -> ModerateResponse:
        serving: Serving = request.app.state.serving
        row = features_for(serving, body.author_id, body.text, utc_naive(body.at))
        probability = float(score(serving.model, row, MODEL_FEATURES).iloc[0])
        decision = serving.extra["policy"].decide(probability)
        serving.metrics.scores.observe(probability)
        serving.extra["decisions"].labels(decision).inc()
        response = ModerateResponse(
            request_id=uuid.uuid4().hex,
            post_id=body.post_id,
            author_id=body.author_id,
            score=probability,
            decision=decision,
            known_author=bool(row["known"].iloc[0]),
            model_version=serving.champion.version,
        )
        # The text itself stays in the posts table: the log keeps the numbers derived from it.
        logged = row[[c for c in MODEL_FEATURES.columns if c != TEXT]].iloc[0].to_dict()
        serving.log.record(
            [
                {
                    **logged,
                    "request_id": response.request_id,
                    "logged_at": datetime.now(UTC).replace(tzinfo=None),
                    "event_ts": row["event_ts"].iloc[0],
                    POST: body.post_id,
                    AUTHOR: body.author_id,
                    "score": probability,
                    "decision": decision,
                    "model_version": response.model_version,
                }
            ]
        )
        return response

    return app


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: the latest posts in the lake, as live traffic would bring
    them (busy authors more often), and the last from an author never seen before."""
    store = SQLiteOnlineStore(config.paths.feature_store)
    requests = sample_requests(store, AUTHOR_HISTORY, "/moderate", AUTHOR, count)
    posts = lake.read_table(config.paths.lake, "posts").sort_values("posted_at")
    latest = posts.tail(count).iloc[::-1]
    for number, (example, (_, post)) in enumerate(zip(requests, latest.iterrows(), strict=False)):
        example["body"][POST] = f"demo-{number:05d}"
        example["body"][TEXT] = post[TEXT]
        if number < count - 1:
            example["body"][AUTHOR] = post[AUTHOR]
    return requests
