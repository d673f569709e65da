"""A second data set, shaped unlike the default sample: a Reddit-style home feed.

What a team exports from a forum-like product: posts in subreddit-like communities of very
different sizes, a few very prolific accounts (reposters) that publish most of the posts
and most of them mediocre, post formats the team keeps adding to (polls launched in the
last days, after training), and reactions of several kinds: opening the thread, voting up
or down (from the feed too, without opening it), and the time spent in the thread. The old
feed showed 25 posts a page ordered by its "hot" score, and people rarely look far down
it: heavy position effects that no feature sees. Under them, users have a taste over a few
communities, follow some accounts, and engage with what fits their taste, is fresh, and
comes from a good or followed account.
Written as files with the team's own column names: accounts as CSV with ISO dates, posts
as parquet with epoch seconds (created_utc), follows as CSV with ISO times, impressions as
parquet with epoch milliseconds, opened as 0/1 and the vote as up/down/none.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SUBREDDITS = (
    "r/worldnews", "r/askscience", "r/formula1", "r/cooking", "r/photography",
    "r/personalfinance", "r/boardgames", "r/gardening", "r/aww", "r/programming",
    "r/history", "r/running",
)  # fmt: skip
FORMATS = ("link", "self", "image", "gallery", "video", "poll")
FORMAT_SHARE = np.array([0.3, 0.25, 0.25, 0.08, 0.12])  # before polls
POLL_DAYS = 6  # polls exist in the last days only: the model never trained on one
FORMAT_OPEN = np.array([0.0, 0.2, -0.6, -0.2, 0.3, 0.5])  # images are seen in the feed
FORMAT_READ = np.array([0.0, 0.8, -0.8, -0.3, 0.9, -0.5])  # log-seconds in the thread
PROLIFIC = 4  # accounts that post all day long
PAGE = 25  # posts per feed page, in "hot" order
LIFETIME_DAYS = 3
DAY = 86_400


def write_reddit_feed(
    folder: Path, seed: int = 31, users: int = 200, authors: int = 60, days: int = 30
) -> dict:
    """Write accounts, posters, posts, follows and impressions into `folder`; the
    `data.tables` config that maps them onto the preset's schema."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-02-01")
    world = _World(rng, users, authors, days)
    shown = _feeds(rng, world, days)
    origin = int(start.timestamp())

    def iso(seconds: np.ndarray, pattern: str = "%Y-%m-%dT%H:%M:%SZ") -> pd.Index:
        return pd.to_datetime(origin + np.asarray(seconds), unit="s").strftime(pattern)

    pd.DataFrame(
        {
            "account": world.user_ids,
            "created": iso(-rng.integers(5, 2_000, users) * DAY, "%Y-%m-%d"),
        }
    ).to_csv(folder / "redditors.csv", index=False)
    pd.DataFrame(
        {
            "account": world.author_ids,
            "first_post": iso(-rng.integers(30, 3_000, authors) * DAY, "%Y-%m-%d"),
        }
    ).to_csv(folder / "posters.csv", index=False)
    pd.DataFrame(
        {
            "id": world.post_ids,
            "author": world.author_ids[world.post_author],
            "created_utc": origin + world.post_second,
            "subreddit": np.asarray(SUBREDDITS)[world.post_topic],
            "post_hint": np.asarray(FORMATS)[world.post_format],
        }
    ).to_parquet(folder / "posts.parquet", index=False)
    follower, followed = np.nonzero(np.isfinite(world.follow_since))
    pd.DataFrame(
        {
            "follower": world.user_ids[follower],
            "followed": world.author_ids[followed],
            "since": iso(world.follow_since[follower, followed].astype(int)),
        }
    ).to_csv(folder / "follows.csv", index=False)
    pd.DataFrame(
        {
            "viewer": world.user_ids[shown["user"]],
            "post": world.post_ids[shown["post"]],
            "served_ms": (origin + shown["second"]) * 1000
            + rng.integers(0, 1000, len(shown["user"])),
            "opened": shown["opened"].astype(int),
            "vote": shown["vote"],
            "seconds_on_thread": np.round(shown["dwell"], 1),
        }
    ).to_parquet(folder / "impressions.parquet", index=False)
    return {
        "users": {
            "path": str(folder / "redditors.csv"),
            "columns": {"account": "user_id", "created": "signed_up_at"},
        },
        "authors": {
            "path": str(folder / "posters.csv"),
            "columns": {"account": "author_id", "first_post": "joined_at"},
        },
        "posts": {
            "path": str(folder / "posts.parquet"),
            "columns": {
                "id": "post_id",
                "author": "author_id",
                "created_utc": "created_at",
                "subreddit": "topic",
                "post_hint": "format",
            },
            "epoch_units": {"created_at": "s"},
        },
        "follows": {
            "path": str(folder / "follows.csv"),
            "columns": {"follower": "user_id", "followed": "author_id", "since": "followed_at"},
        },
        "impressions": {
            "path": str(folder / "impressions.parquet"),
            "columns": {
                "viewer": "user_id",
                "post": "post_id",
                "served_ms": "shown_at",
                "opened": "clicked",
                "vote": "liked",
                "seconds_on_thread": "dwell_seconds",
            },
            "epoch_units": {"shown_at": "ms"},
            "true_values": ["up"],
            "false_values": ["down", "none"],
        },
    }


