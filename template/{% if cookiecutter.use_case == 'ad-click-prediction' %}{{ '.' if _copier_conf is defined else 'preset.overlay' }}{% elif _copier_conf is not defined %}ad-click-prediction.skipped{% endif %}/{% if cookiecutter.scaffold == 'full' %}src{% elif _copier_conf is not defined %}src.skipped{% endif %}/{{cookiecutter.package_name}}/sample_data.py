"""A seeded sample of users, ads and ad impressions with clicks, with real structure.

A click is a coin flip whose log-odds add up hidden effects: how click-prone the user is,
the advertiser's appeal (which drifts over the period), the campaign, the creative, the
site, the hour of day, the device and format (video works on mobile), the user segment's
taste for the ad's vertical, and a bonus when the site's topic matches the ad's vertical.
The click-through rate is about 3%. Features see these effects only through ids and noisy
click counts, so a model learns a lot and not everything.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .entities import DEVICES

SEGMENTS = (
    "students",
    "parents",
    "gamers",
    "travellers",
    "professionals",
    "retirees",
    "sports_fans",
    "shoppers",
)
VERTICALS = ("travel", "finance", "retail", "gaming", "auto", "food", "health", "tech")
FORMATS = ("banner", "video", "native")
BASE_LOGIT = -4.3
HOUR_WEIGHTS = 1.0 + 0.7 * np.cos(2 * np.pi * (np.arange(24) - 20) / 24)
DEVICE_EFFECT = np.array([0.15, -0.15, 0.0])
# rows: devices (mobile, desktop, tablet); columns: formats (banner, video, native)
FORMAT_ON_DEVICE = np.array([[-0.3, 0.5, 0.2], [0.1, -0.4, 0.0], [-0.1, 0.3, 0.1]])


def generate(
    seed: int = 5,
    users: int = 3000,
    advertisers: int = 25,
    ads: int = 300,
    sites: int = 30,
    days: int = 35,
    impressions_per_day: int = 2500,
    start: str = "2026-01-01",
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    origin = pd.Timestamp(start)
    world = _World(rng, users, advertisers, ads, sites, days)
    impressions = _impressions(rng, world, days, impressions_per_day, origin)
    return {
        "users": world.user_table(origin),
        "ads": world.ad_table(origin),
        "impressions": impressions,
    }


class _World:
    """The hidden effects of every user, advertiser, campaign, ad and site."""

    def __init__(
        self,
        rng: np.random.Generator,
        users: int,
        advertisers: int,
        ads: int,
        sites: int,
        days: int,
    ) -> None:
        self.days = days
        self.segment = rng.choice(len(SEGMENTS), users, p=_shares(rng, len(SEGMENTS)))
        self.user_effect = rng.normal(0.0, 0.6, users)
        self.user_weight = _normalized(rng.lognormal(0.0, 1.0, users))
        self.main_device = rng.choice(len(DEVICES), users, p=[0.6, 0.3, 0.1])
        self.taste = rng.normal(0.0, 0.6, (len(SEGMENTS), len(VERTICALS)))

        self.advertiser_vertical = rng.integers(0, len(VERTICALS), advertisers)
        self.advertiser_effect = rng.normal(0.0, 0.5, advertisers)
        self.advertiser_trend = rng.normal(0.0, 0.8, advertisers)  # change over the period
        campaigns = advertisers * 4
        self.campaign_advertiser = np.concatenate(
            [np.arange(advertisers), rng.integers(0, advertisers, campaigns - advertisers)]
        )
        self.campaign_effect = rng.normal(0.0, 0.35, campaigns)
        self.ad_campaign = rng.integers(0, campaigns, ads)
        self.ad_format = rng.choice(len(FORMATS), ads, p=[0.5, 0.2, 0.3])
        self.ad_effect = rng.normal(0.0, 0.25, ads)
        # most ads run from the start; a fifth launch during the period (cold start)
        launch = rng.integers(1, max(days - 3, 2), ads)
        self.ad_launch_day = np.where(rng.random(ads) < 0.2, launch, -rng.integers(1, 60, ads))

        self.site_topic = rng.integers(0, len(VERTICALS), sites)
        self.site_effect = rng.normal(0.0, 0.5, sites)
        self.site_weight = _normalized(1.0 / (np.arange(sites) + 1.0) ** 0.8)

    def ad_advertiser(self) -> np.ndarray:
        return self.campaign_advertiser[self.ad_campaign]

    def logit(self, shown: dict[str, np.ndarray]) -> np.ndarray:
        """The log-odds of a click for impressions given as index arrays (user, ad, ...)."""
        user, ad, site, device = shown["user"], shown["ad"], shown["site"], shown["device"]
        hour, day = shown["hour"], shown["day"]
        advertiser = self.ad_advertiser()[ad]
        vertical = self.advertiser_vertical[advertiser]
        progress = day / max(self.days - 1, 1) - 0.5
        return (
            BASE_LOGIT
            + self.user_effect[user]
            + self.advertiser_effect[advertiser]
            + self.advertiser_trend[advertiser] * progress
            + self.campaign_effect[self.ad_campaign[ad]]
            + self.ad_effect[ad]
            + self.site_effect[site]
            + 0.6 * (self.site_topic[site] == vertical)
            + self.taste[self.segment[user], vertical]
            + DEVICE_EFFECT[device]
            + FORMAT_ON_DEVICE[device, self.ad_format[ad]]
            + 0.3 * np.cos(2 * np.pi * (hour - 21) / 24)
        )

    def user_table(self, origin: pd.Timestamp) -> pd.DataFrame:
        count = len(self.segment)
        return pd.DataFrame(
            {
                "user_id": [f"u{index:05d}" for index in range(count)],
                "updated_at": origin - pd.to_timedelta(np.arange(count) % 300 + 1, unit="D"),
                "segment": np.asarray(SEGMENTS)[self.segment],
            }
        )

    def ad_table(self, origin: pd.Timestamp) -> pd.DataFrame:
        advertiser = self.ad_advertiser()
        return pd.DataFrame(
            {
                "ad_id": [f"ad{index:04d}" for index in range(len(self.ad_campaign))],
                "updated_at": origin + pd.to_timedelta(self.ad_launch_day, unit="D"),
                "advertiser_id": [f"adv{index:03d}" for index in advertiser],
                "campaign_id": [f"cmp{index:04d}" for index in self.ad_campaign],
                "ad_format": np.asarray(FORMATS)[self.ad_format],
                "vertical": np.asarray(VERTICALS)[self.advertiser_vertical[advertiser]],
            }
        )


def _impressions(
    rng: np.random.Generator, world: _World, days: int, per_day: int, origin: pd.Timestamp
) -> pd.DataFrame:
    total = days * per_day
    day = np.repeat(np.arange(days), per_day)
    user = rng.choice(len(world.user_weight), total, p=world.user_weight)
    site = rng.choice(len(world.site_weight), total, p=world.site_weight)
    device = np.where(
        rng.random(total) < 0.8, world.main_device[user], rng.integers(0, len(DEVICES), total)
    )
    hour = rng.choice(24, total, p=_normalized(HOUR_WEIGHTS))
    ad = np.empty(total, dtype=int)
    for today in range(days):  # only ads that have launched can be shown
        live = np.flatnonzero(world.ad_launch_day <= today)
        rows = slice(today * per_day, (today + 1) * per_day)
        ad[rows] = rng.choice(live, per_day)
    shown = {"user": user, "ad": ad, "site": site, "device": device, "hour": hour, "day": day}
    probability = 1.0 / (1.0 + np.exp(-world.logit(shown)))
    seconds = hour * 3600 + rng.integers(0, 3600, total)
    frame = pd.DataFrame(
        {
            "user_id": [f"u{index:05d}" for index in user],
            "ad_id": [f"ad{index:04d}" for index in ad],
            "site_id": [f"site{index:03d}" for index in site],
            "device": np.asarray(DEVICES)[device],
            "shown_at": origin + pd.to_timedelta(day * 86_400 + seconds, unit="s"),
            "clicked": rng.random(total) < probability,
        }
    )
    frame = frame.sort_values("shown_at", ignore_index=True)
    frame.insert(0, "impression_id", [f"imp{index:08d}" for index in range(total)])
    return frame


def _shares(rng: np.random.Generator, count: int) -> np.ndarray:
    return _normalized(rng.uniform(0.5, 1.5, count))


def _normalized(weights: np.ndarray) -> np.ndarray:
    return weights / weights.sum()
