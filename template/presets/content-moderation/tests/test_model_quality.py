"""On the default sample the models find harmful posts; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_baseline_clearly_beats_the_base_rate(make_config):
    config = load_config(make_config(small=False))
    metrics = pipeline.run_all(config, echo=lambda _: None).metrics
    trivial, baseline = metrics["base rate (trivial)"], metrics["baseline"]
    # A constant score's PR-AUC is the share of harmful posts; ranking must do far better.
    assert trivial["pr_auc"] < 0.15
    assert baseline["pr_auc"] >= 0.6
    assert baseline["pr_auc"] >= 4 * trivial["pr_auc"]
    assert baseline["roc_auc"] >= trivial["roc_auc"] + 0.3
    # At 90% precision the baseline still catches a useful share; the base rate catches none.
    assert baseline["recall_at_p90"] >= 0.3 > trivial["recall_at_p90"]
