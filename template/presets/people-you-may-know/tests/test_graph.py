"""Friends of friends and what a pair has in common, on a graph small enough to check by hand.

a — b — d        a's friends: b, c.  d is a friend of b and of c; e only of c.
 \\   /           So for a: d has 2 friends in common, e has 1; b and c are friends
  c — e          already and are never candidates.
"""

import math

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import CANDIDATE, USER
from {{ cookiecutter.package_name }}.features.definitions import VIEWS
from {{ cookiecutter.package_name }}.online.graph import (
    best_friends_of_friends,
    friend_pairs,
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


def test_a_new_user_gets_the_most_connected_people_and_never_themselves_or_friends():
    degrees = pd.DataFrame({"degree": [5, 9, 1, 7]}, index=["p1", "p2", "p3", "p4"])
    popular = most_connected(degrees, 3)
    assert popular == ("p2", "p4", "p1")
    empty = pd.DataFrame(columns=[CANDIDATE])
    assert with_fallback("new", user("new"), empty, popular, 2) == ["p2", "p4"]
    friends_with_p2 = pd.DataFrame({USER: ["p4"], "event_ts": MOMENT, "friends": ["p2"]})
    assert with_fallback("p4", friends_with_p2, empty, popular, 5) == ["p1"]
