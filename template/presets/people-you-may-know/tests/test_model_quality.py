"""On the default sample, the graph features predict who connects; nothing is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_baseline_beats_random_and_friends_in_common(make_config):
    config = load_config(make_config(small=False))
    metrics = pipeline.run_all(config, echo=lambda _: None).metrics
    baseline = metrics["baseline"]
    random = metrics["random order (trivial)"]
    heuristic = metrics["friends in common (heuristic)"]
    assert baseline["roc_auc"] >= random["roc_auc"] + 0.2
    assert baseline["map_at_10"] >= random["map_at_10"] * 2
    # The classic heuristic is a strong reference: the model must still clearly beat it.
    assert baseline["roc_auc"] >= heuristic["roc_auc"] + 0.05
    assert baseline["map_at_10"] >= heuristic["map_at_10"] * 1.05
