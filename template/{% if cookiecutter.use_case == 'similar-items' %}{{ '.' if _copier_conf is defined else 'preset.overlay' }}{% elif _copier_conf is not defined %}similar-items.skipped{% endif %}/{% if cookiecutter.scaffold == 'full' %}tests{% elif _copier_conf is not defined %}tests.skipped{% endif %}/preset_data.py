"""A second data set, shaped unlike the default sample: Amazon co-purchase-style shop sessions.

What a team brings from an online shop: products in a category tree (department > leaf),
brands, prices from a few euros to hundreds, a long tail of popularity (a few best sellers
are seen in most sessions, many products are never viewed next to another, so they have no
co-views at all), new products listed during the period and price changes (a product has
several versions). A shopper comes for one leaf category, with a taste, a budget and often
a favourite brand, views a few products of that leaf (sometimes of a sibling leaf: the lens
after the camera) and buys one in a third of the sessions: the one of good quality, near
the budget, of the favourite brand. Written as files with the team's own column names: the
catalog as tab-separated CSV with ISO dates, the clickstream as parquet with epoch
milliseconds, orders as CSV with ISO times in the shop's time zone (+02:00).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

TREE = {
    "Electronics": ("Headphones", "Cameras", "Camera Lenses", "Chargers"),
    "Books": ("Mystery", "Cookbooks", "Science Fiction"),
    "Home & Kitchen": ("Cookware", "Coffee Makers", "Knives"),
    "Sports & Outdoors": ("Tents", "Running Shoes", "Yoga Mats"),
}
BRANDS = {
    "Electronics": ("Sonora", "Pixelon", "Voltix", "Auralis"),
    "Books": ("Penrose Press", "Quill & Co", "Nightjar"),
    "Home & Kitchen": ("Copperleaf", "BrewHaus", "Edgecraft"),
    "Sports & Outdoors": ("TrailPeak", "Stridewell", "Lotus Loom"),
}
LEAVES = tuple(f"{department} > {leaf}" for department, leaves in TREE.items() for leaf in leaves)
DEPARTMENT = np.array([i for i, leaves in enumerate(TREE.values()) for _ in leaves])
LEAF_PRICE = np.log([75, 550, 320, 20, 14, 25, 13, 60, 110, 40, 180, 110, 28])
LEAF_SHARE = np.array([14, 6, 4, 10, 12, 6, 8, 8, 6, 5, 4, 10, 7], dtype=float)
TASTE = 4  # dimensions of the hidden style
DAY = 86_400
SHOP_TIME = pd.Timedelta(hours=2)  # orders are exported in the shop's local time


def write_shop_sessions(
    folder: Path, seed: int = 21, products: int = 320, days: int = 40, sessions_per_day: int = 150
) -> dict:
    """Write the catalog, the clickstream and the orders into `folder`; the `data.tables`
    config that maps them onto the preset's schema."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-04-01")
    shop = _catalog(rng, products, days)
    views, orders = [], []
    for day in range(days):
        listed = shop["listed_day"] <= day - 1  # on sale from the day after listing
        for _ in range(rng.poisson(sessions_per_day)):
            visit = f"visit-{len(views):07d}"
            viewed, bought = _browse(rng, shop, listed)
            second = day * DAY + int(rng.integers(6 * 3_600, 22 * 3_600))
            moments = second + rng.integers(20, 240, len(viewed)).cumsum()
            views.append((visit, viewed, moments))
            if bought is not None:
                orders.append((visit, bought, int(moments[-1]) + int(rng.integers(60, 600))))
    ids = shop["asin"]
    origin = int(start.timestamp())
    pd.DataFrame(
        {
            "visit_id": np.concatenate([[visit] * len(viewed) for visit, viewed, _ in views]),
            "asin": ids[np.concatenate([viewed for _, viewed, _ in views])],
            "ts_ms": (origin + np.concatenate([moments for *_, moments in views])) * 1000
            + rng.integers(0, 1000, sum(len(viewed) for _, viewed, _ in views)),
        }
    ).to_parquet(folder / "clickstream.parquet", index=False)
    local = start + SHOP_TIME + pd.to_timedelta([second for *_, second in orders], unit="s")
    pd.DataFrame(
        {
            "visit_id": [visit for visit, *_ in orders],
            "asin": ids[[item for _, item, _ in orders]],
            "ordered_at": local.strftime("%Y-%m-%dT%H:%M:%S+02:00"),
        }
    ).to_csv(folder / "orders.csv", index=False)
    _versions(rng, shop, start, days).to_csv(folder / "catalog.tsv", sep="\t", index=False)
    return {
        "items": {
            "path": str(folder / "catalog.tsv"),
            "format": "csv",
            "csv": {"separator": "\t"},
            "columns": {
                "asin": "item_id",
                "valid_from": "updated_at",
                "category_path": "category",
                "brand": "city",  # the second attribute a pair may share
                "list_price": "price",
            },
        },
        "page_views": {
            "path": str(folder / "clickstream.parquet"),
            "columns": {"visit_id": "session_id", "asin": "item_id", "ts_ms": "viewed_at"},
            "epoch_units": {"viewed_at": "ms"},
        },
        "bookings": {
            "path": str(folder / "orders.csv"),
            "columns": {"visit_id": "session_id", "asin": "item_id", "ordered_at": "booked_at"},
        },
    }


