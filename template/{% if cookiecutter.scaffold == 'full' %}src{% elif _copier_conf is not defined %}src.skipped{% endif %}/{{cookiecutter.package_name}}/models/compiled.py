"""The served form of a model: plain numbers that turn feature columns into scores.

Training fits scikit-learn pipelines; `offline/export.py` turns a fitted pipeline into
this form and checks that both give the same scores. Here there is no pickle and no
DataFrame: the encoders are arrays and word lists, linear models a dot product, tree
ensembles an ONNX graph run by onnxruntime. Scoring takes a mapping of column name to
array (a DataFrame is one too), so the gateway scores one row in microseconds and
offline evaluation scores a whole frame through the very same code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from scipy import sparse

# scipy, scikit-learn and onnxruntime are imported where a model needs them (scoring,
# training matrices, hashing, text), not here: the registry and monitoring read this
# module, and the steps that never score (ingest, features, materialize, monitor) should
# not wait for them.

Columns = Mapping[str, Any]  # column name → one-dimensional array-like, all of one length

# The vocabulary entry for every value a categorical column did not learn: rare in training,
# or never seen before.
OTHER = "(other)"


def _logistic(raw: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    return expit(raw)


LINKS = {"identity": lambda raw: raw, "logistic": _logistic, "exp": np.exp}


def row_count(columns: Columns, names: Sequence[str]) -> int:
    return len(columns[names[0]])


def category_tokens(frame: Columns) -> list[list[str]]:
    """`column=value` tokens per row: what the hashing trick hashes (training and serving)."""
    names = list(frame.keys())
    values = [[str(value) for value in np.asarray(frame[name], dtype=object)] for name in names]
    return [
        [f"{name}={value}" for name, value in zip(names, row, strict=True)]
        for row in zip(*values, strict=True)
    ]


class Block(Protocol):
    """One group of model inputs, encoded the way the fitted pipeline encoded it."""

    width: int

    def dense(self, columns: Columns, rows: int) -> np.ndarray: ...

    def linear(self, columns: Columns, rows: int, weights: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Numeric:
    """Numbers, standardized with the training mean and scale (linear models) or as is."""

    columns: tuple[str, ...]
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None

    @property
    def width(self) -> int:
        return len(self.columns)

    def dense(self, columns: Columns, rows: int) -> np.ndarray:
        matrix = np.empty((rows, len(self.columns)))
        for position, name in enumerate(self.columns):
            matrix[:, position] = np.asarray(columns[name], dtype=float)
        if self.mean is not None and self.scale is not None:
            matrix -= self.mean
            matrix /= self.scale
        return matrix

    def linear(self, columns: Columns, rows: int, weights: np.ndarray) -> np.ndarray:
        return self.dense(columns, rows) @ weights


@dataclass(frozen=True)
class OneHot:
    """One indicator per category of the vocabulary learned in training. A column whose
    vocabulary ends with `OTHER` sends every other value (rare in training, or never seen)
    to that indicator; without it, such a value sets none."""

    columns: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    _positions: tuple[dict[str, int], ...] = field(init=False, repr=False, compare=False)
    _fallbacks: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        offsets = np.cumsum([0, *(len(values) for values in self.categories)])
        positions = tuple(
            {value: int(offset) + index for index, value in enumerate(values)}
            for offset, values in zip(offsets, self.categories, strict=False)
        )
        object.__setattr__(self, "_positions", positions)
        object.__setattr__(self, "_fallbacks", tuple(p.get(OTHER, -1) for p in positions))

    @property
    def width(self) -> int:
        return sum(len(values) for values in self.categories)

    def indices(self, columns: Columns) -> list[np.ndarray]:
        """Per column, each row's indicator position (-1: none)."""
        return [
            np.fromiter(
                (
                    lookup.get(str(value), fallback)
                    for value in np.asarray(columns[name], dtype=object)
                ),
                dtype=np.intp,
            )
            for name, lookup, fallback in zip(
                self.columns, self._positions, self._fallbacks, strict=True
            )
        ]

    def matrix(self, columns: Columns, rows: int) -> sparse.csr_matrix:
        """The indicators as a sparse matrix (what a linear model reads in training)."""
        from scipy import sparse

        row_parts, column_parts = [np.empty(0, dtype=np.intp)], [np.empty(0, dtype=np.intp)]
        for index in self.indices(columns):
            found = np.flatnonzero(index >= 0)
            row_parts.append(found)
            column_parts.append(index[found])
        found_rows, found_columns = np.concatenate(row_parts), np.concatenate(column_parts)
        values = np.ones(len(found_rows))
        return sparse.csr_matrix((values, (found_rows, found_columns)), shape=(rows, self.width))

    def vocabularies(self) -> dict[str, frozenset[str]]:
        """Per column, the values learned in training (`OTHER` left out)."""
        return {
            name: frozenset(values) - {OTHER}
            for name, values in zip(self.columns, self.categories, strict=True)
        }

    def dense(self, columns: Columns, rows: int) -> np.ndarray:
        matrix = np.zeros((rows, self.width))
        for index in self.indices(columns):
            found = index >= 0
            matrix[np.flatnonzero(found), index[found]] = 1.0
        return matrix

    def linear(self, columns: Columns, rows: int, weights: np.ndarray) -> np.ndarray:
        total = np.zeros(rows)
        for index in self.indices(columns):
            total += np.where(index >= 0, weights[index], 0.0)
        return total


