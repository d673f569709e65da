"""On the default sample, the heads learn real engagement; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.offline.heads import HEADS


def test_on_the_default_sample_the_ranker_beats_popularity(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    metrics, popularity = result.metrics, result.metrics["heuristic"]
    assert metrics["baseline"]["ndcg_at_10"] >= popularity["ndcg_at_10"] * 1.2
    for head in HEADS:
        floor = max(0.7, popularity[f"{head}_auc"] + 0.1)
        assert metrics["baseline"][f"{head}_auc"] >= floor, head
        assert metrics["challenger"][f"{head}_auc"] >= floor, head
    assert result.decision.promoted
