"""Candidate retrieval: from the whole catalog to a few dozen items worth ranking.

Three generators, merged in this order until the list is full:

1. collaborative: the items most co-clicked with the user's recent clicks
   (features/co_clicks.py), up to `COLLABORATIVE_SHARE` of the candidates;
2. popular items of the categories the user clicks most, up to `FAVOURITES_SHARE` of what
   is left (the categories are the catalog's own, most clicked first; retrieval reads the
   user's clicks in the first `RETRIEVAL_CATEGORIES` of them);
3. the most popular items overall: the rest, and all a brand-new user gets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

import pandas as pd

from ..entities import ITEM
from ..features.co_clicks import neighbour_weights

COLLABORATIVE_SHARE = 0.5
FAVOURITES_SHARE = 0.7
RETRIEVAL_CATEGORIES = 50


@dataclass(frozen=True)
class CandidateIndex:
    overall: tuple[str, ...]
    by_category: dict[str, tuple[str, ...]]
    categories: tuple[str, ...]  # the catalog's categories, most clicked first
    neighbours: dict[str, dict[str, float]]  # per item, its co-clicked items and their weights

    @classmethod
    def from_items(cls, items: pd.DataFrame) -> CandidateIndex:
        """Build from item features: `item_id`, `category`, `item_clicks_28d`, and
        `co_clicked` when the co-click view is there."""
        ordered = items.sort_values(["item_clicks_28d", ITEM], ascending=[False, True])
        by_category = {
            str(category): tuple(group[ITEM]) for category, group in ordered.groupby("category")
        }
        clicks = ordered.groupby("category")["item_clicks_28d"].sum()
        categories = sorted(by_category, key=lambda category: (-clicks[category], category))
        lists = ordered.get("co_clicked", pd.Series(None, index=ordered.index))
        neighbours = {
            str(item): weights
            for item, near in zip(ordered[ITEM], lists, strict=True)
            if (weights := neighbour_weights(near))
        }
        return cls(tuple(ordered[ITEM]), by_category, tuple(categories), neighbours)

    @property
    def retrieval_categories(self) -> tuple[str, ...]:
        return self.categories[:RETRIEVAL_CATEGORIES]

    def co_clicked(self, recent_clicks: Sequence[str], size: int) -> list[str]:
        """The `size` items most co-clicked with `recent_clicks` (later clicks count more)."""
        scores: dict[str, float] = {}
        count = len(recent_clicks)
        for position, item in enumerate(recent_clicks):
            recency = (position + 1) / count
            for other, weight in self.neighbours.get(item, {}).items():
                scores[other] = scores.get(other, 0.0) + recency * weight
        ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
        return [item for item, _ in ranked[:size]]

    def candidates(
        self, clicks_by_category: dict[str, float], recent_clicks: Sequence[str], size: int
    ) -> list[str]:
        chosen = dict.fromkeys(self.co_clicked(recent_clicks, round(size * COLLABORATIVE_SHARE)))
        left = size - len(chosen)
        total = sum(clicks_by_category.values())
        if total > 0:
            for category, clicks in sorted(clicks_by_category.items(), key=lambda kv: -kv[1]):
                quota = round(left * FAVOURITES_SHARE * clicks / total)
                popular = (i for i in self.by_category.get(category, ()) if i not in chosen)
                chosen.update(dict.fromkeys(islice(popular, quota)))
        for item in self.overall:
            if len(chosen) >= size:
                break
            chosen.setdefault(item)
        return list(chosen)[:size]
