"""The similar-items features, declared once for the offline ETL and the online gateway.

Per listing: its profile (category, city, price), its recent views and bookings, and its
embedding from co-views in sessions. Per (anchor, candidate) pair: how often the two were
viewed in the same session. The re-ranker's inputs compare an anchor with a candidate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from ..entities import ITEM, PAIR
from .columns import Columns, merge, numbers, with_columns
from .embeddings import daily_snapshots, embedding_columns
from .views import Aggregation, Attribute, FeatureSet, FeatureView

ANCHOR_PREFIX = "anchor_"
EMBEDDING = embedding_columns()
ANCHOR_EMBEDDING = [ANCHOR_PREFIX + name for name in EMBEDDING]


def item_embeddings(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Daily embedding snapshots, for every day that has page views."""
    bounds = connection.sql(
        "SELECT MIN(CAST(viewed_at AS DATE)), MAX(CAST(viewed_at AS DATE)) FROM page_views"
    ).fetchall()[0]
    days = pd.date_range(bounds[0], bounds[1], freq="D") if bounds[0] else pd.DatetimeIndex([])
    co_views = connection.sql("SELECT item_a, item_b, viewed_at FROM co_views").df()
    items = connection.sql(f"SELECT {ITEM}, updated_at FROM items").df()
    return daily_snapshots(co_views, items, days, ITEM)


DERIVED_SOURCES = {
    # Views and bookings as one stream of item events.
    "item_events": f"""
        SELECT {ITEM}, viewed_at AS happened_at, false AS booked FROM page_views
        UNION ALL
        SELECT {ITEM}, booked_at AS happened_at, true AS booked FROM bookings
    """,
    # One row per unordered pair of listings viewed in the same session, at the moment the
    # second of the two was first viewed.
    "co_views": f"""
        WITH firsts AS (
            SELECT session_id, CAST({ITEM} AS VARCHAR) AS {ITEM}, MIN(viewed_at) AS viewed_at
            FROM page_views GROUP BY ALL
        )
        SELECT a.{ITEM} AS item_a, b.{ITEM} AS item_b, a.{ITEM} || '|' || b.{ITEM} AS {PAIR},
               GREATEST(a.viewed_at, b.viewed_at) AS viewed_at
        FROM firsts AS a JOIN firsts AS b
          ON a.session_id = b.session_id AND a.{ITEM} < b.{ITEM}
    """,
    # The running count of sessions that viewed both listings of a pair, as of the start of
    # each day after a co-view: one row per pair and day with co-views, not a dense grid.
    "co_view_counts": f"""
        SELECT {PAIR},
               CAST(day + INTERVAL 1 DAY AS TIMESTAMP) AS counted_at,
               CAST(SUM(COUNT(*)) OVER (PARTITION BY {PAIR} ORDER BY day) AS DOUBLE)
                   AS co_views_total
        FROM (SELECT {PAIR}, CAST(viewed_at AS DATE) AS day FROM co_views)
        GROUP BY {PAIR}, day
    """,
    "item_embeddings": item_embeddings,
}

ITEM_PROFILE = FeatureView(
    name="item_profile",
    entity=ITEM,
    source="items",
    timestamp="updated_at",
    attributes=(
        Attribute("category", "category"),
        Attribute("city", "city"),
        Attribute("price", "price"),
    ),
)

ITEM_ACTIVITY = FeatureView(
    name="item_activity",
    entity=ITEM,
    source="item_events",
    timestamp="happened_at",
    aggregations=(
        Aggregation("views_28d", "count", 28, where="NOT booked"),
        Aggregation("bookings_28d", "count", 28, where="booked"),
    ),
)

ITEM_EMBEDDING = FeatureView(
    name="item_embedding",
    entity=ITEM,
    source="item_embeddings",
    timestamp="snapshot_at",
    attributes=tuple(Attribute(column, column) for column in EMBEDDING),
)

PAIR_CO_VIEWS = FeatureView(
    name="pair_co_views",
    entity=PAIR,
    source="co_view_counts",
    timestamp="counted_at",
    attributes=(Attribute("co_views_total", "co_views_total"),),
)

ANCHOR_VIEWS = (ITEM_PROFILE, ITEM_EMBEDDING)
ITEM_VIEWS = (ITEM_PROFILE, ITEM_ACTIVITY, ITEM_EMBEDDING)
VIEWS = (*ITEM_VIEWS, PAIR_CO_VIEWS)
ANCHOR_FEATURES = tuple(name for view in ANCHOR_VIEWS for name in view.features)
ITEM_FEATURES = tuple(name for view in ITEM_VIEWS for name in view.features)

# The model's inputs: the view features declared with `model=` (none here), then these,
# stored or computed at request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(
    VIEWS,
    numeric=(
        "cosine",
        "co_views",
        "same_category",
        "same_city",
        "price_ratio",
        "popularity",
        "booking_rate",
    ),
)


def assemble(
    spine: Columns, anchors: Columns, candidates: Columns, pairs: Columns
) -> dict[str, np.ndarray]:
    """The stored features of (anchor, candidate) pairs, row by row: the spine's columns, the
    anchor's (as `anchor_<name>`), the candidate's and the pair's.

    All four are aligned rows of one length: the gateway passes one anchor's row repeated
    beside its candidates' online values, the training-set builder point-in-time frames.
    Both then add the request features, so both build the same inputs.
    """
    return merge(
        spine,
        {ANCHOR_PREFIX + name: anchors[name] for name in ANCHOR_FEATURES},
        {name: candidates[name] for name in ITEM_FEATURES},
        {name: pairs[name] for name in PAIR_CO_VIEWS.features},
    )


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Features of (anchor, candidate) pairs, from the stored features of both and of the pair.

    The one definition of these features: the gateway calls it on an anchor's candidate
    rows, the training-set builder on the whole frame (through `add_request_features`).
    A listing without an embedding (never co-viewed) has cosine 0 with everything.
    """
    anchor, candidate = _dimensions(columns, ANCHOR_EMBEDDING), _dimensions(columns, EMBEDDING)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log(numbers(columns["price"]) / numbers(columns[ANCHOR_PREFIX + "price"]))
    views = numbers(columns["views_28d"])
    return {
        "cosine": np.nan_to_num(anchor * candidate).sum(axis=0),
        "co_views": np.log1p(numbers(columns["co_views_total"], 0.0)),
        "same_category": same_value(columns["category"], columns[ANCHOR_PREFIX + "category"]),
        "same_city": same_value(columns["city"], columns[ANCHOR_PREFIX + "city"]),
        "price_ratio": np.where(np.isfinite(ratio), ratio, 0.0),
        "popularity": np.log1p(views),
        "booking_rate": (numbers(columns["bookings_28d"]) + 1.0) / (views + 10.0),
    }


def _dimensions(columns: Columns, names: Sequence[str]) -> np.ndarray:
    """One row per embedding dimension, missing values NaN; summing over dimensions then
    adds them one after the other, in the same order for one row as for a million."""
    return np.array([columns[name] for name in names], dtype=float)


def same_value(first: Any, second: Any) -> np.ndarray:
    """1.0 where both rows hold the same text; a missing value (None, NaN) matches nothing."""
    pairs = zip(np.asarray(first, dtype=object), np.asarray(second, dtype=object), strict=True)
    return np.array(
        [isinstance(a, str) and isinstance(b, str) and a == b for a, b in pairs], dtype=float
    )


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
