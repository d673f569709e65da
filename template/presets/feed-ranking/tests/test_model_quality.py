"""On the default sample, the heads learn real engagement; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.offline.heads import HEADS

TRIVIAL = ("recency (newest first)", "popularity (most clicked first)")


def test_on_the_default_sample_the_ranker_beats_recency_and_popularity(make_config):
    config = load_config(make_config(small=False))
    metrics = pipeline.run_all(config, echo=lambda _: None).metrics
    best_trivial = max(metrics[name]["ndcg_at_10"] for name in TRIVIAL)
    assert metrics["baseline"]["ndcg_at_10"] >= best_trivial * 1.2
    for head in HEADS:
        trivial = max(metrics[name][f"{head}_auc"] for name in TRIVIAL)
        assert metrics["baseline"][f"{head}_auc"] >= max(0.7, trivial + 0.1), head
        assert metrics["challenger"][f"{head}_auc"] >= max(0.7, trivial + 0.1), head
