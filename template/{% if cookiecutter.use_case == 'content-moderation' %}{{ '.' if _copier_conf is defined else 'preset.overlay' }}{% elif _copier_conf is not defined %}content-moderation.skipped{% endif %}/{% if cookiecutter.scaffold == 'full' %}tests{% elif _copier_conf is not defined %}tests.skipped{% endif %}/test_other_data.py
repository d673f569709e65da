"""On a second data set shaped unlike the sample (Civil-Comments-style news comments: a
rarer toxic class, insults the sample never says, a few prolific abusive commenters with
old accounts, the team's own files and column names), every rung is measured, the gate
serves what it says, the words the models read come from the data, and the author
history singles out the prolific abusers."""

from {{ cookiecutter.package_name }}.entities import AUTHOR, LABEL, POST, REMOVAL, TEXT
from {{ cookiecutter.package_name }}.models import model_registry
from {{ cookiecutter.package_name }}.models.compiled import TextSummary, Tfidf
from {{ cookiecutter.package_name }}.offline import lake
from {{ cookiecutter.package_name }}.offline.promotion import LADDER
from {{ cookiecutter.package_name }}.sample_data import INSULTS, SPAM

from answers import answering
from preset_data import TOXIC, write_comment_tables
from team_files import run_on_team_tables, rung_the_gate_serves


def test_news_comments_are_moderated_by_words_and_authors_learned_from_them(make_config, tmp_path):
    config, result, _ = run_on_team_tables(make_config, tmp_path / "raw", write_comment_tables)
    metrics, decision = result.metrics, result.decision

    # every rung is measured; the served one is the gate's, and beats every rung below it
    assert set(metrics) == set(LADDER)
    assert all(set(rung) == set(metrics["heuristic"]) for rung in metrics.values())
    assert decision.champion == rung_the_gate_serves(config, metrics), decision.reason
    assert model_registry(config).get("champion").version == result.champion.version

    # a rare class: under 6 % toxic, and the base rate's PR-AUC is the held-out share
    share = lake.read_table(config.paths.lake, "post_labels")[LABEL].mean()
    assert share < 0.06
    assert abs(metrics["heuristic"]["pr_auc"] - share) < 0.02

    # the words every text-reading rung learned are the comments', not the sample's
    for rung in ("baseline", "challenger"):
        words = _vocabulary(config, rung)
        assert set(TOXIC) <= words, rung
        assert not words & set(INSULTS + SPAM), rung

    # the same civil words score higher from the most removed commenter than from a
    # prolific commenter nothing was ever removed from
    abuser, civil, last = _most_and_never_removed(config)
    post = {POST: "new", TEXT: "The council is right to fund the library.", "at": last}
    with answering(config) as answer:
        scores = [answer({**post, AUTHOR: author}) for author in (abuser, civil)]
    assert all(score["known_author"] for score in scores)
    assert scores[0]["score"] > scores[1]["score"], scores


def _vocabulary(config, rung: str) -> set[str]:
    model = model_registry(config).get(rung).load()
    words = set()
    for head in model.heads.values():
        for block in head.blocks:
            if isinstance(block, TextSummary):
                block = block.words
            if isinstance(block, Tfidf):
                words |= set(block.vocabulary)
    return words


def _most_and_never_removed(config) -> tuple[str, str, str]:
    posts = lake.read_table(config.paths.lake, "posts")
    events = lake.read_table(config.paths.lake, "moderation_events")
    removals = events[events["action"] == REMOVAL][AUTHOR].value_counts()
    counts = posts[AUTHOR].value_counts()
    never = counts[~counts.index.isin(events[AUTHOR])].idxmax()
    return removals.idxmax(), never, posts["posted_at"].max().isoformat()
