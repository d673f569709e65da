"""A seeded sample of documents, a query log and graded judgments, with real structure.

Each document belongs to a topic, is mostly about a few focus words of that topic and
has a hidden quality. A query asks about one topic with one to three of its words. How
relevant a document is to a query depends on whether its focus matches the query, on
its topic and on its quality: the words show the first two, only the searchers' clicks
reveal the third. The old engine that produced the query log ranked by word counts
plus noise; searchers click relevant results more, and top positions more.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .sample_text import FUNCTION, GENERIC, TOPICS

FOCUS_WORDS = 3
RESULTS_PER_PAGE = 10
JUDGED_PER_QUERY = 30
JUDGED_AT_RANDOM = 8
ENGINE_NOISE = 0.3  # the old engine's ranking of the query log: word counts, and noise
POOLING_NOISE = 0.05  # which documents raters are given: the best by word counts
GRADE_CUTS = (1.6, 2.4, 3.1)  # latent relevance → grades 0, 1, 2, 3
# Shares of a body's tokens: function words, focus, its topic, other topics, generic words.
TOKEN_MIX = (0.3, 0.25, 0.25, 0.08, 0.12)


class _Vocabulary:
    def __init__(self) -> None:
        topic_words = [word for words in TOPICS.values() for word in words]
        self.words = np.array(list(dict.fromkeys([*FUNCTION, *GENERIC, *topic_words])))
        index = {word: i for i, word in enumerate(self.words)}
        self.function = np.array([index[w] for w in FUNCTION])
        self.generic = np.array([index[w] for w in GENERIC])
        self.topics = [np.array([index[w] for w in words]) for words in TOPICS.values()]
        self.topic_words = np.array([index[w] for w in topic_words])

    def text(self, ids: np.ndarray) -> str:
        return " ".join(self.words[ids])


def generate(
    seed: int = 5,
    documents: int = 1500,
    queries: int = 600,
    days: int = 60,
    searches_per_day: int = 120,
    start: str = "2026-01-01",
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    origin = pd.Timestamp(start)
    vocabulary = _Vocabulary()
    corpus = _documents(rng, vocabulary, documents)
    asked = _queries(rng, vocabulary, corpus, queries)
    relevance = _latent_relevance(corpus, asked, len(vocabulary.words))
    overlap = asked["words"] @ corpus["counts"].T  # query-word tokens per document
    catalog = pd.DataFrame(
        {
            "doc_id": [f"d{index:05d}" for index in range(documents)],
            "published_at": origin - pd.to_timedelta(rng.integers(30, 400, documents), unit="D"),
            "title": corpus["titles"],
            "body": corpus["bodies"],
        }
    )
    log = _searches(rng, asked, overlap, relevance, corpus["lengths"], days, searches_per_day)
    judged = _judgments(rng, asked, overlap, relevance, corpus["topic"], days)
    doc_ids, texts = catalog["doc_id"].to_numpy(), np.asarray(asked["texts"], dtype=object)
    searches = pd.DataFrame(
        {
            "search_id": [f"s{index:06d}" for index in log["search"]],
            "query": texts[log["query"]],
            "doc_id": doc_ids[log["doc"]],
            "position": log["position"],
            "searched_at": origin + pd.to_timedelta(log["second"], unit="s"),
            "clicked": log["clicked"],
        }
    ).sort_values(["searched_at", "position"], ignore_index=True)
    judgments = pd.DataFrame(
        {
            "query": texts[judged["query"]],
            "doc_id": doc_ids[judged["doc"]],
            "judged_at": origin + pd.to_timedelta(judged["second"], unit="s"),
            "relevance": judged["grade"],
        }
    ).sort_values(["judged_at", "doc_id"], ignore_index=True)
    return {"documents": catalog, "searches": searches, "judgments": judgments}


def _zipf(size: int, exponent: float = 0.9) -> np.ndarray:
    weights = 1.0 / np.arange(1, size + 1) ** exponent
    return weights / weights.sum()


def _documents(rng: np.random.Generator, vocabulary: _Vocabulary, count: int) -> dict:
    """Texts, and the hidden topic, focus words and quality behind them."""
    size = len(vocabulary.words)
    topic = rng.integers(0, len(vocabulary.topics), count)
    quality = rng.normal(0.0, 1.0, count)
    # Better documents tend to be longer: a weak, honest signal.
    lengths = np.round(30 + 60 / (1 + np.exp(-quality - rng.normal(0, 1, count)))).astype(int)
    counts, focus, in_title = (np.zeros((count, size)) for _ in range(3))
    titles, bodies = [], []
    for doc in range(count):
        words = vocabulary.topics[topic[doc]]
        chosen = rng.choice(words, FOCUS_WORDS, replace=False, p=_zipf(len(words)))
        pools = (vocabulary.function, chosen, words, vocabulary.topic_words, vocabulary.generic)
        source = rng.choice(len(pools), lengths[doc], p=TOKEN_MIX)
        body = np.empty(lengths[doc], dtype=int)
        for which, pool in enumerate(pools):
            drawn = source == which
            body[drawn] = pool[rng.integers(0, len(pool), int(drawn.sum()))]
        title = np.array([rng.choice(vocabulary.generic), chosen[0], chosen[1], rng.choice(words)])
        focus[doc, chosen] = 1.0
        in_title[doc, title] = 1.0
        np.add.at(counts[doc], np.concatenate([body, title]), 1.0)
        titles.append(vocabulary.text(title).capitalize())
        bodies.append(vocabulary.text(body).capitalize() + ".")
    return {
        "topic": topic,
        "quality": quality,
        "lengths": counts.sum(axis=1),
        "counts": counts,
        "focus": focus,
        "in_title": in_title,
        "titles": titles,
        "bodies": bodies,
    }


def _queries(rng: np.random.Generator, vocabulary: _Vocabulary, corpus: dict, count: int) -> dict:
    """Distinct queries: one to three focus words of a topic, sometimes a generic word."""
    size = len(vocabulary.words)
    texts: dict[str, None] = {}
    topics, intents, words = [], [], []
    for _ in range(count):
        topic = int(rng.integers(0, len(vocabulary.topics)))
        focus_counts = corpus["focus"][corpus["topic"] == topic].sum(axis=0)
        candidates = np.flatnonzero(focus_counts)
        if candidates.size == 0:
            continue
        length = min(int(rng.choice([1, 2, 3], p=[0.35, 0.45, 0.2])), candidates.size)
        weights = focus_counts[candidates] / focus_counts[candidates].sum()
        intent = rng.choice(candidates, length, replace=False, p=weights)
        phrase = [rng.choice(vocabulary.generic), *intent] if rng.random() < 0.25 else [*intent]
        text = vocabulary.text(np.array(phrase))
        if text in texts:
            continue
        texts[text] = None
        topics.append(topic)
        intents.append(np.bincount(intent, minlength=size).astype(float))
        words.append(np.bincount(np.array(phrase), minlength=size).clip(max=1).astype(float))
    return {
        "texts": list(texts),
        "topic": np.array(topics),
        "intent": np.array(intents),
        "words": np.array(words),
        "popularity": rng.permutation(_zipf(len(topics))),
    }


def _latent_relevance(corpus: dict, asked: dict, size: int) -> np.ndarray:
    """How relevant each document is to each query (queries × documents), before noise."""
    intent = asked["intent"]
    asked_words = intent.sum(axis=1, keepdims=True)
    match = intent @ corpus["focus"].T / asked_words
    in_title = intent @ corpus["in_title"].T / asked_words
    on_topic = asked["topic"][:, None] == corpus["topic"][None, :]
    return 2.0 * match + 0.4 * in_title + 0.8 * on_topic + 0.9 * corpus["quality"][None, :]


def _old_engine(
    rng: np.random.Generator, overlap: np.ndarray, lengths: np.ndarray, noise: float
) -> np.ndarray:
    """The previous engine's noisy word-count score; -inf where no query word occurs."""
    normalized = overlap / (overlap + 1.0 + lengths / lengths.mean())
    noisy = normalized + noise * rng.gumbel(size=normalized.shape)
    return np.where(overlap > 0, noisy, -np.inf)


