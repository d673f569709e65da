"""Who to suggest: friends of friends first, the best connected people when those run out."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd


def with_fallback(
    user_id: str,
    friends: Collection[str],
    pool: Sequence[str],
    popular: Sequence[str],
    minimum: int,
) -> list[str]:
    """The candidates in `pool` (friends of friends), topped up to `minimum` with the most
    connected people who are not the user or `friends` yet: all a new user gets."""
    chosen = dict.fromkeys(pool)
    excluded = {user_id, *friends}
    for person in popular:
        if len(chosen) >= minimum:
            break
        if person not in excluded:
            chosen.setdefault(person)
    return list(chosen)


def most_connected(friends: pd.DataFrame, count: int) -> tuple[str, ...]:
    """The ids of the `count` people with the most friends (index: id, column `degree`)."""
    degree = pd.to_numeric(friends["degree"]).fillna(0.0)
    ordered = pd.DataFrame({"id": friends.index.astype(str), "degree": degree.to_numpy()})
    ordered = ordered.sort_values(["degree", "id"], ascending=[False, True])
    return tuple(ordered["id"].head(count))
