"""Retrieval as it was at each session's moment: the neighbours of its anchor listing,
found with the embedding snapshot of that day."""

from __future__ import annotations

import pandas as pd

from ..entities import ANCHOR, ITEM, LABEL, PAIR, SESSION, pair_keys
from ..feature_store import OfflineStore
from ..features.definitions import ITEM_ACTIVITY, ITEM_EMBEDDING
from ..online.neighbours import NeighbourIndex
from .dataset import EVENT_TS

RETRIEVAL_RANK = "retrieval_rank"  # 0 for the nearest neighbour
BOOKED_ITEM = "booked_item_id"


def booked_sessions(page_views: pd.DataFrame, bookings: pd.DataFrame) -> pd.DataFrame:
    """One row per booked session: its anchor (the first listing viewed), the listing booked
    and the moment of the booking, which is when the label is known.

    Sessions that booked the first listing they saw have nothing to learn from and are left out.
    """
    first = page_views.sort_values(["viewed_at", ITEM]).drop_duplicates(SESSION)
    sessions = (
        first[[SESSION, ITEM]]
        .rename(columns={ITEM: ANCHOR})
        .merge(bookings.rename(columns={ITEM: BOOKED_ITEM, "booked_at": EVENT_TS}), on=SESSION)
    )
    sessions = sessions[sessions[ANCHOR] != sessions[BOOKED_ITEM]]
    return sessions.sort_values([EVENT_TS, SESSION], ignore_index=True)


def indexes_by_day(
    store: OfflineStore, item_ids: list[str], days: list[pd.Timestamp]
) -> dict[pd.Timestamp, NeighbourIndex]:
    """The retrieval index as of the start of each day (snapshots are daily)."""
    grid = pd.DataFrame(
        [(item, day) for day in days for item in item_ids], columns=[ITEM, EVENT_TS]
    )
    rows = store.get_historical(grid, (ITEM_EMBEDDING, ITEM_ACTIVITY))
    return {day: NeighbourIndex.from_rows(part) for day, part in rows.groupby(EVENT_TS)}


def candidate_pairs(
    sessions: pd.DataFrame, store: OfflineStore, item_ids: list[str], size: int
) -> pd.DataFrame:
    """Each session's retrieved candidates; `booked` labels the one that was booked.

    A booking retrieval missed has no row: the re-ranker learns from what serving will
    score, and evaluation counts such a session as a miss.
    """
    days = sessions[EVENT_TS].dt.normalize()
    indexes = indexes_by_day(store, item_ids, sorted(days.unique()))
    rows = [
        (getattr(session, SESSION), getattr(session, ANCHOR), item, session.event_ts, rank)
        for session, day in zip(sessions.itertuples(index=False), days, strict=True)
        for rank, item in enumerate(indexes[day].neighbours(getattr(session, ANCHOR), size))
    ]
    pairs = pd.DataFrame(rows, columns=[SESSION, ANCHOR, ITEM, EVENT_TS, RETRIEVAL_RANK])
    booked = pairs[SESSION].map(sessions.set_index(SESSION)[BOOKED_ITEM])
    return pairs.assign(
        **{PAIR: pair_keys(pairs[ANCHOR], pairs[ITEM]), LABEL: pairs[ITEM] == booked}
    )
