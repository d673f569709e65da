"""Monitoring: PSI drift per feature and of the score, the HTML report, the retrain signal."""

import json

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import ConfigError, DataError
from {{ cookiecutter.package_name }}.monitoring.drift import (
    DriftThresholds,
    compute_drift,
    feature_drift,
    psi,
)
from {{ cookiecutter.package_name }}.monitoring.monitor import run_monitoring
from {{ cookiecutter.package_name }}.monitoring.report import write_report
from {{ cookiecutter.package_name }}.monitoring.trigger import RetrainDecision, decide, write_signal

N = 5_000
THRESHOLDS = DriftThresholds(psi_warn=0.1, psi_drift=0.25, max_drifted_features=0)


def normal(mean: float = 0.0, seed: int = 0, n: int = N) -> pd.Series:
    return pd.Series(np.random.default_rng(seed).normal(mean, 1.0, n))


def frames(shift: dict[str, float] | None = None, seed: int = 1) -> tuple[pd.DataFrame, ...]:
    """A reference and a current frame of three features and a score; `shift` moves columns."""
    shift = shift or {}
    made = []
    for index, moved in enumerate((dict.fromkeys(shift, 0.0), shift)):
        rng = np.random.default_rng(seed + index)
        frame = pd.DataFrame(
            {
                "age": rng.normal(40 + moved.get("age", 0.0), 10, N),
                "spend": rng.exponential(50, N) * (1 + moved.get("spend", 0.0)),
                "plan": rng.choice(["basic", "pro"], N, p=[0.7, 0.3]),
            }
        )
        frame["score"] = 1 / (1 + np.exp(-(frame["age"] - 40) / 10))
        made.append(frame)
    return tuple(made)


# --- PSI of one feature -------------------------------------------------------------------


def test_same_distribution_has_psi_near_zero() -> None:
    result = feature_drift("x", normal(seed=1), normal(seed=2), THRESHOLDS)
    assert result.psi < 0.02
    assert result.status == "ok"


def test_identical_samples_have_psi_zero() -> None:
    sample = normal()
    assert feature_drift("x", sample, sample.copy(), THRESHOLDS).psi == pytest.approx(0.0)


def test_shifted_distribution_drifts() -> None:
    result = feature_drift("x", normal(seed=1), normal(mean=1.0, seed=2), THRESHOLDS)
    assert result.psi > THRESHOLDS.psi_drift
    assert result.status == "drift"
    assert result.current_mean - result.reference_mean == pytest.approx(1.0, abs=0.1)


def test_small_shift_is_a_warning() -> None:
    result = feature_drift("x", normal(seed=1), normal(mean=0.4, seed=2), THRESHOLDS)
    assert THRESHOLDS.psi_warn <= result.psi < THRESHOLDS.psi_drift
    assert result.status == "warn"


def test_quantile_bins_hold_equal_reference_shares_and_shares_sum_to_one() -> None:
    result = feature_drift("x", normal(seed=1), normal(mean=0.5, seed=2), THRESHOLDS)
    assert result.kind == "quantile"
    assert sum(result.reference_shares) == pytest.approx(1.0)
    assert sum(result.current_shares) == pytest.approx(1.0)
    inner = [share for share in result.reference_shares if share > 0]
    assert len(inner) == 10
    assert all(share == pytest.approx(0.1, abs=0.001) for share in inner)


def test_constant_column_is_stable_when_it_stays_constant() -> None:
    constant = pd.Series([3.0] * 100)
    result = feature_drift("c", constant, constant.copy(), THRESHOLDS)
    assert result.psi == pytest.approx(0.0)
    assert result.bins == ("3",)


def test_constant_column_drifts_when_its_value_changes() -> None:
    result = feature_drift("c", pd.Series([3.0] * 100), pd.Series([4.0] * 100), THRESHOLDS)
    assert result.status == "drift"
    assert result.bins == ("3", "unseen")


