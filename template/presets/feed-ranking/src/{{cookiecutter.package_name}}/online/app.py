"""The feed gateway: POST /feed with a user id, get a ranked feed of fresh posts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import AUTHOR, POST, USER
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import (
    AUTHOR_ACTIVITY,
    MODEL_FEATURES,
    POST_ACTIVITY,
    POST_PROFILE,
    USER_ACTIVITY,
    USER_FOLLOWS,
)
from ..offline.heads import HEADS
from .features import example_requests as sample_requests
from .features import lookup
from .gateway import Serving, create_gateway, utc_naive
from .ranking import FeedSettings, assemble, final_feed, followed_authors, rank
from .retrieval import PostIndex

MAX_K = 100


class FeedRequest(BaseModel):
    user_id: str = Field(min_length=1, max_length=128, examples=["u00042"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="feed length (config: task.k)")
    at: datetime | None = Field(default=None, description="when the feed is for; defaults to now")


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


def load_index(serving: Serving) -> None:
    """Settings and the retrieval index, once, from the post features in the online store."""
    settings = FeedSettings.from_config(serving.config)
    store = serving.store
    clicks = store.all_rows(POST_ACTIVITY)[["post_clicks_3d"]]
    posts = store.all_rows(POST_PROFILE).join(clicks, how="left").fillna({"post_clicks_3d": 0})
    serving.extra["settings"] = settings
    serving.extra["index"] = PostIndex.from_posts(
        posts.rename_axis(POST).reset_index(), settings.recent_days
    )


def rank_feed(serving: Serving, body: FeedRequest) -> tuple[pd.DataFrame, list, bool]:
    """Retrieve, rank and re-rank: every scored candidate (by post id), the feed, known user."""
    settings: FeedSettings = serving.extra["settings"]
    index: PostIndex = serving.extra["index"]
    at = utc_naive(body.at)
    store = serving.store
    user = lookup(store, USER_ACTIVITY, [body.user_id]).merge(
        lookup(store, USER_FOLLOWS, [body.user_id]).drop(columns="known"), on=USER
    )
    known = bool(user["known"].iloc[0])
    candidates = index.candidates(followed_authors(user.iloc[0]), at, settings.candidates)
    if not candidates:  # a moment before the first post: nothing to show
        return pd.DataFrame(), [], known
    posts = lookup(store, POST_ACTIVITY, candidates).merge(
        lookup(store, POST_PROFILE, candidates).drop(columns="known"), on=POST
    )
    authors = lookup(store, AUTHOR_ACTIVITY, posts[AUTHOR].dropna().unique().tolist())
    pairs = pd.DataFrame({USER: body.user_id, POST: candidates}, columns=[USER, POST])
    frame = assemble(pairs, user, posts, authors, at)
    ranked = rank(serving.model, frame, settings.weights)
    feed = final_feed(ranked, body.k or settings.k, settings.max_per_author)
    return ranked.set_index(POST), feed, known


def create_app(config: Config) -> FastAPI:
    app = create_gateway(config, f"{__package__.split('.')[0]}: feed ranking", load_index)

    @app.post("/feed", response_model=FeedResponse, summary="A ranked feed for a user")
    def feed(body: FeedRequest, request: Request) -> FeedResponse:
        serving: Serving = request.app.state.serving
        ranked, chosen, known = rank_feed(serving, body)
        response = FeedResponse(
            request_id=uuid.uuid4().hex,
            user_id=body.user_id,
            posts=[
                FeedPost(
                    post_id=entry.item_id,
                    author_id=entry.group,
                    topic=str(ranked.loc[entry.item_id, "topic"]),
                    format=str(ranked.loc[entry.item_id, "format"]),
                    score=entry.score,
                    heads={h: float(ranked.loc[entry.item_id, f"p_{h}"]) for h in HEADS},
                )
                for entry in chosen
            ],
            known_user=known,
            model_version=serving.champion.version,
        )
        serving.log.record(log_rows(serving, response, ranked))
        return response

    return app


def log_rows(serving: Serving, response: FeedResponse, ranked: pd.DataFrame) -> list[dict]:
    """One row per served post: its model inputs, heads and score, for monitoring and for
    joining with the engagement it later gets."""
    logged_at = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for position, post in enumerate(response.posts, start=1):
        serving.metrics.scores.observe(post.score)
        row = ranked.loc[post.post_id]
        rows.append(
            {
                **row[list(MODEL_FEATURES.columns)].to_dict(),
                **{f"p_{head}": value for head, value in post.heads.items()},
                "request_id": response.request_id,
                "logged_at": logged_at,
                "event_ts": row["event_ts"],
                USER: response.user_id,
                POST: post.post_id,
                AUTHOR: post.author_id,
                "position": position,
                "score": post.score,
                "model_version": response.model_version,
            }
        )
    return rows


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: stored users, and one never seen before."""
    store = SQLiteOnlineStore(config.paths.feature_store)
    return sample_requests(store, USER_ACTIVITY, "/feed", USER, count)