class _World:
    """The hidden causes: tastes, follows, accounts' quality, the posts."""

    def __init__(self, rng: np.random.Generator, users: int, authors: int, days: int) -> None:
        self.user_ids = _names(rng, users)
        self.author_ids = _names(rng, authors)
        size = 1.0 / np.arange(1, len(SUBREDDITS) + 1) ** 0.9  # communities of any size
        self.community_share = size / size.sum()
        self.taste = rng.dirichlet(np.full(len(SUBREDDITS), 0.25), users)
        self.activity = rng.lognormal(-1.8, 0.7, users)  # feed pages per day
        self.author_topic = rng.choice(len(SUBREDDITS), authors, p=self.community_share)
        self.quality = rng.normal(0.0, 0.8, authors)
        rate = rng.gamma(1.5, 0.2, authors)  # posts per day
        rate[:PROLIFIC] = rng.uniform(6.0, 10.0, PROLIFIC)  # the reposters
        self.quality[:PROLIFIC] = rng.normal(-0.7, 0.3, PROLIFIC)
        self._posts(rng, rate, days)
        self._follows(rng, days)

    def _posts(self, rng: np.random.Generator, rate: np.ndarray, days: int) -> None:
        per_day = rng.poisson(rate[:, None], (len(rate), days + LIFETIME_DAYS))
        author, day = np.nonzero(per_day)
        author, day = np.repeat(author, per_day[author, day]), np.repeat(day, per_day[author, day])
        second = (day - LIFETIME_DAYS) * DAY + rng.integers(0, DAY, len(author))
        order = np.argsort(second, kind="stable")
        self.post_author, self.post_second = author[order], second[order]
        count = len(order)
        self.post_ids = np.array([f"t3_{number:06x}" for number in rng.permutation(count) + 40_000])
        own = rng.random(count) < 0.75
        self.post_topic = np.where(
            own,
            self.author_topic[self.post_author],
            rng.choice(len(SUBREDDITS), count, p=self.community_share),
        )
        self.post_format = rng.choice(len(FORMAT_SHARE), count, p=FORMAT_SHARE)
        polls = (self.post_second >= (days - POLL_DAYS) * DAY) & (rng.random(count) < 0.25)
        self.post_format[polls] = FORMATS.index("poll")
        self.post_quality = self.quality[self.post_author] + rng.normal(0.0, 0.6, count)

    def _follows(self, rng: np.random.Generator, days: int) -> None:
        users, authors = len(self.user_ids), len(self.author_ids)
        affinity = np.log(self.taste[:, self.author_topic] + 0.01) + self.quality
        keys = affinity + rng.gumbel(size=(users, authors))
        count = rng.integers(0, 9, users)  # some follow no one
        ranked = np.argsort(-keys, axis=1)
        self.follow_since = np.full((users, authors), np.inf)
        for user in range(users):
            chosen = ranked[user, : count[user]]
            before = rng.random(len(chosen)) < 0.75
            self.follow_since[user, chosen] = np.where(
                before,
                -rng.integers(DAY, 400 * DAY, len(chosen)),
                rng.integers(0, days * DAY, len(chosen)),
            )


