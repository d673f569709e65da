"""Candidate retrieval: from the whole catalog to a few dozen items worth ranking.

Popular items of the categories the user clicks most, topped up with the most popular
items overall (which is also all a brand-new user gets). The categories are the catalog's
own, most clicked first; retrieval looks at the user's clicks in the first
`RETRIEVAL_CATEGORIES` of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..entities import ITEM

FAVOURITES_SHARE = 0.7  # of the candidates, from the user's favourite categories
RETRIEVAL_CATEGORIES = 50


@dataclass(frozen=True)
class PopularityIndex:
    overall: tuple[str, ...]
    by_category: dict[str, tuple[str, ...]]
    categories: tuple[str, ...]  # the catalog's categories, most clicked first

    @classmethod
    def from_items(cls, items: pd.DataFrame) -> PopularityIndex:
        """Build from item features: `item_id`, `category`, `item_clicks_28d`."""
        ordered = items.sort_values(["item_clicks_28d", ITEM], ascending=[False, True])
        by_category = {
            str(category): tuple(group[ITEM]) for category, group in ordered.groupby("category")
        }
        clicks = ordered.groupby("category")["item_clicks_28d"].sum()
        categories = sorted(by_category, key=lambda category: (-clicks[category], category))
        return cls(tuple(ordered[ITEM]), by_category, tuple(categories))

    @property
    def retrieval_categories(self) -> tuple[str, ...]:
        return self.categories[:RETRIEVAL_CATEGORIES]

    def candidates(self, clicks_by_category: dict[str, float], size: int) -> list[str]:
        chosen: dict[str, None] = {}
        total = sum(clicks_by_category.values())
        if total > 0:
            for category, clicks in sorted(clicks_by_category.items(), key=lambda kv: -kv[1]):
                quota = round(size * FAVOURITES_SHARE * clicks / total)
                chosen.update(dict.fromkeys(self.by_category.get(category, ())[:quota]))
        for item in self.overall:
            if len(chosen) >= size:
                break
            chosen.setdefault(item)
        return list(chosen)[:size]
