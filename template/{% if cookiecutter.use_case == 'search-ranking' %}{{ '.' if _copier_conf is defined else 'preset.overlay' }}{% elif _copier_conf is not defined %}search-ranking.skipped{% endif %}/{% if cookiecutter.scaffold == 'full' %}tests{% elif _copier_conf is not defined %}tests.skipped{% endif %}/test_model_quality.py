"""On the default sample, learning to rank beats the retrieval order; nothing is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_ranker_clearly_beats_bm25_alone(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    bm25, baseline = result.metrics["heuristic"], result.metrics["baseline"]
    assert baseline["ndcg_at_10"] >= bm25["ndcg_at_10"] * 1.1
    assert baseline["mrr"] > bm25["mrr"]
    assert result.decision.promoted
