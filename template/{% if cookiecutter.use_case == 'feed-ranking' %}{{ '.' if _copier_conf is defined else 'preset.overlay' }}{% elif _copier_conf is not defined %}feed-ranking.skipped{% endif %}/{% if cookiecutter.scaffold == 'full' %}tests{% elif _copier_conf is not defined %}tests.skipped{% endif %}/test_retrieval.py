import pandas as pd

from {{ cookiecutter.package_name }}.online.retrieval import PostIndex

DAY = 86_400
NOW = pd.Timestamp("2026-01-10")
EPOCH = (NOW - pd.Timestamp(0)).total_seconds()

POSTS = pd.DataFrame(
    {
        "post_id": ["old", "a1", "a2", "b1", "b2", "c1", "future"],
        "author_id": ["a", "a", "a", "b", "b", "c", "a"],
        "created_epoch": [
            EPOCH - 10 * DAY,
            EPOCH - 2 * DAY,
            EPOCH - 1 * DAY,
            EPOCH - 2 * DAY,
            EPOCH - 0.5 * DAY,
            EPOCH - 1 * DAY,
            EPOCH + DAY,
        ],
        "post_clicks_3d": [99, 1, 2, 30, 20, 10, 50],
    }
)


def test_a_new_user_gets_the_most_clicked_fresh_posts():
    index = PostIndex.from_posts(POSTS, recent_days=3)
    assert index.candidates([], NOW, 3) == ["b1", "b2", "c1"]


def test_followed_authors_come_first_newest_first():
    index = PostIndex.from_posts(POSTS, recent_days=3)
    assert index.candidates(["a"], NOW, 4) == ["a2", "a1", "b1", "b2"]


def test_never_a_stale_post_nor_one_from_the_future():
    index = PostIndex.from_posts(POSTS, recent_days=3)
    candidates = index.candidates(["a"], NOW, 50)
    assert "old" not in candidates and "future" not in candidates
    assert len(candidates) == len(set(candidates)) == 5


def test_a_quiet_period_still_gets_the_last_fresh_posts():
    index = PostIndex.from_posts(POSTS, recent_days=3)
    later = NOW + pd.Timedelta(days=20)  # nothing published in the three days before
    assert set(index.candidates([], later, 50)) == {"a1", "a2", "b1", "b2", "c1", "future"}


def test_before_the_first_post_there_is_nothing():
    index = PostIndex.from_posts(POSTS, recent_days=3)
    assert index.candidates(["a"], pd.Timestamp("2000-01-01"), 10) == []
