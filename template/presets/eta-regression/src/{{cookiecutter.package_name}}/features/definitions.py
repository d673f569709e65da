"""The ETA features, declared once for the offline ETL and the online gateway.

Traffic is learned from past trips: how many minutes per km trips took, per pickup zone
and hour of day, per zone over the last week and month, and per driver. A trip counts
from the moment it was completed, when its duration became known, not when it was
requested: the features of a trip never see a trip still on the road.
"""

from __future__ import annotations

import pandas as pd

from ..entities import DRIVER, PICKUP_ZONE, ZONE
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

MODEL_FEATURES = FeatureSet(
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


def zone_hour_key(zones: pd.Series, moments: pd.Series) -> pd.Series:
    """`<zone>@<hour>`, the key of ZONE_HOUR_TRAFFIC; the same text as the SQL above."""
    hours = pd.to_datetime(moments).dt.strftime("%H")
    return zones.astype(str) + "@" + hours


def with_lookup_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the keys the views are looked up by, from the trip's columns and `event_ts`."""
    return frame.assign(**{ZONE_HOUR: zone_hour_key(frame[PICKUP_ZONE], frame["event_ts"])})


def pace(minutes: pd.Series, km: pd.Series, prior: pd.Series | float) -> pd.Series:
    """Minutes per km, pulled towards `prior` when there are few km behind it."""
    return (minutes.astype(float) + PRIOR_KM * prior) / (km.astype(float) + PRIOR_KM)


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Features known only at request time, from the stored ones, the trip and `event_ts`.

    The training-set builder and the gateway both call this, on the same columns.
    """
    moment = pd.to_datetime(frame["event_ts"])
    zone_pace = pace(frame["zone_minutes_28d"], frame["zone_km_28d"], PRIOR_MIN_PER_KM)
    recent_pace = pace(frame["zone_minutes_7d"], frame["zone_km_7d"], zone_pace)
    zone_hour_pace = pace(frame["zone_hour_minutes_28d"], frame["zone_hour_km_28d"], zone_pace)
    distance = pd.to_numeric(frame["distance_km"]).astype(float)
    return frame.assign(
        distance_km=distance,
        zone_pace=zone_pace,
        zone_trend=recent_pace / zone_pace,
        zone_hour_pace=zone_hour_pace,
        expected_minutes=distance * zone_hour_pace,
        driver_pace=pace(frame["driver_minutes_28d"], frame["driver_km_28d"], PRIOR_MIN_PER_KM),
        hour=moment.dt.hour.astype(float),
        is_weekend=(moment.dt.day_of_week >= 5).astype(float),
        **{PICKUP_ZONE: frame[PICKUP_ZONE].astype(str)},
    )
