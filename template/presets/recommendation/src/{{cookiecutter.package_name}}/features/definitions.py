"""The recommender's features, declared once for the offline ETL and the online gateway."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..entities import CATEGORIES, ITEM, USER
from .transforms import smoothed_rate
from .views import Aggregation, Attribute, FeatureSet, FeatureView

CTR_PRIOR = 0.2  # the click-through rate assumed before any impression

# Impressions with the item's category, so user features can count clicks per category.
DERIVED_SOURCES: dict[str, str] = {
    "interactions": f"""
        SELECT impressions.*, latest_items.category
        FROM impressions
        LEFT JOIN (
            SELECT {ITEM}, category FROM items
            QUALIFY row_number() OVER (PARTITION BY {ITEM} ORDER BY updated_at DESC) = 1
        ) AS latest_items USING ({ITEM})
    """,
}


def category_clicks(category: str) -> str:
    return f"clicks_{category}_30d"


USER_ACTIVITY = FeatureView(
    name="user_activity",
    entity=USER,
    source="interactions",
    timestamp="shown_at",
    aggregations=(
        Aggregation("user_impressions_30d", "count", 30),
        Aggregation("user_clicks_30d", "count", 30, where="clicked"),
        *(
            Aggregation(category_clicks(c), "count", 30, where=f"clicked AND category = '{c}'")
            for c in CATEGORIES
        ),
    ),
)

ITEM_ACTIVITY = FeatureView(
    name="item_activity",
    entity=ITEM,
    source="impressions",
    timestamp="shown_at",
    aggregations=(
        Aggregation("item_impressions_7d", "count", 7),
        Aggregation("item_clicks_7d", "count", 7, where="clicked"),
        Aggregation("item_clicks_28d", "count", 28, where="clicked"),
    ),
)

ITEM_PROFILE = FeatureView(
    name="item_profile",
    entity=ITEM,
    source="items",
    timestamp="updated_at",
    attributes=(Attribute("category", "category"), Attribute("price", "price")),
)

USER_VIEWS = (USER_ACTIVITY,)
ITEM_VIEWS = (ITEM_ACTIVITY, ITEM_PROFILE)
VIEWS = (*USER_VIEWS, *ITEM_VIEWS)

MODEL_FEATURES = FeatureSet(
    numeric=(
        "user_clicks_30d",
        "user_ctr_30d",
        "item_clicks_7d",
        "item_ctr_7d",
        "item_popularity",
        "category_affinity",
        "price",
    ),
)


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Features of a (user, item) pair, computed from the stored features of both.

    The training-set builder and the gateway both call this, on the same columns.
    """
    per_category = frame[[category_clicks(c) for c in CATEGORIES]].to_numpy(dtype=float)
    position = {c: i for i, c in enumerate(CATEGORIES)}
    column = frame["category"].map(position)
    known = column.notna().to_numpy()
    chosen = np.zeros(len(frame))
    rows = np.flatnonzero(known)
    chosen[rows] = per_category[rows, column[known].astype(int).to_numpy()]
    user_clicks = frame["user_clicks_30d"].to_numpy(dtype=float)
    return frame.assign(
        user_ctr_30d=smoothed_rate(
            frame["user_clicks_30d"], frame["user_impressions_30d"], CTR_PRIOR
        ),
        item_ctr_7d=smoothed_rate(frame["item_clicks_7d"], frame["item_impressions_7d"], CTR_PRIOR),
        item_popularity=np.log1p(frame["item_clicks_28d"].astype(float)),
        category_affinity=(chosen + 0.5) / (user_clicks + 0.5 * len(CATEGORIES)),
        price=pd.to_numeric(frame["price"]).fillna(0.0),
    )
