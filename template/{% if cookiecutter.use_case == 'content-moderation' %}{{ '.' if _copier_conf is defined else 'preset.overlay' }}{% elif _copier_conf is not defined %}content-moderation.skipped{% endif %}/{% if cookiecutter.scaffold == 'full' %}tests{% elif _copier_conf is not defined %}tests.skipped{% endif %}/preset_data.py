"""A second data set, shaped unlike the default sample: Jigsaw/Civil-Comments-style comments.

What a team brings from the comment section of a news site: long, sentence-case comments
on politics, the economy, the city, health and the environment; a rare toxic class (about
3 %, against the sample's 8 %); most of the toxicity written by a handful of prolific
commenters with old accounts (the sample's bad actors open fresh ones); identity words that
toxic and civil comments alike use; and insults the sample never says. Written as files
with a team's own column names: integer ids, epoch-millisecond and epoch-second times,
Civil Comments' own `created_date` text, the annotators' verdict as yes/no words and
columns the schema does not name (article, likes, toxicity share).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SECTIONS = {
    "politics": "senate vote election governor ballot campaign policy legislature bill "
    "congress mayor party candidate debate reform budget veto referendum",
    "economy": "taxes jobs wages inflation housing rent market tariffs deficit pension "
    "economy income business union employers mortgage interest",
    "city": "council transit traffic parking zoning downtown neighborhood police permit "
    "library streetcar highway sidewalk development ferry",
    "health": "hospital insurance vaccine doctors nurses clinic medicare patients coverage "
    "pharmacy opioid treatment premiums",
    "environment": "pipeline climate carbon salmon wildfire drought forest emissions "
    "oil coal solar dam river wildlife",
}
# Sentences of a comment section; slots: {t} the article's topic, {o} an opinion, {v} a
# verb, {p} people, {i} an identity.
CIVIL = (
    "the {t} is {o}",
    "i {v} the {t} and the {t}",
    "{p} should {v} the {t}",
    "this {t} will not fix the {t}",
    "what about the {t} in this state",
    "the article is {o} about the {t}",
    "as {i} residents we {v} the {t}",
    "thank you for reporting on the {t}",
    "{p} were told the {t} would be {o}",
)
OPINIONS = ("fair", "wrong", "misleading", "reasonable", "expensive", "overdue", "unclear")
VERBS = ("support", "oppose", "question", "fund", "cut", "expand", "delay")
PEOPLE = ("voters", "taxpayers", "residents", "legislators", "readers", "commissioners")
# Toxic sentences: {x} an insult. The last ones need no insult to be toxic.
ABUSIVE = (
    "you are a {x}",
    "what a {x}",
    "only a {x} would {v} the {t}",
    "the {x} mayor should resign",
    "{p} who {v} the {t} are {x}",
)
HOSTILE = ("shut up", "go away", "nobody asked you", "get lost troll", "you people never learn")
# Insults of a news comment section: none of them is in the default sample.
TOXIC = (
    "stupid",
    "ignorant",
    "hypocrite",
    "liar",
    "traitor",
    "fool",
    "dumb",
    "imbecile",
    "buffoon",
    "crook",
    "shameful",
    "garbage",
)
# Words toxic comments use more often, and civil ones use too.
IDENTITY = ("muslim", "christian", "gay", "black", "white", "women", "immigrants", "liberals")

PROLIFIC_TROLLS = 8
MS = 1000


def write_comment_tables(
    folder: Path, seed: int = 11, commenters: int = 400, days: int = 56
) -> dict:
    """Write commenters, comments, flags and annotations into `folder`; the `data.tables`
    config that maps them onto the preset's schema."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2017-03-01", tz="UTC")
    kind = np.zeros(commenters, dtype=int)  # 0 civil, 1 hothead, 2 prolific troll
    kind[rng.choice(commenters, PROLIFIC_TROLLS, replace=False)] = 2
    kind[(kind == 0) & (rng.random(commenters) < 0.1)] = 1
    rate = np.where(
        kind == 2, rng.uniform(1.2, 2.0, commenters), rng.lognormal(-1.9, 0.9, commenters)
    )
    toxic_rate = np.select(
        [kind == 2, kind == 1],
        [rng.beta(5, 15, commenters), rng.beta(2, 25, commenters)],
        rng.beta(1, 300, commenters),
    )
    # accounts are old, the trolls' too; a few civil commenters join during the period
    joined = start - pd.to_timedelta(rng.uniform(30, 1500, commenters), unit="D")
    late = (kind == 0) & (rng.random(commenters) < 0.1)
    joined = joined.where(~late, start + pd.to_timedelta(rng.uniform(0, days, commenters), "D"))

    counts = rng.poisson(rate * days)
    author = np.repeat(np.arange(commenters), counts)
    moment = start + pd.to_timedelta(rng.uniform(0, days * 86_400, len(author)), unit="s")
    kept = np.asarray(moment > joined[author])
    author, moment = author[kept], moment[kept]
    order = np.argsort(moment.to_numpy())
    author, moment = author[order], moment[order]
    toxic = rng.random(len(author)) < toxic_rate[author]
    section = rng.choice(list(SECTIONS), len(author))
    text = [
        _comment(rng, SECTIONS[name].split(), bad) for name, bad in zip(section, toxic, strict=True)
    ]
    comment_id = 7_000_000 + np.arange(len(author)) * 3
    user_id = 100_000 + np.arange(commenters) * 7

    pd.DataFrame(
        {
            "user_id": user_id,
            "created_date": joined.strftime("%Y-%m-%d %H:%M:%S.%f+00"),
            "display_name": [f"reader{n}" for n in range(commenters)],
        }
    ).to_csv(folder / "commenters.csv", index=False)
    posted_ms = moment.as_unit("ms").asi8
    pd.DataFrame(
        {
            "id": comment_id,
            "user_id": user_id[author],
            "article_id": 300_000 + rng.integers(0, 400, len(author)),
            "created_ms": posted_ms,
            "comment_text": text,
            "likes": rng.poisson(np.where(toxic, 0.8, 1.5)),
        }
    ).to_parquet(folder / "comments.parquet", index=False)
    annotators = rng.integers(4, 11, len(author))
    # the verdict is the annotators' majority: it misses some toxic comments, flags a few civil
    share = rng.binomial(annotators, np.where(toxic, 0.7, 0.03)) / annotators
    pd.DataFrame(
        {
            "id": comment_id,
            "created_date": moment.strftime("%Y-%m-%d %H:%M:%S.%f+00"),
            "toxicity": np.round(share, 3),
            "identity_annotator_count": annotators,
            "toxic": np.where(share >= 0.5, "yes", "no"),
        }
    ).to_csv(folder / "annotations.csv", index=False)
    _flags(rng, comment_id, user_id[author], posted_ms, toxic).to_csv(
        folder / "flags.csv", index=False
    )
    return {
        "authors": {
            "path": str(folder / "commenters.csv"),
            "columns": {"user_id": "author_id", "created_date": "joined_at"},
        },
        "posts": {
            "path": str(folder / "comments.parquet"),
            "columns": {
                "id": "post_id",
                "user_id": "author_id",
                "created_ms": "posted_at",
                "comment_text": "text",
            },
            "epoch_units": {"posted_at": "ms"},
        },
        "moderation_events": {
            "path": str(folder / "flags.csv"),
            "columns": {
                "comment_id": "post_id",
                "user_id": "author_id",
                "flagged_at": "event_at",
                "kind": "action",
            },
            "epoch_units": {"event_at": "s"},
        },
        "post_labels": {
            "path": str(folder / "annotations.csv"),
            "columns": {"id": "post_id", "created_date": "posted_at", "toxic": "harmful"},
            "true_values": ["yes"],
            "false_values": ["no"],
        },
    }


