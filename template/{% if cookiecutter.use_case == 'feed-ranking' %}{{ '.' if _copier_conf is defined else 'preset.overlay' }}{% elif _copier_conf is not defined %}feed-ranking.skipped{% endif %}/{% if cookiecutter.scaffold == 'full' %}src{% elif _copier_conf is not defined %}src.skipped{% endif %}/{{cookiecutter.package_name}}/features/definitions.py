"""The feed's features, declared once for the offline ETL and the online gateway.

No list of topics lives in code: a user's clicks per topic are a view keyed by the
(user, topic) pair, so whatever topics the posts have become features.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..entities import AUTHOR, POST, USER
from .columns import Columns, epoch_seconds, numbers, with_columns
from .keys import pair_key_sql
from .transforms import smoothed_rate
from .views import Aggregation, Attribute, FeatureSet, FeatureView

CTR_PRIOR = 0.2  # the click-through rate assumed before any impression
LIKE_PRIOR = 0.5  # the share of clicks liked, assumed before any click
AFFINITY_PRIOR_CLICKS = 4.0  # clicks spread over the topics before any is seen
USER_TOPIC = "user_topic"  # the key of a (user, topic) pair: features/keys.py

DERIVED_SOURCES: dict[str, str] = {
    # Impressions with their post's author and topic, for per-author and per-topic counts.
    "engagements": f"""
        SELECT impressions.*, posts.{AUTHOR}, posts.topic,
               {pair_key_sql(f"impressions.{USER}", "posts.topic")} AS {USER_TOPIC}
        FROM impressions LEFT JOIN posts USING ({POST})
    """,
    # After each follow, every author the user follows so far, as one space-separated list.
    "follow_lists": f"""
        SELECT {USER}, followed_at,
            string_agg({AUTHOR}, ' ') OVER (
                PARTITION BY {USER} ORDER BY followed_at, {AUTHOR}
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
            ) AS followed_authors
        FROM follows
        QUALIFY row_number() OVER (
            PARTITION BY {USER}, followed_at ORDER BY {AUTHOR} DESC
        ) = 1
    """,
}


USER_ACTIVITY = FeatureView(
    name="user_activity",
    entity=USER,
    source="engagements",
    timestamp="shown_at",
    aggregations=(
        Aggregation("user_impressions_30d", "count", 30),
        Aggregation("user_clicks_30d", "count", 30, where="clicked"),
        Aggregation("user_likes_30d", "count", 30, where="liked"),
    ),
)

USER_TOPIC_ACTIVITY = FeatureView(
    name="user_topic_activity",
    entity=USER_TOPIC,
    source="engagements",
    timestamp="shown_at",
    aggregations=(Aggregation("user_topic_clicks_30d", "count", 30, where="clicked"),),
)

USER_FOLLOWS = FeatureView(
    name="user_follows",
    entity=USER,
    source="follow_lists",
    timestamp="followed_at",
    attributes=(Attribute("followed_authors", "followed_authors"),),
)

POST_ACTIVITY = FeatureView(
    name="post_activity",
    entity=POST,
    source="impressions",
    timestamp="shown_at",
    aggregations=(
        Aggregation("post_impressions_3d", "count", 3),
        Aggregation("post_clicks_3d", "count", 3, where="clicked"),
        Aggregation("post_likes_3d", "count", 3, where="liked"),
        Aggregation(
            "post_dwell_3d", "mean", 3, column="dwell_seconds", where="clicked", model="numeric"
        ),
    ),
)

POST_PROFILE = FeatureView(
    name="post_profile",
    entity=POST,
    source="posts",
    timestamp="created_at",
    attributes=(
        Attribute(AUTHOR, AUTHOR),
        Attribute("topic", "topic"),
        Attribute("format", "format", default="unknown", model="categorical"),
        Attribute("created_epoch", "CAST(epoch(created_at) AS DOUBLE)"),
    ),
)

AUTHOR_ACTIVITY = FeatureView(
    name="author_activity",
    entity=AUTHOR,
    source="engagements",
    timestamp="shown_at",
    aggregations=(
        Aggregation("author_impressions_28d", "count", 28),
        Aggregation("author_clicks_28d", "count", 28, where="clicked"),
        Aggregation("author_likes_28d", "count", 28, where="liked"),
    ),
)

USER_VIEWS = (USER_ACTIVITY, USER_FOLLOWS)
POST_VIEWS = (POST_ACTIVITY, POST_PROFILE)
# Joined on the post's author, which the post's profile provides: after USER and POST views.
AUTHOR_VIEWS = (AUTHOR_ACTIVITY,)
PAIR_VIEWS = (USER_TOPIC_ACTIVITY,)  # joined once the post's topic is known
VIEWS = (*USER_VIEWS, *POST_VIEWS, *AUTHOR_VIEWS, *PAIR_VIEWS)

# The model's inputs: the view features declared with `model=`, then these, computed at
# request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(
    VIEWS,
    numeric=(
        "user_ctr_30d",
        "user_like_rate_30d",
        "topic_affinity",
        "follows_author",
        "post_ctr_3d",
        "post_like_rate_3d",
        "author_ctr_28d",
        "author_like_rate_28d",
        "post_age_hours",
    ),
)


def follows(followed_authors: Any, authors: Any) -> np.ndarray:
    """1.0 where the author is in the user's space-separated list of followed authors."""
    pairs = zip(
        np.asarray(followed_authors, dtype=object), np.asarray(authors, dtype=object), strict=True
    )
    return np.array(
        [isinstance(followed, str) and author in followed.split() for followed, author in pairs],
        dtype=float,
    )


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Features of (user, post) pairs at `event_ts`, from the stored features of the user,
    the post and its author.

    The one definition of these features: the gateway calls it on a request's candidate
    rows, the training-set builder on the whole frame (through `add_request_features`).
    """
    clicks_in_topic = numbers(columns["user_topic_clicks_30d"], 0.0)
    age = (epoch_seconds(columns["event_ts"]) - numbers(columns["created_epoch"])) / 3_600

    def rate(events: str, trials: str, prior: float) -> np.ndarray:
        return smoothed_rate(columns[events], columns[trials], prior)

    return {
        "user_ctr_30d": rate("user_clicks_30d", "user_impressions_30d", CTR_PRIOR),
        "user_like_rate_30d": rate("user_likes_30d", "user_clicks_30d", LIKE_PRIOR),
        "topic_affinity": (clicks_in_topic + 0.5)
        / (numbers(columns["user_clicks_30d"]) + AFFINITY_PRIOR_CLICKS),
        "follows_author": follows(columns["followed_authors"], columns[AUTHOR]),
        "post_ctr_3d": rate("post_clicks_3d", "post_impressions_3d", CTR_PRIOR),
        "post_like_rate_3d": rate("post_likes_3d", "post_clicks_3d", LIKE_PRIOR),
        "author_ctr_28d": rate("author_clicks_28d", "author_impressions_28d", CTR_PRIOR),
        "author_like_rate_28d": rate("author_likes_28d", "author_clicks_28d", LIKE_PRIOR),
        "post_age_hours": np.clip(np.where(np.isnan(age), 0.0, age), 0.0, None),
    }


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
