"""The graph stage: friends of friends as candidates, and what each pair has in common.

Offline, `two_hop` and `link_rows` read friend lists as of a moment through a `People`
function (point-in-time from the offline store), for many users and moments at once, in
frames. Online, `friends_of_friends` and `candidate_rows` do the same for one user's latest
values, in arrays. Both count paths through `friend_lists` and `path_weight` and turn them
into model inputs through the one `request_features`, so they agree (the gateway's skew
test holds them to it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..entities import CANDIDATE, FRIEND, USER
from ..feature_store import OfflineStore, OnlineStore
from ..features.columns import Columns, merge, numbers, repeat
from ..features.definitions import (
    FRIENDS,
    PERSON_FEATURES,
    VIEWS,
    add_request_features,
    request_features,
)
from ..features.views import FeatureView
from ..offline.dataset import EVENT_TS
from .features import KNOWN, lookup

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


def _aligned(rows: pd.DataFrame, spine: pd.DataFrame, views: Sequence[FeatureView]) -> pd.DataFrame:
    rows = rows.reset_index(drop=True).assign(**{EVENT_TS: spine[EVENT_TS].to_numpy()})
    return rows[[USER, EVENT_TS, *(f for view in views for f in view.features), "known"]]


def friend_pairs(people: pd.DataFrame) -> pd.DataFrame:
    """One row per (user_id, event_ts, friend_id), from the space-separated friend lists."""
    lists = friend_lists(people["friends"])
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
    weight = path_weight(middle["degree"])
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


def friend_lists(values: Any) -> list[list[str]]:
    """The ids in each space-separated friend list; none for a missing list."""
    return [
        value.split() if isinstance(value, str) else [] for value in np.asarray(values).tolist()
    ]


def path_weight(degrees: Any) -> np.ndarray:
    """What a friend in common adds to Adamic-Adar: 1 / log(their number of friends), the
    number taken as at least 2."""
    return 1.0 / np.log(np.maximum(numbers(degrees, 0.0), 2.0))


def lookup_people(store: OnlineStore, ids: Sequence[str]) -> dict[str, np.ndarray]:
    """People as they are now (the latest materialized values): every view's features, and
    `known` where any view has the person."""
    parts = [lookup(store, view, ids) for view in VIEWS]
    return merge(*parts, {KNOWN: np.logical_or.reduce([part[KNOWN] for part in parts])})


def friends_of_friends(
    user_id: str, friends: Sequence[str], middle: Columns
) -> dict[str, np.ndarray]:
    """`two_hop` for one user: the friends of `friends` who are not the user or friends
    yet, in id order, with `common_neighbours` and `adamic_adar`. `middle` holds the
    friends' `friends` lists and `degree`, one row per friend."""
    reached = friend_lists(middle["friends"])
    people = [person for found in reached for person in found]  # one per two-hop path
    ids = sorted(set(people) - {user_id, *friends})
    code = {person: position for position, person in enumerate(ids)}
    path = np.array([code.get(person, -1) for person in people], dtype=np.intp)
    weights = np.repeat(path_weight(middle["degree"]), [len(found) for found in reached])
    kept = path >= 0
    return {
        CANDIDATE: np.array(ids, dtype=object),
        "common_neighbours": np.bincount(path[kept], minlength=len(ids)).astype(float),
        "adamic_adar": np.bincount(path[kept], weights=weights[kept], minlength=len(ids)),
    }


def best_reached(stats: Columns, size: int) -> np.ndarray:
    """`best_friends_of_friends` for one user's id-ordered `friends_of_friends`: the ids of
    the `size` with the highest Adamic-Adar, ties in id order."""
    return np.asarray(stats[CANDIDATE])[np.argsort(-stats["adamic_adar"], kind="stable")[:size]]


def candidate_rows(
    user: Columns, candidates: Columns, stats: Columns, moment: np.datetime64
) -> dict[str, np.ndarray]:
    """`link_rows` for one user's candidates: model inputs from the user's and each
    candidate's `lookup_people` columns and the user's `friends_of_friends`, whose counts
    are missing for a candidate no path reaches (as offline)."""
    ids = np.asarray(candidates[USER], dtype=object)
    count = len(ids)
    where = {person: row for row, person in enumerate(np.asarray(stats[CANDIDATE]).tolist())}
    found = np.array([where.get(person, -1) for person in ids.tolist()], dtype=np.intp)
    reached = found >= 0
    pair = {name: np.full(count, np.nan) for name in PAIR_STATS}
    for name, values in pair.items():
        values[reached] = np.asarray(stats[name])[found[reached]]
    columns = merge(
        repeat(_person_side(user, "user"), count),
        _person_side(candidates, "candidate"),
        pair,
        {
            USER: np.repeat(np.asarray(user[USER], dtype=object), count),
            CANDIDATE: ids,
            EVENT_TS: np.full(count, moment),
        },
    )
    return merge(columns, request_features(columns))


def _person_side(people: Columns, prefix: str) -> dict[str, np.ndarray]:
    return {f"{prefix}_{feature}": people[feature] for feature in PERSON_FEATURES}
