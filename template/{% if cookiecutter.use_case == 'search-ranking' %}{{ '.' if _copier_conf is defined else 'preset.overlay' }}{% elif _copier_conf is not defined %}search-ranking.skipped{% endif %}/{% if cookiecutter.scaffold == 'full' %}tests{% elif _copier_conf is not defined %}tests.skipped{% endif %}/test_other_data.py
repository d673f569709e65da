"""On a second data set shaped unlike the sample (e-commerce product search: short titles
over descriptions of any length, queries with few exact matches, ESCI grades, clicks with
a steep position bias, the team's own files and column names), every rung is measured, a
ranker beats the BM25 order as the gate says, the index holds the catalog's words, and a
query the log never saw finds the product it names."""

from {{ cookiecutter.package_name }}.entities import QUERY
from {{ cookiecutter.package_name }}.features.text import normalize_query, tokens
from {{ cookiecutter.package_name }}.models import model_registry
from {{ cookiecutter.package_name }}.offline import lake
from {{ cookiecutter.package_name }}.offline.promotion import LADDER
from {{ cookiecutter.package_name }}.sample_text import TOPICS

from answers import answering
from preset_data import COLOURS, MATERIALS, TYPES, write_shop_tables
from team_files import run_on_team_tables, rung_the_gate_serves


def test_product_search_is_ranked_over_the_catalogs_own_words(make_config, tmp_path):
    config, result, _ = run_on_team_tables(make_config, tmp_path / "raw", write_shop_tables)
    metrics, decision = result.metrics, result.decision

    # every rung is measured; a ranker serves, and beats every rung below it by the margin
    assert set(metrics) == set(LADDER)
    assert all(set(rung) == set(metrics["heuristic"]) for rung in metrics.values())
    assert decision.promoted, decision.reason
    assert decision.champion == rung_the_gate_serves(config, metrics), decision.reason
    served = metrics[decision.champion]
    assert served["mrr"] >= metrics["heuristic"]["mrr"]
    assert model_registry(config).get("champion").version == result.champion.version

    # a query of the sample's words finds nothing; a product the log was never asked for by
    # its colour, material and type comes first among products of that type
    logged = set(lake.read_table(config.paths.lake, "searches")[QUERY].map(normalize_query))
    titles = lake.read_table(config.paths.lake, "documents")["title"]
    unasked = _unasked_query(titles, logged)
    with answering(config) as answer:
        foreign = answer({"query": " ".join(TOPICS["cooking"][:3])})
        found = answer({"query": unasked.upper()})
    assert foreign["results"] == []
    results = found["results"]
    assert len(results) == config.task["k"]
    assert set(unasked.split()) <= set(tokens(results[0]["title"])), (unasked, results[0])


def _unasked_query(titles, logged: set[str]) -> str:
    """'colour material type' of a listed product, a query nobody made."""
    for title in titles:
        words = tokens(title)  # brand material type colour
        kind, colour = [w for w in words if w in TYPES], [w for w in words if w in COLOURS]
        material = [w for w in words if w in MATERIALS]
        query = " ".join([*colour, *material, *kind])
        if len(query.split()) == 3 and query not in logged:
            return query
    raise AssertionError("every product was searched for by its colour, material and type")
