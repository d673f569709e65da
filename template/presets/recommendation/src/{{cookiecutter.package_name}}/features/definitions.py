"""The recommender's features, declared once for the offline ETL and the online gateway.

No list of categories lives in code: a user's clicks per category are a view of its own,
keyed by the (user, category) pair, so whatever categories the catalog has become
features, and a category that appears later needs no change here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..entities import ITEM, USER
from .columns import Columns, numbers, with_columns
from .transforms import smoothed_rate
from .views import Aggregation, Attribute, FeatureSet, FeatureView

CTR_PRIOR = 0.2  # the click-through rate assumed before any impression
AFFINITY_PRIOR_CLICKS = 4.0  # clicks spread over the categories before any is seen
USER_CATEGORY = "user_category"  # the key of a (user, category) pair
KEY_SEPARATOR = "\x1f"  # ASCII unit separator: in no user id or category name


def user_category_keys(users: Sequence[object], categories: Sequence[object]) -> list[str]:
    """The `user_category` key of each (user, category) pair, as the SQL below builds it
    (a missing category is empty text)."""
    return [
        f"{user}{KEY_SEPARATOR}{'' if pd.isna(category) else category}"
        for user, category in zip(users, categories, strict=True)
    ]


# Impressions with the item's category and the (user, category) key, so that clicks can be
# counted per user and per pair.
DERIVED_SOURCES: dict[str, str] = {
    "interactions": f"""
        SELECT impressions.*, latest_items.category,
               CAST(impressions.{USER} AS VARCHAR) || chr(31)
                   || COALESCE(CAST(latest_items.category AS VARCHAR), '') AS {USER_CATEGORY}
        FROM impressions
        LEFT JOIN (
            SELECT {ITEM}, category FROM items
            QUALIFY row_number() OVER (PARTITION BY {ITEM} ORDER BY updated_at DESC) = 1
        ) AS latest_items USING ({ITEM})
    """,
}


USER_ACTIVITY = FeatureView(
    name="user_activity",
    entity=USER,
    source="interactions",
    timestamp="shown_at",
    aggregations=(
        Aggregation("user_impressions_30d", "count", 30),
        Aggregation("user_clicks_30d", "count", 30, where="clicked"),
    ),
)

USER_CATEGORY_ACTIVITY = FeatureView(
    name="user_category_activity",
    entity=USER_CATEGORY,
    source="interactions",
    timestamp="shown_at",
    aggregations=(Aggregation("user_category_clicks_30d", "count", 30, where="clicked"),),
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
PAIR_VIEWS = (USER_CATEGORY_ACTIVITY,)  # joined once the item's category is known
VIEWS = (*USER_VIEWS, *ITEM_VIEWS, *PAIR_VIEWS)

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
    clicks_in_category = numbers(columns["user_category_clicks_30d"], 0.0)
    user_clicks = numbers(columns["user_clicks_30d"])
    item_clicks = numbers(columns["item_clicks_7d"])
    return {
        "user_ctr_30d": smoothed_rate(user_clicks, columns["user_impressions_30d"], CTR_PRIOR),
        "item_ctr_7d": smoothed_rate(item_clicks, columns["item_impressions_7d"], CTR_PRIOR),
        "item_popularity": np.log1p(numbers(columns["item_clicks_28d"])),
        "category_affinity": (clicks_in_category + 0.5) / (user_clicks + AFFINITY_PRIOR_CLICKS),
        "price": numbers(columns["price"], 0.0),
    }


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
