"""Offline evaluation of the feed ranker, on the held-out period.

Two questions, two parts:
- ranking: on each user's feed of a held-out day, does ordering the shown posts by the
  model's weighted score put the engagement they really earned on top (graded nDCG@k)?
  And does each head tell apart who clicks, likes, reads long (ROC-AUC per head)?
- serving: the feeds each model would serve in the held-out period through retrieve →
  rank → re-rank, kept as the reference that monitoring compares live traffic to.

Rung 0 of the ladder: most clicked first (the post's recent click-through rate, every head).
"""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..entities import AUTHOR, POST, USER
from ..feature_store import OfflineStore
from ..features.columns import with_columns
from ..features.definitions import MODEL_FEATURES, POST_VIEWS, USER_VIEWS
from ..models.compiled import CompiledModel
from ..online.ranking import FeedSettings, final_feed, followed_authors, ranker_scores
from ..online.retrieval import PostIndex
from . import lake
from .dataset import EVENT_TS, TrainingData
from .feed_metrics import auc, ndcg_at_k
from .heads import HEADS, engagement_score, realized_engagement
from .heuristic import Heuristic
from .promotion import Evaluation
from .training_set import features_as_of

SERVED_USERS = 200  # feeds built in the held-out period, the monitoring reference
SERVED_MOMENTS = 5
HEURISTIC = Heuristic("popularity (click-through rate of 3 days)", {"post_ctr_3d": 1.0}, HEADS)


def ranking_metrics(
    test: pd.DataFrame, heads: pd.DataFrame, score: pd.Series, settings: FeedSettings
) -> dict[str, float]:
    feeds = test[USER] + "@" + test[EVENT_TS].dt.strftime("%Y-%m-%d")
    gains = realized_engagement(test, settings.weights)
    aucs = {f"{head}_auc": auc(test[head], heads[head]) for head in HEADS}
    return {
        f"ndcg_at_{settings.k}": ndcg_at_k(feeds, gains, score, settings.k),
        "mean_head_auc": sum(aucs.values()) / len(aucs),
        **aucs,
    }


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    settings = FeedSettings.from_config(config)
    test = data.test
    metrics = {}
    feeds = candidate_frame(config, store, data, settings)
    served = {}
    for name, model in models.items():
        heads = pd.DataFrame(model.head_scores(test), index=test.index)
        metrics[name] = ranking_metrics(
            test, heads, engagement_score(heads, settings.weights), settings
        )
        served[name] = served_rows(model, feeds, settings)
    return Evaluation(metrics, served)


def candidate_frame(
    config: Config, store: OfflineStore, data: TrainingData, settings: FeedSettings
) -> pd.DataFrame:
    """Retrieved candidates of held-out users, with their model inputs, at a few midnights
    of the held-out period (one moment alone would see only a handful of fresh posts)."""
    post_ids = lake.read_table(config.paths.lake, "posts")[POST].unique()
    users = sorted(data.test[USER].unique())
    days = range(0, config.test_days, max(1, config.test_days // SERVED_MOMENTS))
    per_moment = max(1, SERVED_USERS // len(days))
    spines = []
    for number, day in enumerate(days):
        at = data.cutoff + pd.Timedelta(days=day)
        chosen = users[number * per_moment : (number + 1) * per_moment] or users[:per_moment]
        user_rows = store.get_historical(pd.DataFrame({USER: chosen, EVENT_TS: at}), USER_VIEWS)
        posts = store.get_historical(pd.DataFrame({POST: post_ids, EVENT_TS: at}), POST_VIEWS)
        index = PostIndex.from_posts(posts, settings.recent_days)
        pairs = [
            (row[USER], post)
            for _, row in user_rows.iterrows()
            for post in index.candidates(followed_authors(row), at, settings.candidates)
        ]
        spines.append(pd.DataFrame(pairs, columns=[USER, POST]).assign(**{EVENT_TS: at}))
    return features_as_of(store, pd.concat(spines, ignore_index=True))


def served_rows(model: CompiledModel, feeds: pd.DataFrame, settings: FeedSettings) -> pd.DataFrame:
    """The rows each user's final feed would hold: model inputs and score."""
    ranked = with_columns(feeds, ranker_scores(model, feeds, settings.weights))
    chosen = [
        (user, at, entry.item_id)
        for (user, at), rows in ranked.groupby([USER, EVENT_TS], sort=False)
        for entry in final_feed(
            rows[POST], rows["score"], rows[AUTHOR], settings.k, settings.max_per_author
        )
    ]
    keys = pd.DataFrame(chosen, columns=[USER, EVENT_TS, POST])
    return ranked.merge(keys, on=[USER, EVENT_TS, POST])[[*MODEL_FEATURES.columns, "score"]]
