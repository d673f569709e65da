"""The people-you-may-know features, declared once for the offline ETL and the online gateway.

Per person, three views: the profile (community, school, city), the friend list as it was
after each new friendship, and how many friends the person made lately. Pair features
(friends in common, Adamic-Adar) come from the friend lists of the user and of the user's
friends, in `online/graph.py`; `request_features` turns them into the model's inputs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..entities import FRIEND, USER
from .columns import Columns, numbers, with_columns
from .views import Aggregation, Attribute, FeatureSet, FeatureView

# Each friendship seen from both sides, and every person's friend list after each new
# friendship (friendships made at the same instant are added together).
DERIVED_SOURCES: dict[str, str] = {
    "friendships": f"""
        SELECT {USER}, {FRIEND}, created_at FROM connections
        UNION ALL
        SELECT {FRIEND} AS {USER}, {USER} AS {FRIEND}, created_at FROM connections
    """,
    "friend_lists": f"""
        SELECT {USER}, created_at,
            array_to_string(list_sort(list({FRIEND}) OVER so_far), ' ') AS friends,
            count(*) OVER so_far AS degree
        FROM friendships
        WINDOW so_far AS (
            PARTITION BY {USER} ORDER BY created_at
            RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        )
        QUALIFY row_number() OVER (PARTITION BY {USER}, created_at ORDER BY {FRIEND}) = 1
    """,
}

PROFILE = FeatureView(
    name="profile",
    entity=USER,
    source="users",
    timestamp="joined_at",
    attributes=(
        Attribute("community", "community"),
        Attribute("school", "school"),
        Attribute("city", "city"),
    ),
)

FRIENDS = FeatureView(
    name="friends",
    entity=USER,
    source="friend_lists",
    timestamp="created_at",
    attributes=(
        Attribute("friends", "friends", "the person's friends' ids, space-separated"),
        Attribute("degree", "degree", "how many friends the person has"),
    ),
)

ACTIVITY = FeatureView(
    name="activity",
    entity=USER,
    source="friendships",
    timestamp="created_at",
    aggregations=(
        Aggregation("new_friends_7d", "count", 7),
        Aggregation("new_friends_30d", "count", 30),
    ),
)

VIEWS = (PROFILE, FRIENDS, ACTIVITY)

# What the pair frame carries about each side, as `user_<name>` and `candidate_<name>`.
PERSON_FEATURES = ("community", "school", "city", "friends", "degree", "new_friends_30d")
SHARED = ("community", "school", "city")

# The model's inputs: the view features declared with `model=` (none here), then these,
# stored or computed at request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(
    VIEWS,
    numeric=(
        "common_neighbours",
        "adamic_adar",
        "jaccard",
        "user_degree",
        "candidate_degree",
        "user_new_friends_30d",
        "candidate_new_friends_30d",
        *(f"same_{attribute}" for attribute in SHARED),
    ),
)


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """The model's inputs for (user, candidate) pairs, from both sides' stored features and
    the pair's graph statistics (`common_neighbours`, `adamic_adar`; missing for a pair no
    two-hop path joins).

    The one definition of these features: the gateway calls it on a user's candidate rows,
    the training-set builder on the whole frame (through `add_request_features`).
    """
    common = numbers(columns["common_neighbours"], 0.0)
    user_degree = numbers(columns["user_degree"], 0.0)
    candidate_degree = numbers(columns["candidate_degree"], 0.0)
    union = user_degree + candidate_degree - common
    shared = {
        f"same_{attribute}": same_value(
            columns[f"user_{attribute}"], columns[f"candidate_{attribute}"]
        )
        for attribute in SHARED
    }
    return {
        "common_neighbours": common,
        "adamic_adar": numbers(columns["adamic_adar"], 0.0),
        "jaccard": np.where(union > 0, common / np.where(union > 0, union, 1.0), 0.0),
        "user_degree": user_degree,
        "candidate_degree": candidate_degree,
        "user_new_friends_30d": numbers(columns["user_new_friends_30d"], 0.0),
        "candidate_new_friends_30d": numbers(columns["candidate_new_friends_30d"], 0.0),
        **shared,
    }


def same_value(user_values: Any, candidate_values: Any) -> np.ndarray:
    """1.0 where the user's value is known and the candidate's is the same, else 0.0."""
    users = np.asarray(user_values, dtype=object)
    present = np.array([isinstance(value, str) for value in users.tolist()], dtype=bool)
    return (present & (users == np.asarray(candidate_values, dtype=object))).astype(float)


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
