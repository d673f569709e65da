"""Ranking and the final feed, shared by the gateway and by offline evaluation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..config import Config
from ..entities import POST
from ..features.columns import Columns, merge, repeat
from ..features.definitions import AUTHOR_ACTIVITY, USER_TOPIC_ACTIVITY, request_features
from ..models.compiled import CompiledModel
from ..offline.heads import HEADS, engagement_score, head_weights
from .features import KNOWN
from .rerank import Scored, diversify


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


def followed_authors(user: Mapping, row: int = 0) -> list[str]:
    """The authors one user follows: from a user's row, or the `row`-th of user columns."""
    value = np.ravel(user["followed_authors"])[row]
    return str(value).split() if isinstance(value, str) else []


def candidate_rows(
    user: Columns, posts: Columns, authors: Columns, topics: Columns, moment: np.datetime64
) -> dict[str, np.ndarray]:
    """Model inputs of one user's candidates: the user's stored features beside each post's,
    its author's and the user's clicks in its topic (`authors` and `topics` have one row
    per post, in the same order)."""
    count = len(posts[POST])
    columns = merge(
        repeat({name: values for name, values in user.items() if name != KNOWN}, count),
        {name: values for name, values in posts.items() if name != KNOWN},
        {name: authors[name] for name in AUTHOR_ACTIVITY.features},
        {name: topics[name] for name in USER_TOPIC_ACTIVITY.features},
        {"event_ts": np.full(count, moment)},
    )
    return merge(columns, request_features(columns))


def ranker_scores(
    model: CompiledModel, columns: Columns, weights: Mapping[str, float]
) -> dict[str, np.ndarray]:
    """Each head's probability (`p_<head>`) and their weighted `score`, one per row."""
    heads = model.head_scores(columns)
    return {
        **{f"p_{head}": heads[head] for head in HEADS},
        "score": engagement_score(heads, weights),
    }


def final_feed(
    post_ids: Sequence[str], scores: Sequence[float], authors: Sequence[str], k: int, cap: int
) -> list[Scored]:
    """One user's ranked candidates, re-ranked so no author fills the feed, top k."""
    entries = [
        Scored(str(post), float(value), str(author))
        for post, value, author in zip(post_ids, scores, authors, strict=True)
    ]
    return diversify(entries, k, cap)
