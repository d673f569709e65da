"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"users": 300, "days": 40}
