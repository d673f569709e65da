"""The table of moved files (hooks/migrations.py) and copier's `_migrations` agree, and
name only releases that exist."""

from __future__ import annotations

import yaml

from hooks.migrations import MOVES, moves_between
from tests.engines import REPO
from tests.releases import releases


def test_copier_runs_the_migration_of_every_release_that_moved_files():
    migrations = yaml.safe_load((REPO / "copier.yml").read_text())["_migrations"]
    moving = [step for step in migrations if "hooks/migrate.py" in " ".join(step["command"])]
    for stage in ("before", "after"):  # set the edits aside, then merge them in
        staged = [step for step in moving if step["command"][-1] == stage]
        assert sorted(str(step["version"]) for step in staged) == sorted(MOVES), stage
        assert all(f"_stage == '{stage}'" in step["when"] for step in staged)


def test_every_release_with_moves_is_a_release():
    known = {release.version for release in releases()}
    assert set(MOVES) <= known


def test_an_update_sees_the_moves_of_the_releases_it_crosses():
    assert moves_between("0.1.0", "0.2.0") == [("0.2.0", move) for move in MOVES["0.2.0"]]
    assert moves_between("0.1.0", "0.2.0.post3.dev0") == moves_between("0.1.0", "0.2.0")
    assert moves_between("0.2.0", "0.3.0") == []
    assert moves_between("0.0.0.post51.dev0", "0.1.0") == []
