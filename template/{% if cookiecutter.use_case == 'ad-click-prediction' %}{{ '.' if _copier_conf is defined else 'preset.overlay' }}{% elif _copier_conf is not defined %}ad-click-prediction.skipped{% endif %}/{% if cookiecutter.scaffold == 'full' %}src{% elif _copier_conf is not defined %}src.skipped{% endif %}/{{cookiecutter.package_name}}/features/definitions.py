"""The click-prediction features, declared once for the offline ETL and the online gateway.

Sparse categorical ids (advertiser, campaign, site, segment, ...) go to the model as they
are; the baseline hashes them. Historical click-through rates come from the feature store
as click and impression counts over 7 days, and are smoothed at request time.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..entities import AD, ADVERTISER, SITE, USER
from .columns import Columns, hour_of_day, numbers, texts, with_columns
from .views import Aggregation, Attribute, FeatureSet, FeatureView

# Impressions with the advertiser of the ad as it was when shown, for advertiser counts.
DERIVED_SOURCES: dict[str, str] = {
    # Each impression with its ad's advertiser as of the impression: the ad's version
    # that was current then (SQL that DuckDB and Spark both run: no ASOF join).
    "advertiser_impressions": f"""
        SELECT impressions.*, versions.{ADVERTISER}
        FROM impressions LEFT JOIN (
            SELECT {AD}, {ADVERTISER}, updated_at,
                lead(updated_at) OVER (
                    PARTITION BY {AD} ORDER BY updated_at, {ADVERTISER}
                ) AS replaced_at
            FROM ads
        ) AS versions
          ON impressions.{AD} = versions.{AD}
         AND impressions.shown_at >= versions.updated_at
         AND (versions.replaced_at IS NULL OR impressions.shown_at < versions.replaced_at)
    """,
}

# A 7-day rate is pulled towards this prior by this many pseudo-impressions.
PRIOR_CTR = 0.03
PRIOR_IMPRESSIONS = 50.0
DAYPARTS = ("night", "night", "morning", "afternoon", "evening", "evening")  # per 4 hours


def counts(prefix: str, days: int = 7) -> tuple[Aggregation, Aggregation]:
    """Impressions and clicks of one entity over a trailing window."""
    return (
        Aggregation(f"{prefix}_impressions_{days}d", "count", days),
        Aggregation(f"{prefix}_clicks_{days}d", "count", days, where="clicked"),
    )


USER_PROFILE = FeatureView(
    name="user_profile",
    entity=USER,
    source="users",
    timestamp="updated_at",
    attributes=(Attribute("segment", "segment", "audience segment"),),
)

AD_PROFILE = FeatureView(
    name="ad_profile",
    entity=AD,
    source="ads",
    timestamp="updated_at",
    attributes=(
        Attribute(ADVERTISER, ADVERTISER),
        Attribute("campaign_id", "campaign_id"),
        Attribute("ad_format", "ad_format"),
        Attribute("vertical", "vertical"),
    ),
)

USER_ACTIVITY = FeatureView(
    name="user_activity",
    entity=USER,
    source="impressions",
    timestamp="shown_at",
    aggregations=counts("user"),
)

AD_ACTIVITY = FeatureView(
    name="ad_activity",
    entity=AD,
    source="impressions",
    timestamp="shown_at",
    aggregations=counts("ad"),
)

ADVERTISER_ACTIVITY = FeatureView(
    name="advertiser_activity",
    entity=ADVERTISER,
    source="advertiser_impressions",
    timestamp="shown_at",
    aggregations=counts("advertiser"),
)

SITE_ACTIVITY = FeatureView(
    name="site_activity",
    entity=SITE,
    source="impressions",
    timestamp="shown_at",
    aggregations=counts("site"),
)

# The ad's profile is joined first: it says which advertiser the other views look up.
AD_VIEWS = (AD_PROFILE,)
CONTEXT_VIEWS = (USER_PROFILE, USER_ACTIVITY, AD_ACTIVITY, ADVERTISER_ACTIVITY, SITE_ACTIVITY)
VIEWS = (*AD_VIEWS, *CONTEXT_VIEWS)

# The model's inputs: the view features declared with `model=` (none here: the views are
# built in loops), then these, stored or computed at request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(
    VIEWS,
    numeric=(
        "user_clicks_7d",
        "user_ctr_7d",
        "ad_impressions_7d",
        "ad_ctr_7d",
        "advertiser_ctr_7d",
        "site_ctr_7d",
    ),
    categorical=(
        ADVERTISER,
        "campaign_id",
        SITE,
        "device",
        "daypart",
        "segment",
        "ad_format",
        "vertical",
        "segment_x_vertical",
        "device_x_format",
    ),
)

# Stored or requested categories; a missing one (a new ad, user or site) becomes `unknown`.
CATEGORIES = (ADVERTISER, "campaign_id", SITE, "device", "segment", "ad_format", "vertical")


def smoothed_ctr(clicks: Any, impressions: Any) -> np.ndarray:
    """Click-through rate pulled towards the prior when there are few impressions."""
    return (numbers(clicks) + PRIOR_IMPRESSIONS * PRIOR_CTR) / (
        numbers(impressions) + PRIOR_IMPRESSIONS
    )


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Rates, the time of day and crossed categories, from stored features and the request.

    The one definition of these features: the gateway calls it on a request's row, the
    training-set builder on the whole frame (through `add_request_features`).
    """
    filled = {name: texts(columns[name]) for name in CATEGORIES}
    rates = {
        f"{prefix}_ctr_7d": smoothed_ctr(
            columns[f"{prefix}_clicks_7d"], columns[f"{prefix}_impressions_7d"]
        )
        for prefix in ("user", "ad", "advertiser", "site")
    }
    hours = hour_of_day(columns["event_ts"]).astype(int)
    return {
        **filled,
        **rates,
        "daypart": np.array(DAYPARTS, dtype=object)[hours // 4],
        "segment_x_vertical": filled["segment"] + "|" + filled["vertical"],
        "device_x_format": filled["device"] + "|" + filled["ad_format"],
    }


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
