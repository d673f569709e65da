"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"customers": 300, "days": 100}
