"""On the default sample, ranking learns real taste; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_ranking_beats_popularity_on_recall(make_config):
    config = load_config(make_config(small=False))
    metrics = pipeline.run_all(config, echo=lambda _: None).metrics
    popularity = metrics["popularity (no personalization)"]["recall_at_10"]
    assert metrics["baseline"]["recall_at_10"] >= popularity * 1.15
    assert (
        metrics["baseline"]["ndcg_at_10"] > metrics["popularity (no personalization)"]["ndcg_at_10"]
    )
