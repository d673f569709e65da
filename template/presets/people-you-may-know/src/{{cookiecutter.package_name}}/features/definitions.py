"""The people-you-may-know features, declared once for the offline ETL and the online gateway.

Per person, three views: the profile (community, school, city), the friend list as it was
after each new friendship, and how many friends the person made lately. Pair features
(friends in common, Adamic-Adar) come from the friend lists of the user and of the user's
friends, in `online/graph.py`; `add_request_features` turns them into the model's inputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..entities import FRIEND, USER
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

MODEL_FEATURES = FeatureSet(
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


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    """The model's inputs for (user, candidate) pairs, from both sides' stored features and
    the pair's graph statistics (`common_neighbours`, `adamic_adar`).

    The training-set builder and the gateway both call this, on the same columns.
    """
    common = pd.to_numeric(frame["common_neighbours"]).fillna(0.0)
    user_degree = pd.to_numeric(frame["user_degree"]).fillna(0.0)
    candidate_degree = pd.to_numeric(frame["candidate_degree"]).fillna(0.0)
    union = user_degree + candidate_degree - common
    shared = {
        f"same_{attribute}": (
            frame[f"user_{attribute}"].notna()
            & (frame[f"user_{attribute}"] == frame[f"candidate_{attribute}"])
        ).astype(float)
        for attribute in SHARED
    }
    return frame.assign(
        common_neighbours=common,
        adamic_adar=pd.to_numeric(frame["adamic_adar"]).fillna(0.0),
        jaccard=np.where(union > 0, common / union.where(union > 0, 1.0), 0.0),
        user_degree=user_degree,
        candidate_degree=candidate_degree,
        user_new_friends_30d=pd.to_numeric(frame["user_new_friends_30d"]).fillna(0.0),
        candidate_new_friends_30d=pd.to_numeric(frame["candidate_new_friends_30d"]).fillna(0.0),
        **shared,
    )