def _comment(rng: np.random.Generator, topic: list[str], toxic: bool) -> str:
    """A few sentences on the article's topic; a toxic one mostly insults, and names
    identities more often, but a third of them use no insult a word list would catch."""
    sentences = [CIVIL[n] for n in rng.choice(len(CIVIL), 1 + int(rng.lognormal(0.7, 0.6)))]
    if toxic:
        explicit = rng.random() < 0.65
        for _ in range(1 + rng.poisson(0.5)):
            bank = ABUSIVE if explicit else HOSTILE
            sentences.insert(
                int(rng.integers(0, len(sentences) + 1)), bank[rng.integers(len(bank))]
            )
    elif rng.random() < 0.02:  # a civil comment quoting an insult, or telling a troll off
        sentences.append(rng.choice(["calling them a {x} helps nobody", "nobody asked you"]))
    fill = {
        "t": lambda: rng.choice(topic),
        "o": lambda: rng.choice(OPINIONS),
        "v": lambda: rng.choice(VERBS),
        "p": lambda: rng.choice(PEOPLE),
        "i": lambda: rng.choice(IDENTITY),
        "x": lambda: rng.choice(TOXIC),
    }
    text = " ".join(
        _sentence(sentence, fill, rng.random() < (0.2 if toxic else 0.05)) for sentence in sentences
    )
    if toxic and rng.random() < 0.5:  # toxic comments name identities more often
        text += f" Typical {rng.choice(IDENTITY)} {rng.choice(PEOPLE)}."
    if toxic and rng.random() < 0.1:
        text = text.upper()
    if rng.random() < 0.02:
        text += " https://www.example-news.com/opinion/" + str(int(rng.integers(1e5, 1e6)))
    return text


def _sentence(skeleton: str, fill: dict, exclaim: bool) -> str:
    words = [fill[word[1]]() if word.startswith("{") else word for word in skeleton.split()]
    sentence = " ".join(str(word) for word in words)
    return sentence[0].upper() + sentence[1:] + ("!" if exclaim else ".")


def _flags(
    rng: np.random.Generator,
    comment_id: np.ndarray,
    author: np.ndarray,
    posted_ms: np.ndarray,
    toxic: np.ndarray,
) -> pd.DataFrame:
    """Readers flag toxic comments (and, over politics, some civil ones) within hours;
    moderators remove most toxic comments within three days, and few civil ones."""
    reports = rng.poisson(np.where(toxic, 1.0, 0.04))
    removed = rng.random(len(toxic)) < np.where(toxic, 0.6, 0.003)
    rows = np.concatenate([np.repeat(np.arange(len(toxic)), reports), np.flatnonzero(removed)])
    delay = np.concatenate(
        [rng.exponential(4 * 3600, reports.sum()), rng.uniform(3600, 72 * 3600, removed.sum())]
    )
    return pd.DataFrame(
        {
            "comment_id": comment_id[rows],
            "user_id": author[rows],
            "flagged_at": (posted_ms[rows] // MS + delay).astype(np.int64),
            "kind": np.repeat(["report", "removal"], [reports.sum(), removed.sum()]),
        }
    ).sort_values("flagged_at", ignore_index=True)
