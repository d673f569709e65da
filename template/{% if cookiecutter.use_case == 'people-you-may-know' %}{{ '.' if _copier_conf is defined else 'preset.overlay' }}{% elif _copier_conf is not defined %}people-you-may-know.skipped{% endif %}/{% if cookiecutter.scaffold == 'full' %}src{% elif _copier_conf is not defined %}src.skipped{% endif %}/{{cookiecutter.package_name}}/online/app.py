"""The people-you-may-know gateway: POST /people-you-may-know with a user id, get people
the user probably knows, best first."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import CANDIDATE, USER
from ..feature_store import OnlineStore, online_store
from ..features.definitions import ACTIVITY, FRIENDS, MODEL_FEATURES, VIEWS
from ..models.compiled import CompiledModel
from ..offline.evaluate import candidate_count, list_size
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import KNOWN, Catalog, known_id{% if cookiecutter.serving != 'online' %}, stored_requests{% endif %}
from .features import example_requests as sample_requests
from .graph import (
    best_reached,
    candidate_rows,
    friend_lists,
    friends_of_friends,
    lookup_people,
)
from .suggest import most_connected, with_fallback

MAX_K = 100
PATH = "/people-you-may-know"


class SuggestRequest(PredictionRequest):
    user_id: str = Field(min_length=1, max_length=128, examples=["p00042"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="how many (config: task.k)")


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


@dataclass(frozen=True)
class Resources:
    popular: tuple[str, ...]  # the fallback candidates: the best connected people
    people: Catalog  # everyone's stored features: candidates and friends are ranked from it
    k: int
    candidates: int


def prepare(store: OnlineStore, model: CompiledModel, config: Config) -> Resources:
    """The fallback candidates and the people's features, once per store generation."""
    count = candidate_count(config)
    friends = store.all_rows(FRIENDS)
    everyone = set(friends.index).union(*(store.all_rows(view).index for view in VIEWS))
    people = Catalog(store, VIEWS, sorted(everyone))
    return Resources(most_connected(friends, count), people, list_size(config), count)


def suggest(
    context: Context, body: SuggestRequest
) -> tuple[dict[str, np.ndarray], np.ndarray, bool]:
    """Friends of friends (topped up with the best connected), scored: every candidate's
    model inputs and `score`, the positions of the best k among them, best first, and
    whether the user is known."""
    resources: Resources = context.resources
    store = context.store
    k = body.k or resources.k
    with context.stage("lookup"):
        user = lookup_people(store, [body.user_id])
    with context.stage("retrieval"):
        friends = friend_lists(user["friends"])[0]
        stats = friends_of_friends(body.user_id, friends, resources.people.rows(friends))
        pool = best_reached(stats, resources.candidates).tolist()
        chosen = with_fallback(body.user_id, friends, pool, resources.popular, k)
    known = bool(user[KNOWN][0])
    if not chosen:
        return {}, np.array([], dtype=np.intp), known
    with context.stage("lookup"):
        candidates = resources.people.rows(chosen)
    with context.stage("ranking"):
        rows = candidate_rows(user, candidates, stats, context.moment)
        rows["score"] = context.model.score(rows)
        best = np.lexsort((rows[CANDIDATE], -rows["score"]))[:k]
    return rows, best, known


def answer(context: Context, body: SuggestRequest) -> Answer:
    rows, best, known = suggest(context, body)
    chosen = best.tolist()
    response = SuggestResponse(
        request_id=context.request_id,
        user_id=body.user_id,
        suggestions=[
            Suggestion(
                user_id=rows[CANDIDATE][row],
                score=rows["score"][row],
                friends_in_common=int(rows["common_neighbours"][row]),
            )
            for row in chosen
        ],
        known_user=known,
        model_version=context.model_version,
    )
    logged = [
        {
            **{name: rows[name][row] for name in MODEL_FEATURES.columns},
            CANDIDATE: rows[CANDIDATE][row],
            "position": position,
            "score": float(rows["score"][row]),
        }
        for position, row in enumerate(chosen, start=1)
    ]
    return Answer(response, shared={USER: body.user_id}, rows=logged)


def probe(snapshot: Snapshot, store: OnlineStore) -> SuggestRequest:
    """A user with friends, so that the probe goes through the friends of friends."""
    return SuggestRequest(user_id=known_id(store, FRIENDS))


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: people you may know",
    path=PATH,
    summary="People this user may know",
    request=SuggestRequest,
    response=SuggestResponse,
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
    return sample_requests(store, ACTIVITY, PATH, USER, count){% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: suggestions for every user the online store holds."""
    return Batch(ENDPOINT, stored_requests(store, ACTIVITY, USER)){% endif %}
