"""The core entities of a recommender and the raw tables that describe them.

User         someone who is shown items and clicks some of them.
Item         something in the catalog, with a category and a price.
Impression   one item shown to one user at one moment, and whether it was clicked.
"""

from __future__ import annotations

from .schema import Column, TableSchema

USER = "user_id"
ITEM = "item_id"
LABEL = "clicked"

USERS = TableSchema(
    name="users",
    description="One row per user.",
    timestamp="signed_up_at",
    by_date=False,
    columns=(
        Column(USER, "id", "the user's stable id"),
        Column("signed_up_at", "timestamp", "when the user signed up"),
    ),
)

ITEMS = TableSchema(
    name="items",
    description="One row per item version.",
    timestamp="updated_at",
    by_date=False,
    columns=(
        Column(ITEM, "id", "the item's stable id"),
        Column("updated_at", "timestamp", "when this version of the item took effect"),
        Column("category", "category", "any text: the features learn the categories from the data"),
        Column("price", "float", "list price"),
    ),
)

IMPRESSIONS = TableSchema(
    name="impressions",
    description="One row per item shown to a user.",
    timestamp="shown_at",
    columns=(
        Column(USER, "id", references="users.user_id"),
        Column(ITEM, "id", references="items.item_id"),
        Column("shown_at", "timestamp", "when the item was shown"),
        Column(LABEL, "bool", "whether the user clicked it"),
    ),
)

TABLES = {schema.name: schema for schema in (USERS, ITEMS, IMPRESSIONS)}
