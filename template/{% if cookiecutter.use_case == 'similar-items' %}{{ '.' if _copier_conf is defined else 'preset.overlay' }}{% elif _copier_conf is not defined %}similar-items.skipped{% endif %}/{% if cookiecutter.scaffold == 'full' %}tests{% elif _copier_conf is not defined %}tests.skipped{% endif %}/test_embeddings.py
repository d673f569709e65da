"""Item embeddings from co-views: listings viewed together end up close, and a day's
snapshot only knows the co-views before it."""

import numpy as np
import pandas as pd

from {{ cookiecutter.package_name }}.features.embeddings import daily_snapshots, embed, ppmi

ITEMS = pd.DataFrame({"item_id": list("abcdef"), "updated_at": pd.Timestamp("2026-01-01")})


def co_views(pairs: list[tuple[str, str]], day: str) -> pd.DataFrame:
    return pd.DataFrame(
        [(a, b, pd.Timestamp(day) + pd.Timedelta(hours=12)) for a, b in pairs],
        columns=["item_a", "item_b", "viewed_at"],
    )


def two_groups(day: str = "2026-01-02") -> pd.DataFrame:
    """a, b, c are viewed together; so are d, e, f; the two groups never are."""
    together = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")]
    return co_views(together * 3, day)


def test_ppmi_is_zero_where_nothing_co_occurred():
    counts = np.array([[0.0, 2.0, 0.0], [2.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    assert ppmi(counts)[0, 2] == 0.0 and ppmi(counts)[0, 1] > 0.0
    assert not ppmi(np.zeros((3, 3))).any()


def test_listings_viewed_together_are_closer_than_listings_never_viewed_together():
    counts = np.zeros((6, 6))
    for a, b in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]:
        counts[a, b] = counts[b, a] = 3.0
    vectors = embed(counts, dimensions=2)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[4] + 0.5


def test_a_listing_never_co_viewed_has_the_zero_vector():
    counts = np.zeros((3, 3))
    counts[0, 1] = counts[1, 0] = 1.0
    assert not embed(counts, dimensions=2)[2].any()


def cosine(snapshots: pd.DataFrame, at: str, first: str, second: str) -> float:
    rows = snapshots[snapshots["snapshot_at"] == pd.Timestamp(at)].set_index("item_id")
    vectors = rows.filter(like="emb_")
    return float(vectors.loc[first] @ vectors.loc[second])


def test_a_snapshot_holds_from_the_next_midnight_and_ignores_later_co_views():
    days = pd.date_range("2026-01-02", "2026-01-03")
    early = daily_snapshots(two_groups(), ITEMS, days, dimensions=2)
    more = pd.concat([two_groups(), co_views([("a", "f")] * 20, "2026-01-03")])
    later = daily_snapshots(more, ITEMS, days, dimensions=2)
    assert set(early["snapshot_at"]) == {pd.Timestamp("2026-01-03"), pd.Timestamp("2026-01-04")}
    before = early["snapshot_at"] == pd.Timestamp("2026-01-03")
    pd.testing.assert_frame_equal(early[before], later[before])
    assert cosine(later, "2026-01-04", "a", "f") > cosine(early, "2026-01-04", "a", "f") + 0.5


def test_a_listing_joins_the_snapshots_once_listed():
    items = ITEMS.assign(updated_at=[pd.Timestamp("2026-01-03")] + [pd.Timestamp("2026-01-01")] * 5)
    snapshots = daily_snapshots(two_groups(), items, pd.date_range("2026-01-01", "2026-01-03"))
    first = snapshots.groupby("item_id")["snapshot_at"].min()
    assert first["a"] == pd.Timestamp("2026-01-04") and first["b"] == pd.Timestamp("2026-01-02")
