"""releases.toml, CHANGELOG.md and the tags tell the same story."""

from __future__ import annotations

import re
import subprocess
import tomllib

from packaging.version import Version

from tests.engines import REPO
from tests.releases import RELEASES_FILE, releases

SECTION = re.compile(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d\d-\d\d)\)$", re.M)


def test_releases_are_listed_oldest_first_each_at_a_commit_of_this_history():
    versions = [Version(release.version) for release in releases()]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    for release in releases():
        assert re.fullmatch(r"[0-9a-f]{40}", release.commit), release
        found = subprocess.run(
            ["git", "cat-file", "-e", f"{release.commit}^{{commit}}"], cwd=REPO, check=False
        )
        assert found.returncode == 0, f"{release.version}: {release.commit} is not in the history"


def test_the_changelog_has_a_section_per_release_with_its_date():
    dates = {
        row["version"]: str(row["date"])
        for row in tomllib.loads(RELEASES_FILE.read_text())["release"]
    }
    sections = dict(SECTION.findall((REPO / "CHANGELOG.md").read_text()))
    assert sections == dates


def test_a_release_tag_where_present_points_at_the_release_commit():
    for release in releases():
        tagged = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{release.tag}^{{commit}}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        if tagged.returncode == 0:  # a clone need not carry the tags
            assert tagged.stdout.strip() == release.commit, release.tag
