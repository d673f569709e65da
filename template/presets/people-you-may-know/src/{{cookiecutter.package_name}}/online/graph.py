"""The graph stage: friends of friends as candidates, and what each pair has in common.

Everything here reads friend lists as of a moment through a `People` function: offline,
point-in-time from the offline store; online, the latest values from the online store.
The gateway and the training-set builder run the same code on them, so they agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from ..entities import CANDIDATE, FRIEND, USER
from ..feature_store import OfflineStore, OnlineStore
from ..features.definitions import FRIENDS, PERSON_FEATURES, VIEWS, add_request_features
from ..features.views import FeatureView
from ..offline.dataset import EVENT_TS
from .features import lookup

# (spine of user_id and event_ts, views) → one row per spine row, in its order: user_id,
# event_ts, the features of those views, and `known` (the person has stored features).
People = Callable[[pd.DataFrame, Sequence[FeatureView]], pd.DataFrame]
VIA = "via"  # the friend in common a two-hop path goes through
PAIR_STATS = ["common_neighbours", "adamic_adar"]


def offline_people(store: OfflineStore) -> People:
    """People as they were at each spine row's `event_ts` (a point-in-time join)."""

    def people(spine: pd.DataFrame, views: Sequence[FeatureView] = VIEWS) -> pd.DataFrame:
        rows = store.get_historical(spine[[USER, EVENT_TS]].reset_index(drop=True), views)
        attributes = [a.name for view in views for a in view.attributes]
        known = rows[attributes].notna().any(axis=1)
        return _aligned(rows.assign(known=known), spine, views)

    return people


def online_people(store: OnlineStore) -> People:
    """People as they are now (the latest materialized values), whatever `event_ts` says."""

    def people(spine: pd.DataFrame, views: Sequence[FeatureView] = VIEWS) -> pd.DataFrame:
        ids = spine[USER].tolist()
        parts = [lookup(store, view, ids) for view in views]
        known = np.logical_or.reduce([part["known"].to_numpy() for part in parts])
        rows = pd.concat(
            [part[view.features] for part, view in zip(parts, views, strict=True)], axis=1
        )
        return _aligned(rows.assign(**{USER: ids, "known": known}), spine, views)

    return people


def _aligned(rows: pd.DataFrame, spine: pd.DataFrame, views: Sequence[FeatureView]) -> pd.DataFrame:
    rows = rows.reset_index(drop=True).assign(**{EVENT_TS: spine[EVENT_TS].to_numpy()})
    return rows[[USER, EVENT_TS, *(f for view in views for f in view.features), "known"]]


def friend_pairs(people: pd.DataFrame) -> pd.DataFrame:
    """One row per (user_id, event_ts, friend_id), from the space-separated friend lists."""
    lists = people["friends"].where(people["friends"].notna(), "").astype(str).str.split()
    pairs = people[[USER, EVENT_TS]].assign(**{FRIEND: lists}).explode(FRIEND)
    return pairs.dropna(subset=[FRIEND]).reset_index(drop=True)


def two_hop(users: pd.DataFrame, people: People) -> pd.DataFrame:
    """Every friend of a friend of each user, who is not a friend yet, with the number of
    friends in common and their Adamic-Adar score (friends in common weighted by
    1 / log(their number of friends): a mutual friend with few friends says more)."""
    first_hop = friend_pairs(users)
    columns = [USER, EVENT_TS, CANDIDATE, *PAIR_STATS]
    if first_hop.empty:
        return pd.DataFrame(columns=columns)
    middle = people(
        first_hop[[FRIEND, EVENT_TS]].drop_duplicates().rename(columns={FRIEND: USER}), (FRIENDS,)
    )
    weight = 1.0 / np.log(np.maximum(pd.to_numeric(middle["degree"]).fillna(0.0), 2.0))
    second_hop = friend_pairs(middle).merge(
        middle[[USER, EVENT_TS]].assign(weight=weight), on=[USER, EVENT_TS]
    )
    paths = first_hop.rename(columns={FRIEND: VIA}).merge(
        second_hop.rename(columns={USER: VIA, FRIEND: CANDIDATE}), on=[VIA, EVENT_TS]
    )
    already = first_hop.rename(columns={FRIEND: CANDIDATE}).assign(already=True)
    paths = paths[paths[CANDIDATE] != paths[USER]].merge(
        already, on=[USER, EVENT_TS, CANDIDATE], how="left"
    )
    paths = paths[paths["already"].isna()]
    stats = paths.groupby([USER, EVENT_TS, CANDIDATE], sort=True).agg(
        common_neighbours=(VIA, "size"), adamic_adar=("weight", "sum")
    )
    return stats.reset_index()[columns]


def link_rows(
    pairs: pd.DataFrame,
    people: People,
    users: pd.DataFrame | None = None,
    stats: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Model inputs for (user_id, candidate_id, event_ts) pairs, in the pairs' order.

    `users` and `stats` are the people and two-hop rows of the pairs' users, when the
    caller has them already (the gateway found its candidates with them).
    """
    if users is None:
        users = people(pairs[[USER, EVENT_TS]].drop_duplicates(), VIEWS)
    if stats is None:
        stats = two_hop(users, people)
    candidates = people(
        pairs[[CANDIDATE, EVENT_TS]].drop_duplicates().rename(columns={CANDIDATE: USER}), VIEWS
    )
    frame = (
        pairs.merge(_side(users, "user", USER), on=[USER, EVENT_TS], how="left")
        .merge(_side(candidates, "candidate", CANDIDATE), on=[CANDIDATE, EVENT_TS], how="left")
        .merge(stats, on=[USER, EVENT_TS, CANDIDATE], how="left")
    )
    return add_request_features(frame)


def best_friends_of_friends(stats: pd.DataFrame, size: int) -> pd.DataFrame:
    """Per user and moment, the `size` friends of friends with the highest Adamic-Adar."""
    ranked = stats.sort_values(
        [USER, EVENT_TS, "adamic_adar", CANDIDATE], ascending=[True, True, False, True]
    )
    return ranked.groupby([USER, EVENT_TS], sort=False).head(size).reset_index(drop=True)


def _side(people: pd.DataFrame, prefix: str, key: str) -> pd.DataFrame:
    renamed = {feature: f"{prefix}_{feature}" for feature in PERSON_FEATURES}
    renamed[USER] = key
    return people[[USER, EVENT_TS, *PERSON_FEATURES]].rename(columns=renamed)
