"""Ranking metrics over one recommended list and the set of items that were relevant."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence


def recall_at_k(recommended: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Share of the relevant items found in the top k."""
    if not relevant:
        return 0.0
    return len(set(recommended[:k]) & set(relevant)) / len(relevant)


def ndcg_at_k(recommended: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Discounted gain of the hits in the top k, over the best gain possible (binary relevance)."""
    gain = sum(
        1.0 / math.log2(rank + 2) for rank, item in enumerate(recommended[:k]) if item in relevant
    )
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(len(relevant), k)))
    return gain / ideal if ideal else 0.0


def average_precision_at_k(recommended: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Mean of the precision at each hit in the top k, over min(k, number relevant)."""
    hits, total = 0, 0.0
    for rank, item in enumerate(recommended[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / rank
    denominator = min(len(relevant), k)
    return total / denominator if denominator else 0.0


def reciprocal_rank(recommended: Sequence[str], relevant: Collection[str]) -> float:
    """1 / the rank of the first relevant item; 0 when none is recommended."""
    for rank, item in enumerate(recommended, start=1):
        if item in relevant:
            return 1.0 / rank
    return 0.0


def mean_ranking_metrics(
    lists: dict[str, Sequence[str]], relevant: dict[str, Collection[str]], k: int
) -> dict[str, float]:
    """recall@k, nDCG@k, mAP@k and MRR averaged over every user with something relevant."""
    users = [user for user, items in relevant.items() if items]
    if not users:
        return {f"recall_at_{k}": 0.0, f"ndcg_at_{k}": 0.0, f"map_at_{k}": 0.0, "mrr": 0.0}

    def mean(metric) -> float:
        return sum(metric(lists.get(user, []), relevant[user]) for user in users) / len(users)

    return {
        f"recall_at_{k}": mean(lambda r, t: recall_at_k(r, t, k)),
        f"ndcg_at_{k}": mean(lambda r, t: ndcg_at_k(r, t, k)),
        f"map_at_{k}": mean(lambda r, t: average_precision_at_k(r, t, k)),
        "mrr": mean(reciprocal_rank),
    }
