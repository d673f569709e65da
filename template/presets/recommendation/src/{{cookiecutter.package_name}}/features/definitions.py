"""The recommender's features, declared once for the offline ETL and the online gateway."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..entities import CATEGORIES, ITEM, USER
from .columns import Columns, numbers, with_columns
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


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Features of (user, item) pairs, computed from the stored features of both.

    The one definition of these features: the gateway calls it on a request's candidate
    rows, the training-set builder on the whole frame (through `add_request_features`).
    """
    rows = len(columns["user_clicks_30d"])
    per_category = np.column_stack(
        [numbers(columns[category_clicks(c)], 0.0) for c in CATEGORIES]
    ).reshape(rows, len(CATEGORIES))
    position = {category: index for index, category in enumerate(CATEGORIES)}
    chosen = np.array(
        [position.get(category, -1) for category in np.asarray(columns["category"], dtype=object)],
        dtype=np.intp,
    )
    clicks_in_category = np.where(
        chosen >= 0, per_category[np.arange(rows), chosen.clip(min=0)], 0.0
    )
    user_clicks = numbers(columns["user_clicks_30d"])
    item_clicks = numbers(columns["item_clicks_7d"])
    return {
        "user_ctr_30d": smoothed_rate(user_clicks, columns["user_impressions_30d"], CTR_PRIOR),
        "item_ctr_7d": smoothed_rate(item_clicks, columns["item_impressions_7d"], CTR_PRIOR),
        "item_popularity": np.log1p(numbers(columns["item_clicks_28d"])),
        "category_affinity": (clicks_in_category + 0.5) / (user_clicks + 0.5 * len(CATEGORIES)),
        "price": numbers(columns["price"], 0.0),
    }


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
