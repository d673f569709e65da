"""A seeded sample of listings, browsing sessions and bookings, with real structure.

Every listing has a city, a category, a hidden style (a unit vector) and a hidden quality;
its price follows its category, its city and its quality. A visitor comes with a city, a
taste (a style), a budget and often a favourite category, and views the listings that fit
them best (with some noise); the session ends on the viewed listing they book, where
quality and the budget count for more. So listings viewed together share a city, a style and a price
band, which is what co-occurrence embeddings can recover, and what was booked depends
on more than similarity, which is what the re-ranker can learn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .entities import CATEGORIES, CITIES

STYLE_DIMENSIONS = 4
CITY_SHARE = np.array([0.25, 0.15, 0.2, 0.1, 0.2, 0.1])
CATEGORY_SHARE = np.array([0.4, 0.2, 0.15, 0.15, 0.1])
CATEGORY_PRICE = np.array([0.0, 0.5, -0.7, 0.2, 1.0])  # log-price offset per category
CITY_PRICE = np.array([0.0, -0.2, 0.1, -0.3, 0.5, 0.0])
NOISE_VIEW = 0.1  # share of views that ignore the visitor's city and taste


def generate(
    seed: int = 7,
    items: int = 400,
    days: int = 60,
    sessions_per_day: int = 80,
    start: str = "2026-01-01",
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    origin = pd.Timestamp(start)
    listing = _listings(rng, items)
    catalog = pd.DataFrame(
        {
            "item_id": [f"l{index:04d}" for index in range(items)],
            "updated_at": origin - pd.Timedelta(days=30),
            "category": np.asarray(CATEGORIES)[listing["category"]],
            "city": np.asarray(CITIES)[listing["city"]],
            "price": np.round(np.exp(listing["log_price"]), 2),
        }
    )
    views, bookings = _sessions(rng, listing, days, sessions_per_day)
    ids = catalog["item_id"].to_numpy()
    page_views = pd.DataFrame(
        {
            "session_id": views["session"],
            "item_id": ids[views["item"]],
            "viewed_at": origin + pd.to_timedelta(views["second"], unit="s"),
        }
    )
    booked = pd.DataFrame(
        {
            "session_id": bookings["session"],
            "item_id": ids[bookings["item"]],
            "booked_at": origin + pd.to_timedelta(bookings["second"], unit="s"),
        }
    )
    return {"items": catalog, "page_views": page_views, "bookings": booked}


def _listings(rng: np.random.Generator, items: int) -> dict[str, np.ndarray]:
    city = rng.choice(len(CITIES), items, p=CITY_SHARE)
    category = rng.choice(len(CATEGORIES), items, p=CATEGORY_SHARE)
    style = _unit(rng.normal(size=(items, STYLE_DIMENSIONS)))
    quality = rng.normal(0.0, 1.0, items)
    log_price = (
        4.2
        + CATEGORY_PRICE[category]
        + CITY_PRICE[city]
        + 0.25 * quality
        + rng.normal(0.0, 0.3, items)
    )
    return {
        "city": city,
        "category": category,
        "style": style,
        "quality": quality,
        "log_price": log_price,
    }


def _sessions(
    rng: np.random.Generator, listing: dict[str, np.ndarray], days: int, per_day: int
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each session views 2 to 10 listings, a few minutes apart, and books the last one.

    Sessions start between 07:00 and 22:00 and never cross midnight, so a day's snapshot
    of features never holds half a session.
    """
    counts = rng.poisson(per_day, days)
    views: dict[str, list] = {"session": [], "item": [], "second": []}
    bookings: dict[str, list] = {"session": [], "item": [], "second": []}
    number = 0
    for day, count in enumerate(counts):
        for _ in range(count):
            viewed, chosen = _browse(rng, listing)
            second = day * 86_400 + int(rng.integers(7 * 3_600, 22 * 3_600))
            gaps = rng.integers(30, 300, len(viewed)).cumsum()
            session = f"s{number:06d}"
            views["session"].extend([session] * len(viewed))
            views["item"].extend(viewed)
            views["second"].extend(second + gaps)
            bookings["session"].append(session)
            bookings["item"].append(chosen)
            bookings["second"].append(second + int(gaps[-1]) + 120)
            number += 1
    as_arrays = {key: np.asarray(value) for key, value in views.items()}
    return as_arrays, {key: np.asarray(value) for key, value in bookings.items()}


def _browse(rng: np.random.Generator, listing: dict[str, np.ndarray]) -> tuple[list[int], int]:
    """The listings one visitor views (in order) and the one they book, viewed last."""
    items = len(listing["city"])
    city = rng.choice(len(CITIES), p=CITY_SHARE)
    taste = _unit(rng.normal(size=(1, STYLE_DIMENSIONS)))[0]
    budget = 4.2 + CITY_PRICE[city] + rng.normal(0.0, 0.5)
    favourite = rng.integers(len(CATEGORIES)) if rng.random() < 0.6 else -1
    fit = (
        3.0 * listing["style"] @ taste
        - 1.5 * np.abs(listing["log_price"] - budget)
        + 1.0 * (listing["category"] == favourite)
        + 0.5 * listing["quality"]
        - 5.0 * (listing["city"] != city)
    )
    length = min(2 + rng.poisson(3), 10, items)
    viewed = np.argsort(-(fit + rng.gumbel(size=items)))[:length]
    noise = rng.random(length) < NOISE_VIEW
    viewed[noise] = rng.integers(0, items, int(noise.sum()))
    viewed = np.asarray(list(dict.fromkeys(viewed.tolist())))
    length = len(viewed)
    price_gap = np.abs(listing["log_price"][viewed] - budget)
    appeal = (
        fit[viewed] + 1.0 * listing["quality"][viewed] - 2.0 * price_gap + rng.gumbel(size=length)
    )
    chosen = int(viewed[np.argmax(appeal)])
    order = [int(item) for item in rng.permutation(viewed) if item != chosen]
    return [*order, chosen], chosen


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
