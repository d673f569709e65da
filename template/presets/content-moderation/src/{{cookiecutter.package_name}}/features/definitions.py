"""The moderation features, declared once for the offline ETL and the online gateway.

Two sources of signal: the author's recent history (posts, reports, removals), stored in
the feature store, and the post's own text, which is only known at request time.
"""

from __future__ import annotations

import pandas as pd

from ..entities import AUTHOR, REMOVAL, REPORT, TEXT
from .views import Aggregation, Attribute, FeatureSet, FeatureView

SECONDS_PER_DAY = 86_400.0

# An author's posts and the moderation events on them, as one stream of events.
DERIVED_SOURCES: dict[str, str] = {
    "author_events": f"""
        SELECT {AUTHOR}, posted_at AS event_at, 'post' AS action FROM posts
        UNION ALL
        SELECT {AUTHOR}, event_at, action FROM moderation_events
    """,
}

AUTHOR_HISTORY = FeatureView(
    name="author_history",
    entity=AUTHOR,
    source="author_events",
    timestamp="event_at",
    aggregations=(
        Aggregation("author_posts_30d", "count", 30, where="action = 'post'"),
        Aggregation("author_reports_30d", "count", 30, where=f"action = '{REPORT}'"),
        Aggregation("author_removals_7d", "count", 7, where=f"action = '{REMOVAL}'"),
        Aggregation("author_removals_30d", "count", 30, where=f"action = '{REMOVAL}'"),
    ),
)

AUTHOR_PROFILE = FeatureView(
    name="author_profile",
    entity=AUTHOR,
    source="authors",
    timestamp="joined_at",
    attributes=(Attribute("joined_day", f"epoch(joined_at) / {SECONDS_PER_DAY}", "in epoch days"),),
)

VIEWS = (AUTHOR_HISTORY, AUTHOR_PROFILE)

MODEL_FEATURES = FeatureSet(
    numeric=(
        "author_posts_30d",
        "author_reports_30d",
        "author_removals_7d",
        "author_removals_30d",
        "author_removal_rate",
        "account_age_days",
        "text_words",
        "caps_share",
        "exclamations",
        "links",
    ),
    text=TEXT,
)


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Features of the post itself, and of its author at the post's moment (`event_ts`).

    The training-set builder and the gateway both call this, on the same columns. An
    author without a stored profile counts as a brand-new account.
    """
    event_day = frame["event_ts"].astype("datetime64[us]").astype("int64") / 1e6 / SECONDS_PER_DAY
    joined_day = pd.to_numeric(frame["joined_day"]).fillna(event_day)
    text = frame[TEXT].fillna("").astype(str)
    letters = text.str.count(r"[A-Za-z]").clip(lower=1)
    return frame.assign(
        author_removal_rate=frame["author_removals_30d"] / (frame["author_posts_30d"] + 1.0),
        account_age_days=(event_day - joined_day).clip(lower=0.0),
        text_words=text.str.split().str.len().astype(float),
        caps_share=text.str.count(r"[A-Z]") / letters,
        exclamations=text.str.count("!").astype(float),
        links=text.str.count(r"https?://").astype(float),
        **{TEXT: text},
    )
