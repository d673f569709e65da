"""The feed's features, declared once for the offline ETL and the online gateway."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..entities import AUTHOR, POST, TOPICS, USER
from .transforms import smoothed_rate
from .views import Aggregation, Attribute, FeatureSet, FeatureView

DERIVED_SOURCES: dict[str, str] = {
    # Impressions with their post's author and topic, for per-author and per-topic counts.
    "engagements": f"""
        SELECT impressions.*, posts.{AUTHOR}, posts.topic
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


def topic_clicks(topic: str) -> str:
    return f"clicks_{topic}_30d"


USER_ACTIVITY = FeatureView(
    name="user_activity",
    entity=USER,
    source="engagements",
    timestamp="shown_at",
    aggregations=(
        Aggregation("user_impressions_30d", "count", 30),
        Aggregation("user_clicks_30d", "count", 30, where="clicked"),
        Aggregation("user_likes_30d", "count", 30, where="liked"),
        *(
            Aggregation(topic_clicks(t), "count", 30, where=f"clicked AND topic = '{t}'")
            for t in TOPICS
        ),
    ),
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
        Aggregation("post_dwell_3d", "mean", 3, column="dwell_seconds", where="clicked"),
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
        Attribute("format", "format"),
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
VIEWS = (*USER_VIEWS, *POST_VIEWS, *AUTHOR_VIEWS)

MODEL_FEATURES = FeatureSet(
    numeric=(
        "user_ctr_30d",
        "user_like_rate_30d",
        "topic_affinity",
        "follows_author",
        "post_ctr_3d",
        "post_like_rate_3d",
        "post_dwell_3d",
        "author_ctr_28d",
        "author_like_rate_28d",
        "post_age_hours",
    ),
    categorical=("format",),
)


def follows(followed_authors: pd.Series, authors: pd.Series) -> np.ndarray:
    """1.0 where the author is in the user's space-separated list of followed authors."""
    lists = followed_authors.fillna("").astype(str).str.split()
    return np.array(
        [float(author in followed) for followed, author in zip(lists, authors, strict=True)]
    )


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Features of a (user, post) pair at `event_ts`, from the stored features of the user,
    the post and its author. The training-set builder and the gateway both call this."""
    per_topic = frame[[topic_clicks(t) for t in TOPICS]].to_numpy(dtype=float)
    position = frame["topic"].map({t: i for i, t in enumerate(TOPICS)})
    known = position.notna().to_numpy()
    chosen = np.zeros(len(frame))
    rows = np.flatnonzero(known)
    chosen[rows] = per_topic[rows, position[known].astype(int).to_numpy()]
    user_clicks = frame["user_clicks_30d"].to_numpy(dtype=float)
    seconds = (pd.to_datetime(frame["event_ts"]) - pd.Timestamp(0)).dt.total_seconds()
    age = (seconds - pd.to_numeric(frame["created_epoch"])) / 3_600
    return frame.assign(
        user_ctr_30d=smoothed_rate(frame["user_clicks_30d"], frame["user_impressions_30d"], 0.2),
        user_like_rate_30d=smoothed_rate(frame["user_likes_30d"], frame["user_clicks_30d"], 0.5),
        topic_affinity=(chosen + 0.5) / (user_clicks + 0.5 * len(TOPICS)),
        follows_author=follows(frame["followed_authors"], frame[AUTHOR]),
        post_ctr_3d=smoothed_rate(frame["post_clicks_3d"], frame["post_impressions_3d"], 0.2),
        post_like_rate_3d=smoothed_rate(frame["post_likes_3d"], frame["post_clicks_3d"], 0.5),
        author_ctr_28d=smoothed_rate(
            frame["author_clicks_28d"], frame["author_impressions_28d"], 0.2
        ),
        author_like_rate_28d=smoothed_rate(
            frame["author_likes_28d"], frame["author_clicks_28d"], 0.5
        ),
        post_age_hours=age.fillna(0.0).clip(lower=0.0),
        format=frame["format"].fillna("unknown").astype(str),
    )
