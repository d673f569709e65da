"""A seeded sample of users, items and impressions, with real structure.

Users have a few favourite categories (a peaky Dirichlet preference); items have a
category and an intrinsic appeal that makes some of them popular. The feed that produced
the impressions already mixes popular items, items from the user's favourite categories
and random exploration; a user clicks what matches their taste and what is appealing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CATEGORIES = ("books", "music", "movies", "games", "sports", "garden", "kitchen", "fashion")
SLATE_SIZE = 8
SOURCES = {"popular": 0.4, "favourite_category": 0.4, "explore": 0.2}


def generate(
    seed: int = 11, users: int = 800, items: int = 400, days: int = 60, start: str = "2026-01-01"
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    origin = pd.Timestamp(start)
    item_category = rng.integers(0, len(CATEGORIES), items)
    appeal = rng.normal(0.0, 1.0, items)
    taste = rng.dirichlet(np.full(len(CATEGORIES), 0.3), users)
    catalog = pd.DataFrame(
        {
            "item_id": [f"i{index:04d}" for index in range(items)],
            "updated_at": origin - pd.Timedelta(days=30),
            "category": np.asarray(CATEGORIES)[item_category],
            "price": np.round(rng.lognormal(3.0, 0.5, items), 2),
        }
    )
    people = pd.DataFrame(
        {
            "user_id": [f"u{index:05d}" for index in range(users)],
            "signed_up_at": origin - pd.to_timedelta(rng.integers(1, 365, users), unit="D"),
        }
    )
    shown = _slates(rng, taste, item_category, appeal, days)
    logit = (
        -2.2
        + 6.0 * taste[shown["user"], item_category[shown["item"]]]
        + 0.8 * appeal[shown["item"]]
    )
    clicked = rng.random(len(logit)) < 1.0 / (1.0 + np.exp(-logit))
    impressions = pd.DataFrame(
        {
            "user_id": people["user_id"].to_numpy()[shown["user"]],
            "item_id": catalog["item_id"].to_numpy()[shown["item"]],
            "shown_at": origin + pd.to_timedelta(shown["second"], unit="s"),
            "clicked": clicked,
        }
    ).sort_values("shown_at", ignore_index=True)
    return {"users": people, "items": catalog, "impressions": impressions}


def _slates(
    rng: np.random.Generator,
    taste: np.ndarray,
    item_category: np.ndarray,
    appeal: np.ndarray,
    days: int,
) -> dict[str, np.ndarray]:
    """Which user saw which item when: one slate per session, about one session in two days."""
    users, categories = taste.shape
    sessions = rng.poisson(0.5, (users, days))
    user, day = np.nonzero(sessions)
    user, day = np.repeat(user, sessions[user, day]), np.repeat(day, sessions[user, day])
    user, day = np.repeat(user, SLATE_SIZE), np.repeat(day, SLATE_SIZE)
    popularity = np.exp(appeal) / np.exp(appeal).sum()
    source = rng.choice(len(SOURCES), len(user), p=list(SOURCES.values()))
    popular = rng.choice(len(appeal), len(user), p=popularity)
    favourite = _sample_categories(rng, taste[user])
    in_favourite = _item_in_category(rng, favourite, item_category, appeal)
    explore = rng.integers(0, len(appeal), len(user))
    item = np.choose(source, [popular, in_favourite, explore])
    second = day * 86_400 + rng.integers(0, 86_400, len(user))
    return {"user": user, "item": item, "second": second}


def _sample_categories(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    cumulative = weights.cumsum(axis=1)
    draws = rng.random((len(weights), 1)) * cumulative[:, -1:]
    return (draws > cumulative).sum(axis=1)


def _item_in_category(
    rng: np.random.Generator, category: np.ndarray, item_category: np.ndarray, appeal: np.ndarray
) -> np.ndarray:
    chosen = np.empty(len(category), dtype=int)
    for value in np.unique(category):
        members = np.flatnonzero(item_category == value)
        if members.size == 0:  # a tiny catalog may lack a category: show anything
            members = np.arange(len(appeal))
        weights = np.exp(appeal[members]) / np.exp(appeal[members]).sum()
        rows = np.flatnonzero(category == value)
        chosen[rows] = rng.choice(members, len(rows), p=weights)
    return chosen
