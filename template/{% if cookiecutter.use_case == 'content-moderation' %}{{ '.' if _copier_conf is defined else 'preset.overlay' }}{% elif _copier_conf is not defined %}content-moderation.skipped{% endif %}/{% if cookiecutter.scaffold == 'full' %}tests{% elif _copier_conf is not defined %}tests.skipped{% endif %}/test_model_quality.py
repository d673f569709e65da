"""On the default sample the models find harmful posts; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_baseline_clearly_beats_the_base_rate(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    base_rate, baseline = result.metrics["heuristic"], result.metrics["baseline"]
    # A constant score's PR-AUC is the share of harmful posts; ranking must do far better.
    assert base_rate["pr_auc"] < 0.15
    assert baseline["pr_auc"] >= 0.6
    assert baseline["pr_auc"] >= 4 * base_rate["pr_auc"]
    assert baseline["roc_auc"] >= base_rate["roc_auc"] + 0.3
    # At 90% precision the baseline still catches a useful share; the base rate catches none.
    assert baseline["recall_at_p90"] >= 0.3 > base_rate["recall_at_p90"]
    assert result.decision.promoted