def _searches(
    rng: np.random.Generator,
    asked: dict,
    overlap: np.ndarray,
    relevance: np.ndarray,
    lengths: np.ndarray,
    days: int,
    per_day: int,
) -> dict[str, np.ndarray]:
    total = int(rng.poisson(per_day * days))
    query = rng.choice(len(asked["texts"]), total, p=asked["popularity"])
    second = np.sort(rng.integers(0, days * 86_400, total))
    rows: dict[str, list] = {"search": [], "query": [], "doc": [], "position": [], "second": []}
    for search in range(total):
        scores = _old_engine(rng, overlap[query[search]], lengths, ENGINE_NOISE)
        shown = np.argsort(-scores, kind="stable")[:RESULTS_PER_PAGE]
        shown = shown[np.isfinite(scores[shown])]
        rows["search"].extend([search] * len(shown))
        rows["query"].extend([query[search]] * len(shown))
        rows["doc"].extend(shown)
        rows["position"].extend(range(1, len(shown) + 1))
        rows["second"].extend([second[search]] * len(shown))
    log = {name: np.asarray(values, dtype=int) for name, values in rows.items()}
    appeal = relevance[log["query"], log["doc"]] + rng.normal(0, 0.3, len(log["doc"]))
    attention = 1.0 / np.sqrt(log["position"])
    click = attention / (1.0 + np.exp(-(1.3 * appeal - 3.0)))
    log["clicked"] = rng.random(len(click)) < click
    return log


def _judgments(
    rng: np.random.Generator,
    asked: dict,
    overlap: np.ndarray,
    relevance: np.ndarray,
    topic: np.ndarray,
    days: int,
) -> dict[str, np.ndarray]:
    """Every query is judged once, at a distinct moment after the first week: the old
    engine's top results, and a few random documents of the query's topic."""
    lengths = np.ones(overlap.shape[1])
    count = len(asked["texts"])
    first = min(7, days - 1) * 86_400
    moments = first + np.sort(rng.choice(days * 86_400 - first, count, replace=False))
    rows: dict[str, list] = {"query": [], "doc": [], "second": []}
    for query in range(count):
        scores = _old_engine(rng, overlap[query], lengths, POOLING_NOISE)
        pooled = np.argsort(-scores, kind="stable")[:JUDGED_PER_QUERY]
        same_topic = np.flatnonzero(topic == asked["topic"][query])
        extra = rng.choice(same_topic, min(JUDGED_AT_RANDOM, same_topic.size), replace=False)
        judged = np.union1d(pooled[np.isfinite(scores[pooled])], extra)
        rows["query"].extend([query] * len(judged))
        rows["doc"].extend(judged)
        rows["second"].extend([moments[query]] * len(judged))
    judged = {name: np.asarray(values, dtype=int) for name, values in rows.items()}
    noisy = relevance[judged["query"], judged["doc"]] + rng.normal(0, 0.5, len(judged["doc"]))
    judged["grade"] = np.digitize(noisy, GRADE_CUTS)
    return judged
