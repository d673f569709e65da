"""On the default sample, ranking learns real taste; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_ranking_beats_popularity_on_recall(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    popularity, baseline = result.metrics["heuristic"], result.metrics["baseline"]
    assert baseline["recall_at_10"] >= popularity["recall_at_10"] * 1.15
    assert baseline["ndcg_at_10"] > popularity["ndcg_at_10"]
    assert result.decision.promoted
