"""The core entities of a content-moderation system and the raw tables that describe them.

Author           someone who posts; a new account is riskier than an old one.
Post             a piece of text an author published.
ModerationEvent  what happened to a post afterwards: a user reported it, a moderator removed it.
PostLabel        the reviewed verdict on a post: harmful or not.
"""

from __future__ import annotations

from .schema import Column, TableSchema

POST = "post_id"
AUTHOR = "author_id"
TEXT = "text"
LABEL = "harmful"

# What a moderation event records; the author features count them.
REPORT, REMOVAL = "report", "removal"

POSTS = TableSchema(
    name="posts",
    description="One row per published post.",
    timestamp="posted_at",
    columns=(
        Column(POST, "id", "the post's stable id"),
        Column(AUTHOR, "id", "who wrote it", references="authors.author_id"),
        Column("posted_at", "timestamp", "when it was published (the moment it is scored)"),
        # free text is read as a string column, stripped of outer whitespace
        Column(TEXT, "category", "the post's text"),
    ),
)

AUTHORS = TableSchema(
    name="authors",
    description="One row per author account.",
    timestamp="joined_at",
    by_date=False,
    columns=(
        Column(AUTHOR, "id", "the author's stable id"),
        Column("joined_at", "timestamp", "when the account was created"),
    ),
)

MODERATION_EVENTS = TableSchema(
    name="moderation_events",
    description="One row per report by a user or removal by a moderator.",
    timestamp="event_at",
    columns=(
        Column(POST, "id", "the post concerned", references="posts.post_id"),
        Column(AUTHOR, "id", "the post's author", references="authors.author_id"),
        Column("event_at", "timestamp", "when it happened"),
        Column("action", "category", f"{REPORT} or {REMOVAL}"),
    ),
)

POST_LABELS = TableSchema(
    name="post_labels",
    description="One row per reviewed post: the verdict, stamped with the post's own time.",
    timestamp="posted_at",
    columns=(
        Column(POST, "id", references="posts.post_id"),
        Column("posted_at", "timestamp", "when the post was published (the prediction moment)"),
        Column(LABEL, "bool", "true when review found the post harmful"),
    ),
)

TABLES = {schema.name: schema for schema in (POSTS, AUTHORS, MODERATION_EVENTS, POST_LABELS)}
