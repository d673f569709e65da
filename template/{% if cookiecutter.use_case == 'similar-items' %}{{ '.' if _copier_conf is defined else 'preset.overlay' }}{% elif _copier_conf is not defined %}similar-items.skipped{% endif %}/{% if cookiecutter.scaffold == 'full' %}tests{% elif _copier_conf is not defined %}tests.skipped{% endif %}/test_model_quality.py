"""On the default sample, the re-ranker finds the listing visitors book; nothing here is
hard-coded but the margins."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_reranker_beats_co_views(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    baseline, co_views = result.metrics["baseline"], result.metrics["heuristic"]
    assert baseline["recall_at_10"] >= co_views["recall_at_10"] + 0.02
    assert baseline["mean_rank"] < co_views["mean_rank"]
    assert result.decision.promoted
