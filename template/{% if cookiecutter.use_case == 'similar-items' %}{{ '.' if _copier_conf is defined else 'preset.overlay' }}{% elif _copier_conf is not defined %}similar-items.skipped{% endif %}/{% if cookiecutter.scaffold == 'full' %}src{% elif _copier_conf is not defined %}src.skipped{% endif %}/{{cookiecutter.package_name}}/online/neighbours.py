"""Nearest neighbours of an anchor listing in embedding space: the retrieval stage.

The whole catalog's unit vectors sit in one matrix; a dot product with the anchor's
vector is the cosine similarity to every listing. A listing with no embedding yet (never
co-viewed, or unknown) gets the most booked listings instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..entities import ITEM
from ..features.definitions import EMBEDDING


@dataclass(frozen=True)
class NeighbourIndex:
    ids: np.ndarray  # sorted listing ids
    vectors: np.ndarray  # one unit (or zero) vector per id
    popular: tuple[str, ...]  # ids, most booked first

    @classmethod
    def from_rows(cls, rows: pd.DataFrame) -> NeighbourIndex:
        """From item feature rows: `item_id`, the embedding columns, `bookings_28d`, `views_28d`."""
        ordered = rows.drop_duplicates(ITEM).sort_values(ITEM, ignore_index=True)
        vectors = ordered[EMBEDDING].apply(pd.to_numeric).fillna(0.0).to_numpy(dtype=float)
        by_bookings = ordered.sort_values(
            ["bookings_28d", "views_28d", ITEM], ascending=[False, False, True], kind="stable"
        )
        return cls(
            ids=ordered[ITEM].astype(str).to_numpy(),
            vectors=vectors,
            popular=tuple(by_bookings[ITEM].astype(str)),
        )

    def vector(self, item: str) -> np.ndarray | None:
        position = np.searchsorted(self.ids, item)
        if position < len(self.ids) and self.ids[position] == item:
            found = self.vectors[position]
            return found if found.any() else None
        return None

    def neighbours(self, item: str, size: int) -> list[str]:
        """The `size` listings most similar to `item`, most similar first; never `item`."""
        anchor = self.vector(item)
        if anchor is None:
            return [other for other in self.popular if other != item][:size]
        similarity = self.vectors @ anchor
        order = np.argsort(-similarity, kind="stable")[: size + 1]  # ties: by id
        return [str(other) for other in self.ids[order] if other != item][:size]
