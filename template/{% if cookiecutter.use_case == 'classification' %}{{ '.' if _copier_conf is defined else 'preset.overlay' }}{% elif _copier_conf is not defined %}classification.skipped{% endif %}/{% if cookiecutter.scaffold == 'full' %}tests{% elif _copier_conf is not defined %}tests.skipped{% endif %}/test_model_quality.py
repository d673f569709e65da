"""On the default sample the models learn real signal; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_baseline_clearly_beats_the_base_rate(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    base_rate, baseline = result.metrics["heuristic"], result.metrics["baseline"]
    assert baseline["roc_auc"] >= 0.75
    assert baseline["roc_auc"] >= base_rate["roc_auc"] + 0.2
    assert baseline["log_loss"] < base_rate["log_loss"]
    assert result.decision.promoted  # a model, not the base rate, serves
