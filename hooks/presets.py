"""The use-case presets: one row per preset, read by the post-gen hook and the docs.

A preset is the shape of one kind of ML system: its task, its serving stages and its
metrics. The generated project gets:

- every file of the common tree (``template/``),
- minus the optional modules (``OPTIONAL_MODULES``) that its row does not keep: their
  names are conditional, ``optional_module_name`` gives each one's,
- plus its own files, in a folder of ``template/`` named ``overlay_folder(name)``, which
  copier writes onto the project root itself (the hook does it for cookiecutter).

Adding a preset means adding a row here and its overlay folder; nothing else branches
on the preset name.
"""

from __future__ import annotations

from dataclasses import dataclass

from hooks.preset_questions import QUESTIONS, Question

PACKAGE = "src/{package}"


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    task: str
    example: str
    stages: tuple[str, ...]
    endpoint: str
    primary_metric: str
    offline_metrics: tuple[str, ...]
    online_metrics: tuple[str, ...]
    heuristic: str  # rung 0 of the ladder: HEURISTIC.name in the overlay's offline/evaluate.py
    feature_table: str  # the README's "Add a feature" example: a dimension table,
    feature_view: str  # the profile view over it, in features/definitions.py,
    feature_note: str  # and what differs for this preset ("" when nothing)
    baseline: str
    challenger: str
    keeps: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()  # the design doc's questions for this preset only
    snapshot_note: str = ""  # README: how to bring one table instead (the tabular presets)


# Modules of the common tree that only some presets use. Paths are relative to the
# project root; ``{package}`` is replaced by the package name.
RANKING_METRICS = (f"{PACKAGE}/offline/ranking_metrics.py", "tests/test_ranking_metrics.py")
RERANKING = (f"{PACKAGE}/online/rerank.py", "tests/test_rerank.py")
RANKING_MODULES = (*RANKING_METRICS, *RERANKING)
SMOOTHED_RATES = (f"{PACKAGE}/features/transforms.py", "tests/test_transforms.py")
# data.source: snapshot, one table with one row per entity (the tabular presets)
SNAPSHOT_SHAPE = (
    f"{PACKAGE}/features/snapshot.py",
    f"{PACKAGE}/offline/snapshot_ingest.py",
    f"{PACKAGE}/offline/snapshot_set.py",
    f"{PACKAGE}/online/snapshot_endpoint.py",
    "tests/snapshot_data.py",
    "tests/test_snapshot_shape.py",
)


def snapshot_note(row: str, settings: tuple[tuple[str, str, str], ...]) -> str:
    """The README's paragraph on the snapshot shape; `settings` are (key, value, comment)."""
    lines = "\n".join(f"    {key}: {value}".ljust(32) + f"# {why}" for key, value, why in settings)
    return f"""

### Or one table: the snapshot shape

Most tabular data sets are one table: a row per {row}, its columns, a label, and perhaps
the time each row was observed. Bring it as it is, with no event log to invent:

```yaml
data:
  source: snapshot
  snapshot:
{lines}
```

Every other column is a feature: numeric when every value is a number (or a declared
yes/no word), categorical otherwise; blank cells are missing values, a column that is
empty or holds times is left out, and a name that SQL or JSON cannot carry is renamed
(`ingest` lists each). With
`observed_at` the split is by time (`training.test_days`); without it there is no
point-in-time join to make, since a row's columns are its features as recorded: `features`
says so, and `training.test_share` of the rows is held out at random, stratified by the
label. The endpoint then scores a row by `id`, by its columns (`"features": {{"column":
value}}`), or both; the response lists the inputs that took their default."""


COMMON_SNAPSHOT_SETTINGS = (
    ("ignore", "[]", "columns that are not features"),
    ("watch", "[]", "features whose drift triggers a retrain (none: all)"),
)


