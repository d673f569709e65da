"""Friends of friends and what a pair has in common, on a graph small enough to check by hand.

a — b — d        a's friends: b, c.  d is a friend of b and of c; e only of c.
 \\   /           So for a: d has 2 friends in common, e has 1; b and c are friends
  c — e          already and are never candidates.
"""

import math

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import CANDIDATE, USER
from {{ cookiecutter.package_name }}.features.definitions import MODEL_FEATURES, VIEWS
from {{ cookiecutter.package_name }}.online.graph import (
    best_friends_of_friends,
    best_reached,
    candidate_rows,
    friend_pairs,
    friends_of_friends,
    link_rows,
    two_hop,
)
from {{ cookiecutter.package_name }}.online.suggest import most_connected, with_fallback

FRIENDS = {"a": "b c", "b": "a d", "c": "a d e", "d": "b c", "e": "c"}
PROFILE = {"a": "north", "b": "north", "c": "south", "d": "north", "e": "south"}
MOMENT = pd.Timestamp("2026-02-01")


def people(spine: pd.DataFrame, views=VIEWS) -> pd.DataFrame:
    """The graph above as a People function: every view's features, for any moment."""
    ids = spine[USER].tolist()
    rows = pd.DataFrame({USER: ids, "event_ts": spine["event_ts"].to_numpy()})
    for view in views:
        for feature in view.features:
            rows[feature] = 0.0
    if any(view.name == "friends" for view in views):
        rows["friends"] = [FRIENDS.get(i) for i in ids]
        rows["degree"] = [len(FRIENDS[i].split()) if i in FRIENDS else None for i in ids]
    if any(view.name == "profile" for view in views):
        rows["community"] = rows["school"] = "same"
        rows["city"] = [PROFILE.get(i) for i in ids]
    return rows.assign(known=[i in FRIENDS for i in ids])


def user(name: str) -> pd.DataFrame:
    return people(pd.DataFrame({USER: [name], "event_ts": MOMENT}))


def everyone(names: list[str]) -> pd.DataFrame:
    return people(pd.DataFrame({USER: names, "event_ts": MOMENT}))


def test_friend_lists_become_one_row_per_friendship():
    pairs = friend_pairs(user("c"))
    assert pairs["friend_id"].tolist() == ["a", "d", "e"]
    assert friend_pairs(user("nobody")).empty


def test_friends_of_friends_count_friends_in_common_and_skip_friends():
    stats = two_hop(user("a"), people).set_index(CANDIDATE)
    assert sorted(stats.index) == ["d", "e"]
    assert stats.loc["d", "common_neighbours"] == 2
    assert stats.loc["e", "common_neighbours"] == 1


def test_adamic_adar_weighs_a_friend_in_common_by_how_few_friends_they_have():
    stats = two_hop(user("a"), people).set_index(CANDIDATE)
    # d is reached through b (2 friends) and c (3 friends); e through c only.
    assert stats.loc["d", "adamic_adar"] == pytest.approx(1 / math.log(2) + 1 / math.log(3))
    assert stats.loc["e", "adamic_adar"] == pytest.approx(1 / math.log(3))


def test_a_user_without_friends_has_no_friends_of_friends():
    assert two_hop(user("nobody"), people).empty


def test_pair_rows_carry_the_model_inputs():
    pairs = pd.DataFrame({USER: "a", CANDIDATE: ["d", "e", "b"], "event_ts": MOMENT})
    rows = link_rows(pairs, people).set_index(CANDIDATE)
    assert rows.loc["d", "jaccard"] == pytest.approx(2 / 2)  # {b, c} vs {b, c}
    assert rows.loc["e", "jaccard"] == pytest.approx(1 / 2)  # {b, c} vs {c}
    assert rows.loc["b", "common_neighbours"] == 0  # a friend already: no two-hop path
    assert rows.loc["d", "same_city"] == 1.0 and rows.loc["e", "same_city"] == 0.0


def test_the_pool_keeps_the_best_adamic_adar_per_user():
    pool = best_friends_of_friends(two_hop(user("a"), people), 1)
    assert pool[CANDIDATE].tolist() == ["d"]


def test_one_users_friends_of_friends_online_are_the_offline_two_hop():
    stats = friends_of_friends("a", ["b", "c"], everyone(["b", "c"]))
    expected = two_hop(user("a"), people)
    assert stats[CANDIDATE].tolist() == expected[CANDIDATE].tolist() == ["d", "e"]
    np.testing.assert_array_equal(stats["common_neighbours"], expected["common_neighbours"])
    np.testing.assert_allclose(stats["adamic_adar"], expected["adamic_adar"], rtol=1e-15)
    assert best_reached(stats, 1).tolist() == ["d"]


def test_a_user_without_friends_reaches_no_one():
    stats = friends_of_friends("nobody", [], everyone([]))
    assert all(len(values) == 0 for values in stats.values())


def test_one_users_candidate_rows_online_are_the_offline_link_rows():
    chosen = ["d", "e", "b"]  # b is a friend already: no path, counts missing → 0
    stats = friends_of_friends("a", ["b", "c"], everyone(["b", "c"]))
    rows = candidate_rows(user("a"), everyone(chosen), stats, MOMENT.to_datetime64())
    pairs = pd.DataFrame({USER: "a", CANDIDATE: chosen, "event_ts": MOMENT})
    expected = link_rows(pairs, people)
    assert rows[CANDIDATE].tolist() == chosen
    for name in MODEL_FEATURES.columns:
        np.testing.assert_allclose(rows[name], expected[name], rtol=1e-15, err_msg=name)


def test_a_new_user_gets_the_most_connected_people_and_never_themselves_or_friends():
    degrees = pd.DataFrame({"degree": [5, 9, 1, 7]}, index=["p1", "p2", "p3", "p4"])
    popular = most_connected(degrees, 3)
    assert popular == ("p2", "p4", "p1")
    assert with_fallback("new", [], [], popular, 2) == ["p2", "p4"]
    assert with_fallback("p4", ["p2"], [], popular, 5) == ["p1"]
    assert with_fallback("p4", ["p2"], ["x", "y"], popular, 3) == ["x", "y", "p1"]
