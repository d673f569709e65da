"""Retrieval: BM25 over the documents' titles and bodies, from millions of documents to a
few dozen worth ranking.

The same class scores the training set's (query, document) pairs offline and retrieves
candidates in the gateway, from the same stored document texts, so the retrieval score
the ranker learned from is the one it is served.
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
    doc_ids: np.ndarray
    weights: sparse.csr_matrix  # documents × terms: each term's BM25 contribution
    vocabulary: dict[str, int]

    @classmethod
    def from_documents(cls, documents: pd.DataFrame) -> SearchIndex:
        """Index `doc_id`, `title`, `body` rows; documents without text are left out."""
        rows = documents.dropna(subset=["title", "body"]).sort_values(DOC)
        if rows.empty:
            return cls(np.array([], dtype=object), sparse.csr_matrix((0, 0)), {})
        counter = CountVectorizer(tokenizer=tokens, lowercase=False, token_pattern=None)
        counts = counter.fit_transform(rows["title"] + " " + rows["body"]).astype(float).tocsr()
        return cls(rows[DOC].to_numpy(dtype=object), _bm25(counts), counter.vocabulary_)

    def __len__(self) -> int:
        return len(self.doc_ids)

    def query_vector(self, query: str) -> sparse.csr_matrix:
        """1 for each distinct query word the index knows."""
        columns = sorted({self.vocabulary[w] for w in tokens(query) if w in self.vocabulary})
        values = np.ones(len(columns))
        return sparse.csr_matrix((values, ([0] * len(columns), columns)), (1, len(self.vocabulary)))

    def retrieve(self, query: str, size: int) -> pd.DataFrame:
        """The `size` best documents with a positive score: `doc_id`, `retrieval_score`."""
        if not len(self):
            return pd.DataFrame({DOC: [], "retrieval_score": []})
        scores = np.asarray((self.weights @ self.query_vector(query).T).todense()).ravel()
        matching = np.flatnonzero(scores > 0)
        order = matching[np.lexsort((self.doc_ids[matching], -scores[matching]))][:size]
        return pd.DataFrame({DOC: self.doc_ids[order], "retrieval_score": scores[order]})

    def score_pairs(self, queries: Sequence[str], doc_ids: Sequence[str]) -> np.ndarray:
        """The BM25 score of each (query, document) pair; 0 for an unknown document."""
        position = pd.Series(np.arange(len(self)), index=self.doc_ids)
        rows = pd.Series(list(doc_ids)).map(position)
        scores = np.zeros(len(rows))
        known = rows.notna().to_numpy()
        if not known.any():
            return scores
        unique = pd.Series(list(queries))[known]
        vectors = {query: self.query_vector(query) for query in unique.unique()}
        asked = sparse.vstack([vectors[query] for query in unique]).tocsr()
        chosen = self.weights[rows[known].astype(int).to_numpy()]
        scores[known] = np.asarray(chosen.multiply(asked).sum(axis=1)).ravel()
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