PRESETS: dict[str, Preset] = {
    preset.name: preset
    for preset in (
        Preset(
            name="classification",
            questions=QUESTIONS["classification"],
            title="Binary classification",
            task="binary classification",
            example="customer churn: will this customer leave in the next 30 days?",
            stages=("predict",),
            endpoint="/predict",
            primary_metric="roc_auc",
            offline_metrics=("ROC-AUC", "PR-AUC", "log loss"),
            online_metrics=("conversion", "loss avoided"),
            heuristic="base rate (training share of churners)",
            feature_table="customers",
            feature_view="CUSTOMER_PROFILE",
            feature_note="",
            baseline="logistic regression",
            challenger="gradient-boosted trees",
            keeps=SNAPSHOT_SHAPE,
            snapshot_note=snapshot_note(
                "customer",
                (
                    ("path", "data/raw/churn.csv", "a CSV or parquet file, a folder, a URL"),
                    ("label", "Churn", "true/false, 0/1, or the words below"),
                    ("id", "customerID", "optional: serving looks a row up by it"),
                    ("observed_at", "null", "optional: each row's time"),
                    *COMMON_SNAPSHOT_SETTINGS,
                    ("true_values", "['Yes']", "quoted: YAML reads a bare Yes as a boolean"),
                    ("false_values", "['No']", "the label's other word"),
                ),
            ),
        ),
        Preset(
            name="recommendation",
            questions=QUESTIONS["recommendation"],
            title="Recommendation",
            task="retrieval + pointwise ranking",
            example="which items will this user click next?",
            stages=("candidates", "rank", "re-rank"),
            endpoint="/recommend",
            primary_metric="recall_at_10",
            offline_metrics=("recall@k", "nDCG@k", "mAP@k"),
            online_metrics=("CTR", "watch time"),
            heuristic="popularity (clicks of 28 days)",
            feature_table="items",
            feature_view="ITEM_PROFILE",
            feature_note="",
            baseline="popularity retrieval + logistic regression ranker",
            challenger="gradient-boosted trees ranker",
            keeps=(*RANKING_MODULES, *SMOOTHED_RATES),
        ),
        Preset(
            name="content-moderation",
            questions=QUESTIONS["content-moderation"],
            title="Content moderation",
            task="imbalanced text classification",
            example="is this post harmful, and should it be removed, reviewed or allowed?",
            stages=("score", "threshold", "review queue"),
            endpoint="/moderate",
            primary_metric="pr_auc",
            offline_metrics=("PR-AUC", "recall at precision", "ROC-AUC"),
            online_metrics=("prevalence", "appeals"),
            heuristic="base rate (training share of harmful posts)",
            feature_table="authors",
            feature_view="AUTHOR_PROFILE",
            feature_note="",
            baseline="logistic regression over TF-IDF text + author history",
            challenger="gradient-boosted trees",
        ),
        Preset(
            name="eta-regression",
            questions=QUESTIONS["eta-regression"],
            title="ETA regression",
            task="regression",
            example="how many minutes will this trip take, from the request to the drop-off?",
            stages=("predict",),
            endpoint="/eta",
            primary_metric="mae",
            offline_metrics=("MAE", "RMSE", "MAPE"),
            online_metrics=("ETA error in production", "cancellations after the quote"),
            heuristic="zone × hour history",
            feature_table="zones",
            feature_view="ZONE_PROFILE",
            feature_note="",
            baseline="ridge regression",
            challenger="gradient-boosted trees",
            keeps=SNAPSHOT_SHAPE,
            snapshot_note=snapshot_note(
                "trip",
                (
                    ("path", "data/raw/trips.csv", "a CSV or parquet file, a folder, a URL"),
                    ("label", "trip_minutes", "a number"),
                    ("id", "null", "optional: serving looks a row up by it"),
                    ("observed_at", "pickup_at", "optional: each row's time"),
                    *COMMON_SNAPSHOT_SETTINGS,
                ),
            ),
        ),
        Preset(
            name="search-ranking",
            questions=QUESTIONS["search-ranking"],
            title="Search ranking",
            task="query-document learning to rank",
            example="which documents best answer this query, and in which order?",
            stages=("retrieve", "rank"),
            endpoint="/search",
            primary_metric="ndcg_at_10",
            offline_metrics=("nDCG@k", "MRR"),
            online_metrics=("CTR", "session success"),
            heuristic="BM25 retrieval order",
            feature_table="documents",
            feature_view="DOCUMENT_PROFILE",
            feature_note="",
            baseline="BM25 retrieval + ridge regression ranker",
            challenger="gradient-boosted trees ranker",
            keeps=SMOOTHED_RATES,
        ),
        Preset(
            name="people-you-may-know",
            questions=QUESTIONS["people-you-may-know"],
            title="People you may know",
            task="link prediction",
            example="which members will this member connect with in the next two weeks?",
            stages=("friends of friends", "rank"),
            endpoint="/people-you-may-know",
            primary_metric="map_at_10",
            offline_metrics=("ROC-AUC", "mAP@k", "recall@k", "nDCG@k"),
            online_metrics=("requests accepted",),
            heuristic="friends in common",
            feature_table="users",
            feature_view="PROFILE",
            feature_note=(
                " Here a pair's rows hold each person's features twice, as `user_<name>` and"
                " `candidate_<name>`: name those two in `MODEL_FEATURES` (or compare them in"
                " `request_features`, as the `same_<attribute>` features do) instead of"
                " `model=`."
            ),
            baseline="logistic regression over graph features",
            challenger="gradient-boosted trees",
            keeps=RANKING_METRICS,
        ),
        Preset(
            name="similar-items",
            questions=QUESTIONS["similar-items"],
            title="Similar items",
            task="embedding retrieval + pairwise re-ranking",
            example="which other listings will a visitor looking at this one book?",
            stages=("embed", "nearest neighbours", "re-rank"),
            endpoint="/similar",
            primary_metric="recall_at_10",
            offline_metrics=("recall@k", "mean rank of the chosen item", "nDCG@k", "MRR"),
            online_metrics=("CTR", "session book rate"),
            heuristic="co-views with the anchor",
            feature_table="items",
            feature_view="ITEM_PROFILE",
            feature_note=(
                " A pair's row holds the candidate's features under their own names and the"
                " anchor's as `anchor_<name>`: `model=` feeds the candidate's value."
            ),
            baseline="co-view embedding neighbours + logistic regression re-ranker",
            challenger="gradient-boosted trees re-ranker",
            keeps=RANKING_METRICS,
        ),
        Preset(
            name="feed-ranking",
            questions=QUESTIONS["feed-ranking"],
            title="Feed ranking",
            task="multi-task ranking (click, like, long read) → one weighted engagement score",
            example="which fresh posts should this user see first in their feed?",
            stages=("retrieve", "rank", "re-rank"),
            endpoint="/feed",
            primary_metric="ndcg_at_10",
            offline_metrics=("nDCG@k of the weighted score", "ROC-AUC per head"),
            online_metrics=("time spent", "reactions"),
            heuristic="popularity (click-through rate of 3 days)",
            feature_table="posts",
            feature_view="POST_PROFILE",
            feature_note="",
            baseline="logistic regression per head",
            challenger="gradient-boosted trees per head",
            keeps=(*RERANKING, *SMOOTHED_RATES),
        ),
        Preset(
            name="ad-click-prediction",
            questions=QUESTIONS["ad-click-prediction"],
            title="Ad click prediction",
            task="pointwise CTR prediction with hashed sparse features",
            example="will this user click this ad, in this slot, now?",
            stages=("feature lookup", "pCTR scoring", "calibration check"),
            endpoint="/predict-click",
            primary_metric="log_loss",
            offline_metrics=("log loss", "normalized entropy", "ROC-AUC", "calibration error"),
            online_metrics=("CTR", "revenue lift"),
            heuristic="base rate (training click-through rate)",
            feature_table="ads",
            feature_view="AD_PROFILE",
            feature_note="",
            baseline="hashed logistic regression",
            challenger="gradient-boosted trees",
        ),
    )
}

