"""How good and how calibrated click probabilities are.

An ad server ranks ads by bid x predicted click-through rate and charges by it, so a score
must be a probability, not only an order: log loss and normalized entropy judge both,
ROC-AUC the order alone, and the calibration figures whether 3% means 3%.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score

CALIBRATION_BINS = 10
EPSILON = 1e-6


def entropy(rate: float) -> float:
    """The log loss of always predicting `rate` on labels whose mean is `rate`."""
    rate = float(np.clip(rate, EPSILON, 1 - EPSILON))
    return float(-(rate * np.log(rate) + (1 - rate) * np.log(1 - rate)))


def calibration_bins(scores: np.ndarray, bins: int = CALIBRATION_BINS) -> np.ndarray:
    """The bin of each score: score deciles, so that each bin holds about as many rows
    (equal-width bins would put nearly every score of a 3% CTR into the first one).
    Equal scores share a bin, so a constant predictor has one."""
    edges = np.unique(np.quantile(scores, np.linspace(0, 1, bins + 1)))
    return np.searchsorted(edges[1:-1], scores, side="right")


def reliability(labels: pd.Series, scores: pd.Series, bins: int = CALIBRATION_BINS) -> pd.DataFrame:
    """Per score bin: rows, mean predicted CTR, observed CTR."""
    frame = pd.DataFrame(
        {
            "bin": calibration_bins(np.asarray(scores, dtype=float), bins),
            "predicted": np.asarray(scores, dtype=float),
            "observed": np.asarray(labels, dtype=float),
        }
    )
    grouped = frame.groupby("bin")
    return pd.DataFrame(
        {
            "rows": grouped.size(),
            "predicted_ctr": grouped["predicted"].mean(),
            "observed_ctr": grouped["observed"].mean(),
        }
    )


def expected_calibration_error(
    labels: pd.Series, scores: pd.Series, bins: int = CALIBRATION_BINS
) -> float:
    """Row-weighted mean gap between predicted and observed CTR over the score bins."""
    table = reliability(labels, scores, bins)
    gaps = (table["predicted_ctr"] - table["observed_ctr"]).abs()
    return float((gaps * table["rows"]).sum() / table["rows"].sum())


def click_metrics(labels: pd.Series, scores: pd.Series) -> dict[str, float]:
    """Log loss, normalized entropy, ROC-AUC and calibration of `scores` against `labels`.

    Normalized entropy is the log loss divided by the entropy of the observed CTR: below 1
    the model beats always predicting that CTR, and it compares across periods whose CTRs
    differ, where raw log loss does not.
    """
    truth = np.asarray(labels, dtype=int)
    predicted = np.clip(np.asarray(scores, dtype=float), EPSILON, 1 - EPSILON)
    loss = float(log_loss(truth, predicted, labels=[0, 1]))
    observed = float(truth.mean())
    single_class = truth.min() == truth.max()
    return {
        "log_loss": loss,
        "normalized_entropy": loss / entropy(observed),
        "roc_auc": 0.5 if single_class else float(roc_auc_score(truth, predicted)),
        "ece": expected_calibration_error(truth, predicted),
        "predicted_ctr": float(predicted.mean()),
        "observed_ctr": observed,
    }