@dataclass(frozen=True)
class Hashed:
    """Categories hashed into a fixed number of buckets: no vocabulary to keep.

    Each `column=value` token goes to bucket |murmurhash3(token)| mod buckets, with the
    hash's sign as its value: scikit-learn's FeatureHasher, token by token.
    """

    columns: tuple[str, ...]
    buckets: int
    alternate_sign: bool = True

    @property
    def width(self) -> int:
        return self.buckets

    def hashed(self, token: str) -> tuple[int, float]:
        code = _murmurhash()(token, seed=0)
        if code == -(2**31):  # |code| does not fit an int32: scikit-learn's special case
            index = (2**31 - 1 - (self.buckets - 1)) % self.buckets
        else:
            index = abs(code) % self.buckets
        return index, (1.0 if code >= 0 or not self.alternate_sign else -1.0)

    def matrix(self, columns: Columns) -> sparse.csr_matrix:
        from sklearn.feature_extraction import FeatureHasher

        hasher = FeatureHasher(
            n_features=self.buckets, input_type="string", alternate_sign=self.alternate_sign
        )
        return hasher.transform(category_tokens({name: columns[name] for name in self.columns}))

    def dense(self, columns: Columns, rows: int) -> np.ndarray:
        return self.matrix(columns).toarray()

    def linear(self, columns: Columns, rows: int, weights: np.ndarray) -> np.ndarray:
        tokens = category_tokens({name: columns[name] for name in self.columns})
        total = np.zeros(rows)
        for row, row_tokens in enumerate(tokens):
            for token in row_tokens:
                index, sign = self.hashed(token)
                total[row] += sign * weights[index]
        return total


@dataclass(frozen=True)
class Tfidf:
    """TF-IDF of one text column over the training vocabulary, each row scaled to unit length."""

    column: str
    vocabulary: tuple[str, ...]
    idf: np.ndarray
    ngram_range: tuple[int, int] = (1, 1)
    lowercase: bool = True
    token_pattern: str = r"(?u)\b\w\w+\b"
    sublinear_tf: bool = False
    norm: str | None = "l2"
    _index: dict[str, int] = field(init=False, repr=False, compare=False)
    _analyze: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        analyzer = TfidfVectorizer(
            ngram_range=self.ngram_range, lowercase=self.lowercase, token_pattern=self.token_pattern
        ).build_analyzer()
        object.__setattr__(self, "_index", {term: i for i, term in enumerate(self.vocabulary)})
        object.__setattr__(self, "_analyze", analyzer)

    @property
    def width(self) -> int:
        return len(self.vocabulary)

    def matrix(self, columns: Columns, rows: int) -> sparse.csr_matrix:
        from scipy import sparse

        pointers, indices, counts = [0], [], []
        for text in np.asarray(columns[self.column], dtype=object):
            terms = Counter(
                self._index[term] for term in self._analyze(str(text)) if term in self._index
            )
            ordered = sorted(terms)
            indices.extend(ordered)
            counts.extend(terms[index] for index in ordered)
            pointers.append(len(indices))
        values = np.asarray(counts, dtype=float)
        if self.sublinear_tf:
            values = np.log(values) + 1.0
        index_array = np.asarray(indices, dtype=np.intp)
        values = values * self.idf[index_array]
        matrix = sparse.csr_matrix((values, index_array, pointers), shape=(rows, self.width))
        if self.norm == "l2":
            # scikit-learn's own row scaling, so that the values agree to the last bit: a
            # tree split can fall between two values that differ only there.
            from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

            inplace_csr_row_normalize_l2(matrix)
        return matrix

    def dense(self, columns: Columns, rows: int) -> np.ndarray:
        return self.matrix(columns, rows).toarray()

    def linear(self, columns: Columns, rows: int, weights: np.ndarray) -> np.ndarray:
        """The weighted sum of each text's TF-IDF, text by text, without a sparse matrix: a
        request scores one text, where building one costs more than the sum."""
        total = np.zeros(rows)
        for row, text in enumerate(np.asarray(columns[self.column], dtype=object)):
            terms = Counter(
                self._index[term] for term in self._analyze(str(text)) if term in self._index
            )
            if not terms:
                continue
            index = np.fromiter(terms.keys(), dtype=np.intp, count=len(terms))
            values = np.fromiter(terms.values(), dtype=float, count=len(terms))
            if self.sublinear_tf:
                values = np.log(values) + 1.0
            values *= self.idf[index]
            if self.norm == "l2":
                values /= np.sqrt(values @ values)
            total[row] = values @ weights[index]
        return total


