"""Search metrics over one ranked list and the graded judgments of its query.

Grades run from 0 (not relevant) to 3 (perfect); a document nobody judged counts as 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

RELEVANT = 2  # the lowest grade a searcher would be glad to find


def dcg(grades: Sequence[float]) -> float:
    """Discounted cumulative gain: 2^grade - 1, discounted by log2 of the position + 1."""
    return sum((2.0**grade - 1.0) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at_k(ranked: Sequence[str], grades: Mapping[str, float], k: int) -> float:
    """DCG of the top k over the DCG of the best possible top k."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(doc, 0) for doc in ranked[:k]]) / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, float]) -> float:
    """1 / the position of the first document graded RELEVANT or better; 0 when none is."""
    for rank, doc in enumerate(ranked, start=1):
        if grades.get(doc, 0) >= RELEVANT:
            return 1.0 / rank
    return 0.0


def mean_search_metrics(
    lists: Mapping[str, Sequence[str]], judgments: Mapping[str, Mapping[str, float]], k: int
) -> dict[str, float]:
    """nDCG@k and MRR averaged over the queries with at least one relevant document."""
    queries = [q for q, grades in judgments.items() if max(grades.values(), default=0) >= RELEVANT]
    if not queries:
        return {f"ndcg_at_{k}": 0.0, "mrr": 0.0}
    ndcg = sum(ndcg_at_k(lists.get(q, []), judgments[q], k) for q in queries)
    mrr = sum(reciprocal_rank(lists.get(q, [])[:k], judgments[q]) for q in queries)
    return {f"ndcg_at_{k}": ndcg / len(queries), "mrr": mrr / len(queries)}
