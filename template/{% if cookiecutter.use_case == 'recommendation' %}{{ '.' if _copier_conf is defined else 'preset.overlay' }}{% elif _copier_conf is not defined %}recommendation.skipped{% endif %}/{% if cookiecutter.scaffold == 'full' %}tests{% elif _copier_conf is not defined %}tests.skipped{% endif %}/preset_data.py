"""A second data set, shaped unlike the default sample: explicit ratings turned into clicks.

What a team brings from a ratings product (films, books, recipes): people rate what they
chose to see, popularity is heavily skewed, taste lives in latent factors that genres only
partly explain, and the genre names are not the sample's categories. Written as files with
a team's own column names, epoch-second timestamps and yes/no clicks, read through the
documented bring-your-own-data path.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

GENRES = ("noir", "western", "anime", "documentary", "romance", "horror", "musical", "heist")
FACTORS = 6
DAY = 86_400


def write_ratings_tables(
    folder: Path, seed: int = 3, users: int = 500, items: int = 300, days: int = 70
) -> dict:
    """Write users, items and ratings-as-impressions into `folder`; the `data.tables` config
    that maps them onto the preset's schema."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-03-01").timestamp()
    taste = rng.normal(size=(users, FACTORS))
    traits = rng.normal(size=(items, FACTORS))
    # genres follow the latent traits only loosely, as real genre labels do
    mixing = rng.normal(size=(FACTORS, len(GENRES)))
    genre = np.argmax(traits @ mixing + rng.normal(0, 1.5, (items, len(GENRES))), axis=1)
    exposure = 1.0 / np.arange(1, items + 1) ** 1.1  # a few blockbusters, a long tail
    exposure = exposure[rng.permutation(items)]
    rows = []
    for user in range(users):
        affinity = traits @ taste[user] / np.sqrt(FACTORS)
        chance = exposure * np.exp(0.8 * affinity)
        count = int(np.clip(rng.lognormal(3.4, 0.6), 8, items // 2))
        seen = rng.choice(items, count, replace=False, p=chance / chance.sum())
        rating = np.clip(np.round(3.0 + 1.3 * affinity[seen] + rng.normal(0, 0.8, count)), 1, 5)
        moments = start + np.sort(rng.uniform(0, days * DAY, count))
        rows.extend(zip([user] * count, seen, moments, rating, strict=True))
    ratings = pd.DataFrame(rows, columns=["viewer", "film", "rated_at", "stars"])
    pd.DataFrame(
        {
            "viewer": [f"viewer-{n}" for n in range(users)],
            "joined": (start - rng.integers(1, 400, users) * DAY).astype(int),
        }
    ).to_csv(folder / "viewers.csv", index=False)
    pd.DataFrame(
        {
            "film": [f"film {n}" for n in range(items)],  # ids with spaces, as titles have
            "genre": np.asarray(GENRES)[genre],
            "ticket": np.round(rng.lognormal(2.0, 0.3, items), 2),
            "listed": int(start - 60 * DAY),
        }
    ).to_csv(folder / "films.csv", sep="|", index=False)
    pd.DataFrame(
        {
            "viewer": "viewer-" + ratings["viewer"].astype(str),
            "film": "film " + ratings["film"].astype(str),
            "rated_at": ratings["rated_at"].astype(int),
            "liked": np.where(ratings["stars"] >= 4, "yes", "no"),
        }
    ).to_csv(folder / "ratings.csv", index=False)
    return {
        "users": {
            "path": str(folder / "viewers.csv"),
            "columns": {"viewer": "user_id", "joined": "signed_up_at"},
            "epoch_units": {"signed_up_at": "s"},
        },
        "items": {
            "path": str(folder / "films.csv"),
            "csv": {"separator": "|"},
            "columns": {
                "film": "item_id",
                "genre": "category",
                "ticket": "price",
                "listed": "updated_at",
            },
            "epoch_units": {"updated_at": "s"},
        },
        "impressions": {
            "path": str(folder / "ratings.csv"),
            "columns": {
                "viewer": "user_id",
                "film": "item_id",
                "rated_at": "shown_at",
                "liked": "clicked",
            },
            "epoch_units": {"shown_at": "s"},
            "true_values": ["yes"],
            "false_values": ["no"],
        },
    }
