"""On the default sample the models learn real signal; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.offline.evaluate import TRIVIAL


def test_on_the_default_sample_the_baseline_clearly_beats_the_base_rate(make_config):
    config = load_config(make_config(small=False))
    metrics = pipeline.run_all(config, echo=lambda _: None).metrics
    trivial, baseline = metrics[TRIVIAL], metrics["baseline"]
    assert 0.02 <= trivial["observed_ctr"] <= 0.05  # a realistic, low click-through rate
    assert baseline["roc_auc"] >= 0.7
    assert baseline["normalized_entropy"] <= 0.95
    assert baseline["log_loss"] <= trivial["log_loss"] * 0.95
    # calibrated: on average the predicted CTR is within 15% of the observed one
    assert abs(baseline["predicted_ctr"] / baseline["observed_ctr"] - 1) <= 0.15
    assert baseline["ece"] < trivial["ece"] + 0.005
