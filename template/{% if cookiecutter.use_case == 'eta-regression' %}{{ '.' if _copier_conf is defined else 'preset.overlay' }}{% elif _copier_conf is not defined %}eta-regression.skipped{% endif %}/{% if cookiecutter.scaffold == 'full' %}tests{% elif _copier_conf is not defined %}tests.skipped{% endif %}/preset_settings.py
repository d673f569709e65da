"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"zones": 9, "drivers": 60, "trips_per_day": 250, "days": 42}
