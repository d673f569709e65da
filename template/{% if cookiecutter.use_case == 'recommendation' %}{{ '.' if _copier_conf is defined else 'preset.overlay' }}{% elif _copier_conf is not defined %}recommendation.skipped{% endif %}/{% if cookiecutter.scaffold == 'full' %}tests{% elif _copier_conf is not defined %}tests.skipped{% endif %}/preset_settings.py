"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"users": 200, "items": 120, "days": 35}
