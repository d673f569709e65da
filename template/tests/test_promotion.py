import pytest

from {{ cookiecutter.package_name }}.errors import ConfigError
from {{ cookiecutter.package_name }}.offline.promotion import decide


def metrics(baseline: float, challenger: float, name: str = "roc_auc"):
    return {"baseline": {name: baseline}, "challenger": {name: challenger}}


def test_the_challenger_is_promoted_when_it_wins_by_the_margin():
    decision = decide(metrics(0.80, 0.82), "roc_auc", 0.01)
    assert decision.promoted and decision.champion == "challenger"
    assert "0.8200" in decision.reason and "0.8000" in decision.reason


def test_a_win_smaller_than_the_margin_keeps_the_baseline():
    decision = decide(metrics(0.80, 0.805), "roc_auc", 0.01)
    assert not decision.promoted and decision.champion == "baseline"
    assert "not promoted" in decision.reason


def test_for_a_loss_metric_lower_is_better():
    assert decide(metrics(0.40, 0.35, "log_loss"), "log_loss", 0.01).promoted
    assert not decide(metrics(0.40, 0.45, "log_loss"), "log_loss", 0.01).promoted


def test_an_unknown_primary_metric_lists_the_known_ones():
    with pytest.raises(ConfigError, match="roc_auc"):
        decide(metrics(0.8, 0.9), "accuracy", 0.01)
