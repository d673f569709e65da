"""The core entities of a similar-items system and the raw tables that describe them.

Item      a listing in the catalog, with a category, a city and a price.
Session   one visitor's browsing: a few listings viewed, ending on the one they booked.
Anchor    the listing being looked at when similar listings are asked for.
Pair      an (anchor, candidate) pair of listings, keyed by `pair_keys`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .schema import Column, TableSchema

ITEM = "item_id"
ANCHOR = "anchor_id"
SESSION = "session_id"
PAIR = "pair_id"
LABEL = "booked"

# The catalog's categories and cities. The sample draws from these; your own catalog can
# hold any values (the features compare an anchor's value with a candidate's).
CATEGORIES = ("apartment", "house", "room", "loft", "villa")
CITIES = ("lisbon", "porto", "madrid", "seville", "paris", "lyon")

ITEMS = TableSchema(
    name="items",
    description="One row per listing version.",
    timestamp="updated_at",
    by_date=False,
    columns=(
        Column(ITEM, "id", "the listing's stable id"),
        Column("updated_at", "timestamp", "when this version of the listing took effect"),
        Column("category", "category", "the kind of listing, e.g. apartment"),
        Column("city", "category", "where the listing is"),
        Column("price", "float", "nightly price"),
    ),
)

PAGE_VIEWS = TableSchema(
    name="page_views",
    description="One row per listing viewed in a browsing session.",
    timestamp="viewed_at",
    columns=(
        Column(SESSION, "id", "the browsing session"),
        Column(ITEM, "id", "the listing viewed", references="items.item_id"),
        Column("viewed_at", "timestamp", "when it was viewed"),
    ),
)

BOOKINGS = TableSchema(
    name="bookings",
    description="One row per session that ended on a booking: the listing chosen.",
    timestamp="booked_at",
    columns=(
        Column(SESSION, "id", "the browsing session that ended on this booking"),
        Column(ITEM, "id", "the listing booked", references="items.item_id"),
        Column("booked_at", "timestamp", "when it was booked"),
    ),
)

TABLES = {schema.name: schema for schema in (ITEMS, PAGE_VIEWS, BOOKINGS)}


def pair_keys(first: Any, second: Any) -> np.ndarray:
    """One key per unordered pair of listings, `a|b` with a < b, as SQL's `co_views` has it.

    Arrays in, array out: the gateway keys one anchor's candidates, the training set
    every session's, with the same code.
    """
    first = np.asarray(first).astype(str).astype(object)
    second = np.asarray(second).astype(str).astype(object)
    swap = first > second
    return np.where(swap, second, first) + "|" + np.where(swap, first, second)
