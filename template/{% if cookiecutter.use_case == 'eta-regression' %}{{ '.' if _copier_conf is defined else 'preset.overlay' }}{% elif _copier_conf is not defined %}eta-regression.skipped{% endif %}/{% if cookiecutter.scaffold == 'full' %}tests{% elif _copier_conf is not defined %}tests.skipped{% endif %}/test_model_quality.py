"""On the default sample the models learn real traffic; nothing here is hard-coded."""

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline


def test_on_the_default_sample_the_models_clearly_beat_the_zone_hour_history(make_config):
    config = load_config(make_config(small=False))
    result = pipeline.run_all(config, echo=lambda _: None)
    history, baseline = result.metrics["heuristic"], result.metrics["baseline"]
    assert baseline["mae"] <= 0.9 * history["mae"]
    assert baseline["rmse"] < history["rmse"] and baseline["mape"] < history["mape"]
    assert result.metrics["challenger"]["mae"] <= 0.75 * history["mae"]
    assert result.decision.promoted
