"""The churn features, declared once for the offline ETL and the online gateway."""

from __future__ import annotations

import pandas as pd

from ..entities import ENTITY
from .views import Aggregation, Attribute, FeatureSet, FeatureView

SECONDS_PER_DAY = 86_400.0

# Sources computed from lake tables before the views read them (none needed here).
DERIVED_SOURCES: dict[str, str] = {}

CUSTOMER_PROFILE = FeatureView(
    name="customer_profile",
    entity=ENTITY,
    source="customers",
    timestamp="updated_at",
    attributes=(
        Attribute("plan", "plan"),
        Attribute("region", "region"),
        Attribute("signup_day", f"epoch(signup_at) / {SECONDS_PER_DAY}", "sign-up, in epoch days"),
    ),
)

CUSTOMER_ACTIVITY = FeatureView(
    name="customer_activity",
    entity=ENTITY,
    source="activity",
    timestamp="event_at",
    aggregations=(
        Aggregation("logins_7d", "count", 7, where="event_type = 'login'"),
        Aggregation("logins_28d", "count", 28, where="event_type = 'login'"),
        Aggregation("purchases_28d", "count", 28, where="event_type = 'purchase'"),
        Aggregation("spend_28d", "sum", 28, column="amount", where="event_type = 'purchase'"),
        Aggregation("tickets_7d", "count", 7, where="event_type = 'support_ticket'"),
        Aggregation("tickets_28d", "count", 28, where="event_type = 'support_ticket'"),
    ),
)

VIEWS = (CUSTOMER_PROFILE, CUSTOMER_ACTIVITY)

MODEL_FEATURES = FeatureSet(
    numeric=(
        "logins_7d",
        "logins_28d",
        "login_trend",
        "purchases_28d",
        "spend_28d",
        "tickets_7d",
        "tickets_28d",
        "tenure_days",
    ),
    categorical=("plan", "region"),
)


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Features known only at request time, from the stored ones and `event_ts`.

    The training-set builder and the gateway both call this, on the same columns.
    """
    event_day = frame["event_ts"].astype("datetime64[us]").astype("int64") / 1e6 / SECONDS_PER_DAY
    signup_day = pd.to_numeric(frame["signup_day"]).fillna(event_day)
    return frame.assign(
        tenure_days=(event_day - signup_day).clip(lower=0.0),
        login_trend=frame["logins_7d"] * 4.0 - frame["logins_28d"],
        plan=frame["plan"].fillna("unknown").astype(str),
        region=frame["region"].fillna("unknown").astype(str),
    )
