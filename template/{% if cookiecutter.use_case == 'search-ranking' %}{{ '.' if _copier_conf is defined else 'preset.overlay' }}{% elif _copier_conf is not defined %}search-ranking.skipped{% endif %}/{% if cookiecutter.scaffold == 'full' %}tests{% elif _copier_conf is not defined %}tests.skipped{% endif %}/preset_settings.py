"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"documents": 400, "queries": 200, "days": 35, "searches_per_day": 60}
