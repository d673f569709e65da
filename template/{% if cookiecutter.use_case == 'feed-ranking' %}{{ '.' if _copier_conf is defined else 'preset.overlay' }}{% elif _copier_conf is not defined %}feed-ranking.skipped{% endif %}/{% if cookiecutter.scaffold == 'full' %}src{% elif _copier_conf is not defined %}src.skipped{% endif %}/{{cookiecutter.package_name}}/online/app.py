"""The feed gateway: POST /feed with a user id, get a ranked feed of fresh posts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import AUTHOR, POST, USER
from ..feature_store import OnlineStore, online_store
from ..features.definitions import (
    AUTHOR_ACTIVITY,
    MODEL_FEATURES,
    POST_ACTIVITY,
    POST_PROFILE,
    USER_ACTIVITY,
    USER_FOLLOWS,
    USER_TOPIC_ACTIVITY,
)
from ..features.keys import pair_keys
from ..models.compiled import CompiledModel
from ..offline.heads import HEADS
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import KNOWN, Catalog, known_id, lookup{% if cookiecutter.serving != 'online' %}, stored_requests{% endif %}
from .features import example_requests as sample_requests
from .ranking import FeedSettings, candidate_rows, final_feed, followed_authors, ranker_scores
from .rerank import Scored
from .retrieval import PostIndex

MAX_K = 100
# Each served post's model inputs and heads: for monitoring, and for joining with the
# engagement it later gets.
LOGGED_COLUMNS = (*MODEL_FEATURES.columns, *(f"p_{head}" for head in HEADS))


class FeedRequest(PredictionRequest):
    user_id: str = Field(min_length=1, max_length=128, examples=["u00042"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="feed length (config: task.k)")


class FeedPost(BaseModel):
    post_id: str
    author_id: str
    topic: str
    format: str
    score: float = Field(description="weighted engagement: the heads' probabilities, weighted")
    heads: dict[str, float] = Field(description="each head's probability: click, like, long read")


class FeedResponse(BaseModel):
    request_id: str
    user_id: str
    posts: list[FeedPost]
    known_user: bool = Field(description="false for a user with no stored features (cold start)")
    model_version: int


@dataclass(frozen=True)
class Resources:
    settings: FeedSettings
    index: PostIndex
    posts: Catalog


def prepare(store: OnlineStore, model: CompiledModel, config: Config) -> Resources:
    """Settings, the retrieval index and the posts' features, once per store generation."""
    settings = FeedSettings.from_config(config)
    clicks = store.all_rows(POST_ACTIVITY)[["post_clicks_3d"]]
    posts = store.all_rows(POST_PROFILE).join(clicks, how="left").fillna({"post_clicks_3d": 0})
    index = PostIndex.from_posts(posts.rename_axis(POST).reset_index(), settings.recent_days)
    catalog = Catalog(store, (POST_ACTIVITY, POST_PROFILE), posts.index.tolist())
    return Resources(settings, index, catalog)


def rank_feed(
    context: Context, body: FeedRequest
) -> tuple[dict[str, np.ndarray], list[Scored], bool]:
    """Retrieve, rank and re-rank: every scored candidate's row, the feed, known user."""
    resources: Resources = context.resources
    settings, store = resources.settings, context.store
    with context.stage("lookup"):
        user = lookup(store, USER_ACTIVITY, [body.user_id])
        follows = lookup(store, USER_FOLLOWS, [body.user_id])
        user.update({name: follows[name] for name in USER_FOLLOWS.features})
    known = bool(user[KNOWN][0])
    with context.stage("retrieval"):
        candidates = resources.index.candidates(
            followed_authors(user), context.moment, settings.candidates
        )
    if not candidates:  # a moment before the first post: nothing to show
        return {}, [], known
    with context.stage("lookup"):
        posts = resources.posts.rows(candidates)
        authors = lookup(store, AUTHOR_ACTIVITY, posts[AUTHOR].tolist())
        keys = pair_keys([body.user_id] * len(candidates), posts["topic"])
        topics = lookup(store, USER_TOPIC_ACTIVITY, keys)
    with context.stage("ranking"):
        rows = candidate_rows(user, posts, authors, topics, context.moment)
        rows.update(ranker_scores(context.model, rows, settings.weights))
    with context.stage("rerank"):
        k = body.k or settings.k
        feed = final_feed(rows[POST], rows["score"], rows[AUTHOR], k, settings.max_per_author)
    return rows, feed, known


def answer(context: Context, body: FeedRequest) -> Answer:
    rows, feed, known = rank_feed(context, body)
    where = {post: row for row, post in enumerate(rows.get(POST, ()))}
    served = [(entry, where[entry.item_id]) for entry in feed]
    response = FeedResponse(
        request_id=context.request_id,
        user_id=body.user_id,
        posts=[
            FeedPost(
                post_id=entry.item_id,
                author_id=entry.group,
                topic=str(rows["topic"][row]),
                format=str(rows["format"][row]),
                score=entry.score,
                heads={head: float(rows[f"p_{head}"][row]) for head in HEADS},
            )
            for entry, row in served
        ],
        known_user=known,
        model_version=context.model_version,
    )
    logged = [
        {
            **{name: rows[name][row] for name in LOGGED_COLUMNS},
            POST: entry.item_id,
            AUTHOR: entry.group,
            "position": position,
            "score": entry.score,
        }
        for position, (entry, row) in enumerate(served, start=1)
    ]
    return Answer(response, shared={USER: body.user_id}, rows=logged)


def probe(snapshot: Snapshot, store: OnlineStore) -> FeedRequest:
    return FeedRequest(user_id=known_id(store, USER_ACTIVITY))


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: feed ranking",
    path="/feed",
    summary="A ranked feed for a user",
    request=FeedRequest,
    response=FeedResponse,
    features=MODEL_FEATURES,
    answer=answer,
    probe=probe,
    prepare=prepare,
    ranked=True,
)


def endpoint_for(config: Config) -> Endpoint:
    """The endpoint the gateway serves with `config`."""
    return ENDPOINT


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: stored users, and one never seen before."""
    store = online_store(config)
    return sample_requests(store, USER_ACTIVITY, "/feed", USER, count){% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: a feed for every user the online store holds."""
    return Batch(ENDPOINT, stored_requests(store, USER_ACTIVITY, USER)){% endif %}
