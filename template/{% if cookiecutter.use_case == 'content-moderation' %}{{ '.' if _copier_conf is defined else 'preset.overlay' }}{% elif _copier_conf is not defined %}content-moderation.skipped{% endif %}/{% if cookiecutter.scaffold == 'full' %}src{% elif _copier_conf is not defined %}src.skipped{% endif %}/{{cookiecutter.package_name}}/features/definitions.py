"""The moderation features, declared once for the offline ETL and the online gateway.

Two sources of signal: the author's recent history (posts, reports, removals), stored in
the feature store, and the post's own text, which is only known at request time.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..entities import AUTHOR, REMOVAL, REPORT, TEXT
from .columns import Columns, epoch_seconds, numbers, texts, with_columns
from .views import Aggregation, Attribute, FeatureSet, FeatureView

SECONDS_PER_DAY = 86_400.0
LETTER = re.compile(r"[A-Za-z]")
CAPITAL = re.compile(r"[A-Z]")
LINK = re.compile(r"https?://")

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
        Aggregation("author_posts_30d", "count", 30, where="action = 'post'", model="numeric"),
        Aggregation(
            "author_reports_30d", "count", 30, where=f"action = '{REPORT}'", model="numeric"
        ),
        Aggregation(
            "author_removals_7d", "count", 7, where=f"action = '{REMOVAL}'", model="numeric"
        ),
        Aggregation(
            "author_removals_30d", "count", 30, where=f"action = '{REMOVAL}'", model="numeric"
        ),
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

# The model's inputs: the view features declared with `model=`, then these, computed at
# request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(
    VIEWS,
    numeric=(
        "author_removal_rate",
        "account_age_days",
        "text_words",
        "caps_share",
        "exclamations",
        "links",
    ),
    text=TEXT,
)


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Features of the post itself, and of its author at the post's moment (`event_ts`).

    The one definition of these features: the gateway calls it on a request's row, the
    training-set builder on the whole frame (through `add_request_features`). An author
    without a stored profile counts as a brand-new account.
    """
    event_day = epoch_seconds(columns["event_ts"]) / SECONDS_PER_DAY
    joined_day = numbers(columns["joined_day"])
    joined_day = np.where(np.isnan(joined_day), event_day, joined_day)
    removals, posts = numbers(columns["author_removals_30d"]), numbers(columns["author_posts_30d"])
    text = texts(columns[TEXT], missing="")
    words, capitals, letters, exclamations, links = text_counts(text).T
    return {
        "author_removal_rate": removals / (posts + 1.0),
        "account_age_days": np.clip(event_day - joined_day, 0.0, None),
        "text_words": words,
        "caps_share": capitals / np.maximum(letters, 1.0),
        "exclamations": exclamations,
        "links": links,
        TEXT: text,
    }


def text_counts(text: np.ndarray) -> np.ndarray:
    """Per text: words, capital letters, letters, exclamation marks and links (one row each).

    A loop over the texts with str methods and compiled patterns, counting what pandas'
    `str.count` and `str.split` counted: a request has one text, and a training set of
    tens of thousands takes a fraction of a second.
    """
    counts = [
        (
            len(value.split()),
            len(CAPITAL.findall(value)),
            len(LETTER.findall(value)),
            value.count("!"),
            len(LINK.findall(value)),
        )
        for value in text
    ]
    return np.array(counts, dtype=float).reshape(len(text), 5)


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