def test_values_outside_the_reference_range_get_their_own_bins() -> None:
    reference = pd.Series(np.linspace(0, 1, 1_000))
    current = pd.Series([-5.0] * 100 + [0.5] * 800 + [7.0] * 100)
    result = feature_drift("x", reference, current, THRESHOLDS)
    shares = dict(zip(result.bins, result.current_shares, strict=True))
    assert shares["< 0"] == pytest.approx(0.1)
    assert shares["> 1"] == pytest.approx(0.1)
    assert result.status == "drift"


def test_unseen_category_is_counted_as_unseen() -> None:
    reference = pd.Series(["basic"] * 70 + ["pro"] * 30)
    current = pd.Series(["basic"] * 50 + ["pro"] * 20 + ["enterprise"] * 30)
    result = feature_drift("plan", reference, current, THRESHOLDS)
    assert result.kind == "categorical"
    assert dict(zip(result.bins, result.current_shares, strict=True))["unseen"] == 0.3
    assert result.status == "drift"
    assert result.reference_mean is None


def test_a_few_distinct_numbers_are_binned_per_value() -> None:
    flags = pd.Series([0] * 90 + [1] * 10)
    result = feature_drift("flag", flags, pd.Series([0] * 50 + [1] * 50), THRESHOLDS)
    assert result.bins == ("0", "1")
    assert result.status == "drift"