@dataclass(frozen=True)
class TextSummary:
    """TF-IDF projected onto the training set's leading components (for tree models)."""

    words: Tfidf
    components: np.ndarray  # components × vocabulary
    _projection: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # vocabulary × components, laid out once: the product would copy it on every call
        object.__setattr__(self, "_projection", np.ascontiguousarray(self.components.T))

    @property
    def width(self) -> int:
        return int(self.components.shape[0])

    def dense(self, columns: Columns, rows: int) -> np.ndarray:
        return np.asarray(self.words.matrix(columns, rows) @ self._projection)

    def linear(self, columns: Columns, rows: int, weights: np.ndarray) -> np.ndarray:
        return self.dense(columns, rows) @ weights


@dataclass(frozen=True)
class Linear:
    """A weighted sum of the encoded inputs, through a link (logistic for probabilities)."""

    weights: np.ndarray
    intercept: float
    link: str

    def raw(self, blocks: Sequence[Block], columns: Columns, rows: int) -> np.ndarray:
        total = np.full(rows, self.intercept)
        start = 0
        for block in blocks:
            total += block.linear(columns, rows, self.weights[start : start + block.width])
            start += block.width
        return total


@dataclass(frozen=True)
class Trees:
    """A tree ensemble as an ONNX graph: summed leaf values plus the baseline, through a link."""

    graph: bytes
    width: int
    baseline: float
    link: str
    _session: Any = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        # One thread: requests are already spread over workers, one per core.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            self.graph, options, providers=["CPUExecutionProvider"]
        )
        object.__setattr__(self, "_session", session)

    @property
    def input_name(self) -> str:
        return self._session.get_inputs()[0].name

    def raw(self, blocks: Sequence[Block], columns: Columns, rows: int) -> np.ndarray:
        parts = [block.dense(columns, rows) for block in blocks]
        return self.run(np.hstack(parts) if len(parts) > 1 else parts[0])

    def run(self, matrix: np.ndarray) -> np.ndarray:
        """Raw scores (before the link) of the rows of an encoded input matrix."""
        inputs = {self.input_name: np.ascontiguousarray(matrix, dtype=float)}
        (summed,) = self._session.run(None, inputs)
        return np.asarray(summed, dtype=float).reshape(len(matrix)) + self.baseline


@dataclass(frozen=True)
class Head:
    """One score: its encoders, in the order the estimator reads them, and the estimator."""

    blocks: tuple[Block, ...]
    estimator: Linear | Trees

    def score(self, columns: Columns, rows: int) -> np.ndarray:
        return LINKS[self.estimator.link](self.estimator.raw(self.blocks, columns, rows))


@dataclass(frozen=True)
class CompiledModel:
    """What the registry stores and the gateway serves: one or more heads over the features.

    Most models have one head, `score`; a multi-task ranker has one per task.
    """

    kind: str
    features: tuple[str, ...]
    heads: dict[str, Head]

    def score(self, columns: Columns) -> np.ndarray:
        """One number per row: a probability, or the regressor's estimate."""
        if len(self.heads) != 1:
            raise ValueError(f"a {self.kind} model has heads {list(self.heads)}: use head_scores")
        (head,) = self.heads.values()
        return head.score(columns, row_count(columns, self.features))

    def head_scores(self, columns: Columns) -> dict[str, np.ndarray]:
        rows = row_count(columns, self.features)
        return {name: head.score(columns, rows) for name, head in self.heads.items()}

    def vocabularies(self) -> dict[str, frozenset[str]]:
        """The values each one-hot column learned in training, over every head."""
        return learned_vocabularies(block for head in self.heads.values() for block in head.blocks)


def learned_vocabularies(blocks: Iterable[Block]) -> dict[str, frozenset[str]]:
    """Per one-hot column among `blocks`, every value it learned."""
    learned: dict[str, frozenset[str]] = {}
    for block in blocks:
        if isinstance(block, OneHot):
            for name, values in block.vocabularies().items():
                learned[name] = learned.get(name, frozenset()) | values
    return learned


@cache
def _murmurhash() -> Callable[..., int]:
    """scikit-learn's murmurhash3_32, the hash FeatureHasher uses, imported once."""
    from sklearn.utils import murmurhash3_32

    return murmurhash3_32
