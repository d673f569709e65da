"""The learning-to-rank training set: every graded (query, document), with the document's
and the query's features and the retrieval score as of the moment it was judged."""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..entities import DOC, GRADES, LABEL, QUERY
from ..errors import DataError
from ..feature_store import OfflineStore
from ..features.definitions import DOCUMENT_PROFILE, MODEL_FEATURES, VIEWS, add_request_features
from ..features.text import normalize_query
from ..online.ranking import index_from, with_retrieval_scores
from ..online.search_index import SearchIndex
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time


def build(config: Config, store: OfflineStore) -> TrainingData:
    judgments = lake.read_table(config.paths.lake, "judgments")
    check_grades(judgments[LABEL])
    spine = judgments.rename(columns={"judged_at": EVENT_TS})[[QUERY, DOC, EVENT_TS, LABEL]]
    spine[QUERY] = spine[QUERY].map(normalize_query)
    index = corpus_index(config, store, spine[EVENT_TS].max())
    frame = pair_rows(store, index, spine)
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)


def pair_rows(store: OfflineStore, index: SearchIndex, spine: pd.DataFrame) -> pd.DataFrame:
    """Model inputs for spine rows (`query`, `doc_id`, `event_ts`), point-in-time."""
    return add_request_features(with_retrieval_scores(store.get_historical(spine, VIEWS), index))


def corpus_index(config: Config, store: OfflineStore, at: pd.Timestamp) -> SearchIndex:
    """The search index of the documents as they were published at `at`."""
    doc_ids = lake.read_table(config.paths.lake, "documents")[DOC].unique()
    spine = pd.DataFrame({DOC: doc_ids, EVENT_TS: at})
    return index_from(store.get_historical(spine, [DOCUMENT_PROFILE]))


def check_grades(grades: pd.Series) -> None:
    bad = grades[~grades.isin(GRADES)]
    if not bad.empty:
        shown = ", ".join(str(value) for value in bad.unique()[:5])
        raise DataError(
            f"table `judgments`, column `{LABEL}` has {len(bad):,} grades outside "
            f"{GRADES[0]}-{GRADES[-1]} (e.g. {shown}); map your scale onto 0-3 before ingest"
        )
