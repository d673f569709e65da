"""The core entities of an ETA system and the raw tables that describe them.

Zone     an area of the city where trips start and end, with its centre on a km grid.
Driver   who drives a trip; known only through the trips they completed.
Trip     one ride: where and when it was requested, how far it went and how long it took.
"""

from __future__ import annotations

from .schema import Column, TableSchema

TRIP = "trip_id"
DRIVER = "driver_id"
ZONE = "zone_id"
PICKUP_ZONE = "pickup_zone_id"
DROPOFF_ZONE = "dropoff_zone_id"
LABEL = "duration_minutes"

TRIPS = TableSchema(
    name="trips",
    description="One row per completed trip; its duration is the label.",
    timestamp="requested_at",
    columns=(
        Column(TRIP, "id", "the trip's stable id"),
        Column(DRIVER, "id", "who drove it"),
        Column(PICKUP_ZONE, "id", "the zone the trip started in", references="zones.zone_id"),
        Column(DROPOFF_ZONE, "id", "the zone the trip ended in", references="zones.zone_id"),
        Column("requested_at", "timestamp", "when the trip was requested (the prediction time)"),
        Column("distance_km", "float", "the route's length in km"),
        Column(LABEL, "float", "minutes from the request to the drop-off"),
    ),
)

ZONES = TableSchema(
    name="zones",
    description="One row per zone version: where its centre is.",
    timestamp="updated_at",
    by_date=False,
    columns=(
        Column(ZONE, "id", "the zone's stable id"),
        Column("updated_at", "timestamp", "when this version of the zone took effect"),
        Column("x_km", "float", "the zone centre's east-west position, km"),
        Column("y_km", "float", "the zone centre's north-south position, km"),
    ),
)

TABLES = {schema.name: schema for schema in (TRIPS, ZONES)}

# data.source: snapshot (one table, one row per entity or observation): its label is a number.
SNAPSHOT_LABEL_KIND = "float"
