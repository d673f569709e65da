"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"users": 120, "authors": 20, "days": 28}
