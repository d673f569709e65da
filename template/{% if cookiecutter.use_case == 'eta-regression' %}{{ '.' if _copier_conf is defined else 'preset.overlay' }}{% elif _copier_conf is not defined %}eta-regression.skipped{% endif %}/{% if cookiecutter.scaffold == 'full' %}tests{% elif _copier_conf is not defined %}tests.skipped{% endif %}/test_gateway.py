"""POST /eta: what a caller sends, what it gets back, and what the model really saw."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import DRIVER, DROPOFF_ZONE, LABEL, PICKUP_ZONE, TRIP
from {{ cookiecutter.package_name }}.features.definitions import (
    MODEL_FEATURES,
    TRIP_VIEWS,
    ZONE_TRAFFIC,
    add_request_features,
    with_lookup_keys,
)
from {{ cookiecutter.package_name }}.offline import lake
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store
from {{ cookiecutter.package_name }}.online.app import EtaRequest, trip_row


@pytest.fixture(scope="module")
def recent_trips(trained):
    config, _ = trained
    trips = lake.read_table(config.paths.lake, "trips").sort_values("requested_at")
    return trips.tail(20).reset_index(drop=True)


@pytest.mark.parametrize("start", ["at", "requested_at"])  # the common name, the first one
def test_a_trip_with_a_distance_gets_an_eta(client, trained, recent_trips, start):
    _, result = trained
    trip = recent_trips.iloc[0]
    body = client.post(
        "/eta",
        json={
            "pickup_zone_id": trip[PICKUP_ZONE],
            "distance_km": float(trip["distance_km"]),
            "driver_id": trip[DRIVER],
            start: "2026-02-20T08:30:00",
        },
    ).json()
    assert body["eta_minutes"] > 0
    assert body["distance_km"] == pytest.approx(trip["distance_km"])
    assert body["distance_estimated"] is False
    assert body["known_pickup_zone"] is True and body["known_driver"] is True
    assert body["model_version"] == result.champion.version
    arrival = pd.Timestamp(body["arrival_at"]) - pd.Timestamp("2026-02-20T08:30:00Z")
    assert arrival.total_seconds() / 60 == pytest.approx(body["eta_minutes"], abs=0.01)


def test_longer_trips_take_longer(client, recent_trips):
    zone = recent_trips.iloc[0][PICKUP_ZONE]
    etas = [
        client.post("/eta", json={"pickup_zone_id": zone, "distance_km": km}).json()["eta_minutes"]
        for km in (2.0, 8.0, 20.0)
    ]
    assert etas == sorted(etas) and etas[-1] > etas[0] + 5


def test_a_drop_off_zone_alone_gives_an_estimated_distance(client, recent_trips):
    trip = recent_trips.iloc[1]
    payload = {"pickup_zone_id": trip[PICKUP_ZONE], "dropoff_zone_id": trip[DROPOFF_ZONE]}
    body = client.post("/eta", json=payload).json()
    assert body["distance_estimated"] is True and body["distance_km"] > 0
    assert body["known_driver"] is False


def test_an_unknown_zone_is_scored_from_defaults_and_flagged(client):
    body = client.post("/eta", json={"pickup_zone_id": "nowhere", "distance_km": 4.0}).json()
    assert body["known_pickup_zone"] is False and body["eta_minutes"] > 0


def test_an_unknown_drop_off_zone_without_a_distance_is_refused(client, recent_trips):
    payload = {"pickup_zone_id": recent_trips.iloc[0][PICKUP_ZONE], "dropoff_zone_id": "nowhere"}
    response = client.post("/eta", json=payload)
    assert response.status_code == 400
    assert "distance_km" in response.json()["detail"]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"pickup_zone_id": "z01"},
        {"pickup_zone_id": "", "distance_km": 3.0},
        {"pickup_zone_id": "z01", "distance_km": -1},
        {"pickup_zone_id": "z01", "distance_km": "far"},
        {"pickup_zone_id": "z01", "distance_km": 3.0, "requested_at": "next tuesday"},
        {
            "pickup_zone_id": "z01",
            "distance_km": 3.0,
            "at": "2026-02-20",
            "requested_at": "2026-02-20",
        },
    ],
)
def test_a_bad_request_is_refused_with_a_reason(client, payload):
    response = client.post("/eta", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_gateway_builds_the_same_model_input_as_the_training_set(trained, client, recent_trips):
    """Skew, end to end: the row the gateway scores for a trip at a moment equals the
    training-set row for the same trip at the same moment; a trip from a new zone, without
    a driver, too."""
    config, _ = trained
    serving = client.app.state.serving
    latest = serving.store.all_rows(ZONE_TRAFFIC)["feature_ts"].max()
    moment = pd.Timestamp(latest) + pd.Timedelta(hours=7, minutes=30)
    context = serving.context(serving.require(), moment.to_pydatetime(), "skew-test")
    new = {TRIP: "t-new", DRIVER: "", PICKUP_ZONE: "never-seen", DROPOFF_ZONE: "never-seen"}
    trips = pd.concat([recent_trips, pd.DataFrame([{**new, "distance_km": 3.0, LABEL: 9.0}])])
    spine = trips[[TRIP, DRIVER, PICKUP_ZONE, DROPOFF_ZONE, "distance_km", LABEL]]
    spine = with_lookup_keys(spine.assign(event_ts=moment))
    training_rows = add_request_features(offline_store(config).get_historical(spine, TRIP_VIEWS))
    for position, trip in enumerate(trips.itertuples(index=False)):
        request = EtaRequest(
            pickup_zone_id=trip.pickup_zone_id,
            dropoff_zone_id=trip.dropoff_zone_id,
            distance_km=trip.distance_km,
            driver_id=trip.driver_id or None,
        )
        served = trip_row(context, request)
        for name in MODEL_FEATURES.columns:
            assert served[name][0] == training_rows[name].iloc[position], (trip.trip_id, name)
