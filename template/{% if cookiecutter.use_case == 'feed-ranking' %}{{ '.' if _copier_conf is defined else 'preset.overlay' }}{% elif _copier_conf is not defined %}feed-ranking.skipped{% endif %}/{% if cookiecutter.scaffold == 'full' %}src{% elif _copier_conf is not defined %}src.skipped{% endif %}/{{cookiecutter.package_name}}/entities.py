"""The core entities of a feed and the raw tables that describe them.

User        someone who scrolls a feed, follows authors and engages with posts.
Author      someone who publishes posts, mostly on one topic.
Post        one piece of content: an author, a topic, a format, a creation time.
Follow      a user starting to follow an author.
Impression  one post shown to one user, and what the user did with it: clicked, liked,
            and how long they stayed on it (dwell time, in seconds).
"""

from __future__ import annotations

from .schema import Column, TableSchema

USER = "user_id"
AUTHOR = "author_id"
POST = "post_id"

# The engagement a feed impression can earn; each is one head of the ranker.
CLICKED, LIKED, DWELL = "clicked", "liked", "dwell_seconds"


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

AUTHORS = TableSchema(
    name="authors",
    description="One row per author.",
    timestamp="joined_at",
    by_date=False,
    columns=(
        Column(AUTHOR, "id", "the author's stable id"),
        Column("joined_at", "timestamp", "when the author started publishing"),
    ),
)

POSTS = TableSchema(
    name="posts",
    description="One row per post.",
    timestamp="created_at",
    columns=(
        Column(POST, "id", "the post's stable id"),
        Column(AUTHOR, "id", "who published it", references="authors.author_id"),
        Column("created_at", "timestamp", "when it was published"),
        Column("topic", "category", "any text: the features learn the topics from the data"),
        Column("format", "category", "text, photo, video…: the model learns the formats"),
    ),
)

FOLLOWS = TableSchema(
    name="follows",
    description="One row per user starting to follow an author.",
    timestamp="followed_at",
    columns=(
        Column(USER, "id", references="users.user_id"),
        Column(AUTHOR, "id", references="authors.author_id"),
        Column("followed_at", "timestamp", "when the user started following"),
    ),
)

IMPRESSIONS = TableSchema(
    name="impressions",
    description="One row per post shown in a user's feed, with the engagement it got.",
    timestamp="shown_at",
    columns=(
        Column(USER, "id", references="users.user_id"),
        Column(POST, "id", references="posts.post_id"),
        Column("shown_at", "timestamp", "when the post was shown"),
        Column(CLICKED, "bool", "whether the user opened it"),
        Column(LIKED, "bool", "whether the user liked it"),
        Column(DWELL, "float", "seconds the user spent on it"),
    ),
)

TABLES = {schema.name: schema for schema in (USERS, AUTHORS, POSTS, FOLLOWS, IMPRESSIONS)}