def test_missing_values_have_a_bin_and_a_spike_of_them_drifts() -> None:
    reference = normal(seed=1)
    reference[:50] = np.nan
    current = normal(seed=2)
    current[: N // 2] = np.nan
    current[N // 2] = np.inf
    result = feature_drift("x", reference, current, THRESHOLDS)
    shares = dict(zip(result.bins, result.current_shares, strict=True))
    assert shares["missing"] == pytest.approx(0.5 + 1 / N)
    assert result.status == "drift"
    assert np.isfinite(result.psi)


def test_psi_treats_empty_bins_as_a_small_epsilon() -> None:
    assert np.isfinite(psi(np.array([1.0, 0.0]), np.array([0.0, 1.0])))
    assert psi(np.array([0.5, 0.5]), np.array([0.5, 0.5])) == 0.0


# --- whole frames ---------------------------------------------------------------------------


def test_compute_drift_sorts_features_by_psi_and_measures_the_score() -> None:
    reference, current = frames(shift={"age": 15.0})
    result = compute_drift(reference, current, ["spend", "plan", "age"], "score", THRESHOLDS)
    assert [item.name for item in result.features][0] == "age"
    assert [item.psi for item in result.features] == sorted(
        (item.psi for item in result.features), reverse=True
    )
    assert [item.name for item in result.drifted] == ["age"]
    assert result.prediction is not None and result.prediction.status == "drift"
    assert (result.reference_rows, result.current_rows) == (N, N)


def test_empty_current_frame_is_a_clear_error() -> None:
    reference, current = frames()
    with pytest.raises(DataError, match="no rows"):
        compute_drift(reference, current.iloc[:0], ["age"], "score", THRESHOLDS)


def test_missing_column_is_named_in_the_error() -> None:
    reference, current = frames()
    with pytest.raises(DataError, match="tenure"):
        compute_drift(reference, current, ["age", "tenure"], "score", THRESHOLDS)


def test_an_empty_feature_list_is_a_clear_error() -> None:
    reference, current = frames()
    with pytest.raises(DataError, match="no feature columns"):
        compute_drift(reference, current, [], "score", THRESHOLDS)


def test_thresholds_out_of_order_are_rejected() -> None:
    with pytest.raises(ConfigError, match="psi_warn"):
        DriftThresholds(psi_warn=0.3, psi_drift=0.2)
    with pytest.raises(ConfigError, match="max_drifted_features"):
        DriftThresholds.from_mapping({"max_drifted_features": "two"})


def test_thresholds_read_from_the_config_mapping() -> None:
    thresholds = DriftThresholds.from_mapping({"psi_drift": 0.3, "max_drifted_features": 2})
    assert thresholds == DriftThresholds(psi_warn=0.1, psi_drift=0.3, max_drifted_features=2)


# --- the retrain trigger ---------------------------------------------------------------------


def decision_for(
    shift: dict[str, float], score: str | None, thresholds: DriftThresholds
) -> RetrainDecision:
    """The decision for features age and spend after moving the columns in `shift`."""
    reference, current = frames(shift=shift)
    result = compute_drift(reference, current, ["age", "spend"], score, thresholds)
    return decide(result, thresholds)


def test_no_drift_no_retrain() -> None:
    decision = decision_for({}, "score", THRESHOLDS)
    assert decision.retrain is False
    assert "no watched feature drifted" in decision.reasons[0]


def test_one_drifted_feature_retrains_when_none_are_allowed() -> None:
    decision = decision_for({"spend": 1.0}, None, THRESHOLDS)
    assert decision.retrain is True
    assert "spend" in decision.reasons[0]


def test_drifted_features_within_the_allowance_do_not_retrain() -> None:
    tolerant = DriftThresholds(max_drifted_features=1)
    decision = decision_for({"spend": 1.0}, None, tolerant)
    assert decision.retrain is False
    assert "within the 1 allowed" in decision.reasons[0]


def test_prediction_drift_alone_retrains() -> None:
    tolerant = DriftThresholds(max_drifted_features=5)
    decision = decision_for({"age": 15.0}, "score", tolerant)
    assert decision.retrain is True
    assert any("score" in reason for reason in decision.reasons)


def test_signal_is_written_as_json(tmp_path) -> None:
    reference, current = frames(shift={"spend": 1.0})
    result = compute_drift(reference, current, ["age", "spend"], "score", THRESHOLDS)
    decision = decide(result, THRESHOLDS)
    path = write_signal(decision, result, THRESHOLDS, tmp_path)
    signal = json.loads(path.read_text())
    assert path.name == "retrain_signal.json"
    assert signal["retrain"] is True and signal["reasons"] == decision.reasons
    assert signal["drifted_features"] == ["spend"]
    assert signal["thresholds"]["psi_drift"] == 0.25


# --- the report and the whole run -------------------------------------------------------------


def test_report_is_self_contained_html_with_every_feature(tmp_path) -> None:
    reference, current = frames(shift={"age": 15.0})
    features = ["age", "spend", "plan"]
    result = compute_drift(reference, current, features, "score", THRESHOLDS)
    path = write_report(result, decide(result, THRESHOLDS), THRESHOLDS, tmp_path)
    html = path.read_text()
    assert path.name == "drift_report.html"
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    for name in [*features, "score"]:
        assert f"<strong>{name}</strong>" in html
    assert "Retrain: yes" in html and "<svg" in html
    assert "<script" not in html and "http" not in html
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_run_monitoring_writes_the_report_and_the_signal(tmp_path) -> None:
    reference, current = frames()
    report_dir = tmp_path / "reports"
    outcome = run_monitoring(reference, current, ["age", "spend"], "score", THRESHOLDS, report_dir)
    assert outcome.report_path == report_dir / "drift_report.html"
    assert outcome.signal_path == report_dir / "retrain_signal.json"
    assert outcome.report_path.is_file() and outcome.signal_path.is_file()
    assert outcome.decision.retrain is False
    assert json.loads(outcome.signal_path.read_text())["retrain"] is False


def test_only_watched_features_decide_a_retrain_but_every_feature_is_reported(tmp_path) -> None:
    reference, current = frames(shift={"spend": 1.0})
    outcome = run_monitoring(
        reference, current, ["age", "spend"], None, THRESHOLDS, tmp_path, watched=["age"]
    )
    assert outcome.decision.retrain is False
    assert "not watched" in outcome.decision.reasons[-1] and "spend" in outcome.decision.reasons[-1]
    assert "<strong>spend</strong>" in outcome.report_path.read_text()
