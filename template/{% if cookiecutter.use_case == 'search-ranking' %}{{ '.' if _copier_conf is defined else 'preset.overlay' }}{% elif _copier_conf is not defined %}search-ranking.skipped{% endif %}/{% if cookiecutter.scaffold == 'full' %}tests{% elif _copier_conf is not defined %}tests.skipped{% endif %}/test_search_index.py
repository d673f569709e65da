import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.online.search_index import SearchIndex

DOCUMENTS = pd.DataFrame(
    {
        "doc_id": ["long", "short", "other", "rare", "draft"],
        "title": ["Pasta", "Pasta", "Travel", "Pasta saffron", None],
        "body": [
            "pasta with tomato and garlic and a long story about the market and the weather",
            "pasta with tomato",
            "a flight to the island",
            "saffron risotto",
            "pasta pasta pasta",
        ],
    }
)


@pytest.fixture(scope="module")
def index():
    return SearchIndex.from_documents(DOCUMENTS)


def test_documents_without_text_are_not_indexed(index):
    assert sorted(index.doc_ids) == ["long", "other", "rare", "short"]


def test_only_documents_with_a_query_word_are_retrieved_best_first(index):
    found = index.retrieve("Pasta!", 10)
    assert set(found["doc_id"]) == {"long", "short", "rare"}
    assert (np.diff(found["retrieval_score"]) <= 0).all()
    assert len(index.retrieve("submarine", 10)["doc_id"]) == 0


def test_a_short_document_beats_a_long_one_with_the_same_words(index):
    found = index.retrieve("pasta tomato", 10)["doc_id"].tolist()
    assert found.index("short") < found.index("long")


def test_a_rare_word_weighs_more_than_a_common_one(index):
    found = index.retrieve("pasta saffron", 1)
    assert found["doc_id"].tolist() == ["rare"]


def test_equal_scores_come_in_document_id_order():
    twins = pd.DataFrame({"doc_id": ["b", "a", "c"], "title": "Pasta", "body": "tomato"})
    found = SearchIndex.from_documents(twins).retrieve("pasta", 10)
    assert found["doc_id"].tolist() == ["a", "b", "c"]


def test_pair_scores_equal_retrieval_scores_exactly_and_unknown_documents_score_zero(index):
    found = index.retrieve("pasta tomato", 10)
    count = len(found["doc_id"])
    queries = ["pasta tomato"] * (count + 1) + ["saffron"]
    pairs = index.score_pairs(queries, [*found["doc_id"], "missing", "rare"])
    np.testing.assert_array_equal(pairs[:count], found["retrieval_score"])
    assert pairs[count] == 0.0
    assert pairs[-1] == index.retrieve("saffron", 1)["retrieval_score"][0]


def test_an_empty_corpus_retrieves_nothing():
    empty = SearchIndex.from_documents(DOCUMENTS.iloc[:0])
    assert len(empty.retrieve("pasta", 5)["doc_id"]) == 0
