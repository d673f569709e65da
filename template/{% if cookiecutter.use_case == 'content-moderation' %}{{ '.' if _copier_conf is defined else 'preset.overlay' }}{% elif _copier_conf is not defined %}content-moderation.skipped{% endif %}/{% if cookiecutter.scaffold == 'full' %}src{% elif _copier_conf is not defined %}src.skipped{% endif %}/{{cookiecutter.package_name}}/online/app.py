"""The moderation gateway: POST /moderate with a post, get its harm score and a decision."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field, field_validator

from ..config import Config
from ..entities import AUTHOR, POST, TEXT
from ..feature_store import OnlineStore, online_store
from ..features.columns import merge
from ..features.definitions import (
    AUTHOR_HISTORY,
    AUTHOR_PROFILE,
    MODEL_FEATURES,
    request_features,
)
from ..models.compiled import CompiledModel
from ..offline import lake
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import KNOWN, known_id, lookup
from .features import example_requests as sample_requests
from .policy import DECISIONS, Policy

MAX_TEXT_CHARS = 10_000
DECISION = "decision"
# The text itself stays in the posts table: the log keeps the numbers derived from it.
LOGGED_FEATURES = tuple(name for name in MODEL_FEATURES.columns if name != TEXT)


class ModerateRequest(PredictionRequest):
    post_id: str = Field(min_length=1, max_length=128, examples=["p000042"])
    author_id: str = Field(min_length=1, max_length=128, examples=["a00042"])
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, examples=["see you at the match"])

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


def model_input(
    store: OnlineStore, author_ids: Sequence[str], texts: Sequence[str], moment: np.datetime64
) -> dict[str, np.ndarray]:
    """The model's input rows, built exactly as the training set builds them; `known` is
    true for an author with stored history or a stored profile."""
    history = lookup(store, AUTHOR_HISTORY, author_ids)
    profile = lookup(store, AUTHOR_PROFILE, author_ids)
    posts = {
        KNOWN: history[KNOWN] | profile[KNOWN],
        TEXT: np.array(texts, dtype=object),
        "event_ts": np.full(len(author_ids), moment),
    }
    columns = merge(history, profile, posts)
    return merge(columns, request_features(columns))


def answer(context: Context, body: ModerateRequest) -> Answer:
    policy: Policy = context.resources
    with context.stage("lookup"):
        row = model_input(context.store, [body.author_id], [body.text], context.moment)
    with context.stage("scoring"):
        probability = float(context.model.score(row)[0])
        decision = policy.decide(probability)
    response = ModerateResponse(
        request_id=context.request_id,
        post_id=body.post_id,
        author_id=body.author_id,
        score=probability,
        decision=decision,
        known_author=bool(row[KNOWN][0]),
        model_version=context.model_version,
    )
    logged = {name: row[name][0] for name in LOGGED_FEATURES}
    return Answer(
        response,
        shared={POST: body.post_id, AUTHOR: body.author_id},
        rows=[{**logged, "score": probability, DECISION: decision}],
        outcome=decision,
    )


def prepare(store: OnlineStore, model: CompiledModel, config: Config) -> Policy:
    """The policy's thresholds, from the `task` section of the config."""
    return Policy.from_task(config.task)


def probe(snapshot: Snapshot, store: OnlineStore) -> ModerateRequest:
    author = known_id(store, AUTHOR_HISTORY)
    return ModerateRequest(post_id="readiness-probe", author_id=author, text="readiness probe")


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: content moderation",
    path="/moderate",
    summary="Harm score and decision",
    request=ModerateRequest,
    response=ModerateResponse,
    features=MODEL_FEATURES,
    answer=answer,
    probe=probe,
    prepare=prepare,
    outcomes=DECISIONS,  # counted on /metrics as prediction_outcomes_total{outcome=...}
)


def endpoint_for(config: Config) -> Endpoint:
    """The endpoint the gateway serves with `config`."""
    Policy.from_task(config.task)  # bad thresholds stop the start, not every model load
    return ENDPOINT


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: the latest posts in the lake, as live traffic would bring
    them (busy authors more often), and the last from an author never seen before."""
    store = online_store(config)
    requests = sample_requests(store, AUTHOR_HISTORY, "/moderate", AUTHOR, count)
    posts = lake.read_table(config.paths.lake, "posts").sort_values("posted_at")
    latest = posts.tail(count).iloc[::-1]
    for number, (example, (_, post)) in enumerate(zip(requests, latest.iterrows(), strict=False)):
        example["body"][POST] = f"demo-{number:05d}"
        example["body"][TEXT] = post[TEXT]
        if number < count - 1:
            example["body"][AUTHOR] = post[AUTHOR]
    return requests{% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: every post of the lake's latest day, as it was posted."""
    posts = lake.read_table(config.paths.lake, "posts")
    if posts.empty:
        return Batch(ENDPOINT, [])
    latest = posts[posts["posted_at"] >= posts["posted_at"].max().normalize()]
    latest = latest.sort_values(["posted_at", POST])
    bodies = [
        {POST: str(post[POST]), AUTHOR: str(post[AUTHOR]), TEXT: post[TEXT],
         "at": post["posted_at"].isoformat()}
        for _, post in latest.iterrows()
    ]  # fmt: skip
    return Batch(ENDPOINT, bodies){% endif %}
