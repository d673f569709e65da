"""The ETA features, declared once for the offline ETL and the online gateway.

Traffic is learned from past trips: how many minutes per km trips took, per pickup zone
and hour of day, per zone over the last week and month, and per driver. A trip counts
from the moment it was completed, when its duration became known, not when it was
requested: the features of a trip never see a trip still on the road.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..entities import DRIVER, PICKUP_ZONE, ZONE
from .columns import Columns, day_of_week, hour_of_day, numbers, texts, with_columns
from .views import Aggregation, Attribute, FeatureSet, FeatureView

ZONE_HOUR = "zone_hour"
PRIOR_MIN_PER_KM = 2.5  # the pace assumed where there is no history yet
PRIOR_KM = 10.0  # how many km of history the prior weighs, when pulling a pace towards it

# Completed trips, stamped with their completion time and keyed by pickup zone × hour.
DERIVED_SOURCES: dict[str, str] = {
    "completed_trips": f"""
        SELECT *,
            requested_at + to_microseconds(CAST(round(duration_minutes * 6e7) AS BIGINT))
                AS completed_at,
            {PICKUP_ZONE} || '@' || strftime(requested_at, '%H') AS {ZONE_HOUR}
        FROM trips
    """,
}


def traffic(prefix: str, days: int) -> tuple[Aggregation, ...]:
    """Trips, minutes and km over `days`: enough for a pace (minutes per km)."""
    return (
        Aggregation(f"{prefix}_trips_{days}d", "count", days),
        Aggregation(f"{prefix}_minutes_{days}d", "sum", days, column="duration_minutes"),
        Aggregation(f"{prefix}_km_{days}d", "sum", days, column="distance_km"),
    )


ZONE_HOUR_TRAFFIC = FeatureView(
    name="zone_hour_traffic",
    entity=ZONE_HOUR,
    source="completed_trips",
    timestamp="completed_at",
    aggregations=traffic("zone_hour", 28),
    description="trips from one pickup zone requested at one hour of the day",
)

ZONE_TRAFFIC = FeatureView(
    name="zone_traffic",
    entity=PICKUP_ZONE,
    source="completed_trips",
    timestamp="completed_at",
    aggregations=(*traffic("zone", 7), *traffic("zone", 28)),
    description="trips from one pickup zone, at any hour",
)

DRIVER_ACTIVITY = FeatureView(
    name="driver_activity",
    entity=DRIVER,
    source="completed_trips",
    timestamp="completed_at",
    aggregations=traffic("driver", 28),
)

# Zone centres: the gateway estimates a trip's distance from them when a caller gives
# only the drop-off zone. The model itself never sees them.
ZONE_PROFILE = FeatureView(
    name="zone_profile",
    entity=ZONE,
    source="zones",
    timestamp="updated_at",
    attributes=(Attribute("x_km", "x_km"), Attribute("y_km", "y_km")),
)

TRIP_VIEWS = (ZONE_HOUR_TRAFFIC, ZONE_TRAFFIC, DRIVER_ACTIVITY)
VIEWS = (*TRIP_VIEWS, ZONE_PROFILE)

# The model's inputs: the view features declared with `model=` (none here), then these,
# stored or computed at request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(
    VIEWS,
    numeric=(
        "distance_km",
        "expected_minutes",
        "zone_hour_pace",
        "zone_pace",
        "zone_trend",
        "driver_pace",
        "driver_trips_28d",
        "hour",
        "is_weekend",
    ),
    categorical=(PICKUP_ZONE,),
)


def zone_hour_key(zones: Any, moments: Any) -> np.ndarray:
    """`<zone>@<hour>`, the key of ZONE_HOUR_TRAFFIC; the same text as the SQL above."""
    hours = hour_of_day(moments).astype(int)
    return np.array(
        [
            f"{zone}@{hour:02d}"
            for zone, hour in zip(np.asarray(zones, dtype=object), hours, strict=True)
        ],
        dtype=object,
    )


def lookup_keys(columns: Columns) -> dict[str, np.ndarray]:
    """The keys the views are looked up by, from the trip's columns and `event_ts`."""
    return {ZONE_HOUR: zone_hour_key(columns[PICKUP_ZONE], columns["event_ts"])}


def with_lookup_keys(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, lookup_keys(frame))


def pace(minutes: Any, km: Any, prior: Any) -> np.ndarray:
    """Minutes per km, pulled towards `prior` when there are few km behind it."""
    return (numbers(minutes) + PRIOR_KM * np.asarray(prior, dtype=float)) / (numbers(km) + PRIOR_KM)


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Features known only at request time, from the stored ones, the trip and `event_ts`.

    The one definition of these features: the gateway calls it on a request's row, the
    training-set builder on the whole frame (through `add_request_features`).
    """
    moments = columns["event_ts"]
    zone_pace = pace(columns["zone_minutes_28d"], columns["zone_km_28d"], PRIOR_MIN_PER_KM)
    recent_pace = pace(columns["zone_minutes_7d"], columns["zone_km_7d"], zone_pace)
    zone_hour_pace = pace(columns["zone_hour_minutes_28d"], columns["zone_hour_km_28d"], zone_pace)
    distance = numbers(columns["distance_km"])
    return {
        "distance_km": distance,
        "zone_pace": zone_pace,
        "zone_trend": recent_pace / zone_pace,
        "zone_hour_pace": zone_hour_pace,
        "expected_minutes": distance * zone_hour_pace,
        "driver_pace": pace(
            columns["driver_minutes_28d"], columns["driver_km_28d"], PRIOR_MIN_PER_KM
        ),
        "hour": hour_of_day(moments),
        "is_weekend": (day_of_week(moments) >= 5).astype(float),
        PICKUP_ZONE: texts(columns[PICKUP_ZONE]),
    }


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
