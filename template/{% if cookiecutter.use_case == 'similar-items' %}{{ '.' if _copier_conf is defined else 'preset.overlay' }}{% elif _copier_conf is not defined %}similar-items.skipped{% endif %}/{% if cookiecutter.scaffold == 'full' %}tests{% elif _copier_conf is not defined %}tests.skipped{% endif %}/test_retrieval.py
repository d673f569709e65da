"""Retrieval: the anchor's nearest neighbours, and what a session teaches."""

import numpy as np
import pandas as pd

from {{ cookiecutter.package_name }}.entities import pair_keys
from {{ cookiecutter.package_name }}.offline.candidates import BOOKED_ITEM, booked_sessions
from {{ cookiecutter.package_name }}.online.neighbours import NeighbourIndex

ROWS = pd.DataFrame(
    {
        "item_id": ["a", "b", "c", "d", "e"],
        "bookings_28d": [1, 5, 0, 9, 3],
        "views_28d": [10, 10, 10, 10, 10],
    }
)
VECTORS = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0], [-1.0, 0.0], [0.0, 0.0]])


def index() -> NeighbourIndex:
    rows = ROWS.assign(**{f"emb_{i:02d}": 0.0 for i in range(16)})
    rows[["emb_00", "emb_01"]] = VECTORS
    return NeighbourIndex.from_rows(rows)


def test_neighbours_come_most_similar_first_and_never_include_the_anchor():
    assert index().neighbours("a", 3) == ["b", "c", "e"]
    assert index().neighbours("d", 1) == ["c"]


def test_a_listing_without_an_embedding_gets_the_most_booked_ones():
    assert index().neighbours("e", 3) == ["d", "b", "a"]
    assert index().neighbours("never-listed", 2) == ["d", "b"]


def test_never_more_neighbours_than_the_catalog_has():
    assert len(index().neighbours("a", 50)) == 4


def test_a_pair_has_one_key_whichever_listing_is_the_anchor():
    keys = pair_keys(pd.Series(["b", "a"]), pd.Series(["a", "b"]))
    assert keys.tolist() == ["a|b", "a|b"]


def test_a_session_anchors_on_its_first_view_and_is_kept_only_if_it_booked_another():
    at = pd.Timestamp("2026-01-05 10:00")
    views = pd.DataFrame(
        {
            "session_id": ["s1", "s1", "s1", "s2", "s2", "s3"],
            "item_id": ["b", "a", "c", "d", "e", "a"],
            "viewed_at": [at + pd.Timedelta(minutes=m) for m in (1, 0, 2, 0, 1, 0)],
        }
    )
    bookings = pd.DataFrame(
        {
            "session_id": ["s1", "s2"],
            "item_id": ["c", "d"],
            "booked_at": [at + pd.Timedelta(minutes=5)] * 2,
        }
    )
    sessions = booked_sessions(views, bookings)
    assert sessions[["session_id", "anchor_id", BOOKED_ITEM]].values.tolist() == [["s1", "a", "c"]]
