"""On the default sample, the re-ranker finds the listing visitors book; nothing here is
hard-coded but the margins."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline

POPULARITY = "popularity (most booked, any anchor)"
NEIGHBOURS = "neighbours (embedding order)"


def test_on_the_default_sample_the_reranker_beats_popularity_and_plain_neighbours(make_config):
    config = load_config(make_config(small=False))
    metrics = pipeline.run_all(config, echo=lambda _: None).metrics
    baseline = metrics["baseline"]
    assert baseline["recall_at_10"] >= 2 * metrics[POPULARITY]["recall_at_10"]
    assert baseline["recall_at_10"] >= metrics[NEIGHBOURS]["recall_at_10"] + 0.05
    assert baseline["mean_rank"] < metrics[NEIGHBOURS]["mean_rank"]
    assert metrics[NEIGHBOURS]["mean_rank"] < metrics[POPULARITY]["mean_rank"]
