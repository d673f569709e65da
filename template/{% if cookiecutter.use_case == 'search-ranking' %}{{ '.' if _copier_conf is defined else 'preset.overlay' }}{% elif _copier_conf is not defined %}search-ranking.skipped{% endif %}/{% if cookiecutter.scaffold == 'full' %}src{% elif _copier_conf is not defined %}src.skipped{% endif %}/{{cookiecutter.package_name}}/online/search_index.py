"""Retrieval: BM25 over the documents' titles and bodies, from millions of documents to a
few dozen worth ranking.

The same class scores the training set's (query, document) pairs offline and retrieves
candidates in the gateway, from the same stored document texts and through the same sum,
so the retrieval score the ranker learned from is the one it is served, to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from ..entities import DOC
from ..features.text import tokens

K1 = 1.2  # how fast repeated words stop adding to the score
B = 0.75  # how much long documents are penalized


@dataclass(frozen=True)
class SearchIndex:
    doc_ids: np.ndarray  # in id order, which is also how equal scores are ordered
    postings: sparse.csc_matrix  # documents × terms: each term's BM25 contribution
    vocabulary: dict[str, int]

    @classmethod
    def from_documents(cls, documents: pd.DataFrame) -> SearchIndex:
        """Index `doc_id`, `title`, `body` rows; documents without text are left out."""
        rows = documents.dropna(subset=["title", "body"]).sort_values(DOC)
        if rows.empty:
            return cls(np.array([], dtype=object), sparse.csc_matrix((0, 0)), {})
        counter = CountVectorizer(tokenizer=tokens, lowercase=False, token_pattern=None)
        counts = counter.fit_transform(rows["title"] + " " + rows["body"]).astype(float).tocsr()
        return cls(rows[DOC].to_numpy(dtype=object), _bm25(counts).tocsc(), counter.vocabulary_)

    def __len__(self) -> int:
        return len(self.doc_ids)

    def scores(self, query: str) -> np.ndarray:
        """Every document's BM25 score: the weights of the distinct query words it contains,
        summed word by word (a column per word, so a query costs its words' postings)."""
        terms = sorted({self.vocabulary[word] for word in tokens(query) if word in self.vocabulary})
        pointers = self.postings.indptr
        spans = [slice(pointers[term], pointers[term + 1]) for term in terms]
        if not spans:
            return np.zeros(len(self))
        documents = np.concatenate([self.postings.indices[span] for span in spans])
        weights = np.concatenate([self.postings.data[span] for span in spans])
        return np.bincount(documents, weights=weights, minlength=len(self))

    def retrieve(self, query: str, size: int) -> dict[str, np.ndarray]:
        """The `size` best documents with a positive score, best first: `doc_id` and
        `retrieval_score` columns."""
        scores = self.scores(query)
        matching = np.flatnonzero(scores > 0)
        order = matching[np.argsort(-scores[matching], kind="stable")][:size]
        return {DOC: self.doc_ids[order], "retrieval_score": scores[order]}

    def score_pairs(self, queries: Sequence[str], doc_ids: Sequence[str]) -> np.ndarray:
        """The BM25 score of each (query, document) pair; 0 for an unknown document."""
        position = {doc: row for row, doc in enumerate(self.doc_ids.tolist())}
        rows = np.array([position.get(doc, -1) for doc in doc_ids], dtype=np.intp)
        scores = np.zeros(len(rows))
        asked = pd.Series(list(queries), dtype=object)
        for query, at in asked.groupby(asked, sort=False).indices.items():
            known = at[rows[at] >= 0]
            scores[known] = self.scores(query)[rows[known]]
        return scores


def _bm25(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Okapi BM25 weight of every (document, term) with a non-zero count."""
    documents = counts.shape[0]
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(1.0 + (documents - frequency + 0.5) / (frequency + 0.5))
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    norm = K1 * (1.0 - B + B * lengths / lengths.mean())
    weights = counts.copy()
    per_row = np.repeat(norm, np.diff(counts.indptr))
    weights.data = idf[counts.indices] * counts.data * (K1 + 1.0) / (counts.data + per_row)
    return weights
