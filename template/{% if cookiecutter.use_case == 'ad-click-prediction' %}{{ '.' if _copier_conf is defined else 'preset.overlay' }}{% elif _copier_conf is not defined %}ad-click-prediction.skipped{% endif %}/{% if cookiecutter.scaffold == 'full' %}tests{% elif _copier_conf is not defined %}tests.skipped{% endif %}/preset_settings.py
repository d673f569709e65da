"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"users": 800, "ads": 100, "days": 21, "impressions_per_day": 1000}
