"""A seeded sample of users, authors, posts, follows and feed impressions, with real structure.

Users have a few favourite topics (a peaky Dirichlet taste) and follow authors of those
topics. Authors publish a few posts a day, mostly on their own topic; each author has a
hidden quality (people open their posts) and charm (people like their posts). A feed
shows posts of the last few days: from followed authors, popular ones, and random ones.
A user opens what matches their taste, from authors they follow, fresh and good; likes
what they opened from authors they follow and find charming; and stays longer on posts
they care about, longer still on videos.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TOPICS = ("news", "sports", "music", "food", "travel", "tech", "fashion", "gaming")
FORMATS = ("text", "photo", "video")

SLATE_SIZE = 10
FOLLOWS_PER_USER = 6
POST_LIFETIME_DAYS = 3  # a feed shows posts published in the last three days
SOURCES = {"followed": 0.45, "popular": 0.35, "explore": 0.2}
FORMAT_SHARE = (0.4, 0.35, 0.25)
FORMAT_CLICK = np.array([0.0, 0.1, 0.25])
FORMAT_DWELL = np.array([0.0, -0.3, 0.7])  # log-seconds: videos hold attention longest
DAY = 86_400


def generate(
    seed: int = 7,
    users: int = 400,
    authors: int = 40,
    days: int = 40,
    start: str = "2026-01-01",
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    origin = pd.Timestamp(start)
    world = _World.create(rng, users, authors, days)
    shown = _impressions(rng, world, days)
    return {
        "users": pd.DataFrame(
            {
                "user_id": world.user_ids,
                "signed_up_at": origin - pd.to_timedelta(rng.integers(1, 365, users), unit="D"),
            }
        ),
        "authors": pd.DataFrame(
            {
                "author_id": world.author_ids,
                "joined_at": origin - pd.to_timedelta(rng.integers(30, 900, authors), unit="D"),
            }
        ),
        "posts": pd.DataFrame(
            {
                "post_id": world.post_ids,
                "author_id": world.author_ids[world.post_author],
                "created_at": origin + pd.to_timedelta(world.post_second, unit="s"),
                "topic": np.asarray(TOPICS)[world.post_topic],
                "format": np.asarray(FORMATS)[world.post_format],
            }
        ),
        "follows": _follows_table(world, origin),
        "impressions": pd.DataFrame(
            {
                "user_id": world.user_ids[shown["user"]],
                "post_id": world.post_ids[shown["post"]],
                "shown_at": origin + pd.to_timedelta(shown["second"], unit="s"),
                "clicked": shown["clicked"],
                "liked": shown["liked"],
                "dwell_seconds": np.round(shown["dwell"], 1),
            }
        ).sort_values(["shown_at", "user_id", "post_id"], ignore_index=True),
    }


class _World:
    """The hidden causes: tastes, follows, authors' quality and charm, the posts."""

    @classmethod
    def create(cls, rng: np.random.Generator, users: int, authors: int, days: int) -> _World:
        world = cls()
        world.user_ids = np.array([f"u{index:05d}" for index in range(users)])
        world.author_ids = np.array([f"a{index:04d}" for index in range(authors)])
        world.taste = rng.dirichlet(np.full(len(TOPICS), 0.3), users)
        world.activity = rng.lognormal(-0.6, 0.5, users)  # sessions per day
        world.author_topic = rng.integers(0, len(TOPICS), authors)
        world.quality = rng.normal(0.0, 0.7, authors)
        world.charm = rng.normal(0.0, 0.8, authors)
        world._posts(rng, days)
        world._follows(rng, days)
        return world

    def _posts(self, rng: np.random.Generator, days: int) -> None:
        authors = len(self.author_ids)
        rate = rng.gamma(2.0, 0.3, authors)  # posts per day, some authors prolific
        per_day = rng.poisson(rate[:, None], (authors, days + POST_LIFETIME_DAYS))
        author, day = np.nonzero(per_day)
        author, day = np.repeat(author, per_day[author, day]), np.repeat(day, per_day[author, day])
        count = len(author)
        order = np.argsort((day - POST_LIFETIME_DAYS) * DAY + rng.integers(0, DAY, count))
        self.post_author = author[order]
        self.post_day = day[order] - POST_LIFETIME_DAYS
        self.post_second = self.post_day * DAY + rng.integers(0, DAY, count)
        self.post_ids = np.array([f"p{index:06d}" for index in range(count)])
        own_topic = rng.random(count) < 0.8
        self.post_topic = np.where(
            own_topic, self.author_topic[self.post_author], rng.integers(0, len(TOPICS), count)
        )
        self.post_format = rng.choice(len(FORMATS), count, p=FORMAT_SHARE)
        self.post_quality = self.quality[self.post_author] + rng.normal(0.0, 0.5, count)

    def _follows(self, rng: np.random.Generator, days: int) -> None:
        """Each user follows authors of their topics; most follows predate the sample."""
        users, authors = len(self.user_ids), len(self.author_ids)
        affinity = self.taste[:, self.author_topic] + 0.02
        keys = np.log(affinity) + self.quality + rng.gumbel(size=(users, authors))
        count = min(FOLLOWS_PER_USER, authors)
        self.follow_author = np.argsort(-keys, axis=1)[:, :count]
        before = rng.random((users, count)) < 0.7
        self.follow_second = np.where(
            before,
            -rng.integers(DAY, 300 * DAY, (users, count)),
            rng.integers(0, days * DAY, (users, count)),
        )
        # When each user started following each author (infinity: never).
        self.follow_since = np.full((users, authors), np.inf)
        rows = np.repeat(np.arange(users), count)
        self.follow_since[rows, self.follow_author.ravel()] = self.follow_second.ravel()


