"""A seeded sample of authors, posts, reports and removals, with real structure.

A few authors are bad actors: they post more, often from new accounts, and much of what
they post is harmful (harassment or spam). Harmful posts tend to carry insults or spam
words, shouting, exclamation marks and links, but not always; benign posts sometimes use
the same look-alike words ("kill time", "free shipping"). Harmful posts draw reports and
removals within hours, so an author's recent removals reveal a bad actor to later posts.
Neither the words nor the history alone tells everything, so a model learns something
real and not everything.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_TOPICS = (
    "today weekend coffee morning train city park garden recipe dinner soup bread music "
    "concert guitar album movie series book chapter library school class teacher exam "
    "project team meeting office code bug release update phone camera photo travel beach "
    "mountain hike trail weather rain sunny snow football match goal season player coach "
    "game level friend family birthday party gift dog cat walk run bike market price "
    "shop order delivery news article story idea question answer thanks great nice "
    "happy love enjoy looking forward time really just new good best week"
)
TOPIC_WORDS = tuple(_TOPICS.split())
INSULTS = ("idiot", "moron", "loser", "pathetic", "worthless", "scum", "clown", "disgusting")
SPAM = ("giveaway", "crypto", "promo", "winner", "cashapp", "followback", "bonus", "prize")
# Words of harmful posts that benign posts use too.
LOOK_ALIKES = ("kill", "hate", "trash", "destroy", "crazy", "sick", "dead", "free", "click")
SPAM_LOOK_ALIKES = ("free", "click", "win", "now")

BAD_ACTOR_SHARE = 0.08
NEW_ACCOUNT_DAYS = 30


def generate(
    seed: int = 5, authors: int = 1000, days: int = 90, start: str = "2026-01-01"
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    origin = pd.Timestamp(start)
    profiles, bad = _authors(rng, authors, days, origin)
    posts = _posts(rng, profiles, bad, days, origin)
    harmful = posts.pop("harmful").to_numpy()
    posts["text"] = [_text(rng, is_harmful) for is_harmful in harmful]
    labels = pd.DataFrame(
        {"post_id": posts["post_id"], "posted_at": posts["posted_at"], "harmful": harmful}
    )
    events = _moderation_events(rng, posts, harmful)
    return {
        "posts": posts,
        "authors": profiles,
        "moderation_events": events,
        "post_labels": labels,
    }


def _authors(
    rng: np.random.Generator, count: int, days: int, origin: pd.Timestamp
) -> tuple[pd.DataFrame, np.ndarray]:
    bad = rng.random(count) < BAD_ACTOR_SHARE
    # Bad actors mostly open fresh accounts; others joined any time in the last years.
    fresh = rng.random(count) < np.where(bad, 0.6, 0.1)
    joined_day = np.where(
        fresh, rng.integers(-NEW_ACCOUNT_DAYS, days, count), rng.integers(-1000, -30, count)
    )
    joined_at = origin + pd.to_timedelta(joined_day, unit="D")
    joined_at += pd.to_timedelta(rng.integers(0, 86_400, count), unit="s")
    profiles = pd.DataFrame(
        {"author_id": [f"a{index:05d}" for index in range(count)], "joined_at": joined_at}
    )
    return profiles, bad


def _posts(
    rng: np.random.Generator,
    profiles: pd.DataFrame,
    bad: np.ndarray,
    days: int,
    origin: pd.Timestamp,
) -> pd.DataFrame:
    count = len(profiles)
    rate = rng.lognormal(np.log(0.25), 0.8, count) * np.where(bad, 2.0, 1.0)
    harm_rate = np.where(bad, rng.beta(4, 5, count), rng.beta(1, 60, count))
    counts = rng.poisson(np.repeat(rate[:, None], days, axis=1))
    author_index, day = np.nonzero(counts)
    repeats = counts[author_index, day]
    author_index, day = np.repeat(author_index, repeats), np.repeat(day, repeats)
    posted_at = (
        origin
        + pd.to_timedelta(day, unit="D")
        + pd.to_timedelta(rng.integers(0, 86_400, len(day)), unit="s")
    )
    frame = pd.DataFrame(
        {
            "author_id": profiles["author_id"].to_numpy()[author_index],
            "posted_at": posted_at,
            "harmful": rng.random(len(day)) < harm_rate[author_index],
        }
    )
    # Nobody posts before their account exists.
    frame = frame[frame["posted_at"] > profiles["joined_at"].to_numpy()[author_index]]
    frame = frame.sort_values("posted_at", ignore_index=True)
    frame.insert(0, "post_id", [f"p{index:06d}" for index in range(len(frame))])
    return frame


def _text(rng: np.random.Generator, harmful: bool) -> str:
    words = list(rng.choice(TOPIC_WORDS, 4 + rng.poisson(7)))
    spam = harmful and rng.random() < 0.3
    if spam:
        words += _some(rng, SPAM, 1.3) + _some(rng, SPAM_LOOK_ALIKES, 1.0)
    elif harmful:
        words += _some(rng, INSULTS, 1.1) + _some(rng, LOOK_ALIKES, 1.2)
    else:
        words += _some(rng, INSULTS, 0.02) + _some(rng, SPAM, 0.01)
        words += _some(rng, LOOK_ALIKES, 0.25)
    if rng.random() < (0.6 if spam else 0.04):
        words.append("http://bit.ly/" + "".join(rng.choice(list("abcdefghkmnpqrstuvwxyz"), 5)))
    rng.shuffle(words)
    text = " ".join(words)
    if rng.random() < (0.25 if harmful else 0.03):
        text = text.upper()
    if rng.random() < (0.35 if harmful else 0.08):
        text += "!!!"
    return text


def _some(rng: np.random.Generator, vocabulary: tuple[str, ...], mean: float) -> list[str]:
    return list(rng.choice(vocabulary, rng.poisson(mean)))


def _moderation_events(
    rng: np.random.Generator, posts: pd.DataFrame, harmful: np.ndarray
) -> pd.DataFrame:
    """Users report harmful posts within hours (and benign ones, rarely); moderators
    remove most harmful posts within two days, and a few benign ones by mistake."""
    reports = rng.poisson(np.where(harmful, 1.5, 0.03))
    removed = rng.random(len(posts)) < np.where(harmful, 0.8, 0.005)
    report_rows = np.repeat(np.arange(len(posts)), reports)
    removal_rows = np.flatnonzero(removed)
    rows = np.concatenate([report_rows, removal_rows])
    delay_hours = np.concatenate(
        [rng.exponential(6.0, len(report_rows)), rng.uniform(1.0, 48.0, len(removal_rows))]
    )
    events = pd.DataFrame(
        {
            "post_id": posts["post_id"].to_numpy()[rows],
            "author_id": posts["author_id"].to_numpy()[rows],
            "event_at": posts["posted_at"].to_numpy()[rows]
            + pd.to_timedelta(delay_hours * 3600, unit="s").to_numpy(),
            "action": np.repeat(["report", "removal"], [len(report_rows), len(removal_rows)]),
        }
    )
    return events.sort_values("event_at", ignore_index=True)
