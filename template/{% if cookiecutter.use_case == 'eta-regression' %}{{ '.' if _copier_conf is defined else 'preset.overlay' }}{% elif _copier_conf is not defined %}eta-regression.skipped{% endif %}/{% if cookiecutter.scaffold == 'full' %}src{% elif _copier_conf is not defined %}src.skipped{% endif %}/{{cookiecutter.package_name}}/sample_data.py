"""A seeded sample of zones and trips, with real structure.

The city is a grid of zones; central zones are congested at the weekday rush hours and,
less, at weekend midday. A trip's pace (minutes per km) is the free-flow pace times the
congestion of its pickup zone at that hour, times its driver's own speed, times noise;
its duration adds a fixed pickup-and-drop-off time. Road works slow one zone down in the
last third of the period, so recent history is worth more than old. The features see all
this only through past trips, so a model learns something real and not everything.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ZONE_SPACING_KM = 3.0
FREE_FLOW_MIN_PER_KM = 1.4  # about 43 km/h on empty roads
STOP_MINUTES = 2.0  # pickup and drop-off, whatever the distance
ROUTE_FACTOR = 1.3  # roads are longer than the straight line
ROAD_WORKS_SLOWDOWN = 0.5


def generate(
    seed: int = 5,
    zones: int = 16,
    drivers: int = 250,
    trips_per_day: int = 800,
    days: int = 49,
    start: str = "2026-01-05",
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    origin = pd.Timestamp(start)
    centres = _zone_centres(zones)
    centrality = np.exp(-np.linalg.norm(centres - centres.mean(axis=0), axis=1) / 5.0)
    congestion = _congestion(rng, centrality, days, origin)
    driver_speed = rng.lognormal(0.0, 0.12, drivers)

    count = trips_per_day * days
    day = rng.integers(0, days, count)
    hour = rng.choice(24, count, p=_demand_by_hour())
    pickup = rng.choice(zones, count, p=centrality / centrality.sum())
    dropoff = rng.integers(0, zones, count)
    jitter = rng.uniform(-0.5, 0.5, (count, 2, 2)) * ZONE_SPACING_KM
    start_point, end_point = centres[pickup] + jitter[:, 0], centres[dropoff] + jitter[:, 1]
    straight = np.linalg.norm(end_point - start_point, axis=1)
    distance = np.maximum(0.5, straight * ROUTE_FACTOR * rng.lognormal(0.0, 0.1, count))
    driver = rng.integers(0, drivers, count)
    pace = (
        FREE_FLOW_MIN_PER_KM
        * congestion[day, hour, pickup]
        / driver_speed[driver]
        * rng.lognormal(0.0, 0.15, count)
    )
    duration = STOP_MINUTES + distance * pace
    requested_at = (
        origin
        + pd.to_timedelta(day, unit="D")
        + pd.to_timedelta(hour, unit="h")
        + pd.to_timedelta(rng.integers(0, 3600, count), unit="s")
    )
    zone_ids = np.asarray([f"z{index:02d}" for index in range(zones)])
    trips = pd.DataFrame(
        {
            "driver_id": np.asarray([f"d{index:04d}" for index in range(drivers)])[driver],
            "pickup_zone_id": zone_ids[pickup],
            "dropoff_zone_id": zone_ids[dropoff],
            "requested_at": requested_at,
            "distance_km": np.round(distance, 2),
            "duration_minutes": np.round(duration, 1),
        }
    ).sort_values("requested_at", ignore_index=True)
    trips.insert(0, "trip_id", [f"t{index:07d}" for index in range(count)])
    zone_table = pd.DataFrame(
        {
            "zone_id": zone_ids,
            "updated_at": origin - pd.Timedelta(days=365),
            "x_km": centres[:, 0],
            "y_km": centres[:, 1],
        }
    )
    return {"trips": trips, "zones": zone_table}


def _zone_centres(zones: int) -> np.ndarray:
    side = int(np.ceil(np.sqrt(zones)))
    index = np.arange(zones)
    return np.column_stack([index % side, index // side]).astype(float) * ZONE_SPACING_KM


def _demand_by_hour() -> np.ndarray:
    hours = np.arange(24)
    demand = 0.2 + _bump(hours, 8.0, 1.5) + _bump(hours, 18.0, 2.0) + 0.6 * _bump(hours, 13, 3)
    demand[hours < 5] *= 0.3
    return demand / demand.sum()


def _congestion(
    rng: np.random.Generator, centrality: np.ndarray, days: int, origin: pd.Timestamp
) -> np.ndarray:
    """Congestion multiplier by day, hour and zone: 1 is free flow."""
    hours = np.arange(24)[:, None]
    weekday_rush = (
        _bump(hours, 8.0, 1.2) + 1.1 * _bump(hours, 17.5, 1.5) + 0.3 * _bump(hours, 13, 2)
    )
    weekend_rush = 0.5 * _bump(hours, 14.0, 3.0)
    sensitivity = 0.2 + 1.3 * centrality[None, :]
    quirks = rng.normal(0.0, 0.08, (24, len(centrality)))  # each zone-hour has its own habits
    weekday = np.clip(1.0 + weekday_rush * sensitivity + quirks, 0.8, None)
    weekend = np.clip(1.0 + weekend_rush * sensitivity + quirks, 0.8, None)
    weekend_day = (origin + pd.to_timedelta(np.arange(days), unit="D")).day_of_week >= 5
    congestion = np.where(weekend_day[:, None, None], weekend[None], weekday[None])
    works_zone = int(np.argsort(centrality)[len(centrality) // 2])
    congestion[days * 2 // 3 :, :, works_zone] += ROAD_WORKS_SLOWDOWN
    return congestion


def _bump(hours: np.ndarray, centre: float, width: float) -> np.ndarray:
    return np.exp(-0.5 * ((hours - centre) / width) ** 2)
