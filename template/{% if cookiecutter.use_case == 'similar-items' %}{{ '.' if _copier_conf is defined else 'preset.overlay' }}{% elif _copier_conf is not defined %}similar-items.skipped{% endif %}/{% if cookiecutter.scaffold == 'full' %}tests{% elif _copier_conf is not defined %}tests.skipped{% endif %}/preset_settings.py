"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"items": 120, "days": 30, "sessions_per_day": 25}
