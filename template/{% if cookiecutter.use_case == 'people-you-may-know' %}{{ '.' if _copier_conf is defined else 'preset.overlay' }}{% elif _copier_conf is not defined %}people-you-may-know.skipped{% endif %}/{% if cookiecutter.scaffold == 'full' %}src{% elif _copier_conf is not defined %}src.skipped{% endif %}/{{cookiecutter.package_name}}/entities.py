"""The core entities of "people you may know" and the raw tables that describe them.

Person       a member of the network, with a community, a school and a city.
Connection   a friendship between two people, from the moment it was made (undirected).
Suggestion   one person suggested to another at one moment, and whether the two connected
             within the label horizon after it (the outcome the model learns).
"""

from __future__ import annotations

from .schema import Column, TableSchema

USER = "user_id"
CANDIDATE = "candidate_id"
FRIEND = "friend_id"
LABEL = "connected"

USERS = TableSchema(
    name="users",
    description="One row per person (profile version).",
    timestamp="joined_at",
    by_date=False,
    columns=(
        Column(USER, "id", "the person's stable id"),
        Column("joined_at", "timestamp", "when the person joined (this profile holds from then)"),
        Column("community", "category", "the group the person declared (workplace, club)"),
        Column("school", "category", "the school the person went to"),
        Column("city", "category", "where the person lives"),
    ),
)

CONNECTIONS = TableSchema(
    name="connections",
    description="One row per friendship; the pair is unordered.",
    timestamp="created_at",
    columns=(
        Column(USER, "id", "one side of the friendship", references="users.user_id"),
        Column(FRIEND, "id", "the other side", references="users.user_id"),
        Column("created_at", "timestamp", "when the two became friends"),
    ),
)

SUGGESTIONS = TableSchema(
    name="suggestions",
    description="One row per person suggested to a user, with its outcome.",
    timestamp="suggested_at",
    columns=(
        Column(USER, "id", "who saw the suggestion", references="users.user_id"),
        Column(CANDIDATE, "id", "who was suggested", references="users.user_id"),
        Column("suggested_at", "timestamp", "when it was shown (the prediction time)"),
        Column(LABEL, "bool", "true when the two connected within the horizon after it"),
    ),
)

TABLES = {schema.name: schema for schema in (USERS, CONNECTIONS, SUGGESTIONS)}
