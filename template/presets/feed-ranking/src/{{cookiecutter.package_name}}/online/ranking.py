"""Ranking and the final feed, shared by the gateway and by offline evaluation."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..config import Config
from ..entities import AUTHOR, POST, USER
from ..features.definitions import add_request_features
from ..models.compiled import CompiledModel
from ..offline.heads import HEADS, engagement_score, head_weights
from .rerank import Scored, diversify

STORE_COLUMNS = ("known", "event_ts", "feature_ts")


@dataclass(frozen=True)
class FeedSettings:
    k: int
    candidates: int
    max_per_author: int
    recent_days: float
    weights: dict[str, float]

    @classmethod
    def from_config(cls, config: Config) -> FeedSettings:
        task = config.task
        return cls(
            k=int(task.get("k", 10)),
            candidates=int(task.get("candidates", 50)),
            max_per_author=int(task.get("max_per_author", 2)),
            recent_days=float(task.get("recent_days", 3)),
            weights=head_weights(config),
        )


def followed_authors(user_row: pd.Series) -> list[str]:
    value = user_row.get("followed_authors")
    return str(value).split() if isinstance(value, str) else []


def assemble(
    pairs: pd.DataFrame,
    users: pd.DataFrame,
    posts: pd.DataFrame,
    authors: pd.DataFrame,
    event_ts: pd.Timestamp,
) -> pd.DataFrame:
    """Model inputs for (user, post) pairs, from looked-up rows of users, posts, authors."""

    def stored(rows: pd.DataFrame) -> pd.DataFrame:
        return rows.drop(columns=[c for c in STORE_COLUMNS if c in rows])

    frame = (
        pairs.merge(stored(users), on=USER, how="left")
        .merge(stored(posts), on=POST, how="left")
        .merge(stored(authors), on=AUTHOR, how="left")
    )
    return add_request_features(frame.assign(event_ts=event_ts))


def rank(model: CompiledModel, frame: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
    """`frame` with each head's probability (`p_<head>`) and the weighted `score`."""
    heads = pd.DataFrame(model.head_scores(frame), index=frame.index)
    return frame.assign(
        **{f"p_{head}": heads[head] for head in HEADS},
        score=engagement_score(heads, weights),
    )


def final_feed(ranked: pd.DataFrame, k: int, max_per_author: int) -> list[Scored]:
    """One user's ranked candidates, re-ranked so no author fills the feed, top k."""
    entries = [
        Scored(post, float(value), str(author))
        for post, value, author in zip(ranked[POST], ranked["score"], ranked[AUTHOR], strict=True)
    ]
    return diversify(entries, k, max_per_author)
