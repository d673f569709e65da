"""The core entities of an ad click-prediction system and the raw tables that describe them.

User         someone browsing publisher sites, in one audience segment.
Ad           a creative of a campaign of an advertiser, in a format and a vertical.
Site         the publisher page the ad slot is on (context, sent with each request).
Impression   one ad shown to one user on one site and device, and whether it was clicked.
"""

from __future__ import annotations

from typing import Literal, get_args

from .schema import Column, TableSchema

USER = "user_id"
AD = "ad_id"
ADVERTISER = "advertiser_id"
SITE = "site_id"
LABEL = "clicked"

# The device types an ad slot can be on: with your own data, list yours here (the gateway
# refuses any other).
Device = Literal["mobile", "desktop", "tablet"]
DEVICES: tuple[str, ...] = get_args(Device)

USERS = TableSchema(
    name="users",
    description="One row per user profile version.",
    timestamp="updated_at",
    by_date=False,
    columns=(
        Column(USER, "id", "the user's stable (pseudonymous) id"),
        Column("updated_at", "timestamp", "when this version of the profile took effect"),
        Column("segment", "category", "audience segment, e.g. gamers or travellers"),
    ),
)

ADS = TableSchema(
    name="ads",
    description="One row per ad version.",
    timestamp="updated_at",
    by_date=False,
    columns=(
        Column(AD, "id", "the ad's stable id"),
        Column("updated_at", "timestamp", "when this version of the ad took effect"),
        Column(ADVERTISER, "id", "who pays for the ad"),
        Column("campaign_id", "id", "the advertiser's campaign the ad belongs to"),
        Column("ad_format", "category", "banner, video or native"),
        Column("vertical", "category", "the advertiser's industry, e.g. travel or finance"),
    ),
)

IMPRESSIONS = TableSchema(
    name="impressions",
    description="One row per ad shown; `clicked` is joined from the click log.",
    timestamp="shown_at",
    columns=(
        Column("impression_id", "id", "the ad server's id of the impression"),
        Column(USER, "id", references="users.user_id"),
        Column(AD, "id", references="ads.ad_id"),
        Column(SITE, "id", "the publisher site of the ad slot"),
        Column("device", "category", "one of entities.DEVICES"),
        Column("shown_at", "timestamp", "when the ad was shown"),
        Column(LABEL, "bool", "whether the user clicked the ad"),
    ),
)

TABLES = {schema.name: schema for schema in (USERS, ADS, IMPRESSIONS)}
