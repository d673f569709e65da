"""On the default sample the models learn real signal; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_baseline_clearly_beats_a_trivial_predictor(make_config):
    config = load_config(make_config(small=False))
    metrics = pipeline.run_all(config, echo=lambda _: None).metrics
    trivial = metrics["base rate (trivial)"]["roc_auc"]
    assert metrics["baseline"]["roc_auc"] >= 0.75
    assert metrics["baseline"]["roc_auc"] >= trivial + 0.2
    assert metrics["baseline"]["log_loss"] < metrics["base rate (trivial)"]["log_loss"]
