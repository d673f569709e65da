"""The people-you-may-know gateway: POST /people-you-may-know with a user id, get people
the user probably knows, best first."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import CANDIDATE, USER
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import ACTIVITY, FRIENDS, MODEL_FEATURES, VIEWS
from ..offline.dataset import EVENT_TS
from ..offline.evaluate import candidate_count, list_size
from ..offline.train import score
from .features import example_requests as sample_requests
from .gateway import Serving, create_gateway, utc_naive
from .graph import best_friends_of_friends, link_rows, online_people, two_hop
from .suggest import most_connected, with_fallback

MAX_K = 100
PATH = "/people-you-may-know"


class SuggestRequest(BaseModel):
    user_id: str = Field(min_length=1, max_length=128, examples=["p00042"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="how many (config: task.k)")
    at: datetime | None = Field(default=None, description="when the list is for; defaults to now")


class Suggestion(BaseModel):
    user_id: str
    score: float
    friends_in_common: int


class SuggestResponse(BaseModel):
    request_id: str
    user_id: str
    suggestions: list[Suggestion]
    known_user: bool = Field(description="false for a user with no stored features (cold start)")
    model_version: int


def load_popular(serving: Serving) -> None:
    """The fallback candidates, loaded once: the best connected people."""
    count = candidate_count(serving.config)
    serving.extra["popular"] = most_connected(serving.store.all_rows(FRIENDS), count)


def suggest(serving: Serving, body: SuggestRequest) -> tuple[pd.DataFrame, bool]:
    """The best k scored candidates for one request, and whether the user is known."""
    k = body.k or list_size(serving.config)
    people = online_people(serving.store)
    moment = utc_naive(body.at)
    user = people(pd.DataFrame({USER: [body.user_id], EVENT_TS: [moment]}), VIEWS)
    stats = two_hop(user, people)
    pool = best_friends_of_friends(stats, candidate_count(serving.config))
    chosen = with_fallback(body.user_id, user, pool, serving.extra["popular"], k)
    known = bool(user["known"].iloc[0])
    if not chosen:
        return pd.DataFrame(columns=[CANDIDATE, "score", *MODEL_FEATURES.columns]), known
    pairs = pd.DataFrame({USER: body.user_id, CANDIDATE: chosen, EVENT_TS: moment})
    frame = link_rows(pairs, people, user, stats)
    frame = frame.assign(score=score(serving.model, frame, MODEL_FEATURES))
    ranked = frame.sort_values(["score", CANDIDATE], ascending=[False, True], kind="stable")
    return ranked.head(k).reset_index(drop=True), known


def create_app(config: Config) -> FastAPI:
    app = create_gateway(config, f"{__package__.split('.')[0]}: people you may know", load_popular)

    @app.post(PATH, response_model=SuggestResponse, summary="People this user may know")
    def people_you_may_know(body: SuggestRequest, request: Request) -> SuggestResponse:
        serving: Serving = request.app.state.serving
        chosen, known = suggest(serving, body)
        response = SuggestResponse(
            request_id=uuid.uuid4().hex,
            user_id=body.user_id,
            suggestions=[
                Suggestion(
                    user_id=row[CANDIDATE],
                    score=row["score"],
                    friends_in_common=int(row["common_neighbours"]),
                )
                for _, row in chosen.iterrows()
            ],
            known_user=known,
            model_version=serving.champion.version,
        )
        logged_at = datetime.now(UTC).replace(tzinfo=None)
        rows = []
        for position, row in enumerate(chosen.itertuples(index=False), start=1):
            serving.metrics.scores.observe(row.score)
            rows.append(
                {
                    **{name: getattr(row, name) for name in MODEL_FEATURES.columns},
                    "request_id": response.request_id,
                    "logged_at": logged_at,
                    "event_ts": getattr(row, EVENT_TS),
                    USER: body.user_id,
                    CANDIDATE: getattr(row, CANDIDATE),
                    "position": position,
                    "score": row.score,
                    "model_version": response.model_version,
                }
            )
        serving.log.record(rows)
        return response

    return app


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: stored users, and one never seen before."""
    store = SQLiteOnlineStore(config.paths.feature_store)
    return sample_requests(store, ACTIVITY, PATH, USER, count)