def _catalog(rng: np.random.Generator, products: int, days: int) -> dict[str, np.ndarray]:
    leaf = rng.choice(len(LEAVES), products, p=LEAF_SHARE / LEAF_SHARE.sum())
    brands = [BRANDS[name] for name in TREE]
    brand_offset = {  # premium and budget brands
        brand: offset
        for names in brands
        for brand, offset in zip(names, np.linspace(0.3, -0.3, len(names)), strict=True)
    }
    brand = np.array([rng.choice(brands[DEPARTMENT[index]]) for index in leaf])
    quality = rng.normal(0.0, 1.0, products)
    log_price = (
        LEAF_PRICE[leaf]
        + np.array([brand_offset[name] for name in brand])
        + 0.2 * quality
        + rng.normal(0.0, 0.25, products)
    )
    exposure = 1.0 / np.arange(1, products + 1) ** 1.1  # a few best sellers, a long tail
    exposure[int(0.75 * products) :] = 1e-6  # the far tail: hardly ever found in the shop
    new = rng.random(products) < 0.15  # listed during the period
    letters = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))
    asin = np.array(["B0" + "".join(rng.choice(letters, 8)) for _ in range(products)])
    return {
        "asin": asin,
        "leaf": leaf,
        "brand": brand,
        "quality": quality,
        "log_price": log_price,
        "style": _unit(rng.normal(size=(products, TASTE))),
        "exposure": np.log(exposure[rng.permutation(products)]),
        "listed_day": np.where(new, rng.integers(1, days - 5, products), -1),
    }


def _browse(
    rng: np.random.Generator, shop: dict[str, np.ndarray], listed: np.ndarray
) -> tuple[np.ndarray, int | None]:
    """The products one shopper views (the first is where the visit landed) and the one
    bought, if any."""
    leaf = rng.choice(len(LEAVES), p=LEAF_SHARE / LEAF_SHARE.sum())
    taste = _unit(rng.normal(size=(1, TASTE)))[0]
    budget = LEAF_PRICE[leaf] + rng.normal(0.0, 0.35)
    department = DEPARTMENT[leaf]
    favourite = rng.choice(BRANDS[list(TREE)[department]]) if rng.random() < 0.5 else None
    # the sibling leaf a shopper drifts to: the lens after the camera, the knife after the pan
    siblings = np.flatnonzero((department == DEPARTMENT) & (np.arange(len(LEAVES)) != leaf))
    sibling = rng.choice(siblings)
    fit = (
        2.0 * shop["style"] @ taste
        - 1.2 * np.abs(shop["log_price"] - budget) * (shop["leaf"] == leaf)
        + 0.8 * (shop["brand"] == favourite)
        + shop["exposure"]
    )
    home, near = listed & (shop["leaf"] == leaf), listed & (shop["leaf"] == sibling)
    length = 1 if rng.random() < 0.3 else min(2 + rng.poisson(2.5), 9)
    chosen = fit + rng.gumbel(size=len(fit))
    viewed = list(np.flatnonzero(home)[np.argsort(-chosen[home])][: max(length - 1, 1)])
    drift = int(rng.binomial(length - len(viewed), 0.7)) if length > len(viewed) else 0
    viewed += list(np.flatnonzero(near)[np.argsort(-chosen[near])][:drift])
    viewed = np.asarray([viewed[0], *rng.permutation(viewed[1:])], dtype=int)
    if len(viewed) < 2 or rng.random() > 0.45:
        return viewed, None
    appeal = (
        1.3 * shop["quality"][viewed]
        - 1.5 * np.abs(shop["log_price"][viewed] - budget)
        + 1.0 * (shop["brand"][viewed] == favourite)
        + 1.0 * shop["style"][viewed] @ taste
        - 1.0 * (shop["leaf"][viewed] != leaf)
        + rng.gumbel(size=len(viewed))
    )
    return viewed, int(viewed[np.argmax(appeal)])


def _versions(
    rng: np.random.Generator, shop: dict[str, np.ndarray], start: pd.Timestamp, days: int
) -> pd.DataFrame:
    """One row per product version: as first listed, and for some a later price change."""
    count = len(shop["asin"])
    first = np.where(shop["listed_day"] < 0, -rng.integers(30, 700, count), shop["listed_day"])
    price = np.round(np.exp(shop["log_price"]), 2)
    changed = rng.random(count) < 0.3
    change_day = np.maximum(first + 1, rng.integers(0, days, count))[changed]
    rows = pd.DataFrame(
        {
            "asin": np.concatenate([shop["asin"], shop["asin"][changed]]),
            "valid_from": np.concatenate([first, change_day]),
            "category_path": np.asarray(LEAVES)[
                np.concatenate([shop["leaf"], shop["leaf"][changed]])
            ],
            "brand": np.concatenate([shop["brand"], shop["brand"][changed]]),
            "list_price": np.concatenate(
                [price, np.round(price[changed] * rng.choice([0.8, 0.9, 1.1], changed.sum()), 2)]
            ),
        }
    )
    rows["valid_from"] = (start + pd.to_timedelta(rows["valid_from"], unit="D")).dt.strftime(
        "%Y-%m-%d"
    )
    return rows.sort_values(["valid_from", "asin"], ignore_index=True)


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
