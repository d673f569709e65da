"""The core entities of a search engine and the raw tables that describe them.

Document     something people search for: a title and a body of text.
Query        what someone typed, normalized (lower case, single spaces).
Search       one query answered with a list of documents, and which of them were clicked.
Judgment     a rater's graded relevance (0-3) of one document for one query.
"""

from __future__ import annotations

from .schema import Column, TableSchema

DOC = "doc_id"
QUERY = "query"
LABEL = "relevance"
GRADES = (0, 1, 2, 3)  # not relevant, somewhat, relevant, perfect

DOCUMENTS = TableSchema(
    name="documents",
    description="One row per document version.",
    timestamp="published_at",
    by_date=False,
    columns=(
        Column(DOC, "id", "the document's stable id"),
        Column("published_at", "timestamp", "when this version of the document went live"),
        Column("title", "text", "the title"),
        Column("body", "text", "the body"),
    ),
)

SEARCHES = TableSchema(
    name="searches",
    description="The query log: one row per document shown for a search.",
    timestamp="searched_at",
    columns=(
        Column("search_id", "id", "one id per search (per results page)"),
        Column(QUERY, "category", "the query as typed, normalized"),
        Column(DOC, "id", references="documents.doc_id"),
        Column("position", "int", "1 for the top result"),
        Column("searched_at", "timestamp", "when the search was made"),
        Column("clicked", "bool", "whether the searcher clicked this result"),
    ),
)

JUDGMENTS = TableSchema(
    name="judgments",
    description="One row per (query, document) a rater graded.",
    timestamp="judged_at",
    columns=(
        Column(QUERY, "category", "the query, normalized"),
        Column(DOC, "id", references="documents.doc_id"),
        Column("judged_at", "timestamp", "when the rater graded it"),
        Column(LABEL, "int", "0 not relevant, 1 somewhat, 2 relevant, 3 perfect"),
    ),
)

TABLES = {schema.name: schema for schema in (DOCUMENTS, SEARCHES, JUDGMENTS)}
