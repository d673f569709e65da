"""Item embeddings from co-occurrence in sessions: PPMI of the co-view counts, then a
truncated SVD, one snapshot per day.

A snapshot that holds from midnight of day d+1 on is computed from the co-views before
then only, so the as-of join can use it like any other feature value. The dimensions of
two snapshots are not comparable (an SVD is defined up to rotation), so only compare
vectors of the same snapshot: cosine similarity of an anchor and a candidate is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DIMENSIONS = 16
CONTEXT_SMOOTHING = 0.75  # damps the PMI of rare contexts, as in word2vec


def embedding_columns(dimensions: int = DIMENSIONS) -> list[str]:
    return [f"emb_{index:02d}" for index in range(dimensions)]


def ppmi(counts: np.ndarray) -> np.ndarray:
    """Positive pointwise mutual information of a symmetric co-occurrence count matrix."""
    total = counts.sum()
    if total == 0:
        return np.zeros_like(counts, dtype=float)
    rows = counts.sum(axis=1)
    context = rows**CONTEXT_SMOOTHING
    expected = np.outer(rows / total, context / context.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((counts / total) / expected)
    return np.where(counts > 0, np.maximum(pmi, 0.0), 0.0)


def embed(counts: np.ndarray, dimensions: int = DIMENSIONS) -> np.ndarray:
    """Unit vectors, one row per item; an item never co-viewed gets the zero vector."""
    size = counts.shape[0]
    vectors = np.zeros((size, dimensions))
    matrix = ppmi(counts)
    rank = min(dimensions, size - 1)
    if rank < 1 or not matrix.any():
        return vectors
    from sklearn.utils.extmath import randomized_svd  # here: materialize needs no scikit-learn

    left, strength, _ = randomized_svd(matrix, rank, random_state=0)
    vectors[:, :rank] = left * np.sqrt(strength)
    # an item with no signal has a row of SVD round-off (~1e-16), not zeros: normalized,
    # it would become a random direction and get random neighbours
    vectors[~matrix.any(axis=1)] = 0.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def daily_snapshots(
    co_views: pd.DataFrame,
    items: pd.DataFrame,
    days: pd.DatetimeIndex,
    item: str = "item_id",
    dimensions: int = DIMENSIONS,
) -> pd.DataFrame:
    """One row per (listed item, day in `days`): its embedding from midnight after that day,
    learned from every co-view up to the end of that day.

    co_views: one row per pair co-viewed in a session (`item_a`, `item_b`, `viewed_at`).
    items: the catalog (`item`, `updated_at`); an item joins the snapshots once listed.
    """
    catalog = items.groupby(item)["updated_at"].min().sort_index()
    position = pd.Series(np.arange(len(catalog)), index=catalog.index)
    listed = co_views["item_a"].isin(position.index) & co_views["item_b"].isin(position.index)
    pairs = co_views[listed]
    by_day = dict(list(pairs.groupby(pd.to_datetime(pairs["viewed_at"]).dt.normalize())))
    counts = np.zeros((len(catalog), len(catalog)))
    columns = embedding_columns(dimensions)
    parts = []
    for day in days:
        if day in by_day:
            first = position[by_day[day]["item_a"]].to_numpy()
            second = position[by_day[day]["item_b"]].to_numpy()
            np.add.at(counts, (first, second), 1.0)
            np.add.at(counts, (second, first), 1.0)
        snapshot = day + pd.Timedelta(days=1)
        listed = np.flatnonzero((catalog < snapshot).to_numpy())
        part = pd.DataFrame(embed(counts[np.ix_(listed, listed)], dimensions), columns=columns)
        part.insert(0, item, catalog.index[listed])
        part.insert(1, "snapshot_at", snapshot)
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=[item, "snapshot_at", *columns])
    return pd.concat(parts, ignore_index=True)