def _feeds(rng: np.random.Generator, world: _World, days: int) -> dict[str, np.ndarray]:
    parts = []
    for day in range(days):
        pool = np.flatnonzero(
            (world.post_second < day * DAY) & (world.post_second >= (day - LIFETIME_DAYS) * DAY)
        )
        for user in np.flatnonzero(rng.random(len(world.user_ids)) < world.activity.clip(0, 1)):
            parts.append(_page(rng, world, user, pool, day * DAY + int(rng.integers(0, DAY - 600))))
    shown = {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    shown.update(_reactions(rng, world, shown))
    return shown


def _page(
    rng: np.random.Generator, world: _World, user: int, pool: np.ndarray, second: int
) -> dict[str, np.ndarray]:
    """One page of the old feed: followed accounts' posts and hot ones, in "hot" order."""
    age_hours = (second - world.post_second[pool]) / 3_600
    # hot: votes so far (quality and the exposure of the prolific) against age
    hot = world.post_quality[pool] + 0.5 * (world.post_author[pool] < PROLIFIC) - age_hours / 14
    followed = world.follow_since[user, world.post_author[pool]] < second
    keys = hot + 1.0 * followed + rng.gumbel(size=len(pool)) * 0.7
    chosen = np.argsort(-keys)[:PAGE]
    page = pool[chosen[np.argsort(-hot[chosen])]]  # shown in hot order
    return {
        "user": np.full(len(page), user),
        "post": page,
        "second": second + 3 * np.arange(len(page)),
        "position": np.arange(len(page)),
    }


def _reactions(
    rng: np.random.Generator, world: _World, shown: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    user, post, second = shown["user"], shown["post"], shown["second"]
    author = world.post_author[post]
    taste = world.taste[user, world.post_topic[post]]
    follows = (world.follow_since[user, author] <= second).astype(float)
    fresh = np.exp(-(second - world.post_second[post]) / 3_600 / 10.0)
    looked = rng.random(len(user)) < 1.0 / (1.0 + shown["position"]) ** 0.9  # position effect
    appeal = (
        -1.2
        + 4.5 * taste
        + 1.0 * follows
        + 0.7 * world.post_quality[post]
        + 1.0 * fresh
        + FORMAT_OPEN[world.post_format[post]]
    )
    opened = looked & (rng.random(len(user)) < _sigmoid(appeal))
    vote_logit = -1.0 + 3.0 * taste + 0.9 * world.post_quality[post] + 0.8 * follows
    up = (opened | (looked & (rng.random(len(user)) < 0.3))) & (
        rng.random(len(user)) < _sigmoid(vote_logit - 1.5 * ~opened)
    )
    down = looked & ~up & (rng.random(len(user)) < _sigmoid(-2.5 - 1.2 * world.post_quality[post]))
    vote = np.where(up, "up", np.where(down, "down", "none"))
    read = np.exp(
        np.log(15.0)
        + 1.6 * taste
        + 0.3 * world.post_quality[post]
        + FORMAT_READ[world.post_format[post]]
        + rng.normal(0.0, 0.7, len(user))
    )
    dwell = np.where(opened, read, rng.uniform(0.2, 2.5, len(user)))
    return {"opened": opened, "vote": vote, "dwell": dwell}


def _names(rng: np.random.Generator, count: int) -> np.ndarray:
    """Distinct account names, the way people pick them."""
    words = ("quiet", "turbo", "mossy", "amber", "lucky", "rusty", "polar", "night")
    animals = ("otter", "falcon", "badger", "lynx", "heron", "gecko", "moose", "crane")
    names: dict[str, None] = {}
    while len(names) < count:
        names[f"{rng.choice(words)}_{rng.choice(animals)}{rng.integers(10, 9_999)}"] = None
    return np.array(list(names))


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-values))
