"""The recommender's features, declared once for the offline ETL and the online gateway.

No list of categories lives in code: a user's clicks per category are a view of its own,
keyed by the (user, category) pair, so whatever categories the catalog has become
features, and a category that appears later needs no change here. The user's recent
clicks and each item's co-clicked items (features/co_clicks.py) feed the collaborative
side of retrieval and the `co_click_score` the ranker reads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..entities import ITEM, USER
from .co_clicks import CLICK_HISTORY_SQL, CO_CLICKS_SQL, co_click_scores
from .columns import Columns, numbers, with_columns
from .keys import pair_key_sql
from .transforms import smoothed_rate
from .views import Aggregation, Attribute, FeatureSet, FeatureView

CTR_PRIOR = 0.2  # the click-through rate assumed before any impression
AFFINITY_PRIOR_CLICKS = 4.0  # clicks spread over the categories before any is seen
USER_CATEGORY = "user_category"  # the key of a (user, category) pair: features/keys.py
CATEGORY_CLICKS = "user_category_clicks_30d"  # a user's clicks in one category


# Impressions with the item's category and the (user, category) key, so that clicks can be
# counted per user and per pair.
DERIVED_SOURCES: dict[str, str] = {
    "interactions": f"""
        SELECT impressions.*, latest_items.category,
               {pair_key_sql(f"impressions.{USER}", "latest_items.category")} AS {USER_CATEGORY}
        FROM impressions
        LEFT JOIN (
            SELECT {ITEM}, category FROM items
            QUALIFY row_number() OVER (PARTITION BY {ITEM} ORDER BY updated_at DESC) = 1
        ) AS latest_items USING ({ITEM})
    """,
    "click_history": CLICK_HISTORY_SQL,
    "co_clicks": CO_CLICKS_SQL,
}


USER_ACTIVITY = FeatureView(
    name="user_activity",
    entity=USER,
    source="interactions",
    timestamp="shown_at",
    aggregations=(
        Aggregation("user_impressions_30d", "count", 30),
        Aggregation("user_clicks_30d", "count", 30, where="clicked", model="numeric"),
    ),
)

USER_RECENT_CLICKS = FeatureView(
    name="user_recent_clicks",
    entity=USER,
    source="click_history",
    timestamp="known_at",
    attributes=(Attribute("recent_clicks", "recent_clicks"),),
)

USER_CATEGORY_ACTIVITY = FeatureView(
    name="user_category_activity",
    entity=USER_CATEGORY,
    source="interactions",
    timestamp="shown_at",
    aggregations=(Aggregation(CATEGORY_CLICKS, "count", 30, where="clicked"),),
)

ITEM_ACTIVITY = FeatureView(
    name="item_activity",
    entity=ITEM,
    source="impressions",
    timestamp="shown_at",
    aggregations=(
        Aggregation("item_impressions_7d", "count", 7),
        Aggregation("item_clicks_7d", "count", 7, where="clicked", model="numeric"),
        Aggregation("item_clicks_28d", "count", 28, where="clicked"),
    ),
)

ITEM_PROFILE = FeatureView(
    name="item_profile",
    entity=ITEM,
    source="items",
    timestamp="updated_at",
    attributes=(
        Attribute("category", "category"),
        Attribute("price", "price", default=0.0, model="numeric"),
    ),
)

ITEM_NEIGHBOURS = FeatureView(
    name="item_neighbours",
    entity=ITEM,
    source="co_clicks",
    timestamp="neighbours_at",
    attributes=(Attribute("co_clicked", "co_clicked"),),
)

USER_VIEWS = (USER_ACTIVITY, USER_RECENT_CLICKS)
ITEM_VIEWS = (ITEM_ACTIVITY, ITEM_PROFILE, ITEM_NEIGHBOURS)
PAIR_VIEWS = (USER_CATEGORY_ACTIVITY,)  # joined once the item's category is known
VIEWS = (*USER_VIEWS, *ITEM_VIEWS, *PAIR_VIEWS)

# The model's inputs: the view features declared with `model=`, then these, computed at
# request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(
    VIEWS,
    numeric=(
        "user_ctr_30d",
        "item_ctr_7d",
        "item_popularity",
        "category_affinity",
        "co_click_score",
    ),
)


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Features of (user, item) pairs, computed from the stored features of both.

    The one definition of these features: the gateway calls it on a request's candidate
    rows, the training-set builder on the whole frame (through `add_request_features`).
    """
    clicks_in_category = numbers(columns[CATEGORY_CLICKS], 0.0)
    user_clicks = numbers(columns["user_clicks_30d"])
    item_clicks = numbers(columns["item_clicks_7d"])
    return {
        "user_ctr_30d": smoothed_rate(user_clicks, columns["user_impressions_30d"], CTR_PRIOR),
        "item_ctr_7d": smoothed_rate(item_clicks, columns["item_impressions_7d"], CTR_PRIOR),
        "item_popularity": np.log1p(numbers(columns["item_clicks_28d"])),
        "category_affinity": (clicks_in_category + 0.5) / (user_clicks + AFFINITY_PRIOR_CLICKS),
        "co_click_score": co_click_scores(columns),
    }


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
