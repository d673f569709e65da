"""On a second data set shaped unlike the sample (an ego-Facebook-style network: hub accounts,
dense circles, heavy-tailed degrees, integer ids, edges to deactivated accounts, newcomers
without friends, the team's own files and column names), the gate serves the rung it should,
the profile vocabulary is the data's own, and a newcomer is offered the network's hubs."""

import pandas as pd

from {{ cookiecutter.package_name }}.features.definitions import PROFILE
from {{ cookiecutter.package_name }}.offline.pipeline import online_store
from {{ cookiecutter.package_name }}.offline.promotion import LADDER

from answers import answering
from preset_data import CIRCLES, DEACTIVATED, HOMETOWNS, SCHOOLS, write_ego_network
from team_files import run_on_team_tables, rung_the_gate_serves


def test_ego_network_data_is_served_by_the_gate_and_newcomers_meet_the_hubs(make_config, tmp_path):
    raw = tmp_path / "raw"
    config, result, lines = run_on_team_tables(
        make_config,
        raw,
        write_ego_network,
        training={"label_window_days": 4},  # every suggestion is answered within 4 days
    )
    metrics, champion = result.metrics, result.decision.champion
    primary = config.primary_metric

    assert all(metrics[rung].keys() >= {primary, "roc_auc", "mrr"} for rung in LADDER)
    assert champion == rung_the_gate_serves(config, metrics)
    # measured on eight seeds: a trained rung beats friends in common on each (+0.007 to +0.10)
    assert champion != "heuristic", result.decision.reason
    assert any(f"dropped {DEACTIVATED} rows" in line for line in lines)  # deactivated accounts

    store = online_store(config)
    try:
        profiles = store.all_rows(PROFILE)
    finally:
        store.close()
    assert set(profiles["community"]) == set(CIRCLES)  # the data's own vocabulary
    assert set(profiles["school"]) == set(SCHOOLS) and set(profiles["city"]) == set(HOMETOWNS)

    # A newcomer without friends has no friends of friends: the hubs are all it can be shown.
    members = pd.read_csv(raw / "members.csv", sep=";")
    edges = pd.read_parquet(raw / "edges.parquet")
    degree = pd.concat([edges["source"], edges["target"]]).value_counts()
    degree = degree[degree.index.isin(members["node"])]  # deactivated accounts are not served
    newcomer = int(members.loc[~members["node"].isin(degree.index), "node"].iloc[0])
    with answering(config) as answer:
        body = answer({"user_id": str(newcomer)})
    suggested = [int(s["user_id"]) for s in body["suggestions"]]
    assert len(suggested) == 10 and newcomer not in suggested
    assert all(s["friends_in_common"] == 0 for s in body["suggestions"])
    assert sorted(degree[suggested], reverse=True) == degree.head(10).tolist()
    assert degree.index[0] in suggested  # the biggest hub
