"""On the default sample the models learn real traffic; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.offline.evaluate import GLOBAL_MEAN, ZONE_HOUR_HISTORY


def test_on_the_default_sample_the_baseline_clearly_beats_the_references(make_config):
    config = load_config(make_config(small=False))
    metrics = pipeline.run_all(config, echo=lambda _: None).metrics
    baseline, trivial = metrics["baseline"], metrics[GLOBAL_MEAN]
    assert baseline["mae"] <= 0.6 * trivial["mae"]
    assert baseline["rmse"] < trivial["rmse"] and baseline["mape"] < trivial["mape"]
    assert baseline["mae"] < metrics[ZONE_HOUR_HISTORY]["mae"]
