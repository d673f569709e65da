"""On a second data set shaped unlike the sample (Avazu-style exchange logs: a 2 % CTR below
the features' prior, hashed high-cardinality ids, banner sizes and hashed app categories,
advertisers that first bid in the held-out week, the team's own files and column names),
every rung is measured, the gate serves what it says, the served CTR is calibrated, the
categories the models learn are the data's, and an unseen advertiser's ad is still scored."""

import pandas as pd

from {{ cookiecutter.package_name }} import sample_data
from {{ cookiecutter.package_name }}.entities import AD, ADVERTISER, SITE, USER
from {{ cookiecutter.package_name }}.features.definitions import PRIOR_CTR
from {{ cookiecutter.package_name }}.models import model_registry
from {{ cookiecutter.package_name }}.offline import lake
from {{ cookiecutter.package_name }}.offline.promotion import LADDER

from answers import answering
from preset_data import AUDIENCES, BANNERS, CATEGORIES, write_exchange_tables
from team_files import run_on_team_tables, rung_the_gate_serves


def test_exchange_logs_are_served_calibrated_clicks_over_their_own_categories(
    make_config, tmp_path
):
    config, result, _ = run_on_team_tables(make_config, tmp_path / "raw", write_exchange_tables)
    metrics, decision = result.metrics, result.decision

    # every rung is measured; the served one is the gate's, and beats every rung below it
    assert set(metrics) == set(LADDER)
    assert all(set(rung) == set(metrics["heuristic"]) for rung in metrics.values())
    assert decision.champion == rung_the_gate_serves(config, metrics), decision.reason
    assert model_registry(config).get("champion").version == result.champion.version

    # a CTR below the smoothing prior, and the served probabilities still average it
    champion = metrics[decision.champion]
    assert champion["observed_ctr"] < PRIOR_CTR
    assert abs(champion["predicted_ctr"] / champion["observed_ctr"] - 1) <= 0.25

    # the categories the one-hot rung learned are the data's words, not the sample's
    learned = model_registry(config).get("challenger").load().vocabularies()
    assert learned["ad_format"] == set(BANNERS)
    assert learned["vertical"] <= set(CATEGORIES) and learned["segment"] <= set(AUDIENCES)
    sample_words = set(sample_data.FORMATS + sample_data.VERTICALS + sample_data.SEGMENTS)
    assert not sample_words & (learned["ad_format"] | learned["vertical"] | learned["segment"])

    # an advertiser that first bids after the training cutoff is no learned category, and
    # its ad is still scored from its stored profile
    cutoff = pd.Timestamp(result.champion.metadata["trained_before"])
    shown = lake.read_table(config.paths.lake, "impressions")
    ads = lake.read_table(config.paths.lake, "ads")
    shown = shown.merge(ads[[AD, ADVERTISER]].drop_duplicates(AD), on=AD)
    first_bid = shown.groupby(ADVERTISER)["shown_at"].min()
    newcomers = set(first_bid[first_bid >= cutoff].index)
    assert newcomers and not newcomers & learned[ADVERTISER]
    late = shown[shown[ADVERTISER].isin(newcomers)].iloc[-1]
    request = {name: str(late[name]) for name in (USER, AD, SITE, "device")}
    with answering(config) as answer:
        body = answer({**request, "at": str(late["shown_at"])})
    assert body["known_ad"] is True
    assert 0.0 < body["click_probability"] < 0.5
