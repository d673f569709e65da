"""The small sample the tests run on: big enough to learn from, quick to build."""

SMALL_SAMPLE = {"authors": 300, "days": 45}
