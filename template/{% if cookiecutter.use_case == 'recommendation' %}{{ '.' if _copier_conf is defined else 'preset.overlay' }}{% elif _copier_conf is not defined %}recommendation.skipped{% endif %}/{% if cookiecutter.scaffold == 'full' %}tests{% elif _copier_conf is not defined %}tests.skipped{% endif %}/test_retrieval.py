import pandas as pd

from {{ cookiecutter.package_name }}.features.keys import SEPARATOR
from {{ cookiecutter.package_name }}.online.retrieval import CandidateIndex

ITEMS = pd.DataFrame(
    {
        "item_id": ["a1", "a2", "a3", "b1", "b2", "c1"],
        "category": ["a", "a", "a", "b", "b", "c"],
        "item_clicks_28d": [5, 9, 1, 50, 40, 30],
        "co_clicked": [SEPARATOR.join(["a3", "c1"]), None, "a1", None, None, "a3"],
    }
)


def test_a_new_user_gets_the_most_popular_items():
    index = CandidateIndex.from_items(ITEMS)
    assert index.candidates({}, [], 3) == ["b1", "b2", "c1"]


def test_a_user_gets_the_popular_items_of_their_favourite_category_first():
    index = CandidateIndex.from_items(ITEMS)
    candidates = index.candidates({"a": 10.0, "b": 0.0}, [], 4)
    assert candidates[:2] == ["a2", "a1"]
    assert len(candidates) == len(set(candidates)) == 4


def test_a_user_with_recent_clicks_gets_their_co_clicked_items_first():
    index = CandidateIndex.from_items(ITEMS)
    assert index.co_clicked(["a1"], 5) == ["a3", "c1"]
    # a3 is co-clicked with both of the user's clicks: it comes first
    assert index.co_clicked(["c1", "a1"], 5)[0] == "a3"
    candidates = index.candidates({}, ["a1"], 4)
    assert candidates[:2] == ["a3", "c1"] and len(candidates) == 4


def test_the_categories_are_the_catalogs_own_most_clicked_first():
    assert CandidateIndex.from_items(ITEMS).categories == ("b", "c", "a")


def test_never_more_candidates_than_asked_or_than_the_catalog_has():
    index = CandidateIndex.from_items(ITEMS)
    assert len(index.candidates({"a": 1.0}, ["a1"], 2)) == 2
    assert len(index.candidates({"a": 1.0}, ["a1"], 50)) == len(ITEMS)
