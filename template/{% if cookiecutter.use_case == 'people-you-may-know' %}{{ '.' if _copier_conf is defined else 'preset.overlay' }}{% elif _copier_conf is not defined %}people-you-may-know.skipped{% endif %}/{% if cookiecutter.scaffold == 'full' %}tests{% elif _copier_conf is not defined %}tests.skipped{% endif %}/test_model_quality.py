"""On the default sample, the graph features predict who connects; nothing is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_baseline_beats_friends_in_common(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    baseline, in_common = result.metrics["baseline"], result.metrics["heuristic"]
    # The classic heuristic is a strong reference: the model must still clearly beat it.
    assert baseline["roc_auc"] >= in_common["roc_auc"] + 0.05
    assert baseline["map_at_10"] >= in_common["map_at_10"] * 1.05
    assert result.decision.promoted