# Every module some preset keeps; a preset that does not keep one loses it.
OPTIONAL_MODULES: tuple[str, ...] = tuple(
    sorted({path for preset in PRESETS.values() for path in preset.keeps})
)


# What cookiecutter names the chosen preset's folder, and the suffix of the others': it can
# name a folder neither "." nor "" (tests/test_render_matrix.py holds both engines to one tree).
OVERLAY = "preset.overlay"
SKIPPED = ".skipped"


def overlay_folder(name: str) -> str:
    """The name in template/ of the folder that holds preset `name`'s own files. It renders
    `.` under copier for the chosen preset, so copier writes them onto the project root,
    and empty for the others, which copier then never reads; cookiecutter renders OVERLAY
    for the chosen preset, which the hook merges, and `<name>.skipped` for the others."""
    return (
        f"{{% if cookiecutter.use_case == '{name}' %}}"
        f"{{{{ '.' if _copier_conf is defined else '{OVERLAY}' }}}}"
        f"{{% elif _copier_conf is not defined %}}{name}{SKIPPED}{{% endif %}}"
    )


def optional_module_name(module: str) -> str:
    """The template's file name of an optional module: empty for the presets that do not
    keep it (both engines skip a file whose name renders empty)."""
    keepers = [preset.name for preset in PRESETS.values() if module in preset.keeps]
    return f"{{% if cookiecutter.use_case in {keepers} %}}{module.rsplit('/', 1)[-1]}{{% endif %}}"
