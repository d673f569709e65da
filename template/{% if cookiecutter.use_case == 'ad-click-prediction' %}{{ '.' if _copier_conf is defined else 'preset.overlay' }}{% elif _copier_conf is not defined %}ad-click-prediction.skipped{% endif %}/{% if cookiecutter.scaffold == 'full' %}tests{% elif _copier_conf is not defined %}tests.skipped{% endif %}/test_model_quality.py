"""On the default sample the models learn real signal; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_baseline_clearly_beats_the_base_rate(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    base_rate, baseline = result.metrics["heuristic"], result.metrics["baseline"]
    assert 0.02 <= base_rate["observed_ctr"] <= 0.05  # a realistic, low click-through rate
    assert baseline["roc_auc"] >= 0.7
    assert baseline["normalized_entropy"] <= 0.95
    assert baseline["log_loss"] <= base_rate["log_loss"] * 0.95
    # calibrated: on average the predicted CTR is within 15% of the observed one
    assert abs(baseline["predicted_ctr"] / baseline["observed_ctr"] - 1) <= 0.15
    assert baseline["ece"] < base_rate["ece"] + 0.005
    assert result.decision.promoted  # a model, not the base rate, serves
