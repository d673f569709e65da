"""A second data set, shaped unlike the default sample: Avazu/Criteo-style mobile ad logs.

What a team brings from a mobile ad exchange: a click-through rate near 2 % (the sample's
is 3 %, the features' smoothing prior too); hashed, high-cardinality ids (hex site and
device ids, numeric creative and campaign ids) with a long tail of devices seen once and
of sites seen a few times; creatives that keep launching, and advertisers that first bid
in the last week; banner sizes for formats and hashed app categories for verticals, none
of them the sample's words; mostly mobile traffic, clicks at lunchtime. Written as files
with a team's own column names: epoch-second times, ISO text, 0/1 clicks, columns the
schema does not name, and impressions of devices the user file does not list (dropped
with `unknown_references: drop`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

# Hashed app categories, as Avazu writes them, with their share of advertisers.
CATEGORIES = ("f95efa07", "0f2161f8", "cef3e649", "8ded1f7a", "d1327cf5", "dc97ec06", "75d80bbe")
CATEGORY_SHARES = (0.3, 0.2, 0.15, 0.12, 0.1, 0.08, 0.05)
BANNERS = ("320x50", "300x250", "728x90", "320x480")
AUDIENCES = tuple(f"dmp-{code}" for code in (1093, 1171, 1548, 2210, 2674, 3130, 3380, 4095))
DEVICES = ("mobile", "tablet", "desktop")  # the schema's words, recoded from device_type codes
DEVICE_SHARES = (0.75, 0.1, 0.15)
# rows: devices; columns: banner sizes. Small banners on phones, leaderboards on desktops.
BANNER_ON_DEVICE = np.array([[0.3, 0.0, -0.8, 0.5], [-0.2, 0.3, 0.0, 0.2], [-0.6, 0.1, 0.5, -0.5]])
BASE_LOGIT = -4.7
DAY = 86_400


def write_exchange_tables(
    folder: Path,
    seed: int = 21,
    devices: int = 7000,
    advertisers: int = 60,
    sites: int = 300,
    days: int = 21,
    per_day: int = 1100,
) -> dict:
    """Write device profiles, creatives and the impression log into `folder`; the
    `data.tables` config that maps them onto the preset's schema."""
    rng = np.random.default_rng(seed)
    start = int(pd.Timestamp("2014-10-21", tz="UTC").timestamp())

    # advertisers: a category, an appeal; a few first bid in the last week
    category = rng.choice(len(CATEGORIES), advertisers, p=CATEGORY_SHARES)
    appeal = rng.normal(0.0, 0.7, advertisers)
    first_day = np.where(rng.random(advertisers) < 0.1, days - rng.integers(2, 7, advertisers), 0)
    # campaigns of 1-5 per advertiser, creatives of 2-8 per campaign, launching all along
    campaign_of = np.repeat(np.arange(advertisers), rng.integers(1, 6, advertisers))
    campaign_effect = rng.normal(0.0, 0.3, len(campaign_of))
    creative_campaign = np.repeat(np.arange(len(campaign_of)), rng.integers(2, 9, len(campaign_of)))
    creatives = len(creative_campaign)
    creative_advertiser = campaign_of[creative_campaign]
    launch = np.maximum(
        first_day[creative_advertiser],
        np.where(rng.random(creatives) < 0.3, rng.integers(0, days, creatives), -30),
    )
    banner = rng.choice(len(BANNERS), creatives, p=[0.45, 0.3, 0.15, 0.1])
    creative_effect = rng.normal(0.0, 0.25, creatives)

    # devices: a long tail (most are seen once or twice), an audience, a click habit
    audience = rng.choice(len(AUDIENCES), devices)
    taste = rng.normal(0.0, 0.5, (len(AUDIENCES), len(CATEGORIES)))
    habit = rng.normal(0.0, 0.5, devices)
    activity = rng.lognormal(0.0, 1.4, devices)
    main_device = rng.choice(len(DEVICES), devices, p=DEVICE_SHARES)
    site_effect = rng.normal(0.0, 0.9, sites)
    site_weight = 1.0 / (np.arange(sites) + 1.0) ** 1.1

    total = days * per_day
    day = np.repeat(np.arange(days), per_day)
    user = rng.choice(devices, total, p=activity / activity.sum())
    site = rng.choice(sites, total, p=site_weight / site_weight.sum())
    device = np.where(rng.random(total) < 0.9, main_device[user], rng.choice(3, total))
    # traffic peaks in the evening, clicks at lunchtime
    traffic = 1.0 + 0.6 * np.cos(2 * np.pi * (np.arange(24) - 20) / 24)
    hour = rng.choice(24, total, p=traffic / traffic.sum())
    creative = np.empty(total, dtype=int)
    for today in range(days):  # a creative runs once launched, the new ones more
        live = np.flatnonzero(launch <= today)
        push = np.where(today - launch[live] < 3, 3.0, 1.0)
        creative[day == today] = rng.choice(live, per_day, p=push / push.sum())
    advertiser = creative_advertiser[creative]
    logit = (
        BASE_LOGIT
        + appeal[advertiser]
        + campaign_effect[creative_campaign[creative]]
        + creative_effect[creative]
        + site_effect[site]
        + habit[user]
        + taste[audience[user], category[advertiser]]
        + BANNER_ON_DEVICE[device, banner[creative]]
        + 0.35 * np.cos(2 * np.pi * (hour - 13) / 24)
    )
    clicked = rng.random(total) < 1.0 / (1.0 + np.exp(-logit))
    shown_at = start + day * DAY + hour * 3600 + rng.integers(0, 3600, total)
    order = np.argsort(shown_at, kind="stable")

    device_ids = np.array([f"{value:08x}" for value in rng.choice(2**32, devices, replace=False)])
    site_ids = np.array([f"{value:08x}" for value in rng.choice(2**32, sites, replace=False)])
    advertiser_ids = np.array([f"{value:08x}" for value in rng.choice(2**32, advertisers)])
    listed = rng.random(devices) > 0.04  # the DMP does not know every device
    pd.DataFrame(
        {
            "device_id": device_ids[listed],
            "first_seen": (
                pd.Timestamp(start, unit="s", tz="UTC")
                - pd.to_timedelta(rng.integers(1, 200, devices)[listed], unit="D")
            ).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "dmp_audience": np.asarray(AUDIENCES)[audience[listed]],
            "device_model": rng.choice(["iPhone", "SM-G900", "Nexus 5", "iPad"], listed.sum()),
        }
    ).to_csv(folder / "devices.csv", index=False)
    pd.DataFrame(
        {
            "C14": 15_000 + np.arange(creatives) * 11,
            "launched": start + launch * DAY,
            "advertiser": advertiser_ids[creative_advertiser],
            "C17": 1_700 + creative_campaign,
            "banner_size": np.asarray(BANNERS)[banner],
            "app_category": np.asarray(CATEGORIES)[category[creative_advertiser]],
        }
    ).to_csv(folder / "creatives.csv", index=False)
    pd.DataFrame(
        {
            "id": [f"1000{value:016d}" for value in rng.choice(10**15, total, replace=False)],
            "click": clicked.astype(int),
            "ts": shown_at,
            "device_id": device_ids[user],
            "site_id": site_ids[site],
            "C14": 15_000 + creative * 11,
            "device_type": np.asarray(DEVICES)[device],
            "banner_pos": rng.choice([0, 1], total, p=[0.7, 0.3]),
        }
    ).iloc[order].to_parquet(folder / "impressions.parquet", index=False)
    return {
        "users": {
            "path": str(folder / "devices.csv"),
            "columns": {
                "device_id": "user_id",
                "first_seen": "updated_at",
                "dmp_audience": "segment",
            },
        },
        "ads": {
            "path": str(folder / "creatives.csv"),
            "columns": {
                "C14": "ad_id",
                "launched": "updated_at",
                "advertiser": "advertiser_id",
                "C17": "campaign_id",
                "banner_size": "ad_format",
                "app_category": "vertical",
            },
            "epoch_units": {"updated_at": "s"},
        },
        "impressions": {
            "path": str(folder / "impressions.parquet"),
            "columns": {
                "id": "impression_id",
                "click": "clicked",
                "ts": "shown_at",
                "device_id": "user_id",
                "C14": "ad_id",
                "device_type": "device",
            },
            "epoch_units": {"shown_at": "s"},
            "unknown_references": "drop",
        },
    }
