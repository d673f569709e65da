"""Item-to-item co-clicks: people who clicked this also clicked that.

Two sources feed the collaborative side of retrieval and ranking, both point in time:

- `click_history`: after each click, the user's last `RECENT_CLICKS` clicked items, known
  from one second after the click (so an impression never sees its own click);
- `co_clicks`: once a week, each item's `NEIGHBOURS` most co-clicked items over the
  `WINDOW_DAYS` before that snapshot: the number of users who clicked both, divided by
  the geometric mean of the users who clicked each (cosine similarity of the two items'
  click columns). A user counts with their last `CLICKS_PER_USER` items of the window.

`co_click_scores` turns a user's recent clicks and a candidate's neighbours into one
number: the same definition ranks a request's candidates and builds the training set.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ..entities import ITEM, USER
from .columns import Columns
from .keys import SEPARATOR_SQL, split_ids

RECENT_CLICKS = 20
NEIGHBOURS = 30
WINDOW_DAYS = 28
CLICKS_PER_USER = 20
SNAPSHOT_DAYS = 7

CLICK_HISTORY_SQL = f"""
    SELECT {USER}, shown_at + INTERVAL 1 SECOND AS known_at,
        string_agg(CAST({ITEM} AS VARCHAR), {SEPARATOR_SQL}) OVER (
            PARTITION BY {USER} ORDER BY shown_at, {ITEM}
            ROWS BETWEEN {RECENT_CLICKS - 1} PRECEDING AND CURRENT ROW
        ) AS recent_clicks
    FROM impressions
    WHERE clicked
    QUALIFY row_number() OVER (PARTITION BY {USER}, shown_at ORDER BY {ITEM} DESC) = 1
"""

CO_CLICKS_SQL = f"""
    WITH clicks AS (
        SELECT CAST({USER} AS VARCHAR) AS who, CAST({ITEM} AS VARCHAR) AS what, shown_at
        FROM impressions WHERE clicked
    ),
    snapshots AS (
        SELECT CAST(moment AS TIMESTAMP) AS snapshot_at
        FROM (
            SELECT unnest(generate_series(
                MIN(CAST(shown_at AS DATE)) + INTERVAL {SNAPSHOT_DAYS} DAY,
                MAX(CAST(shown_at AS DATE)) + INTERVAL {SNAPSHOT_DAYS} DAY,
                INTERVAL {SNAPSHOT_DAYS} DAY
            )) AS moment
            FROM clicks
        ) AS moments
    ),
    in_window AS (
        SELECT snapshots.snapshot_at, clicks.who, clicks.what, MAX(clicks.shown_at) AS last_click
        FROM snapshots JOIN clicks
          ON clicks.shown_at < snapshots.snapshot_at
         AND clicks.shown_at >= snapshots.snapshot_at - INTERVAL {WINDOW_DAYS} DAY
        GROUP BY snapshots.snapshot_at, clicks.who, clicks.what
    ),
    windowed AS (
        SELECT * FROM in_window
        QUALIFY row_number() OVER (
            PARTITION BY snapshot_at, who ORDER BY last_click DESC, what
        ) <= {CLICKS_PER_USER}
    ),
    clickers AS (
        SELECT snapshot_at, what, COUNT(*) AS users FROM windowed GROUP BY snapshot_at, what
    ),
    pairs AS (
        SELECT a.snapshot_at, a.what AS item, b.what AS other, COUNT(*) AS both_users
        FROM windowed AS a JOIN windowed AS b
          ON a.snapshot_at = b.snapshot_at AND a.who = b.who AND a.what <> b.what
        GROUP BY a.snapshot_at, a.what, b.what
    ),
    ranked AS (
        SELECT pairs.snapshot_at, pairs.item, pairs.other,
               pairs.both_users / sqrt(x.users * y.users) AS similarity
        FROM pairs
        JOIN clickers AS x ON x.snapshot_at = pairs.snapshot_at AND x.what = pairs.item
        JOIN clickers AS y ON y.snapshot_at = pairs.snapshot_at AND y.what = pairs.other
        QUALIFY row_number() OVER (
            PARTITION BY pairs.snapshot_at, pairs.item ORDER BY similarity DESC, pairs.other
        ) <= {NEIGHBOURS}
    )
    SELECT item AS {ITEM}, snapshot_at AS neighbours_at,
           string_agg(other, {SEPARATOR_SQL} ORDER BY similarity DESC, other) AS co_clicked
    FROM ranked GROUP BY item, snapshot_at
"""


def co_click_scores(columns: Columns) -> np.ndarray:
    """Per row, how strongly the candidate's co-clicked items (`co_clicked`) overlap the
    user's recent clicks (`recent_clicks`): the sum of the matching neighbours' weights."""
    recent = np.asarray(columns["recent_clicks"], dtype=object)
    neighbours = np.asarray(columns["co_clicked"], dtype=object)
    scores = np.zeros(len(recent))
    for row, (history, near) in enumerate(zip(recent, neighbours, strict=True)):
        if isinstance(history, str) and isinstance(near, str):
            weights = neighbour_weights(near)
            # fsum: exactly rounded in any order (a set's order changes with each process's
            # hash seed, and a plain sum with it: training and serving would disagree)
            scores[row] = math.fsum(weights.get(item, 0.0) for item in _clicked(history))
    return scores


# Parsed once per distinct text: a request's candidates and a training frame's rows repeat
# the same items' lists and the same users' histories.
@lru_cache(maxsize=100_000)
def neighbour_weights(near: object) -> dict[str, float]:
    """An item's `co_clicked` list as weights: its closest neighbour 1, down to 1/NEIGHBOURS
    for the last (read-only: the dict is shared)."""
    ids = split_ids(near)
    return {item: (NEIGHBOURS - rank) / NEIGHBOURS for rank, item in enumerate(ids)}


@lru_cache(maxsize=100_000)
def _clicked(history: str) -> frozenset[str]:
    return frozenset(split_ids(history))