def _follows_table(world: _World, origin: pd.Timestamp) -> pd.DataFrame:
    users, count = world.follow_author.shape
    return pd.DataFrame(
        {
            "user_id": np.repeat(world.user_ids, count),
            "author_id": world.author_ids[world.follow_author.ravel()],
            "followed_at": origin + pd.to_timedelta(world.follow_second.ravel(), unit="s"),
        }
    ).sort_values(["followed_at", "user_id"], ignore_index=True)


def _impressions(rng: np.random.Generator, world: _World, days: int) -> dict[str, np.ndarray]:
    parts = [_one_day(rng, world, day) for day in range(days)]
    shown = {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    shown.update(_engagement(rng, world, shown))
    return shown


def _one_day(rng: np.random.Generator, world: _World, day: int) -> dict[str, np.ndarray]:
    """Every session of one day: a slate of posts published in the days before."""
    pool = np.flatnonzero((world.post_day < day) & (world.post_day >= day - POST_LIFETIME_DAYS))
    sessions = rng.poisson(world.activity)
    user = np.repeat(np.arange(len(sessions)), sessions)
    session_start = day * DAY + rng.integers(0, DAY - 3_600, len(user))
    session = np.repeat(np.arange(len(user)), SLATE_SIZE)
    user, second = user[session], session_start[session]
    popular_weight = np.exp(world.post_quality[pool])
    popular = pool[rng.choice(len(pool), len(user), p=popular_weight / popular_weight.sum())]
    explore = pool[rng.integers(0, len(pool), len(user))]
    followed = _from_followed(rng, world, pool, user, second, fallback=popular)
    source = rng.choice(len(SOURCES), len(user), p=list(SOURCES.values()))
    post = np.choose(source, [followed, popular, explore])
    position = np.tile(np.arange(SLATE_SIZE), len(session_start))
    slate = pd.DataFrame({"session": session, "post": post}).duplicated().to_numpy()
    keep = ~slate
    return {
        "user": user[keep],
        "post": post[keep],
        "second": (second + 5 * position)[keep],
    }


def _from_followed(
    rng: np.random.Generator,
    world: _World,
    pool: np.ndarray,
    user: np.ndarray,
    second: np.ndarray,
    fallback: np.ndarray,
) -> np.ndarray:
    """A post of the pool by an author the user follows at that moment, else `fallback`."""
    slot = rng.integers(0, world.follow_author.shape[1], len(user))
    author = world.follow_author[user, slot]
    by_author = pool[np.argsort(world.post_author[pool], kind="stable")]
    counts = np.bincount(world.post_author[pool], minlength=len(world.author_ids))
    starts = np.cumsum(counts) - counts
    has_post = (counts[author] > 0) & (world.follow_second[user, slot] < second)
    pick = starts[author] + np.floor(rng.random(len(user)) * counts[author]).astype(int)
    chosen = by_author[np.minimum(pick, len(by_author) - 1)]
    return np.where(has_post, chosen, fallback)


def _engagement(
    rng: np.random.Generator, world: _World, shown: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    user, post, second = shown["user"], shown["post"], shown["second"]
    author = world.post_author[post]
    taste = world.taste[user, world.post_topic[post]]
    follows = (world.follow_since[user, author] <= second).astype(float)
    age_hours = (second - world.post_second[post]) / 3_600
    fresh = np.exp(-age_hours / 12.0)  # most clicks come in a post's first hours
    click_logit = (
        -2.9
        + 5.0 * taste
        + 0.9 * follows
        + 0.6 * world.post_quality[post]
        + 1.5 * fresh
        + FORMAT_CLICK[world.post_format[post]]
    )
    clicked = rng.random(len(user)) < _sigmoid(click_logit)
    # Charm wins likes from followers much more than from passers-by.
    like_logit = -1.6 + 2.5 * taste + follows * (0.8 + 1.2 * world.charm[author])
    liked = clicked & (rng.random(len(user)) < _sigmoid(like_logit + 0.3 * world.charm[author]))
    video = world.post_format[post] == FORMATS.index("video")
    read = np.exp(
        np.log(12.0)
        + 1.4 * taste * (1.0 + video)  # a video on a loved topic is watched to the end
        + 0.4 * world.post_quality[post]
        + FORMAT_DWELL[world.post_format[post]]
        + rng.normal(0.0, 0.6, len(user))
    )
    dwell = np.where(clicked, read, rng.uniform(0.3, 3.0, len(user)))
    return {"clicked": clicked, "liked": liked, "dwell": dwell}


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-values))
