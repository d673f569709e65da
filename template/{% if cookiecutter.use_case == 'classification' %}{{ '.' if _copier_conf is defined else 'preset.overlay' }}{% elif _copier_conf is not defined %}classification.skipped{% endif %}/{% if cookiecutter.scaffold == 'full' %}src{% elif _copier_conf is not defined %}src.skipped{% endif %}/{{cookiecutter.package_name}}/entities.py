"""The core entities of a churn system and the raw tables that describe them.

Customer     someone with a subscription: a plan, a region, a sign-up date.
Activity     what a customer does, as timestamped events (login, purchase, support ticket).
ChurnLabel   whether a customer left in the 30 days after a moment we looked at them.
"""

from __future__ import annotations

from .schema import Column, TableSchema

ENTITY = "customer_id"
LABEL = "churned"

CUSTOMERS = TableSchema(
    name="customers",
    description="One row per customer profile version.",
    timestamp="updated_at",
    by_date=False,
    columns=(
        Column(ENTITY, "id", "the customer's stable id"),
        Column("updated_at", "timestamp", "when this version of the profile took effect"),
        Column("signup_at", "timestamp", "when the customer signed up"),
        Column("plan", "category", "subscription plan: basic, standard or premium"),
        Column("region", "category", "sales region"),
    ),
)

ACTIVITY = TableSchema(
    name="activity",
    description="One row per customer event.",
    timestamp="event_at",
    columns=(
        Column(ENTITY, "id", references="customers.customer_id"),
        Column("event_at", "timestamp", "when the event happened"),
        Column("event_type", "category", "login, purchase or support_ticket"),
        Column("amount", "float", "money spent (purchases; 0 otherwise)"),
    ),
)

CHURN_LABELS = TableSchema(
    name="churn_labels",
    description="One row per observation: did the customer churn in the next 30 days?",
    timestamp="observed_at",
    columns=(
        Column(ENTITY, "id", references="customers.customer_id"),
        Column("observed_at", "timestamp", "the moment of the observation (the prediction time)"),
        Column(LABEL, "bool", "true when the customer left within 30 days after observed_at"),
    ),
)

TABLES = {schema.name: schema for schema in (CUSTOMERS, ACTIVITY, CHURN_LABELS)}

# data.source: snapshot (one table, one row per entity or observation): its label is true or false.
SNAPSHOT_LABEL_KIND = "bool"
