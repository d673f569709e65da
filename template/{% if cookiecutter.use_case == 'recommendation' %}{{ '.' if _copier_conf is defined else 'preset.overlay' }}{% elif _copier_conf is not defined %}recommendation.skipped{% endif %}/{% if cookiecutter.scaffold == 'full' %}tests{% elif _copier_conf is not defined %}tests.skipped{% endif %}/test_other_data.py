"""On a second data set shaped unlike the sample (explicit ratings turned into clicks, other
genre names, skewed popularity, the team's own files and column names), the served lists
beat plain popularity and are personal: vocabularies and retrieval come from the data."""

from {{ cookiecutter.package_name }}.features.definitions import ITEM_PROFILE
from {{ cookiecutter.package_name }}.offline.pipeline import online_store

from preset_data import GENRES, write_ratings_tables
from team_files import run_on_team_tables

MARGIN = 0.01


def test_ratings_data_is_served_personal_lists_that_beat_popularity(make_config, tmp_path):
    config, result, _ = run_on_team_tables(
        make_config,
        tmp_path / "raw",
        write_ratings_tables,
        training={"test_days": 14},
        task={"sampled_negatives": 4},  # ratings hold no real negatives
    )
    metrics = result.metrics
    served, popularity = metrics[result.decision.champion], metrics["heuristic"]
    assert result.decision.champion != "heuristic", result.decision.reason
    assert served["recall_at_10"] >= popularity["recall_at_10"] + MARGIN
    assert served["distinct_lists"] >= 0.8 > popularity["distinct_lists"]
    assert set(_served_categories(config)) == set(GENRES)  # the data's own vocabulary


def _served_categories(config) -> set[str]:
    store = online_store(config)
    try:
        return set(store.all_rows(ITEM_PROFILE)["category"])
    finally:
        store.close()
