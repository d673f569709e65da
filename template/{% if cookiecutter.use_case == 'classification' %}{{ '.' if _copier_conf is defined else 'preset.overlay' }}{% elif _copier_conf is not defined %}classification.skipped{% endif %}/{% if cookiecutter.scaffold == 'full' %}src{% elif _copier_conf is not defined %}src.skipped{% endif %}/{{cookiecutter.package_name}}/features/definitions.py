"""The churn features, declared once for the offline ETL and the online gateway."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..entities import ENTITY
from .columns import Columns, epoch_seconds, numbers, with_columns
from .views import Aggregation, Attribute, FeatureSet, FeatureView

SECONDS_PER_DAY = 86_400.0
UNKNOWN = "unknown"  # a category the store has no value for

# Sources computed from lake tables before the views read them (none needed here).
DERIVED_SOURCES: dict[str, str] = {}

CUSTOMER_PROFILE = FeatureView(
    name="customer_profile",
    entity=ENTITY,
    source="customers",
    timestamp="updated_at",
    attributes=(
        Attribute("plan", "plan", default=UNKNOWN, model="categorical"),
        Attribute("region", "region", default=UNKNOWN, model="categorical"),
        Attribute("signup_day", f"epoch(signup_at) / {SECONDS_PER_DAY}", "sign-up, in epoch days"),
    ),
)

CUSTOMER_ACTIVITY = FeatureView(
    name="customer_activity",
    entity=ENTITY,
    source="activity",
    timestamp="event_at",
    aggregations=(
        Aggregation("logins_7d", "count", 7, where="event_type = 'login'", model="numeric"),
        Aggregation("logins_28d", "count", 28, where="event_type = 'login'", model="numeric"),
        Aggregation("purchases_28d", "count", 28, where="event_type = 'purchase'", model="numeric"),
        Aggregation(
            "spend_28d",
            "sum",
            28,
            column="amount",
            where="event_type = 'purchase'",
            model="numeric",
        ),
        Aggregation(
            "tickets_7d", "count", 7, where="event_type = 'support_ticket'", model="numeric"
        ),
        Aggregation(
            "tickets_28d", "count", 28, where="event_type = 'support_ticket'", model="numeric"
        ),
    ),
)

VIEWS = (CUSTOMER_PROFILE, CUSTOMER_ACTIVITY)

# The model's inputs: the view features declared with `model=`, then these, computed at
# request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(VIEWS, numeric=("login_trend", "tenure_days"))


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Features known only at request time, from the stored ones and `event_ts`.

    The one definition of these features: the gateway calls it on a request's row, the
    training-set builder on the whole frame (through `add_request_features`).
    """
    event_day = epoch_seconds(columns["event_ts"]) / SECONDS_PER_DAY
    signup_day = numbers(columns["signup_day"])
    signup_day = np.where(np.isnan(signup_day), event_day, signup_day)
    return {
        "tenure_days": np.clip(event_day - signup_day, 0.0, None),
        "login_trend": numbers(columns["logins_7d"]) * 4.0 - numbers(columns["logins_28d"]),
    }


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
