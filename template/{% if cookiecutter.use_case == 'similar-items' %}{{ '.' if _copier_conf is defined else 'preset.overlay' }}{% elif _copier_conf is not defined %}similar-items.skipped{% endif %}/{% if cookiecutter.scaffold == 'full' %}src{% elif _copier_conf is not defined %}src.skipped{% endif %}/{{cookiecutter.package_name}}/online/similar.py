"""The serving path for one anchor: neighbours → pair features → re-rank → top k."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..entities import ANCHOR, ITEM, PAIR, pair_keys
from ..feature_store import OnlineStore
from ..features.columns import merge, repeat
from ..features.definitions import (
    ANCHOR_FEATURES,
    ITEM_VIEWS,
    PAIR_CO_VIEWS,
    assemble,
    request_features,
)
from ..features.views import FeatureView
from ..offline.dataset import EVENT_TS
from .endpoint import Context
from .features import KNOWN, Catalog, lookup
from .neighbours import NeighbourIndex


@dataclass(frozen=True)
class SimilarItems:
    rows: dict[str, np.ndarray]  # every candidate's model input and `score`, as retrieved
    order: np.ndarray  # positions in `rows`, best score first (ties: nearest first)
    known: bool  # false when the anchor has no stored profile (cold start)

    def top(self, k: int) -> np.ndarray:
        return self.order[:k]


def lookup_views(
    store: OnlineStore, views: Sequence[FeatureView], ids: Sequence[str]
) -> dict[str, np.ndarray]:
    """The features of every view for `ids`, in order; `known` says the first view has them."""
    first, *others = views
    columns = lookup(store, first, ids)
    for view in others:
        found = lookup(store, view, ids)
        columns.update({name: found[name] for name in view.features})
    return columns


def similar_items(
    context: Context, index: NeighbourIndex, listings: Catalog, anchor: str, size: int
) -> SimilarItems:
    """Score the anchor's `size` nearest neighbours with the re-ranker, best first; the
    candidates' features come from the in-memory `listings`, the anchor's from the store
    (it may be a listing the index has never seen)."""
    store = context.store
    with context.stage("retrieval"):
        candidates = index.neighbours(anchor, size)
    with context.stage("lookup"):
        count = len(candidates)
        spine = {
            ANCHOR: np.full(count, anchor, dtype=object),
            ITEM: np.array(candidates, dtype=object),
            EVENT_TS: np.full(count, context.moment),
        }
        spine[PAIR] = pair_keys(spine[ANCHOR], spine[ITEM])
        anchor_columns = lookup_views(store, ITEM_VIEWS, [anchor])
        anchor_row = {name: anchor_columns[name] for name in ANCHOR_FEATURES}
        stored = assemble(
            spine,
            repeat(anchor_row, count),
            listings.rows(candidates),
            lookup(store, PAIR_CO_VIEWS, spine[PAIR].tolist()),
        )
    with context.stage("ranking"):
        rows = merge(stored, request_features(stored))
        rows["score"] = context.model.score(rows)
        order = np.argsort(-rows["score"], kind="stable")
    return SimilarItems(rows, order, bool(anchor_columns[KNOWN][0]))
