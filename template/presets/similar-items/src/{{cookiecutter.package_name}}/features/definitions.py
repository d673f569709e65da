"""The similar-items features, declared once for the offline ETL and the online gateway.

Per listing: its profile (category, city, price), its recent views and bookings, and its
embedding from co-views in sessions. Per (anchor, candidate) pair: how often the two were
viewed in the same session. The re-ranker's inputs compare an anchor with a candidate.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from ..entities import ITEM, PAIR
from .embeddings import daily_snapshots, embedding_columns
from .views import Aggregation, Attribute, FeatureSet, FeatureView

ANCHOR_PREFIX = "anchor_"
EMBEDDING = embedding_columns()


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
               SUM(COUNT(*)) OVER (PARTITION BY {PAIR} ORDER BY day) AS co_views_total
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

MODEL_FEATURES = FeatureSet(
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
    spine: pd.DataFrame, anchors: pd.DataFrame, candidates: pd.DataFrame, pairs: pd.DataFrame
) -> pd.DataFrame:
    """Model input rows of (anchor, candidate) pairs, row by row: the spine's columns, the
    anchor's stored features (as `anchor_<name>`), the candidate's, and the pair's.

    The training-set builder passes point-in-time rows, the gateway online rows; both end
    in `add_request_features`, so both build the same inputs.
    """
    anchor = _values(anchors, ANCHOR_VIEWS).add_prefix(ANCHOR_PREFIX)
    frame = pd.concat(
        [
            spine.reset_index(drop=True),
            anchor,
            _values(candidates, ITEM_VIEWS),
            _values(pairs, (PAIR_CO_VIEWS,)),
        ],
        axis=1,
    )
    return add_request_features(frame)


def _values(rows: pd.DataFrame, views: tuple[FeatureView, ...]) -> pd.DataFrame:
    return rows[[name for view in views for name in view.features]].reset_index(drop=True)


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Features of (anchor, candidate) pairs, from the stored features of both and of the pair.

    The training-set builder and the gateway both call this, on the same columns. A
    listing without an embedding (never co-viewed) has cosine 0 with everything.
    """
    anchor = frame[[ANCHOR_PREFIX + c for c in EMBEDDING]].to_numpy(dtype=float)
    candidate = frame[EMBEDDING].to_numpy(dtype=float)
    cosine = np.nan_to_num(anchor * candidate).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log(
            pd.to_numeric(frame["price"]).to_numpy(dtype=float)
            / pd.to_numeric(frame[ANCHOR_PREFIX + "price"]).to_numpy(dtype=float)
        )
    views = frame["views_28d"].astype(float)
    return frame.assign(
        cosine=cosine,
        co_views=np.log1p(pd.to_numeric(frame["co_views_total"]).fillna(0.0).to_numpy(dtype=float)),
        same_category=(frame["category"] == frame[ANCHOR_PREFIX + "category"]).astype(float),
        same_city=(frame["city"] == frame[ANCHOR_PREFIX + "city"]).astype(float),
        price_ratio=np.where(np.isfinite(ratio), ratio, 0.0),
        popularity=np.log1p(views),
        booking_rate=(frame["bookings_28d"].astype(float) + 1.0) / (views + 10.0),
    )
