"""The serving path for one anchor: neighbours → pair features → re-rank → top k."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..entities import ANCHOR, ITEM, PAIR, pair_keys
from ..feature_store import OnlineStore
from ..features.definitions import ANCHOR_VIEWS, ITEM_VIEWS, MODEL_FEATURES, PAIR_CO_VIEWS, assemble
from ..features.views import FeatureView
from ..offline.dataset import EVENT_TS
from ..offline.train import score
from .features import lookup
from .neighbours import NeighbourIndex


@dataclass(frozen=True)
class SimilarItems:
    frame: pd.DataFrame  # every candidate's model input and score, best first
    known: bool  # false when the anchor has no stored profile (cold start)

    def top(self, k: int) -> pd.DataFrame:
        return self.frame.head(k)


def lookup_views(
    store: OnlineStore, views: Sequence[FeatureView], ids: Sequence[str]
) -> pd.DataFrame:
    """One row per id (in order) with the features of every view; `known` from the first."""
    frame = lookup(store, views[0], ids)
    for view in views[1:]:
        found = lookup(store, view, ids)
        frame = pd.concat([frame, found[view.features]], axis=1)
    return frame


def similar_items(
    store: OnlineStore,
    index: NeighbourIndex,
    model,
    anchor: str,
    size: int,
    at: pd.Timestamp,
) -> SimilarItems:
    """Score the anchor's `size` nearest neighbours with the re-ranker, best first."""
    candidates = index.neighbours(anchor, size)
    anchor_row = lookup_views(store, ANCHOR_VIEWS, [anchor])
    spine = pd.DataFrame({ANCHOR: anchor, ITEM: candidates, EVENT_TS: at})
    spine.insert(2, PAIR, pair_keys(spine[ANCHOR], spine[ITEM]))
    frame = assemble(
        spine,
        anchor_row.loc[[0] * len(candidates)],
        lookup_views(store, ITEM_VIEWS, candidates),
        lookup(store, PAIR_CO_VIEWS, spine[PAIR].tolist()),
    )
    frame["score"] = score(model, frame, MODEL_FEATURES).to_numpy()
    ranked = frame.sort_values("score", ascending=False, kind="stable", ignore_index=True)
    return SimilarItems(ranked, bool(anchor_row["known"].iloc[0]))
