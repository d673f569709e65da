"""Metrics of a feed ranker: AUC per head, and graded nDCG of each user's daily feed."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score


def ndcg_at_k(groups: pd.Series, gains: pd.Series, scores: pd.Series, k: int) -> float:
    """Mean over groups (feeds) of DCG@k of the score's order over the best DCG@k.

    Gains are graded (a liked, long-read post is worth more than a click); feeds where
    nothing was earned say nothing about the order and are left out.
    """
    frame = pd.DataFrame(
        {"group": groups.to_numpy(), "gain": gains.to_numpy(), "score": scores.to_numpy()}
    )
    frame = frame[frame.groupby("group")["gain"].transform("sum") > 0]
    if frame.empty:
        return 0.0
    by_group = frame.groupby("group", sort=False)

    def dcg(ranks: pd.Series) -> pd.Series:
        discount = np.where(ranks <= k, 1.0 / np.log2(ranks + 1.0), 0.0)
        return (frame["gain"] * discount).groupby(frame["group"]).sum()

    actual = dcg(by_group["score"].rank(method="first", ascending=False))
    ideal = dcg(by_group["gain"].rank(method="first", ascending=False))
    return float((actual / ideal).mean())


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """ROC-AUC, or 0.5 (no information) when the labels have a single value."""
    labels = np.asarray(labels, dtype=int)
    if len(np.unique(labels)) < 2:
        return 0.5
    return float(roc_auc_score(labels, scores))
