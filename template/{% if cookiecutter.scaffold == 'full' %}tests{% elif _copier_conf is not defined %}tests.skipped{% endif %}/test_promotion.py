"""The gate: a rung serves only if it beats every rung below it by the margin."""

import pytest

from {{ cookiecutter.package_name }}.errors import ConfigError
from {{ cookiecutter.package_name }}.offline.promotion import decide


def ladder(heuristic: float, baseline: float, challenger: float, name: str = "roc_auc"):
    return {
        "heuristic": {name: heuristic},
        "baseline": {name: baseline},
        "challenger": {name: challenger},
    }


def test_the_challenger_serves_when_it_beats_both_rungs_below_by_the_margin():
    decision = decide(ladder(0.5, 0.80, 0.82), "roc_auc", 0.01)
    assert decision.promoted and decision.champion == "challenger"
    assert "0.8200" in decision.reason and "0.8000" in decision.reason


def test_a_win_smaller_than_the_margin_keeps_the_baseline():
    decision = decide(ladder(0.5, 0.80, 0.805), "roc_auc", 0.01)
    assert decision.promoted and decision.champion == "baseline"
    assert "challenger (0.8050) does not beat baseline" in decision.reason


def test_a_model_that_loses_to_the_heuristic_never_serves():
    # the personalized rankers of a real data set against plain popularity
    decision = decide(ladder(0.12, 0.04, 0.05, "recall_at_10"), "recall_at_10", 0.005)
    assert not decision.promoted and decision.champion == "heuristic"
    assert "does not beat heuristic 0.1200" in decision.reason


def test_the_challenger_must_beat_the_heuristic_too_not_only_the_baseline():
    decision = decide(ladder(0.30, 0.10, 0.25, "ndcg_at_10"), "ndcg_at_10", 0.01)
    assert decision.champion == "heuristic"
    assert "challenger (0.2500) does not beat heuristic 0.3000" in decision.reason
    assert "baseline (0.1000) does not beat heuristic 0.3000" in decision.reason


def test_for_a_loss_metric_lower_is_better():
    assert decide(ladder(0.6, 0.40, 0.35, "log_loss"), "log_loss", 0.01).champion == "challenger"
    assert decide(ladder(0.6, 0.40, 0.45, "log_loss"), "log_loss", 0.01).champion == "baseline"
    assert decide(ladder(0.3, 0.40, 0.45, "log_loss"), "log_loss", 0.01).champion == "heuristic"


def test_an_unknown_primary_metric_lists_the_known_ones():
    with pytest.raises(ConfigError, match="roc_auc"):
        decide(ladder(0.5, 0.8, 0.9), "accuracy", 0.01)
